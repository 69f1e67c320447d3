"""The teacher's model: the shipped model re-meta-trained on the class's pooled bundles, checked on held-out students.

The class's own items (every item of the decks its students answered in) join the model's item table, starting
at the new-item difficulty so that the starting model predicts exactly as the shipped one; training learns their
population difficulty, and where items carry skill tags each item's difficulty is then pooled with its skill's
(an item no classmate answered takes its skill's: a new student mostly meets such items). Some students
are held out; before and after training the same protocol scores them: adapt on each held-out student's
first n answers (n = 1, 3, 5, 10), predict all their later answers. A model with a higher held-out log loss
than the shipped one is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from studyapp.classroom.bundle import StudentBundle
from studyapp.classroom.distributed import FitSpec, fit
from studyapp.classroom.errors import ClassroomError
from studyapp.learner import model as m
from studyapp.learner.lab import meta
from studyapp.learner.lab.data import StudentLog
from studyapp.learner.lab.metrics import auc, log_loss
from studyapp.learner.lab.skills import shrink_to_skills, skill_index
from studyapp.learner.modelfile import read_model, save_model

PREFIXES = (1, 3, 5, 10)
MIN_ANSWERS = 2  # a student needs something to adapt on and something to predict
ASSIST2009_PREFIX = "assist2009-"


@dataclass
class ClassStart:
    """Everything training needs: the extended starting parameters and the class's students as tasks."""

    params: dict[str, torch.Tensor]
    config: dict
    items: list[str]
    tasks: list[meta.Task]
    card: dict  # the starting model's card
    skills: dict[str, str]  # item key -> skill tag, where the class's items carry one

    def fit(self, tasks: list[meta.Task], spec: FitSpec, device: torch.device | None = None,
            progress: Callable[[int, float], None] | None = None) -> dict:
        """Meta-train on `tasks` (some or all of the class), then pool the class items' difficulties by skill."""
        params = fit(self.params, self.config, tasks, spec, device=device, progress=progress)
        counts = meta.item_answer_counts([(tasks, 1.0)], len(self.items))
        added = np.arange(len(self.items)) >= len(self.card["items"])  # the shipped model's items stay as shipped
        skill = skill_index(self.items, self.skills, only=added)
        accuracy = float(np.mean(np.concatenate([t.y for t in tasks])))
        b = shrink_to_skills(params["item_b"].double().numpy(), counts, skill, accuracy,
                             default=float(params["new_b"][0]))
        return dict(params, item_b=torch.from_numpy(b).to(params["item_b"].dtype))


def read_class(paths: list[Path]) -> list[StudentBundle]:
    from studyapp.classroom.commands import read_bundles

    return read_bundles(list(paths))


def bundle_log(bundle: StudentBundle) -> StudentLog:
    log = StudentLog(bundle.pseudonym)
    for a in sorted(bundle.answers, key=lambda a: a.timestamp_ms):
        item = bundle.items[a.item_key]
        log.add(a.item_key, a.timestamp_ms / 1000.0, a.correct, a.grade, item.kind, item.n_options)
    return log


def extend_items(params: dict, config: dict, items: list[str], new_keys: list[str]) -> tuple[dict, dict, list[str]]:
    """Add rows for items the model does not know, at the new-item values (predictions unchanged)."""
    known = set(items)
    added = [k for k in dict.fromkeys(new_keys) if k not in known]
    out = dict(params)
    out["item_b"] = torch.cat([params["item_b"], params["new_b"].expand(len(added))])
    out["item_s"] = torch.cat([params["item_s"], params["new_s"].expand(len(added), -1)])
    return out, dict(config, n_items=len(items) + len(added)), items + added


def load_start(model: Path | None) -> tuple[dict, dict]:
    from studyapp.learner.runtime import default_model_path

    path = Path(model) if model is not None else default_model_path()
    card, params = read_model(path)
    return card, params


def class_start(bundles: list[StudentBundle], model: Path | None = None) -> ClassStart:
    """Tasks for every bundle with enough answers, over the starting model extended with the bundles' items."""
    card, params = load_start(model)
    logs = [bundle_log(b) for b in bundles if len(b.answers) >= MIN_ANSWERS]
    deck_items = {key: item.skill for b in bundles for key, item in b.items.items()}
    params, config, items = extend_items(params, card["config"], list(card["items"]),
                                         [k for lg in logs for k in lg.items] + list(deck_items))
    vocab = {k: i for i, k in enumerate(items)}
    return ClassStart(params, config, items, [meta.task_from_log(lg, vocab) for lg in logs], card,
                      {k: tag for k, tag in deck_items.items() if tag})


def start_from_quiz(card: dict, params: dict, students: list[list[tuple[str, int]]],
                    skills: dict[str, str]) -> ClassStart:
    """Quiz answers (each student's in their order) as a class over a bank of skill-tagged items."""
    params, config, items = extend_items(params, card["config"], list(card["items"]),
                                         [i for r in students for i, _ in r] + list(skills))
    vocab = {k: i for i, k in enumerate(items)}
    return ClassStart(params, config, items, [meta.task_from_quiz(r, vocab) for r in students], card, skills)


