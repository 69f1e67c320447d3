"""The deck tree's mastery column: mastery with its likely range over the answered items, per deck and its
parents, "not enough answers yet" below the threshold; `studyapp decks --json` gives the same figures."""

import json
import sqlite3

import pytest

from studyapp.paths import db_path
from studyapp.study.overview import MASTERY_MIN_ANSWERS


def answer(data_dir, items: list[tuple[str, int]]) -> None:
    """Logs answers of Ada: (guid, correct) each."""
    with sqlite3.connect(db_path(data_dir)) as db:
        ada = db.execute("SELECT id FROM profiles WHERE name = 'Ada'").fetchone()[0]
        for n, (guid, correct) in enumerate(items):
            item = db.execute("SELECT id FROM items WHERE guid = ?", [guid]).fetchone()[0]
            db.execute("INSERT INTO answers (profile_id, item_id, answered_ms, correct, grade, shown_ms) "
                       "VALUES (?, ?, ?, ?, 3, 1699999998000)", [ada, item, 1700000000000 + n * 1000, correct])


@pytest.fixture
def answered(data_dir):
    """Mixed: 12 answers (over the threshold); World capitals: 3 (under it)."""
    answer(data_dir, [(f"b{n % 5}", 1) for n in range(8)] + [(f"c{n}", n % 2) for n in range(4)])
    with sqlite3.connect(db_path(data_dir)) as db:
        capitals = [r[0] for r in db.execute("SELECT guid FROM items JOIN decks d ON d.id = items.deck_id "
                                             "WHERE d.name = 'Geography::World capitals' LIMIT 3")]
    answer(data_dir, [(guid, 1) for guid in capitals])


def mastery_texts(window):
    return {row["name"]: window.decks.nodes[row["id"]].text(5) for row in window.decks.rows}


def test_threshold():
    assert MASTERY_MIN_ANSWERS == 10


def test_mastery_with_its_range_or_not_enough_answers(qtbot, window, open_profile, answered, knowing_learner):
    open_profile("Ada")
    assert window.decks.tree.headerItem().text(5) == "Mastery"
    assert set(mastery_texts(window).values()) == {""}     # no model yet
    with qtbot.waitSignal(window.decks.mastery_shown, timeout=10000) as shown:
        window.learner_loading._done((object(), None))
    texts = mastery_texts(window)
    figures = shown.args[0]
    mixed = figures[next(r["id"] for r in window.decks.rows if r["name"] == "Mixed")]
    assert mixed["mastery_answers"] == 12
    assert mixed["mastery_low"] < mixed["mastery"] < mixed["mastery_high"]
    low, mid, high = (round(100 * mixed[k]) for k in ("mastery_low", "mastery", "mastery_high"))
    assert texts["Mixed"] == f"{mid}% ({low}–{high}%)"
    # 3 answers: no figure that one lucky answer could make 99%
    assert texts["Geography::World capitals"] == "not enough answers yet"
    assert texts["Geography"] == "not enough answers yet"
    assert texts["Maths"] == ""                              # never answered
    assert "10 answers" in window.decks.tree.headerItem().toolTip(5)


def test_no_answers_no_mastery(qtbot, window, open_profile, knowing_learner):
    window.decks.learner = object()
    open_profile("Ben")
    qtbot.wait(50)
    assert set(mastery_texts(window).values()) == {""}


def test_decks_json_gives_the_figures_the_tree_shows(qtbot, capsys, window, open_profile, answered,
                                                     knowing_learner, monkeypatch, data_dir):
    from studyapp.cli import main
    from studyapp.study import launch

    open_profile("Ada")
    with qtbot.waitSignal(window.decks.mastery_shown, timeout=10000) as shown:
        window.learner_loading._done((object(), None))
    tree = {row["name"]: shown.args[0].get(row["id"]) for row in window.decks.rows}
    texts = mastery_texts(window)
    monkeypatch.setattr(launch, "load_learner", lambda data_dir: (object(), None))
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "decks", "--json", "--profile", "Ada"]) == 0
    decks = {d["name"]: d for d in json.loads(capsys.readouterr().out)}
    keys = ("mastery", "mastery_low", "mastery_high", "mastery_answers")
    for name, figures in tree.items():
        cli = {k: decks[name][k] for k in keys}
        if figures is None:
            assert cli == {"mastery": None, "mastery_low": None, "mastery_high": None, "mastery_answers": 0}
        else:
            assert cli == pytest.approx(figures) if figures["mastery"] is not None else cli == figures
        assert (cli["mastery"] is None) == (texts[name] in ("", "not enough answers yet"))
    assert decks["Mixed"]["mastery"] is not None and decks["Geography"]["mastery"] is None
    assert decks["Geography"]["mastery_answers"] == 3
