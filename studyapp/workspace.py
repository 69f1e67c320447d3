"""Opening a data directory: the database, the built-in decks, and the profile in use."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from studyapp import paths
from studyapp.content.native import SUFFIX, read_deck
from studyapp.content.model import ImportBundle
from studyapp.resources import decks_dir
from studyapp.store import queries
from studyapp.store.db import StoreError, connect
from studyapp.store.importer import import_bundle
from studyapp.store.pin import check_profile_pin

DEFAULT_PROFILE = "Student"
LAST_PROFILE_KEY = "last_profile"


@dataclass
class Workspace:
    data_dir: Path
    db: Database

    @property
    def db_path(self) -> Path:
        return paths.db_path(self.data_dir)

    def close(self) -> None:
        self.db.close()


def install_builtin_decks(db: Database, data_dir: Path) -> list[str]:
    """Import each shipped deck whose file changed since it was last installed; returns their names."""
    installed = []
    for path in sorted(decks_dir().glob(f"*{SUFFIX}")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        key = f"builtin:{path.name}"
        if queries.get_meta(db, key) == digest:
            continue
        deck = read_deck(path)
        import_bundle(db, data_dir, ImportBundle(decks=[deck]), profile_id=None)
        queries.set_meta(db, key, digest)
        installed.append(deck.name)
    return installed


class DamagedDatabase(StoreError):
    """The database file cannot be opened; a backup may be restored instead."""

    def __init__(self, message: str, data_dir: Path) -> None:
        super().__init__(message)
        self.data_dir = data_dir


def open_workspace(data_dir: str | Path | None = None) -> Workspace:
    directory = paths.data_dir(data_dir)
    try:
        db = connect(paths.db_path(directory))
    except StoreError as exc:
        raise DamagedDatabase(str(exc), directory) from None
    install_builtin_decks(db, directory)
    return Workspace(directory, db)


def command_workspace(args) -> Workspace:
    """The workspace of one CLI command (`args.data_dir`), kept on `args` so that `studyapp.cli.main` closes it."""
    args.workspace = open_workspace(args.data_dir)
    return args.workspace


def resolve_profile(db: Database, name: str | None, pin: str | None = None) -> dict:
    """The named profile, else the last one used, else the only one, else a new default profile.
    A profile with a PIN is only handed out with that PIN."""
    profile = _find_profile(db, name)
    check_profile_pin(profile, pin)
    return profile


def _find_profile(db: Database, name: str | None) -> dict:
    if name:
        profile = queries.find_profile(db, name)
        if profile is None:
            raise StoreError(f"there is no profile named {name!r} (create it with: studyapp profiles add {name!r})")
        return profile
    last = queries.get_meta(db, LAST_PROFILE_KEY)
    profile = queries.find_profile(db, last) if last else None
    if profile is None:
        existing = queries.list_profiles(db)
        profile = existing[0] if existing else db["profiles"].get(queries.add_profile(db, DEFAULT_PROFILE))
    return profile


def remember_profile(db: Database, name: str) -> None:
    queries.set_meta(db, LAST_PROFILE_KEY, name)
