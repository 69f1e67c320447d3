"""Synthetic learners: FSRS-5 memories drawn from the real per-user parameter population, IRT quiz answers.

The population file (../shared/data/fsrs-population) gives quantiles and a correlation matrix of the 19
FSRS-5 parameters over 9,999 real Anki users; a learner is drawn through a Gaussian copula on them.
"""

from __future__ import annotations

import heapq
import json
import math
from pathlib import Path

import numpy as np

from studyapp.learner.lab.data import DataError, StudentLog

DAY_S = 86400.0
FSRS5_DECAY = -0.5
FSRS5_FACTOR = 19.0 / 81.0
# Medians of the population file: used when no population file is given (tests, first runs).
FSRS5_MEDIAN = (0.4269, 1.1547, 3.1718, 15.8019, 7.1763, 0.5479, 1.7058, 0.0064, 1.5238, 0.1242, 1.0076,
                1.9346, 0.1067, 0.2956, 2.2775, 0.2309, 2.9898, 0.4626, 0.6474)


class Population:
    """Draws FSRS-5 parameter vectors: Gaussian copula over the empirical quantiles."""

    def __init__(self, quantiles: dict[str, list[float]] | None = None, correlation: list[list[float]] | None = None):
        if quantiles is None:
            self.levels = np.array([0.5])
            self.values = np.array([FSRS5_MEDIAN])
            self.corr = np.eye(19)
        else:
            self.levels = np.array(sorted(float(q) for q in quantiles))
            self.values = np.array([quantiles[k] for k in sorted(quantiles, key=float)], dtype=np.float64)
            self.corr = np.asarray(correlation, dtype=np.float64)

    @classmethod
    def from_file(cls, path: Path) -> Population:
        try:
            summary = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls(summary["quantiles"], summary["log_param_correlation"])
        except (OSError, ValueError, KeyError) as exc:
            raise DataError(f"{path} is not an FSRS population summary ({exc.__class__.__name__})") from None

    def draw(self, rng: np.random.Generator) -> np.ndarray:
        if len(self.levels) == 1:
            around_median: np.ndarray = self.values[0] * np.exp(rng.normal(0, 0.2, 19))
            return around_median
        chol = np.linalg.cholesky(self.corr + 1e-6 * np.eye(len(self.corr)))
        u = np.array([0.5 * (1 + math.erf(z / math.sqrt(2))) for z in chol @ rng.standard_normal(len(self.corr))])
        # Interpolate each parameter's quantile curve; outside the table the extreme quantile (clipping).
        return np.array([np.interp(u[j], self.levels, self.values[:, j]) for j in range(self.values.shape[1])])


def _r(elapsed_days: float, s: float) -> float:
    return float((1.0 + FSRS5_FACTOR * max(elapsed_days, 0.0) / s) ** FSRS5_DECAY)


def _next(w: np.ndarray, s: float, d: float, elapsed_days: float, g: int) -> tuple[float, float]:
    if elapsed_days < 1.0:
        s_new = s * math.exp(w[17] * (g - 3 + w[18]))
    elif g == 1:
        r = _r(elapsed_days, s)
        s_new = min(w[11] * d ** (-w[12]) * ((s + 1) ** w[13] - 1) * math.exp((1 - r) * w[14]), s)
    else:
        r = _r(elapsed_days, s)
        bonus = (w[15] if g == 2 else 1.0) * (w[16] if g == 4 else 1.0)
        s_new = s * (1 + math.exp(w[8]) * (11 - d) * s ** (-w[9]) * (math.exp((1 - r) * w[10]) - 1) * bonus)
    d_easy = w[4] - math.exp(w[5] * 3) + 1
    d_new = w[7] * d_easy + (1 - w[7]) * (d + (10 - d) * (-w[6] * (g - 3)) / 9)
    return min(max(s_new, 0.01), 36500.0), min(max(d_new, 1.0), 10.0)


