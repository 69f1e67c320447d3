"""Throughput of data-parallel class training: 1 vs 2 processes (torchrun, gloo on CPUs), students per second.

    python -m studyapp.classroom.bench --assist2009 ../shared/data/assist2009 [--steps 10] [--batch 64]

Each run starts its own torchrun; the figure is the training loop only (reading the data is not counted).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

PATTERN = re.compile(r"(\d+) process\(es\): .* in ([\d.]+) s, ([\d.]+) students/s")


def run(processes: int, args) -> tuple[float, float]:
    # One thread per process: on a busy machine a process's OpenMP threads spin-wait for each other on shared
    # cores (one process with two threads ran at 45-115 students/s, with one at about 1,000).
    env = dict(os.environ, OMP_NUM_THREADS="1")
    done = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", str(processes),
         "-m", "studyapp.classroom.distributed", "--assist2009", str(args.assist2009),
         "--steps", str(args.steps), "--batch", str(args.batch)],
        env=env, capture_output=True, text=True)
    found = PATTERN.search(done.stdout)
    if done.returncode or not found:
        raise SystemExit(f"the {processes}-process run failed: {done.stderr.strip()[-500:]}")
    return float(found.group(2)), float(found.group(3))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="studyapp.classroom.bench")
    p.add_argument("--assist2009", type=Path, default=Path("../shared/data/assist2009"))
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = p.parse_args(argv)
    if not sorted(args.assist2009.glob("assist2009_pid_test*.csv")):
        print(f"skipped: no assist2009 files in {args.assist2009} (give --assist2009)", file=sys.stderr)
        return 0
    print(f"class training, {args.steps} steps of {args.batch} students, {os.cpu_count()} CPU(s)")
    base = None
    for n in args.processes:
        seconds, rate = run(n, args)
        base = base or rate
        print(f"  {n} process(es): {seconds:7.1f} s  {rate:7.1f} students/s  (x{rate / base:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
