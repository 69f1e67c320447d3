"""Scheduling simulation: simulated students study a deck through the real StudySession for N days.

Each student's memory is hidden from the policy (FSRS-5 dynamics with parameters drawn from the real
population by `studyapp.learner.simulate.Population`, plus per-item difficulty); a policy sees only the
answers, logged in a temporary database, exactly as on a laptop. Every policy faces the same students:
student k has the same memory parameters, item difficulties and random stream under every policy.

Policies: "ours" (the review policy on the learner model), "sm2" (ClassicPolicy, Anki's SM-2 rules),
"fsrs6" (the `fsrs` package's scheduler, default parameters, refitted on the student's own history
every `refit_days`) and "random" (any item, new ones within the daily limit).
"""

from __future__ import annotations

import math
import random
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import numpy as np

from studyapp.content.model import SELF_GRADED, Deck, ImportBundle
from studyapp.learner.simulate import FSRS5_DECAY, FSRS5_FACTOR, Population, _next
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.store.importer import import_bundle
from studyapp.store.queries import ItemRow
from studyapp.study.clock import DAY_MS
from studyapp.study.reasons import Code, Reason, new_item
from studyapp.study.selection import ClassicPolicy, Choice, StudyContext, new_item_choice
from studyapp.study.session import StudySession
from studyapp.study.settings import StudySettings

POLICIES = ("ours", "fsrs6", "sm2", "random")
START_MS = 1_767_268_800_000  # 2026-01-01T12:00Z: sessions at midday stay clear of the 4 a.m. rollover
DAY_S = 86400.0


class SimulationError(Exception):
    """A simulation that cannot run; the message is one sentence for the user."""


# ---------------------------------------------------------------- the hidden student

class SimStudent:
    """One learner's true memory (hidden from every policy) and how they answer and how long they take."""

    def __init__(self, w: np.ndarray, keys: list[str], seed: int):
        setup = np.random.default_rng(seed)
        self.w = w
        self.item_d = dict(zip(keys, setup.normal(0, 1.5, len(keys))))
        self.item_s = dict(zip(keys, np.exp(setup.normal(0, 0.5, len(keys)))))
        self.grade_p = setup.dirichlet([2.0, 12.0, 2.0])  # Hard / Good / Easy when recalled
        self.speed = float(np.exp(setup.normal(0, 0.3)))
        self.memory: dict[str, tuple[float, float, float]] = {}  # key -> (stability days, difficulty, last s)
        self.rng = random.Random(seed + 1)

    def recall(self, key: str, t_s: float) -> float:
        if key not in self.memory:
            return 0.0
        s, _, last = self.memory[key]
        return (1.0 + FSRS5_FACTOR * max(t_s - last, 0.0) / DAY_S / s) ** FSRS5_DECAY

    def answer(self, item: ItemRow, t_s: float) -> tuple[str, float]:
        """The response to `item` at time t (seconds) and the seconds it took, updating the memory."""
        key = item.key
        # A first showing is learned from the card itself: recalled three times in four, as in the learner simulator.
        recalled = self.rng.random() < (0.75 if key not in self.memory else self.recall(key, t_s))
        grade = 2 + self._pick(self.grade_p) if recalled else 1
        if key not in self.memory:
            s = self.w[grade - 1] * self.item_s[key]
            d = min(max(self.w[4] - math.exp(self.w[5] * (grade - 1)) + 1 + self.item_d[key], 1.0), 10.0)
        else:
            s0, d0, last = self.memory[key]
            s, d = _next(self.w, s0, d0, (t_s - last) / DAY_S, grade)
        self.memory[key] = (s, d, t_s)
        seconds = (8.0 if recalled else 14.0) * self.speed * math.exp(self.rng.gauss(0, 0.25))
        return self._response(item, recalled, grade), seconds

    def _pick(self, p: np.ndarray) -> int:
        u, acc = self.rng.random(), 0.0
        for k, pk in enumerate(p):
            acc += pk
            if u < acc:
                return k
        return len(p) - 1

    def _response(self, item: ItemRow, recalled: bool, grade: int) -> str:
        if item.kind in SELF_GRADED:
            return str(grade)
        if recalled:
            return item.answer
        if item.kind == "choice":
            return self.rng.choice(item.options)  # a guess, right 1 time in n
        if item.kind == "truefalse":
            return self.rng.choice(["true", "false"])
        return "?"


