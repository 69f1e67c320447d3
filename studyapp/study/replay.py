"""Adaptive-test replay on complete answer grids (every student answered every item).

Because every answer is known, any question order can be replayed exactly. Item parameters (2PL) are
fitted on 60% of the students; each of the other students is then "tested" by each policy, one question
at a time. After n questions a policy's estimate of the student's total score is the answers given plus
the predicted chance of each item not asked (the same estimator for every policy, so only the choice of
questions differs). Reported per policy: the mean absolute error of that estimate after n questions,
how many questions each student needs before the error stays within the tolerance, and item exposure
(the share of students shown each item within the first `length` questions).

Policies: "ours" (the study session's TestPolicy, driven by the IRT posterior as its predictor),
"maxinfo" (maximum Fisher information at the current ability estimate, the classic CAT rule) and
"random".
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from studyapp.store.queries import ItemRow, LoggedAnswer
from studyapp.study.policies import TestPolicy
from studyapp.study.selection import StudyContext
from studyapp.study.settings import StudySettings

POLICIES = ("ours", "maxinfo", "random")
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Grid = npt.NDArray[np.int8]  # students x items, 0/1
GRID = np.linspace(-4.0, 4.0, 41)
PRIOR = -0.5 * GRID ** 2
GRID_FILES = ("items_ecpe.txt", "fractionsdata.txt")


class ReplayError(Exception):
    """Replay data that cannot be used; the message is one sentence for the user."""


def load_grid(path: Path) -> Grid:
    """A students x items matrix of 0/1 answers, whitespace separated, one student per line."""
    try:
        rows = [line.split() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        grid = np.array(rows, dtype=np.int8)
    except (OSError, ValueError) as exc:
        raise ReplayError(f"{path} is not a grid of 0/1 answers ({exc.__class__.__name__})") from None
    if grid.ndim != 2 or grid.shape[0] < 10 or grid.shape[1] < 2 or not np.isin(grid, (0, 1)).all():
        raise ReplayError(f"{path} is not a complete grid of 0/1 answers with at least 10 students")
    return grid


def find_grids(path: Path) -> dict[str, Grid]:
    path = Path(path)
    if path.is_file():
        return {path.stem: load_grid(path)}
    if not path.is_dir():
        raise ReplayError(f"{path} does not exist")
    found = {name.split(".")[0]: load_grid(path / name) for name in GRID_FILES if (path / name).is_file()}
    if not found:
        raise ReplayError(f"{path} holds none of the dense answer grids ({', '.join(GRID_FILES)})")
    return found


def sigmoid(z: FloatArray) -> FloatArray:
    p: FloatArray = 1.0 / (1.0 + np.exp(-z))
    return p


def fit_2pl(answers: Grid, iterations: int = 30, steps: int = 8) -> tuple[FloatArray, FloatArray]:
    """Marginal maximum likelihood (EM on an ability grid, standard normal prior) of p = sigmoid(a theta + d)."""
    n_items = answers.shape[1]
    a, d = np.ones(n_items), np.zeros(n_items)
    y = answers.astype(np.float64)
    for _ in range(iterations):
        p = sigmoid(np.outer(GRID, a) + d)                                     # grid x items
        loglik = y @ np.log(p).T + (1 - y) @ np.log(1 - p).T + PRIOR          # students x grid
        w = np.exp(loglik - loglik.max(axis=1, keepdims=True))
        w /= w.sum(axis=1, keepdims=True)
        n_q = w.sum(axis=0)                                                     # expected students per grid point
        r_q = w.T @ y                                                           # expected right answers, grid x items
        for _ in range(steps):
            p = sigmoid(np.outer(GRID, a) + d)
            resid = r_q - n_q[:, None] * p
            info = n_q[:, None] * p * (1 - p)
            grad_a, grad_d = (resid * GRID[:, None]).sum(0), resid.sum(0)
            h_aa, h_dd = (info * GRID[:, None] ** 2).sum(0) + 1e-3, info.sum(0) + 1e-3
            a = np.clip(a + grad_a / h_aa, 0.05, 6.0)
            d = np.clip(d + grad_d / h_dd, -8.0, 8.0)
    return a, d


class IrtPredictor:
    """The session's Predictor over a fitted 2PL: the posterior predictive p(correct) of each item."""

    def __init__(self, a: FloatArray, d: FloatArray) -> None:
        self.a, self.d = a, d
        self.p_grid = sigmoid(np.outer(GRID, a) + d)  # grid x items
        self.log_post = PRIOR.copy()

    def weights(self) -> FloatArray:
        w = np.exp(self.log_post - self.log_post.max())
        normalised: FloatArray = w / w.sum()
        return normalised

    def predict_all(self) -> FloatArray:
        p: FloatArray = self.weights() @ self.p_grid
        return p

    def predict(self, items: Sequence[ItemRow], now_ms: int) -> list[float]:
        p = self.predict_all()
        return [float(p[item.id - 1]) for item in items]

    def knowledge(self, items: Sequence[ItemRow], now_ms: int) -> list[float]:
        """The same as `predict`: an IRT ability has no short-term boost from an item just answered."""
        return self.predict(items, now_ms)

    def sensitivity(self, items: Sequence[ItemRow], now_ms: int) -> tuple[list[float], float]:
        """dp/d(ability) of each item at the posterior, and the posterior variance of the ability."""
        w = self.weights()
        mean = float(w @ GRID)
        slopes = w @ (self.a * self.p_grid * (1 - self.p_grid))
        return [float(slopes[item.id - 1]) for item in items], float(w @ (GRID - mean) ** 2)

    def observe_index(self, j: int, correct: int) -> None:
        self.log_post += np.log(self.p_grid[:, j] if correct else 1 - self.p_grid[:, j])

    def eap(self) -> float:
        return float(self.weights() @ GRID)


