"""What the browser asks of the store thread: search, add, edit, soft-delete and move items, each undoable.

Every change returns the operation that takes it back, so the browser keeps a plain undo stack.
(These writes belong in `studyapp.store.queries`; they live here until the store grows them. The store is
imported by each function, in the store thread, for the reason given in `studyapp.ui.ops`.)
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace

from studyapp.content.cloze import cloze_numbers, expand_cloze
from studyapp.content.model import Item

SEARCH_LIMIT = 2000


@dataclass(frozen=True)
class Undo:
    fn: object       # an operation of this module, run like the others: fn(ws, *args)
    args: tuple


def search_items(ws, text: str, deck_id: int | None) -> list[dict]:
    """Live items of the deck (and its sub-decks, or all decks) whose prompt, answer, tags or skill contain
    `text` (any case), with their deck's name."""
    from studyapp.store.queries import deck_and_descendants

    deck_ids = deck_and_descendants(ws.db, deck_id) if deck_id else None
    sql = ("SELECT i.id, i.kind, i.prompt, i.answer, i.tags, i.skill, i.deck_id, d.name AS deck FROM items i"
           " JOIN decks d ON d.id = i.deck_id WHERE i.deleted = 0")
    params: list = []
    if text.strip():
        sql += " AND (i.prompt LIKE ? OR i.answer LIKE ? OR i.tags LIKE ? OR i.skill LIKE ?)"
        params += [f"%{text.strip()}%"] * 4
    if deck_ids:
        sql += f" AND i.deck_id IN ({','.join('?' * len(deck_ids))})"
        params += deck_ids
    rows = list(ws.db.query(sql + f" ORDER BY d.name, i.id LIMIT {SEARCH_LIMIT}", params))
    for row in rows:
        row["tags"] = " ".join(json.loads(row["tags"] or "[]"))
    return rows


def expand_new(item: Item) -> list[Item]:
    """A new item as stored (checked): a cloze becomes one item per gap, a two-way card both directions."""
    if item.kind == "cloze" and cloze_numbers(item.prompt):
        parts = expand_cloze(item)
    elif item.kind == "reversed":
        parts = [item, replace(item, prompt=item.answer, answer=item.prompt, accepted=[], ord=1)]
    else:
        parts = [item]
    for part in parts:
        part.validate()
    return parts


def add_item(ws, deck_id: int, item: Item) -> Undo:
    from studyapp.store.queries import item_record, now_ms

    item = replace(item, guid=item.guid or f"sa-{uuid.uuid4().hex[:16]}")
    ids = []
    with ws.db.atomic():
        for part in expand_new(item):
            record = item_record(part) | {"deck_id": deck_id, "created_ms": now_ms(), "updated_ms": now_ms()}
            ids.append(ws.db["items"].insert(record).last_pk)
    return Undo(set_deleted, (ids, True))


def edit_item(ws, item_id: int, deck_id: int, item: Item) -> Undo:
    from studyapp.store.queries import get_item, item_record, now_ms

    item.validate()
    before = get_item(ws.db, item_id)
    keep = {"guid": before.guid, "ord": before.ord}
    with ws.db.atomic():
        ws.db["items"].update(item_id, item_record(replace(item, **keep)) | {"deck_id": deck_id,
                                                                            "updated_ms": now_ms()})
    previous = Item(**{k: getattr(before, k) for k in Item.__dataclass_fields__})
    return Undo(edit_item, (item_id, before.deck_id, previous))


def set_deleted(ws, item_ids: list[int], deleted: bool) -> Undo:
    """Soft delete (or restore): the answer log keeps pointing at the item."""
    from studyapp.store.queries import now_ms

    with ws.db.atomic():
        for item_id in item_ids:
            ws.db["items"].update(item_id, {"deleted": int(deleted), "updated_ms": now_ms()})
    return Undo(set_deleted, (item_ids, not deleted))


def move_items(ws, item_ids: list[int], deck_id: int) -> Undo:
    from studyapp.store.queries import now_ms

    before = {r["id"]: r["deck_id"] for r in ws.db.query(
        f"SELECT id, deck_id FROM items WHERE id IN ({','.join('?' * len(item_ids))})", item_ids)}
    with ws.db.atomic():
        for item_id in item_ids:
            ws.db["items"].update(item_id, {"deck_id": deck_id, "updated_ms": now_ms()})
    return Undo(restore_decks, (before,))


def restore_decks(ws, decks_by_item: dict[int, int]) -> Undo:
    from studyapp.store.queries import now_ms

    before = {r["id"]: r["deck_id"] for r in ws.db.query(
        f"SELECT id, deck_id FROM items WHERE id IN ({','.join('?' * len(decks_by_item))})", list(decks_by_item))}
    with ws.db.atomic():
        for item_id, deck_id in decks_by_item.items():
            ws.db["items"].update(item_id, {"deck_id": deck_id, "updated_ms": now_ms()})
    return Undo(restore_decks, (before,))


def load_item(ws, item_id: int):
    from studyapp.store.queries import get_item

    return get_item(ws.db, item_id)


def deck_choices(ws) -> list[dict]:
    return list(ws.db.query("SELECT id, name FROM decks ORDER BY name"))
