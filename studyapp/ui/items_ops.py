"""What the browser asks of the store thread, each change returning the operation that takes it back,
so the browser keeps a plain undo stack. The writes themselves are `studyapp.store.items`, imported by
each function in the store thread (for the reason given in `studyapp.ui.ops`)."""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.content.model import Item


@dataclass(frozen=True)
class Undo:
    fn: object       # an operation of this module, run like the others: fn(ws, *args)
    args: tuple


def search_items(ws, text: str, deck_id: int | None, profile_id: int | None = None,
                 language: str | None = None) -> list[dict]:
    """The items found, prompt and answer in `language` where they have it, each with the profile's schedule:
    `answers`, and `due_ms` and `interval_ms` by the classical schedule (as the deck tree counts due items; None
    for an item never answered)."""
    from collections import defaultdict

    from studyapp.store import items, queries
    from studyapp.study.classic import replay

    rows = items.search_items(ws.db, text, deck_id, language=language)
    past = defaultdict(list)
    if profile_id is not None and rows:
        for answer in queries.answer_history(ws.db, profile_id, [row["id"] for row in rows]):
            past[answer.item_id].append((answer.answered_ms, answer.correct, answer.grade))
    for row in rows:
        answers = past.get(row["id"], [])
        schedule = replay(answers) if answers else None
        row["answers"] = len(answers)
        row["due_ms"] = schedule.due_ms if schedule else None
        row["interval_ms"] = schedule.interval_ms if schedule else None
    return rows


def item_history(ws, profile_id: int, item_id: int) -> list[dict]:
    """Every answer the profile gave the item, newest first, those taken back (voided) marked as such."""
    sql = ("SELECT a.answered_ms, a.correct, a.grade, a.response_ms, a.given, a.source,"
           " v.answer_id IS NOT NULL AS voided FROM answers a LEFT JOIN answer_voids v ON v.answer_id = a.id"
           " WHERE a.profile_id = ? AND a.item_id = ? ORDER BY a.answered_ms DESC, a.id DESC")
    return list(ws.db.query(sql, [profile_id, item_id]))


def add_item(ws, deck_id: int, item: Item) -> Undo:
    from studyapp.store import items

    return Undo(set_deleted, (items.add_item(ws.db, deck_id, item), True))


def edit_item(ws, item_id: int, deck_id: int, item: Item) -> Undo:
    from studyapp.store import items, queries

    previous_deck = queries.get_item(ws.db, item_id).deck_id
    return Undo(edit_item, (item_id, previous_deck, items.update_item(ws.db, item_id, deck_id, item)))


def set_deleted(ws, item_ids: list[int], deleted: bool) -> Undo:
    from studyapp.store import items

    items.set_deleted(ws.db, item_ids, deleted)
    return Undo(set_deleted, (item_ids, not deleted))


def move_items(ws, item_ids: list[int], deck_id: int) -> Undo:
    return restore_decks(ws, {item_id: deck_id for item_id in item_ids})


def restore_decks(ws, decks_by_item: dict[int, int]) -> Undo:
    from studyapp.store import items

    return Undo(restore_decks, (items.move_items(ws.db, decks_by_item),))


def load_item(ws, item_id: int):
    from studyapp.store.queries import get_item

    return get_item(ws.db, item_id)


def deck_choices(ws) -> list[dict]:
    from studyapp.store import items

    return items.deck_choices(ws.db)
