"""Scheduling simulation: simulated students study a deck through the real StudySession, at equal study time.

Each student's memory is hidden from the policies: FSRS-5 dynamics with parameters drawn from the real
population, or a power-law (ACT-R) memory unrelated to FSRS, so that no policy wins by sharing the
simulator's model (`studyapp.learner.lab.simulate`). A policy sees only the answers, logged in a temporary
database, exactly as on a laptop, and the student's answer times drive the clock. Every policy faces the
same students: student k has the same memory, item difficulties and random stream under every policy.

Each day the student studies for the same budget under every policy and uses it: when the policy has
nothing more to show, the student lifts today's new-item limit (Anki's "Custom study: increase today's
new card limit") and then reviews ahead, as the policy orders it (`fill`; without it a day ends when the
policy has nothing to show). Knowledge is the hidden memory's mean recall over the deck at the end and 30
days later, and the items known at >= 90%.

Policies: "ours" (whatever the real StudySession uses: `policies.make_policy`, on the learner model),
"fsrs6" and "sm2" (Anki's schedulers with Anki's queues, `studyapp.study.anki`), "random".
"""

from __future__ import annotations

import math
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlite_utils import Database

from studyapp.content.model import SELF_GRADED, Deck, ImportBundle, Item
from studyapp.learner.lab.simulate import MEMORY_FAMILIES, FsrsMemory, Population, PowerLawMemory, draw_powerlaw
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.store.importer import import_bundle
from studyapp.store.queries import ItemRow
from studyapp.study.anki import AnkiPolicy, FsrsCards, Sm2Cards
from studyapp.study.clock import DAY_MS
from studyapp.study.reasons import Code, Reason, new_item
from studyapp.study.selection import Choice, Policy, StudyContext
from studyapp.study.session import Predictor, StudySession
from studyapp.study.settings import StudySettings

POLICIES = ("ours", "fsrs6", "sm2", "random")
START_MS = 1_767_268_800_000  # 2026-01-01T12:00Z: sessions at midday stay clear of the 4 a.m. rollover
DAY_S = 86400.0
AFTER_DAYS = 30  # knowledge is also measured this long after the last study day
UNLIMITED_NEW = 9999
# Simulated students' seeds start here; the shipped model trains on simulated learners drawn with seeds
# below it (`learner train --seed`, default 0), so no student of this simulation was seen in training.
SIM_SEED_OFFSET = 1_000_000_000
# Makes the predictor of policy "ours" for a student's database and profile (picklable, for worker processes).
PredictorFactory = Callable[[Database, int], Predictor]


class SimulationError(Exception):
    """A simulation that cannot run; the message is one sentence for the user."""


# ---------------------------------------------------------------- the hidden student

class SimStudent:
    """One learner: a hidden memory, how they grade themselves and how long they take to answer."""

    def __init__(self, family: str, params: npt.NDArray[np.float64], keys: list[str], seed: int) -> None:
        setup = np.random.default_rng(seed)
        self.memory: FsrsMemory | PowerLawMemory = (FsrsMemory if family == "fsrs" else PowerLawMemory)(
            params, keys, setup)
        self.grade_p = setup.dirichlet([2.0, 12.0, 2.0])  # Hard / Good / Easy when recalled
        self.speed = float(np.exp(setup.normal(0, 0.3)))
        self.rng = random.Random(seed + 1)

    def recall(self, key: str, t_s: float) -> float:
        return self.memory.recall(key, t_s)

    def answer(self, item: ItemRow, t_s: float) -> tuple[str, float]:
        """The response to `item` at time t (seconds) and the seconds it took, updating the memory."""
        key = item.key
        p = self.memory.recall(key, t_s) if self.memory.seen(key) else self.memory.first_recall(key)
        recalled = self.rng.random() < p
        grade = 2 + self._pick(self.grade_p) if recalled else 1
        self.memory.update(key, t_s, grade)
        seconds = (8.0 if recalled else 14.0) * self.speed * math.exp(self.rng.gauss(0, 0.25))
        return self._response(item, recalled, grade), seconds

    def _pick(self, p: npt.NDArray[np.float64]) -> int:
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


@dataclass(frozen=True)
class StudentSpec:
    """One simulated student, identical under every policy: memory family and parameters, private seed."""

    family: str
    params: npt.NDArray[np.float64]
    seed: int
    cohort: int  # the --seed this student was drawn under
    index: int


def cohort_seed(seed: int) -> int:
    if not 0 <= seed < SIM_SEED_OFFSET:
        raise SimulationError(f"--seed must be between 0 and {SIM_SEED_OFFSET - 1}, not {seed}")
    return SIM_SEED_OFFSET + seed


