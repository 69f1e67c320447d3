"""Backups of the database with SQLite's online backup API: made while the app runs, restored on request.

A restore swaps the database file only while no other process uses the folder, never leaves the folder
without a database (the swap is one rename), and first keeps the current database as a timestamped
pre-restore copy, which stays until the user deletes it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from studyapp.store.db import PRIVATE_FILE, DataUnavailable, StoreError, check_writable, describe_sqlite_error

BACKUP_DIR = "backups"
PREFIX, SUFFIX = "studyapp-", ".sqlite3"
BEFORE_RESTORE = "before-restore-"
STAMP = "%Y%m%d-%H%M%S-%f"
PARTIAL = ".part"
RESTORE_MARKER = "restore-in-progress.json"
DAY_S = 86_400


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Restored:
    backup: Backup
    kept: Path | None   # the replaced database, kept as a pre-restore copy (None when there was none)


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def read_only_uri(path: Path) -> str:
    """A `file:` URI SQLite reads as the file `path`: `#`, `?` and `%` in folder names are percent-quoted."""
    return f"{Path(path).resolve().as_uri()}?mode=ro"


def _found(data_dir: Path, prefix: str) -> list[Backup]:
    found = []
    for path in backup_dir(data_dir).glob(f"{prefix}*{SUFFIX}"):
        try:
            created = datetime.strptime(path.name[len(prefix):-len(SUFFIX)], STAMP).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
        found.append(Backup(path, created))
    return sorted(found, key=lambda b: b.created, reverse=True)


def list_backups(data_dir: Path) -> list[Backup]:
    """Backups, newest first."""
    return _found(data_dir, PREFIX)


def list_pre_restore(data_dir: Path) -> list[Backup]:
    """The databases that restores replaced, newest first (never pruned: only the user deletes them)."""
    return _found(data_dir, BEFORE_RESTORE)


def check_database(path: Path) -> None:
    """Raise StoreError unless `path` is an intact SQLite database with StudyApp's tables."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
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


def _stamp(now: datetime) -> str:
    return now.strftime(STAMP)


def _fsync(path: Path) -> None:
    """Make a finished file (or a rename in a folder) durable before the next step relies on it."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open folders; its renames are durable through NTFS's journal
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a live database (even mid-session) into `target`, via a `.part` file."""
    partial = target.with_name(target.name + PARTIAL)
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, PRIVATE_FILE))
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
        dest = sqlite3.connect(partial)
        try:
            src.backup(dest)
        finally:
            dest.close()
            src.close()
        _fsync(partial)
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise DataUnavailable(f"no backup was made: {describe_sqlite_error(exc, target.parent)}") from None


def create_backup(db_path: Path, data_dir: Path, keep: int) -> Backup:
    """Copy the live database (a consistent snapshot, even mid-session) and keep only the newest `keep`."""
    target_dir = backup_dir(data_dir)
    try:
        target_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        check_writable(target_dir / "probe")
    except OSError as exc:
        raise DataUnavailable(f"no backup was made: {describe_sqlite_error(exc, target_dir)}") from None
    except DataUnavailable:
        raise DataUnavailable(f"no backup was made: the folder {target_dir} is read-only") from None
    now = datetime.now(timezone.utc)
    target = target_dir / f"{PREFIX}{_stamp(now)}{SUFFIX}"
    _copy_database(db_path, target)
    for old in list_backups(data_dir)[keep:]:
        old.path.unlink(missing_ok=True)
    return Backup(target, now)


def backup_if_due(db_path: Path, data_dir: Path, keep: int, min_age_s: float = DAY_S) -> Backup | None:
    """A backup if the newest one is older than a day (or there is none)."""
    newest = next(iter(list_backups(data_dir)), None)
    if newest and time.time() - newest.created.timestamp() < min_age_s:
        return None
    return create_backup(db_path, data_dir, keep)


def find_backup(data_dir: Path, name: str | None) -> Backup:
    """The backup (or pre-restore copy) named `name`; the newest backup by default."""
    backups = list_backups(data_dir)
    if name is None:
        if not backups:
            raise StoreError(f"there are no backups in {backup_dir(data_dir)}")
        return backups[0]
    chosen = next((b for b in backups + list_pre_restore(data_dir) if b.name == name), None)
    if chosen is None:
        raise StoreError(f"there is no backup named {name!r} (see: studyapp backup list)")
    return chosen


# ---------------------------------------------------------------- which PINs a restore needs