def simulate_flashcards(student_id: str, w: np.ndarray, rng: np.random.Generator, n_cards: int = 200,
                        max_reviews: int = 2000, days: int = 120) -> StudentLog:
    """One learner studying a deck: new cards daily, reviews near the FSRS due date, relearning after a lapse."""
    retention = rng.uniform(0.85, 0.95)
    # Real logs fail many first sight and same-day (learning-step) answers; FSRS's curve alone would not.
    first_recall = rng.uniform(0.2, 0.85)
    same_day_recall = rng.uniform(0.6, 0.97)
    grade_p = rng.dirichlet([2.0, 12.0, 2.0])  # Hard/Good/Easy when recalled
    new_per_day = int(rng.integers(5, 25))
    item_d = rng.normal(0, 1.5, n_cards)
    item_s = np.exp(rng.normal(0, 0.5, n_cards))
    # Recall is noisier than any memory model: a per-card bias and a per-answer jolt on the logit scale.
    card_bias = rng.normal(0, 0.8, n_cards)
    answer_noise = rng.uniform(0.3, 1.0)
    log = StudentLog(student_id)
    state: dict[int, tuple[float, float, float]] = {}  # card -> (stability, difficulty, last time)
    queue: list[tuple[float, int]] = []
    for card in range(n_cards):
        day = card // new_per_day
        heapq.heappush(queue, ((day + rng.uniform(0.3, 0.9)) * DAY_S, card))
    while queue and len(log) < max_reviews:
        t, card = heapq.heappop(queue)
        if t > days * DAY_S:
            break
        if card not in state:
            correct = rng.random() < first_recall
        else:
            s, d, last = state[card]
            elapsed = (t - last) / DAY_S
            p = min(max(_r(elapsed, s) * (same_day_recall if elapsed < 1.0 else 1.0), 1e-4), 1 - 1e-4)
            z = math.log(p / (1 - p)) + card_bias[card] + rng.normal(0, answer_noise)
            correct = rng.random() < 1 / (1 + math.exp(-z))
        g = int(1 + rng.choice(3, p=grade_p) + 1) if correct else 1
        if card not in state:
            s = w[g - 1] * item_s[card]
            d = min(max(w[4] - math.exp(w[5] * (g - 1)) + 1 + item_d[card], 1.0), 10.0)
        else:
            s, d = _next(w, s, d, (t - last) / DAY_S, g)
        state[card] = (s, d, t)
        log.add(f"sim:{card}", t, int(correct), g, "basic", 0)
        if g == 1:
            gap = rng.uniform(60, 1800)  # a learning step, same day
        else:
            interval = s / FSRS5_FACTOR * (retention ** (1 / FSRS5_DECAY) - 1)
            gap = max(1.0, interval * math.exp(rng.normal(0, 0.35))) * DAY_S
        heapq.heappush(queue, (t + gap, card))
    return log


def simulate_population(n_students: int, seed: int = 0, population: Population | None = None,
                        **kwargs: int) -> list[StudentLog]:
    rng = np.random.default_rng(seed)
    population = population or Population()
    return [simulate_flashcards(f"sim-{seed}-{k}", population.draw(rng), rng, **kwargs) for k in range(n_students)]


def simulate_quiz(difficulty: np.ndarray, discrimination: np.ndarray, n_students: int, seed: int = 0,
                  prefix: str = "item") -> list[tuple[str, list[tuple[str, int]]]]:
    """Quiz answers from a 2PL item-response model (abilities N(0, 1)), items in random order per student."""
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n_students):
        theta = rng.normal()
        p = 1 / (1 + np.exp(-(discrimination * theta - difficulty)))
        answers = (rng.random(len(p)) < p).astype(int)
        order = rng.permutation(len(p))
        out.append((f"simq-{seed}-{k}", [(f"{prefix}{j}", int(answers[j])) for j in order]))
    return out


# ---------------------------------------------------------------- hidden memories for the scheduling simulation
# Two families, so that a scheduler cannot win by sharing the simulated students' model: FSRS-5 dynamics, and
# a power-law forgetting curve (ACT-R) unrelated to FSRS. Each keeps one student's memory of every item.