def check_disjoint(card: dict[str, Any]) -> None:
    """Refuse a model trained on simulated learners whose seeds may overlap this simulation's students."""
    trained = card.get("training", {}).get("seed")
    if trained is not None and not 0 <= int(trained) < SIM_SEED_OFFSET:
        raise SimulationError(f"the model was trained with seed {trained}, which may have drawn the same "
                              f"simulated students (simulation seeds start at {SIM_SEED_OFFSET})")


def make_students(n: int, seed: int, family: str, population: Population) -> list[StudentSpec]:
    """A cohort of `n` students of one memory family, drawn from seeds disjoint from training's."""
    root = cohort_seed(seed)
    rng = np.random.default_rng([root, MEMORY_FAMILIES.index(family)])
    draw = population.draw if family == "fsrs" else draw_powerlaw
    return [StudentSpec(family, draw(rng), root * 100_003 + k, seed, k) for k in range(n)]


def generated_deck(n: int) -> Deck:
    """A deck of `n` self-graded cards (their text plays no part: the hidden memory decides)."""
    if n < 1:
        raise SimulationError(f"--items must be positive, not {n}")
    return Deck(f"Simulated::{n} cards", items=[Item("basic", f"Question {k}", f"Answer {k}", guid=f"sim-card-{k}")
                                                 for k in range(n)])


# ---------------------------------------------------------------- baseline policies and reviewing ahead

class RandomPolicy:
    """Any item at random (new ones within the daily limit), never the same twice in a row."""

    def __init__(self, seed: int) -> None:
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

    def ahead(self, context: StudyContext) -> Choice | None:
        return self.choose(context)


class ReviewAhead:
    """The last part of a day with time left: the policy's own review-ahead order where it has one (Anki's
    policies: soonest due first), else the seen item the predictor finds least likely recalled now."""

    def __init__(self, policy: Policy, predictor: Predictor | None) -> None:
        self.policy, self.predictor = policy, predictor

    def choose(self, context: StudyContext) -> Choice | None:
        ahead: Callable[[StudyContext], Choice | None] | None = getattr(self.policy, "ahead", None)
        if ahead is not None:
            return ahead(context)
        if self.predictor is None:
            return None
        # Scored on the context's own list, which the learner keeps between calls (see policies.predictions).
        p = np.asarray(self.predictor.predict(context.items, context.now_ms), dtype=np.float64)
        seen = np.array([context.seen(i) and i.id != context.last_item_id for i in context.items])
        if not seen.any():
            return None
        k = int(np.flatnonzero(seen)[np.argmin(p[seen])])
        return Choice(context.items[k], float(p[k]), Reason(Code.RECALL_BELOW_TARGET, (
            float(p[k]), context.settings.target_retention)))


def make_policy(name: str, settings: StudySettings, seed: int, predictor: Predictor | None,
                refit_days: int) -> Policy:
    if name == "ours":
        from studyapp.study.policies import make_policy as real_policy  # what StudySession gets in the app

        return real_policy("review", predictor)
    if name == "sm2":
        return AnkiPolicy(Sm2Cards(seed, settings.rollover_hour), seed)
    if name == "fsrs6":
        return AnkiPolicy(FsrsCards(settings.target_retention, refit_days, settings.rollover_hour), seed)
    return RandomPolicy(seed)


# ---------------------------------------------------------------- running one student

class FakeClock:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


@dataclass(frozen=True)
class StudentRun:
    """One simulated student under one policy: everything a worker process needs (plain, picklable data)."""

    policy: str
    student: StudentSpec
    deck: Deck
    days: int
    minutes: float
    settings: StudySettings
    refit_days: int
    fill: bool


@dataclass
class StudentResult:
    policy: str
    family: str
    cohort: int
    index: int
    knowledge: float
    knowledge_after: float
    known: int  # items at >= 90% recall at the end
    known_after: int
    answers: int
    minutes: float  # mean per day
    extra_minutes: float  # mean per day spent after the policy had nothing more to show (filling the budget)
    seconds: float
    day_minutes: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def study_day(stages: list[Callable[[], StudySession]], student: SimStudent, clock: FakeClock,
              budget_s: float) -> tuple[int, float, float]:
    """One day's sitting: each stage (a session factory) runs until the budget is spent or it has nothing to
    show; returns the answers, the seconds used, and the seconds used after the first stage."""
    answers, used, extra = 0, 0.0, 0.0
    for n, open_session in enumerate(stages):
        session = open_session()
        while used < budget_s and (shown := session.next_item()) is not None:
            response, seconds = student.answer(shown.item, clock.ms / 1000)
            clock.ms += int(seconds * 1000)
            used += seconds
            extra += seconds if n else 0.0
            session.submit(response)
            answers += 1
        session.finish()
        if used >= budget_s:
            break
    return answers, used, extra


