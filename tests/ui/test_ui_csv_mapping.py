"""Spreadsheet imports: the first rows with a role per column (from the header or the default), the deck name,
and the format of a .txt file; the choices reach the reader."""

import sqlite3

import pytest
from PySide6.QtCore import Qt

from studyapp.paths import db_path
from studyapp.ui.csv_mapping import read_preview


def deck_items(data_dir, deck):
    with sqlite3.connect(db_path(data_dir)) as db:
        return db.execute("SELECT prompt, answer, tags FROM items JOIN decks d ON d.id = items.deck_id "
                          "WHERE d.name = ? ORDER BY items.id", [deck]).fetchall()


@pytest.fixture
def mapping(qtbot, window, open_profile):
    """Starts importing `path` and returns its mapping dialog."""
    open_profile("Ada")

    def start(path):
        window.import_export.import_files([path])
        qtbot.waitUntil(lambda: window.import_export.plan is not None and window.import_export.plan.dialog is not None
                        and window.import_export.plan.dialog.isVisible(), timeout=10000)
        return window.import_export.plan.dialog

    return start


def test_header_roles_suggested_and_unknown_columns_ignored(qtbot, window, mapping, tmp_path, data_dir):
    source = tmp_path / "verbs.csv"
    source.write_text("Term,Page,Definition\naller,12,to go\nêtre,13,to be\n", encoding="utf-8")
    dialog = mapping(source)
    assert dialog.columns() == ["prompt", "ignore", "answer"]
    assert dialog.table.item(1, 0).text() == "Term" and dialog.table.item(2, 2).text() == "to go"
    assert not dialog.table.item(1, 0).flags() & Qt.ItemIsEnabled      # the header, muted: it is skipped
    assert dialog.deck_name.text() == "verbs" and not dialog.file_format.isVisibleTo(dialog)
    dialog.deck_name.setText("French verbs")
    with qtbot.waitSignal(window.import_export.import_finished, timeout=10000):
        dialog.accept()
    assert "2 new" in window.import_export.dialog.report.text()
    assert deck_items(data_dir, "French verbs") == [("aller", "to go", "[]"), ("être", "to be", "[]")]
    window.import_export.dialog.reject()


def test_without_header_the_default_columns_and_a_bad_choice_is_refused(qtbot, window, mapping, tmp_path, data_dir):
    source = tmp_path / "words.tsv"
    source.write_text("chien\tdog\tanimal\t1\nchat\tcat\tanimal\t2\n", encoding="utf-8")
    dialog = mapping(source)
    assert dialog.columns() == ["prompt", "answer", "tags", "ignore"]
    dialog.roles[3].setCurrentIndex(dialog.roles[3].findData("answer"))
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text() == "Only one column can be Answer."
    dialog.roles[3].setCurrentIndex(dialog.roles[3].findData("ignore"))
    dialog.roles[0].setCurrentIndex(dialog.roles[0].findData("ignore"))
    dialog.accept()
    assert dialog.isVisible() and "holds the prompt" in dialog.error.text()
    dialog.roles[0].setCurrentIndex(dialog.roles[0].findData("prompt"))
    with qtbot.waitSignal(window.import_export.import_finished, timeout=10000):
        dialog.accept()
    assert deck_items(data_dir, "words") == [("chien", "dog", '["animal"]'), ("chat", "cat", '["animal"]')]
    window.import_export.dialog.reject()


def test_txt_can_be_read_as_a_quizlet_export(qtbot, window, mapping, tmp_path, data_dir):
    source = tmp_path / "set.txt"
    source.write_text("rot\tred\nblau\tblue\n", encoding="utf-8")
    dialog = mapping(source)
    assert dialog.file_format.isVisibleTo(dialog)
    dialog.file_format.setCurrentIndex(dialog.file_format.findData("quizlet"))
    assert not dialog.roles[0].isEnabled()
    assert dialog.options() == {"deck_name": "set", "file_format": "quizlet"}
    with qtbot.waitSignal(window.import_export.import_finished, timeout=10000):
        dialog.accept()
    assert [r[:2] for r in deck_items(data_dir, "set")] == [("rot", "red"), ("blau", "blue")]
    window.import_export.dialog.reject()


def test_cancelled_mapping_imports_nothing(qtbot, window, mapping, tmp_path, data_dir):
    source = tmp_path / "skip.csv"
    source.write_text("a,b\n", encoding="utf-8")
    dialog = mapping(source)
    with qtbot.waitSignal(window.import_export.import_finished, timeout=10000):
        dialog.reject()
    assert window.import_export.dialog is None and deck_items(data_dir, "skip") == []