# ---------------------------------------------------------------- baseline policies

class RandomPolicy:
    """Any item at random (new ones within the daily limit), never the same twice in a row."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def choose(self, context: StudyContext) -> Choice | None:
        allow_new = context.new_allowance() > 0
        pool = [i for i in context.items
                if i.id != context.last_item_id and (allow_new or context.seen(i))]
        if not pool:
            return None
        item = self.rng.choice(pool)
        return Choice(item, None, Reason(Code.RANDOM) if context.seen(item) else
                      new_item(context.new_today + 1, context.settings.new_per_day))


class FsrsPolicy:
    """The `fsrs` package's scheduler as a policy: due cards by due time (learning steps first), new items
    within the daily limit mixed one for one with reviews, parameters refitted every `refit_days`."""

    def __init__(self, desired_retention: float, refit_days: int = 30):
        import fsrs

        self.fsrs = fsrs
        self.retention, self.refit_days = desired_retention, refit_days
        self.scheduler = fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=False)
        self.cards: dict[int, tuple[object, int]] = {}  # item id -> (card, answers folded in)
        self.logs: list = []
        self.last_fit_ms: int | None = None
        self.fits: list[str] = []

    def _sync(self, context: StudyContext) -> None:
        for item_id, answers in context.history.items():
            card, done = self.cards.get(item_id, (None, 0))
            if done == len(answers):
                continue
            card = card or self.fsrs.Card(card_id=item_id)
            for a in answers[done:]:
                rating = self.fsrs.Rating(a.grade if a.grade else (3 if a.correct else 1))
                when = datetime.fromtimestamp(a.answered_ms / 1000, tz=timezone.utc)
                card, log = self.scheduler.review_card(card, rating, when)
                self.logs.append(log)
            self.cards[item_id] = (card, len(answers))

    def _maybe_refit(self, now_ms: int) -> None:
        if self.last_fit_ms is None:
            self.last_fit_ms = now_ms
        if now_ms - self.last_fit_ms < self.refit_days * DAY_MS:
            return
        self.last_fit_ms = now_ms
        try:
            parameters = self.fsrs.Optimizer(self.logs).compute_optimal_parameters()
        except ImportError:
            self.fits.append("impossible: the fsrs optimizer needs pandas and tqdm (defaults kept)")
            return
        except (ValueError, RuntimeError) as exc:  # a fit that fails keeps the current parameters
            self.fits.append(f"failed ({exc.__class__.__name__}), parameters kept")
            return
        self.scheduler = self.fsrs.Scheduler(parameters=parameters, desired_retention=self.retention,
                                             enable_fuzzing=False)
        self.fits.append("fitted")

    def choose(self, context: StudyContext) -> Choice | None:
        self._maybe_refit(context.now_ms)
        self._sync(context)
        now = datetime.fromtimestamp(context.now_ms / 1000, tz=timezone.utc)
        by_id = {i.id: i for i in context.items}
        due = sorted(((card.state != self.fsrs.State.Review, card.due, item_id)
                      for item_id, (card, _) in self.cards.items()
                      if card.due <= now and item_id != context.last_item_id and item_id in by_id),
                     key=lambda e: (not e[0], e[1]))
        last = context.history.get(context.last_item_id, ()) if context.last_item_id else ()
        last_was_new = len(last) == 1
        if not due or not last_was_new:
            fresh = new_item_choice(context)
            if fresh is not None and (not due or not due[0][0]):
                return fresh
        if not due:
            return None
        return Choice(by_id[due[0][2]], None, Reason(Code.FSRS_DUE))


# ---------------------------------------------------------------- running it

@dataclass
class PolicyResult:
    knowledge: list[float] = field(default_factory=list)
    above_90: list[float] = field(default_factory=list)
    reviews: list[int] = field(default_factory=list)
    minutes: list[float] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def summary(self, n_items: int) -> dict:
        knowledge = float(np.mean(self.knowledge))
        minutes = float(np.mean(self.minutes))
        per_student = [k * n_items / m if m else 0.0 for k, m in zip(self.knowledge, self.minutes)]
        return {
            "knowledge": round(knowledge, 4),
            "items_above_90": round(float(np.mean(self.above_90)), 2),
            "reviews": round(float(np.mean(self.reviews)), 1),
            "minutes": round(minutes, 1),
            "knowledge_per_minute": round(knowledge * n_items / minutes, 4) if minutes else 0.0,
            "knowledge_per_minute_per_student_mean": round(float(np.mean(per_student)), 4),
            "students": len(self.knowledge),
            "run_seconds": round(self.seconds, 1),
            **({"notes": sorted(set(self.notes))} if self.notes else {}),
        }


def versus(ours: PolicyResult, base: PolicyResult) -> dict:
    """Ours against a baseline on the same students: the change in knowledge per minute, in study time and
    in knowledge, and per student (paired) the share for whom ours learned more per minute."""
    k_o, k_b = np.asarray(ours.knowledge), np.asarray(base.knowledge)
    m_o, m_b = np.asarray(ours.minutes), np.asarray(base.minutes)
    kpm_o, kpm_b = k_o.mean() / m_o.mean(), k_b.mean() / m_b.mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (k_o / m_o) / (k_b / m_b)
    ratio = ratio[np.isfinite(ratio)]
    return {
        "knowledge_per_minute_percent": round(100 * (kpm_o / kpm_b - 1), 1) if kpm_b else None,
        "minutes_percent": round(100 * (m_o.mean() / m_b.mean() - 1), 1) if m_b.mean() else None,
        "knowledge_difference": round(float(k_o.mean() - k_b.mean()), 4),
        "students_better_per_minute": round(float((ratio > 1).mean()), 3) if len(ratio) else None,
        "students_less_time": round(float((m_o < m_b).mean()), 3),
    }


class FakeClock:
    def __init__(self, ms: int):
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def make_students(n: int, seed: int, population: Population) -> list[tuple[np.ndarray, int]]:
    """Each student's hidden FSRS-5 parameters and private seed, identical for every policy."""
    rng = np.random.default_rng(seed)
    return [(population.draw(rng), seed * 1_000_003 + k) for k in range(n)]