class FsrsMemory:
    """FSRS-5 memory with the student's parameters `w`, and per-item difficulty and stability factors."""

    family = "fsrs"

    def __init__(self, w: np.ndarray, keys: list[str], rng: np.random.Generator):
        self.w = w
        self.item_d = dict(zip(keys, rng.normal(0, 1.5, len(keys))))
        self.item_s = dict(zip(keys, np.exp(rng.normal(0, 0.5, len(keys)))))
        self.state: dict[str, tuple[float, float, float]] = {}  # key -> (stability days, difficulty, last s)

    def seen(self, key: str) -> bool:
        return key in self.state

    def recall(self, key: str, t_s: float) -> float:
        """p(recall) at t; 0 for an item never seen."""
        if key not in self.state:
            return 0.0
        s, _, last = self.state[key]
        return _r((t_s - last) / DAY_S, s)

    def first_recall(self, key: str) -> float:
        # A first showing is learned from the card itself: recalled three times in four, as in the learner data.
        return 0.75

    def update(self, key: str, t_s: float, grade: int) -> None:
        w = self.w
        if key not in self.state:
            s = w[grade - 1] * self.item_s[key]
            d = min(max(w[4] - math.exp(w[5] * (grade - 1)) + 1 + self.item_d[key], 1.0), 10.0)
        else:
            s0, d0, last = self.state[key]
            s, d = _next(w, s0, d0, (t_s - last) / DAY_S, grade)
        self.state[key] = (s, d, t_s)


# Pavlik & Anderson's (2005) a = 0.177, c = 0.217 and s = 0.255 (time in seconds). Their lab fit's threshold
# (-0.704) and time scale (h = 0.025) forget within weeks what Anki users keep; with -1.0 and 0.01 a median
# student reviewed at Anki's intervals recalls 60-75%, daily reviews 75-90%, and massed ones fade within weeks.
# Students vary around them (log-normal spread on a, c and h, normal on the threshold).
POWERLAW_MEAN = (0.177, 0.217, -1.0, 0.255, 0.01)
# Lags up to an hour count in full; beyond, at the student's fraction h (Pavlik's psychological time).
SITTING_S = 3600.0
# A first showing is answered as from a trace a minute old: a median student three times in four, as in the FSRS family.
FIRST_SIGHT_S = 60.0


def draw_powerlaw(rng: np.random.Generator) -> np.ndarray:
    """One student's power-law memory parameters (a, c, tau, s, h)."""
    a, c, tau, s, h = POWERLAW_MEAN
    return np.array([a * math.exp(rng.normal(0, 0.15)), c * math.exp(rng.normal(0, 0.15)),
                     tau + rng.normal(0, 0.3), s, h * math.exp(rng.normal(0, 0.3))])


class PowerLawMemory:
    """ACT-R memory with spacing-dependent decay (Pavlik & Anderson 2005). Every showing lays down a trace
    that decays as lag^-d; the activation is the log of the traces' sum, and recall a logistic of it. A trace's
    decay d = c * exp(m) + a grows with the activation m when it was laid down, so massed showings add traces
    that fade fast and spaced ones traces that last: spacing pays, and memory within a sitting is strong
    but short. Time beyond an hour counts at the fraction h, so days and minutes differ in kind."""

    family = "powerlaw"

    def __init__(self, params: np.ndarray, keys: list[str], rng: np.random.Generator):
        self.a, self.c, self.tau, self.s, self.h = (float(x) for x in params)
        self.item_b = dict(zip(keys, rng.normal(0, 0.4, len(keys))))  # per-item difficulty on the threshold
        self.traces: dict[str, list[tuple[float, float]]] = {}  # key -> [(time s, decay)]

    def seen(self, key: str) -> bool:
        return key in self.traces

    def _lag(self, seconds: float) -> float:
        return max(min(seconds, SITTING_S) + self.h * max(seconds - SITTING_S, 0.0), 1.0)

    def _activation(self, traces: list[tuple[float, float]], t_s: float) -> float:
        total = sum(self._lag(t_s - t) ** -d for t, d in traces if t <= t_s)
        return math.log(total) if total > 0 else -math.inf

    def _p(self, key: str, m: float) -> float:
        if m == -math.inf:
            return 0.0
        z = (self.tau + self.item_b[key] - m) / self.s
        return 1.0 / (1.0 + math.exp(min(z, 700.0)))

    def recall(self, key: str, t_s: float) -> float:
        """p(recall) at t; 0 for an item never seen."""
        return self._p(key, self._activation(self.traces.get(key, []), t_s))

    def first_recall(self, key: str) -> float:
        return self._p(key, -self.a * math.log(FIRST_SIGHT_S))

    def update(self, key: str, t_s: float, grade: int) -> None:
        # Right or wrong, the answer is then seen: each showing lays down a trace.
        traces = self.traces.setdefault(key, [])
        m = self._activation(traces, t_s)
        traces.append((t_s, self.c * math.exp(m) + self.a if m > -math.inf else self.a))


MEMORY_FAMILIES = ("fsrs", "powerlaw")
