"""The operations the screens ask of the store thread: each takes the Workspace first and returns plain data.

The store modules are imported inside the functions, that is in the store thread: sqlite-utils imports
pandas when it is installed (half a second), which must not delay the window.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from studyapp.study.settings import StudySettings

UI_PREFS_KEY = "ui_prefs"


@dataclass(frozen=True)
class UiPrefs:
    """How the program looks, shared by every profile on this computer."""

    theme: str = "light"       # "light" or "dark"
    font_size: int = 11        # points
    language: str = "en"       # "en" or "zh_CN"

    @classmethod
    def from_json(cls, text: str | None) -> "UiPrefs":
        try:
            values = json.loads(text) if text else {}
        except ValueError:
            values = {}
        prefs = cls()
        theme = values.get("theme") if values.get("theme") in ("light", "dark") else prefs.theme
        language = values.get("language") if values.get("language") in ("en", "zh_CN") else prefs.language
        size = values.get("font_size")
        font_size = size if isinstance(size, int) and 8 <= size <= 28 else prefs.font_size
        return cls(theme, font_size, language)


def load_ui_prefs(ws) -> UiPrefs:
    from studyapp.store import queries

    return UiPrefs.from_json(queries.get_meta(ws.db, UI_PREFS_KEY))


def save_ui_prefs(ws, prefs: UiPrefs) -> UiPrefs:
    from studyapp.store import queries

    queries.set_meta(ws.db, UI_PREFS_KEY, json.dumps(asdict(prefs)))
    return prefs


def public_profile(row: dict) -> dict:
    """A profile row as the screens see it: whether it has a PIN, never the PIN's hash."""
    shown = {k: v for k, v in row.items() if k != "pin_hash"}
    shown["has_pin"] = bool(row.get("pin_hash"))
    return shown


def profiles(ws) -> tuple[list[dict], str | None]:
    """All profiles and the name of the one used last."""
    from studyapp.store import queries
    from studyapp.workspace import LAST_PROFILE_KEY

    protected = {r["id"] for r in ws.db.query("SELECT id FROM profiles WHERE pin_hash IS NOT NULL")}
    rows = [dict(r, has_pin=r["id"] in protected) for r in queries.list_profiles(ws.db)]
    return rows, queries.get_meta(ws.db, LAST_PROFILE_KEY)


def add_profile(ws, name: str) -> dict:
    from studyapp.store import queries

    return public_profile(ws.db["profiles"].get(queries.add_profile(ws.db, name)))


def open_profile(ws, profile_id: int, pin: str | None = None) -> dict | None:
    """The profile, remembered as the last one used; None when it has a PIN and `pin` is not it (StoreError while
    the delay after wrong PINs runs)."""
    from studyapp.store.pin import try_pin
    from studyapp.workspace import remember_profile

    profile = ws.db["profiles"].get(profile_id)
    if not try_pin(ws.db, profile, pin):
        return None
    remember_profile(ws.db, profile["name"])
    return public_profile(profile)


def set_profile_pin(ws, profile_id: int, pin: str | None) -> dict:
    """Set, change or (with None) remove the profile's PIN; returns the profile."""
    from studyapp.store.pin import set_pin

    set_pin(ws.db, profile_id, pin)
    return public_profile(ws.db["profiles"].get(profile_id))


def default_profile(ws) -> dict:
    """The last profile used, else the only one, else a new one (for runs without a person, like --smoke-test)."""
    from studyapp.workspace import remember_profile, resolve_profile

    profile = resolve_profile(ws.db, None)
    remember_profile(ws.db, profile["name"])
    return public_profile(profile)


def decks(ws, profile_id: int) -> list[dict]:
    from studyapp.study.clock import system_clock
    from studyapp.study.overview import deck_overview

    return deck_overview(ws.db, profile_id, system_clock())


def deck_mastery(ws, profile_id: int, learner) -> tuple[int, dict[int, dict]]:
    """The answers a deck needs before its mastery is shown, and per deck with answers its mastery, range and
    answers behind them (`studyapp.study.overview.deck_mastery`)."""
    from studyapp.study.clock import system_clock
    from studyapp.study.overview import MASTERY_MIN_ANSWERS
    from studyapp.study.overview import deck_mastery as mastery
    from studyapp.study.predictor import LearnerPredictor

    predictor = LearnerPredictor(ws.db, profile_id, learner)
    shown = mastery(ws.db, profile_id, predictor, system_clock())
    predictor.save()   # the adapted state, so that the next session starts from it instead of adapting again
    return MASTERY_MIN_ANSWERS, shown


