"""A student's own memory curve: the 21 FSRS-6 parameters fitted to the student's answers by MAP, with the
population's distribution of per-user parameters as the prior (the slow, per-student half of the learner).

With few answers the prior keeps the parameters near the population's (FSRS-6's published defaults); with
many, the fit approaches FSRS-6 fitted on the same answers, so the learner built on it contains that baseline.
The replay is FSRS-6 itself, vectorised over a student's cards (one step per review number), so a fit of a
long history is a few dozen passes of array operations; it runs off the GUI thread (see study/predictor.py).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import torch
from numpy.typing import ArrayLike

from studyapp.learner.features import FSRS6_DEFAULT, day_number

N_PARAMS = 21
# FSRS-6's bounds for each parameter, as its optimizers clamp them.
LOWER = (0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001, 0.001, 0.001, 0.001, 0.0, 0.0,
         1.0, 0.0, 0.0, 0.0, 0.1)
UPPER = (100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5, 5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0,
         0.8, 0.8)
MAX_REVIEWS_PER_CARD = 64  # as FSRS's optimizers: a card's later reviews still update its state, but carry no loss
LOG_FLOOR = 1e-4  # the population summary's log transform: log(max(w, 1e-4))
# FSRS-6's two parameters that FSRS-5 did not have (short-term stability exponent, forgetting-curve decay): the
# population summary has no spread for them, so each gets a log-normal prior of this width around its default.
NEW_PARAM_LOG_STD = 0.5


PRIOR_FILE = "memory-prior.json"


@dataclass(frozen=True)
class Prior:
    """Gaussian prior on log(max(w, 1e-4)): mean and precision matrix (N_PARAMS x N_PARAMS)."""

    mean: np.ndarray
    precision: np.ndarray


def prior_from_population(summary: dict[str, Any]) -> dict[str, Any]:
    """The prior as stored in resources/models/memory-prior.json, from the population summary of per-user
    FSRS-5 parameters (../shared/data/fsrs-population): centred on FSRS-6's defaults (fitted on that
    population), with the spread and correlations of the 19 parameters FSRS-5 shares with FSRS-6."""
    std = np.asarray(summary["log_param_std"], dtype=np.float64)
    corr = np.asarray(summary["log_param_correlation"], dtype=np.float64)
    cov = np.eye(N_PARAMS) * NEW_PARAM_LOG_STD ** 2
    cov[:19, :19] = corr * np.outer(std, std)
    cov += np.eye(N_PARAMS) * 1e-4  # the sample correlation is near singular for parameters at their bounds
    mean = np.log(np.maximum(np.asarray(FSRS6_DEFAULT), LOG_FLOOR))
    return {"what": "Gaussian prior on log(max(w, 1e-4)) of a student's FSRS-6 parameters",
            "source": f"{summary.get('model', 'FSRS-5')} per-user parameters of {summary.get('n_users')} users "
                      "(srs-benchmark, anki-revlogs-10k); mean at FSRS-6's defaults",
            "mean": mean.round(6).tolist(), "covariance": cov.round(8).tolist()}


@lru_cache(maxsize=1)
def population_prior() -> Prior:
    """The shipped prior (resources/models/memory-prior.json), checked before use."""
    from studyapp.resources import models_dir

    data = json.loads((models_dir() / PRIOR_FILE).read_text(encoding="utf-8"))
    mean = np.asarray(data["mean"], dtype=np.float64)
    cov = np.asarray(data["covariance"], dtype=np.float64)
    if mean.shape != (N_PARAMS,) or cov.shape != (N_PARAMS, N_PARAMS) or not np.isfinite(cov).all():
        raise ValueError(f"{PRIOR_FILE} does not hold a {N_PARAMS}-parameter prior")
    return Prior(mean, np.linalg.inv(cov))


@dataclass(frozen=True)
class _Step:
    """What one review number j >= 1 needs that does not depend on the parameters (cards with a j-th answer)."""

    days: np.ndarray
    grade_m3: np.ndarray  # grade - 3
    short_floor: np.ndarray  # a same-day success never lowers stability: 1, else 0
    hard: np.ndarray
    easy: np.ndarray
    again: np.ndarray
    same_day: np.ndarray
    dloss_scale: np.ndarray  # 1 where the answer is scored, else 0
    recalled: np.ndarray

    @classmethod
    def of(cls, days: np.ndarray, grade: np.ndarray) -> _Step:
        return cls(days, grade - 3.0, (grade >= 2).astype(np.float64), (grade == 2).astype(np.float64),
                   (grade == 4).astype(np.float64), grade == 1, days < 1, (days >= 1).astype(np.float64),
                   (grade > 1).astype(np.float64))


@dataclass
class CardSequences:
    """A student's answers regrouped by card, replayed review number by review number.

    Cards are sorted by their number of answers, longest first, so the cards that have a j-th answer are
    always a prefix (`active[j]` of them)."""

    first_grade: np.ndarray  # (C,) the grade of each card's first answer
    active: list[int]
    steps: list[_Step]

    @property
    def n_scored(self) -> int:
        return int(sum(step.dloss_scale.sum() for step in self.steps))


def _first_seen_codes(items: ArrayLike) -> np.ndarray:
    """Each answer's card as a number, cards numbered in the order of their first answer."""
    _, first, inverse = np.unique(np.asarray(items), return_index=True, return_inverse=True)
    number = np.empty(len(first), dtype=np.int64)
    number[np.argsort(first, kind="stable")] = np.arange(len(first))
    return number[inverse.reshape(-1)]


