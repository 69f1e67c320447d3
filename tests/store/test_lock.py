import json
import os
import signal
import subprocess
import sys

import pytest

from studyapp.store.db import StoreError
from studyapp.store.lock import DataDirLock, ForeignLock, Presence, locks_dir, other_users


def test_second_lock_on_the_same_folder_is_refused_with_a_clear_message(tmp_path):
    with DataDirLock(tmp_path):
        with pytest.raises(StoreError, match=f"already open on this data folder \\(process {os.getpid()} on "):
            DataDirLock(tmp_path).acquire()
    DataDirLock(tmp_path).acquire()  # released: free again


def hold_and_report(tmp_path, code: str) -> subprocess.Popen:
    """A real process that takes a lock in `tmp_path` and says so; the test kills it."""
    process = subprocess.Popen(
        [sys.executable, "-c", f"import sys, time; from pathlib import Path; from studyapp.store.lock import *; "
                               f"d = Path(sys.argv[1]); {code}; print('held', flush=True); time.sleep(60)",
         str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_lock_of_a_killed_process_on_this_computer_is_taken_over(tmp_path):
    owner = hold_and_report(tmp_path, "held = DataDirLock(d); held.acquire()")
    with pytest.raises(StoreError, match=f"process {owner.pid} on "):
        DataDirLock(tmp_path).acquire()  # alive: refused
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    lock = DataDirLock(tmp_path)
    lock.acquire()  # its record is still there, but the system released its lock with the process
    assert lock.owner().pid == os.getpid()
    lock.release()


def write_foreign_record(path, pid=4242):
    path.write_text(json.dumps({"host": "usb-laptop-7", "pid": pid, "created": "2026-11-30T08:15:00+00:00"}))


def test_lock_from_another_computer_is_reported_and_taken_over_only_when_asked(tmp_path):
    lock = DataDirLock(tmp_path)
    write_foreign_record(lock.path)
    with pytest.raises(ForeignLock, match="another computer \\(process 4242 on usb-laptop-7, since 2026-11-30 08:15"):
        lock.acquire()
    assert not lock.held and lock.owner().host == "usb-laptop-7"  # refusing changed nothing
    lock.acquire(take_over=True)
    assert lock.held and lock.owner().pid == os.getpid()


def test_users_of_the_folder_are_seen_while_alive_and_forgotten_once_killed(tmp_path):
    user = hold_and_report(tmp_path, "held = Presence(d, 'study').join()")
    assert [u.pid for u in other_users(tmp_path)] == [user.pid]
    mine = Presence(tmp_path, "gui").join()
    assert [u.pid for u in other_users(tmp_path)] == [user.pid]  # this process is never in its own way
    user.send_signal(signal.SIGKILL)
    user.wait()
    assert other_users(tmp_path) == []
    assert sorted(p.suffix for p in locks_dir(tmp_path).iterdir() if p.name != "gate.lock") == [".json", ".lock"]
    mine.leave()


def test_a_user_on_another_computer_counts_until_taken_over(tmp_path):
    write_foreign_record(locks_dir(tmp_path) / "usb-laptop-7-4242-abcd.json")
    assert [u.host for u in other_users(tmp_path)] == ["usb-laptop-7"]
    assert other_users(tmp_path, take_over=True) == []
    assert other_users(tmp_path) == []
