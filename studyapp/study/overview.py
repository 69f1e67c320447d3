"""What a profile has in its decks: per-deck counts (items, new, due, answers, each deck counting its sub-decks),
and the learner's mastery per deck and skill."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableSequence, Sequence
from typing import Any

from sqlite_utils import Database

from studyapp.store import queries
from studyapp.store.queries import ItemRow, LoggedAnswer
from studyapp.study.history import read_history
from studyapp.study.policies import ItemPredictor, TestPolicy, TestReport
from studyapp.study.selection import ClassicPolicy, StudyContext
from studyapp.study.settings import StudySettings


def deck_overview(db: Database, profile_id: int, now_ms: int) -> list[dict[str, Any]]:
    decks = queries.list_decks(db)
    parents = {d["id"]: d["parent_id"] for d in decks}
    all_ids = [d["id"] for d in decks]
    items = queries.items_in_decks(db, all_ids) if all_ids else []
    history = read_history(db, profile_id)
    context = StudyContext(items=items, history=history, now_ms=now_ms, settings=StudySettings())
    due_ids = {item.id for _, item, _ in ClassicPolicy().due_items(context)}
    answers = queries.answers_per_deck(db, profile_id)
    counts = {d: {"items": 0, "new": 0, "due": 0, "answers": 0} for d in all_ids}

    def ancestors(deck_id: int | None) -> Iterator[int]:
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


# Below this many answers a deck's mastery is not shown: a handful of answers moves it by tens of points (one
# right answer reads as 99%), so the deck tree says "not enough answers yet" and `decks --json` gives null.
MASTERY_MIN_ANSWERS = 10


def _answered(db: Database, profile_id: int,
              deck_ids: list[int]) -> tuple[list[ItemRow], dict[int, MutableSequence[LoggedAnswer]]]:
    """The items of `deck_ids` the student has answered, and their counted answers."""
    items = queries.items_in_decks(db, deck_ids) if deck_ids else []
    wanted = {item.id for item in items}
    history = {item_id: answers for item_id, answers in read_history(db, profile_id).items() if item_id in wanted}
    return [item for item in items if item.id in history], history


def _report(predictor: ItemPredictor, items: list[ItemRow], history: Mapping[int, Sequence[LoggedAnswer]], now_ms: int,
            deck_names: dict[int, str]) -> TestReport:
    """The adaptive test's report with every answer so far counted as a question asked."""
    context = StudyContext(items=items, history=history, now_ms=now_ms, settings=StudySettings(),
                           session_answers=sum(map(len, history.values())))
    return TestPolicy(predictor).report(context, deck_names=deck_names)


def mastery_report(db: Database, profile_id: int, predictor: ItemPredictor, now_ms: int,
                   deck_id: int | None = None) -> TestReport:
    """Mastery per deck and per skill over the items the student has answered (in `deck_id` and its sub-decks,
    or in every deck), each with its 95% band: the adaptive test's report, with every answer so far counted as
    a question asked. `predictor` needs only `knowledge(items, now_ms)`."""
    decks = queries.list_decks(db)
    deck_ids = queries.deck_and_descendants(db, deck_id) if deck_id else [d["id"] for d in decks]
    items, history = _answered(db, profile_id, deck_ids)
    return _report(predictor, items, history, now_ms, {d["id"]: d["name"] for d in decks})


def deck_mastery(db: Database, profile_id: int, predictor: ItemPredictor, now_ms: int,
                 min_answers: int = MASTERY_MIN_ANSWERS) -> dict[int, dict[str, float | None]]:
    """Per deck with answers (its sub-decks counted in): `mastery` and its 95% range (`mastery_low`,
    `mastery_high`), as `mastery_report` gives them for the deck taken whole, and `mastery_answers`, the
    answers behind them; the three figures are None below `min_answers` answers. The deck tree and
    `studyapp decks --json` both show these."""
    decks = queries.list_decks(db)
    items, history = _answered(db, profile_id, [d["id"] for d in decks])
    out: dict[int, dict[str, float | None]] = {}
    for deck in decks:
        subtree = queries.deck_and_descendants(db, deck["id"])
        inside = set(subtree)
        mine = [item for item in items if item.deck_id in inside]
        if not mine:
            continue
        answers = sum(len(history[item.id]) for item in mine)
        entry: dict[str, float | None] = {"mastery": None, "mastery_low": None, "mastery_high": None,
                                          "mastery_answers": answers}
        if answers >= min_answers:
            group = _report(predictor, mine, history, now_ms, dict.fromkeys(subtree, deck["name"])).decks[0]
            entry.update(mastery=group.mastery, mastery_low=group.low, mastery_high=group.high)
        out[deck["id"]] = entry
    return out
