"""Undo on the study screen goes back any number of answers, and from the summary reopens the session."""

import sqlite3

from PySide6.QtCore import Qt
from test_ui_study import answer_current

from studyapp.paths import db_path


def log(data_dir):
    """(answers in the log, of which voided)"""
    with sqlite3.connect(db_path(data_dir)) as db:
        return db.execute("SELECT COUNT(*), (SELECT COUNT(*) FROM answer_voids) FROM answers").fetchone()


def undo(qtbot, widget, page):
    with qtbot.waitSignal(page.card_shown, timeout=10000):
        qtbot.keyClick(widget, Qt.Key_Z, Qt.ControlModifier)
    return page.card


def test_undo_twice_takes_back_two_answers_in_turn(qtbot, window, study, data_dir):
    first = study.card.item
    answer_current(qtbot, study, right=False)
    second = study.card.item
    answer_current(qtbot, study, right=True)
    assert log(data_dir) == (2, 0)

    assert undo(qtbot, study, study).item.id == second.id
    assert study.undo_button.isEnabled()            # one answer is still there to take back
    card = undo(qtbot, study, study)
    assert card.item.id == first.id and card.presented.number == 1
    assert log(data_dir) == (2, 2)                  # append-only: both answers stay, each with a void
    assert not study.undo_button.isEnabled()        # nothing of this session is left to take back

    answer_current(qtbot, study, right=True)        # the session goes on from there
    assert log(data_dir) == (3, 2)


def test_undo_on_the_summary_reopens_the_last_card(qtbot, window, study, data_dir):
    answer_current(qtbot, study, right=True)
    last = study.card.item
    answer_current(qtbot, study, right=False)
    qtbot.keyClick(study, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=10000)
    assert window.summary.figures["answers"][0].text() == "2"
    assert window.summary.undo_button.isVisible()

    card = undo(qtbot, window.summary, study)
    assert window.stack.currentWidget() is study
    assert card.item.id == last.id and card.presented.number == 2
    assert log(data_dir) == (2, 1)
    answer_current(qtbot, study, right=True)        # graded again, right this time
    qtbot.keyClick(study, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=10000)
    assert window.summary.figures["answers"][0].text() == "2"
    assert window.summary.figures["accuracy"][0].text() == "100%"


def test_undo_after_the_session_ended_by_itself(qtbot, window, start_studying, data_dir):
    """Two new items a day: the second answer ends the session; Ctrl+Z on the summary takes it back."""
    from studyapp.store import queries
    from studyapp.workspace import open_workspace

    ws = open_workspace(data_dir)
    queries.update_profile_settings(ws.db, queries.find_profile(ws.db, "Ada")["id"], {"new_per_day": 2})
    ws.close()
    page = start_studying("Mixed")
    answer_current(qtbot, page, right=True)
    last = page.card.item
    answer_current(qtbot, page, right=True)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=10000)

    card = undo(qtbot, window.summary, page)
    assert card.item.id == last.id and log(data_dir) == (2, 1)
    card = undo(qtbot, page, page)                  # and the one before, as during the session
    assert card.presented.number == 1 and log(data_dir) == (2, 2)
