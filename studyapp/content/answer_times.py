"""The one rule for when an answer can have happened: from 2000-01-01 to a day past this computer's clock.

Imports (Anki review logs, class bundles, the store's importer) refuse rows outside it, and a study
session never stamps an answer outside it, so one far-future reading (a mistyped --now, a clock set
years ahead for a moment) cannot enter the log and pin every later answer to that moment.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone

from studyapp.content.problems import Code, Problem

EARLIEST_MS = 946_684_800_000   # 2000-01-01T00:00:00Z: before any answer StudyApp or Anki 2 logged
FUTURE_SLACK_MS = 86_400_000    # a day: time zones and slightly fast clocks, never a real future


def wall_clock_ms() -> int:
    return int(time.time() * 1000)


def latest_allowed_ms(now_ms: int | None = None) -> int:
    return (wall_clock_ms() if now_ms is None else now_ms) + FUTURE_SLACK_MS


def describe_ms(ms: int) -> str:
    """A moment for a message: its UTC date and time, or the raw number when no calendar holds it."""
    try:
        return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, OSError, ValueError):
        return f"{ms} ms since 1970"


def answer_time_problem(ms: int, now_ms: int | None = None) -> Problem | None:
    """Why `ms` cannot be the moment of an answer (one phrase), or None."""
    latest = latest_allowed_ms(now_ms)
    if ms < EARLIEST_MS or ms > latest:
        return Problem(Code.DATED_OUTSIDE, (describe_ms(ms), describe_ms(latest)))
    return None
