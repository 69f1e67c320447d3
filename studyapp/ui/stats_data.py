"""The figures behind the statistics screen, computed in the store thread (no Qt)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from studyapp.study.classic import replay
from studyapp.study.clock import system_clock

HEATMAP_WEEKS = 26
PERIODS = (30, 91, 365, None)   # the periods to choose from, in days: a month, three months, a year, all
HISTORY_DAYS = PERIODS[0]       # the period shown first
WEEKLY_AFTER = 92               # a longer period charts one bar (and one accuracy point) per week
FORECAST_DAYS = 14
CALIBRATION_BINS = 10


@dataclass
class Statistics:
    """The totals and calibration cover the period from `start` to `today`; `per_day` and the forecast
    cover all answers (the heatmap shows half a year, the forecast needs every answer)."""

    today: date
    start: date | None = None          # the period's first day
    answers: int = 0
    correct: int = 0
    study_days: int = 0
    items_seen: int = 0
    per_day: dict[date, tuple[int, int]] = field(default_factory=dict)   # day -> (answers, correct)
    forecast: list[int] = field(default_factory=list)                    # due per day, today first
    calibration: list[tuple[float, float, int]] = field(default_factory=list)  # (predicted, actual, n) per bin

    @property
    def accuracy(self) -> float:
        return self.correct / self.answers if self.answers else 0.0


def local_day(ms: int) -> date:
    return datetime.fromtimestamp(ms / 1000).date()


def _answers(db, profile_id: int, deck_ids: list[int] | None) -> list[dict]:
    sql = ("SELECT a.item_id, a.answered_ms, a.correct, a.grade, a.predicted FROM answers a"
           " JOIN items i ON i.id = a.item_id"
           " WHERE a.profile_id = ? AND i.deleted = 0 AND a.id NOT IN (SELECT answer_id FROM answer_voids)")
    params: list = [profile_id]
    if deck_ids is not None:
        sql += f" AND i.deck_id IN ({','.join('?' * len(deck_ids))})"
        params += deck_ids
    return list(db.query(sql + " ORDER BY a.answered_ms, a.id", params))


def forecast(rows: list[dict], now_ms: int, days: int = FORECAST_DAYS) -> list[int]:
    """Items falling due on each of the next `days` days by the classical schedule (overdue ones count today)."""
    by_item = defaultdict(list)
    for r in rows:
        by_item[r["item_id"]].append((r["answered_ms"], r["correct"], r["grade"]))
    today = local_day(now_ms)
    counts = [0] * days
    for answers in by_item.values():
        offset = max(0, (local_day(replay(answers).due_ms) - today).days)
        if offset < days:
            counts[offset] += 1
    return counts


def calibration(rows: list[dict], bins: int = CALIBRATION_BINS) -> list[tuple[float, float, int]]:
    """Mean predicted p(correct) against the share actually correct, for answers the model predicted."""
    groups = defaultdict(list)
    for r in rows:
        if r["predicted"] is not None:
            groups[min(bins - 1, int(r["predicted"] * bins))].append((r["predicted"], r["correct"]))
    return [(sum(p for p, _ in g) / len(g), sum(c for _, c in g) / len(g), len(g))
            for _, g in sorted(groups.items())]


def statistics(ws, profile_id: int, deck_id: int | None = None, period_days: int | None = HISTORY_DAYS) -> Statistics:
    """The figures of the deck (with its sub-decks; None: every deck) over the last `period_days` days
    (None: since the first answer)."""
    from studyapp.store import queries  # in the store thread, see studyapp.ui.ops

    deck_ids = queries.deck_and_descendants(ws.db, deck_id) if deck_id else None
    rows = _answers(ws.db, profile_id, deck_ids)
    now = system_clock()
    today = local_day(now)
    per_day: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        day = per_day[local_day(r["answered_ms"])]
        day[0] += 1
        day[1] += r["correct"]
    if period_days is None:
        start = min(per_day, default=today)
    else:
        start = today - timedelta(days=period_days - 1)
    in_period = [r for r in rows if local_day(r["answered_ms"]) >= start]
    stats = Statistics(today=today, start=start)
    stats.per_day = {d: (n, c) for d, (n, c) in per_day.items()}
    stats.answers = len(in_period)
    stats.correct = sum(r["correct"] for r in in_period)
    stats.study_days = sum(1 for d in per_day if d >= start)
    stats.items_seen = len(Counter(r["item_id"] for r in in_period))
    stats.forecast = forecast(rows, now)
    stats.calibration = calibration(in_period)
    return stats


def chart_periods(stats: Statistics) -> list[tuple[date, int, int]]:
    """(first day, answers, correct) per bar of the period's charts: one per day, or one per week (from the
    period's first day) when the period is longer than WEEKLY_AFTER days."""
    days = (stats.today - stats.start).days + 1
    step = 7 if days > WEEKLY_AFTER else 1
    out = []
    for offset in range(0, days, step):
        first = stats.start + timedelta(days=offset)
        span = [stats.per_day.get(first + timedelta(days=n), (0, 0)) for n in range(min(step, days - offset))]
        out.append((first, sum(n for n, _ in span), sum(c for _, c in span)))
    return out


def mastery(ws, profile_id: int, deck_id: int | None, learner):
    """The learner's mastery per deck and skill (a TestReport) over the answered items of the deck, or of all
    decks; the adapted state is kept, so the next session starts from it instead of adapting again."""
    from studyapp.study.overview import mastery_report
    from studyapp.study.predictor import LearnerPredictor

    predictor = LearnerPredictor(ws.db, profile_id, learner)
    report = mastery_report(ws.db, profile_id, predictor, system_clock(), deck_id)
    predictor.save()
    return report