def _policy_for(name: str, settings: StudySettings, seed: int, predictor, refit_days: int):
    if name == "ours":
        from studyapp.study.policies import ReviewPolicy

        return ReviewPolicy(predictor)
    if name == "sm2":
        return ClassicPolicy()
    if name == "fsrs6":
        return FsrsPolicy(settings.target_retention, refit_days)
    return RandomPolicy(seed)


def study_days(session_for: Callable[[int], StudySession], student: SimStudent, clock: FakeClock,
               days: int, minutes: float) -> tuple[int, float]:
    """Let the student study each day until the budget is spent or nothing is left; returns answers and minutes."""
    answers, spent_s = 0, 0.0
    for day in range(days):
        clock.ms = START_MS + day * DAY_MS
        session = session_for(day)
        used = 0.0
        while used < minutes * 60 and (shown := session.next_item()) is not None:
            response, seconds = student.answer(shown.item, clock.ms / 1000)
            clock.ms += int(seconds * 1000)
            used += seconds
            session.submit(response)
            answers += 1
        session.finish()
        spent_s += used
    return answers, spent_s / 60


@dataclass(frozen=True)
class StudentRun:
    """One simulated student under one policy: everything a worker process needs (plain, picklable data)."""

    policy: str
    index: int
    w: np.ndarray
    seed: int
    deck: Deck
    days: int
    minutes: float
    settings: StudySettings
    refit_days: int


@dataclass
class StudentResult:
    policy: str
    index: int
    knowledge: float
    above_90: float
    answers: int
    minutes: float
    seconds: float
    notes: list[str]


