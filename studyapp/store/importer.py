"""Writing an ImportBundle into the database: all or nothing, without duplicates on re-import.

Items and review history are first staged in temporary tables in chunks (no lock on the database; each row
checked, duplicates within the file dropped there), then moved into place with the media in one short
transaction of set-wise statements: a million-row CSV or an Anki package with years of reviews keeps other
writers waiting for that transaction only, and an error anywhere, or a kill, leaves the database as it was
(temporary tables end with their connection; start-up removes a killed import's media folder).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from studyapp.content.answer_times import answer_time_problem, wall_clock_ms
from studyapp.content.media_names import check_media_name
from studyapp.content.model import ContentError, HistoryRow, ImportBundle, Item
from studyapp.content.problems import Code
from studyapp.paths import media_dir
from studyapp.store.housekeeping import IMPORT_STAGING
from studyapp.store.queries import ensure_deck, item_record, now_ms


@dataclass
class ImportResult:
    decks: list[str]
    items_added: int = 0
    items_updated: int = 0
    answers_added: int = 0
    answers_skipped: int = 0
    media_added: int = 0


STAGE_CHUNK = 5_000  # items or history rows written to a staging table per transaction
ITEM_COLUMNS = [*item_record(Item("basic", "", "")), "deck_id", "updated_ms"]
HISTORY_COLUMNS = ["guid", "ord", "answered_ms", "response_ms", "grade", "correct", "source_id"]


def _stage_items(db: Database, bundle: ImportBundle, deck_name: str | None) -> list[tuple[str, str]]:
    """Copy every item into a temporary table, a chunk per transaction. The temporary table lives in SQLite's
    temp database, so staging takes no lock on the data folder's database: a study session in another process
    logs its answers meanwhile. Returns each deck's (name, description) in file order."""
    db.execute("DROP TABLE IF EXISTS temp.staged_items")
    db.execute("CREATE TEMP TABLE staged_items (deck TEXT NOT NULL, "
               + ", ".join(ITEM_COLUMNS) + ", PRIMARY KEY (guid, ord))")
    insert = (f"INSERT OR REPLACE INTO temp.staged_items (deck, {', '.join(ITEM_COLUMNS)}) "
              f"VALUES ({', '.join('?' * (len(ITEM_COLUMNS) + 1))})")
    decks = []
    stamp = now_ms()
    for deck in bundle.decks:
        deck.validate()
        name = deck_name or deck.name
        decks.append((name, deck.description))
        for first in range(0, len(deck.items), STAGE_CHUNK):
            rows = [[name, *(item_record(item) | {"deck_id": None, "updated_ms": stamp}).values()]
                    for item in deck.items[first:first + STAGE_CHUNK]]
            with db.atomic():
                db.conn.executemany(insert, rows)
    return decks


def _import_items(db: Database, decks: list[tuple[str, str]], result: ImportResult) -> None:
    """Move the staged items into the items table in a few set-wise statements: an item already there (same
    guid and ord) is updated in place, the others are added in file order."""
    for name, description in decks:
        deck_id = ensure_deck(db, name, description)
        db.execute("UPDATE temp.staged_items SET deck_id = ? WHERE deck = ?", [deck_id, name])
        if name not in result.decks:
            result.decks.append(name)
    match = "FROM temp.staged_items s WHERE s.guid = items.guid AND s.ord = items.ord"
    result.items_updated = db.execute(f"SELECT COUNT(*) FROM items WHERE EXISTS (SELECT 1 {match})").fetchone()[0]
    changed = [c for c in ITEM_COLUMNS if c not in ("guid", "ord")]
    db.execute(f"UPDATE items SET ({', '.join(changed)}) = ({', '.join(f's.{c}' for c in changed)}) "
               "FROM temp.staged_items s WHERE s.guid = items.guid AND s.ord = items.ord")
    added = db.execute(
        f"INSERT INTO items ({', '.join(ITEM_COLUMNS)}, created_ms) "
        f"SELECT {', '.join(f's.{c}' for c in ITEM_COLUMNS)}, s.updated_ms FROM temp.staged_items s "
        "WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.guid = s.guid AND i.ord = s.ord) ORDER BY s.rowid")
    result.items_added = added.rowcount