def card_sequences(items: ArrayLike, times_s: ArrayLike, grades: ArrayLike, day_start_s: float,
                   max_reviews: int = MAX_REVIEWS_PER_CARD) -> CardSequences:
    """Group one student's answers (in time order) by card, with elapsed time in whole study days."""
    days = day_number(np.asarray(times_s, dtype=np.float64), day_start_s)
    grades = np.asarray(grades, dtype=np.int64)
    codes = _first_seen_codes(items) if len(grades) else np.zeros(0, dtype=np.int64)
    counts = np.bincount(codes)
    cards = np.argsort(-counts, kind="stable")  # longest first; equal lengths in order of first answer
    column = np.empty(len(cards), dtype=np.int64)
    column[cards] = np.arange(len(cards))
    n_steps = min(int(counts.max()), max_reviews) if len(counts) else 0
    order = np.argsort(column[codes], kind="stable")  # each card's answers together, in time order
    col = column[codes][order]
    starts = np.flatnonzero(np.r_[True, col[1:] != col[:-1]]) if len(col) else np.zeros(0, dtype=np.int64)
    review = np.arange(len(col)) - np.repeat(starts, np.diff(np.r_[starts, len(col)]))
    shape = (n_steps, len(cards))
    out_days, out_grade = np.zeros(shape), np.full(shape, 3, dtype=np.int64)
    kept = review < n_steps
    out_grade[review[kept], col[kept]] = grades[order][kept]
    later = kept & (review > 0)
    sorted_days = days[order]
    out_days[review[later], col[later]] = sorted_days[later] - sorted_days[np.flatnonzero(later) - 1]
    lengths = np.minimum(counts[cards], n_steps)
    active = [int((lengths > j).sum()) for j in range(n_steps)]
    steps = [_Step.of(out_days[j, :n], out_grade[j, :n]) for j, n in enumerate(active) if j]
    return CardSequences(out_grade[0] if n_steps else np.zeros(0, np.int64), active, steps)


def recent_cards(items: np.ndarray, limit: int) -> np.ndarray:
    """Which answers (True) belong to the cards first answered most recently, each card's answers whole, as
    many cards as fit in `limit` answers counting the first MAX_REVIEWS_PER_CARD of each (what a fit reads)."""
    _, first, inverse, counts = np.unique(items, return_index=True, return_inverse=True, return_counts=True)
    newest_first = np.argsort(-first, kind="stable")
    fits = np.cumsum(np.minimum(counts[newest_first], MAX_REVIEWS_PER_CARD)) <= limit
    chosen = np.zeros(len(first), dtype=bool)
    chosen[newest_first[fits]] = True
    return chosen[inverse.reshape(-1)]


def _clamped(w: np.ndarray) -> np.ndarray:
    clamped: np.ndarray = np.clip(w, LOWER, UPPER)
    return clamped


