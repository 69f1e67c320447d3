"""Who is using a data folder: the GUI's one-window lock, and a presence record for every process that has
the database open (a study session, an import), so that a restore never swaps the file under a writer.

Liveness comes from operating-system file locks (filelock: fcntl on Unix, LockFileEx on Windows), which the
system releases when a process dies, however it dies; so on one computer a lock left by a crash is simply
free again. Each lock has a record beside it, {host, pid, created}, written atomically, which names the
owner in messages. A record from another computer (a USB stick moved after a crash, a network share) cannot
be checked from here: it is reported, and taken over only when the user says so (`take_over`).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout

from studyapp.store.db import StoreError

LOCKS_DIR = "locks"
GUI_NAME = "window"
GATE_NAME = "gate.lock"
GATE_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class Owner:
    host: str
    pid: int
    created: str
    role: str = ""

    @property
    def here(self) -> bool:
        return self.host == socket.gethostname()

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}, since {self.created[:16].replace('T', ' ')} UTC"


class ForeignLock(StoreError):
    """The data folder's lock was taken on another computer; only the user can tell whether it is stale."""

    def __init__(self, owner: Owner) -> None:
        super().__init__(f"the data folder is marked as in use by StudyApp on another computer ({owner.describe()})")
        self.owner = owner


def locks_dir(data_dir: Path) -> Path:
    path = Path(data_dir) / LOCKS_DIR
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def _this_owner(role: str) -> Owner:
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return Owner(socket.gethostname(), os.getpid(), now, role)


def _write_record(path: Path, owner: Owner) -> None:
    """Write-then-rename, so a reader sees the old record or the new one, never half of one."""
    partial = path.with_name(path.name + f".{secrets.token_hex(4)}.tmp")
    partial.write_text(json.dumps(owner.__dict__), encoding="utf-8")
    os.replace(partial, path)


def read_record(path: Path) -> Owner | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Owner(str(data["host"]), int(data["pid"]), str(data["created"]), str(data.get("role", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _held_elsewhere(lock_path: Path) -> bool:
    """Whether another process (or another lock object of this one) holds the OS lock on `lock_path`."""
    probe = FileLock(lock_path, timeout=0)
    try:
        probe.acquire()
    except Timeout:
        return True
    probe.release()
    return False


@contextmanager
def gate(data_dir: Path) -> Iterator[None]:
    """Held while a process joins the folder's users and while a restore swaps the database, so that nobody
    opens the database between a restore's check that it is unused and its swap."""
    lock = FileLock(locks_dir(data_dir) / GATE_NAME, timeout=GATE_TIMEOUT_S)
    try:
        lock.acquire()
    except Timeout:
        raise StoreError("the data folder is busy (a restore is running); try again in a moment") from None
    try:
        yield
    finally:
        lock.release()


class Presence:
    """This process uses the data folder: an OS lock held for as long as the database is open, and its record."""

    def __init__(self, data_dir: Path, role: str) -> None:
        directory = locks_dir(data_dir)
        owner = _this_owner(role)
        stem = f"{owner.host}-{owner.pid}-{secrets.token_hex(4)}"
        self.owner = owner
        self.lock = FileLock(directory / f"{stem}.lock", timeout=0)
        self.record = directory / f"{stem}.json"

    def join(self) -> "Presence":
        self.lock.acquire()
        _write_record(self.record, self.owner)
        return self

    def leave(self) -> None:
        if self.lock.is_locked:
            self.record.unlink(missing_ok=True)
            self.lock.release()
            Path(self.lock.lock_file).unlink(missing_ok=True)


def other_users(data_dir: Path, take_over: bool = False) -> list[Owner]:
    """Live users of the folder other than this process. Records whose owner died on this computer are removed;
    records from another computer count as users unless `take_over`, which removes them."""
    found = []
    for record in sorted(locks_dir(data_dir).glob("*.json")):
        owner = read_record(record)
        lock_path = record.with_suffix(".lock")
        if owner is not None and owner.here and owner.pid == os.getpid():
            continue
        if owner is not None and _held_elsewhere(lock_path):
            found.append(owner)  # alive, wherever it runs (some network shares pass OS locks on)
            continue
        if owner is not None and not owner.here and not take_over:
            found.append(owner)
            continue
        record.unlink(missing_ok=True)
        lock_path.unlink(missing_ok=True)
    return found


class DataDirLock:
    """One StudyApp window per data folder."""

    def __init__(self, data_dir: Path) -> None:
        directory = locks_dir(data_dir)
        self.data_dir = Path(data_dir)
        self.lock = FileLock(directory / f"{GUI_NAME}.lock", timeout=0)
        self.path = directory / f"{GUI_NAME}.json"
        self.held = False

    def owner(self) -> Owner | None:
        return read_record(self.path)

    def acquire(self, take_over: bool = False) -> None:
        """Take the lock; StoreError if a window on this computer has it, ForeignLock if the record says another
        computer has it (then `take_over=True` takes it, once the user has agreed)."""
        try:
            self.lock.acquire()
        except Timeout:
            owner = self.owner()
            who = f" ({owner.describe()})" if owner else ""
            raise StoreError(f"StudyApp is already open on this data folder{who}; close it first") from None
        owner = self.owner()
        if owner is not None and not owner.here and not take_over:
            self.lock.release()
            raise ForeignLock(owner)
        _write_record(self.path, _this_owner("window"))  # a record left by a crash here is simply replaced
        self.held = True

    def release(self) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)
            self.lock.release()
            self.held = False

    def __enter__(self) -> "DataDirLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
