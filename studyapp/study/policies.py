"""The next-item policies that use the learner's predictions: review, practice and adaptive test.

Each policy sees the deck, the student's answers and the predictor's p(correct) now, and returns the
item to show with a short reason. Without a predictor every mode falls back to the classical schedule.
"""

from __future__ import annotations

import heapq
import math
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from studyapp.content.model import correct_of, guess_chance, option_count
from studyapp.store.queries import ItemRow
from studyapp.study import reasons
from studyapp.study.clock import DAY_MS
from studyapp.study.reasons import percent
from studyapp.study.selection import (
    STEPS_MS,
    AnswerTimes,
    Choice,
    ClassicPolicy,
    Counts,
    Learning,
    LearningCache,
    Policy,
    Scores,
    StudyContext,
    learning_choice,
    pick_learning,
    step_intervals,
)

MODES = ("review", "practice", "test")
FloatArray = npt.NDArray[np.float64]
IndexArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
# A predictor's recall curve for one item (ms -> p), and the curve after answers added as (ms, correct, grade).
Curve = Callable[[float], float]
CurveAfter = Callable[[ItemRow, list[tuple[int, int, int]]], Curve]




class ItemPredictor(Protocol):
    """What the policies read of a predictor (the session's Predictor, or the replay's IRT posterior):
    p(correct) now for each item, and the same without the boost of having just answered it."""

    def predict(self, items: Sequence[ItemRow], now_ms: int) -> Scores: ...
    def knowledge(self, items: Sequence[ItemRow], now_ms: int) -> Scores: ...


# ---------------------------------------------------------------- shared helpers

def guess_floor(item: ItemRow) -> float:
    """The chance of a right answer by guessing alone (content.model.guess_chance)."""
    return guess_chance(item.kind, option_count(item.kind, item.options))


def group_names(item: ItemRow) -> list[str]:
    """The skills a test reports an item under: its skill, else its tags ("" for none)."""
    return [item.skill] if item.skill else (list(item.tags) or [""])


