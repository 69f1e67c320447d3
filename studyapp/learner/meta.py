"""Meta-training: one student = one task; adapt on a prefix (or a few asked items), score what follows.

The inner loop is exactly the laptop's (model.adapt, vmapped over the students of a batch); the outer loss
trains the population parameters, the prior mean phi0 (the meta-learned start) and the prior precision.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch.func import vmap

from studyapp.learner import model as m
from studyapp.learner.data import StudentLog
from studyapp.learner.features import N_FEATURES, empty_state, features, history_features

SUPPORT_SIZES = np.array([0, 1, 2, 3, 5, 8, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300])
NEW_ITEM_FEATURES = features(empty_state()[None], 0.0)[0]


@dataclass
class Task:
    """One student's answers as model inputs; ordered=False means the order carries no information (quizzes)."""

    feats: np.ndarray  # (T, N_FEATURES) float32
    item: np.ndarray  # (T,) int64, -1 = not a population item
    kind: np.ndarray  # (T,) int64
    guess: np.ndarray  # (T,) float32
    y: np.ndarray  # (T,) float32
    ordered: bool

    def __len__(self) -> int:
        return len(self.y)


def task_from_log(log: StudentLog, vocab: dict[str, int] | None = None) -> Task:
    from studyapp.learner.runtime import guess_of

    local: dict[str, int] = {}
    rows = np.array([local.setdefault(i, len(local)) for i in log.items], dtype=np.int64)
    times = np.asarray(log.times, dtype=np.float64)
    y = np.asarray(log.correct, dtype=np.float32)
    feats = history_features(rows, times, y.astype(np.int64), log.grades)
    vocab = vocab or {}
    return Task(feats, np.array([vocab.get(i, -1) for i in log.items], dtype=np.int64),
                np.array([m.KIND_INDEX.get(k, m.OTHER_KIND) for k in log.kinds], dtype=np.int64),
                np.array([guess_of(k, n) for k, n in zip(log.kinds, log.n_options)], dtype=np.float32), y, True)


def task_from_quiz(responses: list[tuple[str, int]], vocab: dict[str, int]) -> Task:
    """Quiz answers, each a first answer of a distinct item (new-item memory state)."""
    n = len(responses)
    return Task(np.tile(NEW_ITEM_FEATURES, (n, 1)), np.array([vocab.get(i, -1) for i, _ in responses], dtype=np.int64),
                np.full(n, m.OTHER_KIND, dtype=np.int64), np.zeros(n, dtype=np.float32),
                np.array([c for _, c in responses], dtype=np.float32), False)


def _pick(task: Task, rng: np.random.Generator, window: int, query: int, support_sizes: np.ndarray):
    """Rows of one training episode: support first, then query, as index arrays."""
    n_rows = len(task)
    if task.ordered:
        start = 0 if (n_rows <= window or rng.random() < 0.5) else int(rng.integers(0, n_rows - window + 1))
        rows = np.arange(start, min(n_rows, start + window))
    else:
        rows = rng.permutation(n_rows)[:window]
    sizes = support_sizes[support_sizes < len(rows)]
    n_support = int(rng.choice(sizes))
    return rows[:n_support], rows[n_support: n_support + query]


def make_batch(tasks: list[Task], rng: np.random.Generator, window: int = 256, query: int = 64,
               support_sizes: np.ndarray = SUPPORT_SIZES) -> dict:
    picks = [_pick(t, rng, window, query, support_sizes) for t in tasks]
    length = max(len(s) + len(q) for s, q in picks)
    b = len(tasks)
    out = {"feats": np.zeros((b, length, N_FEATURES), np.float32), "item": np.full((b, length), -1, np.int64),
           "kind": np.full((b, length), m.OTHER_KIND, np.int64), "guess": np.zeros((b, length), np.float32),
           "y": np.zeros((b, length), np.float32), "support": np.zeros((b, length), np.float32),
           "query": np.zeros((b, length), np.float32)}
    for k, (task, (sup, qry)) in enumerate(zip(tasks, picks)):
        rows = np.concatenate([sup, qry])
        n = len(rows)
        out["feats"][k, :n] = task.feats[rows]
        out["item"][k, :n] = task.item[rows]
        out["kind"][k, :n] = task.kind[rows]
        out["guess"][k, :n] = task.guess[rows]
        out["y"][k, :n] = task.y[rows]
        out["support"][k, : len(sup)] = 1
        out["query"][k, len(sup): n] = 1
    return {k: torch.from_numpy(v) for k, v in out.items()}


