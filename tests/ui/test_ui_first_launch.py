"""First launch, no profile yet: the first screen offers to create one in place, and the new profile opens."""

import sqlite3

import pytest
from PySide6.QtCore import Qt

from studyapp.paths import db_path


@pytest.fixture
def data_dir(data_dir):
    """The seeded folder as a fresh install has it: the built-in decks, no profile, none used last."""
    with sqlite3.connect(db_path(data_dir)) as db:
        db.execute("DELETE FROM profiles")
        db.execute("DELETE FROM app_meta WHERE key = 'last_profile'")
    return data_dir


def test_first_launch_creates_and_opens_a_profile(qtbot, window):
    page = window.profiles
    qtbot.waitUntil(lambda: page.loaded)
    assert window.stack.currentWidget() is page
    assert page.list.count() == 0
    assert not page.list.isVisible() and not page.open_button.isVisible()   # nothing to pick from
    assert "Pick your profile" not in page.hint.text()
    assert "create your profile" in page.hint.text()
    assert page.name_edit.hasFocus() and page.add_button.isDefault()

    qtbot.keyClicks(page.name_edit, "Dana")
    with qtbot.waitSignal(window.decks.loaded, timeout=10000):
        qtbot.keyClick(page.name_edit, Qt.Key_Return)
    assert window.stack.currentWidget() is window.decks
    assert window.profile["name"] == "Dana"
    assert window.decks.rows   # the built-in decks, ready to study

    window.show_profiles()     # the next time the picker shows the profile, as usual
    qtbot.waitUntil(lambda: page.list.count() == 1)
    assert page.list.isVisible() and "Pick your profile" in page.hint.text()
