"""Profile PINs: asked for in the picker (a wrong one says so and stays), set and removed from the File menu."""

import sqlite3

from PySide6.QtCore import Qt

from studyapp.paths import db_path
from studyapp.store.db import connect
from studyapp.store.pin import set_pin


def give_pin(data_dir, name, pin):
    db = connect(db_path(data_dir))
    set_pin(db, db.execute("SELECT id FROM profiles WHERE name = ?", [name]).fetchone()[0], pin)
    db.close()


def pin_hash(data_dir, name):
    with sqlite3.connect(db_path(data_dir)) as db:
        return db.execute("SELECT pin_hash FROM profiles WHERE name = ?", [name]).fetchone()[0]


def choose(qtbot, page, name):
    """Waits for the list that knows Ada's PIN (the picker was filled once before the PIN was set)."""
    qtbot.waitUntil(lambda: page.list.count() == 2 and page.list.item(0).data(Qt.UserRole)["has_pin"])
    page.list.setCurrentRow(next(i for i in range(page.list.count()) if page.list.item(i).text() == name))


def test_pin_is_asked_and_a_wrong_one_refused(qtbot, window, data_dir):
    give_pin(data_dir, "Ada", "2468")
    page = window.profiles
    page.refresh()
    choose(qtbot, page, "Ada")
    assert page.pin_edit.isVisibleTo(page) and page.pin_edit.echoMode() == page.pin_edit.EchoMode.Password
    qtbot.keyClick(page.list, Qt.Key_Return)
    assert "Type the PIN of Ada" in page.error.text() and page.pin_edit.hasFocus()
    qtbot.keyClicks(page.pin_edit, "1111")
    qtbot.keyClick(page.pin_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: "not the PIN of Ada" in page.error.text(), timeout=10000)
    assert window.stack.currentWidget() is page and page.pin_edit.text() == ""
    qtbot.keyClicks(page.pin_edit, "2468")
    with qtbot.waitSignal(window.decks.loaded, timeout=10000):
        qtbot.keyClick(page.pin_edit, Qt.Key_Return)
    assert window.profile["name"] == "Ada" and "pin_hash" not in window.profile


def test_wrong_pins_make_the_picker_wait_and_the_wait_survives_a_restart(qtbot, window, data_dir):
    give_pin(data_dir, "Ada", "2468")
    page = window.profiles
    page.refresh()
    choose(qtbot, page, "Ada")
    for n in range(8):  # the delay doubles with each wrong PIN, so a try soon falls within it
        qtbot.keyClicks(page.pin_edit, f"000{n}")
        qtbot.keyClick(page.pin_edit, Qt.Key_Return)
        qtbot.waitUntil(lambda: "PIN" in page.error.text(), timeout=10000)
        if "too many" in page.error.text():
            break
        assert "not the PIN of Ada" in page.error.text()
        page.error.clear()
    assert n >= 3 and "too many wrong PINs for 'Ada': wait" in page.error.text()
    with sqlite3.connect(db_path(data_dir)) as db:  # kept in the database, not in the window
        assert db.execute("SELECT count(*) FROM app_meta WHERE key LIKE 'pin_failures:%'").fetchone()[0] == 1


def test_profile_without_pin_has_no_pin_field(qtbot, window, data_dir):
    give_pin(data_dir, "Ada", "2468")
    page = window.profiles
    page.refresh()
    choose(qtbot, page, "Ben")
    assert not page.pin_edit.isVisibleTo(page)


def test_set_and_remove_pin_from_the_menu(qtbot, window, open_profile, data_dir):
    open_profile("Ben")
    assert window.act_set_pin.isEnabled() and not window.act_remove_pin.isEnabled()
    window.act_set_pin.trigger()
    dialog = window.pin.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.first.setText("12")
    dialog.second.setText("12")
    dialog.accept()
    assert dialog.isVisible() and "4 to 32" in dialog.error.text()
    dialog.first.setText("9753")
    dialog.second.setText("9735")
    dialog.accept()
    assert dialog.isVisible() and "differ" in dialog.error.text()
    dialog.second.setText("9753")
    with qtbot.waitSignal(window.pin.changed, timeout=10000):
        dialog.accept()
    assert pin_hash(data_dir, "Ben").startswith("scrypt$")
    assert window.act_remove_pin.isEnabled()
    with qtbot.waitSignal(window.pin.changed, timeout=10000):
        window.act_remove_pin.trigger()
    assert pin_hash(data_dir, "Ben") is None and not window.act_remove_pin.isEnabled()


def test_leaving_a_protected_profile_needs_the_pin_to_come_back(qtbot, window, data_dir):
    give_pin(data_dir, "Ada", "2468")
    page = window.profiles
    page.refresh()
    choose(qtbot, page, "Ada")
    qtbot.keyClicks(page.pin_edit, "2468")
    with qtbot.waitSignal(window.decks.loaded, timeout=10000):
        qtbot.keyClick(page.pin_edit, Qt.Key_Return)
    window.act_profile.trigger()
    assert window.stack.currentWidget() is page and window.profile is None
    window.act_decks.trigger()
    window.act_stats.trigger()
    assert window.stack.currentWidget() is page
