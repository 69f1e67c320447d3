"""Data-parallel helpers for meta-training under `torchrun`: gloo on CPUs, NCCL where CUDA exists.

Outside torchrun everything here is a no-op and training runs as one process.
"""

from __future__ import annotations

import os

import torch
import torch.distributed as dist


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


def sum_gradients(tensors: list[torch.Tensor]) -> None:
    """Sum the gradients of `tensors` across ranks in one collective call. A tensor this rank's loss did not
    reach has no gradient yet: it counts as zero, so every rank still joins the same collective."""
    grads: list[torch.Tensor] = []
    for t in tensors:
        if t.grad is None:
            t.grad = torch.zeros_like(t)
        grads.append(t.grad)
    flat = torch.cat([g.reshape(-1) for g in grads])
    dist.all_reduce(flat)
    offset = 0
    for g in grads:
        g.copy_(flat[offset: offset + g.numel()].view_as(g))
        offset += g.numel()
