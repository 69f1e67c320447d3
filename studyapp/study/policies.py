"""The next-item policies that use the learner's predictions: review, practice and adaptive test.

Each policy sees the deck, the student's answers and the predictor's p(correct) now, and returns the
item to show with a short reason. Without a predictor every mode falls back to the classical schedule.
"""

from __future__ import annotations

import heapq
import math
import random
from dataclasses import asdict, dataclass, field

import numpy as np

from studyapp.store.queries import ItemRow
from studyapp.study import reasons
from studyapp.study.reasons import percent
from studyapp.study.selection import ClassicPolicy, Choice, Policy, StudyContext

MODES = ("review", "practice", "test")
MINUTE_MS = 60_000


# ---------------------------------------------------------------- shared helpers

def guess_floor(item: ItemRow) -> float:
    """The chance of a right answer by guessing alone: 1/options for multiple choice, 1/2 for true/false."""
    if item.kind == "choice" and len(item.options) >= 2:
        return 1.0 / len(item.options)
    return 0.5 if item.kind == "truefalse" else 0.0


def predictions(predictor, context: StudyContext, knowledge: bool = False) -> np.ndarray:
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

    def __init__(self):
        self._key: tuple | None = None
        self._answers = 0
        self._answered_items = 0

    def update(self, context: StudyContext) -> DeckView:
        key = (id(context.items), len(context.items), id(context.history))
        grown = len(context.history) - self._answered_items
        if (key != self._key or context.session_answers not in (self._answers, self._answers + 1)
                or not (grown == 0 or grown == 1 and self._first_answer_of_last(context))):
            self._build(context)
            self._key = key
        elif context.last_item_id in self.pos:
            answers = context.history.get(context.last_item_id)
            self.last[self.pos[context.last_item_id]] = answers[-1].answered_ms if answers else -1
        self._answers = context.session_answers
        self._answered_items = len(context.history)
        return self

    def _first_answer_of_last(self, context: StudyContext) -> bool:
        """True when the item just answered had no answer in the arrays and now has exactly one."""
        k = self.pos.get(context.last_item_id)
        return k is not None and self.last[k] < 0 and len(context.history.get(context.last_item_id, ())) == 1

    def _build(self, context: StudyContext) -> None:
        items, n = context.items, len(context.items)
        self.ids = np.fromiter((i.id for i in items), np.int64, n)
        self.decks = np.fromiter((i.deck_id for i in items), np.int64, n)
        self.guess = np.fromiter((guess_floor(i) for i in items), np.float64, n)
        self.pos = {item_id: k for k, item_id in enumerate(self.ids.tolist())}
        self.last = np.full(n, -1, dtype=np.int64)
        for item_id, answers in context.history.items():
            if answers and item_id in self.pos:
                self.last[self.pos[item_id]] = answers[-1].answered_ms

    def not_last(self, context: StudyContext) -> np.ndarray:
        return self.ids != (context.last_item_id if context.last_item_id is not None else -1)

    def deck_of(self, item_id: int | None) -> int | None:
        return int(self.decks[self.pos[item_id]]) if item_id in self.pos else None

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


def interleaved(candidates: np.ndarray, decks: np.ndarray, avoid_deck: int | None,
                urgency: np.ndarray | None = None) -> int:
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

class ReviewPolicy:
    """Spaced review driven by predicted recall.

    - An answered item is due once its predicted recall falls below the profile's target retention;
      the lowest recall comes first (it is the closest to being lost, and an item at 60% gains more
      from a review than one at 89%). An item answered less than `min_gap_ms` ago waits, so a missed
      item returns after a short pause, as in Anki's relearning step.
    - New items come within the daily limit, mixed one for one with due reviews, and only while at
      most `max_due_for_new` reviews are waiting: a growing backlog is cleared before adding more.
    - Studying a parent deck, consecutive items alternate between sub-decks when the choice allows.
    """

    def __init__(self, predictor, max_due_for_new: int = 20, min_gap_ms: int = 10 * MINUTE_MS):
        self.predictor, self.max_due_for_new, self.min_gap_ms = predictor, max_due_for_new, min_gap_ms
        self.view = DeckView()

    def choose(self, context: StudyContext) -> Choice | None:
        if not context.items:
            return None
        view = self.view.update(context)
        last = view.last
        seen = last >= 0
        p = predictions(self.predictor, context)
        not_last = view.not_last(context)
        due = seen & (p < context.settings.target_retention) & (context.now_ms - last >= self.min_gap_ms) & not_last
        due_items = np.flatnonzero(due)
        new_items = np.flatnonzero(~seen & not_last)
        avoid_deck = view.deck_of(context.last_item_id)
        if self._new_allowed(context, len(due_items), len(new_items) > 0) and (
                not len(due_items) or self._last_was_review(context)):
            k = interleaved(new_items, view.decks, avoid_deck)
            return new_choice(context, k, float(p[k]))
        if not len(due_items):
            return None
        k = interleaved(due_items, view.decks, avoid_deck, urgency=p)
        reason = reasons.recall_below_target(float(p[k]), context.settings.target_retention)
        return Choice(context.items[k], float(p[k]), reason)

    def _new_allowed(self, context: StudyContext, n_due: int, any_new: bool) -> bool:
        return any_new and context.new_allowance() > 0 and n_due <= self.max_due_for_new

    @staticmethod
    def _last_was_review(context: StudyContext) -> bool:
        """True unless the item just answered was seen for the first time (new and review alternate)."""
        if context.last_item_id is None:
            return True
        return len(context.history.get(context.last_item_id, ())) != 1


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

    def __init__(self, predictor, band: tuple[float, float] = (0.60, 0.85), aim: float = 0.75,
                 review_every: int = 3, comeback_after: int = 3):
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