def run_student(run: StudentRun, workdir: Path, predictor_factory: PredictorFactory | None = None) -> StudentResult:
    """One student under one policy in a fresh database."""
    started = time.perf_counter()
    spec, name = run.student, run.policy
    # The fsrs scheduler fuzzes with the `random` module's global generator: seeded per student, a run gives
    # the same figures in any process and order.
    random.seed(spec.seed)
    db = connect(workdir / f"{name}-{spec.family}-{spec.seed}.sqlite3")
    db.execute("PRAGMA synchronous = OFF")  # a throw-away database: durability only costs time here
    import_bundle(db, workdir, ImportBundle(decks=[Deck(run.deck.name, run.deck.description, run.deck.items)]), None)
    profile = queries.add_profile(db, "sim")
    deck = queries.find_deck(db, run.deck.name)
    if deck is None:
        raise SimulationError(f"the deck {run.deck.name!r} was not imported")
    deck_id = deck["id"]
    items = queries.items_in_decks(db, queries.deck_and_descendants(db, deck_id))
    keys = [i.key for i in items]
    student = SimStudent(spec.family, spec.params, keys, spec.seed)
    clock = FakeClock(START_MS)
    predictor = predictor_factory(db, profile) if name == "ours" and predictor_factory is not None else None
    policy = make_policy(name, run.settings, spec.seed, predictor, run.refit_days)
    lifted = StudySettings.from_dict({**run.settings.to_dict(), "new_per_day": UNLIMITED_NEW})

    def session(chooser: Policy, settings: StudySettings) -> Callable[[], StudySession]:
        return lambda: StudySession(db, profile, deck_id, mode="review", policy=chooser, predictor=predictor,
                                    clock=clock, settings=settings)

    stages = [session(policy, run.settings)]
    if run.fill:
        stages += [session(policy, lifted), session(ReviewAhead(policy, predictor), lifted)]
    answers, extra = 0, 0.0
    day_minutes: list[float] = []
    for day in range(run.days):
        clock.ms = START_MS + day * DAY_MS
        a, used, e = study_day(stages, student, clock, run.minutes * 60)
        answers, extra = answers + a, extra + e
        day_minutes.append(used / 60)
    end_s = (START_MS + run.days * DAY_MS) / 1000
    recall = np.array([student.recall(k, end_s) for k in keys])
    after = np.array([student.recall(k, end_s + AFTER_DAYS * DAY_S) for k in keys])
    notes = []
    if isinstance(policy, AnkiPolicy) and isinstance(policy.cards, FsrsCards):
        notes = [f"refit {f}" for f in policy.cards.fits]
    db.close()
    return StudentResult(name, spec.family, spec.cohort, spec.index, float(recall.mean()), float(after.mean()),
                         int((recall >= 0.9).sum()), int((after >= 0.9).sum()), answers,
                         float(np.mean(day_minutes)), extra / 60 / run.days, time.perf_counter() - started,
                         day_minutes, notes)


# Each worker process keeps its own temporary folder and predictor factory (set once by _start_worker).
_worker: dict[str, Any] = {}


def _start_worker(workdir: str, predictor_factory: PredictorFactory | None) -> None:
    import torch

    torch.set_num_threads(1)  # tiny tensors: a second thread per process only competes with the other workers
    _worker.update(workdir=Path(workdir), factory=predictor_factory)


def _run_in_worker(run: StudentRun) -> StudentResult:
    return run_student(run, _worker["workdir"], _worker["factory"])


def _results(runs: list[StudentRun], workdir: Path, predictor_factory: PredictorFactory | None,
             workers: int) -> Iterator[StudentResult]:
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


# ---------------------------------------------------------------- figures

METRICS = ("knowledge", "knowledge_after", "known", "known_after", "minutes", "extra_minutes", "answers")


def mean_se(per_cohort: list[float]) -> dict[str, float | None]:
    """Mean and standard error over cohorts (seeds)."""
    x = np.asarray(per_cohort, dtype=np.float64)
    se = float(x.std(ddof=1) / math.sqrt(len(x))) if len(x) > 1 else None
    return {"mean": round(float(x.mean()), 4), "se": round(se, 4) if se is not None else None}


def _by_cohort(results: list[StudentResult], metric: str) -> list[float]:
    cohorts = sorted({r.cohort for r in results})
    return [float(np.mean([getattr(r, metric) for r in results if r.cohort == c])) for c in cohorts]


def summarise(results: list[StudentResult]) -> dict[str, Any]:
    out: dict[str, Any] = {m: mean_se(_by_cohort(results, m)) for m in METRICS}
    out["students"] = len(results)
    out["run_seconds"] = round(sum(r.seconds for r in results), 1)
    notes = sorted({n for r in results for n in r.notes})
    if notes:
        out["notes"] = notes
    return out