def replay_recall(w: ArrayLike, seq: CardSequences) -> np.ndarray:
    """FSRS-6 retrievability before each card's second and later answers (review number by review number,
    card by card within one), replaying every card with parameters w."""
    rows: list[_Tape] = []
    _replay(np.asarray(w, dtype=np.float64), seq, rows.append)
    return np.concatenate([tape.r for tape in rows]) if rows else np.zeros(0)


@dataclass
class _Tape:
    """One review number's forward values, kept for the backward pass."""

    s: np.ndarray
    d: np.ndarray
    u: np.ndarray
    r: np.ndarray
    inc: np.ndarray
    short: np.ndarray
    big_a: np.ndarray  # the long-term forgetting branch over its (B - 1) factor
    b_pow: np.ndarray  # (s + 1) ** w13
    cap: np.ndarray
    c0: np.ndarray
    bonus: np.ndarray
    e: np.ndarray
    k: np.ndarray
    pre: np.ndarray
    d_mid: np.ndarray
    d_pre: np.ndarray


def _replay(w: np.ndarray, seq: CardSequences, keep: Callable[[_Tape], None]) -> None:
    """The forward pass of FSRS-6 over a student's cards; `keep` receives each review number's _Tape."""
    p = _clamped(w)
    if len(seq.active) < 2:
        return
    decay = -p[20]
    factor = 0.9 ** (1.0 / decay) - 1.0
    g = seq.first_grade
    s = np.maximum(p[g - 1], 0.001)
    d = np.clip(p[4] - np.exp(p[5] * (g - 1)) + 1.0, 1.0, 10.0)
    d_target = p[7] * (p[4] - np.exp(p[5] * 3) + 1.0)  # mean reversion towards the initial Easy difficulty
    e8, forget_cap = math.exp(p[8]), math.exp(p[17] * p[18])
    for j, step in enumerate(seq.steps, start=1):
        n = seq.active[j]
        s, d = s[:n], d[:n]
        u = 1.0 + factor * step.days / s
        r = u ** decay
        lapse = 1.0 - r
        inc = np.exp(p[17] * (step.grade_m3 + p[18])) * s ** (-p[19])
        short = np.maximum(inc, step.short_floor)
        b_pow = (s + 1.0) ** p[13]
        big_a = p[11] * d ** (-p[12]) * np.exp(lapse * p[14])
        cap = s / forget_cap
        bonus = 1.0 + step.hard * (p[15] - 1.0) + step.easy * (p[16] - 1.0)
        c0 = e8 * (11.0 - d) * s ** (-p[9])
        e = np.exp(lapse * p[10])
        k = c0 * bonus * (e - 1.0)
        forget = np.minimum(big_a * (b_pow - 1.0), cap)
        pre = np.where(step.same_day, s * short, np.where(step.again, forget, s * (1.0 + k)))
        d_mid = d + (10.0 - d) * (-p[6] * step.grade_m3) / 9.0
        d_pre = d_target + (1.0 - p[7]) * d_mid
        keep(_Tape(s, d, u, r, inc, short, big_a, b_pow, cap, c0, bonus, e, k, pre, d_mid, d_pre))
        s, d = np.clip(pre, 0.001, 36500.0), np.clip(d_pre, 1.0, 10.0)


def _inside(x: np.ndarray, lo: float | np.ndarray, hi: float | np.ndarray) -> np.ndarray:
    """Where a clamp lets the gradient through (as torch.clamp: bounds included)."""
    return (x >= lo) & (x <= hi)


