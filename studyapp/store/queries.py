"""Reading and writing profiles, decks, items, sessions and the answer log."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, fields
from typing import Any

from sqlite_utils import Database

from studyapp.content.model import DECK_SEPARATOR, Deck, Item
from studyapp.store.db import StoreError


def now_ms() -> int:
    return int(time.time() * 1000)


def insert_row(db: Database, table: str, record: dict[str, Any]) -> int:
    """Insert one row into `table` (an integer primary key) and return its id."""
    row_id = db.table(table).insert(record).last_pk
    # sqlite-utils types last_pk as Any | None; after inserting one row into a rowid table it is that row's id.
    if not isinstance(row_id, int):
        raise StoreError(f"the database gave no id for the new row in {table}")
    return row_id


# ---------------------------------------------------------------- app-wide facts

def get_meta(db: Database, key: str) -> str | None:
    row = next(db.query("SELECT value FROM app_meta WHERE key = ?", [key]), None)
    return row["value"] if row else None


def set_meta(db: Database, key: str, value: str) -> None:
    with db.atomic():
        db.table("app_meta").upsert({"key": key, "value": value}, pk="key")


# ---------------------------------------------------------------- profiles

def list_profiles(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT id, name, created_ms FROM profiles ORDER BY name COLLATE NOCASE"))


def add_profile(db: Database, name: str) -> int:
    name = name.strip()
    if not name:
        raise StoreError("a profile needs a name")
    if len(name) > 60:
        raise StoreError("a profile name can be at most 60 characters")
    if find_profile(db, name):
        raise StoreError(f"a profile named {name!r} already exists")
    with db.atomic():
        return insert_row(db, "profiles", {"name": name, "created_ms": now_ms(), "settings": "{}"})


def find_profile(db: Database, name: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM profiles WHERE name = ? COLLATE NOCASE", [name.strip()]))
    return rows[0] if rows else None


def profile_settings(db: Database, profile_id: int) -> dict[str, Any]:
    # An object: only add_profile and update_profile_settings write this column.
    settings: dict[str, Any] = json.loads(db.table("profiles").get(profile_id)["settings"] or "{}")
    return settings


def update_profile_settings(db: Database, profile_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    with db.atomic():
        settings = profile_settings(db, profile_id) | changes
        db.table("profiles").update(profile_id, {"settings": json.dumps(settings)})
    return settings


# ---------------------------------------------------------------- decks

def ensure_deck(db: Database, name: str, description: str = "") -> int:
    """The id of deck `name` ("Parent::Child"), creating it and its parents as needed."""
    parts = [p.strip() for p in name.split(DECK_SEPARATOR)]
    if not all(parts):
        raise StoreError(f"invalid deck name {name!r}")
    parent_id: int | None = None
    for depth in range(1, len(parts) + 1):
        full = DECK_SEPARATOR.join(parts[:depth])
        row = next(db.query("SELECT id FROM decks WHERE name = ?", [full]), None)
        if row:
            parent_id = row["id"]
            continue
        record = {"name": full, "parent_id": parent_id, "created_ms": now_ms(),
                  "description": description if depth == len(parts) else ""}
        parent_id = insert_row(db, "decks", record)
    assert parent_id is not None  # a deck name has at least one part, so the loop ran
    if description:
        db.table("decks").update(parent_id, {"description": description})
    return parent_id


def list_decks(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT id, name, parent_id, description FROM decks ORDER BY name"))


def find_deck(db: Database, name: str) -> dict[str, Any] | None:
    return next(db.query("SELECT * FROM decks WHERE name = ? COLLATE NOCASE", [name.strip()]), None)


def deck_and_descendants(db: Database, deck_id: int) -> list[int]:
    rows = db.query(
        "WITH RECURSIVE tree(id) AS (SELECT ? UNION ALL SELECT d.id FROM decks d JOIN tree t ON d.parent_id = t.id)"
        " SELECT id FROM tree",
        [deck_id],
    )
    return [r["id"] for r in rows]


# ---------------------------------------------------------------- items

@dataclass
class ItemRow(Item):
    """An item as stored: its content plus the row id and deck."""

    id: int = 0
    deck_id: int = 0

    @property
    def key(self) -> str:
        """The learner's stable key for this item, the same on every laptop."""
        return f"{self.guid}#{self.ord}"


