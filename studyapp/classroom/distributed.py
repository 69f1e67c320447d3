"""Meta-training that starts from given parameters and runs data-parallel under `torchrun`.

The training loop is learner/lab/meta.py's `train`, which splits each step's batch across the torchrun processes
and sums their gradients, so one process or many give the same model. Backend: gloo on CPUs, NCCL when CUDA
is present.

Single machine, 2 processes:
    torchrun --standalone --nproc_per_node 2 -m studyapp.classroom.distributed BUNDLE... --out PARAMS
A cluster (run the same line on every machine, NODE = 0..N-1, HOST = machine 0):
    torchrun --nnodes N --node_rank NODE --nproc_per_node P --master_addr HOST --master_port 29500 \
        -m studyapp.classroom.distributed BUNDLE... --out PARAMS
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch

from studyapp.learner.lab import meta, parallel

ANCHORED = ("new_b", "new_s", "kind_b", "w1", "b1", "w2", "b2", "phi0", "log_tau")
# A class answers each of its items a handful of times: enough to place an item's difficulty (with its skill's
# help), not its loadings on the student dimensions, which only fitted noise (AUC for new students fell by
# 2-4 points at n = 10 when they were learned).
LOADINGS = ("item_s",)


@dataclass
class FitSpec:
    steps: int = 60
    batch: int = 64  # a class of up to 64 students is seen whole at every step
    lr: float = 0.02
    seed: int = 0
    adapt_steps: int = 5
    item_prior: float = 0.05  # answered items towards the new-item values: an item one student answered moves little
    anchor: float = 1.0  # keeps the population parameters near the shipped model: a class is small
    items_only: bool = False  # learn only the class's item difficulties; the population ones stay as shipped
    support_sizes: tuple[int, ...] = tuple(meta.SUPPORT_SIZES.tolist())


def fit(start: dict, config: dict, tasks: list[meta.Task], spec: FitSpec, device: torch.device | None = None,
        progress: Callable[[int, float], None] | None = None) -> dict:
    """Meta-train from `start` on the class's tasks (each with at least 2 answers, so every episode has a query),
    with the class priors: items near the new-item values, population parameters near the shipped model; item
    loadings stay as they start."""
    anchor = {k: start[k].detach().clone().to(device or "cpu") for k in ANCHORED}

    def drift(params: dict) -> torch.Tensor:
        return spec.anchor * sum(((params[k] - anchor[k]) ** 2).sum() for k in ANCHORED)

    train_spec = meta.TrainSpec(steps=spec.steps, batch=spec.batch, lr=spec.lr, seed=spec.seed,
                                adapt_steps=spec.adapt_steps, penalty=spec.item_prior,
                                support_sizes=spec.support_sizes,
                                frozen=LOADINGS + (ANCHORED if spec.items_only else ()))
    return meta.train([(tasks, 1.0)], config, train_spec, progress=progress, start=start,
                      regularizer=drift, device=device)


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
    from studyapp.classroom.errors import ClassroomError
    from studyapp.classroom.training import class_start, district_start, read_class

    parser = _parser()
    args = parser.parse_args(argv)
    if not args.bundles and not args.assist2009:
        parser.error("give class bundles or --assist2009 DIR")
    device = parallel.init_from_env()
    rank, size = parallel.world()
    try:
        start = district_start(args.assist2009, args.model) if args.assist2009 else \
            class_start(read_class(args.bundles), args.model)
    except (BundleError, ClassroomError) as exc:
        print(f"studyapp: {exc}", file=sys.stderr)
        return 1
    spec = FitSpec(steps=args.steps, batch=args.batch, seed=args.seed)
    began = time.perf_counter()
    params = start.fit(start.tasks, spec, device)
    seconds = time.perf_counter() - began
    if rank == 0:
        batch = min(spec.batch, len(start.tasks))
        print(f"{size} process(es): {spec.steps} steps of {batch} students in {seconds:.1f} s, "
              f"{spec.steps * batch / seconds:.1f} students/s")
        if args.out:
            save_file({k: v.contiguous() for k, v in params.items()}, str(args.out))
    parallel.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main())
