"""Benchmark: how long one next-item choice takes on decks of 1k, 20k and 100k items.

Half the items have a history of one to three answers. The predictor is the shipped learner model
when it loads (the time then includes its prediction over the whole deck); otherwise a stand-in that
reads p from a table, which times the policy alone, and the result says which one was used.
"""

from __future__ import annotations

import time

import numpy as np

from studyapp.store.queries import ItemRow, LoggedAnswer
from studyapp.study.clock import DAY_MS
from studyapp.study.policies import make_policy
from studyapp.study.selection import StudyContext
from studyapp.study.settings import StudySettings

SIZES = (1000, 20000, 100000)
NOW = 1_767_225_600_000


class TablePredictor:
    """p(correct) read from a fixed table (the policy's own cost, without a model)."""

    def __init__(self, items: list[ItemRow], seed: int = 0):
        self.items = items
        self.p = np.random.default_rng(seed).uniform(0.3, 1.0, len(items))

    def predict(self, items, now_ms):
        if items is self.items:
            return self.p
        return self.p[np.fromiter((i.id - 1 for i in items), np.int64, len(items))]


class ModelPredictor:
    """The shipped learner for one synthetic student (the same calls the session's LearnerPredictor makes)."""

    def __init__(self, learner, items: list[ItemRow], history: dict[int, list[LoggedAnswer]]):
        from studyapp.study.predictor import _answer, item_info

        by_id = {i.id: i for i in items}
        answers = sorted((a for h in history.values() for a in h), key=lambda a: a.answered_ms)
        self.student = learner.student([_answer(item_info(by_id[a.item_id]), a.answered_ms, a.correct, a.grade)
                                        for a in answers])
        self.student.adapt()

    def predict(self, items, now_ms):
        from studyapp.study.predictor import item_info

        return self.student.predict([item_info(i) for i in items], now_ms / 1000)


def synthetic_deck(n: int, seed: int = 0) -> tuple[list[ItemRow], dict[int, list[LoggedAnswer]]]:
    rng = np.random.default_rng(seed)
    items = [ItemRow(kind="basic", prompt=f"q{k}", answer=f"a{k}", guid=f"bench{k}", id=k + 1, deck_id=1 + k % 3)
             for k in range(n)]
    history: dict[int, list[LoggedAnswer]] = {}
    answer_id = 0
    for item in items[: n // 2]:
        at = NOW - int(rng.uniform(1, 60) * DAY_MS)
        for _ in range(int(rng.integers(1, 4))):
            answer_id += 1
            history.setdefault(item.id, []).append(LoggedAnswer(answer_id, item.id, at, int(rng.random() < 0.8), 3))
            at += int(rng.uniform(0.5, 5) * DAY_MS)
    return items, history


def load_learner():
    """The shipped model, or None with the reason."""
    try:
        from studyapp.learner.runtime import Learner, ModelError

        return Learner.load(), None
    except (ImportError, OSError) as exc:
        return None, f"model unavailable ({exc.__class__.__name__})"
    except ModelError as exc:
        return None, str(exc)


def time_choices(policy, items, history, repeats: int, settings: StudySettings) -> dict:
    times = []
    last = None
    # Choice 0 builds the policy's arrays over the deck (once per session): reported apart as "first".
    for k in range(repeats + 1):
        context = StudyContext(items=items, history=history, now_ms=NOW + k * 60_000, settings=settings,
                               last_item_id=last, session_answers=k)
        started = time.perf_counter()
        choice = policy.choose(context)
        times.append((time.perf_counter() - started) * 1000)
        last = choice.item.id if choice else None
    steady = times[1:]
    return {"p50": round(float(np.percentile(steady, 50)), 3), "p95": round(float(np.percentile(steady, 95)), 3),
            "first": round(times[0], 3), "repeats": repeats}


def bench_select(sizes=SIZES, modes=("review", "practice", "test"), repeats: int = 40,
                 use_model: bool = True) -> dict:
    learner, why = load_learner() if use_model else (None, "not requested")
    settings = StudySettings(test_length=200)  # a long test, so no timed choice ends it
    out: dict = {"predictor": "learner model" if learner else f"table stand-in: {why}", "select_ms": {},
                 "by_mode": {}}
    for n in sizes:
        items, history = synthetic_deck(n)
        predictor = ModelPredictor(learner, items, history) if learner else TablePredictor(items)
        for mode in modes:
            figures = time_choices(make_policy(mode, predictor, seed=0), items, history,
                                   min(199, max(5, repeats if n <= 20000 else repeats // 4)), settings)
            out["by_mode"].setdefault(mode, {})[str(n)] = figures
        out["select_ms"][str(n)] = out["by_mode"][modes[0]][str(n)]
    return out
