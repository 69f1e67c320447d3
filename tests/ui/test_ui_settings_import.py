"""Settings (saved per profile and per computer, applied at once) and imports (menu, drop) with results."""

import json
import sqlite3

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QPalette
from PySide6.QtWidgets import QApplication

from studyapp.paths import db_path


def profile_settings(data_dir, name):
    with sqlite3.connect(db_path(data_dir)) as db:
        return json.loads(db.execute("SELECT settings FROM profiles WHERE name = ?", [name]).fetchone()[0])


def test_settings_are_saved_and_theme_applied(qtbot, window, open_profile, data_dir):
    open_profile("Ada")
    window.preferences.open_dialog()
    qtbot.waitUntil(lambda: window.preferences.dialog is not None and window.preferences.dialog.isVisible())
    dialog = window.preferences.dialog
    dialog.retention.setValue(85)
    dialog.new_per_day.setValue(7)
    dialog.test_length.setValue(15)
    dialog.backups_keep.setValue(3)
    dialog.theme.setCurrentIndex(1)
    dialog.font_size.setValue(14)
    with qtbot.waitSignal(window.decks.loaded):
        dialog.accept()
    settings = profile_settings(data_dir, "Ada")
    assert settings["target_retention"] == 0.85 and settings["new_per_day"] == 7 and settings["test_length"] == 15
    assert settings["backups_keep"] == 3
    app = QApplication.instance()
    assert app.palette().color(QPalette.Window).lightness() < 80
    assert app.font().pointSize() == 14
    assert profile_settings(data_dir, "Ben") == {}


def test_import_by_drop_adds_the_deck(qtbot, window, open_profile, tmp_path):
    open_profile("Ada")
    source = tmp_path / "verbs.csv"
    source.write_text("prompt,answer\nto go,aller\nto be,être\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    event = QDropEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.import_export.plan is not None and window.import_export.plan.dialog is not None)
    assert window.import_export.plan.dialog.columns() == ["prompt", "answer"]
    with qtbot.waitSignal(window.import_export.import_finished, timeout=10000):
        window.import_export.plan.dialog.accept()
    dialog = window.import_export.dialog
    assert dialog.bar.value() == dialog.bar.maximum()
    assert "2 new" in dialog.report.text()
    qtbot.waitUntil(lambda: "verbs" in {r["name"] for r in window.decks.rows})
    dialog.reject()


def test_import_error_is_one_clear_sentence(qtbot, window, open_profile, tmp_path):
    open_profile("Ada")
    bad = tmp_path / "notes %2.docx"  # a file name is filled in as it is
    bad.write_bytes(b"not a deck")
    with qtbot.waitSignal(window.import_export.import_finished, timeout=10000):
        window.import_export.import_files([bad])
    dialog = window.import_export.dialog
    assert dialog.status.text() == "Nothing was imported."
    assert "notes %2.docx was not imported" in dialog.report.text() and "cannot import" in dialog.report.text()
    dialog.reject()


def test_export_writes_a_native_deck_and_refuses_an_empty_parent(qtbot, window, open_profile, select_deck, tmp_path):
    from studyapp.content.native import read_deck

    open_profile("Ada")
    select_deck("Mixed")
    deck = window.decks.selected_deck()
    out = tmp_path / "mixed.deck.toml"
    with qtbot.waitSignal(window.import_export.export_finished, timeout=10000):
        window.import_export.export_deck(deck["id"], deck["name"], str(out))
    assert len(read_deck(out).items) == 25
    assert "Wrote 25 items to " in window.decks.notice.text()
    select_deck("Geography")
    parent = window.decks.selected_deck()
    with qtbot.waitSignal(window.import_export.export_finished, timeout=10000):
        window.import_export.export_deck(parent["id"], parent["name"], str(tmp_path / "geo"))
    assert "has no items of its own" in window.decks.error.text()
    assert not (tmp_path / "geo.deck.toml").exists()


def test_export_to_anki_with_and_without_history(qtbot, window, open_profile, select_deck, tmp_path, data_dir):
    import sqlite3

    from studyapp.content.anki_read import read_anki_package

    with sqlite3.connect(db_path(data_dir)) as db:
        ada = db.execute("SELECT id FROM profiles WHERE name = 'Ada'").fetchone()[0]
        item = db.execute("SELECT id FROM items WHERE guid = 'b0'").fetchone()[0]
        db.execute("INSERT INTO answers (profile_id, item_id, answered_ms, correct, grade, response_ms, given, "
                   "shown_ms) VALUES (?, ?, 1700000000000, 1, 3, 2000, '', 1699999998000)", [ada, item])
    open_profile("Ada")
    select_deck("Mixed")
    deck = window.decks.selected_deck()
    for name, history in (("mine.apkg", True), ("plain.apkg", False)):
        with qtbot.waitSignal(window.import_export.export_finished, timeout=10000):
            window.import_export.export_deck(deck["id"], deck["name"], str(tmp_path / name), with_history=history)
        assert "Wrote 25 items to " in window.decks.notice.text()
    assert len(read_anki_package(tmp_path / "mine.apkg").history) == 1
    assert read_anki_package(tmp_path / "plain.apkg").history == []