def natural_key(name: str) -> tuple[tuple[int, int, str], ...]:
    """Sorts names as people read them: "Table of 2" before "Table of 10"."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
                 for part in re.split(r"(\d+)", name) if part)


def predictions(predictor: ItemPredictor, context: StudyContext, knowledge: bool = False) -> FloatArray:
    """p(correct) now for every item of the context, in one call (the predictor is vectorised); with
    `knowledge`, without the short-term boost of items just answered. Always the context's own list:
    the learner keeps what it computed for that list, so scoring the deck again costs little."""
    predict = predictor.knowledge if knowledge else predictor.predict
    return np.clip(np.asarray(predict(context.items, context.now_ms), dtype=np.float64), 1e-6, 1 - 1e-6)


class DeckView:
    """Arrays over a context's items, kept between choices.

    A session's deck does not change and each choice follows one answer, so after the first choice
    only the item just answered needs refreshing. Any other change rebuilds the arrays: another deck
    or history, answers counted differently (an undo, a new session), or an item answered for the
    first time that is not the one just answered.
    """

    def __init__(self) -> None:
        self._key: tuple[int, int, int] | None = None
        self._answers = 0
        self._answered_items = 0

    def update(self, context: StudyContext) -> DeckView:
        key = (id(context.items), len(context.items), id(context.history))
        grown = len(context.history) - self._answered_items
        if (key != self._key or context.session_answers not in (self._answers, self._answers + 1)
                or not (grown == 0 or grown == 1 and self._first_answer_of_last(context))):
            self._build(context)
            self._key = key
        elif (last_id := context.last_item_id) is not None and last_id in self.pos:
            answers = context.history.get(last_id)
            self.last[self.pos[last_id]] = answers[-1].answered_ms if answers else -1
        self._answers = context.session_answers
        self._answered_items = len(context.history)
        return self

    def _first_answer_of_last(self, context: StudyContext) -> bool:
        """True when the item just answered had no answer in the arrays and now has exactly one."""
        last_id = context.last_item_id
        if last_id is None or last_id not in self.pos:
            return False
        return bool(self.last[self.pos[last_id]] < 0) and len(context.history.get(last_id, ())) == 1

    def _build(self, context: StudyContext) -> None:
        items, n = context.items, len(context.items)
        self.ids: IndexArray = np.fromiter((i.id for i in items), np.int64, n)
        self.decks: IndexArray = np.fromiter((i.deck_id for i in items), np.int64, n)
        self.guess: FloatArray = np.fromiter((guess_floor(i) for i in items), np.float64, n)
        self.kinds, self.kind_of = np.unique([i.kind for i in items], return_inverse=True)
        self.skill_of = np.unique([group_names(i)[0] for i in items], return_inverse=True)[1].reshape(n)
        self.pos = {item_id: k for k, item_id in enumerate(self.ids.tolist())}
        self.last = np.full(n, -1, dtype=np.int64)
        for item_id, answers in context.history.items():
            if answers and item_id in self.pos:
                self.last[self.pos[item_id]] = answers[-1].answered_ms

    def seconds(self, times: AnswerTimes) -> tuple[FloatArray, FloatArray]:
        """The student's seconds per answer of each item, right and wrong (by the item's kind)."""
        right = np.array([times.seconds(k, True) for k in self.kinds.tolist()])
        wrong = np.array([times.seconds(k, False) for k in self.kinds.tolist()])
        return right[self.kind_of], wrong[self.kind_of]

    def not_last(self, context: StudyContext) -> BoolArray:
        others: BoolArray = self.ids != (context.last_item_id if context.last_item_id is not None else -1)
        return others

    def deck_of(self, item_id: int | None) -> int | None:
        return int(self.decks[self.pos[item_id]]) if item_id is not None and item_id in self.pos else None

    def session_sequence(self, context: StudyContext) -> list[int]:
        """The item ids answered in this session, oldest first (the latest `session_answers` answers).

        The latest n answers belong to at most n items, those answered last, so only their
        histories are read."""
        n = context.session_answers
        if n <= 0 or not len(self.last):
            return []
        k = min(n, len(self.last))
        recent = np.argpartition(-self.last, k - 1)[:k] if k < len(self.last) else np.arange(len(self.last))
        answers = [a for t in recent.tolist() if self.last[t] >= 0
                   for a in context.history.get(int(self.ids[t]), ())]
        latest = heapq.nlargest(n, answers, key=lambda a: (a.answered_ms, a.id))
        return [a.item_id for a in reversed(latest)]


def interleaved(candidates: IndexArray, decks: IndexArray, avoid_deck: int | None,
                urgency: FloatArray | None = None) -> int:
    """The first candidate (lowest `urgency`, else lowest index) from another deck than the last item's,
    else the first candidate of any deck. Found without sorting: a large deck's choice stays linear.

    When a parent deck is studied, alternating sub-decks mixes topics (interleaving), which helps
    the student tell them apart; within the chosen deck the order (urgency) is kept.
    """
    if avoid_deck is not None:
        other = candidates[decks[candidates] != avoid_deck]
        if len(other):
            candidates = other
    if urgency is None:
        return int(candidates[0])
    return int(candidates[np.argmin(urgency[candidates])])  # the first of equals, as a stable sort would


def new_choice(context: StudyContext, index: int, p: float | None) -> Choice:
    return Choice(context.items[index], p, reasons.new_item(context.new_today + 1, context.settings.new_per_day))


# ---------------------------------------------------------------- review (flashcards)

RETENTION_GRID = (0.80, 0.85, 0.90, 0.95)  # bounds of the per-student target: never absurd intervals
HORIZON_MS = 60 * DAY_MS      # the knowledge a target buys is counted over two months of keeping one item
LONGEST_INTERVAL_MS = 365 * DAY_MS
Cost = TypeVar("Cost", float, FloatArray)  # one item's seconds, or an array of items'
MAX_REVIEWS = 12              # a target that needs more reviews than this in the horizon is out of reach


def expected_cost_s(p: Cost, right_s: Cost, wrong_s: Cost) -> Cost:
    """Expected seconds of one showing at recall p: a miss costs its answer and the two learning steps after."""
    return p * right_s + (1 - p) * (wrong_s + 2 * right_s)


def time_to_recall(curve: Curve, start_ms: int, target: float, iterations: int = 8, low: float = STEPS_MS[-1]) -> int:
    """How long after `start_ms` the recall `curve` (ms -> p) takes to first fall to `target`, between `low` (the
    last learning step) and a year. The model's curve can step up once, at the first day rollover after the
    answer (learner.model.bounds; before the adaptation was bounded it also rose again months later), so the
    waits are stepped through, doubling from `low`, to the first one whose recall is below the target, and
    only that last doubling is halved `iterations` times on the logarithm of time (8: within 0.3%)."""
    if curve(start_ms + low) < target:
        return int(low)
    above = low
    while above < LONGEST_INTERVAL_MS:
        below = min(2 * above, LONGEST_INTERVAL_MS)
        if curve(start_ms + below) < target:
            break
        above = below
    else:
        return LONGEST_INTERVAL_MS
    for _ in range(iterations):
        middle = math.sqrt(above * below)
        if curve(start_ms + middle) >= target:
            above = middle
        else:
            below = middle
    return int(above)


def minimum_cost_retention(curve_after: CurveAfter, item: ItemRow, now_ms: int,
                           times: AnswerTimes) -> tuple[float, float]:
    """The target retention that keeps `item` known at the least study time per unit of knowledge, and the
    recall the item has a day after it is learned (what a new item buys).

    For each target r of RETENTION_GRID the item is learned now and reviewed whenever the model predicts its
    recall has fallen to r, over HORIZON_MS; the cost is the expected seconds of those reviews (a miss, with
    chance 1 - r, costs its learning steps too) and the knowledge the mean predicted recall over the horizon.
    This is the minimum-cost retention of Anki's former "compute minimum recommended retention" and
    SSP-MMC, computed from this student's adapted model and answer times, not from population constants.
    The targets are tried from the lowest up and the search stops once the cost per knowledge grows (it has
    one minimum); a target the model cannot keep within MAX_REVIEWS reviews ends it too (the lowest is used
    if none can be kept)."""
    right_s, wrong_s = times.seconds(item.kind, True), times.seconds(item.kind, False)
    best, after_a_day = (math.inf, RETENTION_GRID[0]), 0.0
    for target in RETENTION_GRID:
        extra = [(now_ms, 1, 3)]
        t, cost, recall_ms, wait = now_ms, right_s, 0.0, float(DAY_MS)
        for _ in range(MAX_REVIEWS):
            curve = curve_after(item, extra)
            if t == now_ms:
                after_a_day = curve(now_ms + DAY_MS)
            # A review comes a day after the last at the soonest (once a study day), and each successful
            # review lengthens the next wait, so the last one bounds the search (4 halvings of the last
            # doubling: the wait within 5%, enough to rank the targets).
            wait = time_to_recall(curve, t, target, iterations=4, low=wait)
            end = int(min(t + wait, now_ms + HORIZON_MS))
            recall_ms += (end - t) * float(np.mean([curve(t + f * (end - t)) for f in (1 / 4, 3 / 4)]))
            if end >= now_ms + HORIZON_MS:
                break
            t = end
            cost += expected_cost_s(target, right_s, wrong_s)
            extra.append((t, 1, 3))
        else:
            # The model cannot keep the item at this target without more reviews than MAX_REVIEWS in the
            # horizon: nor at any higher target.
            break
        per_knowledge = cost / max(recall_ms / HORIZON_MS, 1e-6)
        if per_knowledge > best[0]:
            break  # past the minimum: the cost per knowledge only grows with the target from here
        best = (per_knowledge, target)
    return best[1], after_a_day


class ReviewPolicy:
    """Spaced study that buys the most knowledge per second of the student's time.

    - Items in their learning steps come first when due: a failed item returns after about 1 and then 10
      minutes (sooner if the model's recall for it falls below the target in the meantime), and the sitting
      does not end while one waits (it is shown early instead).
    - The target retention is the student's own: the minimum-cost retention of their adapted model and
      answer times, within 80-95% (`minimum_cost_retention`), chosen again each study day. With a predictor
      that cannot predict what an answer would change, the profile's target is used.
    - Reviews due (recall below the target) and new items compete by value per second: a review keeps
      what the student holds now (its recall) at its expected cost; a new item adds the recall it will have
      a day after it is learned, at the cost of a first showing. Within the daily new limit and, when the
      sitting has a time budget, only while the budget still covers a new item.
    - With time left in a budgeted sitting and nothing due, the item closest to its target is reviewed early
      (`ahead`, also what a caller with its own time budget asks for).
    - Studying a parent deck, consecutive items alternate between sub-decks when the choice allows.
    """

    def __init__(self, predictor: ItemPredictor) -> None:
        self.predictor = predictor
        self.view = DeckView()
        self.steps = LearningCache()
        self._target: tuple[int, float, float] | None = None  # (study day, target retention, new item's recall)

    def target(self, context: StudyContext, view: DeckView, p: FloatArray) -> tuple[float, float | None]:
        """(target retention, a new item's recall a day after learning it, or None when not known)."""
        curve_after = getattr(self.predictor, "curve_after", None)
        if curve_after is None:
            return context.settings.target_retention, None
        if self._target is None or self._target[0] != context.day_start_ms:
            unseen = np.flatnonzero(view.last < 0)
            k = int(unseen[0]) if len(unseen) else int(np.argsort(p)[len(p) // 2])
            target, after_a_day = minimum_cost_retention(curve_after, context.items[k], context.now_ms, context.times)
            self._target = (context.day_start_ms, target, after_a_day)
        return self._target[1], self._target[2]

    def _state(self, context: StudyContext) -> tuple[DeckView, FloatArray, float, float | None, dict[int, Learning],
                                                     BoolArray, BoolArray, Counts]:
        view = self.view.update(context)
        p = predictions(self.predictor, context)
        target, new_recall = self.target(context, view, p)
        today = np.flatnonzero(view.last >= context.day_start_ms) if context.day_start_ms else np.zeros(0, int)
        learning = self.steps.of(context, view.ids[today].tolist())
        in_learning = np.zeros(len(p), bool)
        in_learning[[view.pos[i] for i in learning]] = True
        seen = view.last >= 0
        # Out of its learning steps, an item is reviewed at most once a study day: within the day the steps
        # (and the model's recall for them) decide.
        due = seen & ~in_learning & (p < target) & (view.last < context.day_start_ms if context.day_start_ms else True)
        unseen = int((~seen).sum())
        counts = Counts(min(context.new_allowance(), unseen), len(learning), int(due.sum()))
        return view, p, target, new_recall, learning, in_learning, due, counts

    def choose(self, context: StudyContext) -> Choice | None:
        if not context.items:
            return None
        view, p, target, new_recall, learning, in_learning, due, counts = self._state(context)
        by_id = {i: context.items[view.pos[i]] for i in learning}
        # A learning item is due after its step, or after half of it once the model's recall falls below target.
        early = {i for i, s in learning.items()
                 if context.now_ms - s.last_ms >= s.wait_ms // 2 and p[view.pos[i]] < target}
        step = pick_learning(context, learning, early)
        if step is not None:
            return learning_choice(context, by_id, learning, step, float(p[view.pos[step]]), counts)
        not_last = view.not_last(context)
        avoid_deck = view.deck_of(context.last_item_id)
        right_s, wrong_s = view.seconds(context.times)
        due_items = np.flatnonzero(due & not_last)
        review_value = p[due_items] / expected_cost_s(p[due_items], right_s[due_items], wrong_s[due_items])
        new_items = np.flatnonzero((view.last < 0) & not_last) if context.new_allowance() > 0 else np.zeros(0, int)
        if len(new_items):
            k = interleaved(new_items, view.decks, avoid_deck)
            cost = float(expected_cost_s(p[k], right_s[k], wrong_s[k]))
            fits = context.budget_left_ms is None or cost * 1000 <= context.budget_left_ms
            gain = (new_recall if new_recall is not None else float(p[k])) - float(view.guess[k])
            best_review = float(review_value.max()) if len(due_items) else -math.inf
            if fits and gain / cost > best_review:
                position = (context.new_today + 1, context.settings.new_per_day)
                reason = reasons.new_over_review(*position) if len(due_items) else reasons.new_item(*position)
                return Choice(context.items[k], float(p[k]), reason, counts)
        if len(due_items):
            urgency = np.zeros(len(p))
            urgency[due_items] = -review_value
            k = interleaved(due_items, view.decks, avoid_deck, urgency=urgency)
            return Choice(context.items[k], float(p[k]), reasons.recall_below_target(float(p[k]), target), counts)
        step = pick_learning(context, learning, ahead=True)
        if step is not None:
            return learning_choice(context, by_id, learning, step, float(p[view.pos[step]]), counts, ahead=True)
        if context.budget_left_ms is not None and context.budget_left_ms > 0:
            return self.ahead(context)
        return None

    def ahead(self, context: StudyContext) -> Choice | None:
        """Time is left and nothing is due: review early the item closest to its target (the lowest recall),
        where an early review loses the least of its spacing; items not yet reviewed today first."""
        view, p, target, _, _, _, _, counts = self._state(context)
        seen = (view.last >= 0) & view.not_last(context)
        early = np.flatnonzero(seen & (view.last < context.day_start_ms)) if context.day_start_ms \
            else np.zeros(0, np.int64)
        if not len(early):
            early = np.flatnonzero(seen)
        if not len(early):
            return None
        k = interleaved(early, view.decks, view.deck_of(context.last_item_id), urgency=p)
        return Choice(context.items[k], float(p[k]), reasons.review_early(float(p[k]), target), counts)

    def intervals(self, context: StudyContext, item: ItemRow, at_ms: int) -> dict[int, int]:
        """The wait after each grade, as this policy will schedule it: a learning step, else the time the
        model takes to bring the item's recall down to the student's target."""
        curve_after = getattr(self.predictor, "curve_after", None)
        if curve_after is None:
            return ClassicPolicy().intervals(context, item, at_ms)
        view = self.view.update(context)
        target, _ = self.target(context, view, predictions(self.predictor, context))
        return step_intervals(context, item, at_ms, lambda g: time_to_recall(
            curve_after(item, [(at_ms, correct_of(g), g)]), at_ms, target))


# ---------------------------------------------------------------- practice (quizzes)

class PracticePolicy:
    """Practice at the difficulty that teaches the most, mixed with due reviews.

    The target band is a predicted success of 0.60 to 0.85, aiming at 0.75. Retrieval that succeeds
    with effort strengthens memory more than easy retrieval (Bjork's desirable difficulties), while
    frequent failure teaches little and discourages; Wilson et al. (2019, "The Eighty Five Percent
    Rule for optimal learning") derive an optimal training accuracy near 85% for learners that
    improve by error-driven updates, which gives the band's top, and below about 60% most answers
    are failures, which gives its floor. Every `review_every`-th item is the most urgent due review
    (predicted recall under the target retention), so practice also keeps old items alive. A missed
    item comes back `comeback_after` items later, and the same item is never shown twice in a row.
    """

    def __init__(self, predictor: ItemPredictor, band: tuple[float, float] = (0.60, 0.85), aim: float = 0.75,
                 review_every: int = 3, comeback_after: int = 3) -> None:
        self.predictor, self.band, self.aim = predictor, band, aim
        self.review_every, self.comeback_after = review_every, comeback_after
        self.view = DeckView()

    def choose(self, context: StudyContext) -> Choice | None:
        items = context.items
        if not items:
            return None
        view = self.view.update(context)
        p = predictions(self.predictor, context)
        waiting: set[int] = set()
        if context.session_wrong:
            comeback = self._comeback(context, view, waiting)
            if comeback is not None:
                k = view.pos[comeback]
                return Choice(items[k], float(p[k]), reasons.Reason(reasons.Code.MISSED_COMEBACK))
        seen = view.last >= 0
        eligible = view.not_last(context)
        if waiting:
            eligible &= ~np.isin(view.ids, list(waiting))
        eligible &= seen | (context.new_allowance() > 0)
        if not eligible.any():
            return None
        due = eligible & seen & (p < context.settings.target_retention)
        if due.any() and context.session_answers % self.review_every == self.review_every - 1:
            k = int(np.flatnonzero(due)[np.argmin(p[due])])
            reason = reasons.due_review_in_practice(float(p[k]), context.settings.target_retention)
            return Choice(items[k], float(p[k]), reason)
        low, high = self.band
        in_band = eligible & (p >= low) & (p <= high)
        pool = in_band if in_band.any() else eligible
        candidates = np.flatnonzero(pool)
        k = int(candidates[np.argmin(np.abs(p[candidates] - self.aim))])
        new = None if seen[k] else (context.new_today + 1, context.settings.new_per_day)
        return Choice(items[k], float(p[k]), reasons.practice(float(p[k]), bool(in_band.any()), new))

    def _comeback(self, context: StudyContext, view: DeckView, waiting: set[int]) -> int | None:
        """The oldest missed item answered at least `comeback_after` items ago; fills `waiting` with the
        missed items that are not back yet (they are held out of the rest of the choice)."""
        sequence = view.session_sequence(context)
        ago = {item_id: len(sequence) - 1 - pos for pos, item_id in enumerate(sequence)}
        ready = None
        for item_id in context.session_wrong:
            if item_id == context.last_item_id or ago.get(item_id, self.comeback_after) < self.comeback_after:
                waiting.add(item_id)
            elif ready is None:
                ready = item_id
        return ready


# ---------------------------------------------------------------- adaptive test

@dataclass(frozen=True)
class Mastery:
    name: str
    mastery: float   # mean chance of knowing an item of the group (guessing removed)
    low: float       # 95% band
    high: float
    items: int
    asked: int
    predicted_only: bool = False  # no question of the group was asked: the figure is predicted from the others


@dataclass
class TestReport:
    questions: int
    decks: list[Mastery] = field(default_factory=list)
    skills: list[Mastery] = field(default_factory=list)
    study_next: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        """The report as short lines for a screen or a terminal."""
        out = [f"{self.questions} question(s)."]
        for title, groups in (("Deck", self.decks), ("Skill", self.skills)):
            out += [f"{title} {g.name}: mastery {percent(g.mastery)} ({percent(g.low)}-{percent(g.high)}), "
                    f"{g.asked} of {g.items} items asked" if g.asked else
                    f"{title} {g.name}: not asked (0 of {g.items} items), predicted {percent(g.mastery)}"
                    for g in groups]
        return out + (self.study_next or ["Nothing stands out to study next."])


def fisher_information(p: FloatArray, guess: FloatArray) -> FloatArray:
    """Information about the student's ability (a logit shift) from one answer with success chance p and
    guessing floor c: (p - c)^2 (1 - p) / ((1 - c)^2 p), which is p(1 - p) when nothing can be guessed."""
    return (p - guess) ** 2 * (1 - p) / ((1 - guess) ** 2 * p)


def slope(p: FloatArray, guess: FloatArray) -> FloatArray:
    """How fast p moves with the student's ability: dp/dz of p = c + (1 - c) sigmoid(z)."""
    return (p - guess) * (1 - p) / (1 - guess)


def knowing(p: FloatArray, guess: FloatArray, shift: float = 0.0) -> FloatArray:
    """The chance of knowing (guessing removed), with the ability moved by `shift` logits."""
    s = np.clip((p - guess) / (1 - guess), 1e-6, 1 - 1e-6)
    return 1 / (1 + np.exp(-(np.log(s / (1 - s)) + shift)))


class TestPolicy:
    """An adaptive test of `settings.test_length` questions over the deck.

    The student's ability is one logit shift on every prediction, uncertain with variance
    v = 1 / (1 + information gathered in this test) (a unit-variance prior on the logit scale).
    The quantity to learn is the deck score, T = sum of the unasked items' outcomes, with variance
    Var T = D^2 v + sum p(1 - p), D the sum of the items' slopes. Each question is the one that
    most reduces Var T: its own outcome variance leaves, and its Fisher information (corrected for
    guessing) shrinks v. Exposure control is randomesque: one of the `top_k` best questions is drawn
    at random (among those within `keep` of the best gain), so a class does not all see one bank.
    """

    def __init__(self, predictor: ItemPredictor, top_k: int = 4, keep: float = 0.8, seed: int | None = None) -> None:
        self.predictor, self.top_k, self.keep = predictor, top_k, keep
        self.rng = random.Random(seed)
        self.last_context: StudyContext | None = None
        self.view = DeckView()

    def choose(self, context: StudyContext) -> Choice | None:
        self.last_context = context
        if context.session_answers >= context.settings.test_length or not context.items:
            return None
        view = self.view.update(context)
        asked = np.isin(view.ids, view.session_sequence(context))
        p = predictions(self.predictor, context)
        guess = view.guess
        open_ = ~asked
        if not open_.any():
            return None
        sensitivity = getattr(self.predictor, "sensitivity", None)
        if sensitivity is not None:
            d, v = sensitivity(context.items, context.now_ms)
            gain = self.gain(p, guess, open_, 1.0 / v - 1.0, np.asarray(d, dtype=np.float64))
        else:
            gain = self.gain(p, guess, open_, float(fisher_information(p[asked], guess[asked]).sum()))
        order = best_first(self.balanced(context, view, open_), gain, self.top_k)
        best = gain[order[0]]
        top = [int(k) for k in order if gain[k] >= self.keep * best]
        k = self.rng.choice(top)
        return Choice(context.items[k], float(p[k]), reasons.most_informative(float(p[k])))

    @staticmethod
    def balanced(context: StudyContext, view: DeckView, open_: BoolArray) -> IndexArray:
        """The open questions the next one may be drawn from so that every group the report shows (each
        sub-deck, then each skill) gets its share of the questions: content balancing as in Kingsbury and
        Zara's constrained CAT. Each group's target is an equal share (every reported mastery deserves the
        same evidence); the group furthest below its share, among those with questions left, is chosen
        first by deck and then, within it, by skill. The most informative question is then chosen inside."""
        candidates = open_.copy()
        asked = ~open_
        for labels in (view.decks, view.skill_of):
            groups = np.unique(labels[candidates])
            if len(np.unique(labels)) < 2 or len(groups) < 1:
                continue
            n_groups = len(np.unique(labels))
            done = asked.sum()
            deficits = [(done + 1) / n_groups - (asked & (labels == g)).sum() for g in groups]
            candidates &= labels == groups[int(np.argmax(deficits))]
        return np.flatnonzero(candidates)

    @staticmethod
    def gain(p: FloatArray, guess: FloatArray, open_: BoolArray, information: float,
             d: FloatArray | None = None) -> FloatArray:
        """Per item, how much asking it is expected to reduce the variance of the deck score.

        `d` is each item's dp/d(ability) when the predictor knows it (a predictor may offer
        `sensitivity(items, now_ms) -> (slopes, ability variance)`); otherwise every item moves as
        one logit shift would move it."""
        v = 1.0 / (1.0 + information)
        if d is None:
            d, info = slope(p, guess), fisher_information(p, guess)
        else:
            info = d ** 2 / (p * (1 - p))
        total_slope = float(d[open_].sum())
        v_after = 1.0 / (1.0 / v + info)
        return p * (1 - p) + total_slope ** 2 * v - (total_slope - d) ** 2 * v_after

    def report(self, context: StudyContext | None = None, deck_names: dict[int, str] | None = None) -> TestReport:
        """Mastery per deck and per skill (item skill, else its tags) with a 95% band, and what to study next."""
        context = context or self.last_context
        if context is None or not context.items:
            return TestReport(0)
        view = self.view.update(context)
        asked = set(view.session_sequence(context))
        p = predictions(self.predictor, context, knowledge=True)
        guess = view.guess
        info = fisher_information(p, guess)
        groups_deck: dict[str, list[int]] = {}
        groups_skill: dict[str, list[int]] = {}
        for k, item in enumerate(context.items):
            name = (deck_names or {}).get(item.deck_id, str(item.deck_id))
            groups_deck.setdefault(name, []).append(k)
            for skill in group_names(item):
                if skill:
                    groups_skill.setdefault(skill, []).append(k)

        def mastery(name: str, members: list[int]) -> Mastery:
            idx = np.asarray(members)
            asked_here = [k for k in members if context.items[k].id in asked]
            half = 1.96 / math.sqrt(1.0 + (float(info[asked_here].sum()) if asked_here else 0.0))
            pm, gm = p[idx], guess[idx]
            return Mastery(name, float(knowing(pm, gm).mean()), float(knowing(pm, gm, -half).mean()),
                           float(knowing(pm, gm, half).mean()), len(members), len(asked_here), not asked_here)

        decks = [mastery(n, groups_deck[n]) for n in sorted(groups_deck, key=natural_key)]
        skills = [mastery(n, groups_skill[n]) for n in sorted(groups_skill, key=natural_key)]
        return TestReport(len(asked), decks, skills, study_next(skills or decks))


def best_first(candidates: IndexArray, score: FloatArray, n: int) -> IndexArray:
    """The `n` candidates of highest score, highest first, ties in candidate order (as a stable sort of
    all of them would give), found with a partition: linear in the deck's size."""
    n = min(n, len(candidates))
    minus = -score[candidates]
    nth = np.partition(minus, n - 1)[n - 1]
    contenders = candidates[minus <= nth]
    best: IndexArray = contenders[np.argsort(-score[contenders], kind="stable")][:n]
    return best


def study_next(groups: list[Mastery], limit: int = 3, good: float = 0.8) -> list[str]:
    """The weakest groups below `good` mastery, weakest first, each as one line of advice. Only groups the
    test asked about: advice on content never asked would rest on a guess from other answers."""
    weak = sorted((g for g in groups if g.asked and g.mastery < good), key=lambda g: g.mastery)[:limit]
    return [f"Study {g.name}: mastery about {percent(g.mastery)} (between {percent(g.low)} and {percent(g.high)})"
            for g in weak]


# ---------------------------------------------------------------- choosing the policy

def make_policy(mode: str, predictor: ItemPredictor | None, seed: int | None = None) -> Policy:
    """The policy for a study mode; without a predictor (no model loaded) the classical schedule."""
    if mode not in MODES:
        raise ValueError(f"unknown study mode {mode!r} (expected one of {', '.join(MODES)})")
    if predictor is None:
        return ClassicPolicy()
    if mode == "review":
        return ReviewPolicy(predictor)
    if mode == "practice":
        return PracticePolicy(predictor)
    return TestPolicy(predictor, seed=seed)
