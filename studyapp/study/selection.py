"""What a next-item policy sees and returns, and the classical policy used without a model."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from studyapp.content.model import grade_of
from studyapp.store.queries import ItemRow, LoggedAnswer
from studyapp.study.classic import replay
from studyapp.study.clock import DAY_MS
from studyapp.study.reasons import Reason, due_scheduled, learn_ahead, learning_step, new_item
from studyapp.study.settings import StudySettings

MINUTE_MS = 60_000
# A predictor's p(correct) per item: a list, or the numpy array the learner computes.
Scores = Sequence[float] | npt.NDArray[np.float64]


@dataclass(frozen=True)
class Counts:
    """What is left to study now, as Anki's 20 + 3 + 0: new items still allowed today, items in their
    learning steps (failed, or shaky, in this sitting), and reviews due."""

    new: int
    learning: int
    due: int


@dataclass(frozen=True)
class Choice:
    item: ItemRow
    predicted: float | None  # the model's p(correct) when the item is shown, if a model is loaded
    reason: Reason           # shown to the student and logged (as English text) with the answer
    counts: Counts | None = None  # what is left, the chosen item included (policies that know it)


# ---------------------------------------------------------------- the student's own answer times

DEFAULT_SECONDS = (8.0, 14.0)  # right, wrong: a miss takes longer (the answer is read and taken in)
LONGEST_S = 60.0               # longer answers were interrupted, not thought about


@dataclass(frozen=True)
class AnswerTimes:
    """The student's median seconds per answer, by item kind and by right/wrong, from the log; a kind with
    fewer than `least` answers of that result takes the student's median over all kinds, else the default."""

    by_kind: dict[tuple[str, bool], float] = field(default_factory=dict)
    overall: tuple[float, float] = DEFAULT_SECONDS

    @classmethod
    def from_columns(cls, kinds: Sequence[str], kind_of: npt.NDArray[np.int16], right: npt.NDArray[np.bool_],
                     response_ms: npt.NDArray[np.int64], least: int = 5) -> AnswerTimes:
        """Per answer with a response time above 0: its kind (an index into `kinds`), right or wrong, and
        its response time."""
        seconds = np.minimum(response_ms / 1000, LONGEST_S)
        by_kind = {}
        for code, kind in enumerate(kinds):
            for result in (True, False):
                sample = seconds[(kind_of == code) & (right == result)]
                if len(sample) >= least:
                    by_kind[(kind, result)] = float(np.median(sample))
        overall = []
        for result, default in zip((True, False), DEFAULT_SECONDS):
            pooled = seconds[right == result]
            overall.append(float(np.median(pooled)) if len(pooled) >= least else default)
        return cls(by_kind, (overall[0], overall[1]))

    def seconds(self, kind: str, right: bool) -> float:
        return self.by_kind.get((kind, right), self.overall[0 if right else 1])


# ---------------------------------------------------------------- learning steps

# A failed item comes back after 1 minute, then after 10 (Anki's default learning steps); Hard on a step
# waits between the two. A first answer of Hard also starts the steps: the item is not yet held.
STEPS_MS = (1 * MINUTE_MS, 10 * MINUTE_MS)
HARD_FIRST_STEP_MS = 6 * MINUTE_MS


@dataclass(frozen=True)
class Learning:
    """An item in its learning steps: its step, when it was last answered, and the wait before it is due."""

    step: int
    last_ms: int
    wait_ms: int

    @property
    def due_ms(self) -> int:
        return self.last_ms + self.wait_ms


def step_after(state: Learning | None, first: bool, grade: int, at_ms: int) -> Learning | None:
    """The learning state after one answer (grade 1-4); None once the item has graduated (or never
    needed the steps: a review or a first answer that was Good or Easy)."""
    if grade == 1:
        return Learning(0, at_ms, STEPS_MS[0])
    if state is None:
        return Learning(0, at_ms, HARD_FIRST_STEP_MS) if first and grade == 2 else None
    if grade == 2:
        return Learning(state.step, at_ms, HARD_FIRST_STEP_MS if state.step == 0 else STEPS_MS[state.step])
    if grade == 3 and state.step + 1 < len(STEPS_MS):
        return Learning(state.step + 1, at_ms, STEPS_MS[state.step + 1])
    return None


