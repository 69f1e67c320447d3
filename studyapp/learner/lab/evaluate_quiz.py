"""Quiz track: the BOBCAT adaptive-assessment protocol.

Each test student's distinct items: 20% held out (the query), the rest the pool. A policy asks n = 1, 3, 5, 10
items from the pool one at a time, seeing each answer only after asking; then the model predicts the query.
Every model is trained on the training students only; metrics are AUC and accuracy over all test students.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from studyapp.learner import model as m
from studyapp.learner.lab import meta
from studyapp.learner.lab.baselines import IRT
from studyapp.learner.lab.data import DataError, read_akt_skills, read_quiz_jsonl
from studyapp.learner.lab.metrics import accuracy, auc
from studyapp.learner.lab.skills import skill_index
from studyapp.learner.lab.training import read_quiz
from studyapp.learner.policy import information

N_ASKED = (1, 3, 5, 10)
# Every baseline gets every input ours gets: where items carry skill tags, IRT with the same skill pooling too.
PLAIN_BASELINES = ("irt1pl-active", "irt2pl-active", "irt1pl-random", "population")
SKILL_BASELINES = ("irt1pl-skills-active", "irt2pl-skills-active")
MODELS = ("ours",) + PLAIN_BASELINES + SKILL_BASELINES
HOLD_OUT = 0.2
# An assessment adapts on a handful of answers: meta-train on episodes of that size.
QUIZ_SUPPORT = (0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20)
RARE_ITEM = 200  # answers an item needs before meta-training may move its parameters (a few hundred: BOBCAT-size data)

Student = tuple[str, list[tuple[str, int]]]
# A held-out test student: id, the pool of answers a policy may ask, the query answers it is scored on.
TestStudent = tuple[str, list[tuple[str, int]], list[tuple[str, int]]]
# After n questions: the items asked and the predicted p(correct) of each query item.
Asked = tuple[int, list[str], np.ndarray]
Log = Callable[[str], None]


@dataclass
class Split:
    train: list[Student]
    validation: list[Student]  # for choosing hyper-parameters; never the test students
    test: list[Student]
    description: str


def fold_files(path: Path) -> list[Path]:
    files = sorted(f for f in Path(path).iterdir() if f.suffix == ".csv" and f.stem[-1:].isdigit())
    if len(files) < 3:
        raise DataError(f"{path} does not hold the five numbered fold files")
    return files


def split_data(path: Path, fmt: str, seed: int, fold: int = 1) -> Split:
    """The given folds when PATH is a folder of them (fold k: test file k, validation the next file, training the
    rest), else a 60/20/20 split by student drawn with `seed`."""
    path = Path(path)
    if path.is_dir():
        files = fold_files(path)
        if not 1 <= fold <= len(files):
            raise DataError(f"fold {fold} does not exist: {path} holds {len(files)} fold files")
        test_file, val_file = files[fold - 1], files[fold % len(files)]
        train = [s for f in files if f not in (test_file, val_file) for s in read_quiz(f, fmt)]
        return Split(train, read_quiz(val_file, fmt), read_quiz(test_file, fmt),
                     f"fold {fold}: test {test_file.name}, validation {val_file.name}, train the rest")
    if not path.is_file():
        raise DataError(f"{path} does not exist")
    students = read_quiz(path, fmt)
    order = np.random.default_rng(seed).permutation(len(students))
    n_train, n_val = int(0.6 * len(students)), int(0.2 * len(students))
    return Split([students[k] for k in order[:n_train]], [students[k] for k in order[n_train:n_train + n_val]],
                 [students[k] for k in order[n_train + n_val:]],
                 f"seed {seed}: random 60/20/20 split of {len(students)} students")


def hold_out(students: list[Student], seed: int) -> list[TestStudent]:
    rng = np.random.default_rng(seed + 1)
    out = []
    for sid, responses in students:
        if len(responses) < 2:
            continue
        order = rng.permutation(len(responses))
        n_query = max(1, int(round(HOLD_OUT * len(responses))))
        out.append((sid, [responses[k] for k in order[n_query:]], [responses[k] for k in order[:n_query]]))
    return out


def fit_difficulty(train: list[Student]) -> IRT:
    return IRT(two_pl=False).fit([r for _, r in train])


def item_skills(path: Path, fmt: str) -> dict[str, str]:
    """Each item's skill tag where the data gives one (akt-pid folders): item metadata, not answers."""
    path = Path(path)
    if fmt != "akt-pid" or not path.is_dir():
        return {}
    skills: dict[str, str] = {}
    for f in fold_files(path):
        for item, tag in read_akt_skills(f).items():
            skills.setdefault(item, tag)
    return skills


