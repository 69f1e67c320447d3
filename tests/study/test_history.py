"""A session's history and answer times read as arrays (study/history.py) equal the per-answer reading they
replace: the same answers per item (taken-back ones left out), the same learning steps and schedule, the same
medians per kind, and the same choices through a sitting."""

import random
import sqlite3
import statistics
from collections import defaultdict

import pytest

from studyapp.content.model import Deck, ImportBundle, Item
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.store.importer import import_bundle
from studyapp.store.queries import LoggedAnswer
from studyapp.study.classic import replay
from studyapp.study.clock import DAY_MS
from studyapp.study.history import ItemAnswers, answer_times_of, history_of, read_history, read_log
from studyapp.study.selection import DEFAULT_SECONDS, LONGEST_S, AnswerTimes, learning_state
from studyapp.study.session import StudySession

NOW = 1_767_225_600_000 + 40 * DAY_MS
KINDS = ("basic", "reversed", "choice", "typed")


def _item(k):
    kind = KINDS[k % len(KINDS)]
    if kind == "choice":
        return Item("choice", f"q{k}", "b", options=["a", "b", "c"], guid=f"g{k}")
    return Item(kind, f"q{k}", f"a{k}", guid=f"g{k}")


@pytest.fixture
def logged(tmp_path):
    """A profile with 3,000 answers over 60 items of four kinds in two sub-decks: grades 1-4 and none,
    response times missing, zero and past a minute, 10% of answers taken back, and today's answers (items in
    their learning steps); another profile's answers too."""
    db = connect(tmp_path / "db.sqlite3")
    decks = [Deck(f"Top::Part{d}", items=[_item(k) for k in range(d * 30, d * 30 + 30)]) for d in range(2)]
    decks.append(Deck("Elsewhere", items=[_item(k) for k in range(60, 66)]))  # answered, outside the session
    import_bundle(db, tmp_path, ImportBundle(decks=decks), None)
    profile, other = queries.add_profile(db, "Ana"), queries.add_profile(db, "Ben")
    ids = [r["id"] for r in db.query("SELECT id FROM items ORDER BY id")]
    rng = random.Random(7)
    times = sorted(rng.randrange(NOW - 30 * DAY_MS, NOW - 1) for _ in range(3000))
    times[-200:] = sorted(rng.randrange(NOW - 3 * 3_600_000, NOW - 1) for _ in range(200))  # today's
    records = []
    for at in times:
        grade = rng.choice([1, 2, 3, 4, None])
        records.append({"profile_id": rng.choice([profile] * 9 + [other]), "item_id": rng.choice(ids[:50] + ids[60:]),
                        "answered_ms": at, "shown_ms": at, "grade": grade,
                        "correct": int(grade != 1) if grade else rng.randrange(2),
                        "response_ms": rng.choice([None, 0, rng.randrange(1, 90_000), rng.randrange(1, 20_000)]),
                        "source": "study"})
    with db.atomic():  # one transaction: the answers' order and content are what matter here, not durability
        db.table("answers").insert_all(records)
        answer_ids = [r["id"] for r in db.query("SELECT id FROM answers")]
        db.table("answer_voids").insert_all({"answer_id": a, "voided_ms": NOW} for a in answer_ids
                                            if rng.random() < 0.1)
    db.table("items").update(ids[3], {"deleted": 1})  # its answers still count in the answer times
    return db, profile, queries.find_deck(db, "Top")["id"], ids


def _old_history(db, profile, item_ids):
    """The per-answer reading the session used before."""
    history = defaultdict(list)
    for answer in queries.answer_history(db, profile, item_ids):
        history[answer.item_id].append(answer)
    return history


def _old_times(db, profile, least=5):
    """AnswerTimes by statistics.median over one dict per answer, as the session measured them before."""
    samples = {}
    for r in queries.answers_with_items(db, profile):
        if r["response_ms"] is not None and r["response_ms"] > 0:
            samples.setdefault((r["kind"], bool(r["correct"])), []).append(min(r["response_ms"] / 1000, LONGEST_S))
    by_kind = {key: statistics.median(v) for key, v in samples.items() if len(v) >= least}
    overall = []
    for right, default in zip((True, False), DEFAULT_SECONDS):
        pooled = [x for (_, r), v in samples.items() if r == right for x in v]
        overall.append(statistics.median(pooled) if len(pooled) >= least else default)
    return AnswerTimes(by_kind, (overall[0], overall[1]))


