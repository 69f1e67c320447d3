"""Opening the database: pragmas for durability, then forward migrations to the current schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from studyapp.store.migrations import MIGRATIONS, SCHEMA_VERSION


class StoreError(Exception):
    """The database cannot be used; the message is one sentence for the user."""


def schema_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


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
    for version in range(current, target):
        # Each step and its version bump commit together, so a crash mid-migration leaves the old version.
        with db.atomic():
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version + 1}")


def connect(path: Path, migrate_to: int = SCHEMA_VERSION) -> Database:
    """Open (creating if needed) the database at `path`, durable and migrated."""
    try:
        # Writers use db.atomic(); check_same_thread stays on: each thread opens its own connection.
        db = Database(sqlite3.connect(str(path), timeout=10.0))
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 10000")
        migrate(db, migrate_to)  # first: it refuses another program's file before anything is changed in it
        db.execute("PRAGMA journal_mode = WAL")
        # FULL makes each commit durable in WAL mode: an answer that was acknowledged survives power loss.
        db.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a usable StudyApp database ({exc})") from None
    except StoreError as exc:
        raise StoreError(f"{path}: {exc}") from None
    return db
