"""Start-up: the profile picker (remembering the last profile) and the deck tree."""

import subprocess
import sys

from PySide6.QtCore import Qt


def test_profile_picker_preselects_last_profile(qtbot, window):
    page = window.profiles
    qtbot.waitUntil(lambda: page.list.count() == 2)
    assert window.stack.currentWidget() is page
    assert [page.list.item(i).text() for i in range(page.list.count())] == ["Ada", "Ben"]
    assert page.list.currentItem().text() == "Ben"


def test_create_profile_by_keyboard_opens_it(qtbot, window):
    page = window.profiles
    qtbot.waitUntil(lambda: page.list.count() == 2)
    qtbot.keyClicks(page.name_edit, "Chloe")
    with qtbot.waitSignal(window.decks.loaded):
        qtbot.keyClick(page.name_edit, Qt.Key_Return)
    assert window.profile["name"] == "Chloe"
    assert window.stack.currentWidget() is window.decks


def test_duplicate_profile_is_refused_with_a_sentence(qtbot, window):
    page = window.profiles
    qtbot.waitUntil(lambda: page.list.count() == 2)
    qtbot.keyClicks(page.name_edit, "ada")
    qtbot.keyClick(page.name_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: "already exists" in page.error.text())
    assert page.list.count() == 2


def test_deck_tree_shows_counts(qtbot, window, open_profile, select_deck):
    open_profile()
    assert window.stack.currentWidget() is window.decks
    rows = {r["name"]: r for r in window.decks.rows}
    assert rows["Mixed"]["new"] == 25
    assert "Geography::World capitals" in rows
    select_deck("Mixed")
    node = window.decks.tree.currentItem()
    assert node.text(0) == "Mixed" and node.text(2) == "25"


def test_smoke_test_command_exits_zero(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "studyapp.cli", "--data-dir", str(tmp_path / "d"), "--smoke-test"],
        capture_output=True, text=True, timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "smoke test passed" in result.stdout