_JSON_FIELDS = ("options", "accepted", "tags", "media", "translations")
_ITEM_FIELDS = [f.name for f in fields(Item) if f.metadata.get("stored", True)]
# What json.dumps(value, ensure_ascii=False) writes, without making a new encoder for each value (json.dumps
# only reuses its own for the default options): item_record in about 0.6 of the time, for every import.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def item_record(item: Item) -> dict[str, Any]:
    record = {name: getattr(item, name) for name in _ITEM_FIELDS}
    for name in _JSON_FIELDS:
        record[name] = _to_json(record[name])
    record["suspended"] = int(item.suspended)
    return record


def _item_row(row: dict[str, Any]) -> ItemRow:
    values = {name: row[name] for name in _ITEM_FIELDS}
    for name in _JSON_FIELDS:
        text = values[name]
        # Most items have no alternatives, tags or translations: an empty one is not worth parsing.
        if text and text not in ("[]", "{}"):
            values[name] = json.loads(text)
        else:
            values[name] = {} if name == "translations" else []
    values["suspended"] = bool(values["suspended"])
    return ItemRow(**values, id=row["id"], deck_id=row["deck_id"])


def items_in_decks(db: Database, deck_ids: list[int], include_suspended: bool = False) -> list[ItemRow]:
    marks = ",".join("?" * len(deck_ids))
    where = f"deck_id IN ({marks}) AND deleted = 0" + ("" if include_suspended else " AND suspended = 0")
    return [_item_row(r) for r in db.query(f"SELECT * FROM items WHERE {where} ORDER BY id", deck_ids)]


def get_item(db: Database, item_id: int) -> ItemRow:
    return _item_row(db.table("items").get(item_id))


def deck_content(db: Database, deck_id: int) -> Deck:
    deck = db.table("decks").get(deck_id)
    items = [Item(**{n: getattr(i, n) for n in _ITEM_FIELDS}) for i in items_in_decks(db, [deck_id], True)]
    return Deck(name=deck["name"], description=deck["description"], items=items)


def deck_tree_content(db: Database, deck_id: int) -> list[Deck]:
    """The deck and each of its sub-decks that holds items."""
    decks = [deck_content(db, d) for d in deck_and_descendants(db, deck_id)]
    return [d for d in decks if d.items]


# ---------------------------------------------------------------- sessions and answers

def start_session(db: Database, profile_id: int, deck_id: int | None, mode: str) -> int:
    with db.atomic():
        return insert_row(
            db, "sessions", {"profile_id": profile_id, "deck_id": deck_id, "mode": mode, "started_ms": now_ms()}
        )


def end_session(db: Database, session_id: int) -> None:
    with db.atomic():
        db.table("sessions").update(session_id, {"ended_ms": now_ms()})


@dataclass(frozen=True)
class LoggedAnswer:
    id: int
    item_id: int
    answered_ms: int
    correct: int
    grade: int | None


def log_answer(db: Database, record: dict[str, Any]) -> int:
    """Append one answer and commit it (durably: synchronous=FULL) before returning its id."""
    with db.atomic():
        return insert_row(db, "answers", record)


def void_answer(db: Database, answer_id: int) -> None:
    """Undo: the answer stays in the log, marked void, and no longer counts."""
    with db.atomic():
        db.table("answer_voids").insert({"answer_id": answer_id, "voided_ms": now_ms()})


def answer_history(db: Database, profile_id: int, item_ids: list[int] | None = None) -> list[LoggedAnswer]:
    """The profile's answers that count (not voided), oldest first."""
    sql = (
        "SELECT a.id, a.item_id, a.answered_ms, a.correct, a.grade FROM answers a"
        " WHERE a.profile_id = ? AND a.id NOT IN (SELECT answer_id FROM answer_voids)"
    )
    params: list[Any] = [profile_id]
    if item_ids is not None:
        sql += f" AND a.item_id IN ({','.join('?' * len(item_ids))})"
        params += item_ids
    sql += " ORDER BY a.answered_ms, a.id"
    return [LoggedAnswer(*row) for row in db.execute(sql, params).fetchall()]


def answer_columns(db: Database, profile_id: int) -> sqlite3.Cursor:
    """The profile's counted answers (answer_history's), oldest first, as a cursor of (id, item_id,
    answered_ms, correct, grade or -1, response_ms or 0) rows, for reading into arrays part by part."""
    return db.execute(
        "SELECT a.id, a.item_id, a.answered_ms, a.correct, COALESCE(a.grade, -1), COALESCE(a.response_ms, 0)"
        " FROM answers a WHERE a.profile_id = ? AND a.id NOT IN (SELECT answer_id FROM answer_voids)"
        " ORDER BY a.answered_ms, a.id",
        [profile_id],
    )


