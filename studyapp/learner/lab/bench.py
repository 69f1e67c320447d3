"""`studyapp bench learner`: per-answer adaptation latency, scoring latency, peak memory, import and load time.

Runs torch on one thread (the targets are per core). Histories are synthetic: answers spread over items
and days, a tenth of the items from the model's population vocabulary.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from studyapp.content.model import grade_of

if TYPE_CHECKING:
    from studyapp.learner.runtime import Answer, ItemInfo, StudentModel

HISTORIES = (100, 1000, 10_000, 100_000)
REFIT_HISTORIES = (10_000, 100_000)  # the slow refit of the student's memory curve (off the GUI thread)
SCORED = (1000, 10_000, 50_000)


def _quantiles(samples: list[float]) -> dict[str, float]:
    ms = np.asarray(samples) * 1000.0
    return {"p50": round(float(np.percentile(ms, 50)), 3), "p95": round(float(np.percentile(ms, 95)), 3)}


def _torch_import_s() -> float:
    code = "import time; t = time.perf_counter(); import torch; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def _history(n: int, known: list[str], rng: np.random.Generator) -> tuple[list[Answer], list[ItemInfo]]:
    from studyapp.learner.runtime import Answer, ItemInfo

    n_items = max(10, n // 8)
    items = [ItemInfo(known[k % len(known)] if known and k % 10 == 0 else f"card{k}#0", "basic", 0)
             for k in range(n_items)]
    times = np.sort(rng.uniform(0, 365 * 86400.0, n))
    picks = rng.integers(0, n_items, n)
    correct = rng.random(n) < 0.8
    return [Answer(items[i], float(t), int(c), grade_of(int(c), None)) for i, t, c in zip(picks, times, correct)], items


def measure(model_path: Path | None = None, repeats: int = 20, seed: int = 0, histories: Sequence[int] = HISTORIES,
            scored: Sequence[int] = SCORED) -> dict[str, Any]:
    import torch

    from studyapp.learner.runtime import Answer, ItemInfo, Learner

    torch.set_num_threads(1)
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    learner = Learner.load(model_path)
    load_s = time.perf_counter() - start
    known = list(learner.card["items"])
    result: dict[str, Any] = {"threads": 1, "repeats": repeats, "model_load_ms": round(load_s * 1000, 2),
                    "torch_import_ms": round(_torch_import_s() * 1000, 1), "adapt_ms": {}, "build_ms": {},
                    "score_ms": {}, "score_first_ms": {}, "refit_ms": {}}
    scorer: StudentModel | None = None
    scorer_items: list[ItemInfo] = []
    for n in histories:
        history, items = _history(n, known, rng)
        start = time.perf_counter()
        student = learner.student(history)
        result["build_ms"][str(n)] = round((time.perf_counter() - start) * 1000, 1)
        student.adapt()
        samples, observed = [], []
        t_last = history[-1].timestamp_s
        for k in range(repeats):
            answer = Answer(items[k % len(items)], t_last + 60.0 * (k + 1), k % 2, grade_of(k % 2, None))
            observed.append(answer)
            start = time.perf_counter()
            student.observe(answer)
            student.adapt()
            samples.append(time.perf_counter() - start)
        result["adapt_ms"][str(n)] = _quantiles(samples)
        if n in REFIT_HISTORIES:
            result["refit_ms"][str(n)] = _refit_ms(student, history + observed)
        if scorer is None or n <= 10_000:
            scorer, scorer_items = student, items
    if scorer is None:
        raise ValueError("the learner bench needs at least one history length")
    for n in scored:
        batch = [scorer_items[k] if k < len(scorer_items) else ItemInfo(f"other{k}#0", "choice", 4) for k in range(n)]
        # The first call on a deck also builds its per-item arrays; the repeats reuse them.
        start = time.perf_counter()
        scorer.predict(batch, 400 * 86400.0)
        result["score_first_ms"][str(n)] = round((time.perf_counter() - start) * 1000, 2)
        samples = []
        for k in range(repeats):
            start = time.perf_counter()
            scorer.predict(batch, 400 * 86400.0 + 60.0 * k)
            samples.append(time.perf_counter() - start)
        result["score_ms"][str(n)] = _quantiles(samples)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def _refit_ms(student: StudentModel, history: Sequence[Answer]) -> dict[str, float]:
    """The memory-curve refit from the population's start (a first fit), then again from its own last fit with
    the same answers (what a session's save does)."""
    from studyapp.learner.features import FSRS6_DEFAULT, FsrsState
    from studyapp.learner.runtime import AnswerLog

    student.memory_w, student.memory = FSRS6_DEFAULT, FsrsState(FSRS6_DEFAULT)
    log = AnswerLog.of(history)  # as a session reads its log: columns, before the clock starts
    start = time.perf_counter()
    student.refit_memory(log)
    first = time.perf_counter() - start
    start = time.perf_counter()
    student.refit_memory(log)
    return {"first": round(first * 1000, 1), "again": round((time.perf_counter() - start) * 1000, 1)}


def format_report(r: dict[str, Any]) -> str:
    lines = [f"torch import {r['torch_import_ms']:.0f} ms, model load {r['model_load_ms']:.1f} ms, "
             f"peak RSS {r['peak_rss_mb']:.0f} MB, 1 thread, {r['repeats']} repeats",
             "observe one answer + adapt (K <= 5 steps), by history length:"]
    for n, q in r["adapt_ms"].items():
        lines.append(f"  {int(n):>7} answers  p50 {q['p50']:8.2f} ms  p95 {q['p95']:8.2f} ms"
                     f"  (building the student from the log once: {r['build_ms'][n]:.0f} ms)")
    for n, q in r["refit_ms"].items():
        lines.append(f"  refit of the memory curve at {int(n):>7} answers: first {q['first']:.0f} ms, "
                     f"again {q['again']:.0f} ms")
    lines.append("predict p(correct) for a student with a 10k-answer history, the same items again each time:")
    for n, q in r["score_ms"].items():
        lines.append(f"  {int(n):>7} items    p50 {q['p50']:8.2f} ms  p95 {q['p95']:8.2f} ms"
                     f"  (first call on these items: {r['score_first_ms'][n]:.1f} ms)")
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    result = measure(args.model, args.repeats)
    print(json.dumps(result) if getattr(args, "json", False) else format_report(result))
    return 0