def test_the_history_read_as_arrays_is_the_answer_history(logged):
    db, profile, _, all_ids = logged
    ids = all_ids[:60]
    old, new = _old_history(db, profile, ids), history_of(read_log(db, profile), ids)
    assert set(new) == set(old) and len(old) == 50 and all_ids[60] not in new
    for item_id, answers in old.items():
        assert list(new[item_id]) == answers
        assert new[item_id][0] == answers[0] and new[item_id][-1] == answers[-1]
        assert new[item_id][2:-1] == answers[2:-1]
        assert learning_state(new[item_id], NOW - DAY_MS) == learning_state(answers, NOW - DAY_MS)
        assert replay([(a.answered_ms, a.correct, a.grade) for a in new[item_id]]) == \
            replay([(a.answered_ms, a.correct, a.grade) for a in answers])
    assert any(a.grade is None for answers in new.values() for a in answers)
    assert any(learning_state(answers, NOW - DAY_MS) is not None for answers in new.values())
    assert history_of(read_log(db, profile), []) == {}
    assert read_history(db, profile) == _old_history(db, profile, None)


def test_the_answer_times_equal_the_medians_over_every_answer(logged):
    db, profile, _, _ = logged
    times = answer_times_of(db, read_log(db, profile))
    assert times == _old_times(db, profile)
    assert {kind for kind, _ in times.by_kind} == set(KINDS)


def test_answer_times_of_a_profile_without_answers_are_the_defaults(logged):
    db, _, _, _ = logged
    assert answer_times_of(db, read_log(db, queries.add_profile(db, "Cy"))) == AnswerTimes()


def test_item_answers_read_like_a_list_and_become_one_when_changed(logged):
    db, profile, _, ids = logged
    item_id, answers = next(iter(_old_history(db, profile, ids).items()))
    lazy = read_history(db, profile)[item_id]
    assert isinstance(lazy, ItemAnswers) and len(lazy) == len(answers)
    with pytest.raises(IndexError):
        lazy[len(answers)]
    added = LoggedAnswer(10**6, item_id, NOW, 1, 3)
    lazy.append(added)
    assert list(lazy) == answers + [added] and lazy[-1] == added
    assert lazy.pop() == added and lazy == answers


def _response(item, right):
    if item.kind in ("basic", "reversed"):
        return "3" if right else "1"
    if item.kind == "choice":
        return "b" if right else "a"
    return item.answer if right else "wrong"


def _sitting(db, profile, deck, replace_history):
    """(item, reason) of 40 choices, answering alternately right and wrong, a minute apart (an undo every
    seventh), with the session's history as read, or replaced by the per-answer reading."""
    clock = [NOW]
    study = StudySession(db, profile, deck, clock=lambda: clock[0])
    if replace_history:
        study.history = _old_history(db, profile, list(study.items_by_id))
        study.times = _old_times(db, profile)
    shown = []
    for k in range(40):
        item = study.next_item()
        if item is None:
            break
        shown.append((item.item.id, item.reason.text))
        study.submit(_response(item.item, right=bool(k % 2)))
        if k % 7 == 6:
            study.undo()
        clock[0] += 60_000
    return shown


def test_a_sitting_chooses_the_same_as_with_the_per_answer_history(logged, tmp_path):
    db, profile, deck, _ = logged
    with sqlite3.connect(tmp_path / "copy.sqlite3") as target:
        db.conn.backup(target)  # the log as it is, its write-ahead part included
    copy = connect(tmp_path / "copy.sqlite3")
    new = _sitting(db, profile, deck, replace_history=False)
    assert len(new) == 40
    assert new == _sitting(copy, profile, deck, replace_history=True)


class _Knows:
    """A predictor for the mastery figures: p(correct) by item id, so that items differ."""

    def knowledge(self, items, now_ms):
        return [0.3 + (item.id % 7) / 10 for item in items]

    predict = knowledge


def test_the_deck_tree_counts_and_mastery_equal_those_from_the_per_answer_history(logged, monkeypatch):
    db, profile, _, _ = logged
    from studyapp.study import overview

    new = (overview.deck_overview(db, profile, NOW), overview.deck_mastery(db, profile, _Knows(), NOW))
    monkeypatch.setattr(overview, "read_history", lambda db, profile: _old_history(db, profile, None))
    old = (overview.deck_overview(db, profile, NOW), overview.deck_mastery(db, profile, _Knows(), NOW))
    assert new == old
    assert any(row["due"] for row in new[0]) and any(entry["mastery"] is not None for entry in new[1].values())