def test_preview_of_a_ragged_file(tmp_path):
    source = tmp_path / "ragged.csv"
    source.write_text("q1,a1\nq2,a2,t2,x\n\n", encoding="utf-8")
    preview = read_preview(source)
    assert preview.rows == [["q1", "a1"], ["q2", "a2", "t2", "x"]]
    assert preview.roles == ["prompt", "answer", "tags", "ignore"] and not preview.has_header


def test_txt_as_mnemosyne_export_then_the_next_file(qtbot, window, mapping, tmp_path, data_dir):
    export = tmp_path / "cards.txt"
    export.write_text("question<br>two lines\tanswer\tgeo,maps\n", encoding="utf-8")
    second = tmp_path / "more.csv"
    second.write_text("prompt,answer\nuno,one\n", encoding="utf-8")
    window.import_export.import_files([export, second])
    qtbot.waitUntil(lambda: window.import_export.plan is not None and window.import_export.plan.dialog is not None)
    dialog = window.import_export.plan.dialog
    dialog.file_format.setCurrentIndex(dialog.file_format.findData("mnemosyne"))
    assert not dialog.deck_name.isEnabled() and dialog.options() == {"file_format": "mnemosyne"}
    dialog.accept()
    qtbot.waitUntil(lambda: window.import_export.plan is not None
                    and window.import_export.plan.dialog not in (None, dialog))
    assert window.import_export.plan.dialog.path == second
    with qtbot.waitSignal(window.import_export.import_finished, timeout=10000):
        window.import_export.plan.dialog.accept()
    report = window.import_export.dialog.report.text()
    assert "cards.txt: 1 new" in report and "more.csv: 1 new" in report
    window.import_export.dialog.reject()


@pytest.mark.parametrize("separator, text", [
    (";", "front;back\nHund;dog\nKatze;cat, the animal\n"),
    ("\t", "Hund\tdog\nKatze\tcat, the animal\n"),
    ("|", "Hund|dog|animal\nKatze|cat|animal\n"),
    (",", "Hund,dog\nKatze,\"cat; the animal\"\n"),
])
def test_the_separator_is_detected(tmp_path, separator, text):
    from studyapp.content.readers import read_file

    source = tmp_path / "words.csv"
    source.write_text(text, encoding="utf-8")
    preview = read_preview(source)
    assert preview.delimiter == separator
    assert [row[:2] for row in preview.rows if row[0] != "front"] == [["Hund", "dog"], ["Katze", preview.rows[-1][1]]]
    items = read_file(source).decks[0].items
    assert [(i.prompt, i.answer) for i in items][:1] == [("Hund", "dog")]


def test_semicolon_csv_walkthrough(qtbot, window, mapping, tmp_path, data_dir):
    """Excel's semicolon CSV: two columns shown and mapped; at a wrong separator OK waits, with the reason."""
    source = tmp_path / "german.csv"
    source.write_text("front;back\nHund;dog\nKatze;cat\n", encoding="utf-8")
    dialog = mapping(source)
    assert dialog.separator.currentData() == ";"
    assert dialog.table.columnCount() == 2 and dialog.columns() == ["prompt", "answer"]
    assert dialog.table.item(2, 0).text() == "Hund" and dialog.table.item(2, 1).text() == "dog"
    assert dialog.ok_button.isEnabled() and dialog.error.text() == ""

    dialog.separator.setCurrentIndex(dialog.separator.findData(","))     # as the reader used to split it
    assert dialog.table.columnCount() == 2 and dialog.table.item(2, 0).text() == "Hund;dog"
    assert not dialog.ok_button.isEnabled() and "one column" in dialog.error.text()
    dialog.separator.setCurrentIndex(dialog.separator.findData(";"))
    dialog.roles[1].setCurrentIndex(dialog.roles[1].findData("ignore"))
    assert not dialog.ok_button.isEnabled() and "holds the answer" in dialog.error.text()
    dialog.roles[1].setCurrentIndex(dialog.roles[1].findData("answer"))
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(window.import_export.import_finished, timeout=10000):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert "2 new" in window.import_export.dialog.report.text()
    assert deck_items(data_dir, "german") == [("Hund", "dog", "[]"), ("Katze", "cat", "[]")]
    window.import_export.dialog.reject()


def test_mapping_problems_are_in_the_interface_language(qtbot, window, mapping, tmp_path):
    assert window.translations.apply("zh_CN")
    source = tmp_path / "german.csv"
    source.write_text("Hund;dog\nKatze;cat\n", encoding="utf-8")
    dialog = mapping(source)
    dialog.roles[0].setCurrentIndex(dialog.roles[0].findData("ignore"))
    assert not dialog.ok_button.isEnabled()
    assert dialog.error.text() and not any("a" <= c.lower() <= "z" for c in dialog.error.text())
    dialog.reject()
