"""Build the training tasks from the shared data folder and simulated learners; train and write a model file."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from studyapp.learner import model as m
from studyapp.learner.lab import meta
from studyapp.learner.lab.data import read_akt, read_dense
from studyapp.learner.lab.simulate import Population, simulate_population
from studyapp.learner.modelfile import save_model

SHIPPED_PREFIXES = ("fractions-",)  # population items the app ships a deck for
# Each source: (folder, file glob, reader, key prefix, weight in the task mixture).
QUIZ_SOURCES = (
    ("dense-irt", "fractionsdata.txt", "dense", "fractions-", 0.15),
    ("dense-irt", "items_ecpe.txt", "dense", "ecpe-", 0.1),
    ("assist2009", "assist2009_pid_test*.csv", "akt-pid", "assist2009-", 0.15),
    ("statics2011", "statics_test*.csv", "akt", "statics-", 0.1),
)
FLASHCARD_WEIGHT = 0.5


def quiz_key(prefix: str, item: str) -> str:
    """Population item keys; the dense decks use the app's "<guid>#<ord>" form (fractions-Item01#0)."""
    return f"{prefix}{item}#0" if prefix in ("fractions-", "ecpe-") else f"{prefix}{item}"


def read_quiz(path: Path, fmt: str) -> list[tuple[str, list[tuple[str, int]]]]:
    if fmt == "dense":
        return read_dense(path)
    return read_akt(path, with_pid=(fmt == "akt-pid"))


def build_groups(data_dir: Path | None, n_sim: int, seed: int,
                 log: Callable[[str], None] = print) -> tuple[list[meta.Group], dict[str, int], dict[str, Any]]:
    """Task groups with mixture weights, the population item vocabulary, and a description for the card."""
    population, population_name = Population(), "median"
    pop_file = data_dir / "fsrs-population" / "fsrs5_user_parameters_summary.json" if data_dir else None
    if pop_file is not None and pop_file.exists():
        population, population_name = Population.from_file(pop_file), pop_file.name
    logs = simulate_population(n_sim, seed=seed, population=population)
    groups: list[meta.Group] = [([meta.task_from_log(lg) for lg in logs], FLASHCARD_WEIGHT)]
    sources: dict[str, Any] = {"simulated-flashcards": {"students": n_sim, "answers": sum(len(lg) for lg in logs),
                                                        "population": population_name}}
    log(f"simulated {n_sim} flashcard learners ({sources['simulated-flashcards']['answers']} answers)")
    vocab: dict[str, int] = {}
    for folder, pattern, fmt, prefix, weight in QUIZ_SOURCES:
        files = sorted((data_dir / folder).glob(pattern)) if data_dir else []
        if not files:
            log(f"skipping {folder}/{pattern}: not found")
            continue
        students = [s for f in files for s in read_quiz(f, fmt)]
        tasks = []
        for _, responses in students:
            keyed = [(quiz_key(prefix, i), c) for i, c in responses]
            for key, _ in keyed:
                vocab.setdefault(key, len(vocab))
            if len(keyed) >= 2:
                tasks.append(meta.task_from_quiz(keyed, vocab))
        groups.append((tasks, weight))
        sources[f"{folder}/{pattern}"] = {"students": len(tasks), "answers": int(sum(len(t) for t in tasks))}
        log(f"read {folder}/{pattern}: {len(tasks)} students, {sources[f'{folder}/{pattern}']['answers']} answers")
    return groups, vocab, sources


def keep_items(params: m.Params, vocab: dict[str, int], prefixes: tuple[str, ...]) -> tuple[m.Params, list[str]]:
    keys = [k for k in vocab if k.startswith(prefixes)]
    idx = np.array([vocab[k] for k in keys], dtype=np.int64)
    out = dict(params)
    out["item_b"] = params["item_b"][idx]
    out["item_s"] = params["item_s"][idx]
    return out, keys


def progress_printer(total: int, stream: TextIO = sys.stderr) -> Callable[[int, float], None]:
    start = time.monotonic()
    every = max(1, total // 50)

    def report(step: int, loss: float) -> None:
        if step % every == 0 or step == total:
            elapsed = time.monotonic() - start
            print(f"step {step}/{total}  loss {loss:.4f}  {elapsed:.0f}s", file=stream, flush=True)

    return report


def train_model(data_dir: Path | None, out: Path, spec: meta.TrainSpec, n_sim: int, dim: int = 3,
                hidden: int = 32, resume: bool = True, log: Callable[[str], None] = print) -> dict[str, Any]:
    groups, vocab, sources = build_groups(data_dir, n_sim, spec.seed, log)
    config = m.default_config(len(vocab), dim=dim, hidden=hidden, steps=5)
    checkpoint = out.with_suffix(".ckpt")
    if not resume and checkpoint.exists():
        checkpoint.unlink()
    started = time.time()
    params = meta.train(groups, config, spec, checkpoint, progress_printer(spec.steps))
    shipped, keys = keep_items(params, vocab, SHIPPED_PREFIXES)
    config = {**config, "n_items": len(keys)}
    card = {
        "name": "pooled" if spec.adapt_steps == 0 else "meta-learned",
        "training": {"sources": sources,
                     "held_out": "every real Anki review log (anki-revlog-josh, anki-revlogs-open): kept for the "
                                 "memory evaluation",
                     "steps": spec.steps, "batch": spec.batch, "lr": spec.lr, "seed": spec.seed,
                     "inner_steps": spec.adapt_steps, "seconds": round(time.time() - started, 1)},
        "metrics": {},
    }
    card = save_model(out, shipped, config, keys, card)
    checkpoint.unlink(missing_ok=True)
    return card
