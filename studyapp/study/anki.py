"""Anki's two schedulers as next-item policies for the simulation: FSRS-6 and SM-2, with Anki's queues.

Both keep Anki's day: cards in (re)learning come back after their steps (1m 10m for new cards, 10m after a
lapse) and come first when due; review cards are due by study day (days roll over at 4 a.m.), in due order,
with new cards spread evenly among them up to the daily new limit; when nothing else is left, learning cards
due within the 20-minute learn-ahead. `ahead` is Anki's "Custom study: review ahead" for a student who
keeps studying after the day's cards are done.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Protocol

from studyapp.content.model import grade_of
from studyapp.store.queries import ItemRow
from studyapp.study.clock import DAY_MS, study_day_start
from studyapp.study.reasons import Code, Reason
from studyapp.study.selection import Choice, StudyContext, new_item_choice

if TYPE_CHECKING:
    import fsrs  # a bench extra: imported where FsrsCards is made

MINUTE_MS = 60_000
LEARNING_STEPS_MS = (1 * MINUTE_MS, 10 * MINUTE_MS)
RELEARNING_STEPS_MS = (10 * MINUTE_MS,)
LEARN_AHEAD_MS = 20 * MINUTE_MS
# Anki's fuzz: an interval of d days (d >= 2.5) moves by up to 1 day plus 15% of the part between 2.5 and
# 7 days, 10% between 7 and 20 and 5% beyond.
FUZZ_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.10), (20.0, float("inf"), 0.05))


def fuzzed_days(days: int, rng: random.Random) -> int:
    if days < 2.5:
        return days
    delta = 1.0 + sum(factor * max(min(days, end) - start, 0.0) for start, end, factor in FUZZ_RANGES)
    low, high = max(2, round(days - delta)), round(days + delta)
    return rng.randint(low, max(low, high))


def utc(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


def day_start(ms: int, rollover_hour: int) -> int:
    """The study day's start in UTC, where the simulation runs (a laptop's zone would only shift it)."""
    return study_day_start(ms, rollover_hour, timezone.utc)


@dataclass(frozen=True)
class Due:
    """What the queues need of a card: whether it is in (re)learning, and when it is due."""

    learning: bool
    due_ms: int


class CardScheduler(Protocol):
    """What AnkiPolicy needs of FsrsCards and Sm2Cards."""

    reason: Reason

    def before(self, now_ms: int) -> None: ...
    def review(self, item_id: int, grade: int, at_ms: int) -> Due: ...


class AnkiPolicy:
    """Anki's queues over a card scheduler (FsrsCards or Sm2Cards) that turns each answer into a due time."""

    def __init__(self, cards: CardScheduler, seed: int) -> None:
        self.cards = cards
        self.due: dict[int, Due] = {}
        self.folded: dict[int, int] = {}  # item id -> answers already given to the card scheduler
        self.tiebreak = random.Random(seed)  # Anki's review order: due date, then random
        self.order: dict[int, float] = {}
        self._items: list[ItemRow] | None = None
        self._index: dict[int, ItemRow] = {}
        self.since_new = 0  # reviews shown since the last new card

    def _sync(self, context: StudyContext) -> None:
        self.cards.before(context.now_ms)
        # Within a session only the item just answered has a new answer; a new session reads them all.
        fresh = [context.last_item_id] if context.session_answers and context.last_item_id is not None \
            else list(context.history)
        for item_id in fresh:
            answers, done = context.history.get(item_id, ()), self.folded.get(item_id, 0)
            for a in answers[done:]:
                grade = grade_of(a.correct, a.grade)
                self.due[item_id] = self.cards.review(item_id, grade, a.answered_ms)
            if len(answers) > done:
                self.folded[item_id] = len(answers)
                self.order.setdefault(item_id, self.tiebreak.random())

    def _by_id(self, context: StudyContext) -> dict[int, ItemRow]:
        if self._items is not context.items:  # a session's deck list stays the same object
            self._items, self._index = context.items, {i.id: i for i in context.items}
        return self._index

    def choose(self, context: StudyContext) -> Choice | None:
        self._sync(context)
        now, by_id = context.now_ms, self._by_id(context)
        tomorrow = day_start(now, context.settings.rollover_hour) + DAY_MS
        learning: list[tuple[int, int]] = []
        ahead: list[tuple[int, int]] = []
        reviews: list[tuple[int, float, int]] = []
        for item_id, due in self.due.items():
            if item_id == context.last_item_id or item_id not in by_id:
                continue
            if due.learning and due.due_ms <= now:
                learning.append((due.due_ms, item_id))
            elif due.learning and due.due_ms <= now + LEARN_AHEAD_MS:
                ahead.append((due.due_ms, item_id))
            elif not due.learning and due.due_ms < tomorrow:
                reviews.append((due.due_ms // DAY_MS, self.order[item_id], item_id))
        if learning:
            return Choice(by_id[min(learning)[1]], None, self.cards.reason)
        # New cards within the daily limit, spread evenly among the due reviews (Anki's "mix with reviews").
        new_left = min(context.new_allowance(), len(context.items) - len(self.due))
        if new_left > 0 and (not reviews or self.since_new >= len(reviews) / new_left):
            fresh = new_item_choice(context)
            if fresh is not None:
                self.since_new = 0
                return fresh
        if reviews:
            self.since_new += 1
            return Choice(by_id[min(reviews)[2]], None, self.cards.reason)
        if ahead:
            return Choice(by_id[min(ahead)[1]], None, self.cards.reason)
        return None

    def ahead(self, context: StudyContext) -> Choice | None:
        """Review ahead: with the day's cards done, the card due soonest."""
        choice = self.choose(context)
        if choice is not None:
            return choice
        by_id = self._by_id(context)
        soonest = min(((due.due_ms, item_id) for item_id, due in self.due.items()
                       if item_id != context.last_item_id and item_id in by_id), default=None)
        return Choice(by_id[soonest[1]], None, self.cards.reason) if soonest else None


class FsrsCards:
    """FSRS-6 as Anki runs it: the `fsrs` package's scheduler at the desired retention with learning steps,
    fuzz, and parameters refitted on the student's own answers every `refit_days` (Anki's "Optimize")."""

    reason = Reason(Code.FSRS_DUE)

    def __init__(self, retention: float, refit_days: int, rollover_hour: int = 4) -> None:
        import fsrs

        self.fsrs, self.retention, self.refit_days, self.rollover = fsrs, retention, refit_days, rollover_hour
        self.scheduler = self._scheduler(None)
        self.cards: dict[int, fsrs.Card] = {}
        self.logs: list[fsrs.ReviewLog] = []
        self.last_fit_ms: int | None = None
        self.fits: list[str] = []

    def _scheduler(self, parameters: Sequence[float] | None) -> fsrs.Scheduler:
        def steps(ms: tuple[int, ...]) -> tuple[timedelta, ...]:
            return tuple(timedelta(milliseconds=s) for s in ms)

        return self.fsrs.Scheduler(parameters if parameters is not None else self.fsrs.scheduler.DEFAULT_PARAMETERS,
                                   desired_retention=self.retention, learning_steps=steps(LEARNING_STEPS_MS),
                                   relearning_steps=steps(RELEARNING_STEPS_MS), enable_fuzzing=True)

    def review(self, item_id: int, grade: int, at_ms: int) -> Due:
        card = self.cards.get(item_id) or self.fsrs.Card(card_id=item_id)
        card, log = self.scheduler.review_card(card, self.fsrs.Rating(grade), utc(at_ms))
        self.cards[item_id] = card
        self.logs.append(log)
        return self._due(card)

    def _due(self, card: fsrs.Card) -> Due:
        return Due(card.state != self.fsrs.State.Review, int(card.due.timestamp() * 1000))

    def before(self, now_ms: int) -> None:
        """Refit when `refit_days` have passed since the first answer or the last fit."""
        if self.last_fit_ms is None:
            self.last_fit_ms = now_ms
        if now_ms - self.last_fit_ms >= self.refit_days * DAY_MS:
            self.last_fit_ms = now_ms
            self.refit()

    def refit(self) -> None:
        # The optimizer counts whole 24-hour periods between answers; Anki counts study days. Each answer is
        # put at its study day's start (same-day answers keep their order), so that both agree.
        snapped = [replace(log, review_datetime=utc(day_start(int(log.review_datetime.timestamp() * 1000),
                                                              self.rollover)))
                   for log in self.logs]
        try:
            parameters = self.fsrs.Optimizer(snapped).compute_optimal_parameters()
        except (ValueError, RuntimeError) as exc:  # a fit that fails keeps the current parameters, as in Anki
            self.fits.append(f"failed ({exc.__class__.__name__}), parameters kept")
            return
        self.scheduler = self._scheduler(parameters)
        self.fits.append("fitted" if list(parameters) != list(self.fsrs.scheduler.DEFAULT_PARAMETERS)
                         else "too few reviews, defaults kept")
        # New memory states from the whole history; due dates stay as scheduled (Anki without "reschedule").
        by_card: dict[int, list[fsrs.ReviewLog]] = {}
        for log in self.logs:
            by_card.setdefault(log.card_id, []).append(log)
        for item_id, card in self.cards.items():
            fresh = self.scheduler.reschedule_card(self.fsrs.Card(card_id=item_id), by_card[item_id])
            fresh.due = card.due
            self.cards[item_id] = fresh


@dataclass(frozen=True)
class Sm2Card:
    phase: str = "learning"  # learning, review or relearning
    step: int = 0
    interval: int = 0  # days, once graduated
    ease: float = 2.5
    due_ms: int = 0


class Sm2Cards:
    """SM-2 as Anki runs it: learning steps 1m 10m, graduating interval 1 day (Easy: 4), starting ease 250%,
    Again -20% / Hard -15% / Easy +15% (floor 130%), Hard interval x1.2, Easy bonus x1.3, late reviews credited
    (half for Good), a lapse relearns for 10 minutes and restarts at 1 day, fuzz on intervals of 3 days or more."""

    GRADUATE, EASY_START, MIN_EASE, HARD, EASY_BONUS = 1, 4, 1.3, 1.2, 1.3
    reason = Reason(Code.DUE_SCHEDULED_NOW)

    def __init__(self, seed: int, rollover_hour: int = 4) -> None:
        self.rng, self.rollover = random.Random(seed), rollover_hour
        self.cards: dict[int, Sm2Card] = {}

    def before(self, now_ms: int) -> None:
        pass

    def review(self, item_id: int, grade: int, at_ms: int) -> Due:
        card = self.cards.get(item_id, Sm2Card())
        card = self._review(card, grade, at_ms) if card.phase == "review" else self._step(card, grade, at_ms)
        self.cards[item_id] = card
        return Due(card.phase != "review", card.due_ms)

    def _step(self, card: Sm2Card, grade: int, at_ms: int) -> Sm2Card:
        steps = LEARNING_STEPS_MS if card.phase == "learning" else RELEARNING_STEPS_MS
        if grade == 1:
            return replace(card, step=0, due_ms=at_ms + steps[0])
        if grade == 2:  # Hard repeats the step; on the first one, the mean of the first two (or 1.5 x a lone step)
            delay = (steps[0] + steps[1]) / 2 if card.step == 0 and len(steps) > 1 else (
                steps[0] * 1.5 if card.step == 0 else steps[card.step])
            return replace(card, due_ms=at_ms + int(delay))
        if grade == 3 and card.step + 1 < len(steps):
            return replace(card, step=card.step + 1, due_ms=at_ms + steps[card.step + 1])
        if card.phase == "learning":
            interval = self.EASY_START if grade == 4 else self.GRADUATE
        else:
            interval = card.interval + (1 if grade == 4 else 0)
        return self._schedule(replace(card, phase="review", step=0), interval, at_ms)

    def _review(self, card: Sm2Card, grade: int, at_ms: int) -> Sm2Card:
        today = day_start(at_ms, self.rollover)
        late = max(0, (today - day_start(card.due_ms, self.rollover)) // DAY_MS)
        if grade == 1:
            ease = max(self.MIN_EASE, card.ease - 0.20)
            return Sm2Card("relearning", 0, 1, ease, at_ms + RELEARNING_STEPS_MS[0])
        hard = max(card.interval * self.HARD, card.interval + 1)
        if grade == 2:
            return self._schedule(replace(card, ease=max(self.MIN_EASE, card.ease - 0.15)), hard, at_ms)
        good = max((card.interval + late / 2) * card.ease, hard + 1)
        if grade == 3:
            return self._schedule(card, good, at_ms)
        easy = max((card.interval + late) * card.ease * self.EASY_BONUS, good + 1)
        return self._schedule(replace(card, ease=card.ease + 0.15), easy, at_ms)

    def _schedule(self, card: Sm2Card, days: float, at_ms: int) -> Sm2Card:
        interval = fuzzed_days(max(1, round(days)), self.rng)
        return replace(card, interval=interval, due_ms=day_start(at_ms, self.rollover) + interval * DAY_MS)
