"""The student model: shared population parameters plus a small per-student vector, and its few-step adaptation.

logit p = item difficulty + kind bias + logit R_FSRS-6 default + RESIDUAL * tanh(MLP(memory features))
                                                                   (population, shared)
        + phi . [1, item loadings (D), memory features picked by H_COLS] (per student)
p(correct) = guess + (1 - guess) * sigmoid(logit), guess = 1/options for choice items.
Flashcards (basic, reversed) on items the population does not know are anchored: their population logit is
the FSRS-6 backbone alone, so for a new student (phi = phi0) they predict FSRS-6 default recall exactly.
Per-student adaptation: K Newton steps (closed-form gradient, Fisher preconditioner) on the MAP
objective with a meta-learned Gaussian prior N(phi0, 1/tau) -- the prior is the meta-learned start -- each
projected onto the vectors whose recall never rises with the time since an item's last answer (`project`).
"""

from __future__ import annotations

from typing import TypedDict

import torch

from studyapp.content.model import KINDS
from studyapp.learner.features import AT_LAST_ANSWER, N_FEATURES

KIND_INDEX = {k: i for i, k in enumerate(KINDS)}
OTHER_KIND = len(KINDS)  # data with no kind (quiz logs, other event kinds)
N_KINDS = len(KINDS) + 1
H_COLS = (8, 12, 7, 0, 3, 9)  # logit R across days, logit R same day, log elapsed days, new, last correct, same day
# Where the time-dependent memory columns sit among the last len(H_COLS) entries of the student vector.
RECALL_ACROSS, RECALL_SAME_DAY, LOG_ELAPSED = (H_COLS.index(c) - len(H_COLS) for c in (8, 12, 7))
_RECALL, _ELAPSED = torch.tensor([RECALL_ACROSS, RECALL_SAME_DAY]), torch.tensor([LOG_ELAPSED])
# The population's memory backbone is FSRS-6 with its published defaults (fitted on real users); what
# simulated learners teach the network is a bounded correction, so it cannot overrule real-data evidence.
RESIDUAL = 1.0
BACKBONE_COLS = (8, 12)  # logit R across days and within the day
# Flashcards on items the population does not know are predicted by the backbone alone: nothing learned from
# simulated learners or quizzes may move them, only the student's own answers (phi - phi0).
FLASHCARD_KINDS = (KIND_INDEX["basic"], KIND_INDEX["reversed"])
MAX_STEP = 4.0  # largest allowed change of phi per step (norm); larger steps mean a diverging fit
STEP_SIZES = (1.0, 0.5, 0.25, 0.0)
Params = dict[str, torch.Tensor]  # the population parameters by name (what the .safetensors file holds)


class ModelConfig(TypedDict):
    """A model's shape, as its card stores it."""

    n_items: int
    dim: int
    hidden: int
    n_features: int
    steps: int
    h_cols: list[int]
    n_kinds: int


def default_config(n_items: int, dim: int = 3, hidden: int = 32, steps: int = 5) -> ModelConfig:
    return {"n_items": n_items, "dim": dim, "hidden": hidden, "n_features": N_FEATURES, "steps": steps,
            "h_cols": list(H_COLS), "n_kinds": N_KINDS}


def n_student(config: ModelConfig) -> int:
    return 1 + config["dim"] + len(config["h_cols"])


def param_shapes(config: ModelConfig) -> dict[str, tuple[int, ...]]:
    p, h, d = n_student(config), config["hidden"], config["dim"]
    return {
        "item_b": (config["n_items"],), "item_s": (config["n_items"], d), "new_b": (1,), "new_s": (d,),
        "kind_b": (config["n_kinds"],), "w1": (config["n_features"], h), "b1": (h,), "w2": (h,), "b2": (1,),
        "phi0": (p,), "log_tau": (p,),
    }


def init_params(config: ModelConfig, seed: int = 0) -> Params:
    gen = torch.Generator().manual_seed(seed)
    params = {}
    for name, shape in param_shapes(config).items():
        params[name] = torch.zeros(shape)
    params["w1"] = torch.randn(param_shapes(config)["w1"], generator=gen) * 0.3
    params["item_s"] = torch.randn(param_shapes(config)["item_s"], generator=gen) * 0.1
    params["new_s"] = torch.full_like(params["new_s"], 0.1)
    params["phi0"][0] = 0.5
    params["log_tau"] = torch.full_like(params["log_tau"], 1.0)
    return params


def anchored(item: torch.Tensor, kind: torch.Tensor) -> torch.Tensor:
    """Rows whose population prediction is FSRS-6 default recall exactly: flashcards on unknown items."""
    return (item < 0) & ((kind == FLASHCARD_KINDS[0]) | (kind == FLASHCARD_KINDS[1]))