def run_policy(name: str, answers: npt.NDArray[np.int8], a: FloatArray, d: FloatArray, seed: int) -> IntArray:
    """The question order this policy gives one student (every item, so every n can be scored)."""
    n_items = len(a)
    predictor = IrtPredictor(a, d)
    rng = np.random.default_rng(seed)
    items = [ItemRow(kind="typed", prompt=f"item {j + 1}", answer="1", guid=f"item{j}", id=j + 1, deck_id=1)
             for j in range(n_items)]
    policy = TestPolicy(predictor, seed=seed) if name == "ours" else None
    settings = StudySettings(test_length=min(n_items, 200))
    history: dict[int, list[LoggedAnswer]] = {}
    order: list[int] = []
    for step in range(n_items):
        if name == "random":
            j = int(rng.choice([k for k in range(n_items) if k not in order]))
        elif name == "maxinfo":
            p = sigmoid(a * predictor.eap() + d)
            info = a ** 2 * p * (1 - p)
            info[order] = -1.0
            j = int(np.argmax(info))
        else:
            context = StudyContext(items=items, history=history, now_ms=step, settings=settings,
                                   last_item_id=order[-1] + 1 if order else None, session_answers=step)
            choice = policy.choose(context) if policy is not None else None
            if choice is None:
                raise ReplayError(f"the policy {name!r} stopped after {step} of {n_items} questions")
            j = choice.item.id - 1
        order.append(j)
        history[j + 1] = [LoggedAnswer(step + 1, j + 1, step, int(answers[j]), None)]
        predictor.observe_index(j, int(answers[j]))
    return np.asarray(order)


def score_errors(order: IntArray, answers: npt.NDArray[np.int8], a: FloatArray, d: FloatArray) -> FloatArray:
    """|estimated total - true total| after n = 0 .. n_items questions asked in `order`."""
    predictor = IrtPredictor(a, d)
    asked = np.zeros(len(a), bool)
    true_total = float(answers.sum())
    errors = []
    for n in range(len(order) + 1):
        estimate = float(answers[asked].sum() + predictor.predict_all()[~asked].sum())
        errors.append(abs(estimate - true_total))
        if n < len(order):
            j = order[n]
            asked[j] = True
            predictor.observe_index(j, int(answers[j]))
    return np.asarray(errors)


def questions_needed(errors: FloatArray, tolerance: float) -> int:
    """The first n from which the error stays within the tolerance."""
    outside = np.flatnonzero(errors > tolerance)
    return int(outside[-1] + 1) if len(outside) else 0


