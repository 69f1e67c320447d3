"""Backups of the database with SQLite's online backup API: made while the app runs, restored on request."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from studyapp.store.db import StoreError

BACKUP_DIR = "backups"
PREFIX, SUFFIX = "studyapp-", ".sqlite3"
DAY_S = 86_400


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime

    @property
    def name(self) -> str:
        return self.path.name


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def list_backups(data_dir: Path) -> list[Backup]:
    """Backups, newest first."""
    found = []
    for path in backup_dir(data_dir).glob(f"{PREFIX}*{SUFFIX}"):
        stamp = path.name[len(PREFIX):-len(SUFFIX)]
        try:
            created = datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f").replace(tzinfo=timezone.utc)
        except ValueError:
            continue
        found.append(Backup(path, created))
    return sorted(found, key=lambda b: b.created, reverse=True)


def check_database(path: Path) -> None:
    """Raise StoreError unless `path` is an intact SQLite database with StudyApp's tables."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a usable StudyApp database ({exc})") from None
    if result != "ok":
        raise StoreError(f"{path} is damaged (integrity check: {result})")
    if not {"profiles", "items", "answers"} <= tables:
        raise StoreError(f"{path} is an SQLite file but not a StudyApp database")


def create_backup(db_path: Path, data_dir: Path, keep: int) -> Backup:
    """Copy the live database (a consistent snapshot, even mid-session) and keep only the newest `keep`."""
    target_dir = backup_dir(data_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    now = datetime.now(timezone.utc)
    target = target_dir / f"{PREFIX}{now.strftime('%Y%m%d-%H%M%S-%f')}{SUFFIX}"
    partial = target.with_name(target.name + ".part")
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    dest = sqlite3.connect(partial)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()
    partial.replace(target)
    for old in list_backups(data_dir)[keep:]:
        old.path.unlink(missing_ok=True)
    return Backup(target, now)


def backup_if_due(db_path: Path, data_dir: Path, keep: int, min_age_s: float = DAY_S) -> Backup | None:
    """A backup if the newest one is older than a day (or there is none)."""
    newest = next(iter(list_backups(data_dir)), None)
    if newest and time.time() - newest.created.timestamp() < min_age_s:
        return None
    return create_backup(db_path, data_dir, keep)


def restore_backup(db_path: Path, data_dir: Path, name: str | None = None) -> Backup:
    """Replace the database with a backup (the newest by default). The current file is kept beside it
    as `<name>.before-restore` so a restore can itself be undone. Close every connection first."""
    backups = list_backups(data_dir)
    if not backups:
        raise StoreError(f"there are no backups in {backup_dir(data_dir)}")
    chosen = backups[0] if name is None else next((b for b in backups if b.name == name), None)
    if chosen is None:
        raise StoreError(f"there is no backup named {name!r} (see: studyapp backup list)")
    check_database(chosen.path)
    aside = db_path.with_name(db_path.name + ".before-restore")
    if db_path.exists():
        db_path.replace(aside)
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():  # its committed answers belong with the file set aside
        wal.replace(aside.with_name(aside.name + "-wal"))
    db_path.with_name(db_path.name + "-shm").unlink(missing_ok=True)
    staging = db_path.with_name(db_path.name + ".restoring")
    staging.write_bytes(chosen.path.read_bytes())
    staging.replace(db_path)
    return chosen