def episode_loss(params: dict, batch: dict, config: dict, steps: int) -> torch.Tensor:
    """Mean over students of the query log loss after `steps` adaptation steps on the support rows."""
    b, length = batch["y"].shape
    base, design = m.row_terms(params, batch["feats"].reshape(b * length, -1), batch["item"].reshape(-1),
                               batch["kind"].reshape(-1), tuple(config["h_cols"]))
    base, design = base.reshape(b, length), design.reshape(b, length, -1)
    tau = params["log_tau"].exp()
    phi0 = params["phi0"]
    phi = phi0.expand(b, -1)
    if steps:
        def one(base_s, design_s, guess_s, y_s, w_s):
            return m.adapt(phi0, phi0, tau, base_s, design_s, guess_s, y_s, w_s, steps)

        phi = vmap(one)(base, design, batch["guess"], batch["y"], batch["support"])
    z = base + (design @ phi[:, :, None])[..., 0]
    losses = m.nll(m.probability(z, batch["guess"]), batch["y"]) * batch["query"]
    counts = batch["query"].sum(1)
    has = counts > 0
    return (losses.sum(1)[has] / counts[has]).mean()


def item_penalty(params: dict) -> torch.Tensor:
    if not params["item_b"].numel():
        return params["new_b"].sum() * 0.0
    return ((params["item_b"] - params["new_b"]) ** 2).mean() + ((params["item_s"] - params["new_s"]) ** 2).mean()


@dataclass
class TrainSpec:
    steps: int = 1500
    batch: int = 64
    lr: float = 0.01
    seed: int = 0
    adapt_steps: int = 5  # 0 trains the pooled (not meta-learned) baseline
    penalty: float = 0.01
    support_sizes: tuple[int, ...] = tuple(SUPPORT_SIZES.tolist())  # how many answers an episode adapts on


def _checkpoint_save(path: Path, params: dict, opt: torch.optim.Adam, step: int) -> None:
    tensors = {f"param.{k}": v.detach() for k, v in params.items()}
    for k, v in params.items():
        state = opt.state.get(v, {})
        for name in ("exp_avg", "exp_avg_sq"):
            if name in state:
                tensors[f"opt.{k}.{name}"] = state[name]
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file({k: t.contiguous() for k, t in tensors.items()}, str(path), metadata={"step": str(step)})


def _checkpoint_load(path: Path, params: dict, opt: torch.optim.Adam) -> int:
    from safetensors import safe_open

    tensors = load_file(str(path))
    with safe_open(str(path), "pt") as handle:
        step = int(handle.metadata()["step"])
    with torch.no_grad():
        for k, v in params.items():
            v.copy_(tensors[f"param.{k}"])
            if f"opt.{k}.exp_avg" in tensors:
                opt.state[v] = {"step": torch.tensor(float(step)), "exp_avg": tensors[f"opt.{k}.exp_avg"],
                                "exp_avg_sq": tensors[f"opt.{k}.exp_avg_sq"]}
    return step


def train(groups: list[tuple[list[Task], float]], config: dict, spec: TrainSpec,
          checkpoint: Path | None = None, progress: Callable[[int, float], None] | None = None) -> dict:
    """Meta-train on groups of tasks (each group drawn with its weight); resumes from `checkpoint` if present."""
    torch.manual_seed(spec.seed)
    params = {k: v.requires_grad_() for k, v in m.init_params(config, spec.seed).items()}
    opt = torch.optim.Adam(params.values(), lr=spec.lr)
    start = 0
    if checkpoint is not None and checkpoint.exists():
        start = _checkpoint_load(checkpoint, params, opt)
    rng = np.random.default_rng(spec.seed + start)
    weights = np.array([w for _, w in groups], dtype=np.float64)
    weights /= weights.sum()
    last_save, running = time.monotonic(), None
    for step in range(start, spec.steps):
        g = int(rng.choice(len(groups), p=weights))
        tasks = groups[g][0]
        chosen = [tasks[i] for i in rng.integers(0, len(tasks), spec.batch)]
        batch = make_batch(chosen, rng, support_sizes=np.asarray(spec.support_sizes))
        loss = episode_loss(params, batch, config, spec.adapt_steps)
        total = loss + spec.penalty * item_penalty(params)
        opt.zero_grad()
        total.backward()
        torch.nn.utils.clip_grad_norm_(params.values(), 5.0)
        opt.step()
        with torch.no_grad():
            params["log_tau"].clamp_(-6.0, 8.0)
        value = loss.item()
        running = value if running is None else 0.98 * running + 0.02 * value
        if progress is not None:
            progress(step + 1, running)
        if checkpoint is not None and (time.monotonic() - last_save > 30 or step + 1 == spec.steps):
            _checkpoint_save(checkpoint, params, opt, step + 1)
            last_save = time.monotonic()
    return {k: v.detach() for k, v in params.items()}
