"""Item texts are shown as sanitised rich text; images load only from the data folder's media/."""

from __future__ import annotations

import os
import sqlite3

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QTextDocument

from studyapp.paths import db_path, media_dir
from studyapp.ui import richtext
from studyapp.ui.richtext import RichTextLabel

IMAGE = QTextDocument.ResourceType.ImageResource.value


def _media(data_dir):
    folder = media_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    image = QImage(40, 30, QImage.Format_RGB32)
    image.fill(QColor("teal"))
    image.save(str(folder / "flag.png"))
    return folder


def _add_deck(data_dir, prompt, answer, hint="", explanation="", media="[]"):
    with sqlite3.connect(db_path(data_dir)) as db:
        deck_id = db.execute("INSERT INTO decks (name, created_ms) VALUES ('Rich', 0)").lastrowid
        db.execute("INSERT INTO items (deck_id, guid, ord, kind, prompt, answer, hint, explanation, media, created_ms,"
                   " updated_ms) VALUES (?, 'rich', 0, 'basic', ?, ?, ?, ?, ?, 0, 0)",
                   [deck_id, prompt, answer, hint, explanation, media])


def _bold_texts(document: QTextDocument) -> list[str]:
    out, block = [], document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontWeight() >= QFont.Bold:
                out.append(fragment.text())
            it += 1
        block = block.next()
    return out


def test_an_anki_field_shows_bold_lists_and_its_picture(qtbot, window, start_studying, data_dir):
    _media(data_dir)
    _add_deck(data_dir, '<b>Capital</b> of France? <img src="flag.png">', "<ul><li>Paris</li></ul>",
              media='["flag.png"]')
    page = start_studying("Rich")
    assert "<b>" not in page.prompt.toPlainText()
    assert page.prompt.toPlainText().startswith("Capital of France?")
    assert _bold_texts(page.prompt.document()) == ["Capital"]
    picture = page.prompt.document().resource(IMAGE, QUrl("flag.png"))
    assert isinstance(picture, QImage) and picture.width() == 40
    assert not page.images.isVisibleTo(page)  # drawn inside the prompt, not a second time below it
    qtbot.keyClick(page, Qt.Key_Space)
    assert page.expected.toPlainText().strip() == "Paris"
    assert "<li>" not in page.expected.toPlainText()


def test_hint_and_explanation_images_outside_media_load_nothing(qtbot, window, start_studying, data_dir,
                                                                 monkeypatch):
    asked = []
    real = richtext.media_image
    monkeypatch.setattr(richtext, "media_image", lambda folder, url: asked.append(url.toString()) or real(folder, url))
    _add_deck(data_dir, "Question", "Answer", hint='look <img src="/dev/zero">',
              explanation='<img src="/etc/passwd">why')
    page = start_studying("Rich")
    assert page.hint.toPlainText().strip() == "Hint: look"
    qtbot.keyClick(page, Qt.Key_Space)
    assert page.explanation.toPlainText().strip() == "why"
    assert page.explanation.isVisibleTo(page)
    assert asked == []  # the sanitiser left no image to ask for


def test_the_loader_refuses_everything_but_media_files(qtbot, tmp_path):
    folder = tmp_path / "media"
    folder.mkdir()
    QImage(10, 10, QImage.Format_RGB32).save(str(folder / "ok.png"))
    QImage(10, 10, QImage.Format_RGB32).save(str(tmp_path / "outside.png"))
    os.symlink(tmp_path / "outside.png", folder / "link.png")
    view = RichTextLabel()
    qtbot.addWidget(view)
    view.set_media_folder(folder)
    document = view.document()
    for refused in ("/dev/zero", "/etc/passwd", "file:///etc/passwd", "../outside.png", "link.png", "missing.png",
                    "http://example.com/a.png", "qrc:/qt-project.org/styles/commonstyle/images/file-16.png",
                    "C:evil.png", "ok.png?x=1"):
        assert document.loadResource(IMAGE, QUrl(refused)) is None, refused
    assert document.loadResource(IMAGE, QUrl("ok.png")).width() == 10
    # Markup that bypassed the sanitiser still loads nothing: Qt's own file fallback is never reached.
    document.setHtml('<img src="/dev/zero"><img src="/etc/passwd">x')
    view.show()
    qtbot.waitExposed(view)
    assert document.resource(IMAGE, QUrl("/dev/zero")) is None


def test_a_huge_declared_picture_is_refused(qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "media"
    folder.mkdir()
    QImage(200, 200, QImage.Format_RGB32).save(str(folder / "big.png"))
    monkeypatch.setattr(richtext, "MAX_IMAGE_PIXELS", 100 * 100)
    assert richtext.media_image(folder, QUrl("big.png")) is None


def test_a_tall_picture_is_scaled_to_the_picture_row(qtbot, tmp_path):
    folder = tmp_path / "media"
    folder.mkdir()
    QImage(100, 1000, QImage.Format_RGB32).save(str(folder / "tall.png"))
    image = richtext.media_image(folder, QUrl("tall.png"))
    assert (image.width(), image.height()) == (26, richtext.MAX_IMAGE_HEIGHT)


def test_a_one_line_text_set_after_an_empty_one_is_as_tall_as_its_line(qtbot):
    """The first card of a session was blank: the prompt had been laid out empty (0 px), and a one-line text
    leaves the document's size as it was, so no size change came to grow it."""
    label = RichTextLabel()
    qtbot.addWidget(label)
    label.resize(600, 200)
    label.show()
    qtbot.waitExposed(label)
    qtbot.waitUntil(lambda: label.document().size().height() > 0)  # the empty document laid out: one line
    assert label.maximumHeight() == 0
    label.setText("Algeria")
    assert label.maximumHeight() == int(label.document().size().height()) > 0
    label.clear()
    assert label.maximumHeight() == 0


def test_the_first_card_of_a_session_shows_its_prompt(qtbot, study):
    qtbot.waitUntil(lambda: study.state == "question")
    qtbot.waitUntil(lambda: study.prompt.height() > 0)
    assert study.prompt.height() == study.prompt.maximumHeight() >= study.prompt.document().size().height()
