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
import numpy.typing as npt
import torch
from safetensors.torch import load_file, save_file
from torch.func import vmap

from studyapp.learner import model as m
from studyapp.learner.features import N_FEATURES, empty_state, features, history_features
from studyapp.learner.lab import parallel
from studyapp.learner.lab.data import StudentLog

Batch = dict[str, torch.Tensor]  # one episode per student: (students, rows) tensors by name (see make_batch)
Group = tuple[list["Task"], float]  # tasks of one source and the source's weight in the mixture
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
    from studyapp.content.model import guess_chance

    local: dict[str, int] = {}
    rows = np.array([local.setdefault(i, len(local)) for i in log.items], dtype=np.int64)
    times = np.asarray(log.times, dtype=np.float64)
    y = np.asarray(log.correct, dtype=np.float32)
    feats = history_features(rows, times, y.astype(np.int64), log.grades)
    vocab = vocab or {}
    return Task(feats, np.array([vocab.get(i, -1) for i in log.items], dtype=np.int64),
                np.array([m.KIND_INDEX.get(k, m.OTHER_KIND) for k in log.kinds], dtype=np.int64),
                np.array([guess_chance(k, n) for k, n in zip(log.kinds, log.n_options)], dtype=np.float32), y, True)


def task_from_quiz(responses: list[tuple[str, int]], vocab: dict[str, int]) -> Task:
    """Quiz answers, each a first answer of a distinct item (new-item memory state)."""
    n = len(responses)
    return Task(np.tile(NEW_ITEM_FEATURES, (n, 1)), np.array([vocab.get(i, -1) for i, _ in responses], dtype=np.int64),
                np.full(n, m.OTHER_KIND, dtype=np.int64), np.zeros(n, dtype=np.float32),
                np.array([c for _, c in responses], dtype=np.float32), False)


