"""The mastery report behind the statistics screen: answered items only, per deck and skill, with a band."""

import pytest

from studyapp.content.model import Deck, ImportBundle, Item
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.store.importer import import_bundle
from studyapp.study.overview import mastery_report

NOW = 1_767_225_600_000


class KnowingPredictor:
    """Knows the items of skill "add" well and the rest half."""

    def knowledge(self, items, now_ms):
        return [0.9 if i.skill == "add" else 0.5 for i in items]


@pytest.fixture
def setup(tmp_path):
    db = connect(tmp_path / "db.sqlite3")
    adding = [Item("basic", f"{n}+1", str(n + 1), skill="add", guid=f"a{n}") for n in range(4)]
    times = [Item("basic", f"{n}*2", str(2 * n), skill="times", guid=f"t{n}") for n in range(4)]
    import_bundle(db, tmp_path, ImportBundle(decks=[Deck("Maths::Adding", items=adding),
                                                    Deck("Maths::Times", items=times),
                                                    Deck("Other", items=[Item("basic", "q", "a", guid="o")])]), None)
    profile = queries.add_profile(db, "Ana")
    return db, profile


def answer(db, profile, guid, times=1):
    item = db.execute("SELECT id FROM items WHERE guid = ?", [guid]).fetchone()[0]
    for n in range(times):
        queries.log_answer(db, {"profile_id": profile, "item_id": item, "shown_ms": NOW - 1000 * (n + 2),
                                "answered_ms": NOW - 1000 * (n + 1), "correct": 1, "grade": 3})


def test_only_answered_items_count_per_deck_and_skill(setup):
    db, profile = setup
    answer(db, profile, "a0", times=3)
    answer(db, profile, "a1")
    answer(db, profile, "t0")
    report = mastery_report(db, profile, KnowingPredictor(), NOW)
    decks = {g.name: g for g in report.decks}
    assert set(decks) == {"Maths::Adding", "Maths::Times"}
    assert decks["Maths::Adding"].items == 2 and decks["Maths::Adding"].asked == 2
    assert decks["Maths::Adding"].mastery == pytest.approx(0.9)
    assert decks["Maths::Times"].mastery == pytest.approx(0.5)
    assert {g.name for g in report.skills} == {"add", "times"}
    assert report.questions == 3   # items answered
    for group in report.decks + report.skills:
        assert group.low < group.mastery < group.high


def test_a_deck_narrows_the_report_and_more_answers_narrow_the_band(setup):
    db, profile = setup
    answer(db, profile, "a0")
    answer(db, profile, "o")
    only_maths = mastery_report(db, profile, KnowingPredictor(), NOW, queries.find_deck(db, "Maths")["id"])
    assert [g.name for g in only_maths.decks] == ["Maths::Adding"]
    one = only_maths.decks[0]
    answer(db, profile, "a1")
    answer(db, profile, "a2")
    two = mastery_report(db, profile, KnowingPredictor(), NOW).decks[0]
    assert two.high - two.low < one.high - one.low


def test_no_answers_no_groups(setup):
    db, profile = setup
    report = mastery_report(db, profile, KnowingPredictor(), NOW)
    assert report.decks == [] and report.skills == [] and report.questions == 0
