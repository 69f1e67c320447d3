"""Opening the database: pragmas for durability, then forward migrations to the current schema."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from pathlib import Path
from typing import Generator

from sqlite_utils import Database

from studyapp.store.migrations import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_S = 10.0
# A writer that still finds the database locked after one busy timeout tries again, up to this long in all:
# another process's import may hold the write lock for a while, and a typed answer must not be dropped.
WRITE_PATIENCE_S = 60.0
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


class StoreError(Exception):
    """The database cannot be used; the message is one sentence for the user."""


class DataUnavailable(StoreError):
    """The data cannot be used just now (read-only folder, full disk, locked by another process): the file
    itself is fine, so no backup should be offered in its place."""


class StudyDatabase(Database):
    """sqlite-utils' Database whose write transactions start with BEGIN IMMEDIATE.

    A deferred transaction that reads before it writes cannot wait for another process's write lock (SQLite
    answers "database is locked" at once, whatever the busy timeout); an immediate one takes the write lock
    first, so concurrent writers queue behind each other instead of failing."""

    @contextlib.contextmanager
    def atomic(self) -> Generator["StudyDatabase", None, None]:
        if self.conn.in_transaction:  # nested: a savepoint inside the outer immediate transaction
            with super().atomic():
                yield self
            return
        begin_immediate(self.conn)
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException as exc:
            self.rollback()
            if isinstance(exc, sqlite3.OperationalError) and is_unavailable(exc):
                raise DataUnavailable(describe_sqlite_error(exc)) from None
            raise


def begin_immediate(conn: sqlite3.Connection) -> None:
    """Take the write lock, waiting for other writers (each try waits out the busy timeout)."""
    deadline = time.monotonic() + WRITE_PATIENCE_S
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() >= deadline:
                raise DataUnavailable(describe_sqlite_error(exc)) from None


def is_busy(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or \
        "locked" in str(exc)


def is_unavailable(exc: sqlite3.Error) -> bool:
    """A failure of the medium or of waiting (full, read-only, locked), not of the data."""
    text = str(exc).lower()
    return is_busy(exc) or "disk is full" in text or "readonly" in text or "disk i/o error" in text


def describe_sqlite_error(exc: BaseException, path: Path | None = None) -> str:
    """One sentence for an operating-system or SQLite failure that is not a damaged file."""
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "disk is full" in text or "no space" in text:
        return f"the disk is full{where}; free some space and try again"
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly" in text \
            or "read-only" in text:
        return f"the data folder is read-only{where}; StudyApp needs to write there (choose another with --data-dir)"
    if isinstance(exc, sqlite3.Error) and is_busy(exc):
        return ("the database stayed locked by another StudyApp process too long "
                f"({WRITE_PATIENCE_S:g} s); let it finish, then try again")
    if isinstance(exc, OSError):
        return f"the disk reported an error{where}: {exc.strerror or exc}"
    return f"the database reported an error{where}: {exc}"


def schema_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


OWN_TABLES = {"profiles", "decks", "items", "answers"}


def migrate(db: Database, target: int = SCHEMA_VERSION) -> None:
    current = schema_version(db)
    tables = set(db.table_names())
    # Another program's SQLite file is refused, never "migrated" into ours.
    if (current == 0 and tables) or (current > 0 and not OWN_TABLES <= tables):
        raise StoreError("it is an SQLite database of another program, not StudyApp's")
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"the database was written by a newer StudyApp (schema {current}, this version knows {SCHEMA_VERSION})"
        )
    if current >= target:
        return
    # The steps and their version bumps commit together (one commit, not one per step: a new database's schema
    # costs one disk flush), so a crash mid-migration leaves the old version.
    with db.atomic():
        # Read again under the write lock: another process starting at the same moment may have taken steps.
        for version in range(schema_version(db), target):
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")


def check_writable(path: Path) -> None:
    """Raise DataUnavailable when the database (or, for a new one, its folder) cannot be written."""
    # SQLite needs the folder too, for its -wal and -shm files. Mode bits as well as access(): an administrator
    # may write anywhere, but a folder nobody may write to was meant to be read-only.
    targets = [path.parent] + ([path] if path.exists() else [])
    if any(not os.access(t, os.W_OK) or not t.stat().st_mode & 0o222 for t in targets):
        raise DataUnavailable(f"the data folder {path.parent} is read-only; StudyApp needs to write there "
                             "(choose another with --data-dir)")


def make_private(path: Path) -> None:
    """The database (and, through SQLite, its -wal and -shm, which copy its mode) readable by its owner only;
    its folder closed to other users without making a read-only folder writable."""
    if os.name != "posix":
        return  # on Windows the user's profile folder already keeps other users out
    folder_mode = path.parent.stat().st_mode & 0o777
    if folder_mode & 0o077:
        os.chmod(path.parent, folder_mode & PRIVATE_DIR)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
    elif path.stat().st_mode & 0o077:
        os.chmod(path, path.stat().st_mode & PRIVATE_FILE)


def connect(path: Path, migrate_to: int = SCHEMA_VERSION) -> StudyDatabase:
    """Open (creating if needed) the database at `path`, durable and migrated."""
    check_writable(path)
    try:
        make_private(path)
        # isolation_level=None: no implicit transactions; writers use db.atomic() (BEGIN IMMEDIATE), and a
        # statement outside one commits by itself. check_same_thread stays on: each thread opens its own.
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
        # No sqlite-utils plugins: StudyApp uses none, and looking for them scans every installed package's
        # entry points (20-60 ms of each start).
        db = StudyDatabase(conn, execute_plugins=False)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        migrate(db, migrate_to)  # first: it refuses another program's file before anything is changed in it
        db.execute("PRAGMA journal_mode = WAL")
        # FULL makes each commit durable in WAL mode: an answer that was acknowledged survives power loss.
        db.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and is_unavailable(exc):
            raise DataUnavailable(f"{path}: {describe_sqlite_error(exc)}") from None
        raise StoreError(f"{path} is not a usable StudyApp database ({exc})") from None
    except OSError as exc:
        raise DataUnavailable(f"{path}: {describe_sqlite_error(exc)}") from None
    except StoreError as exc:
        if isinstance(exc, DataUnavailable):
            raise
        raise StoreError(f"{path}: {exc}") from None
    return db
