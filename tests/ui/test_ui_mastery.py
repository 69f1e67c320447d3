"""The deck tree's mastery column: the learner's knowledge of the answered items, per deck and its parents."""

import sqlite3

import pytest

from studyapp.paths import db_path


@pytest.fixture
def answered(data_dir):
    with sqlite3.connect(db_path(data_dir)) as db:
        ada = db.execute("SELECT id FROM profiles WHERE name = 'Ada'").fetchone()[0]
        for guid in ("b0", "b1", "c0"):
            item = db.execute("SELECT id FROM items WHERE guid = ?", [guid]).fetchone()[0]
            db.execute("INSERT INTO answers (profile_id, item_id, answered_ms, correct, grade, shown_ms) "
                       "VALUES (?, ?, 1700000000000, 1, 3, 1699999998000)", [ada, item])


def mastery_texts(window):
    return {row["name"]: window.decks.nodes[row["id"]].text(5) for row in window.decks.rows}


def test_mastery_shown_once_the_model_is_there(qtbot, window, open_profile, answered, knowing_learner):
    open_profile("Ada")
    assert window.decks.tree.headerItem().text(5) == "Mastery"
    assert set(mastery_texts(window).values()) == {""}     # no model yet
    with qtbot.waitSignal(window.decks.mastery_shown, timeout=10000):
        window._learner_done((object(), None))
    texts = mastery_texts(window)
    assert texts["Mixed"] == "77%"                            # (0.9 + 0.9 + 0.5) / 3
    assert texts["Geography"] == "" and texts["Geography::World capitals"] == ""


def test_no_answers_no_mastery(qtbot, window, open_profile, knowing_learner):
    window.decks.learner = object()
    open_profile("Ben")
    qtbot.wait(50)
    assert set(mastery_texts(window).values()) == {""}
