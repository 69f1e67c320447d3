"""One StudyApp window per data folder: a lock file holding the owner's process id.

A lock left by a process that no longer runs (a crash, a power cut) is taken over.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from studyapp.store.db import StoreError

LOCK_NAME = "studyapp.lock"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class DataDirLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self.held = False

    def _owner(self) -> tuple[int, str] | None:
        try:
            pid, host = self.path.read_text(encoding="utf-8").split("\n", 1)
            return int(pid), host.strip()
        except (OSError, ValueError):
            return None

    def acquire(self) -> None:
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                owner = self._owner()
                if owner and (owner[1] != socket.gethostname() or _alive(owner[0])):
                    raise StoreError(
                        f"StudyApp is already open on this data folder (process {owner[0]} on {owner[1]}); "
                        "close it first") from None
                self.path.unlink(missing_ok=True)  # stale: its owner is gone
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\n{socket.gethostname()}")
            self.held = True
            return
        raise StoreError(f"cannot take the lock {self.path}")

    def release(self) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False

    def __enter__(self) -> "DataDirLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
