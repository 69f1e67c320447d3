"""Baselines for the evaluations: FSRS-6 (the `fsrs` package, a bench extra), IRT-1PL/2PL, pooled fine-tuning."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from types import ModuleType

import numpy as np
import numpy.typing as npt
import torch
from torch.func import grad

from studyapp.content.model import grade_of
from studyapp.learner import model as m
from studyapp.learner.features import BENCHMARK_DAY_START_S, FSRS6_DEFAULT, FsrsState, day_number
from studyapp.learner.lab.data import StudentLog
from studyapp.learner.lab.skills import shrink_to_skills, skill_index


class MissingExtra(RuntimeError):
    pass


def require_fsrs() -> ModuleType:
    try:
        import fsrs
    except ImportError:
        raise MissingExtra("the FSRS baselines need the `fsrs` package (pip install 'studyapp[bench]')") from None
    return fsrs


def _utc(t: float) -> datetime:
    return datetime.fromtimestamp(t, tz=timezone.utc)


def fsrs_default_parameters() -> list[float]:
    return list(FSRS6_DEFAULT)


def fsrs_predict(log: StudentLog, parameters: list[float]) -> np.ndarray:
    """FSRS-6 retrievability before every answer (NaN for a card's first answer), replaying the whole log.

    Elapsed time is counted in whole days with the day rolling over at 4 a.m. UTC, as the srs-benchmark
    does (a review the next morning is one day later); same-day reviews use FSRS-6's short-term update.
    """
    fsrs = FsrsState(tuple(parameters))
    days = day_number(log.times, BENCHMARK_DAY_START_S)
    cards: dict[str, tuple[float, float, float]] = {}
    out = np.full(len(log), np.nan)
    for k, (item, correct, grade) in enumerate(zip(log.items, log.correct, log.grades)):
        g = grade_of(correct, grade)
        if item not in cards:
            s, d = fsrs.initial(g)
        else:
            s, d, last = cards[item]
            elapsed = float(days[k] - last)
            out[k] = fsrs.retrievability(elapsed, s)
            s, d = fsrs.update(s, d, elapsed, g)
        cards[item] = (s, d, days[k])
    return out


def day_snapped(times: npt.NDArray[np.float64],
                day_start_s: float = BENCHMARK_DAY_START_S) -> npt.NDArray[np.float64]:
    """Each moment moved back to the start of its study day. The fsrs optimizer counts elapsed time in whole
    24-hour periods, while FSRS (and we) count days that roll over at 4 a.m.: on snapped times the two agree,
    so the optimizer fits on the same elapsed days, and the same scored rows, that every model is scored on."""
    snapped: npt.NDArray[np.float64] = day_number(times, day_start_s) * 86400.0 + day_start_s
    return snapped


def fsrs_fit(log: StudentLog, rows: np.ndarray) -> list[float]:
    """FSRS-6 parameters fitted by the fsrs optimizer on the given rows (it keeps the defaults below 512 reviews),
    on day-snapped times (same-day order kept: the optimizer's sort is stable)."""
    fsrs = require_fsrs()
    from fsrs.optimizer import Optimizer

    ids: dict[str, int] = {}
    snapped = day_snapped(np.asarray(log.times, dtype=np.float64)[rows])
    logs = [fsrs.ReviewLog(card_id=ids.setdefault(log.items[k], len(ids) + 1),
                           rating=fsrs.Rating(grade_of(log.correct[k], log.grades[k])),
                           review_datetime=_utc(float(t)), review_duration=None)
            for k, t in zip(rows.tolist(), snapped.tolist())]
    if not logs:
        return fsrs_default_parameters()
    return list(Optimizer(logs).compute_optimal_parameters())


def finetune(phi0: torch.Tensor, base: torch.Tensor, design: torch.Tensor, guess: torch.Tensor, y: torch.Tensor,
             steps: int = 5, lr: float = 0.5) -> torch.Tensor:
    """Plain gradient descent on the mean log loss from a pooled start (the not-meta-learned baseline)."""
    def loss(phi: torch.Tensor) -> torch.Tensor:
        return m.nll(m.probability(base + design @ phi, guess), y).mean()

    phi = phi0.clone()
    if len(y) == 0:
        return phi
    for _ in range(steps):
        phi = phi - lr * grad(loss)(phi)
    return phi


class IRT:
    """1PL/2PL item response model; MAP ability (N(0, 1) prior) per test student."""

    def __init__(self, two_pl: bool):
        self.two_pl = two_pl
        self.index: dict[str, int] = {}
        self.b = np.zeros(0)
        self.a = np.ones(0)
        self.counts = np.zeros(0, dtype=np.int64)  # training answers per item
        self.accuracy = 0.5  # mean training correctness

    def fit(self, students: list[list[tuple[str, int]]], epochs: int = 300, lr: float = 0.05) -> IRT:
        """Marginal maximum likelihood: abilities integrated out over N(0, 1) on a 41-point grid
        (a joint fit would trade ability scale against discrimination and inflate 2PL slopes)."""
        for responses in students:
            for item, _ in responses:
                self.index.setdefault(item, len(self.index))
        s_idx = torch.tensor([s for s, r in enumerate(students) for _ in r])
        i_idx = torch.tensor([self.index[i] for r in students for i, _ in r])
        y = torch.tensor([c for r in students for _, c in r], dtype=torch.float32)[:, None]
        nodes = torch.linspace(-4, 4, 41)
        log_w = torch.log_softmax(-0.5 * nodes ** 2, 0)
        b = torch.zeros(len(self.index), requires_grad=True)
        # 1PL: one discrimination shared by every item (the abilities' spread, which a fixed N(0, 1) would impose).
        log_a = torch.zeros(len(self.index) if self.two_pl else 1, requires_grad=True)
        opt = torch.optim.Adam([b, log_a], lr=lr)
        for _ in range(epochs):
            a = log_a.exp()[i_idx, None] if self.two_pl else log_a.exp()
            z = a * nodes[None, :] - b[i_idx, None]
            ll = y * torch.nn.functional.logsigmoid(z) + (1 - y) * torch.nn.functional.logsigmoid(-z)
            per_student = torch.zeros(len(students), len(nodes)).index_add_(0, s_idx, ll)
            marginal = torch.logsumexp(per_student + log_w, 1).sum()
            loss = (-marginal + 0.5 * 0.1 * (b ** 2).sum() + 0.5 * (log_a ** 2).sum()) / len(y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        self.b = b.detach().double().numpy()
        self.a = log_a.detach().exp().double().numpy() * np.ones(len(self.index))
        self.counts = np.bincount(i_idx.numpy(), minlength=len(self.index))
        self.accuracy = float(y.mean())
        return self

    def with_skills(self, skills: dict[str, str], bank: Sequence[str] = ()) -> IRT:
        """A copy whose item difficulties are pulled towards their skill's mean by the empirical-Bayes rule ours
        uses (shrink_to_skills); items of `bank` no training student answered join at their skill's mean."""
        out = IRT(self.two_pl)
        out.index = dict(self.index)
        for item in bank:
            out.index.setdefault(item, len(out.index))
        added = len(out.index) - len(self.index)
        out.counts = np.concatenate([self.counts, np.zeros(added, dtype=np.int64)])
        out.a = np.concatenate([self.a, np.ones(added)])
        out.accuracy = self.accuracy
        # shrink_to_skills works on easiness (higher = easier): the negated difficulty, or 2PL's intercept.
        easy = shrink_to_skills(-np.concatenate([self.b, np.zeros(added)]), out.counts,
                                skill_index(list(out.index), skills), self.accuracy)
        out.b = -easy
        return out

    def params(self, items: list[str]) -> tuple[np.ndarray, np.ndarray]:
        idx = [self.index.get(i, -1) for i in items]
        b = np.array([self.b[k] if k >= 0 else 0.0 for k in idx])
        a = np.array([self.a[k] if k >= 0 else 1.0 for k in idx])
        return a, b

    @staticmethod
    def theta_map(a: np.ndarray, b: np.ndarray, y: np.ndarray, iters: int = 30) -> float:
        """MAP ability under a N(0, 1) prior by Newton's method."""
        theta = 0.0
        for _ in range(iters):
            p = 1 / (1 + np.exp(-(a * theta - b)))
            g = np.sum(a * (y - p)) - theta
            h = np.sum(a * a * p * (1 - p)) + 1.0
            # Newton steps bounded to one unit: with steep (2PL) items a full step can oscillate.
            theta = float(np.clip(theta + np.clip(g / h, -1.0, 1.0), -6.0, 6.0))
        return theta
