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


def search_items(ws, text: str, deck_id: int | None) -> list[dict]:
    from studyapp.store import items

    return items.search_items(ws.db, text, deck_id)


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
