"""Opening a data directory: the database, the built-in decks, and the profile in use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlite_utils import Database

from studyapp import paths
from studyapp.content.compiled_decks import CompiledDecks, file_digest
from studyapp.content.model import ImportBundle
from studyapp.content.native import SUFFIX, read_deck
from studyapp.resources import decks_dir
from studyapp.store import queries
from studyapp.store.db import DataUnavailable, StoreError, connect
from studyapp.store.housekeeping import open_data_dir
from studyapp.store.importer import import_bundle
from studyapp.store.lock import Presence
from studyapp.store.pin import check_profile_pin

DEFAULT_PROFILE = "Student"
LAST_PROFILE_KEY = "last_profile"


@dataclass
class Workspace:
    data_dir: Path
    db: Database
    presence: Presence | None = field(default=None, repr=False)  # this process's mark as a user of the folder

    @property
    def db_path(self) -> Path:
        return paths.db_path(self.data_dir)

    def close(self) -> None:
        self.db.close()
        if self.presence is not None:
            self.presence.leave()


def install_builtin_decks(db: Database, data_dir: Path) -> list[str]:
    """Import each shipped deck whose file changed since it was last installed, all in one import (from their
    compiled form where it is up to date); returns their names."""
    folder = decks_dir()
    changed = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        digest = file_digest(path.read_bytes())
        if queries.get_meta(db, f"builtin:{path.name}") != digest:
            changed.append((path, digest))
    if not changed:
        return []
    compiled = CompiledDecks(folder)
    decks = [compiled.deck(path.name, digest) or read_deck(path) for path, digest in changed]
    import_bundle(db, data_dir, ImportBundle(decks=decks), profile_id=None)
    with db.atomic():
        for path, digest in changed:
            queries.set_meta(db, f"builtin:{path.name}", digest)
    return [deck.name for deck in decks]


class DamagedDatabase(StoreError):
    """The database file cannot be opened; a backup may be restored instead."""

    def __init__(self, message: str, data_dir: Path) -> None:
        super().__init__(message)
        self.data_dir = data_dir


def open_workspace(data_dir: str | Path | None = None, role: str = "command") -> Workspace:
    directory = paths.data_dir(data_dir)
    presence = open_data_dir(directory, role)
    try:
        try:
            db = connect(paths.db_path(directory))
        except DataUnavailable:
            raise  # read-only, full or busy: the file is fine, so no backup is offered in its place
        except StoreError as exc:
            raise DamagedDatabase(str(exc), directory) from None
        install_builtin_decks(db, directory)
    except BaseException:
        presence.leave()
        raise
    return Workspace(directory, db, presence)


def command_workspace(args) -> Workspace:
    """The workspace of one CLI command (`args.data_dir`), kept on `args` so that `studyapp.cli.main` closes it."""
    args.workspace = open_workspace(args.data_dir)
    return args.workspace


def resolve_profile(db: Database, name: str | None, pin: str | Callable[[str], str | None] | None = None) -> dict:
    """The named profile, else the last one used, else the only one, else a new default profile.
    A profile with a PIN is only handed out with that PIN (`pin` may be a function asking for it by name)."""
    profile = _find_profile(db, name)
    if profile.get("pin_hash"):
        check_profile_pin(db, profile, pin(profile["name"]) if callable(pin) else pin)
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
