"""Opening a data folder: settle a restore that was killed midway, join the folder's users, and clear what killed
imports and backups left behind."""

from __future__ import annotations

import shutil
from pathlib import Path

from studyapp.paths import db_path, media_dir
from studyapp.store.backup import PARTIAL, backup_dir, settle_interrupted_restore
from studyapp.store.db import check_writable
from studyapp.store.lock import Presence, gate, locks_dir, other_users

IMPORT_STAGING = ".import-"


def leftovers(data_dir: Path) -> list[Path]:
    """Staging folders of imports and partial backup files: only ever left by a process that was killed."""
    found = list(media_dir(data_dir).glob(f"{IMPORT_STAGING}*"))
    found += list(backup_dir(data_dir).glob(f"*{PARTIAL}"))
    found += list(locks_dir(data_dir).glob("*.tmp"))
    return found


def remove_leftovers(data_dir: Path) -> int:
    """Remove the leftovers; call only while no other process uses the folder (its import may be running)."""
    removed = 0
    for path in leftovers(data_dir):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed += not path.exists()
    return removed


def open_data_dir(data_dir: Path, role: str) -> Presence:
    """Ready the folder for this process; the Presence is to be left (`leave()`) when the database closes."""
    check_writable(db_path(data_dir))
    settle_interrupted_restore(data_dir, db_path(data_dir))
    with gate(data_dir):  # one gate for joining and clearing: nobody starts an import in between
        presence = Presence(data_dir, role).join()
        if not other_users(data_dir):
            remove_leftovers(data_dir)
    return presence
