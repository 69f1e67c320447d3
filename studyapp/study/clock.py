"""Time for the study session: a real clock, or one started at a given moment (`--now`) for simulators."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from studyapp.content.answer_times import latest_allowed_ms

DAY_MS = 86_400_000


def system_clock() -> int:
    return int(time.time() * 1000)


def parse_timestamp(text: str) -> int:
    """Unix milliseconds from an ISO-8601 string (with offset; naive means UTC) or an integer of milliseconds."""
    text = text.strip()
    if text.lstrip("-").isdigit():
        return int(text)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{text!r} is neither ISO-8601 nor Unix milliseconds") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp() * 1000)


def offset_clock(start_ms: int) -> Callable[[], int]:
    """A clock that reads `start_ms` now and advances with real time from there, but never past a day
    beyond this computer's clock (the CLI refuses such a start; a long session must not drift there)."""
    origin = time.monotonic()
    return lambda: min(start_ms + int((time.monotonic() - origin) * 1000), latest_allowed_ms())


def study_day_start(now_ms: int, rollover_hour: int = 4, tz: timezone | None = None) -> int:
    """The start of the study day containing `now_ms`: days roll over at `rollover_hour` local time."""
    local = datetime.fromtimestamp(now_ms / 1000, tz=tz or datetime.now().astimezone().tzinfo)
    start = local.replace(hour=rollover_hour, minute=0, second=0, microsecond=0)
    if local < start:
        start -= timedelta(days=1)
    return int(start.timestamp() * 1000)
