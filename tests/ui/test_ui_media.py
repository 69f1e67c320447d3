"""Items with pictures show them (read in the store thread); media that is missing is named, not fatal."""

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from studyapp.paths import db_path, media_dir


def add_media_deck(data_dir):
    folder = media_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    image = QImage(40, 30, QImage.Format_RGB32)
    image.fill(QColor("teal"))
    image.save(str(folder / "flag.png"))
    with sqlite3.connect(db_path(data_dir)) as db:
        deck_id = db.execute("INSERT INTO decks (name, created_ms) VALUES ('Flags', 0)").lastrowid
        for n, media in enumerate(('["flag.png"]', '["anthem.mp3"]')):
            db.execute("INSERT INTO items (deck_id, guid, ord, kind, prompt, answer, media, created_ms, updated_ms)"
                       " VALUES (?, ?, 0, 'basic', ?, 'x', ?, 0, 0)", [deck_id, f"flag{n}", f"flag {n}", media])


def test_picture_shown_and_missing_sound_named(qtbot, window, start_studying, data_dir):
    add_media_deck(data_dir)
    page = start_studying("Flags")
    assert page.images.isVisibleTo(page) and page.images.pixmap().width() == 40
    assert not page.media_note.isVisibleTo(page)
    qtbot.keyClick(page, Qt.Key_Space)
    with qtbot.waitSignal(page.card_shown, timeout=10000):
        qtbot.keyClick(page, Qt.Key_3)
    assert page.card.item.prompt == "flag 1"
    assert not page.images.isVisibleTo(page)
    assert page.media_note.isVisibleTo(page) and "anthem.mp3" in page.media_note.text()