@dataclass
class TestReport:
    questions: int
    decks: list[Mastery] = field(default_factory=list)
    skills: list[Mastery] = field(default_factory=list)
    study_next: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def lines(self) -> list[str]:
        """The report as short lines for a screen or a terminal."""
        out = [f"{self.questions} question(s)."]
        for title, groups in (("Deck", self.decks), ("Skill", self.skills)):
            out += [f"{title} {g.name}: mastery {percent(g.mastery)} ({percent(g.low)}-{percent(g.high)}), "
                    f"{g.asked} of {g.items} items asked" for g in groups]
        return out + (self.study_next or ["Nothing stands out to study next."])


def fisher_information(p: np.ndarray, guess: np.ndarray) -> np.ndarray:
    """Information about the student's ability (a logit shift) from one answer with success chance p and
    guessing floor c: (p - c)^2 (1 - p) / ((1 - c)^2 p), which is p(1 - p) when nothing can be guessed."""
    return (p - guess) ** 2 * (1 - p) / ((1 - guess) ** 2 * p)


def slope(p: np.ndarray, guess: np.ndarray) -> np.ndarray:
    """How fast p moves with the student's ability: dp/dz of p = c + (1 - c) sigmoid(z)."""
    return (p - guess) * (1 - p) / (1 - guess)


def knowing(p: np.ndarray, guess: np.ndarray, shift: float = 0.0) -> np.ndarray:
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

    def __init__(self, predictor, top_k: int = 4, keep: float = 0.8, seed: int | None = None):
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
        order = best_first(np.flatnonzero(open_), gain, self.top_k)
        best = gain[order[0]]
        top = [int(k) for k in order if gain[k] >= self.keep * best]
        k = self.rng.choice(top)
        return Choice(context.items[k], float(p[k]), reasons.most_informative(float(p[k])))

    @staticmethod
    def gain(p: np.ndarray, guess: np.ndarray, open_: np.ndarray, information: float,
             d: np.ndarray | None = None) -> np.ndarray:
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
            for skill in ([item.skill] if item.skill else item.tags):
                groups_skill.setdefault(skill, []).append(k)

        def mastery(name: str, members: list[int]) -> Mastery:
            idx = np.asarray(members)
            asked_here = [k for k in members if context.items[k].id in asked]
            half = 1.96 / math.sqrt(1.0 + (float(info[asked_here].sum()) if asked_here else 0.0))
            pm, gm = p[idx], guess[idx]
            return Mastery(name, float(knowing(pm, gm).mean()), float(knowing(pm, gm, -half).mean()),
                           float(knowing(pm, gm, half).mean()), len(members), len(asked_here))

        decks = [mastery(n, m) for n, m in sorted(groups_deck.items())]
        skills = [mastery(n, m) for n, m in sorted(groups_skill.items())]
        return TestReport(len(asked), decks, skills, study_next(skills or decks))


def best_first(candidates: np.ndarray, score: np.ndarray, n: int) -> np.ndarray:
    """The `n` candidates of highest score, highest first, ties in candidate order (as a stable sort of
    all of them would give), found with a partition: linear in the deck's size."""
    n = min(n, len(candidates))
    minus = -score[candidates]
    nth = np.partition(minus, n - 1)[n - 1]
    contenders = candidates[minus <= nth]
    return contenders[np.argsort(-score[contenders], kind="stable")][:n]


def study_next(groups: list[Mastery], limit: int = 3, good: float = 0.8) -> list[str]:
    """The weakest groups below `good` mastery, weakest first, each as one line of advice."""
    weak = sorted((g for g in groups if g.mastery < good), key=lambda g: g.mastery)[:limit]
    return [f"Study {g.name}: mastery about {percent(g.mastery)} (between {percent(g.low)} and {percent(g.high)})"
            + ("" if g.asked else ", not asked yet") for g in weak]


# ---------------------------------------------------------------- choosing the policy

def make_policy(mode: str, predictor, seed: int | None = None) -> Policy:
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