def learning_state(answers: Sequence[LoggedAnswer], since_ms: int) -> Learning | None:
    """The learning state of an item from its answers in this study day (since `since_ms`)."""
    state = None
    for k, answer in enumerate(answers):
        if answer.answered_ms >= since_ms:
            state = step_after(state, k == 0, grade_of(answer.correct, answer.grade), answer.answered_ms)
    return state


class LearningCache:
    """Which items are in their learning steps, kept between choices: an item's state is replayed again only
    when its answers (or the study day) changed, so a sitting of many answers costs little per choice.
    Answers are told apart by their count and the last one's id: an undo followed by another answer changes
    the id."""

    def __init__(self) -> None:
        # id -> ((answers, last id, day), state)
        self._states: dict[int, tuple[tuple[int, int | None, int], Learning | None]] = {}

    def of(self, context: StudyContext, item_ids: Iterable[int]) -> dict[int, Learning]:
        """The learning states of those of `item_ids` (items answered today) still in their steps."""
        out = {}
        for item_id in item_ids:
            answers = context.history.get(item_id, [])
            key = (len(answers), answers[-1].id if answers else None, context.day_start_ms)
            kept = self._states.get(item_id)
            if kept is None or kept[0] != key:
                kept = self._states[item_id] = (key, learning_state(answers, context.day_start_ms))
            if kept[1] is not None:
                out[item_id] = kept[1]
        return out


def pick_learning(context: StudyContext, learning: dict[int, Learning], due_now: set[int] | None = None,
                  ahead: bool = False) -> int | None:
    """The learning item due first: among those whose wait is over (or in `due_now`), else, with `ahead`,
    the one due soonest (the sitting never ends while a failed item waits). Another item than the one just
    answered, unless it is the only one."""
    ready = [i for i, s in learning.items() if s.due_ms <= context.now_ms or (due_now and i in due_now)]
    pool = ready or (list(learning) if ahead else [])
    others = [i for i in pool if i != context.last_item_id]
    pool = others or (pool if ahead else [])
    return min(pool, key=lambda i: (learning[i].due_ms, i)) if pool else None


def learning_choice(context: StudyContext, by_id: dict[int, ItemRow], learning: dict[int, Learning], item_id: int,
                    predicted: float | None, counts: Counts | None, ahead: bool = False) -> Choice:
    """A learning item shown because its step is over, or `ahead` of it (nothing else is left)."""
    waited = context.now_ms - learning[item_id].last_ms
    return Choice(by_id[item_id], predicted, learn_ahead(waited) if ahead else learning_step(waited), counts)


@dataclass
class StudyContext:
    """Everything a policy may look at: the deck, the student's own answers, and the session so far."""

    items: list[ItemRow]
    history: Mapping[int, Sequence[LoggedAnswer]]  # item id -> this profile's answers, oldest first
    now_ms: int
    settings: StudySettings
    new_today: int = 0
    last_item_id: int | None = None
    session_wrong: list[int] = field(default_factory=list)  # item ids missed in this session, oldest first
    session_answers: int = 0
    day_start_ms: int = 0               # the study day began (learning steps last for the day)
    budget_left_ms: int | None = None   # study time left in this sitting, when it has a budget
    times: AnswerTimes = field(default_factory=AnswerTimes)

    def seen(self, item: ItemRow) -> bool:
        return bool(self.history.get(item.id))

    def new_items(self) -> list[ItemRow]:
        return [i for i in self.items if not self.seen(i)]

    def new_allowance(self) -> int:
        return max(0, self.settings.new_per_day - self.new_today)


class Policy(Protocol):
    def choose(self, context: StudyContext) -> Choice | None: ...