def export_deck(ws, deck_id: int, path: str) -> int:
    """Write the deck's own items in the native format (via a .part file, so a failure leaves nothing half
    written); returns how many items were written."""
    from pathlib import Path

    from studyapp.content.model import ContentError
    from studyapp.content.native import write_deck
    from studyapp.content.problems import Code
    from studyapp.store import queries

    content = queries.deck_content(ws.db, deck_id)
    if not content.items:
        raise ContentError(Code.NO_ITEMS_OF_ITS_OWN, repr(content.name))
    out = Path(path)
    part = out.with_name(out.name + ".part")
    part.write_text(write_deck(content), encoding="utf-8")
    part.replace(out)
    return len(content.items)


def export_deck_apkg(ws, deck_id: int, path: str, profile_id: int | None) -> int:
    """The deck and its sub-decks as an Anki package; returns how many items were written."""
    from pathlib import Path

    from studyapp.exchange.export import export_deck_apkg as export

    return export(ws.db, ws.data_dir, deck_id, Path(path), profile_id)


def study_settings(ws, profile_id: int) -> StudySettings:
    from studyapp.store import queries

    return StudySettings.from_dict(queries.profile_settings(ws.db, profile_id))


def save_study_settings(ws, profile_id: int, settings: StudySettings) -> StudySettings:
    from studyapp.store import queries

    queries.update_profile_settings(ws.db, profile_id, settings.to_dict())
    return settings


# ---------------------------------------------------------------- backups

def backups_keep(ws) -> int:
    """How many backups to keep: the setting of the profile used last (each profile may set it)."""
    from studyapp.store import queries
    from studyapp.workspace import LAST_PROFILE_KEY

    last = queries.get_meta(ws.db, LAST_PROFILE_KEY)
    profile = queries.find_profile(ws.db, last) if last else None
    settings = StudySettings.from_dict(json.loads(profile["settings"] or "{}")) if profile else StudySettings()
    return settings.backups_keep


def backup_on_close(ws):
    from studyapp.store.backup import backup_if_due

    return backup_if_due(ws.db_path, ws.data_dir, backups_keep(ws))


def list_backups(ws) -> list[dict]:
    """Backups, newest first: file name and creation time (ms since the epoch, UTC)."""
    from studyapp.store.backup import list_backups as found

    return [{"name": b.name, "created_ms": int(b.created.timestamp() * 1000)} for b in found(ws.data_dir)]


def backup_now(ws) -> str:
    from studyapp.store.backup import create_backup

    return create_backup(ws.db_path, ws.data_dir, backups_keep(ws)).name


def pins_for_restore(ws, name: str) -> list[str]:
    """Names of the PIN-protected profiles whose data restoring `name` would replace."""
    from studyapp.store.backup import find_backup, protected_profiles_overwritten

    return [n for _, n, _ in protected_profiles_overwritten(ws.db_path, find_backup(ws.data_dir, name))]


def restore(ws, name: str, pins: dict[str, str] | None = None) -> dict:
    """Replace the database with the named backup, given the PINs of the protected profiles it replaces; returns
    the backup's name and the pre-restore copy's. The connection is closed for the swap and reopened after,
    whatever happens, so the store thread always has a usable database."""
    from studyapp.store.backup import restore_backup
    from studyapp.store.db import connect
    from studyapp.store.pin import pin_checker

    ws.db.close()
    try:
        done = restore_backup(ws.db_path, ws.data_dir, name, check_pins=pin_checker(ws.db_path, (pins or {}).get))
        return {"name": done.backup.name, "kept": done.kept.name if done.kept else None}
    finally:
        ws.db = connect(ws.db_path)


def newest_backup(data_dir) -> dict | None:
    """Runs before any database is open (start-up with a damaged file)."""
    from studyapp.store.backup import list_backups as found

    backups = found(data_dir)
    return {"name": backups[0].name, "created_ms": int(backups[0].created.timestamp() * 1000)} if backups else None


def set_aside_damaged(data_dir) -> str:
    """Move a damaged database (and its WAL files) out of the way as `<db>.damaged-<time>`; returns that name."""
    from datetime import datetime, timezone
    from pathlib import Path

    from studyapp.paths import db_path

    current = db_path(Path(data_dir))
    aside = current.with_name(f"{current.name}.damaged-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}")
    for suffix in ("-wal", "-shm"):
        extra = current.with_name(current.name + suffix)
        if extra.exists():
            extra.replace(aside.with_name(aside.name + suffix))
    if current.exists():
        current.replace(aside)
    return aside.name
