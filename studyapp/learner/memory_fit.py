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
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import torch

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

    mean: torch.Tensor
    precision: torch.Tensor


def prior_from_population(summary: dict) -> dict:
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
    mean = torch.tensor(data["mean"], dtype=torch.float64)
    cov = torch.tensor(data["covariance"], dtype=torch.float64)
    if mean.shape != (N_PARAMS,) or cov.shape != (N_PARAMS, N_PARAMS) or not torch.isfinite(cov).all():
        raise ValueError(f"{PRIOR_FILE} does not hold a {N_PARAMS}-parameter prior")
    return Prior(mean, torch.linalg.inv(cov))


@dataclass(frozen=True)
class _Step:
    days: torch.Tensor
    grade_m3: torch.Tensor  # grade - 3
    short_floor: torch.Tensor  # a same-day success never lowers stability: 1, else 0
    hard: torch.Tensor
    easy: torch.Tensor
    again: torch.Tensor
    same_day: torch.Tensor

    @classmethod
    def of(cls, days: torch.Tensor, grade: torch.Tensor) -> _Step:
        f = grade.to(torch.float64)
        return cls(days, f - 3.0, (grade >= 2).to(torch.float64), (grade == 2).to(torch.float64),
                   (grade == 4).to(torch.float64), grade == 1, days < 1)


@dataclass
class CardSequences:
    """A student's answers regrouped by card: column c is a card, row j its j-th answer (padded).

    Cards are sorted by their number of answers, longest first, so the cards that have a j-th answer are
    always a prefix of the columns (`active[j]` of them)."""

    days: torch.Tensor  # (J, C) float64: whole days since the card's previous answer (0 on the first)
    grade: torch.Tensor  # (J, C) int64: 1-4
    active: list[int]
    # Over the answers after each card's first, in replay order (j = 1, 2, ...; within j, card by card):
    scored: torch.Tensor  # bool: not the same day as the card's previous answer
    recalled: torch.Tensor  # float64: 1 if the answer was not Again
    steps: list[_Step] = field(default_factory=list)  # per review number j >= 1, what does not depend on w

    def __post_init__(self):
        if not self.steps:
            self.steps = [_Step.of(self.days[j, :n], self.grade[j, :n]) for j, n in enumerate(self.active) if j]

    @property
    def n_scored(self) -> int:
        return int(self.scored.sum())


def card_sequences(items, times_s, grades, day_start_s: float,
                   max_reviews: int = MAX_REVIEWS_PER_CARD) -> CardSequences:
    """Group one student's answers (in time order) by card, with elapsed time in whole study days."""
    days = day_number(np.asarray(times_s, dtype=np.float64), day_start_s)
    rows_of: dict[str, list[int]] = {}
    for k, item in enumerate(items):
        rows_of.setdefault(item, []).append(k)
    cards = sorted(rows_of.values(), key=len, reverse=True)
    n_steps = min(len(cards[0]), max_reviews) if cards else 0
    shape = (n_steps, len(cards))
    out_days, out_grade = np.zeros(shape), np.full(shape, 3, dtype=np.int64)
    grades = np.asarray(grades, dtype=np.int64)
    for c, rows in enumerate(cards):
        rows = rows[:n_steps]
        out_grade[: len(rows), c] = grades[rows]
        out_days[1: len(rows), c] = np.diff(days[rows])
    lengths = np.array([min(len(rows), n_steps) for rows in cards], dtype=np.int64)
    active = [int((lengths > j).sum()) for j in range(n_steps)]
    later_days = np.concatenate([out_days[j, :n] for j, n in enumerate(active) if j] or [np.zeros(0)])
    later_grade = np.concatenate([out_grade[j, :n] for j, n in enumerate(active) if j] or [np.zeros(0, np.int64)])
    return CardSequences(torch.from_numpy(out_days), torch.from_numpy(out_grade), active,
                         torch.from_numpy(later_days >= 1), torch.from_numpy((later_grade > 1).astype(np.float64)))


def _clamped(w: torch.Tensor) -> torch.Tensor:
    return torch.clamp(w, torch.tensor(LOWER, dtype=w.dtype), torch.tensor(UPPER, dtype=w.dtype))