def new_item_choice(context: StudyContext, predicted: float | None = None) -> Choice | None:
    """The next new item in deck order, within today's limit."""
    if context.new_allowance() <= 0:
        return None
    candidates = [i for i in context.new_items() if i.id != context.last_item_id]
    if not candidates:
        return None
    return Choice(candidates[0], predicted, new_item(context.new_today + 1, context.settings.new_per_day))


def step_intervals(context: StudyContext, item: ItemRow, at_ms: int,
                   graduate: Callable[[int], float]) -> dict[int, int]:
    """For each grade 1-4 of `item` answered at `at_ms`, the wait before it is shown again: a learning
    step's, or `graduate(grade)` (ms) once it leaves the steps, in whole days and at least one (an item out of
    its steps is reviewed at most once a study day). Longer for a better grade, as a student expects of the
    buttons: out of the steps, a day longer than the grade below at least (as Anki's buttons), so that Hard,
    Good and Easy never read the same, even where each wait is past what `graduate` measures (a year)."""
    answers = context.history.get(item.id, [])
    state = learning_state(answers, context.day_start_ms)
    out: dict[int, int] = {}
    for grade in (1, 2, 3, 4):
        after = step_after(state, not answers, grade, at_ms)
        out[grade] = after.wait_ms if after is not None else max(round(graduate(grade) / DAY_MS), 1) * DAY_MS
        if grade > 1:
            longer = DAY_MS if after is None and out[grade - 1] >= DAY_MS else 0
            out[grade] = max(out[grade], out[grade - 1] + longer)
    return out


def answered_today(context: StudyContext) -> list[int]:
    return [i for i, answers in context.history.items() if answers and answers[-1].answered_ms >= context.day_start_ms]


class ClassicPolicy:
    """Anki's SM-2 rules: items in their learning steps when due, then overdue items (most overdue relative
    to their interval), then new items; a failed item waiting in its steps is shown before the sitting ends."""

    def __init__(self) -> None:
        self.steps = LearningCache()

    def due_items(self, context: StudyContext,
                  exclude: Collection[int] = frozenset()) -> list[tuple[float, ItemRow, int]]:
        due = []
        for item in context.items:
            answers = context.history.get(item.id)
            if not answers or item.id in exclude:
                continue
            state = replay([(a.answered_ms, a.correct, a.grade) for a in answers])
            if state.due_ms <= context.now_ms:
                overdue = context.now_ms - state.due_ms
                due.append((overdue / max(state.interval_ms, 1), item, overdue))
        due.sort(key=lambda entry: -entry[0])
        return due

    def choose(self, context: StudyContext) -> Choice | None:
        by_id = {i.id: i for i in context.items}
        learning = self.steps.of(context, [i for i in answered_today(context) if i in by_id])
        due = self.due_items(context, exclude=learning)
        unseen = sum(1 for i in context.items if not context.seen(i))
        counts = Counts(min(context.new_allowance(), unseen), len(learning), len(due))
        step = pick_learning(context, learning)
        if step is not None:
            return learning_choice(context, by_id, learning, step, None, counts)
        others = [(item, overdue) for _, item, overdue in due if item.id != context.last_item_id]
        if others:
            return self._review(*others[0], counts)
        fresh = new_item_choice(context)
        if fresh is not None:
            return Choice(fresh.item, None, fresh.reason, counts)
        step = pick_learning(context, learning, ahead=True)
        if step is not None:
            return learning_choice(context, by_id, learning, step, None, counts, ahead=True)
        # The item just answered comes again only when nothing else is left.
        return self._review(due[0][1], due[0][2], counts) if due else None

    def intervals(self, context: StudyContext, item: ItemRow, at_ms: int) -> dict[int, int]:
        past = [(a.answered_ms, a.correct, a.grade) for a in context.history.get(item.id, [])]
        return step_intervals(context, item, at_ms,
                              lambda g: replay(past + [(at_ms, int(g > 1), g)]).interval_ms)

    @staticmethod
    def _review(item: ItemRow, overdue_ms: int, counts: Counts | None = None) -> Choice:
        return Choice(item, None, due_scheduled(overdue_ms), counts)