def loss_and_gradient(w: ArrayLike, seq: CardSequences, prior: Prior | None) -> tuple[float, np.ndarray]:
    """The MAP objective (log loss of the scored answers, plus the prior) and its gradient in w, by a
    hand-written backward pass over the replay: array operations per review number, so a long history costs
    about as many operations as a short one (autograd's per-operation cost made fits take seconds)."""
    w = np.asarray(w, dtype=np.float64)
    p = _clamped(w)
    tapes: list[_Tape] = []
    _replay(w, seq, tapes.append)
    grad = np.zeros(N_PARAMS)
    loss = 0.0
    decay = -p[20]
    factor = 0.9 ** (1.0 / decay) - 1.0
    forget_cap = math.exp(p[17] * p[18])
    d_easy = p[4] - math.exp(p[5] * 3) + 1.0
    g_factor = g_d_easy = 0.0
    g_s = g_d = np.zeros(0)
    for j in range(len(tapes), 0, -1):
        t, step = tapes[j - 1], seq.steps[j - 1]
        n = len(t.s)
        # The adjoints of the state after this answer, for the cards that have a next answer (zero otherwise).
        g_next_s, g_next_d = np.zeros(n), np.zeros(n)
        g_next_s[: len(g_s)], g_next_d[: len(g_d)] = g_s, g_d
        # Log loss of this answer's recall.
        r = np.clip(t.r, 1e-6, 1 - 1e-6)
        y, scale = step.recalled, step.dloss_scale
        loss -= float(np.sum(scale * (y * np.log(r) + (1 - y) * np.log1p(-r))))
        g_r = scale * (-(y / r) + (1 - y) / (1 - r)) * _inside(t.r, 1e-6, 1 - 1e-6)
        # Stability after the answer.
        g_pre = g_next_s * _inside(t.pre, 0.001, 36500.0)
        g_short_branch = np.where(step.same_day, g_pre, 0.0)
        g_long = np.where(step.same_day, 0.0, g_pre)
        forget_long = t.big_a * (t.b_pow - 1.0)
        use_a = forget_long <= t.cap
        g_a_branch = np.where(step.again & use_a, g_long, 0.0)
        g_cap = np.where(step.again & ~use_a, g_long, 0.0)
        g_recall = np.where(step.again, 0.0, g_long)
        lapse = 1.0 - t.r
        g_s_in = g_short_branch * t.short + g_recall * (1.0 + t.k) + g_cap / forget_cap
        g_lapse = np.zeros(n)
        # recall = s (1 + c0 bonus (e - 1))
        g_k = g_recall * t.s
        g_c0 = g_k * t.bonus * (t.e - 1.0)
        g_e = g_k * t.c0 * t.bonus
        g_bonus = g_k * t.c0 * (t.e - 1.0)
        g_lapse += g_e * t.e * p[10]
        grad[10] += np.sum(g_e * t.e * lapse)
        grad[15] += np.sum(g_bonus * step.hard)
        grad[16] += np.sum(g_bonus * step.easy)
        grad[8] += np.sum(g_c0 * t.c0)
        g_d_in = -g_c0 * t.c0 / (11.0 - t.d)
        g_s_in += g_c0 * t.c0 * (-p[9]) / t.s
        grad[9] += np.sum(g_c0 * t.c0 * (-np.log(t.s)))
        # forget = min(A (B - 1), s / exp(w17 w18)), A = w11 d^-w12 exp(lapse w14), B = (s + 1)^w13
        grad[17] += np.sum(g_cap * t.cap * (-p[18]))
        grad[18] += np.sum(g_cap * t.cap * (-p[17]))
        g_b = g_a_branch * t.big_a
        g_s_in += g_b * p[13] * t.b_pow / (t.s + 1.0)
        grad[13] += np.sum(g_b * t.b_pow * np.log(t.s + 1.0))
        g_af = g_a_branch * forget_long  # the gradient on log A
        grad[11] += np.sum(g_af) / p[11]
        g_d_in += g_af * (-p[12]) / t.d
        grad[12] += np.sum(g_af * (-np.log(t.d)))
        g_lapse += g_af * p[14]
        grad[14] += np.sum(g_af * lapse)
        # short = max(exp(w17 (g - 3 + w18)) s^-w19, floor)
        g_inc = np.where(t.inc > step.short_floor, g_short_branch * t.s, 0.0) * t.inc  # on log inc
        grad[17] += np.sum(g_inc * (step.grade_m3 + p[18]))
        grad[18] += np.sum(g_inc * p[17])
        g_s_in += g_inc * (-p[19]) / t.s
        grad[19] += np.sum(g_inc * (-np.log(t.s)))
        # r = u^decay, u = 1 + factor t / s, lapse = 1 - r
        g_r_all = g_r - g_lapse
        grad[20] += np.sum(g_r_all * t.r * np.log(t.u)) * -1.0
        g_u = g_r_all * decay * t.r / t.u
        g_factor += np.sum(g_u * step.days / t.s)
        g_s_in += g_u * (-factor * step.days / t.s ** 2)
        # Difficulty after the answer.
        g_dpre = g_next_d * _inside(t.d_pre, 1.0, 10.0)
        grad[7] += np.sum(g_dpre * (d_easy - t.d_mid))
        g_d_easy += p[7] * np.sum(g_dpre)
        g_dmid = g_dpre * (1.0 - p[7])
        g_d_in += g_dmid * (1.0 + p[6] * step.grade_m3 / 9.0)
        grad[6] += np.sum(g_dmid * (10.0 - t.d) * (-step.grade_m3) / 9.0)
        g_s, g_d = g_s_in, g_d_in
    if tapes:
        # The first answer: s = w[g - 1], d = w4 - exp(w5 (g - 1)) + 1, both clamped.
        g = seq.first_grade
        g_s = np.concatenate([g_s, np.zeros(len(g) - len(g_s))])  # cards answered once carry no gradient
        g_d = np.concatenate([g_d, np.zeros(len(g) - len(g_d))])
        g_s0 = g_s * (p[g - 1] >= 0.001)
        np.add.at(grad, g - 1, g_s0)
        d0 = p[4] - np.exp(p[5] * (g - 1)) + 1.0
        g_d0 = g_d * _inside(d0, 1.0, 10.0)
        grad[4] += np.sum(g_d0) + g_d_easy
        grad[5] += np.sum(g_d0 * -(g - 1) * np.exp(p[5] * (g - 1))) + g_d_easy * -3.0 * math.exp(p[5] * 3)
        grad[20] += g_factor * 0.9 ** (-1.0 / p[20]) * math.log(0.9) / p[20] ** 2
    if prior is not None:
        u = np.log(np.maximum(p, LOG_FLOOR)) - prior.mean
        pu = prior.precision @ u
        loss += 0.5 * float(u @ pu)
        grad += np.where(p >= LOG_FLOOR, pu / np.maximum(p, LOG_FLOOR), 0.0)
    grad *= _inside(w, np.asarray(LOWER), np.asarray(UPPER))
    return loss, grad