def _pick(task: Task, rng: np.random.Generator, window: int, query: int,
          support_sizes: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
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


def make_batch(tasks: list[Task], rngs: list[np.random.Generator], window: int = 256, query: int = 64,
               support_sizes: npt.NDArray[np.int64] = SUPPORT_SIZES) -> Batch:
    """One episode per task, each drawn with its own generator (so a student's episode does not depend on
    which process of a data-parallel run builds it)."""
    picks = [_pick(t, rng, window, query, support_sizes) for t, rng in zip(tasks, rngs)]
    length = max(len(s) + len(q) for s, q in picks)
    b = len(tasks)
    out: dict[str, np.ndarray] = {
           "feats": np.zeros((b, length, N_FEATURES), np.float32), "item": np.full((b, length), -1, np.int64),
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


def episode_loss(params: m.Params, batch: Batch, config: m.ModelConfig, steps: int,
                 item_prior: float = 0.0) -> torch.Tensor:
    """Mean over students of the query log loss after `steps` adaptation steps on the support rows, plus
    `item_prior` times the prior on the parameters of the items each student answered."""
    b, length = batch["y"].shape
    base, design = m.row_terms(params, batch["feats"].reshape(b * length, -1), batch["item"].reshape(-1),
                               batch["kind"].reshape(-1), tuple(config["h_cols"]))
    base, design = base.reshape(b, length), design.reshape(b, length, -1)
    tau = params["log_tau"].exp()
    phi0 = params["phi0"]
    phi = phi0.expand(b, -1)
    if steps:
        def one(base_s: torch.Tensor, design_s: torch.Tensor, guess_s: torch.Tensor, y_s: torch.Tensor,
                w_s: torch.Tensor) -> torch.Tensor:
            return m.adapt(phi0, phi0, tau, base_s, design_s, guess_s, y_s, w_s, steps)

        phi = vmap(one)(base, design, batch["guess"], batch["y"], batch["support"])
    z = base + (design @ phi[:, :, None])[..., 0]
    losses = m.nll(m.probability(z, batch["guess"]), batch["y"]) * batch["query"]
    counts = batch["query"].sum(1)
    has = counts > 0
    per_student = losses.sum(1) / counts.clamp(min=1)
    if item_prior and params["item_b"].numel():
        per_student = per_student + item_prior * answered_item_prior(params, batch)
    loss: torch.Tensor = per_student[has].mean()
    return loss


def answered_item_prior(params: m.Params, batch: Batch) -> torch.Tensor:
    """Per student, the mean squared offset of the answered items' parameters from the new-item values.

    Only items in the batch get a gradient from it: a prior over the whole item table would, under Adam's
    per-parameter scaling, pull every item absent from the batch towards the new-item values by the full
    learning rate at every step."""
    item = batch["item"]
    rows = ((item >= 0) & ((batch["support"] + batch["query"]) > 0)).float()
    idx = item.clamp(min=0)
    offset = ((params["item_b"][idx] - params["new_b"]) ** 2
              + ((params["item_s"][idx] - params["new_s"]) ** 2).sum(-1))
    prior: torch.Tensor = (offset * rows).sum(1) / rows.sum(1).clamp(min=1)
    return prior


@dataclass
class TrainSpec:
    steps: int = 1500
    batch: int = 64
    lr: float = 0.01
    seed: int = 0
    adapt_steps: int = 5  # 0 trains the pooled (not meta-learned) baseline
    penalty: float = 0.01  # weight of the prior on answered items' parameters
    support_sizes: tuple[int, ...] = tuple(SUPPORT_SIZES.tolist())  # how many answers an episode adapts on
    frozen: tuple[str, ...] = ()  # parameters kept as they start (a class fit may learn item parameters only)
    # Items with fewer training answers keep their starting parameters: episode by episode, a rarely answered
    # item's parameters follow whichever student answered it last (Adam scales rare gradients up to full steps).
    min_item_answers: int = 0


def _checkpoint_save(path: Path, params: m.Params, opt: torch.optim.Adam, step: int) -> None:
    tensors = {f"param.{k}": v.detach() for k, v in params.items()}
    for k, v in params.items():
        state = opt.state.get(v, {})
        for name in ("exp_avg", "exp_avg_sq"):
            if name in state:
                tensors[f"opt.{k}.{name}"] = state[name]
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file({k: t.contiguous() for k, t in tensors.items()}, str(path), metadata={"step": str(step)})


def _checkpoint_load(path: Path, params: m.Params, opt: torch.optim.Adam) -> int:
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


def _step_loss(params: m.Params, groups: list[Group], weights: npt.NDArray[np.float64], config: m.ModelConfig,
               spec: TrainSpec, step: int,
               rank: int, size: int) -> torch.Tensor:
    """This process's share of the step's batch loss: every rank draws the same students (one generator per
    step), rank r scores its contiguous slice, pre-scaled by (slice / batch) so the summed gradients are the
    whole batch's mean, as one process would compute it."""
    draw = np.random.default_rng([spec.seed, step])
    tasks = groups[int(draw.choice(len(groups), p=weights))][0]
    # A batch at least as large as the group takes every task once: a class is small enough that each step
    # can see every student, so each item's gradient is the sum over all its answers, not one student's.
    chosen = np.arange(len(tasks)) if spec.batch >= len(tasks) else draw.integers(0, len(tasks), spec.batch)
    mine = np.array_split(np.arange(len(chosen)), size)[rank]
    if not len(mine):
        return torch.stack([v.sum() * 0.0 for v in params.values()]).sum()  # every parameter gets a gradient
    batch = make_batch([tasks[int(chosen[k])] for k in mine],
                       [np.random.default_rng([spec.seed, step, int(k)]) for k in mine],
                       support_sizes=np.asarray(spec.support_sizes))
    device = params["phi0"].device
    batch = {k: v.to(device) for k, v in batch.items()}
    return episode_loss(params, batch, config, spec.adapt_steps, spec.penalty) * (len(mine) / len(chosen))


def item_answer_counts(groups: list[Group], n_items: int) -> npt.NDArray[np.int64]:
    """How many training answers each population item has."""
    counts = np.zeros(n_items, dtype=np.int64)
    for tasks, _ in groups:
        for task in tasks:
            counts += np.bincount(task.item[task.item >= 0], minlength=n_items)[:n_items]
    return counts


def _freeze_rare_items(params: m.Params, groups: list[Group], min_answers: int) -> None:
    """Zero the gradient of item rows answered fewer than `min_answers` times in the training tasks (Adam
    never moves a parameter whose gradient has always been zero)."""
    counts = item_answer_counts(groups, params["item_b"].shape[0])
    keep = torch.from_numpy(counts >= min_answers).to(params["item_b"].device)
    for name in ("item_b", "item_s"):
        if params[name].requires_grad:
            mask = keep.reshape((-1,) + (1,) * (params[name].dim() - 1)).to(params[name].dtype)
            params[name].register_hook(lambda g, mask=mask: g * mask)


def train(groups: list[Group], config: m.ModelConfig, spec: TrainSpec, checkpoint: Path | None = None,
          progress: Callable[[int, float], None] | None = None, start: m.Params | None = None,
          regularizer: Callable[[m.Params], torch.Tensor] | None = None,
          device: torch.device | None = None) -> m.Params:
    """Meta-train on groups of tasks (each group drawn with its weight), from `start` or a fresh initialisation;
    resumes from `checkpoint` if present. Under torchrun the batch is split across processes and the gradients
    summed, so any number of processes trains the same model. `regularizer` (a prior on the parameters, if
    given) is added once per step, whatever the number of processes."""
    rank, size = parallel.world()
    torch.manual_seed(spec.seed)
    source = start if start is not None else m.init_params(config, spec.seed)
    # Sorted names: a safetensors load gives each process its own key order, and the summed gradients need one.
    params = {k: source[k].detach().clone().to(device or "cpu") for k in sorted(source)}
    trained = [params[k] for k in params if k not in spec.frozen]
    for v in trained:
        v.requires_grad_()
    if spec.min_item_answers:
        _freeze_rare_items(params, groups, spec.min_item_answers)
    opt = torch.optim.Adam(trained, lr=spec.lr)
    first = _checkpoint_load(checkpoint, params, opt) if checkpoint is not None and checkpoint.exists() else 0
    weights = np.array([w for _, w in groups], dtype=np.float64)
    weights /= weights.sum()
    last_save, running = time.monotonic(), None
    for step in range(first, spec.steps):
        loss = _step_loss(params, groups, weights, config, spec, step, rank, size)
        total = loss + regularizer(params) / size if regularizer is not None else loss
        opt.zero_grad()
        total.backward()
        if size > 1:
            parallel.sum_gradients(trained)
        torch.nn.utils.clip_grad_norm_(trained, 5.0)
        opt.step()
        with torch.no_grad():
            params["log_tau"].clamp_(-6.0, 8.0)
            # The prior mean is a student vector too: it must not let recall rise with time (model.project).
            params["phi0"].copy_(m.project(params["phi0"], params["phi0"]))
        value = loss.item() * size  # this rank's slice, as a batch mean
        running = value if running is None else 0.98 * running + 0.02 * value
        if progress is not None:
            progress(step + 1, running)
        if checkpoint is not None and rank == 0 and (time.monotonic() - last_save > 30 or step + 1 == spec.steps):
            _checkpoint_save(checkpoint, params, opt, step + 1)
            last_save = time.monotonic()
    return {k: v.detach().cpu() for k, v in params.items()}