def replay_grid(grid: Grid, policies: list[str], tolerance: float, length: int, seed: int = 0) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    students = rng.permutation(len(grid))
    n_train = int(0.6 * len(grid))
    a, d = fit_2pl(grid[students[:n_train]])
    test = grid[students[n_train:]]
    n_items = grid.shape[1]
    length = min(length, n_items)
    out: dict[str, Any] = {"students_fitted": n_train, "students_replayed": len(test), "items": n_items,
           "tolerance_points": tolerance, "length": length, "policies": {}}
    mae_by_policy: dict[str, FloatArray] = {}
    for name in policies:
        errors: list[FloatArray] = []
        needed: list[int] = []
        shown = np.zeros(n_items)
        for k, answers in enumerate(test):
            order = run_policy(name, answers, a, d, seed * 100_003 + k)
            e = score_errors(order, answers, a, d)
            errors.append(e)
            needed.append(questions_needed(e, tolerance))
            shown[order[:length]] += 1
        mae = np.mean(errors, axis=0)
        mae_by_policy[name] = mae
        exposure = shown / len(test)
        out["policies"][name] = {
            "mae_by_questions": [round(float(x), 3) for x in mae],
            "questions_needed_mean": round(float(np.mean(needed)), 2),
            "questions_needed_median": float(np.median(needed)),
            "questions_for_mae_within_tolerance": int(np.argmax(mae <= tolerance)),
            "max_exposure": round(float(exposure.max()), 3),
            "items_over_30_percent": int((exposure > 0.3).sum()),
        }
    if "maxinfo" in mae_by_policy:
        reference = mae_by_policy["maxinfo"][length]
        out["maxinfo_mae_at_length"] = round(float(reference), 3)
        for name, mae in mae_by_policy.items():
            out["policies"][name]["questions_to_match_maxinfo_at_length"] = int(np.argmax(mae <= reference + 1e-9))
    out["exposure_floor"] = round(length / n_items, 3)  # the least possible maximum exposure for this bank
    return out


def replay(path: Path, policies: list[str] | None = None, error: float = 0.1, length: int = 10,
           seed: int = 0, max_students: int | None = None) -> dict[str, Any]:
    """Replay every dense grid under `path`; `error` is the tolerance as a share of the maximum score."""
    policies = policies or list(POLICIES)
    unknown = [p for p in policies if p not in POLICIES]
    if unknown:
        raise ReplayError(f"unknown policy {unknown[0]!r} (expected some of {', '.join(POLICIES)})")
    results: dict[str, dict[str, Any]] = {}
    for name, grid in find_grids(Path(path)).items():
        if max_students is not None and len(grid) > max_students:
            grid = grid[np.random.default_rng(seed).permutation(len(grid))[:max_students]]
        results[name] = replay_grid(grid, policies, error * grid.shape[1], length, seed)
    return {"data": str(path), "datasets": results}


def mean_se(values: Sequence[float]) -> dict[str, float]:
    """Mean and standard error (0 for a single value) of a list of figures."""
    x = np.asarray(values, dtype=np.float64)
    se = float(x.std(ddof=1) / np.sqrt(len(x))) if len(x) > 1 else 0.0
    return {"mean": round(float(x.mean()), 3), "se": round(se, 3)}


def replay_seeds(path: Path, policies: list[str] | None = None, error: float = 0.1, length: int = 10,
                 seeds: int = 3, seed: int = 0, max_students: int | None = None) -> dict[str, Any]:
    """`replay` with seeds seed .. seed + seeds - 1 (each a new split of the students and new exposure draws):
    per grid and policy, the questions needed to a score error within `error`, as mean +- s.e. over seeds,
    and ours against maximum information (the relative change in questions, per seed, then mean +- s.e.)."""
    if seeds < 1:
        raise ReplayError("--seeds must be at least 1")
    runs = [replay(path, policies, error, length, s, max_students) for s in range(seed, seed + seeds)]
    out: dict[str, Any] = {"data": str(path), "seeds": list(range(seed, seed + seeds)), "datasets": {}}
    for name in runs[0]["datasets"]:
        per_seed = [run["datasets"][name] for run in runs]
        figures: dict[str, dict[str, dict[str, float]]] = {}
        for policy in per_seed[0]["policies"]:
            needed = [ds["policies"][policy]["questions_needed_mean"] for ds in per_seed]
            mae = [ds["policies"][policy]["mae_by_questions"][min(length, ds["items"])] for ds in per_seed]
            figures[policy] = {"questions_needed": mean_se(needed), f"mae_at_{length}": mean_se(mae),
                               "max_exposure": mean_se([ds["policies"][policy]["max_exposure"] for ds in per_seed])}
        if "ours" in figures and "maxinfo" in figures:
            change = [100 * (ds["policies"]["ours"]["questions_needed_mean"]
                             / ds["policies"]["maxinfo"]["questions_needed_mean"] - 1) for ds in per_seed]
            figures["ours"]["questions_vs_maxinfo_percent"] = mean_se(change)
        first = per_seed[0]
        out["datasets"][name] = {"items": first["items"], "students_replayed": first["students_replayed"],
                                 "tolerance_points": first["tolerance_points"], "policies": figures,
                                 "per_seed": per_seed}
    return out