def fit(seq: CardSequences, start: Sequence[float] | None = None, prior: Prior | None = None,
        iterations: int = 20) -> tuple[float, ...]:
    """MAP FSRS-6 parameters for one student (default prior: the population's), by L-BFGS from `start`
    (default: FSRS-6's defaults). Without a scored review the start is returned unchanged."""
    start = tuple(start) if start is not None else FSRS6_DEFAULT
    if seq.n_scored == 0:
        return start
    prior = prior if prior is not None else population_prior()
    w = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([w], lr=1.0, max_iter=iterations, history_size=10, line_search_fn="strong_wolfe",
                            tolerance_grad=1e-6, tolerance_change=1e-9)

    def closure() -> torch.Tensor:
        loss, grad = loss_and_gradient(w.detach().numpy(), seq, prior)
        w.grad = torch.from_numpy(grad)
        return torch.tensor(loss, dtype=torch.float64)

    opt.step(closure)  # type: ignore[no-untyped-call]  # torch leaves Optimizer.step untyped
    fitted = _clamped(w.detach().numpy())
    if not np.isfinite(fitted).all() or loss_and_gradient(fitted, seq, prior)[0] > loss_and_gradient(
            np.asarray(start), seq, prior)[0]:
        return start
    return tuple(float(v) for v in fitted)


def fit_answers(items: ArrayLike, times_s: ArrayLike, grades: ArrayLike, day_start_s: float,
                start: Sequence[float] | None = None) -> tuple[float, ...]:
    """fit() on a student's answers in time order (grades 1-4)."""
    return fit(card_sequences(items, times_s, grades, day_start_s), start=start)


def is_valid(w: Sequence[float]) -> bool:
    """Parameters a saved student state may carry: 21 finite numbers within FSRS-6's bounds."""
    return (len(w) == N_PARAMS and all(math.isfinite(v) for v in w)
            and all(lo - 1e-9 <= v <= hi + 1e-9 for v, lo, hi in zip(w, LOWER, UPPER)))


def main(argv: list[str] | None = None) -> int:
    """Write the shipped prior from the population summary:
    python -m studyapp.learner.memory_fit ../shared/data/fsrs-population/fsrs5_user_parameters_summary.json"""
    import argparse
    from pathlib import Path

    from studyapp.resources import models_dir

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("summary", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or models_dir() / PRIOR_FILE
    prior = prior_from_population(json.loads(args.summary.read_text(encoding="utf-8")))
    out.write_text(json.dumps(prior) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