def history_record(row: HistoryRow, now_ms: int) -> list[Any]:
    """A history row as staged (HISTORY_COLUMNS); its time is checked here, the last gate before the log."""
    problem = answer_time_problem(row.timestamp_ms, now_ms)
    if problem:  # the readers name the file and row
        raise ContentError(Code.HISTORY_TIME, row.item_guid, row.item_ord, problem)
    return [row.item_guid, row.item_ord, row.timestamp_ms, row.response_ms, row.grade, row.correct,
            row.source_id or None]


def _stage_history(db: Database, history: list[HistoryRow]) -> None:
    """Copy the review history into a temporary table, a chunk per transaction, as the items are. A row that
    repeats an earlier one of the file (same source id, or same item and moment) is dropped here."""
    db.execute("DROP TABLE IF EXISTS temp.staged_answers")
    db.execute("CREATE TEMP TABLE staged_answers (guid TEXT NOT NULL, ord INTEGER NOT NULL, "
               "answered_ms INTEGER NOT NULL, response_ms INTEGER, grade INTEGER, correct INTEGER NOT NULL, "
               "source_id TEXT UNIQUE, UNIQUE (guid, ord, answered_ms))")
    insert = (f"INSERT OR IGNORE INTO temp.staged_answers ({', '.join(HISTORY_COLUMNS)}) "
              f"VALUES ({', '.join('?' * len(HISTORY_COLUMNS))})")
    clock = wall_clock_ms()
    for first in range(0, len(history), STAGE_CHUNK):
        rows = [history_record(row, clock) for row in history[first:first + STAGE_CHUNK]]
        with db.atomic():
            db.conn.executemany(insert, rows)


def _import_history(db: Database, profile_id: int, total: int, result: ImportResult) -> None:
    """Append the staged history to the profile's answers in one statement, skipping answers it already has:
    the same source id, or the same item and moment (an answer that went out, to Anki say, and came back under
    another id)."""
    orphan = db.execute("SELECT guid, ord FROM temp.staged_answers s WHERE NOT EXISTS "
                        "(SELECT 1 FROM items i WHERE i.guid = s.guid AND i.ord = s.ord) LIMIT 1").fetchone()
    if orphan:
        raise ContentError(Code.HISTORY_UNKNOWN_ITEM, orphan[0], orphan[1])
    added = db.execute(
        "INSERT INTO answers (profile_id, item_id, answered_ms, shown_ms, response_ms, grade, correct, source, "
        "source_id) SELECT :profile, i.id, s.answered_ms, s.answered_ms - COALESCE(s.response_ms, 0), "
        "s.response_ms, s.grade, s.correct, 'import', s.source_id "
        "FROM temp.staged_answers s JOIN items i ON i.guid = s.guid AND i.ord = s.ord "
        "WHERE NOT EXISTS (SELECT 1 FROM answers a WHERE a.profile_id = :profile AND a.source_id = s.source_id) "
        "AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.profile_id = :profile AND a.item_id = i.id "
        "AND a.answered_ms = s.answered_ms) ORDER BY s.rowid", {"profile": profile_id})
    result.answers_added = added.rowcount
    result.answers_skipped = total - added.rowcount


def import_bundle(
    db: Database, data_dir: Path, bundle: ImportBundle, profile_id: int | None, deck_name: str | None = None
) -> ImportResult:
    """Import decks, media and history in one transaction, once staged. Media are staged in a temporary folder
    inside the data dir and moved into place only after the database commit; on any error nothing is left behind."""
    if bundle.history and profile_id is None:
        raise ContentError(Code.HISTORY_NEEDS_PROFILE)
    result = ImportResult(decks=[])
    target = media_dir(data_dir)
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=IMPORT_STAGING, dir=target))
    try:
        staged = {}
        for name, data in bundle.media.items():
            staged[check_media_name(name)] = data
            (staging / name).write_bytes(data)
        decks = _stage_items(db, bundle, deck_name)
        _stage_history(db, bundle.history)
        with db.atomic():  # BEGIN IMMEDIATE: waits for other writers instead of failing (store/db.py)
            _import_items(db, decks, result)
            if bundle.history and profile_id is not None:  # checked above: history needs a profile
                _import_history(db, profile_id, len(bundle.history), result)
            for name, data in staged.items():
                record = {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                          "created_ms": now_ms()}
                db.table("media").upsert(record, pk="name")
        for name in staged:
            (staging / name).replace(target / name)
        result.media_added = len(staged)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        db.execute("DROP TABLE IF EXISTS temp.staged_items")
        db.execute("DROP TABLE IF EXISTS temp.staged_answers")
    return result