def run_student(run: StudentRun, workdir: Path, predictor_factory=None) -> StudentResult:
    """One student under one policy in a fresh database."""
    started = time.perf_counter()
    name, deck = run.policy, run.deck
    db = connect(workdir / f"{name}-{run.seed}.sqlite3")
    db.execute("PRAGMA synchronous = OFF")  # a throw-away database: durability only costs time here
    import_bundle(db, workdir, ImportBundle(decks=[Deck(deck.name, deck.description, deck.items)]), None)
    profile = queries.add_profile(db, "sim")
    deck_id = queries.find_deck(db, deck.name)["id"]
    items = queries.items_in_decks(db, queries.deck_and_descendants(db, deck_id))
    keys = [i.key for i in items]
    student = SimStudent(run.w, keys, run.seed)
    clock = FakeClock(START_MS)
    predictor = predictor_factory(db, profile) if name == "ours" else None
    policy = _policy_for(name, run.settings, run.seed, predictor, run.refit_days)

    def session_for(day: int) -> StudySession:
        return StudySession(db, profile, deck_id, mode="review", policy=policy, predictor=predictor,
                            clock=clock, settings=run.settings)

    answers, spent = study_days(session_for, student, clock, run.days, run.minutes)
    end_s = (START_MS + run.days * DAY_MS) / 1000
    recall = np.array([student.recall(k, end_s) for k in keys])
    notes = []
    if isinstance(policy, FsrsPolicy):
        notes = [f"refit {f}" for f in policy.fits] + [f"refits per student: {len(policy.fits)}"]
    db.close()
    return StudentResult(name, run.index, float(recall.mean()), float((recall >= 0.9).sum()), answers, spent,
                         time.perf_counter() - started, notes)


# Each worker process keeps its own temporary folder and predictor factory (set once by _start_worker).
_worker: dict = {}


def _start_worker(workdir: str, predictor_factory) -> None:
    import torch

    torch.set_num_threads(1)  # tiny tensors: a second thread per process only competes with the other workers
    _worker.update(workdir=Path(workdir), factory=predictor_factory)


def _run_in_worker(run: StudentRun) -> StudentResult:
    return run_student(run, _worker["workdir"], _worker["factory"])


def _results(runs: list[StudentRun], workdir: Path, predictor_factory, workers: int):
    """Every run's result as it finishes: in this process, or in `workers` processes (spawned, so that
    torch starts cleanly in each; the factory must then be picklable)."""
    if workers <= 1:
        _start_worker(str(workdir), predictor_factory)
        yield from map(_run_in_worker, runs)
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    pool = context.Pool(workers, initializer=_start_worker, initargs=(str(workdir), predictor_factory))
    try:
        yield from pool.imap_unordered(_run_in_worker, runs)
        pool.close()  # workers leave on their own, releasing what they hold
    finally:
        pool.terminate()
        pool.join()


def simulate(policies: list[str], deck: Deck, days: int, minutes: float, students: int, seed: int = 0,
             population: Population | None = None, predictor_factory=None, refit_days: int = 30,
             settings: StudySettings | None = None, progress: Callable[[str], None] | None = None,
             workers: int = 1) -> dict:
    """Run every policy on the same simulated students; returns the JSON-ready figures."""
    unknown = [p for p in policies if p not in POLICIES]
    if unknown:
        raise SimulationError(f"unknown policy {unknown[0]!r} (expected some of {', '.join(POLICIES)})")
    if "ours" in policies and predictor_factory is None:
        raise SimulationError("the policy 'ours' needs the learner model, and none could be loaded")
    settings = settings or StudySettings()
    cohort = make_students(students, seed, population or Population())
    # The slow policy first, so that the other workers fill in behind it.
    order = sorted(policies, key=lambda name: name != "ours")
    runs = [StudentRun(name, k, w, student_seed, deck, days, minutes, settings, refit_days)
            for name in order for k, (w, student_seed) in enumerate(cohort)]
    by_policy: dict[str, list[StudentResult]] = {name: [] for name in policies}
    with tempfile.TemporaryDirectory(prefix="studyapp-sim-") as tmp:
        for done, result in enumerate(_results(runs, Path(tmp), predictor_factory, workers), 1):
            by_policy[result.policy].append(result)
            if progress:
                progress(f"{result.policy}: student {result.index + 1}/{students} done ({done}/{len(runs)})")
    results = {}
    for name in policies:
        r = PolicyResult()
        for one in sorted(by_policy[name], key=lambda x: x.index):
            r.knowledge.append(one.knowledge)
            r.above_90.append(one.above_90)
            r.reviews.append(one.answers)
            r.minutes.append(one.minutes)
            r.seconds += one.seconds
            r.notes.extend(one.notes)
        results[name] = r
    n_items = len(deck.items)
    return {
        "deck": deck.name, "items": n_items, "days": days, "minutes_per_day": minutes, "students": students,
        "seed": seed, "workers": workers, "policies": {name: results[name].summary(n_items) for name in policies},
        **({"ours_vs_fsrs6": versus(results["ours"], results["fsrs6"])}
           if "ours" in results and "fsrs6" in results else {}),
    }