def item_terms(params: Params, item: torch.Tensor, kind: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """What depends on the item alone: difficulty plus kind bias (N,) and the item loadings (N, D).
    On anchored rows the first term instead cancels the prior mean's item share (phi0 . [1, loadings])."""
    known = item >= 0
    idx = item.clamp(min=0)
    if params["item_b"].shape[0]:
        b = torch.where(known, params["item_b"][idx], params["new_b"])
        s = torch.where(known[:, None], params["item_s"][idx], params["new_s"])
    else:
        b = params["new_b"].expand(item.shape[0])
        s = params["new_s"].expand(item.shape[0], -1)
    phi0 = params["phi0"]
    cancel = -(phi0[0] + s @ phi0[1: 1 + s.shape[1]])
    return torch.where(anchored(item, kind), cancel, b + params["kind_b"][kind]), s


def memory_correction(params: Params, anchor: torch.Tensor, residual: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
    """The network's correction, or on anchored rows minus the prior mean's memory share (phi0 . h)."""
    return torch.where(anchor, -(h @ params["phi0"][-h.shape[1]:]), residual)


def frozen_in_time(feats: torch.Tensor) -> torch.Tensor:
    """Feature rows with the columns that change with time since the last answer set to their values at that
    answer (rows of items never answered, whose time columns are 0, unchanged)."""
    time_cols = list(AT_LAST_ANSWER)
    keep = torch.ones(feats.shape[1], dtype=feats.dtype)
    keep[time_cols] = 0.0
    at_answer = torch.zeros(feats.shape[1], dtype=feats.dtype)
    at_answer[time_cols] = torch.tensor(list(AT_LAST_ANSWER.values()), dtype=feats.dtype)
    answered = 1.0 - feats[:, :1]  # column 0: never answered
    return feats * keep + answered * at_answer


def memory_terms(params: Params, feats: torch.Tensor,
                 h_cols: tuple[int, ...] = H_COLS) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """What depends on the memory state alone: the FSRS backbone logit (N,), the network's bounded
    correction (N,) and the per-student memory columns (N, len(h_cols))."""
    # The network reads the memory state as it was at the item's last answer, not the time since: so it is
    # constant in time and cannot make recall rise (with the shipped weights it had moved by at most 0.018 in
    # logit between an hour and a year after an answer).
    hidden = torch.tanh(frozen_in_time(feats) @ params["w1"] + params["b1"])
    backbone = feats[:, list(BACKBONE_COLS)].sum(1)
    residual = RESIDUAL * torch.tanh(hidden @ params["w2"] + params["b2"])
    return backbone, residual, feats[:, list(h_cols)]


def row_terms(params: Params, feats: torch.Tensor, item: torch.Tensor, kind: torch.Tensor,
              h_cols: tuple[int, ...] = H_COLS) -> tuple[torch.Tensor, torch.Tensor]:
    """Population logit (N,) and the per-student design rows (N, P) for answers/items."""
    item_base, s = item_terms(params, item, kind)
    backbone, residual, h = memory_terms(params, feats, h_cols)
    base = item_base + backbone + memory_correction(params, anchored(item, kind), residual, h)
    design = torch.cat([torch.ones_like(item_base)[:, None], s, h], dim=1)
    return base, design


def probability(z: torch.Tensor, guess: torch.Tensor) -> torch.Tensor:
    return guess + (1.0 - guess) * torch.sigmoid(z)


def nll(p: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    p = p.clamp(1e-6, 1 - 1e-6)
    return -(y * torch.log(p) + (1 - y) * torch.log1p(-p))


def _objective(phi: torch.Tensor, phi0: torch.Tensor, tau: torch.Tensor, base: torch.Tensor, design: torch.Tensor,
               guess: torch.Tensor, y: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    p = probability(base + design @ phi, guess)
    return (weight * nll(p, y)).sum() + 0.5 * (tau * (phi - phi0) ** 2).sum()


def objective_gradient(phi: torch.Tensor, phi0: torch.Tensor, tau: torch.Tensor, base: torch.Tensor,
                       design: torch.Tensor, guess: torch.Tensor, y: torch.Tensor,
                       weight: torch.Tensor) -> torch.Tensor:
    """d _objective / d phi in closed form: on the laptop, torch.func.grad's first call imports some 800
    modules (about a second, holding the GIL), and this is also cheaper per step."""
    sig = torch.sigmoid(base + design @ phi)
    p = (guess + (1 - guess) * sig).clamp(1e-6, 1 - 1e-6)
    dloss_dz = weight * (p - y) / (p * (1 - p)) * (1 - guess) * sig * (1 - sig)
    return design.T @ dloss_dz + tau * (phi - phi0)


def _fisher(phi: torch.Tensor, tau: torch.Tensor, base: torch.Tensor, design: torch.Tensor, guess: torch.Tensor,
            weight: torch.Tensor) -> torch.Tensor:
    sig = torch.sigmoid(base + design @ phi)
    p = (guess + (1 - guess) * sig).clamp(1e-6, 1 - 1e-6)
    dp = (1 - guess) * sig * (1 - sig)
    w = weight * dp * dp / (p * (1 - p))
    return design.T @ (w[:, None] * design) + torch.diag(tau)


def bounds(phi0: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Lower and upper bounds on the student vector under which an item's recall never rises with the time t
    since its last answer, within its study day and from the next day on.

    An item's logit is the backbone plus u . h, with u = phi on rows the population predicts and u = phi - phi0
    on anchored rows (whose population terms cancel phi0), so both u must satisfy, with a = u[RECALL_ACROSS],
    b = u[RECALL_SAME_DAY], e = u[LOG_ELAPSED]:
    - within the same day the logit is (1 + b) logit R(hours) + e log(1 + t) + constant: needs 1 + b >= 0
      and e <= 0;
    - across days it is (1 + a) logit R(whole days) + e log(1 + t) + constant: logit R only steps down at each
      new day and is constant between (and beyond R's clip), so no positive weight on log elapsed time is
      safe at any t, however steep the backbone: needs 1 + a >= 0 and e <= 0.
    The other columns (new, last correct, same day) and the item terms do not change within a phase, and the
    network's correction is constant in t (`memory_terms`). (At the day's rollover the logit may still step
    up: see README, The learner.)"""
    inf = torch.full_like(phi0, torch.inf)
    lower = (-inf).index_put((_RECALL,), torch.clamp(phi0[_RECALL] - 1.0, min=-1.0))
    upper = inf.index_put((_ELAPSED,), torch.clamp(phi0[_ELAPSED], max=0.0))
    return lower, upper


def project(phi: torch.Tensor, phi0: torch.Tensor) -> torch.Tensor:
    """The student vector nearest `phi` under which an item's recall never rises with the time since its last
    answer, within its study day and from the next day on (`bounds`: a clamp). vmap-able and differentiable."""
    lower, upper = bounds(phi0)
    return torch.clamp(phi, lower, upper)


def newton_step(phi: torch.Tensor, phi0: torch.Tensor, tau: torch.Tensor, base: torch.Tensor, design: torch.Tensor,
                guess: torch.Tensor, y: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    """One preconditioned gradient step on the MAP objective with a small line search over step sizes
    (1, 1/2, 1/4, 0): the best of them is taken, so a step never makes the objective worse.
    vmap-able and differentiable for meta-training."""
    args = (phi0, tau, base, design, guess, y, weight)
    g = objective_gradient(phi, *args)
    # Projected Newton (Bertsekas): a coordinate held at its bound by a gradient that pushes it outwards is
    # left out of the solve, so the step on the others is not spoilt by one the projection undoes.
    lower, upper = bounds(phi0)
    held = ((phi <= lower) & (g > 0)) | ((phi >= upper) & (g < 0))
    eye = torch.eye(len(phi), dtype=phi.dtype)
    free = (~held).to(phi.dtype)
    fisher = _fisher(phi, tau, base, design, guess, weight) * free[:, None] * free[None, :] + eye * (1 - free)
    step = torch.linalg.solve(fisher, g * free)
    step = step * torch.clamp(MAX_STEP / (step.norm() + 1e-12), max=1.0)
    candidates = torch.clamp(phi - torch.tensor(STEP_SIZES, dtype=phi.dtype)[:, None] * step, lower, upper)
    losses = torch.stack([_objective(c, *args) for c in candidates])
    best = torch.nn.functional.one_hot(torch.argmin(losses), len(STEP_SIZES)).to(phi.dtype)
    return best @ candidates


def adapt(phi: torch.Tensor, phi0: torch.Tensor, tau: torch.Tensor, base: torch.Tensor, design: torch.Tensor,
          guess: torch.Tensor, y: torch.Tensor, weight: torch.Tensor, steps: int) -> torch.Tensor:
    for _ in range(steps):
        phi = newton_step(phi, phi0, tau, base, design, guess, y, weight)
    return phi


def safe_adapt(phi: torch.Tensor, phi0: torch.Tensor, tau: torch.Tensor, base: torch.Tensor, design: torch.Tensor,
               guess: torch.Tensor, y: torch.Tensor, steps: int, weight: torch.Tensor | None = None) -> torch.Tensor:
    """adapt() with a guard for the laptop and every evaluation: a step that is not finite ends adaptation,
    keeping the last good parameters (the line search already refuses steps that make the fit worse)."""
    weight = torch.ones_like(y) if weight is None else weight
    with torch.no_grad():
        for _ in range(steps):
            candidate = newton_step(phi, phi0, tau, base, design, guess, y, weight)
            if not torch.isfinite(candidate).all():
                break
            phi = candidate
    return phi


def posterior_cov(phi: torch.Tensor, tau: torch.Tensor, base: torch.Tensor, design: torch.Tensor,
                  guess: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    cov: torch.Tensor = torch.linalg.inv(_fisher(phi, tau, base, design, guess, weight))
    return cov


def objective(phi: torch.Tensor, phi0: torch.Tensor, tau: torch.Tensor, base: torch.Tensor, design: torch.Tensor,
              guess: torch.Tensor, y: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    return _objective(phi, phi0, tau, base, design, guess, y, weight)
