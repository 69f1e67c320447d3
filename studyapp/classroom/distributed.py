"""Meta-training that starts from given parameters and runs data-parallel under `torchrun`.

One process or many give the same model: every rank draws the same students for a step (one seed), each
student's episode comes from its own generator seeded by (seed, step, position in the batch), rank r builds
and scores only its contiguous slice of the batch, and the gradients are summed across ranks with each
rank's loss pre-scaled by (its slice / the batch) -- the average over the whole batch, as DDP computes it.
Backend: gloo on CPUs, NCCL when CUDA is present.

Single machine, 2 processes:
    torchrun --standalone --nproc_per_node 2 -m studyapp.classroom.distributed BUNDLE... --out PARAMS
A cluster (run the same line on every machine, NODE = 0..N-1, HOST = machine 0):
    torchrun --nnodes N --node_rank NODE --nproc_per_node P --master_addr HOST --master_port 29500 \
        -m studyapp.classroom.distributed BUNDLE... --out PARAMS
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.distributed as dist

from studyapp.learner import meta
from studyapp.learner import model as m

ANCHORED = ("new_b", "new_s", "kind_b", "w1", "b1", "w2", "b2", "phi0", "log_tau")


@dataclass
class FitSpec:
    steps: int = 60
    batch: int = 32
    lr: float = 0.02
    seed: int = 0
    adapt_steps: int = 5
    item_prior: float = 0.05  # per item, towards the new-item values: an item one student answered moves little
    anchor: float = 1.0  # keeps the population parameters near the shipped model: a class is small
    items_only: bool = False  # learn only the class's item parameters; the population ones stay as shipped
    support_sizes: tuple[int, ...] = tuple(meta.SUPPORT_SIZES.tolist())


def world() -> tuple[int, int]:
    """(rank, world size): (0, 1) outside torchrun."""
    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


def init_from_env() -> torch.device:
    """Join the process group torchrun describes in the environment; the device this rank computes on."""
    if "RANK" not in os.environ:
        return torch.device("cpu")
    if torch.cuda.is_available():
        local = int(os.environ.get("LOCAL_RANK", 0))
        torch.cuda.set_device(local)
        dist.init_process_group("nccl")
        return torch.device("cuda", local)
    dist.init_process_group("gloo")
    return torch.device("cpu")


def finish() -> None:
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()


def _collate(parts: list[dict]) -> dict:
    """Stack one-student batches, padding with rows that are neither support nor query (they score nothing)."""
    length = max(p["y"].shape[1] for p in parts)
    fill = {"item": -1, "kind": m.OTHER_KIND}
    out = {}
    for key in parts[0]:
        padded = []
        for p in parts:
            t = p[key]
            extra = length - t.shape[1]
            if extra:
                pad = torch.full((1, extra) + tuple(t.shape[2:]), fill.get(key, 0), dtype=t.dtype)
                t = torch.cat([t, pad], dim=1)
            padded.append(t)
        out[key] = torch.cat(padded)
    return out


def shard_batch(tasks: list[meta.Task], chosen: np.ndarray, spec: FitSpec, step: int, rank: int, size: int):
    """This rank's slice of the step's batch, or None when the slice is empty."""
    positions = np.array_split(np.arange(len(chosen)), size)[rank]
    if not len(positions):
        return None
    sizes = np.asarray(spec.support_sizes)
    parts = [meta.make_batch([tasks[int(chosen[k])]], np.random.default_rng([spec.seed, step, int(k)]),
                             support_sizes=sizes) for k in positions]
    return _collate(parts), len(positions)


def _flat_all_reduce(params: dict) -> None:
    """Sum every gradient across ranks in one collective call."""
    grads = [p.grad for p in params.values() if p.requires_grad]
    flat = torch.cat([g.reshape(-1) for g in grads])
    dist.all_reduce(flat)
    offset = 0
    for g in grads:
        g.copy_(flat[offset: offset + g.numel()].view_as(g))
        offset += g.numel()


def item_prior(params: dict, n_students: int) -> torch.Tensor:
    """A Gaussian prior on every item's offset from the new-item values, summed over items and scaled as the
    data loss is (per student), so its weight does not fade as the class's item table grows (meta.item_penalty
    averages over items: with thousands of items an item seen by one student would be free to overfit)."""
    return (((params["item_b"] - params["new_b"]) ** 2).sum()
            + ((params["item_s"] - params["new_s"]) ** 2).sum()) / n_students


def fit(start: dict, config: dict, tasks: list[meta.Task], spec: FitSpec, device: torch.device | None = None,
        progress: Callable[[int, float], None] | None = None) -> dict:
    """Meta-train from `start` on the tasks (each with at least 2 answers, so every episode has a query).

    Should move into learner/meta.py as `train(..., start=params)` with this gradient hook, so there is one loop."""
    rank, size = world()
    device = device or torch.device("cpu")
    # Sorted names: a safetensors load gives each process its own key order, and the flat all-reduce needs one.
    params = {k: start[k].detach().clone().to(device) for k in sorted(start)}
    trained = [k for k in params if not (spec.items_only and k in ANCHORED)]
    for k in trained:
        params[k].requires_grad_()
    anchor = {k: start[k].detach().clone().to(device) for k in ANCHORED}
    opt = torch.optim.Adam([params[k] for k in trained], lr=spec.lr)
    pick = np.random.default_rng(spec.seed)
    for step in range(spec.steps):
        chosen = pick.integers(0, len(tasks), spec.batch)
        shard = shard_batch(tasks, chosen, spec, step, rank, size)
        if shard is None:
            loss = sum(params[k].sum() * 0.0 for k in trained)
        else:
            batch, n = shard
            batch = {k: v.to(device) for k, v in batch.items()}
            loss = meta.episode_loss(params, batch, config, spec.adapt_steps) * (n / spec.batch)
        drift = sum(((params[k] - anchor[k]) ** 2).sum() for k in ANCHORED)
        total = loss + (spec.item_prior * item_prior(params, len(tasks)) + spec.anchor * drift) / size
        opt.zero_grad()
        total.backward()
        if size > 1:
            _flat_all_reduce(params)
        torch.nn.utils.clip_grad_norm_([params[k] for k in trained], 5.0)
        opt.step()
        with torch.no_grad():
            params["log_tau"].clamp_(-6.0, 8.0)
        if progress is not None:
            progress(step + 1, float(loss))
    return {k: v.detach().cpu() for k, v in params.items()}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="studyapp.classroom.distributed",
                                description="data-parallel meta-training on class bundles (run under torchrun)")
    p.add_argument("bundles", nargs="*", type=Path)
    p.add_argument("--assist2009", type=Path, help="instead of bundles: every student of this assist2009 folder "
                                                   "(a district-sized class, for benchmarks)")
    p.add_argument("--model", type=Path, help="the model to start from (default: the shipped model)")
    p.add_argument("--out", type=Path, help="write the trained parameters here (.safetensors, rank 0)")
    p.add_argument("--steps", type=int, default=FitSpec.steps)
    p.add_argument("--batch", type=int, default=FitSpec.batch)
    p.add_argument("--seed", type=int, default=0)
    return p


def main(argv: list[str] | None = None) -> int:
    from safetensors.torch import save_file

    from studyapp.classroom.bundle import BundleError
    from studyapp.classroom.training import ClassroomError, class_start, district_start, read_class

    parser = _parser()
    args = parser.parse_args(argv)
    if not args.bundles and not args.assist2009:
        parser.error("give class bundles or --assist2009 DIR")
    device = init_from_env()
    rank, size = world()
    try:
        start = district_start(args.assist2009, args.model) if args.assist2009 else \
            class_start(read_class(args.bundles), args.model)
    except (BundleError, ClassroomError) as exc:
        print(f"studyapp: {exc}", file=sys.stderr)
        return 1
    spec = FitSpec(steps=args.steps, batch=args.batch, seed=args.seed)
    began = time.perf_counter()
    params = fit(start.params, start.config, start.tasks, spec, device)
    seconds = time.perf_counter() - began
    if rank == 0:
        print(f"{size} process(es): {spec.steps} steps of {spec.batch} students in {seconds:.1f} s, "
              f"{spec.steps * spec.batch / seconds:.1f} students/s")
        if args.out:
            save_file({k: v.contiguous() for k, v in params.items()}, str(args.out))
    finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
