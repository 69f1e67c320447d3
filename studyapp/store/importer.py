"""Writing an ImportBundle into the database: all or nothing, without duplicates on re-import."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from studyapp.content.answer_times import answer_time_problem, wall_clock_ms
from studyapp.content.media_names import check_media_name
from studyapp.content.model import ContentError, ImportBundle
from studyapp.paths import media_dir
from studyapp.store.queries import ensure_deck, item_record, now_ms


@dataclass
class ImportResult:
    decks: list[str]
    items_added: int = 0
    items_updated: int = 0
    answers_added: int = 0
    answers_skipped: int = 0
    media_added: int = 0


def _import_items(db: Database, bundle: ImportBundle, deck_name: str | None, result: ImportResult) -> None:
    for deck in bundle.decks:
        deck.validate()
        name = deck_name or deck.name
        deck_id = ensure_deck(db, name, deck.description)
        result.decks.append(name)
        for item in deck.items:
            record = item_record(item) | {"deck_id": deck_id, "updated_ms": now_ms()}
            existing = next(db.query("SELECT id FROM items WHERE guid = ? AND ord = ?", [item.guid, item.ord]), None)
            if existing:
                db["items"].update(existing["id"], record)
                result.items_updated += 1
            else:
                db["items"].insert(record | {"created_ms": record["updated_ms"]})
                result.items_added += 1


def _import_history(db: Database, bundle: ImportBundle, profile_id: int, result: ImportResult) -> None:
    known = {r[0] for r in db.execute(
        "SELECT source_id FROM answers WHERE profile_id = ? AND source_id IS NOT NULL", [profile_id])}
    # An answer that went out (to Anki, say) and comes back under another source id is the same answer
    # when it has the same item and moment.
    moments = set(db.execute("SELECT item_id, answered_ms FROM answers WHERE profile_id = ?", [profile_id]).fetchall())
    rows = []
    now_ms = wall_clock_ms()
    for row in bundle.history:
        problem = answer_time_problem(row.timestamp_ms, now_ms)
        if problem:  # the readers name the file and row; this is the last gate before the log
            raise ContentError(f"an answer to the item ({row.item_guid}, {row.item_ord}) {problem}")
        item = next(db.query("SELECT id FROM items WHERE guid = ? AND ord = ?", [row.item_guid, row.item_ord]), None)
        if item is None:
            raise ContentError(f"a history row refers to an item ({row.item_guid}, {row.item_ord}) that is not in the file")
        if (row.source_id and row.source_id in known) or (item["id"], row.timestamp_ms) in moments:
            result.answers_skipped += 1
            continue
        moments.add((item["id"], row.timestamp_ms))
        rows.append({
            "profile_id": profile_id, "item_id": item["id"], "answered_ms": row.timestamp_ms,
            "shown_ms": row.timestamp_ms - (row.response_ms or 0), "response_ms": row.response_ms,
            "grade": row.grade, "correct": row.correct, "source": "import", "source_id": row.source_id or None,
        })
        known.add(row.source_id)
    db["answers"].insert_all(rows)
    result.answers_added = len(rows)


def import_bundle(
    db: Database, data_dir: Path, bundle: ImportBundle, profile_id: int | None, deck_name: str | None = None
) -> ImportResult:
    """Import decks, media and history in one transaction. Media are staged in a temporary folder inside the
    data dir and moved into place only after the database commit; on any error nothing is left behind."""
    if bundle.history and profile_id is None:
        raise ContentError("the file contains answer history, so it must be imported into a profile")
    result = ImportResult(decks=[])
    target = media_dir(data_dir)
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=target))
    try:
        staged = {}
        for name, data in bundle.media.items():
            staged[check_media_name(name)] = data
            (staging / name).write_bytes(data)
        with db.atomic():
            _import_items(db, bundle, deck_name, result)
            if bundle.history:
                _import_history(db, bundle, profile_id, result)
            for name, data in staged.items():
                record = {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                          "created_ms": now_ms()}
                db["media"].upsert(record, pk="name")
        for name in staged:
            (staging / name).replace(target / name)
        result.media_added = len(staged)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result
