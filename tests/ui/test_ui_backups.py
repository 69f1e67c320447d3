"""One window per data folder, backups (on close, by hand, restored), and start-up with a damaged database."""

import os
import socket
import sqlite3

import pytest
import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox

from studyapp.paths import db_path
from studyapp.store.backup import create_backup, list_backups
from studyapp.store.lock import LOCK_NAME


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
    (data_dir / LOCK_NAME).write_text(f"{os.getpid()}\n{socket.gethostname()}", encoding="utf-8")
    win = start_window(data_dir)
    qtbot.waitUntil(lambda: win.start_box is not None and win.start_box.isVisible(), timeout=10000)
    assert win.start_box.text().startswith("StudyApp is already open on this data folder")
    assert f"process {os.getpid()}" in win.start_box.informativeText()
    assert win.backend.worker.workspace is None and win.backend.data_dir is None
    with qtbot.waitSignal(win.exit_requested) as blocker:
        win.start_box.button(QMessageBox.Close).click()
    assert blocker.args == [1]
    win.close()
    assert (data_dir / LOCK_NAME).exists()   # the other window's lock is left alone


def test_lock_taken_while_open_and_released_with_a_backup_on_close(qtbot, window, data_dir):
    assert (data_dir / LOCK_NAME).read_text(encoding="utf-8").split("\n")[0] == str(os.getpid())
    assert list_backups(data_dir) == []
    window.close()
    assert not (data_dir / LOCK_NAME).exists()
    assert len(list_backups(data_dir)) == 1


def test_backups_dialog_backs_up_and_restores(qtbot, window, open_profile, data_dir):
    open_profile("Ada")
    window.show_backups()
    dialog = window.backups_dialog
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
    assert (data_dir / "studyapp.sqlite3.before-restore").exists()
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
    qtbot.waitUntil(lambda: win.start_box is not None and win.start_box.isVisible(), timeout=10000)
    assert "cannot be read" in win.start_box.text()
    with qtbot.waitSignal(win.ready, timeout=10000):
        click(win.start_box, "Restore the backup of")
    qtbot.waitUntil(lambda: win.profiles.list.count() == 2)
    assert profile_names(data_dir) == ["Ada", "Ben"]


def test_damaged_database_without_backup_starts_fresh_and_keeps_the_file(qtbot, start_window, data_dir):
    corrupt(data_dir)
    win = start_window(data_dir)
    qtbot.waitUntil(lambda: win.start_box is not None and win.start_box.isVisible(), timeout=10000)
    assert not any("Restore" in b.text() for b in win.start_box.buttons())
    with qtbot.waitSignal(win.ready, timeout=20000):
        click(win.start_box, "Start with empty data")
    kept = list(data_dir.glob("studyapp.sqlite3.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not")
    assert profile_names(data_dir) == []


def test_damaged_database_quit_ends_with_status_1(qtbot, start_window, data_dir):
    corrupt(data_dir)
    win = start_window(data_dir)
    qtbot.waitUntil(lambda: win.start_box is not None and win.start_box.isVisible(), timeout=10000)
    with qtbot.waitSignal(win.exit_requested) as blocker:
        click(win.start_box, "Quit")
    assert blocker.args == [1]
    assert db_path(data_dir).read_bytes().startswith(b"this is not")


def test_smoke_test_on_a_locked_folder_exits_1(tmp_path):
    import subprocess
    import sys

    folder = tmp_path / "d"
    folder.mkdir()
    (folder / LOCK_NAME).write_text(f"{os.getpid()}\n{socket.gethostname()}", encoding="utf-8")
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
    window.show_backups()
    dialog = window.backups_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.notice.text() == "No backups yet.")
    for count in (1, 2, 2):
        with qtbot.waitSignal(dialog.changed, timeout=10000):
            dialog.backup_button.click()
        assert dialog.list.count() == count
    dialog.reject()