def _profile_states(path: Path) -> dict[str, tuple[Any, ...]] | None:
    """Per profile (by name): (id, name, pin_hash, settings, answer count, last answer id); None when unreadable."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            rows = conn.execute(
                "SELECT p.id, p.name, p.pin_hash, p.settings, count(a.id), max(a.id) FROM profiles p "
                "LEFT JOIN answers a ON a.profile_id = p.id GROUP BY p.id").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return {row[1].casefold(): row for row in rows}


def protected_profiles_overwritten(db_path: Path, backup: Backup) -> list[tuple[int, str, str]]:
    """(id, name, pin hash) of each PIN-protected profile whose data the restore would change or remove.
    Nothing when the current database cannot be read (a damaged file protects nobody)."""
    current = _profile_states(db_path) if db_path.exists() else None
    restored = _profile_states(backup.path) or {}
    return [state[:3] for key, state in sorted((current or {}).items())
            if state[2] and restored.get(key, (None,) * 6)[2:] != state[2:]]


# ---------------------------------------------------------------- restore

def interrupted_restore(data_dir: Path) -> dict[str, Any] | None:
    """The record of a restore that did not finish (the process was killed), if any."""
    try:
        # An object: _swap_in writes it.
        record: dict[str, Any] = json.loads((data_dir / RESTORE_MARKER).read_text(encoding="utf-8"))
        return record
    except (OSError, ValueError):
        return None


def settle_interrupted_restore(data_dir: Path, db_path: Path) -> None:
    """At start-up: a restore killed midway left either the old database or the restored one (the swap is one
    rename), plus its staging file; clear those. If the database is missing, refuse to start an empty one."""
    record = interrupted_restore(data_dir)
    if record is None:
        return
    if not db_path.exists():
        raise StoreError(f"a restore of {record.get('backup')} was interrupted and {db_path.name} is missing; "
                         f"run it again: studyapp backup restore {record.get('backup')}")
    db_path.with_name(db_path.name + ".restoring").unlink(missing_ok=True)
    (data_dir / RESTORE_MARKER).unlink(missing_ok=True)


def _make_self_contained(db_path: Path) -> None:
    """Fold the WAL into the main file and drop it, so that the file alone is the whole database."""
    try:
        conn = sqlite3.connect(db_path, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # a damaged file: it is kept aside as it is, with its WAL


def restore_backup(db_path: Path, data_dir: Path, name: str | None = None, *,
                   check_pins: Callable[[list[tuple[int, str, str]]], None] | None = None,
                   take_over: bool = False) -> Restored:
    """Replace the database with a backup (the newest by default), keeping the current one as a pre-restore copy.

    Refused while another process uses the folder. `check_pins` receives the protected profiles the restore
    would overwrite and raises unless their PINs were given. Close this process's own connections first."""
    from studyapp.store.lock import gate, other_users

    chosen = find_backup(data_dir, name)
    check_database(chosen.path)
    with gate(data_dir):
        users = other_users(data_dir, take_over)
        if users:
            foreign = " (marks left on another computer are cleared with --take-over)" if any(
                not u.here for u in users) else ""
            raise StoreError("the data folder is in use by " + "; ".join(u.describe() for u in users)
                             + f": close StudyApp there (or let the session end) before restoring{foreign}")
        if check_pins is not None:
            check_pins(protected_profiles_overwritten(db_path, chosen))
        try:
            aside = _swap_in(db_path, data_dir, chosen)
        except OSError as exc:
            raise DataUnavailable(f"the restore was not made: {describe_sqlite_error(exc, data_dir)}") from None
    return Restored(chosen, aside)


def _swap_in(db_path: Path, data_dir: Path, chosen: Backup) -> Path | None:
    """The steps of a restore, each safe to be killed after: marker, copy aside, staging, one rename."""
    now = datetime.now(timezone.utc)
    marker = data_dir / RESTORE_MARKER
    aside = backup_dir(data_dir) / f"{BEFORE_RESTORE}{_stamp(now)}{SUFFIX}"
    marker.write_text(json.dumps({"backup": chosen.name, "aside": aside.name, "started": now.isoformat()}),
                      encoding="utf-8")
    wal = db_path.with_name(db_path.name + "-wal")
    kept = None
    if db_path.exists():
        _make_self_contained(db_path)
        backup_dir(data_dir).mkdir(mode=0o700, exist_ok=True)
        for source, target in ((db_path, aside), (wal, aside.with_name(aside.name + "-wal"))):
            if source.exists():  # a WAL is left only beside a damaged file; it is kept with it
                shutil.copyfile(source, target)
                os.chmod(target, PRIVATE_FILE)
                _fsync(target)
        kept = aside
    staging = db_path.with_name(db_path.name + ".restoring")
    shutil.copyfile(chosen.path, staging)
    os.chmod(staging, PRIVATE_FILE)
    _fsync(staging)
    # The old WAL (already kept aside) must go before the swap: left beside the restored file, SQLite would
    # replay it into that file.
    wal.unlink(missing_ok=True)
    db_path.with_name(db_path.name + "-shm").unlink(missing_ok=True)
    staging.replace(db_path)
    _fsync(data_dir)
    marker.unlink()
    return kept
