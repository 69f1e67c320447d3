"""Per-deck counts for a profile: items, new, due and answers, each deck counting its sub-decks."""

from __future__ import annotations

from collections import defaultdict

from sqlite_utils import Database

from studyapp.store import queries
from studyapp.study.selection import ClassicPolicy, StudyContext
from studyapp.study.settings import StudySettings


def deck_overview(db: Database, profile_id: int, now_ms: int) -> list[dict]:
    decks = queries.list_decks(db)
    parents = {d["id"]: d["parent_id"] for d in decks}
    all_ids = [d["id"] for d in decks]
    items = queries.items_in_decks(db, all_ids) if all_ids else []
    history = defaultdict(list)
    for answer in queries.answer_history(db, profile_id):
        history[answer.item_id].append(answer)
    context = StudyContext(items=items, history=history, now_ms=now_ms, settings=StudySettings())
    due_ids = {item.id for _, item, _ in ClassicPolicy().due_items(context)}
    answers = queries.answers_per_deck(db, profile_id)
    counts = {d: {"items": 0, "new": 0, "due": 0, "answers": 0} for d in all_ids}

    def ancestors(deck_id):
        while deck_id is not None:
            yield deck_id
            deck_id = parents[deck_id]

    for item in items:
        for deck_id in ancestors(item.deck_id):
            counts[deck_id]["items"] += 1
            counts[deck_id]["new"] += not context.seen(item)
            counts[deck_id]["due"] += item.id in due_ids
    for deck_id, n in answers.items():
        for ancestor in ancestors(deck_id):
            counts[ancestor]["answers"] += n
    return [{"id": d["id"], "name": d["name"], "parent_id": d["parent_id"], **counts[d["id"]]} for d in decks]