# Prior precision of the per-student parts at the start: the IRT ability has IRT's N(0, 1); a skill's offset
# starts at a spread of 0.5 logits; the intercept and memory columns (constant on quiz rows, so the same as an
# intercept) start nearly fixed. Meta-training then learns every one of them.
START_LOG_TAU = {"ability": 0.0, "skill": float(np.log(4.0)), "latent": 1.0, "other": 6.0}
LATENT = 3  # free per-student dimensions whose item loadings meta-training learns (items answered often enough)


def skill_columns(items: list[str], skills: dict[str, str] | None) -> np.ndarray:
    """One column per skill, 1 where the item carries that skill's tag (items x skills; no columns without tags)."""
    index = skill_index(items, skills or {})
    n_skills = int(index.max()) + 1 if len(index) else 0
    cols = np.zeros((len(items), n_skills), dtype=np.float32)
    tagged = index >= 0
    cols[np.flatnonzero(tagged), index[tagged]] = 1.0
    return cols


def contained_start(config: m.ModelConfig, seed: int, irt: IRT, items: list[str], skills: np.ndarray,
                    frequent: np.ndarray) -> m.Params:
    """Starting parameters under which ours predicts as `irt` does: difficulty and discrimination are IRT's, the
    first per-student loading is the discrimination (ability on IRT's scale, N(0, 1) prior), then one loading per
    skill (the student's offset on that skill, 0 at the start), then LATENT free dimensions (small random
    loadings on `frequent` items, none on the others). Meta-training starts from the baseline, so it moves away
    from it only where training students show that doing so predicts better."""
    params = m.init_params(config, seed)
    a, b = irt.params(items)
    n_skills = skills.shape[1]
    loadings = np.zeros((len(items), config["dim"]), dtype=np.float32)
    loadings[:, 0] = a
    loadings[:, 1: 1 + n_skills] = skills
    latent = params["item_s"][:, 1 + n_skills:].numpy()  # init_params' small random loadings
    loadings[frequent, 1 + n_skills:] = latent[frequent]
    params["item_b"] = torch.from_numpy(-b).float()  # the memory terms of a new item add nothing (logit R = 0)
    params["item_s"] = torch.from_numpy(loadings)
    params["new_b"] = torch.zeros(1)
    params["new_s"] = torch.zeros(config["dim"])
    params["new_s"][0] = 1.0
    params["phi0"] = torch.zeros_like(params["phi0"])
    log_tau = torch.full_like(params["log_tau"], START_LOG_TAU["other"])
    log_tau[1] = START_LOG_TAU["ability"]
    log_tau[2: 2 + n_skills] = START_LOG_TAU["skill"]
    log_tau[2 + n_skills: 1 + config["dim"]] = START_LOG_TAU["latent"]
    params["log_tau"] = log_tau
    return params