def district_start(folder: Path, model: Path | None = None) -> ClassStart:
    """Every assist2009 student as one pooled class (quiz answers in their order): data for benchmarks."""
    files = sorted(Path(folder).glob("assist2009_pid_test*.csv"))
    if not files:
        raise ClassroomError(f"{folder} holds no assist2009_pid_test*.csv files")
    students, skills = read_assist2009(files)
    card, params = load_start(model)
    return start_from_quiz(card, params, [r for _, r in students if len(r) >= MIN_ANSWERS], skills)


def read_assist2009(files: list[Path]) -> tuple[list[tuple[str, list[tuple[str, int]]]], dict[str, str]]:
    """The students of assist2009 answer files (item keys prefixed with the data's name) and each problem's
    skill tag (item metadata)."""
    from studyapp.learner.lab.data import read_akt, read_akt_skills

    students = [(sid, [(ASSIST2009_PREFIX + i, c) for i, c in r])
                for f in files for sid, r in read_akt(f, with_pid=True)]
    skills: dict[str, str] = {}
    for f in files:
        for item, tag in read_akt_skills(f).items():
            skills.setdefault(ASSIST2009_PREFIX + item, tag)
    return students, skills


def split_students(n: int, holdout: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(training, held-out) student indices; at least one of each."""
    if n < 2:
        raise ClassroomError(f"training needs at least 2 students with {MIN_ANSWERS} or more answers; "
                             f"the bundles hold {n}")
    order = np.random.default_rng(seed).permutation(n)
    n_hold = min(n - 1, max(1, int(round(holdout * n))))
    return np.sort(order[n_hold:]), np.sort(order[:n_hold])


def _finite(value: float) -> float | None:
    """AUC is undefined when the scored answers are all right or all wrong: None, so cards stay valid JSON."""
    return None if np.isnan(value) else value


def prefix_metrics(params: dict, config: dict, tasks: list[meta.Task], prefixes=PREFIXES) -> dict:
    """Adapt on each student's first n answers, predict all their later ones; AUC and log loss per n and pooled."""
    tau, phi0, steps = params["log_tau"].exp(), params["phi0"], int(config["steps"])
    ys, ps = {n: [] for n in prefixes}, {n: [] for n in prefixes}
    for task in tasks:
        with torch.no_grad():
            base, design = m.row_terms(params, torch.from_numpy(task.feats), torch.from_numpy(task.item),
                                       torch.from_numpy(task.kind), tuple(config["h_cols"]))
        guess, y = torch.from_numpy(task.guess), torch.from_numpy(task.y)
        for n in prefixes:
            if len(task) <= n:
                continue
            phi = m.safe_adapt(phi0, phi0, tau, base[:n], design[:n], guess[:n], y[:n], steps)
            with torch.no_grad():
                ps[n].append(m.probability(base[n:] + design[n:] @ phi, guess[n:]).double().numpy())
            ys[n].append(task.y[n:])
    by_n = {}
    for n in prefixes:
        if ys[n]:
            y, p = np.concatenate(ys[n]), np.concatenate(ps[n])
            by_n[str(n)] = {"auc": _finite(auc(y, p)), "log_loss": log_loss(y, p), "answers": int(len(y))}
    scored = [n for n in prefixes if ys[n]]
    y_all = np.concatenate([np.concatenate(ys[n]) for n in scored]) if scored else np.zeros(0)
    p_all = np.concatenate([np.concatenate(ps[n]) for n in scored]) if scored else np.zeros(0)
    return {"auc": _finite(auc(y_all, p_all)) if len(y_all) else None,
            "log_loss": log_loss(y_all, p_all) if len(y_all) else None,
            "answers": int(len(y_all)), "by_n": by_n}


@dataclass
class ClassResult:
    params: dict
    config: dict
    items: list[str]
    before: dict
    after: dict
    students: int
    held_out: int
    answers: int

    @property
    def better(self) -> bool:
        return self.after["log_loss"] <= self.before["log_loss"]


def train_class(start: ClassStart, spec: FitSpec, holdout: float,
                progress: Callable[[int, float], None] | None = None) -> ClassResult:
    train_idx, hold_idx = split_students(len(start.tasks), holdout, spec.seed)
    train = [start.tasks[i] for i in train_idx]
    held = [start.tasks[i] for i in hold_idx]
    before = prefix_metrics(start.params, start.config, held)
    params = start.fit(train, spec, progress=progress)
    after = prefix_metrics(params, start.config, held)
    return ClassResult(params, start.config, start.items, before, after, len(train), len(held),
                       int(sum(len(t) for t in train)))


def write_class_model(out: Path, result: ClassResult, start: ClassStart, spec: FitSpec) -> dict:
    card = {
        "name": "class",
        "training": {"start": {"name": start.card.get("name"), "sha256": start.card.get("sha256")},
                     "class": {"students": result.students, "answers": result.answers,
                               "held_out_students": result.held_out},
                     "steps": spec.steps, "batch": spec.batch, "lr": spec.lr, "seed": spec.seed,
                     "inner_steps": spec.adapt_steps, "anchor": spec.anchor},
        "metrics": {"class_held_out": {"protocol": "adapt on the first n answers (n = 1, 3, 5, 10), predict the "
                                                   "later ones", "before": result.before, "after": result.after}},
    }
    return save_model(out, result.params, result.config, result.items, card)

