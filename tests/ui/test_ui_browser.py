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


def column(browser, name):
    from studyapp.ui.browser import COLUMNS

    return COLUMNS.index(name)


def row_of(browser, prompt):
    return next(r for r in range(browser.proxy.rowCount())
                if browser.proxy.index(r, column(browser, "prompt")).data() == prompt)


def test_deck_filter_schedule_columns_and_answer_history(qtbot, window, open_profile, select_deck, data_dir):
    """Ada answered "basic question 0" twice (one taken back) and a world capital once."""
    with sqlite3.connect(db_path(data_dir)) as db:
        ada = db.execute("SELECT id FROM profiles WHERE name = 'Ada'").fetchone()[0]
        basic = db.execute("SELECT id FROM items WHERE guid = 'b0'").fetchone()[0]
        capital = db.execute("SELECT i.id FROM items i JOIN decks d ON d.id = i.deck_id "
                             "WHERE d.name = 'Geography::World capitals' LIMIT 1").fetchone()[0]
        for item, at, correct, grade in ((basic, 1700000000000, 0, 1), (basic, 1700000600000, 1, 3),
                                         (capital, 1700000900000, 1, 4)):
            db.execute("INSERT INTO answers (profile_id, item_id, answered_ms, correct, grade, response_ms, shown_ms)"
                       " VALUES (?, ?, ?, ?, ?, 4000, ?)", [ada, item, at, correct, grade, at - 4000])
        last = db.execute("SELECT MAX(id) FROM answers WHERE item_id = ?", [basic]).fetchone()[0]
        db.execute("INSERT INTO answer_voids (answer_id, voided_ms) VALUES (?, 1700000700000)", [last])
    open_profile("Ada")
    select_deck("Mixed")
    browser = window.browser
    with qtbot.waitSignal(browser.loaded, timeout=10000):
        qtbot.keyClick(window.decks.buttons["browse"], Qt.Key_Space)
    qtbot.waitUntil(lambda: browser.deck_box.count() > 1)
    assert browser.deck_box.currentText().strip() == "Mixed" and browser.model.rowCount() == 25

    # The schedule: the answered item is due (its one counted answer was long ago), the others are new.
    r = row_of(browser, "basic question 0")
    assert browser.proxy.index(r, column(browser, "due")).data() == "now"
    assert browser.proxy.index(r, column(browser, "interval")).data() == "10 min"   # "Again": the relearning step
    assert browser.proxy.index(row_of(browser, "basic question 1"), column(browser, "due")).data() == "new"
    browser.table.sortByColumn(column(browser, "due"), Qt.AscendingOrder)
    assert browser.proxy.index(0, column(browser, "prompt")).data() == "basic question 0"   # new items sort last

    # Its answers beside the list, the one taken back marked so.
    with qtbot.waitSignal(browser.history_shown, timeout=5000) as shown:
        browser.table.selectRow(1)
    assert shown.args == [0] and browser.history_title.text() == "Not answered yet"
    with qtbot.waitSignal(browser.history_shown, timeout=5000) as shown:
        browser.table.selectRow(0)
    assert shown.args == [2]
    texts = [[browser.history.topLevelItem(n).text(c) for c in range(4)] for n in range(2)]
    assert texts[0][1] == "Good (taken back)" and texts[1][1] == "Again" and texts[1][2] == "4.0 s"
    assert "2" in browser.history_title.text()

    # Another deck from the filter, then all decks.
    index = next(n for n in range(browser.deck_box.count()) if browser.deck_box.itemText(n).strip() == "World capitals")
    browser.deck_box.setCurrentIndex(index)
    with qtbot.waitSignal(browser.loaded, timeout=10000) as loaded:
        browser.deck_box.activated.emit(index)
    assert loaded.args == [193] and browser.title.text() == "Browse: Geography::World capitals"
    index = browser.deck_box.findData(None)
    browser.deck_box.setCurrentIndex(index)
    with qtbot.waitSignal(browser.loaded, timeout=10000) as loaded:
        browser.deck_box.activated.emit(index)
    assert loaded.args[0] > 193 + 25 and browser.title.text() == "Browse all decks"


@pytest.mark.parametrize("kind, shown, hidden", [
    ("basic", {"answer", "hint", "explanation"}, {"options", "accepted"}),
    ("choice", {"answer", "options"}, {"accepted"}),
    ("typed", {"answer", "accepted"}, {"options"}),
    ("truefalse", {"answer"}, {"options", "accepted"}),
    ("cloze", {"accepted"}, {"answer", "options"}),
])
def test_editor_shows_only_the_fields_of_the_kind(qtbot, browser, kind, shown, hidden):
    browser.add_item()
    qtbot.waitUntil(lambda: getattr(browser, "editor", None) is not None and browser.editor.isVisible())
    editor = browser.editor
    editor.kind.setCurrentIndex(editor.kind.findData(kind))
    editor.prompt.setPlainText("{{c1::Paris}} is in France" if kind == "cloze" else "A prompt")
    names = list(editor.fields)
    visible = {name for name in names if editor.fields[name].isVisible()}
    labels = {name for n, name in enumerate(names) if editor.labels[n].isVisible()}
    assert shown <= visible and not hidden & visible and visible == labels
    assert {"deck", "kind", "prompt", "tags", "skill"} <= visible
    editor.options.setPlainText("left over\nfrom before")
    editor.also_accepted.setText("left over")
    item = editor.item()
    assert bool(item.options) == ("options" in shown) and bool(item.accepted) == ("accepted" in shown)
    editor.reject()
