"""An adaptive test on a parent deck with two sub-decks, as a student takes it: questions from both sub-decks,
and a report that gives mastery only for the sub-decks and skills it asked about."""

import re
import shutil

import pytest
from PySide6.QtCore import Qt

from studyapp.paths import db_path
from studyapp.store import queries
from studyapp.store.db import connect

PARENT = "Quiz"
# Both sub-decks asked leaves at most two questions for Geometry's three skills: one skill goes unasked.
TEST_LENGTH = 3


@pytest.fixture
def data_dir(tmp_path, seeded_data_dir, add_parent_deck):
    directory = tmp_path / "data"
    shutil.copytree(seeded_data_dir, directory)
    db = connect(db_path(directory))
    add_parent_deck(db, directory, parent=PARENT)  # Algebra: skill Equations; Geometry: Angles, Areas, Volumes
    queries.update_profile_settings(db, queries.find_profile(db, "Ada")["id"], {"test_length": TEST_LENGTH})
    db.close()
    return directory


def report_rows(summary) -> dict[str, dict[str, list[str]]]:
    """The report as shown: {"Decks" | "Skills": {name: [mastery, range, asked]}}."""
    report = summary.report
    return {report.topLevelItem(i).text(0): {report.topLevelItem(i).child(j).text(0):
                                             [report.topLevelItem(i).child(j).text(c) for c in (1, 2, 3)]
                                             for j in range(report.topLevelItem(i).childCount())}
            for i in range(report.topLevelItemCount())}


def test_a_test_on_a_parent_deck_asks_both_sub_decks_and_reports_what_it_asked(qtbot, window, open_profile,
                                                                               select_deck, steady_tests):
    open_profile("Ada")
    window.decks.set_test_available(True)  # as once the learner has loaded (steady_tests stands in for it)
    select_deck(PARENT)
    page = window.study
    with qtbot.waitSignal(page.card_shown, timeout=10000):
        qtbot.mouseClick(window.decks.buttons["test"], Qt.LeftButton)
    asked = []
    while window.stack.currentWidget() is not window.summary:
        qtbot.waitUntil(lambda: page.state == "question")
        item = page.card.item
        asked.append(item)
        assert page.reason.text().startswith("Most informative question")
        qtbot.keyClick(page, getattr(Qt, f"Key_{item.options.index(item.answer) + 1}"))
        qtbot.waitUntil(lambda: page.state in ("feedback", "question", "idle")
                        or window.stack.currentWidget() is window.summary)
        if page.state == "feedback":
            qtbot.keyClick(page, Qt.Key_Return)
        qtbot.waitUntil(lambda: page.state in ("question", "idle") or window.stack.currentWidget() is window.summary)

    assert len(asked) == TEST_LENGTH
    by_deck = {name: [i for i in asked if i.prompt.startswith(name.lower())] for name in ("Algebra", "Geometry")}
    assert all(by_deck.values()), "the test asked only one sub-deck"
    rows = report_rows(window.summary)
    assert set(rows["Decks"]) == {f"{PARENT}::Algebra", f"{PARENT}::Geometry"}
    for name, items in by_deck.items():
        assert rows["Decks"][f"{PARENT}::{name}"][2] == f"{len(items)} of 6"
    skills_asked = {i.skill for i in asked}
    assert set(rows["Skills"]) == {"Equations", "Angles", "Areas", "Volumes"}
    assert skills_asked < set(rows["Skills"])
    for skill, (mastery, likely, count) in rows["Skills"].items():
        n = sum(1 for i in asked if i.skill == skill)
        assert count == f"{n} of {6 if skill == 'Equations' else 2}"
        if n:
            assert re.fullmatch(r"\d+%", mastery) and re.fullmatch(r"\d+–\d+%", likely)
        else:  # a skill it did not ask about: predicted, with no range, and never advised
            assert mastery.startswith("predicted") and mastery.endswith("not asked") and likely == ""
            assert skill not in window.summary.advice.text()
