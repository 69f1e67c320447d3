"""Per (student, item) memory state from that item's past answers, and the feature vector the model reads.

The state follows FSRS-6 with its published default parameters (stability, difficulty, retrievability);
the model learns on top of it, so these defaults only shape the inputs, they are not fitted here.
Like FSRS and Anki, it counts elapsed time in whole days that start at a rollover hour (a review the next
morning is one day later, however few hours have passed; a second review the same day is a short-term one).
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import overload

import numpy as np
import numpy.typing as npt

from studyapp.content.model import grade_of

# FSRS-6 default parameters (w0..w20), as published by the FSRS project.
FSRS6_DEFAULT = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)
DAY_S = 86400.0
# Where days start, in seconds after midnight UTC: the srs-benchmark's 4 a.m. UTC (training, evaluation).
BENCHMARK_DAY_START_S = 4 * 3600.0


def local_day_start_s() -> float:
    """4 a.m. local time (Anki's default rollover) in seconds after midnight UTC: the laptop's days."""
    return 4 * 3600.0 - time.localtime().tm_gmtoff


@overload
def day_number(t: float, day_start_s: float) -> np.float64: ...
@overload
def day_number(t: npt.NDArray[np.float64] | Sequence[float], day_start_s: float) -> npt.NDArray[np.float64]: ...


def day_number(t: float | npt.NDArray[np.float64] | Sequence[float],
               day_start_s: float) -> np.float64 | npt.NDArray[np.float64]:
    """The day (an integer-valued float) that moment(s) t, in Unix seconds, fall in."""
    days: np.float64 | npt.NDArray[np.float64] = np.floor((np.asarray(t, dtype=np.float64) - day_start_s) / DAY_S)
    return days
N_FEATURES = 13
FEATURE_NAMES = (
    "new", "log_n", "log_lapses", "last_correct", "frac_correct", "log_stability", "difficulty",
    "log_elapsed_days", "logit_retrievability", "same_day", "last_hard", "last_easy", "logit_retrievability_same_day",
)
# Columns of the per-row state table: n, n_correct, lapses, last_t, last_correct, last_grade, stability, difficulty.
STATE_WIDTH = 8


class FsrsState:
    """FSRS-6 stability/difficulty update with fixed parameters (scalar math: one call per answer)."""

    def __init__(self, w: tuple[float, ...] = FSRS6_DEFAULT):
        self.w = w
        self.decay = -w[20]
        self.factor = 0.9 ** (1.0 / self.decay) - 1.0

    def retrievability(self, elapsed_days: float, stability: float) -> float:
        return float((1.0 + self.factor * max(elapsed_days, 0.0) / stability) ** self.decay)

    def initial(self, g: int) -> tuple[float, float]:
        w = self.w
        d = min(max(w[4] - math.exp(w[5] * (g - 1)) + 1.0, 1.0), 10.0)
        return max(w[g - 1], 0.001), d

    def update(self, s: float, d: float, elapsed_days: float, g: int) -> tuple[float, float]:
        w = self.w
        if elapsed_days < 1.0:
            inc = math.exp(w[17] * (g - 3 + w[18])) * s ** (-w[19])
            s_new = s * (max(inc, 1.0) if g >= 2 else inc)
        else:
            r = self.retrievability(elapsed_days, s)
            if g == 1:
                s_new = min(
                    w[11] * d ** (-w[12]) * ((s + 1.0) ** w[13] - 1.0) * math.exp((1.0 - r) * w[14]),
                    s / math.exp(w[17] * w[18]),
                )
            else:
                bonus = (w[15] if g == 2 else 1.0) * (w[16] if g == 4 else 1.0)
                s_new = s * (1.0 + math.exp(w[8]) * (11.0 - d) * s ** (-w[9])
                             * (math.exp((1.0 - r) * w[10]) - 1.0) * bonus)
        d_easy = w[4] - math.exp(w[5] * 3) + 1.0
        d_mid = d + (10.0 - d) * (-w[6] * (g - 3)) / 9.0
        d_new = min(max(w[7] * d_easy + (1.0 - w[7]) * d_mid, 1.0), 10.0)
        return min(max(s_new, 0.001), 36500.0), d_new


FSRS = FsrsState()


def empty_state() -> np.ndarray:
    return np.zeros(STATE_WIDTH, dtype=np.float64)


def grades_of(correct: np.ndarray, grade: np.ndarray) -> np.ndarray:
    """grade_of per answer; `grade` holds 0 where an answer has none."""
    return np.where((grade >= 1) & (grade <= 4), grade, np.where(correct > 0, 3, 1)).astype(np.int8)


def _step(states: np.ndarray, t: np.ndarray, correct: np.ndarray, g: np.ndarray, day_start_s: float,
          fsrs: FsrsState) -> np.ndarray:
    """The state rows after one more answer each (rows of distinct items): FSRS-6's update, vectorised."""
    w = fsrs.w
    n, s, d = states[:, 0], states[:, 6], states[:, 7]
    first = n == 0
    # A first answer has no stability or difficulty yet: its lanes compute on 1s and are replaced below.
    s, d = np.where(first, 1.0, s), np.where(first, 1.0, d)
    days = day_number(t, day_start_s) - day_number(states[:, 3], day_start_s)
    inc = np.exp(w[17] * (g - 3 + w[18])) * s ** (-w[19])
    short = s * np.where(g >= 2, np.maximum(inc, 1.0), inc)
    r = (1.0 + fsrs.factor * np.maximum(days, 0.0) / s) ** fsrs.decay
    forget = np.minimum(w[11] * d ** (-w[12]) * ((s + 1.0) ** w[13] - 1.0) * np.exp((1.0 - r) * w[14]),
                        s / math.exp(w[17] * w[18]))
    bonus = np.where(g == 2, w[15], 1.0) * np.where(g == 4, w[16], 1.0)
    recall = s * (1.0 + math.exp(w[8]) * (11.0 - d) * s ** (-w[9]) * (np.exp((1.0 - r) * w[10]) - 1.0) * bonus)
    s_new = np.where(days < 1.0, short, np.where(g == 1, forget, recall))
    d_easy = w[4] - math.exp(w[5] * 3) + 1.0
    d_mid = d + (10.0 - d) * (-w[6] * (g - 3)) / 9.0
    d_new = np.minimum(np.maximum(w[7] * d_easy + (1.0 - w[7]) * d_mid, 1.0), 10.0)
    s_first = np.maximum(np.asarray(w)[g - 1], 0.001)
    d_first = np.minimum(np.maximum(w[4] - np.exp(w[5] * (g - 1)) + 1.0, 1.0), 10.0)
    out = np.empty_like(states)
    out[:, 0] = n + 1
    out[:, 1] = states[:, 1] + correct
    out[:, 2] = states[:, 2] + (~first & (correct == 0))
    out[:, 3] = t
    out[:, 4] = correct
    out[:, 5] = g
    out[:, 6] = np.where(first, s_first, np.minimum(np.maximum(s_new, 0.001), 36500.0))
    out[:, 7] = np.where(first, d_first, d_new)
    return out


def advance(state: np.ndarray, t: float, correct: int, grade: int | None,
            day_start_s: float = BENCHMARK_DAY_START_S, fsrs: FsrsState = FSRS) -> None:
    """Fold one answer at time t (seconds) into an item's state row, in place, with the student's own
    memory parameters `fsrs` (FSRS-6's defaults until they are fitted): `replay`'s step, one answer at a time."""
    g = grade_of(correct, grade)
    n = state[0]
    if n == 0:
        s, d = fsrs.initial(g)
    else:
        days = float(day_number(t, day_start_s) - day_number(state[3], day_start_s))
        s, d = fsrs.update(state[6], state[7], days, g)
    state[0] = n + 1
    state[1] += correct
    state[2] += 1 if (n > 0 and not correct) else 0
    state[3] = t
    state[4] = correct
    state[5] = g
    state[6] = s
    state[7] = d


# Below this many items with a j-th answer, replay folds the remaining answers in one at a time: an array step
# costs about as much as a dozen scalar ones, and a few items answered hundreds of times (a quiz practised
# again and again) would otherwise cost an array step per answer.
SCALAR_BELOW = 8


def replay(table: np.ndarray, rows: np.ndarray, times: np.ndarray, correct: np.ndarray, grades: np.ndarray,
           day_start_s: float = BENCHMARK_DAY_START_S, fsrs: FsrsState = FSRS, keep_from: int = 0) -> np.ndarray:
    """Fold answers (in time order; `rows`: each one's row of `table`) into the state table, in place, and
    return the state of each answer's item just before answers keep_from.. (what their features are made of).

    Vectorised across items: step j folds in every item's j-th answer of this batch at once, so the cost is
    about as many array steps as most items have answers, rather than one Python step per answer; the
    answers of the last few items still going (fewer than SCALAR_BELOW) are then folded in one by one."""
    correct, grades, times = np.asarray(correct), np.asarray(grades), np.asarray(times, dtype=np.float64)
    before = np.empty((max(len(rows) - keep_from, 0), STATE_WIDTH))
    if not len(rows):
        return before
    by_item = np.argsort(rows, kind="stable")  # each item's answers together, still in time order
    sorted_rows = rows[by_item]
    starts = np.flatnonzero(np.r_[True, sorted_rows[1:] != sorted_rows[:-1]])
    del sorted_rows  # a long log's temporaries are large: each goes as soon as it has served
    rank = np.arange(len(rows), dtype=np.int32)
    rank -= np.repeat(starts, np.diff(np.r_[starts, len(rows)])).astype(np.int32)  # which of its item's answers
    by_rank = by_item[np.argsort(rank, kind="stable")]
    del by_item
    bounds = np.r_[0, np.cumsum(np.bincount(rank))]
    del rank
    for j in range(len(bounds) - 1):
        k = by_rank[bounds[j]: bounds[j + 1]]
        if len(k) < SCALAR_BELOW:
            for i in np.sort(by_rank[bounds[j]:]).tolist():  # the few items' remaining answers, in time order
                if i >= keep_from:
                    before[i - keep_from] = table[rows[i]]
                advance(table[rows[i]], float(times[i]), int(correct[i]), int(grades[i]), day_start_s, fsrs)
            break
        states = table[rows[k]]
        kept = k >= keep_from
        before[k[kept] - keep_from] = states[kept]
        table[rows[k]] = _step(states, times[k], correct[k], grades[k], day_start_s, fsrs)
    return before


RECALL_CLIP = 1e-3  # recall is read within [RECALL_CLIP, 1 - RECALL_CLIP]: logits stay finite
# The columns that change with the time since an item's last answer (the rest describe its memory state),
# and their values at the moment of the answer (no time elapsed, the same day, recall at its clip), as
# `features` gives them for an item answered at least once (for one never answered they are all 0).
AT_LAST_ANSWER = {7: 0.0, 8: 0.0, 9: 1.0, 12: math.log((1.0 - RECALL_CLIP) / RECALL_CLIP)}


def _logit_recall(elapsed_days: np.ndarray, stability: np.ndarray, fsrs: FsrsState) -> np.ndarray:
    r = np.clip((1.0 + fsrs.factor * elapsed_days / stability) ** fsrs.decay, RECALL_CLIP, 1 - RECALL_CLIP)
    logit: np.ndarray = np.log(r / (1.0 - r))
    return logit


def features(states: np.ndarray, now: np.ndarray | float, day_start_s: float = BENCHMARK_DAY_START_S,
             fsrs: FsrsState = FSRS) -> np.ndarray:
    """Feature rows (float32, N x N_FEATURES) for state rows (N x STATE_WIDTH) at times `now` (seconds), the
    states built with the same memory parameters `fsrs`."""
    states = np.atleast_2d(states)
    n = states[:, 0]
    seen = n > 0
    now = np.asarray(now, dtype=np.float64)
    elapsed = np.where(seen, np.maximum(now - states[:, 3], 0.0) / DAY_S, 0.0)
    days = np.where(seen, np.maximum(day_number(now, day_start_s) - day_number(states[:, 3], day_start_s), 0.0), 0.0)
    stability = np.where(seen, states[:, 6], 1.0)
    out = np.zeros((len(states), N_FEATURES), dtype=np.float32)
    out[:, 0] = ~seen
    out[:, 1] = np.log1p(n)
    out[:, 2] = np.log1p(states[:, 2])
    out[:, 3] = states[:, 4]
    out[:, 4] = np.where(seen, (states[:, 1] + 1.0) / (n + 2.0), 0.0)
    out[:, 5] = np.where(seen, np.log(stability), 0.0)
    out[:, 6] = np.where(seen, (states[:, 7] - 5.5) / 4.5, 0.0)
    out[:, 7] = np.log1p(elapsed)
    # Retrievability within the day (learning steps) behaves unlike across days: separate columns; within
    # the day it decays with the hours since the last answer, across days with whole days (as FSRS counts).
    same_day = seen & (days == 0)
    out[:, 8] = np.where(seen & ~same_day, _logit_recall(days, stability, fsrs), 0.0)
    out[:, 9] = same_day
    out[:, 12] = np.where(same_day, _logit_recall(elapsed, stability, fsrs), 0.0)
    out[:, 10] = states[:, 5] == 2
    out[:, 11] = states[:, 5] == 4
    return out


def history_features(item_rows: np.ndarray, times: np.ndarray, correct: np.ndarray,
                     grades: Sequence[int | None], day_start_s: float = BENCHMARK_DAY_START_S,
                     fsrs: FsrsState = FSRS) -> np.ndarray:
    """Features of each answer of one student as seen just before it (causal), in the given order.

    item_rows: per answer, a small integer id of the item within this student's history.
    """
    n_items = int(item_rows.max()) + 1 if len(item_rows) else 0
    table = np.zeros((n_items, STATE_WIDTH), dtype=np.float64)
    correct = np.asarray(correct, dtype=np.int64)
    given = np.fromiter((0 if g is None else g for g in grades), dtype=np.int64, count=len(correct))
    before = replay(table, np.asarray(item_rows, dtype=np.int64), times, correct, grades_of(correct, given),
                    day_start_s, fsrs)
    return features(before, times, day_start_s, fsrs)
