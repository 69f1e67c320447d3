"""Why a policy chose an item: a code per kind of reason with its numbers, and the English text.

The English text is what the terminal shows and what is logged with each answer; the GUI translates
the code and fills in the numbers itself, so a change of wording cannot silently break a translation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from studyapp.placeholders import fill
from studyapp.study.clock import DAY_MS


class Code(StrEnum):
    NEW_ITEM = "new_item"
    DUE_SCHEDULED_NOW = "due_scheduled_now"
    DUE_SCHEDULED = "due_scheduled"
    FSRS_DUE = "fsrs_due"
    RANDOM = "random"
    TAKEN_BACK = "taken_back"
    RECALL_BELOW_TARGET = "recall_below_target"
    DUE_REVIEW_IN_PRACTICE = "due_review_in_practice"
    MISSED_COMEBACK = "missed_comeback"
    PRACTICE_BAND = "practice_band"
    PRACTICE_BAND_NEW = "practice_band_new"
    PRACTICE_CLOSEST = "practice_closest"
    PRACTICE_CLOSEST_NEW = "practice_closest_new"
    MOST_INFORMATIVE_HALF = "most_informative_half"
    MOST_INFORMATIVE = "most_informative"
    LEARNING_STEP = "learning_step"
    LEARN_AHEAD = "learn_ahead"
    REVIEW_EARLY = "review_early"
    NEW_OVER_REVIEW = "new_over_review"


# Kinds of argument: a chance 0..1 shown as "71%", a count, a duration in ms.
PERCENT, COUNT, DURATION = "percent", "count", "duration"

# Per code: the English text, with %1, %2, ... for the arguments, and the kind of each argument.
FORMS: dict[Code, tuple[str, tuple[str, ...]]] = {
    Code.NEW_ITEM: ("New item, %1 of %2 today", (COUNT, COUNT)),
    Code.DUE_SCHEDULED_NOW: ("Due for review (scheduled now)", ()),
    Code.DUE_SCHEDULED: ("Due for review (scheduled %1 ago)", (DURATION,)),
    Code.FSRS_DUE: ("Due for review (FSRS-6)", ()),
    Code.RANDOM: ("Random item", ()),
    Code.TAKEN_BACK: ("Answer taken back: try it again", ()),
    Code.RECALL_BELOW_TARGET: ("Recall fell to %1, your target is %2", (PERCENT, PERCENT)),
    Code.DUE_REVIEW_IN_PRACTICE: ("Due review: recall fell to %1, your target is %2", (PERCENT, PERCENT)),
    Code.MISSED_COMEBACK: ("You missed this a few items ago: try it again", ()),
    Code.PRACTICE_BAND: ("Practice at the right level: you get this right about %1 of the time", (PERCENT,)),
    Code.PRACTICE_BAND_NEW: ("Practice at the right level: you get this right about %1 of the time "
                             "(new item, %2 of %3 today)", (PERCENT, COUNT, COUNT)),
    Code.PRACTICE_CLOSEST: ("Closest to the right level: you get this right about %1 of the time", (PERCENT,)),
    Code.PRACTICE_CLOSEST_NEW: ("Closest to the right level: you get this right about %1 of the time "
                                "(new item, %2 of %3 today)", (PERCENT, COUNT, COUNT)),
    Code.MOST_INFORMATIVE_HALF: ("Most informative question: students like you get this right about half the time",
                                 ()),
    Code.MOST_INFORMATIVE: ("Most informative question: students like you get this right about %1 of the time",
                            (PERCENT,)),
    Code.LEARNING_STEP: ("Learning step: you had trouble with this %1 ago", (DURATION,)),
    Code.LEARN_AHEAD: ("Learning step, shown early so your session can end: you had trouble with this %1 ago",
                       (DURATION,)),
    Code.REVIEW_EARLY: ("Reviewed early while time is left: recall is %1, your target is %2", (PERCENT, PERCENT)),
    Code.NEW_OVER_REVIEW: ("New item, %1 of %2 today: it adds more per minute than the reviews left",
                           (COUNT, COUNT)),
}


def percent(p: float) -> str:
    return f"{round(100 * p)}%"


def describe_days(ms: int) -> str:
    days = ms / DAY_MS
    if days < 1 / 24:
        return f"{max(1, round(ms / 60000))} min"
    if days < 1:
        return f"{round(days * 24)} h"
    return f"{round(days)} day" + ("" if round(days) == 1 else "s")


@dataclass(frozen=True)
class Reason:
    code: Code
    args: tuple[float, ...] = ()  # in the order of the text's %1, %2, ...; of the kinds FORMS gives

    def __post_init__(self) -> None:
        if len(self.args) != len(FORMS[self.code][1]):
            raise ValueError(f"{self.code} takes {len(FORMS[self.code][1])} argument(s), not {len(self.args)}")

    def arguments(self, duration: Callable[[int], str] = describe_days) -> list[str]:
        """The arguments as text for %1, %2, ...; durations through `duration` (ms -> text)."""
        formats: dict[str, Callable[[float], str]] = {
            PERCENT: percent, COUNT: lambda n: str(int(n)), DURATION: lambda ms: duration(int(ms))}
        return [formats[kind](value) for kind, value in zip(FORMS[self.code][1], self.args)]

    @property
    def text(self) -> str:
        """The English text, as shown in the terminal and logged with the answer."""
        return fill(FORMS[self.code][0], self.arguments())


# ---------------------------------------------------------------- one constructor per kind of choice

def new_item(position: int, per_day: int) -> Reason:
    return Reason(Code.NEW_ITEM, (position, per_day))


def due_scheduled(overdue_ms: int) -> Reason:
    """A classical review, due `overdue_ms` ago (under a minute reads "now")."""
    return Reason(Code.DUE_SCHEDULED_NOW) if overdue_ms < 60000 else Reason(Code.DUE_SCHEDULED, (overdue_ms,))


def recall_below_target(p: float, target: float) -> Reason:
    return Reason(Code.RECALL_BELOW_TARGET, (p, target))


def due_review_in_practice(p: float, target: float) -> Reason:
    return Reason(Code.DUE_REVIEW_IN_PRACTICE, (p, target))


def practice(p: float, in_band: bool, new: tuple[int, int] | None = None) -> Reason:
    """Practice in the target band (else the closest to it); `new` is (position, per day) for a new item."""
    if new is None:
        return Reason(Code.PRACTICE_BAND if in_band else Code.PRACTICE_CLOSEST, (p,))
    return Reason(Code.PRACTICE_BAND_NEW if in_band else Code.PRACTICE_CLOSEST_NEW, (p, *new))


def most_informative(p: float) -> Reason:
    return Reason(Code.MOST_INFORMATIVE_HALF) if 0.4 <= p <= 0.6 else Reason(Code.MOST_INFORMATIVE, (p,))


def learning_step(waited_ms: int) -> Reason:
    return Reason(Code.LEARNING_STEP, (waited_ms,))


def learn_ahead(waited_ms: int) -> Reason:
    return Reason(Code.LEARN_AHEAD, (waited_ms,))


def review_early(p: float, target: float) -> Reason:
    return Reason(Code.REVIEW_EARLY, (p, target))


def new_over_review(position: int, per_day: int) -> Reason:
    return Reason(Code.NEW_OVER_REVIEW, (position, per_day))