class Ours:
    """The meta-learned model, trained on the training students only, starting from the baseline it competes with.

    The start is the IRT-2PL fit of the same training students (with skill pooling where items carry skill tags):
    ability is the first per-student coordinate, with IRT's loadings and prior, so before meta-training ours
    predicts as IRT-2PL does. Per-student skill offsets (a loading per skill) come on top where items carry tags.
    Items with fewer than RARE_ITEM answers keep their starting parameters: episode-by-episode updates of a
    rarely answered item follow the last student who answered it (Adam scales rare gradients up to full steps).
    Asks the pool item of most expected information and adapts after each answer."""

    def __init__(self, train: list[Student], steps: int, seed: int, log: Log = print, start: IRT | None = None,
                 skills: dict[str, str] | None = None, skill_offsets: bool = True) -> None:
        self.vocab: dict[str, int] = {}
        tasks = []
        for _, responses in train:
            for item, _ in responses:
                self.vocab.setdefault(item, len(self.vocab))
            if len(responses) >= 2:
                tasks.append(meta.task_from_quiz(responses, self.vocab))
        items = list(self.vocab)
        start = start or IRT(two_pl=True).fit([r for _, r in train]).with_skills(skills or {})
        cols = skill_columns(items, skills if skill_offsets else None)
        self.config = m.default_config(len(self.vocab), dim=1 + cols.shape[1] + LATENT)
        counts = meta.item_answer_counts([(tasks, 1.0)], len(self.vocab))
        params = contained_start(self.config, seed, start, items, cols, counts >= RARE_ITEM)
        log(f"meta-training on {len(tasks)} students, {len(self.vocab)} items, {cols.shape[1]} skills, {steps} steps")
        report_every = max(1, steps // 10)
        spec = meta.TrainSpec(steps=steps, seed=seed, support_sizes=QUIZ_SUPPORT, min_item_answers=RARE_ITEM)

        def progress(step: int, loss: float) -> None:
            if step % report_every == 0:
                log(f"  step {step}/{steps} loss {loss:.4f}")

        self.params = meta.train([(tasks, 1.0)], self.config, spec, progress=progress, start=params)
        self.tau = self.params["log_tau"].exp()

    def terms(self, items: list[str]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        task = meta.task_from_quiz([(i, 0) for i in items], self.vocab)
        with torch.no_grad():
            base, design = m.row_terms(self.params, torch.from_numpy(task.feats), torch.from_numpy(task.item),
                                       torch.from_numpy(task.kind), tuple(self.config["h_cols"]))
        return base, design, torch.zeros(len(items))

    def run(self, pool: list[tuple[str, int]], query: list[str], asked_counts: Sequence[int] = N_ASKED,
            adaptive: bool = True) -> Iterator[Asked]:
        """Yields (n, asked item ids, query probabilities) after n questions, for each n in asked_counts."""
        base, design, guess = self.terms([i for i, _ in pool] + [i for i in query])
        n_pool = len(pool)
        y = torch.tensor([c for _, c in pool], dtype=torch.float32)
        phi0 = self.params["phi0"]
        phi = phi0.clone()
        asked: list[int] = []
        remaining = list(range(n_pool))
        for n in range(1, max(asked_counts) + 1):
            if remaining:
                idx = torch.tensor(asked, dtype=torch.long)
                rest = torch.tensor(remaining, dtype=torch.long)
                info = information(phi, self.tau, base[idx], design[idx], guess[idx],
                                   base[rest], design[rest], guess[rest])
                pick = remaining[int(torch.argmax(info))]
                remaining.remove(pick)
                asked.append(pick)
                idx = torch.tensor(asked, dtype=torch.long)
                if adaptive:
                    phi = m.safe_adapt(phi, phi0, self.tau, base[idx], design[idx], guess[idx], y[idx],
                                       int(self.config["steps"]))
            if n in asked_counts:
                with torch.no_grad():
                    p = m.probability(base[n_pool:] + design[n_pool:] @ phi, guess[n_pool:]).double().numpy()
                yield n, [pool[k][0] for k in asked], p


def irt_run(model: IRT, pool: list[tuple[str, int]], query: list[str],
            rng: np.random.Generator | None) -> Iterator[Asked]:
    """IRT with maximum-information selection (rng None) or random selection; MAP ability after each answer.
    Yields (n, asked item ids, query probabilities) as Ours.run does."""
    a_pool, b_pool = model.params([i for i, _ in pool])
    a_q, b_q = model.params(list(query))
    y = np.array([c for _, c in pool], dtype=np.float64)
    asked: list[int] = []
    remaining = list(range(len(pool)))
    theta = 0.0
    for n in range(1, max(N_ASKED) + 1):
        if remaining:
            if rng is None:
                p = 1 / (1 + np.exp(-(a_pool[remaining] * theta - b_pool[remaining])))
                pick = remaining[int(np.argmax(a_pool[remaining] ** 2 * p * (1 - p)))]
            else:
                pick = remaining[int(rng.integers(len(remaining)))]
            remaining.remove(pick)
            asked.append(pick)
            theta = IRT.theta_map(a_pool[asked], b_pool[asked], y[asked])
        if n in N_ASKED:
            yield n, [pool[k][0] for k in asked], 1 / (1 + np.exp(-(a_q * theta - b_q)))


def fit_baselines(train: list[Student], skills: dict[str, str] | None, log: Log = print) -> dict[str, IRT]:
    """IRT-1PL and IRT-2PL fitted on the training students; with skill tags, also their skill-pooled copies."""
    log("fitting IRT-1PL and IRT-2PL")
    irt1 = fit_difficulty(train)
    irt2 = IRT(two_pl=True).fit([r for _, r in train])
    out = {"irt1pl": irt1, "irt2pl": irt2}
    if skills:
        out.update({"irt1pl-skills": irt1.with_skills(skills), "irt2pl-skills": irt2.with_skills(skills)})
    return out


def model_names(skills: dict[str, str] | None) -> tuple[str, ...]:
    return ("ours",) + PLAIN_BASELINES + (SKILL_BASELINES if skills else ())


def predict(ours: Ours, irts: dict[str, IRT], students: list[TestStudent], seed: int, log: Log = print,
            ) -> tuple[dict[tuple[str, int], list[np.ndarray]], dict[tuple[str, int], list[list[str]]]]:
    """Every model's query probabilities and every policy's asked items, per test student, before any scoring.
    `students` are hold_out()'s (id, pool, query answers); the query answers are passed on to no model."""
    preds: dict[tuple[str, int], list[np.ndarray]] = {}
    asked: dict[tuple[str, int], list[list[str]]] = {}
    rng = np.random.default_rng(seed + 2)

    def record(name: str, runs: Iterable[Asked]) -> None:
        for n, items, p in runs:
            preds.setdefault((name, n), []).append(p)
            asked.setdefault((name, n), []).append(items)

    for k, (_, pool, query_pairs) in enumerate(students, start=1):
        query = [i for i, _ in query_pairs]
        record("ours", ours.run(pool, query))
        _, _, population = next(ours.run(pool, query, asked_counts=(1,), adaptive=False))
        record("population", ((n, [], population) for n in N_ASKED))
        for key, model in irts.items():
            record(f"{key}-active", irt_run(model, pool, query, None))
        record("irt1pl-random", irt_run(irts["irt1pl"], pool, query, rng))
        if k % 200 == 0:
            log(f"  {k}/{len(students)} test students")
    return preds, asked


def evaluate(train: list[Student], test: list[Student], steps: int, seed: int, log: Log = print,
             skills: dict[str, str] | None = None) -> dict[str, Any]:
    irts = fit_baselines(train, skills, log)
    ours = Ours(train, steps, seed, log, start=irts["irt2pl-skills" if skills else "irt2pl"], skills=skills)
    students = hold_out(test, seed)
    preds, _ = predict(ours, irts, students, seed, log)
    y = np.concatenate([np.array([c for _, c in query]) for _, _, query in students])
    names = model_names(skills)
    result: dict[str, Any] = {"train_students": len(train), "test_students": len(students),
                              "query_answers": int(len(y)), "models": list(names), "auc": {}, "accuracy": {}}
    for name in names:
        result["auc"][name] = {str(n): 100 * auc(y, np.concatenate(preds[(name, n)])) for n in N_ASKED}
        result["accuracy"][name] = {str(n): 100 * accuracy(y, np.concatenate(preds[(name, n)])) for n in N_ASKED}
    return result


def format_table(result: dict[str, Any]) -> str:
    lines = [f"Quiz track ({result.get('split', '')}): {result['test_students']} test students, "
             f"{result['query_answers']} held-out answers", f"{'model':<22}" + "".join(
                 f"{'AUC@' + str(n):>9}" for n in N_ASKED) + "".join(f"{'ACC@' + str(n):>9}" for n in N_ASKED)]
    for name in result["models"]:
        lines.append(f"{name:<22}" + "".join(f"{result['auc'][name][str(n)]:>9.2f}" for n in N_ASKED)
                     + "".join(f"{result['accuracy'][name][str(n)]:>9.2f}" for n in N_ASKED))
    return "\n".join(lines)


def _mean_se(values: list[float]) -> dict[str, float | None]:
    v = np.asarray(values, dtype=np.float64)
    se = float(v.std(ddof=1) / np.sqrt(len(v))) if len(v) > 1 else None
    return {"mean": float(v.mean()), "se": se}


def summarize(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean +- standard error of each model's AUC over the runs (folds or seeds), and ours minus the best baseline
    at each n: the baseline with the highest mean there, the difference paired run by run."""
    names = [n for n in results[0]["models"] if all(n in r["auc"] for r in results)]
    out: dict[str, Any] = {"runs": len(results), "auc": {}, "ours_minus_best": {}}
    for name in names:
        out["auc"][name] = {str(n): _mean_se([r["auc"][name][str(n)] for r in results]) for n in N_ASKED}
    for n in map(str, N_ASKED):
        best = max((b for b in names if b != "ours"), key=lambda b: out["auc"][b][n]["mean"])
        diff = _mean_se([r["auc"]["ours"][n] - r["auc"][best][n] for r in results])
        out["ours_minus_best"][n] = dict(diff, baseline=best)
    return out


def _pm(value: dict[str, Any], sign: str = "") -> str:
    se = f" ± {value['se']:.2f}" if value["se"] is not None else ""
    return f"{value['mean']:{sign}.2f}{se}"


def format_summary(summary: dict[str, Any], description: str) -> str:
    lines = [f"AUC % over {summary['runs']} {description}: mean ± standard error",
             f"{'model':<22}" + "".join(f"{'n=' + str(n):>16}" for n in N_ASKED)]
    for name, row in summary["auc"].items():
        lines.append(f"{name:<22}" + "".join(f"{_pm(row[str(n)]):>16}" for n in N_ASKED))
    diff = summary["ours_minus_best"]
    lines.append(f"{'ours - best baseline':<22}" + "".join(f"{_pm(diff[str(n)], '+'):>16}" for n in N_ASKED))
    lines.append(f"{'(best baseline)':<22}" + "".join(f"{diff[str(n)]['baseline']:>16}" for n in N_ASKED))
    return "\n".join(lines)


def answer_file(train_path: Path, test_path: Path, out: Path, steps: int, seed: int, log: Log = print) -> int:
    train_rows = read_quiz_jsonl(train_path, ("student_id", "responses"))
    test_rows = read_quiz_jsonl(test_path, ("student_id", "pool", "query"))
    train = [(str(r["student_id"]), [(str(i), int(c)) for i, c in r["responses"]]) for r in train_rows]
    ours = Ours(train, steps, seed, log)
    with out.open("w", encoding="utf-8") as handle:
        for row in test_rows:
            pool = [(str(i), int(c)) for i, c in row["pool"]]
            query = [str(i) for i in row["query"]]
            for n, asked, p in ours.run(pool, query):
                handle.write(json.dumps({"student_id": row["student_id"], "n": n, "asked": asked,
                                         "p": [round(float(x), 6) for x in p]}) + "\n")
    log(f"wrote {out} ({len(test_rows)} test students)")
    return 0


def _numbers(text: str | None, default: list[int]) -> list[int]:
    """"1,2,3" or "1-5" (as given to --folds and --seeds)."""
    if not text:
        return default
    try:
        if "-" in text.strip("-"):
            first, last = text.split("-", 1)
            return list(range(int(first), int(last) + 1))
        return [int(part) for part in text.split(",")]
    except ValueError:
        raise DataError(f"{text!r} is not a list of numbers such as 1,2,3 or 1-5") from None


def runs(args: argparse.Namespace) -> list[tuple[str, int, int]]:
    """(label, fold, seed) of each run: folds of a fold folder, seeds of a 60/20/20 split."""
    folds, seeds = getattr(args, "folds", None), getattr(args, "seeds", None)
    if Path(args.data).is_dir():
        if seeds:
            raise DataError("--seeds is for a single response file; a fold folder takes --folds")
        return [(f"fold {f}", f, args.seed) for f in _numbers(folds, [1])]
    if folds:
        raise DataError("--folds is for a folder of fold files; a single response file takes --seeds")
    return [(f"seed {s}", 1, s) for s in _numbers(seeds, [args.seed])]


def run_file(folder: Path, args: argparse.Namespace, label: str, score_on: str) -> Path:
    """Where --runs-dir keeps one run's result: named by data, run, steps and scored split, so an interrupted
    command resumes, and runs started as separate processes (--folds 3) are summarised by one later command."""
    name = f"{Path(args.data).stem}-{label.replace(' ', '')}-steps{args.steps}-seed{args.seed}-{score_on}.json"
    return Path(folder) / name


def main(args: argparse.Namespace) -> int:
    def log(msg: str) -> None:
        print(msg, file=sys.stderr)

    if args.train or args.test or args.answers:
        if not (args.train and args.test and args.answers):
            raise DataError("--train, --test and --answers go together")
        return answer_file(args.train, args.test, args.answers, args.steps, args.seed, log)
    if not args.data or not args.format:
        raise DataError("give --data PATH --format akt|akt-pid|dense, or --train/--test/--answers")
    plan = runs(args)
    skills = item_skills(args.data, args.format)
    score_on = getattr(args, "score_on", "test")
    results = []
    runs_dir = getattr(args, "runs_dir", None)
    for label, fold, seed in plan:
        saved = run_file(runs_dir, args, label, score_on) if runs_dir else None
        if saved is not None and saved.exists():
            result = json.loads(saved.read_text(encoding="utf-8"))
            log(f"{label}: read from {saved}")
        else:
            split = split_data(args.data, args.format, seed, fold)
            scored = split.validation if score_on == "validation" else split.test
            result = evaluate(split.train, scored, args.steps, seed, log, skills=skills)
            result.update(split=f"{split.description}; scored on {score_on}", data=str(args.data), run=label,
                          steps=args.steps)
            if saved is not None:
                saved.parent.mkdir(parents=True, exist_ok=True)
                saved.write_text(json.dumps(result), encoding="utf-8")
        results.append(result)
        if not args.json:
            print(format_table(result), flush=True)
    if args.json:
        print(json.dumps(results[0] if len(results) == 1 else {"runs": results, "summary": summarize(results)},
                         indent=1))
    elif len(results) > 1:
        kind = "folds" if Path(args.data).is_dir() else "seeds"
        print(format_summary(summarize(results), f"{kind} ({', '.join(r[0] for r in plan)})"))
    return 0
