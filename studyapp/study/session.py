"""A study session as a plain state machine: choose the next item, grade the answer, log it, update the learner.

The CLI and the GUI both drive this class; it never imports Qt. Every answer is committed to
the database before `submit` returns, so the next item is only shown once the last one is safe.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, MutableSequence, Protocol, Sequence

from sqlite_utils import Database

from studyapp.content.answer_times import latest_allowed_ms
from studyapp.content.model import SELF_GRADED, in_language
from studyapp.store import queries
from studyapp.store.queries import ItemRow, LoggedAnswer
from studyapp.study.clock import study_day_start, system_clock
from studyapp.study.grading import Grade, accepted_answers, grade_response
from studyapp.study.history import answer_times_of, history_of, read_log
from studyapp.study.reasons import Code, Reason
from studyapp.study.selection import Choice, ClassicPolicy, Counts, Policy, Scores, StudyContext
from studyapp.study.settings import StudySettings

if TYPE_CHECKING:
    from studyapp.study.policies import TestReport


class SessionError(Exception):
    pass


class Predictor(Protocol):
    """The learner as the session sees it: p(correct) now, and an update after each answer."""

    def predict(self, items: Sequence[ItemRow], now_ms: int) -> Scores: ...
    def knowledge(self, items: Sequence[ItemRow], now_ms: int) -> Scores:
        """p(correct) without the boost of having just answered an item: what the student knows."""
    def observe(self, item: ItemRow, answer: LoggedAnswer) -> None: ...
    def forget_last(self) -> None: ...
    def save(self) -> None: ...


@dataclass(frozen=True)
class Presented:
    item: ItemRow
    predicted: float | None
    reason: Reason
    shown_ms: int
    number: int  # 1 for the first item of the session
    counts: Counts | None = None  # what is left (new, learning, due), this item included, when the policy says


@dataclass(frozen=True)
class Outcome:
    answer_id: int
    item: ItemRow
    grade: Grade
    expected: str
    predicted: float | None
    spent_ms: int = 0  # the study time it took

    @property
    def correct(self) -> bool:
        return bool(self.grade.correct)


@dataclass
class Summary:
    answers: int = 0
    correct: int = 0
    started_ms: int = 0
    ended_ms: int = 0
    new_items: int = 0
    by_item: dict[int, list[int]] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        return self.correct / self.answers if self.answers else 0.0

    @property
    def minutes(self) -> float:
        return max(0, self.ended_ms - self.started_ms) / 60000

    # The summary's verdict by share right: at least 85% is a strong session (the rate that keeps learning
    # efficient, Wilson et al. 2019), 65-85% a good one, 40-65% mixed, below 40% a hard one. Under 5 answers
    # say only what happened: one or two answers tell little.
    VERDICTS = ((0.85, "strong"), (0.65, "good"), (0.40, "mixed"), (0.0, "hard"))
    FEW_ANSWERS = 5

    @property
    def verdict(self) -> str:
        """"none", "few", "strong", "good", "mixed" or "hard" (see VERDICTS)."""
        if self.answers == 0:
            return "none"
        if self.answers < self.FEW_ANSWERS:
            return "few"
        return next(word for floor, word in self.VERDICTS if self.accuracy >= floor)

    @property
    def improved(self) -> int:
        """Items missed earlier in this session and answered right later."""
        return sum(1 for results in self.by_item.values() if 0 in results and results[-1] == 1)


class StudySession:
    def __init__(
        self,
        db: Database,
        profile_id: int,
        deck_id: int,
        mode: str = "review",
        policy: Policy | None = None,
        predictor: Predictor | None = None,
        clock: Callable[[], int] = system_clock,
        settings: StudySettings | None = None,
        budget_minutes: float | None = None,
        language: str | None = None,
    ) -> None:
        """`budget_minutes`: the study time this sitting may take, if it has a limit (the policy then stops
        adding new items that no longer fit, and may review early while time is left). `language`: the language
        the items are shown in where they have a translation (the interface language), else their own text."""
        self.db, self.profile_id, self.deck_id, self.mode = db, profile_id, deck_id, mode
        self.policy = policy or ClassicPolicy()
        self.predictor = predictor
        self.clock = clock
        self.settings = settings or StudySettings.from_dict(queries.profile_settings(db, profile_id))
        self.own_items = queries.items_in_decks(db, queries.deck_and_descendants(db, deck_id))
        self.items: list[ItemRow] = []
        self.items_by_id: dict[int, ItemRow] = {}
        self.current: Presented | None = None
        self.show_in(language)
        # Read as arrays (study/history.py): a long log costs no object per answer until one is looked at.
        log = read_log(db, profile_id)
        self.history: defaultdict[int, MutableSequence[LoggedAnswer]] = defaultdict(
            list, history_of(log, self.items_by_id.keys()))
        self.outcomes: list[Outcome] = []  # this session's answers that undo can take back, oldest first
        self.session_wrong: list[int] = []
        self.new_introduced: set[int] = set()
        self._new_count: tuple[int, int] | None = None  # (study day start, items first answered since)
        # Time never runs backwards in the log: a clock moved back (or a time-zone change on a badly set
        # machine) cannot put a new answer before an old one. A stamp more than a day past the clock (logged
        # by an older version after a far-future --now) is not a moment to wait for: it must not pin every
        # later answer. The real clocks themselves never read past that day (study/clock.py).
        latest, now = queries.latest_answer_ms(db, profile_id), clock()
        self.latest_ms = latest if latest <= latest_allowed_ms(now) else now
        self.times = answer_times_of(db, log)
        del log
        self.budget_ms = None if budget_minutes is None else int(budget_minutes * 60_000)
        self.spent_ms = 0  # study time in this sitting (an undo gives its answer's share back)
        self.session_id = queries.start_session(db, profile_id, deck_id, mode)
        self.summary = Summary(started_ms=clock())

    def show_in(self, language: str | None) -> None:
        """Show the items in `language` where they have it, else in their own text (None: their own), from the
        item on screen on. The one place where a session's items take the student's language: what is shown,
        graded, logged as given and reported all comes from these."""
        self.items = [in_language(item, language) for item in self.own_items] if language else self.own_items
        self.items_by_id = {i.id: i for i in self.items}
        if self.current is not None:
            self.current = replace(self.current, item=self.items_by_id[self.current.item.id])

    # ------------------------------------------------------------ choosing

    @property
    def last_outcome(self) -> Outcome | None:
        return self.outcomes[-1] if self.outcomes else None

    @property
    def can_undo(self) -> bool:
        return bool(self.outcomes)

    def _now(self) -> int:
        return max(self.clock(), self.latest_ms)

    def _new_today(self, now_ms: int) -> int:
        """Items first answered since the study day began. Counted over the history once per day (and
        after an undo); each answer to a new item then adds one, so a large deck costs nothing per choice."""
        day_start = study_day_start(now_ms, self.settings.rollover_hour)
        if self._new_count is None or self._new_count[0] != day_start:
            count = sum(1 for answers in self.history.values() if answers and answers[0].answered_ms >= day_start)
            self._new_count = (day_start, count)
        return self._new_count[1]

    def context(self, now_ms: int) -> StudyContext:
        return StudyContext(
            items=self.items,
            history=self.history,
            now_ms=now_ms,
            settings=self.settings,
            new_today=self._new_today(now_ms),
            last_item_id=self.last_outcome.item.id if self.last_outcome else None,
            session_wrong=list(self.session_wrong),
            session_answers=self.summary.answers,
            day_start_ms=study_day_start(now_ms, self.settings.rollover_hour),
            budget_left_ms=None if self.budget_ms is None else self.budget_ms - self.spent_ms,
            times=self.times,
        )

    def next_item(self) -> Presented | None:
        """The item to show now, or None when nothing is due and today's new items are done."""
        if self.current is not None:
            return self.current
        now = self._now()
        choice: Choice | None = self.policy.choose(self.context(now))
        if choice is None:
            return None
        predicted = choice.predicted
        if predicted is None and self.predictor is not None:
            predicted = float(self.predictor.predict([choice.item], now)[0])
        self.current = Presented(choice.item, predicted, choice.reason, now, self.summary.answers + 1, choice.counts)
        return self.current

    def intervals(self, shown: Presented) -> dict[int, int]:
        """For a flashcard, the wait after each grade 1-4 as the policy will schedule it (ms); {} for a
        policy that does not schedule by grade."""
        intervals = getattr(self.policy, "intervals", None)
        if intervals is None:
            return {}
        waits: dict[int, int] = intervals(self.context(shown.shown_ms), shown.item, shown.shown_ms)
        return waits

    # ------------------------------------------------------------ answering

    def submit(self, response: str) -> Outcome:
        """Grade `response` to the current item and commit it to the log. Raises GradingError for a
        response that cannot be read (nothing is logged then)."""
        shown = self.current
        if shown is None:
            raise SessionError("there is no item to answer")
        grade = grade_response(shown.item, response)
        now = max(self._now(), shown.shown_ms)
        self.latest_ms = now
        self.spent_ms += now - shown.shown_ms
        answer_id = queries.log_answer(self.db, {
            "profile_id": self.profile_id, "item_id": shown.item.id, "session_id": self.session_id,
            "shown_ms": shown.shown_ms, "answered_ms": now, "response_ms": now - shown.shown_ms,
            "grade": grade.grade, "correct": grade.correct, "given": grade.given,
            "predicted": shown.predicted, "reason": shown.reason.text, "source": "study",
        })
        logged = LoggedAnswer(answer_id, shown.item.id, now, grade.correct, grade.grade)
        if not self.history[shown.item.id]:
            self.new_introduced.add(shown.item.id)
            if self._new_count is not None and now >= self._new_count[0]:
                self._new_count = (self._new_count[0], self._new_count[1] + 1)
        self.history[shown.item.id].append(logged)
        self._track_wrong(shown.item.id, grade.correct)
        if self.predictor is not None:
            self.predictor.observe(shown.item, logged)
        self.summary.answers += 1
        self.summary.correct += grade.correct
        self.summary.by_item.setdefault(shown.item.id, []).append(grade.correct)
        self.summary.ended_ms = now
        expected = shown.item.answer if shown.item.kind in SELF_GRADED else " or ".join(accepted_answers(shown.item))
        self.outcomes.append(Outcome(answer_id, shown.item, grade, expected, shown.predicted, now - shown.shown_ms))
        self.current = None
        return self.outcomes[-1]

    def _track_wrong(self, item_id: int, correct: int) -> None:
        """Items missed in this session and not answered right since."""
        if not correct:
            self.session_wrong.append(item_id)
        elif item_id in self.session_wrong:
            self.session_wrong.remove(item_id)

    def undo(self) -> Presented | None:
        """Take back the last answer of this session still standing: it is voided in the log (the log only
        grows) and its item is shown again. Called again, it takes back the answer before, back to the first;
        it also works after `finish`, and the session then goes on until it is finished again."""
        if not self.outcomes:
            return None
        outcome = self.outcomes.pop()
        queries.void_answer(self.db, outcome.answer_id)
        answers = self.history[outcome.item.id]
        answers.pop()
        self._new_count = None
        if not answers:
            self.new_introduced.discard(outcome.item.id)
        results = self.summary.by_item[outcome.item.id]
        results.pop()
        if not results:
            del self.summary.by_item[outcome.item.id]
        self.summary.answers -= 1
        self.summary.correct -= outcome.grade.correct
        self.spent_ms -= outcome.spent_ms
        # Replayed from the answers still standing: a right answer taken back leaves its item missed again.
        self.session_wrong = []
        for standing in self.outcomes:
            self._track_wrong(standing.item.id, standing.grade.correct)
        if self.predictor is not None:
            self.predictor.forget_last()
        # In the language shown now, which may have changed since the answer.
        self.current = Presented(self.items_by_id[outcome.item.id], outcome.predicted, Reason(Code.TAKEN_BACK),
                                 self.clock(), self.summary.answers + 1)
        return self.current

    def test_report(self) -> TestReport | None:
        """The adaptive test's mastery report (per deck and skill, with what to study next), for a test
        session whose policy makes one; else None."""
        report = getattr(self.policy, "report", None)
        if self.mode != "test" or report is None:
            return None
        names = {d["id"]: d["name"] for d in queries.list_decks(self.db)}
        made: TestReport = report(deck_names=names)
        return made

    def finish(self) -> Summary:
        queries.end_session(self.db, self.session_id)
        if self.predictor is not None:
            self.predictor.save()
        self.summary.new_items = len(self.new_introduced)
        self.summary.ended_ms = max(self.summary.ended_ms, self.summary.started_ms)
        return self.summary
