"""Editing items: search, add, change, soft-delete and move. Each write is one transaction."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from typing import Any

from sqlite_utils import Database

from studyapp.content.expand import checked_items
from studyapp.content.model import Item, in_language
from studyapp.store.queries import deck_and_descendants, get_item, insert_row, item_record, now_ms

SEARCH_LIMIT = 2000


def search_items(
    db: Database, text: str, deck_id: int | None = None, limit: int = SEARCH_LIMIT, language: str | None = None
) -> list[dict[str, Any]]:
    """Live items of the deck (with its sub-decks; all decks when None) whose prompt, answer, tags, skill or a
    translated text contain `text` in any case, with their deck's name; tags as one space-separated string; the
    prompt and answer in `language` where the item has it."""
    sql = ("SELECT i.id, i.kind, i.prompt, i.answer, i.tags, i.skill, i.deck_id, i.translations, d.name AS deck"
           " FROM items i JOIN decks d ON d.id = i.deck_id WHERE i.deleted = 0")
    params: list[Any] = []
    if text.strip():
        # A translation's texts, not its JSON keys: a search for "prompt" finds no item by its translation.
        sql += (" AND (i.prompt LIKE ? OR i.answer LIKE ? OR i.tags LIKE ? OR i.skill LIKE ? OR (i.translations"
                " != '{}' AND EXISTS (SELECT 1 FROM json_tree(i.translations) t WHERE t.atom LIKE ?)))")
        params += [f"%{text.strip()}%"] * 5
    if deck_id:
        deck_ids = deck_and_descendants(db, deck_id)
        sql += f" AND i.deck_id IN ({','.join('?' * len(deck_ids))})"
        params += deck_ids
    rows = list(db.query(sql + " ORDER BY d.name, i.id LIMIT ?", params + [limit]))
    for row in rows:
        row["tags"] = " ".join(json.loads(row["tags"] or "[]"))
        translations = row.pop("translations")
        if language and translations != "{}":
            shown = in_language(Item(row["kind"], row["prompt"], row["answer"], translations=json.loads(translations)),
                                language)
            row["prompt"], row["answer"] = shown.prompt, shown.answer
    return rows


def add_item(db: Database, deck_id: int, item: Item) -> list[int]:
    """Store a new item (a cloze as one item per gap, a two-way card both ways); returns the new ids."""
    item = replace(item, guid=item.guid or f"sa-{uuid.uuid4().hex[:16]}")
    parts = checked_items(item)
    with db.atomic():
        stamp = now_ms()
        return [insert_row(db, "items", item_record(p) | {"deck_id": deck_id, "created_ms": stamp,
                                                          "updated_ms": stamp}) for p in parts]


def update_item(db: Database, item_id: int, deck_id: int, item: Item) -> Item:
    """Change an item's content and deck (its identity, guid and ord, stays); returns what it was."""
    item.validate()
    before = get_item(db, item_id)
    with db.atomic():
        record = item_record(replace(item, guid=before.guid, ord=before.ord))
        db.table("items").update(item_id, record | {"deck_id": deck_id, "updated_ms": now_ms()})
    return Item(**{k: getattr(before, k) for k in Item.__dataclass_fields__})


def set_deleted(db: Database, item_ids: list[int], deleted: bool) -> None:
    """Soft delete (or restore): the answer log keeps pointing at the item."""
    with db.atomic():
        for item_id in item_ids:
            db.table("items").update(item_id, {"deleted": int(deleted), "updated_ms": now_ms()})


def item_decks(db: Database, item_ids: list[int]) -> dict[int, int]:
    return {r["id"]: r["deck_id"] for r in db.query(
        f"SELECT id, deck_id FROM items WHERE id IN ({','.join('?' * len(item_ids))})", item_ids)}


def move_items(db: Database, decks_by_item: dict[int, int]) -> dict[int, int]:
    """Put each item in its deck; returns where they were, so the move can be taken back."""
    before = item_decks(db, list(decks_by_item))
    with db.atomic():
        for item_id, deck_id in decks_by_item.items():
            db.table("items").update(item_id, {"deck_id": deck_id, "updated_ms": now_ms()})
    return before


def deck_choices(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT id, name FROM decks ORDER BY name"))
