"""The classical schedule (Anki's SM-2 rules), used when no learner model can be loaded.

Each item's interval is replayed from its answers, so the schedule needs no stored state.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyapp.content.model import grade_of
from studyapp.study.clock import DAY_MS

LAPSE_MS = 10 * 60 * 1000       # a forgotten item comes back after ten minutes
MIN_EASE, START_EASE = 1.3, 2.5
EASE_CHANGE = {1: -0.20, 2: -0.15, 3: 0.0, 4: 0.15}


@dataclass
class Sm2State:
    interval_ms: int = 0
    ease: float = START_EASE
    reps: int = 0
    last_ms: int = 0
    due_ms: int = 0
    lapses: int = 0


def sm2_step(state: Sm2State, grade: int, at_ms: int) -> Sm2State:
    ease = max(MIN_EASE, state.ease + EASE_CHANGE[grade])
    if grade == 1:
        return Sm2State(LAPSE_MS, ease, 0, at_ms, at_ms + LAPSE_MS, state.lapses + 1)
    if state.reps == 0:
        days = 4.0 if grade == 4 else 1.0
    elif state.reps == 1:
        days = {2: 3.0, 3: 6.0, 4: 8.0}[grade]
    else:
        previous = max(state.interval_ms / DAY_MS, 1.0)
        days = previous * {2: 1.2, 3: ease, 4: ease * 1.3}[grade]
    interval = int(days * DAY_MS)
    return Sm2State(interval, ease, state.reps + 1, at_ms, at_ms + interval, state.lapses)


def replay(answers: list[tuple[int, int, int | None]]) -> Sm2State:
    """The state after answers given as (answered_ms, correct, grade), oldest first."""
    state = Sm2State()
    for at_ms, correct, grade in answers:
        state = sm2_step(state, grade_of(correct, grade), at_ms)
    return state
