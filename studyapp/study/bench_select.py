"""Benchmark: how long the study session takes to choose the next item on decks of 1k, 20k and 100k items.

It measures what a real session does. The deck (a parent deck with three sub-decks) and a history (half
the items answered one to three times in the last two months) are imported into a temporary database,
and a real `StudySession` runs each mode: the timed call is `next_item()`, and between two calls the
item shown is answered through `submit()`, so the learner observes and adapts on a new answer and the
next choice scores the deck again with the same item objects, as when a student studies. The predictor
is the shipped learner model when it loads; otherwise (or with `use_model=False`) a stand-in that reads
p from a table, which times the session and the policy alone. The result says which one was used.
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from studyapp.content.model import Deck, HistoryRow, ImportBundle, Item, grade_of
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.store.importer import import_bundle
from studyapp.store.queries import ItemRow, LoggedAnswer
from studyapp.study.clock import DAY_MS
from studyapp.study.policies import make_policy
from studyapp.study.session import Predictor, StudySession
from studyapp.study.settings import StudySettings

if TYPE_CHECKING:
    from studyapp.learner.runtime import Learner

SIZES = (1000, 20000, 100000)
NOW = 1_767_268_800_000  # 2026-01-01T12:00Z
PARTS = 3
ANSWER_MS = 8000


class TablePredictor:
    """p(correct) read from a fixed table by item id (the session's and policy's own cost, without a model)."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = np.random.default_rng(seed)
        self.p = np.zeros(0)
        # (list, its p): the session passes its deck list each time
        self._last: tuple[Sequence[ItemRow], npt.NDArray[np.float64]] | None = None

    def predict(self, items: Sequence[ItemRow], now_ms: int) -> npt.NDArray[np.float64]:
        if self._last is not None and self._last[0] is items:
            return self._last[1]
        ids = np.fromiter((i.id for i in items), np.int64, len(items))
        if len(ids) and ids.max() >= len(self.p):
            self.p = np.concatenate([self.p, self.rng.uniform(0.3, 1.0, ids.max() + 1 - len(self.p))])
        p = self.p[ids]
        if len(items) > 1:
            self._last = (items, p)
        return p

    knowledge = predict

    def observe(self, item: ItemRow, answer: LoggedAnswer) -> None:
        pass

    def forget_last(self) -> None:
        pass

    def save(self) -> None:
        pass


def synthetic_bundle(n: int, seed: int = 0) -> ImportBundle:
    """A deck "Bench" of n flashcards in three sub-decks, half of them answered before NOW."""
    rng = np.random.default_rng(seed)
    parts = [Deck(f"Bench::Part {k + 1}") for k in range(PARTS)]
    history = []
    for k in range(n):
        parts[k % PARTS].items.append(Item("basic", f"q{k}", f"a{k}", guid=f"bench{k}"))
        if k >= n // 2:
            continue
        at = NOW - int(rng.uniform(1, 60) * DAY_MS)
        for _ in range(int(rng.integers(1, 4))):
            correct = int(rng.random() < 0.8)
            history.append(HistoryRow(f"bench{k}", 0, at, grade_of(correct, None), correct))
            at += int(rng.uniform(0.5, 5) * DAY_MS)
            if at >= NOW:
                break
    return ImportBundle(decks=parts, history=history)


def load_learner() -> tuple[Learner | None, str | None]:
    """The shipped model, or None with the reason."""
    try:
        from studyapp.learner.runtime import Learner, ModelError

        return Learner.load(), None
    except (ImportError, OSError) as exc:
        return None, f"model unavailable ({exc.__class__.__name__})"
    except ModelError as exc:
        return None, str(exc)


def time_session(session: StudySession, clock: list[int], repeats: int, rng: random.Random) -> dict[str, float]:
    """Times `repeats` + 1 calls of next_item(), answering each item shown (right 4 times in 5)."""
    times = []
    # Choice 0 builds the policy's and the learner's arrays over the deck (once per session): reported apart.
    for _ in range(repeats + 1):
        started = time.perf_counter()
        shown = session.next_item()
        times.append((time.perf_counter() - started) * 1000)
        if shown is None:
            break
        clock[0] += ANSWER_MS
        session.submit("3" if rng.random() < 0.8 else "1")
    session.finish()
    steady = times[1:] or times
    return {"p50": round(float(np.percentile(steady, 50)), 3), "p95": round(float(np.percentile(steady, 95)), 3),
            "first": round(times[0], 3), "choices": len(steady)}


def bench_size(n: int, modes: Sequence[str], repeats: int, learner: Learner | None,
               workdir: Path) -> dict[str, dict[str, float]]:
    """Each mode's figures on a fresh database of n items (one profile studies the modes in turn)."""
    from studyapp.study.predictor import LearnerPredictor

    db = connect(workdir / f"bench-{n}.sqlite3")
    db.execute("PRAGMA synchronous = OFF")  # a throw-away database: durability only costs time here
    profile = queries.add_profile(db, "bench")
    import_bundle(db, workdir, synthetic_bundle(n), profile)
    deck = queries.find_deck(db, "Bench")
    assert deck is not None, "the bench deck was just imported"
    deck_id = deck["id"]
    settings = StudySettings(test_length=200)  # a long test, so no timed choice ends it
    clock = [NOW]
    out = {}
    for mode in modes:
        predictor: Predictor = LearnerPredictor(db, profile, learner) if learner else TablePredictor()
        session = StudySession(db, profile, deck_id, mode=mode, policy=make_policy(mode, predictor, seed=0),
                               predictor=predictor, clock=lambda: clock[0], settings=settings)
        out[mode] = time_session(session, clock, repeats, random.Random(n))
        clock[0] += 3_600_000
    db.close()
    return out


def bench_select(sizes: Sequence[int] = SIZES, modes: Sequence[str] = ("review", "practice", "test"),
                 repeats: int = 40, use_model: bool = True) -> dict[str, Any]:
    learner, why = load_learner() if use_model else (None, "not requested")
    out: dict[str, Any] = {"predictor": "learner model" if learner else f"table stand-in: {why}",
                 "measures": "StudySession.next_item() with an answer submitted between calls",
                 "select_ms": {}, "by_mode": {}}
    with tempfile.TemporaryDirectory(prefix="studyapp-bench-") as tmp:
        for n in sizes:
            figures = bench_size(n, modes, repeats if n <= 20000 else max(5, repeats // 4), learner, Path(tmp))
            for mode in modes:
                out["by_mode"].setdefault(mode, {})[str(n)] = figures[mode]
            out["select_ms"][str(n)] = figures[modes[0]]
    return out