def versus(ours: list[StudentResult], base: list[StudentResult]) -> dict[str, Any]:
    """Ours against a baseline on the same students: per seed the ratio of mean knowledge (end and 30 days
    later) and of minutes a day (mean +- s.e. over seeds, and the lowest seed), the difference in items known
    at >= 90%, and per student (paired) the share for whom ours ends knowing more."""
    def key(r: StudentResult) -> tuple[int, int]:
        return r.cohort, r.index

    pairs = sorted(zip(sorted(ours, key=key), sorted(base, key=key)), key=lambda p: key(p[0]))
    assert all(key(o) == key(b) for o, b in pairs), "ours and the baseline must face the same students"
    cohorts = sorted({o.cohort for o, _ in pairs})
    out: dict[str, Any] = {}
    for metric in ("knowledge", "knowledge_after", "minutes"):
        ratios = [float(np.mean([getattr(o, metric) for o, b in pairs if o.cohort == c]) /
                  max(np.mean([getattr(b, metric) for o, b in pairs if o.cohort == c]), 1e-12)) for c in cohorts]
        out[f"{metric}_ratio"] = mean_se(ratios)
        out[f"{metric}_ratio_lowest_seed"] = round(float(min(ratios)), 4)
        if metric != "minutes":
            out[f"students_better_{metric}"] = round(float(np.mean([getattr(o, metric) > getattr(b, metric)
                                                                    for o, b in pairs])), 3)
    for metric in ("known", "known_after"):
        out[f"{metric}_difference"] = mean_se([float(np.mean([getattr(o, metric) - getattr(b, metric)
                                                              for o, b in pairs if o.cohort == c])) for c in cohorts])
    return out


# ---------------------------------------------------------------- the whole comparison

def simulate(policies: list[str], deck: Deck, days: int, minutes: float, students: int, seeds: int = 3,
             seed: int = 0, families: tuple[str, ...] = MEMORY_FAMILIES, population: Population | None = None,
             predictor_factory: PredictorFactory | None = None, refit_days: int = 30,
             settings: StudySettings | None = None, fill: bool = True, progress: bool = False,
             workers: int = 1) -> dict[str, Any]:
    """Run every policy on the same simulated students (`students` per seed, seeds seed .. seed+seeds-1, per
    memory family); returns the JSON-ready figures."""
    unknown = [p for p in policies if p not in POLICIES]
    if unknown:
        raise SimulationError(f"unknown policy {unknown[0]!r} (expected some of {', '.join(POLICIES)})")
    odd = [f for f in families if f not in MEMORY_FAMILIES]
    if odd or not families:
        raise SimulationError(f"unknown memory family {odd[0] if odd else ''!r} "
                              f"(expected some of {', '.join(MEMORY_FAMILIES)})")
    if "ours" in policies and predictor_factory is None:
        raise SimulationError("the policy 'ours' needs the learner model, and none could be loaded")
    if days < 1 or students < 1 or seeds < 1 or minutes <= 0 or workers < 1:
        raise SimulationError("days, students, seeds, minutes and workers must be positive")
    cohort_seed(seed + seeds - 1)
    settings = settings or StudySettings()
    cohort = [s for family in families for c in range(seed, seed + seeds)
              for s in make_students(students, c, family, population or Population())]
    # The slow policy first, so that the other workers fill in behind it.
    order = sorted(policies, key=lambda name: name != "ours")
    runs = [StudentRun(name, s, deck, days, minutes, settings, refit_days, fill) for name in order for s in cohort]
    found: list[StudentResult] = []
    with tempfile.TemporaryDirectory(prefix="studyapp-sim-") as tmp:
        results = _results(runs, Path(tmp), predictor_factory, workers)
        if progress:
            import sys

            from tqdm import tqdm  # type: ignore[import-untyped]  # tqdm ships no type hints (types-tqdm would)

            results = tqdm(results, total=len(runs), desc="students", unit="run", file=sys.stderr)
        found.extend(results)
    by_family: dict[str, dict[str, Any]] = {}
    for family in families:
        of = {name: [r for r in found if r.family == family and r.policy == name] for name in policies}
        by_family[family] = {
            "policies": {name: summarise(of[name]) for name in policies},
            **({"ours_vs_fsrs6": versus(of["ours"], of["fsrs6"])} if "ours" in of and "fsrs6" in of else {}),
        }
    return {
        "deck": deck.name, "items": len(deck.items), "days": days, "minutes_per_day": minutes,
        "students_per_seed": students, "seeds": list(range(seed, seed + seeds)), "fill": fill,
        "new_per_day": settings.new_per_day,
        "after_days": AFTER_DAYS, "workers": workers, "memory": by_family,
    }