def item_kinds(db: Database) -> dict[int, str]:
    """Every stored item's kind by id (deleted items too: their answers still count)."""
    return dict(db.execute("SELECT id, kind FROM items").fetchall())


def latest_answer_ms(db: Database, profile_id: int) -> int:
    row = db.execute("SELECT MAX(answered_ms) FROM answers WHERE profile_id = ?", [profile_id]).fetchone()
    return row[0] or 0


def answers_per_deck(db: Database, profile_id: int) -> dict[int, int]:
    rows = db.execute(
        "SELECT i.deck_id, COUNT(*) FROM answers a JOIN items i ON i.id = a.item_id"
        " WHERE a.profile_id = ? AND a.id NOT IN (SELECT answer_id FROM answer_voids) GROUP BY i.deck_id",
        [profile_id],
    ).fetchall()
    return dict(rows)


def answers_with_items(db: Database, profile_id: int) -> list[dict[str, Any]]:
    """The profile's counted answers (not voided), oldest first, each with what exports and the learner
    need of its item."""
    return list(db.query(
        "SELECT a.id, a.item_id, a.answered_ms, a.correct, a.grade, a.response_ms,"
        " i.guid, i.ord, i.kind, i.options, i.skill"
        " FROM answers a JOIN items i ON i.id = a.item_id"
        " WHERE a.profile_id = ? AND a.id NOT IN (SELECT answer_id FROM answer_voids)"
        " ORDER BY a.answered_ms, a.id",
        [profile_id],
    ))


def counted_answers(db: Database, profile_id: int, after_id: int = 0) -> sqlite3.Cursor:
    """The profile's counted answers with an id above `after_id`, oldest first, as a cursor of (id, item_id,
    answered_ms, correct, grade or 0) rows (the learner's reading of answers_with_items, in parts)."""
    # The whole log is read in the profile's time index; the answers after an id (a few since the last save)
    # by id (the "+" keeps SQLite from walking the profile's whole time index to find them).
    profile = "a.profile_id" if after_id <= 0 else "+a.profile_id"
    return db.execute(
        "SELECT a.id, a.item_id, a.answered_ms, a.correct, COALESCE(a.grade, 0)"
        " FROM answers a JOIN items i ON i.id = a.item_id"
        f" WHERE {profile} = ? AND a.id > ? AND a.id NOT IN (SELECT answer_id FROM answer_voids)"
        " ORDER BY a.answered_ms, a.id",
        [profile_id, after_id],
    )


def counted_answers_upto(db: Database, profile_id: int, last_id: int) -> tuple[int, int]:
    """How many of the profile's counted answers have an id up to `last_id`, and the sum of their ids (reads
    the profile's whole log: about a second at 2 million answers)."""
    row = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(a.id), 0) FROM answers a JOIN items i ON i.id = a.item_id"
        " WHERE a.profile_id = ? AND a.id <= ? AND a.id NOT IN (SELECT answer_id FROM answer_voids)",
        [profile_id, last_id],
    ).fetchone()
    return int(row[0]), int(row[1])


def voided_upto(db: Database, profile_id: int, last_id: int) -> tuple[int, int]:
    """How many of the profile's answers with an id up to `last_id` were taken back, and the sum of their ids
    (reads the voids only: the log is append-only, so this is all that changes below an id)."""
    row = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(a.id), 0) FROM answer_voids v CROSS JOIN answers a ON a.id = v.answer_id"
        " WHERE a.profile_id = ? AND a.id <= ?",
        [profile_id, last_id],
    ).fetchone()
    return int(row[0]), int(row[1])


def answered_items(db: Database, profile_id: int, after_id: int = 0) -> list[dict[str, Any]]:
    """What the learner needs of each item the profile answered (answers above `after_id`)."""
    return list(db.query(
        "SELECT id, guid, ord, kind, options, skill FROM items"
        " WHERE id IN (SELECT item_id FROM answers WHERE profile_id = ? AND id > ?)",
        [profile_id, after_id],
    ))


def load_learner_state(db: Database, profile_id: int, model_id: str) -> bytes | None:
    row = next(db.query("SELECT state FROM learner_state WHERE profile_id = ? AND model_id = ?",
                        [profile_id, model_id]), None)
    return row["state"] if row else None


def save_learner_state(db: Database, profile_id: int, model_id: str, state: bytes, n_answers: int) -> None:
    with db.atomic():
        db.table("learner_state").upsert({"profile_id": profile_id, "model_id": model_id, "state": state,
                                    "n_answers": n_answers, "updated_ms": now_ms()}, pk=("profile_id", "model_id"))
