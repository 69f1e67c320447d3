"""Assignments in the window: imported from the Classroom menu or dropped on the window, shown on the deck screen
with the due date and the profile's progress; a changed file is refused in one sentence, in Chinese too."""

from __future__ import annotations

import time

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel
from zips import members, rewrite

from studyapp.classroom.assignments import write_assignment
from studyapp.classroom.signing import teacher_key
from studyapp.content.model import Deck, Item

DECK = "Class::Week 3"


def make_assignment(tmp_path, name="week3.studyassign", title="Week 3 revision"):
    key = teacher_key(tmp_path / "teacher")
    deck = Deck(DECK, items=[Item("basic", f"q{n}", f"a{n}", guid=f"w3-{n}") for n in range(4)])
    path = tmp_path / name
    write_assignment(path, [deck], {}, title, "2099-06-30", 6, key, int(time.time() * 1000))
    return path


def panel_lines(window) -> list[str]:
    return [label.text() for label in window.assignments.findChildren(QLabel) if label.isVisible()]


def test_import_from_the_menu_and_see_it_on_the_deck_screen(qtbot, window, open_profile, tmp_path, monkeypatch):
    open_profile("Ada")
    assert not window.assignments.isVisible()  # nothing assigned yet: no empty section
    path = make_assignment(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    assert window.assignments.action in window.classroom_menu.actions()
    with qtbot.waitSignal(window.assignments.shown, timeout=10000,
                          check_params_cb=lambda rows: bool(rows)):
        window.assignments.action.trigger()
    qtbot.waitUntil(lambda: window.assignments.isVisible() and len(panel_lines(window)) == 1)
    (line,) = panel_lines(window)
    assert "Week 3 revision" in line and DECK in line and "0 of 6 answers" in line
    assert "check with your teacher" in window.assignments.box.text()
    assert DECK in {r["name"] for r in window.decks.rows}
    window.assignments.box.close()


def test_a_dropped_assignment_is_imported_and_a_changed_one_refused_in_chinese(qtbot, window, open_profile,
                                                                             tmp_path):
    open_profile("Ada")
    good = make_assignment(tmp_path)
    bad = make_assignment(tmp_path, "changed.studyassign", "Week 4")
    rewrite(bad, {"decks/1.deck.toml": members(bad)["decks/1.deck.toml"].replace(b"a1", b"b1")})

    def drop(path):
        # As the window's own drop test does, the drop is handed straight to where the window's drops go first
        # (a drop event sent without a drag in progress is not delivered by Qt).
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        event = QDropEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
        assert window.assignments.eventFilter(window, event)

    with qtbot.waitSignal(window.assignments.shown, timeout=10000, check_params_cb=lambda rows: bool(rows)):
        drop(good)
    assert window.import_export.plan is None  # not taken for a deck file
    window.assignments.box.close()

    window.translations.apply("zh_CN")
    with qtbot.waitSignal(window.assignments.refused, timeout=10000) as refused:
        drop(bad)
    (message,) = refused.args
    assert message == "changed.studyassign 已在签名后被改动，未导入。"
    assert window.assignments.title() == "作业"
    qtbot.waitUntil(lambda: len(panel_lines(window)) == 1 and "共 6 次" in panel_lines(window)[0])
    assert "Week 3 revision" in panel_lines(window)[0]
    assert [r["title"] for r in window.assignments.rows] == ["Week 3 revision"]
    window.assignments.box.close()


def test_a_line_names_built_in_decks_in_the_interface_language_and_keeps_the_title_as_written(qtbot, window):
    from studyapp.ui.ops import UiPrefs

    window.preferences.apply(UiPrefs(language="zh_CN"))
    qtbot.waitUntil(lambda: window.decks.buttons["review"].text() == "学习(&S)")  # LanguageChange is posted
    row = {"title": "Review %2, 100%", "decks": ["Maths::Fraction subtraction"], "due": "2099-06-30",
           "answers": 3, "target": 20, "done": False, "overdue": False}
    line = window.assignments.line_text(row)
    assert line.startswith("Review %2, 100%")
    assert "数学::分数减法" in line and "Maths" not in line
