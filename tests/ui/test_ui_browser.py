"""The browser: search, add (a cloze becomes one item per gap), edit, delete, move, and undo each."""

import sqlite3

import pytest
from PySide6.QtCore import Qt

from studyapp.paths import db_path


@pytest.fixture
def browser(qtbot, window, open_profile, select_deck):
    open_profile("Ada")
    select_deck("Mixed")
    page = window.browser
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.keyClick(window.decks.buttons["browse"], Qt.Key_Space)
    return page


def live(data_dir, sql, params=()):
    with sqlite3.connect(db_path(data_dir)) as db:
        return db.execute(sql, params).fetchall()


def test_search_narrows_the_list(qtbot, browser):
    assert browser.model.rowCount() == 25
    with qtbot.waitSignal(browser.loaded, timeout=5000):
        qtbot.keyClicks(browser.search, "statement")
    assert browser.model.rowCount() == 4


def test_add_cloze_then_undo(qtbot, browser, data_dir):
    browser.add_item()
    qtbot.waitUntil(lambda: getattr(browser, "editor", None) is not None and browser.editor.isVisible())
    editor = browser.editor
    editor.kind.setCurrentIndex(editor.kind.findData("cloze"))
    editor.prompt.setPlainText("{{c1::Water}} boils at {{c2::100}} degrees")
    with qtbot.waitSignal(browser.loaded, timeout=5000):
        editor.accept()
    assert browser.model.rowCount() == 27
    with qtbot.waitSignal(browser.loaded, timeout=5000):
        browser.undo()
    assert browser.model.rowCount() == 25


def test_invalid_item_keeps_the_editor_open(qtbot, browser):
    browser.add_item()
    qtbot.waitUntil(lambda: getattr(browser, "editor", None) is not None and browser.editor.isVisible())
    editor = browser.editor
    editor.kind.setCurrentIndex(editor.kind.findData("choice"))
    editor.prompt.setPlainText("Pick one")
    editor.answer.setText("c")
    editor.options.setPlainText("a\nb")
    editor.accept()
    assert editor.isVisible() and "not one of its options" in editor.error.text()
    editor.reject()


def test_edit_delete_move_and_undo(qtbot, window, browser, data_dir):
    browser.table.selectRow(0)
    item_id = browser.selected_ids()[0]
    original = live(data_dir, "SELECT answer FROM items WHERE id = ?", [item_id])
    browser.edit_selected()
    qtbot.waitUntil(lambda: getattr(browser, "editor", None) is not None and browser.editor.isVisible())
    browser.editor.answer.setText("a better answer")
    with qtbot.waitSignal(browser.loaded, timeout=5000):
        browser.editor.accept()
    assert live(data_dir, "SELECT answer FROM items WHERE id = ?", [item_id]) == [("a better answer",)]

    with qtbot.waitSignal(browser.loaded, timeout=5000):
        qtbot.keyClick(browser.table, Qt.Key_Delete)
    assert live(data_dir, "SELECT deleted FROM items WHERE id = ?", [item_id]) == [(1,)]
    assert browser.model.rowCount() == 24
    with qtbot.waitSignal(browser.loaded, timeout=5000):
        qtbot.keyClick(browser.table, Qt.Key_Z, Qt.ControlModifier)
    assert live(data_dir, "SELECT deleted FROM items WHERE id = ?", [item_id]) == [(0,)]

    other = live(data_dir, "SELECT id FROM decks WHERE name = 'Geography::World capitals'")[0][0]
    with qtbot.waitSignal(browser.loaded, timeout=5000):
        browser.move_to([item_id], other)
    assert live(data_dir, "SELECT deck_id FROM items WHERE id = ?", [item_id]) == [(other,)]
    with qtbot.waitSignal(browser.loaded, timeout=5000):
        browser.undo()
    with qtbot.waitSignal(browser.loaded, timeout=5000):
        browser.undo()
    assert live(data_dir, "SELECT answer FROM items WHERE id = ?", [item_id]) == original
    qtbot.keyClick(browser, Qt.Key_Escape)
    assert window.stack.currentWidget() is window.decks
