"""What a profile has in its decks: per-deck counts (items, new, due, answers, each deck counting its sub-decks),
and the learner's mastery per deck and skill."""

from __future__ import annotations

from collections import defaultdict

from sqlite_utils import Database

from studyapp.store import queries
from studyapp.study.policies import TestPolicy, TestReport
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


def mastery_report(db: Database, profile_id: int, predictor, now_ms: int, deck_id: int | None = None) -> TestReport:
    """Mastery per deck and per skill over the items the student has answered (in `deck_id` and its sub-decks,
    or in every deck), each with its 95% band: the adaptive test's report, with every answer so far counted as
    a question asked. `predictor` needs only `knowledge(items, now_ms)`."""
    decks = queries.list_decks(db)
    deck_ids = queries.deck_and_descendants(db, deck_id) if deck_id else [d["id"] for d in decks]
    items = queries.items_in_decks(db, deck_ids) if deck_ids else []
    wanted = {item.id for item in items}
    history = defaultdict(list)
    for answer in queries.answer_history(db, profile_id):
        if answer.item_id in wanted:
            history[answer.item_id].append(answer)
    context = StudyContext(items=[item for item in items if item.id in history], history=history, now_ms=now_ms,
                           settings=StudySettings(), session_answers=sum(map(len, history.values())))
    return TestPolicy(predictor).report(context, deck_names={d["id"]: d["name"] for d in decks})