def replay_recall(w: torch.Tensor, seq: CardSequences) -> torch.Tensor:
    """FSRS-6 retrievability before each card's second and later answers, in the order of `seq.scored`,
    replaying every card with parameters w (differentiable). Written for few operations per review number:
    the fit's cost is the number of tensor operations, not their size."""
    w = _clamped(w)
    if len(seq.active) < 2:
        return torch.zeros(0, dtype=w.dtype)
    p = w.unbind(0)
    decay = -p[20]
    factor = 0.9 ** (1.0 / decay) - 1.0
    g = seq.grade[0]
    s = w[g - 1].clamp(min=0.001)
    d = (p[4] - torch.exp(p[5] * (g - 1)) + 1.0).clamp(1.0, 10.0)
    d_target = p[7] * (p[4] - torch.exp(p[5] * 3) + 1.0)  # mean reversion towards the initial Easy difficulty
    e8, forget_cap = torch.exp(p[8]), torch.exp(p[17] * p[18])
    rows = []
    for j in range(1, len(seq.active)):
        n = seq.active[j]
        s, d = s[:n], d[:n]
        step = seq.steps[j - 1]
        r = (1.0 + factor * step.days / s) ** decay
        rows.append(r)
        lapse = 1.0 - r
        short = torch.maximum(torch.exp(p[17] * (step.grade_m3 + p[18])) * s ** (-p[19]), step.short_floor)
        forget = torch.minimum(p[11] * d ** (-p[12]) * ((s + 1.0) ** p[13] - 1.0) * torch.exp(lapse * p[14]),
                               s / forget_cap)
        bonus = 1.0 + step.hard * (p[15] - 1.0) + step.easy * (p[16] - 1.0)
        recall = s * (1.0 + e8 * (11.0 - d) * s ** (-p[9]) * (torch.exp(lapse * p[10]) - 1.0) * bonus)
        s = torch.where(step.same_day, s * short, torch.where(step.again, forget, recall)).clamp(0.001, 36500.0)
        d = (d_target + (1.0 - p[7]) * (d + (10.0 - d) * (-p[6] * step.grade_m3) / 9.0)).clamp(1.0, 10.0)
    return torch.cat(rows)


def _loss(w: torch.Tensor, seq: CardSequences, prior: Prior | None) -> torch.Tensor:
    r = replay_recall(w, seq)[seq.scored].clamp(1e-6, 1 - 1e-6)
    y = seq.recalled[seq.scored]
    nll = -(y * torch.log(r) + (1 - y) * torch.log1p(-r)).sum()
    if prior is None:
        return nll
    u = torch.log(_clamped(w).clamp(min=LOG_FLOOR)) - prior.mean
    return nll + 0.5 * u @ prior.precision @ u


def fit(seq: CardSequences, start=None, prior: Prior | None = None, iterations: int = 40) -> tuple[float, ...]:
    """MAP FSRS-6 parameters for one student (`prior` None: maximum likelihood), by L-BFGS from `start`
    (default: FSRS-6's defaults). Without a scored review the start is returned unchanged."""
    start = tuple(start) if start is not None else FSRS6_DEFAULT
    if seq.n_scored == 0:
        return start
    prior = prior if prior is not None else population_prior()
    w = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([w], lr=1.0, max_iter=iterations, history_size=10, line_search_fn="strong_wolfe",
                            tolerance_grad=1e-6, tolerance_change=1e-9)

    def closure():
        opt.zero_grad()
        loss = _loss(w, seq, prior)
        loss.backward()
        return loss

    with torch.enable_grad():
        opt.step(closure)
    fitted = _clamped(w.detach())
    if not torch.isfinite(fitted).all() or _loss(fitted, seq, prior) > _loss(torch.tensor(start, dtype=torch.float64),
                                                                          seq, prior):
        return start
    return tuple(float(v) for v in fitted)


def fit_answers(items, times_s, grades, day_start_s: float, start=None) -> tuple[float, ...]:
    """fit() on a student's answers in time order (grades 1-4)."""
    return fit(card_sequences(items, times_s, grades, day_start_s), start=start)


def is_valid(w) -> bool:
    """Parameters a saved student state may carry: 21 finite numbers within FSRS-6's bounds."""
    return (len(w) == N_PARAMS and all(math.isfinite(v) for v in w)
            and all(lo - 1e-9 <= v <= hi + 1e-9 for v, lo, hi in zip(w, LOWER, UPPER)))


def main(argv=None) -> int:
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
