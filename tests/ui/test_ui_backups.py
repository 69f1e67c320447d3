"""One window per data folder, backups (on close, by hand, restored), and start-up with a damaged database."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
import shiboken6
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QMessageBox

from studyapp.paths import db_path
from studyapp.store.backup import create_backup, list_backups, list_pre_restore
from studyapp.store.lock import DataDirLock


@pytest.fixture
def start_window(qtbot, qapp):
    """A main window whose start-up may stop at a question (so the fixture does not wait for `ready`)."""
    from studyapp.ui.app import make_application
    from studyapp.ui.i18n import Translations
    from studyapp.ui.mainwindow import MainWindow

    made = []

    def start(data_dir):
        make_application()
        win = MainWindow(data_dir, Translations(qapp), load_model=False)
        made.append(win)
        win.show()
        return win

    yield start
    for win in made:
        win.close()
        QThreadPool.globalInstance().waitForDone()
        shiboken6.delete(win)


def profile_names(data_dir):
    with sqlite3.connect(db_path(data_dir)) as db:
        return [r[0] for r in db.execute("SELECT name FROM profiles ORDER BY name")]


def click(box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if text in b.text())
    button.click()


def test_locked_folder_message_then_status_1_without_opening(qtbot, start_window, data_dir):
    other_window = DataDirLock(data_dir)
    other_window.acquire()
    win = start_window(data_dir)
    qtbot.waitUntil(lambda: win.data_folder.box is not None and win.data_folder.box.isVisible(), timeout=10000)
    assert win.data_folder.box.text().startswith("StudyApp is already open on this data folder")
    assert f"process {os.getpid()}" in win.data_folder.box.informativeText()
    assert win.backend.worker.workspace is None and win.backend.data_dir is None
    with qtbot.waitSignal(win.data_folder.exit_requested) as blocker:
        win.data_folder.box.button(QMessageBox.Close).click()
    assert blocker.args == [1]
    win.close()
    assert other_window.owner().pid == os.getpid()   # the other window's lock is left alone
    other_window.release()


def test_lock_taken_while_open_and_released_with_a_backup_on_close(qtbot, window, data_dir):
    lock = DataDirLock(data_dir)
    assert lock.owner().pid == os.getpid()
    assert list_backups(data_dir) == []
    window.close()
    assert lock.owner() is None
    lock.acquire()  # free again
    lock.release()
    assert len(list_backups(data_dir)) == 1


def test_lock_from_another_computer_is_taken_over_after_a_warning(qtbot, start_window, data_dir):
    lock = DataDirLock(data_dir)
    lock.path.write_text(json.dumps({"host": "usb-laptop-7", "pid": 4242, "created": "2026-11-30T08:15:00+00:00"}))
    win = start_window(data_dir)
    qtbot.waitUntil(lambda: win.data_folder.box is not None and win.data_folder.box.isVisible(), timeout=10000)
    assert "open in StudyApp on another computer" in win.data_folder.box.text()
    assert "process 4242 on usb-laptop-7" in win.data_folder.box.informativeText()
    assert "two programs writing one folder can lose answers" in win.data_folder.box.informativeText()
    assert win.data_folder.box.defaultButton().text() == "&Quit"  # the safe choice is the default
    assert win.backend.worker.workspace is None
    with qtbot.waitSignal(win.ready, timeout=10000):
        click(win.data_folder.box, "Take over")
    assert lock.owner().pid == os.getpid() and lock.owner().host != "usb-laptop-7"


def test_lock_from_another_computer_quit_leaves_it_alone(qtbot, start_window, data_dir):
    lock = DataDirLock(data_dir)
    lock.path.write_text(json.dumps({"host": "usb-laptop-7", "pid": 4242, "created": "2026-11-30T08:15:00+00:00"}))
    win = start_window(data_dir)
    qtbot.waitUntil(lambda: win.data_folder.box is not None and win.data_folder.box.isVisible(), timeout=10000)
    with qtbot.waitSignal(win.data_folder.exit_requested) as blocker:
        click(win.data_folder.box, "Quit")
    assert blocker.args == [1] and lock.owner().host == "usb-laptop-7"


def test_backups_wait_until_the_session_has_ended(qtbot, window, study):
    # A restore replaces the data under the open session, so the menu says to end it first.
    window.act_backups.trigger()
    assert window.backups.dialog is None
    assert window.statusBar().currentMessage() == "Finish studying first (Esc), then open the backups."
    qtbot.keyClick(study, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=10000)
    window.act_backups.trigger()
    qtbot.waitUntil(lambda: window.backups.dialog is not None and window.backups.dialog.isVisible())
    window.backups.dialog.reject()


def test_backups_dialog_backs_up_and_restores(qtbot, window, open_profile, data_dir):
    open_profile("Ada")
    window.backups.open_dialog()
    dialog = window.backups.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.notice.text() == "No backups yet.")
    assert not dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=10000):
        dialog.backup_button.click()
    assert dialog.list.count() == 1 and dialog.restore_button.isEnabled()
    with sqlite3.connect(db_path(data_dir)) as db:
        db.execute("INSERT INTO profiles (name, created_ms) VALUES ('Chloe', 0)")
    assert "Chloe" in profile_names(data_dir)
    dialog.ask_restore()
    with qtbot.waitSignal(dialog.restored, timeout=10000):
        dialog.confirm.button(QMessageBox.Yes).click()
    assert profile_names(data_dir) == ["Ada", "Ben"]
    kept = list_pre_restore(data_dir)
    assert len(kept) == 1 and kept[0].name in dialog.notice.text() and "until you delete it" in dialog.notice.text()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.profiles and window.profiles.list.count() == 2)
    assert window.profile is None
    dialog.reject()


def corrupt(data_dir):
    for suffix in ("-wal", "-shm"):
        db_path(data_dir).with_name(db_path(data_dir).name + suffix).unlink(missing_ok=True)
    db_path(data_dir).write_bytes(b"this is not an SQLite database" * 100)


def test_damaged_database_offers_the_newest_backup(qtbot, start_window, data_dir):
    create_backup(db_path(data_dir), data_dir, keep=10)
    corrupt(data_dir)
    win = start_window(data_dir)
    qtbot.waitUntil(lambda: win.data_folder.box is not None and win.data_folder.box.isVisible(), timeout=10000)
    assert "cannot be read" in win.data_folder.box.text()
    with qtbot.waitSignal(win.ready, timeout=10000):
        click(win.data_folder.box, "Restore the backup of")
    qtbot.waitUntil(lambda: win.profiles.list.count() == 2)
    assert profile_names(data_dir) == ["Ada", "Ben"]


def test_damaged_database_without_backup_starts_fresh_and_keeps_the_file(qtbot, start_window, data_dir):
    corrupt(data_dir)
    win = start_window(data_dir)
    qtbot.waitUntil(lambda: win.data_folder.box is not None and win.data_folder.box.isVisible(), timeout=10000)
    assert not any("Restore" in b.text() for b in win.data_folder.box.buttons())
    with qtbot.waitSignal(win.ready, timeout=20000):
        click(win.data_folder.box, "Start with empty data")
    kept = list(data_dir.glob("studyapp.sqlite3.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not")
    assert profile_names(data_dir) == []


def test_damaged_database_quit_ends_with_status_1(qtbot, start_window, data_dir):
    corrupt(data_dir)
    win = start_window(data_dir)
    qtbot.waitUntil(lambda: win.data_folder.box is not None and win.data_folder.box.isVisible(), timeout=10000)
    with qtbot.waitSignal(win.data_folder.exit_requested) as blocker:
        click(win.data_folder.box, "Quit")
    assert blocker.args == [1]
    assert db_path(data_dir).read_bytes().startswith(b"this is not")


def test_smoke_test_on_a_locked_folder_exits_1(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    other_window = DataDirLock(folder)
    other_window.acquire()
    result = subprocess.run(
        [sys.executable, "-m", "studyapp.cli", "--data-dir", str(folder), "--smoke-test"],
        capture_output=True, text=True, timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin"},
    )
    assert result.returncode == 1
    assert "already open on this data folder" in result.stderr
    assert not db_path(folder).exists()


def test_backup_now_keeps_the_profiles_number(qtbot, window, open_profile, data_dir):
    with sqlite3.connect(db_path(data_dir)) as db:
        db.execute("UPDATE profiles SET settings = '{\"backups_keep\": 2}' WHERE name = 'Ada'")
    open_profile("Ada")
    window.backups.open_dialog()
    dialog = window.backups.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.notice.text() == "No backups yet.")
    for count in (1, 2, 2):
        with qtbot.waitSignal(dialog.changed, timeout=10000):
            dialog.backup_button.click()
        assert dialog.list.count() == count
    dialog.reject()


def test_restore_asks_the_pin_of_each_protected_profile_it_replaces(qtbot, window, open_profile, data_dir):
    from studyapp.store.db import connect
    from studyapp.store.pin import set_pin

    db = connect(db_path(data_dir))
    set_pin(db, db.execute("SELECT id FROM profiles WHERE name = 'Ada'").fetchone()[0], "1357")
    db.close()
    open_profile("Ben")
    window.backups.open_dialog()
    dialog = window.backups.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.notice.text() == "No backups yet.")
    with qtbot.waitSignal(dialog.changed, timeout=10000):
        dialog.backup_button.click()
    with sqlite3.connect(db_path(data_dir)) as db:  # Ada changes after the backup: the restore would undo it
        db.execute("UPDATE profiles SET settings = '{\"new_per_day\": 3}' WHERE name = 'Ada'")
    dialog.ask_restore()
    dialog.confirm.button(QMessageBox.Yes).click()
    qtbot.waitUntil(lambda: dialog.pin_prompt is not None and dialog.pin_prompt.isVisible(), timeout=10000)
    assert "Ada" in dialog.pin_prompt.labelText()
    dialog.pin_prompt.setTextValue("0000")
    dialog.pin_prompt.accept()
    qtbot.waitUntil(lambda: "that PIN is wrong" in dialog.error.text(), timeout=10000)
    assert "3" in next(iter(sqlite3.connect(db_path(data_dir)).execute(
        "SELECT settings FROM profiles WHERE name = 'Ada'")))[0]  # nothing was restored
    dialog.ask_restore()
    dialog.confirm.button(QMessageBox.Yes).click()
    qtbot.waitUntil(lambda: dialog.pin_prompt.isVisible(), timeout=10000)
    dialog.pin_prompt.setTextValue("1357")
    with qtbot.waitSignal(dialog.restored, timeout=10000):
        dialog.pin_prompt.accept()
    dialog.reject()


def test_restore_is_refused_while_a_study_session_runs_elsewhere(qtbot, window, open_profile, data_dir):
    open_profile("Ada")
    window.backups.open_dialog()
    dialog = window.backups.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.notice.text() == "No backups yet.")
    with qtbot.waitSignal(dialog.changed, timeout=10000):
        dialog.backup_button.click()
    session = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from studyapp.workspace import open_workspace; "
                               "ws = open_workspace(sys.argv[1]); print('open', flush=True); time.sleep(60)",
         str(data_dir)], stdout=subprocess.PIPE, text=True)
    try:
        assert session.stdout.readline().strip() == "open"
        dialog.ask_restore()
        dialog.confirm.button(QMessageBox.Yes).click()
        qtbot.waitUntil(lambda: f"in use by process {session.pid}" in dialog.error.text(), timeout=10000)
    finally:
        session.kill()
        session.wait()
    assert list_pre_restore(data_dir) == []
    dialog.reject()


def test_read_only_folder_is_reported_as_read_only_not_as_damaged(qtbot, start_window, data_dir):
    data_dir.chmod(0o500)
    try:
        win = start_window(data_dir)
        qtbot.waitUntil(lambda: "read-only" in win.loading.text(), timeout=10000)
    finally:
        data_dir.chmod(0o700)
    assert win.data_folder.box is None  # neither "already open" nor "damaged, restore a backup?"
    assert "is read-only; StudyApp needs to write there" in win.loading.text()
