"""Memory track: the srs-benchmark protocol (five chronological folds) and the cold-start curve, per user.

Folds split all answers in time order into six equal chunks (sklearn's TimeSeriesSplit); fold k fits on
the answers before chunk k+1 and scores that chunk's scorable answers.

A card's first review and same-day reviews (days roll over at 4 a.m. UTC) are never scored, but every answer
feeds the memory states. All models score the same rows; metrics are per user, then averaged over users.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from studyapp.content.model import grade_of, guess_chance
from studyapp.learner import memory_fit
from studyapp.learner import model as m
from studyapp.learner.features import BENCHMARK_DAY_START_S, FsrsState, day_number, history_features
from studyapp.learner.lab import baselines
from studyapp.learner.lab.data import StudentLog, read_reviews
from studyapp.learner.lab.metrics import auc, log_loss, rmse_bins
from studyapp.learner.runtime import Learner

MODELS = ("ours", "ours-population", "pooled-finetune", "fsrs6-default", "fsrs6-fitted", "fsrs6-map", "constant")
# Calibration groups: how many earlier answers the item had (a scored answer always has at least one).
PAST_ANSWER_GROUPS = (("1", 1, 1), ("2", 2, 2), ("3-5", 3, 5), ("6+", 6, 10 ** 9))
CALIBRATED_MODELS = ("ours", "fsrs6-fitted", "fsrs6-default")
COLD_START = (0, 25, 50, 100, 200, 400, 800)
COLD_TEST = 500
N_FOLDS = 5
Terms = tuple[torch.Tensor, torch.Tensor, torch.Tensor]  # a model's base logit, design rows and guessing floor


@dataclass
class UserData:
    log: StudentLog
    y: np.ndarray
    eligible: np.ndarray  # row is scored (not a first review, not the same day as the last one)
    delta_days: np.ndarray
    review_no: np.ndarray
    lapses: np.ndarray
    past: np.ndarray  # earlier answers to the same item
    rows: np.ndarray  # each answer's item as a small integer
    grades: list[int]  # 1-4, with the grade fallback applied
    kind: np.ndarray
    terms: dict[str, Terms]  # model name -> its terms, memory states at FSRS-6's defaults


def review_facts(log: StudentLog) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    days = day_number(log.times, BENCHMARK_DAY_START_S).astype(np.int64)
    eligible = np.zeros(len(log), bool)
    delta = np.zeros(len(log))
    review_no = np.zeros(len(log))
    lapses = np.zeros(len(log))
    last_day: dict[str, int] = {}
    count: dict[str, int] = {}
    lapse: dict[str, int] = {}
    for k, item in enumerate(log.items):
        if item in last_day:
            delta[k] = days[k] - last_day[item]
            eligible[k] = delta[k] >= 1
        review_no[k] = count.get(item, 0) + 1
        lapses[k] = lapse.get(item, 0)
        # As the srs-benchmark: review number and lapses count only reviews on a new day.
        if eligible[k] and not log.correct[k]:
            lapse[item] = lapse.get(item, 0) + 1
        if eligible[k] or item not in count:
            count[item] = count.get(item, 0) + 1
        last_day[item] = days[k]
    return eligible, delta, review_no, lapses


def prepare(log: StudentLog, learners: dict[str, Learner]) -> UserData:
    local: dict[str, int] = {}
    rows = np.array([local.setdefault(i, len(local)) for i in log.items], dtype=np.int64)
    y = np.asarray(log.correct, dtype=np.float32)
    feats = history_features(rows, np.asarray(log.times), y.astype(np.int64), log.grades)
    item = np.full(len(log), -1, dtype=np.int64)
    kind = np.array([m.KIND_INDEX.get(k or "basic", m.OTHER_KIND) for k in log.kinds], dtype=np.int64)
    guess = torch.tensor([guess_chance(k, n) for k, n in zip(log.kinds, log.n_options)], dtype=torch.float32)
    terms: dict[str, Terms] = {}
    for name, learner in learners.items():
        base, design = learner.terms(feats, item, kind)
        terms[name] = (torch.from_numpy(base), torch.from_numpy(design), guess)
    eligible, delta, review_no, lapses = review_facts(log)
    past = np.zeros(len(log), dtype=np.int64)
    seen: dict[int, int] = {}
    for k, row in enumerate(rows.tolist()):
        past[k] = seen.get(row, 0)
        seen[row] = past[k] + 1
    grades = [grade_of(c, g) for c, g in zip(log.correct, log.grades)]
    return UserData(log, y, eligible, delta, review_no, lapses, past, rows, grades, kind, terms)


def own_memory_terms(user: UserData, learner: Learner, w: Sequence[float]) -> Terms:
    """The model's terms with every memory state rebuilt from the student's own FSRS-6 parameters w."""
    memory = FsrsState(tuple(w))
    feats = history_features(user.rows, np.asarray(user.log.times), user.y.astype(np.int64), user.grades,
                             fsrs=memory)
    base, design = learner.terms(feats, np.full(len(user.y), -1, dtype=np.int64), user.kind)
    return torch.from_numpy(base), torch.from_numpy(design), user.terms["ours"][2]


def fit_own_memory(user: UserData, train: np.ndarray) -> tuple[float, ...]:
    """The student's FSRS-6 parameters, MAP-fitted on the training answers only (the laptop's slow refit)."""
    log = user.log
    return memory_fit.fit_answers([log.items[k] for k in train], np.asarray(log.times)[train],
                                  [user.grades[k] for k in train], BENCHMARK_DAY_START_S)


def _adapted(learner: Learner, terms: Terms, y: torch.Tensor, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    base, design, guess = terms
    phi0 = learner.params["phi0"]
    phi = m.safe_adapt(phi0, phi0, learner.params["log_tau"].exp(), base[train], design[train], guess[train],
                       y[train], int(learner.config["steps"]))
    return _prob(terms, phi, test)


def _prob(terms: Terms, phi: torch.Tensor, test: np.ndarray) -> np.ndarray:
    base, design, guess = terms
    with torch.no_grad():
        p: np.ndarray = m.probability(base[test] + design[test] @ phi, guess[test]).double().numpy()
    return p


def predict_split(user: UserData, learners: dict[str, Learner], train: np.ndarray, test: np.ndarray,
                  fsrs_default: np.ndarray, fit_fsrs: bool) -> dict[str, np.ndarray]:
    y = torch.from_numpy(user.y)
    w = fit_own_memory(user, train)
    out = {"ours": _adapted(learners["ours"], own_memory_terms(user, learners["ours"], w), y, train, test),
           "ours-population": _prob(user.terms["ours"], learners["ours"].params["phi0"], test),
           "fsrs6-map": baselines.fsrs_predict(user.log, list(w))[test]}
    if "pooled" in learners:
        base, design, guess = user.terms["pooled"]
        phi = baselines.finetune(learners["pooled"].params["phi0"], base[train], design[train], guess[train], y[train])
        out["pooled-finetune"] = _prob(user.terms["pooled"], phi, test)
    out["fsrs6-default"] = fsrs_default[test]
    if fit_fsrs:
        out["fsrs6-fitted"] = baselines.fsrs_predict(user.log, baselines.fsrs_fit(user.log, train))[test]
    scored_train = train[user.eligible[train]]
    rows = scored_train if len(scored_train) else train
    mean = float(user.y[rows].mean()) if len(rows) else 0.5
    out["constant"] = np.full(len(test), mean)
    return out


def splits(user: UserData) -> list[tuple[str, int, np.ndarray, np.ndarray]]:
    """(protocol, split, train rows, test rows): five chronological folds, then the cold-start points."""
    out: list[tuple[str, int, np.ndarray, np.ndarray]] = []
    scored = np.flatnonzero(user.eligible)
    n_rows = len(user.y)
    size = n_rows // (N_FOLDS + 1)  # as sklearn's TimeSeriesSplit: equal test chunks, the first train chunk larger
    for k in range(1, N_FOLDS + 1):
        start = n_rows - (N_FOLDS - k + 1) * size
        test = scored[(scored >= start) & (scored < start + size)]
        if size and len(test):
            out.append(("folds", k, np.arange(start), test))
    for n in COLD_START:
        test = scored[scored >= n][:COLD_TEST]
        if n < len(user.y) and len(test):
            out.append(("coldstart", n, np.arange(n), test))
    return out


def _metrics(user: UserData, rows: np.ndarray, p: np.ndarray) -> dict[str, float]:
    y = user.y[rows]
    return {"logloss": log_loss(y, p), "rmse_bins": rmse_bins(y, p, user.delta_days[rows], user.review_no[rows],
                                                              user.lapses[rows]), "auc": auc(y, p), "n": int(len(rows))}


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    keys = ("logloss", "rmse_bins", "auc")
    out = {k: float(np.nanmean([r[k] for r in rows])) if rows else math.nan for k in keys}
    for k in keys:  # standard error of the mean over users (NaN for one user)
        values = np.array([r[k] for r in rows], dtype=np.float64)
        values = values[np.isfinite(values)]
        out[f"{k}_se"] = float(values.std(ddof=1) / math.sqrt(len(values))) if len(values) > 1 else math.nan
    out["n"] = int(sum(r["n"] for r in rows))
    out["users"] = len(rows)
    return out


def calibration(user: UserData, rows: np.ndarray, p: np.ndarray) -> dict[str, dict[str, float]]:
    """Mean prediction against the observed rate, by the item's number of earlier answers and by item kind."""
    groups = {f"past {name}": (user.past[rows] >= lo) & (user.past[rows] <= hi) for name, lo, hi in PAST_ANSWER_GROUPS}
    kinds = np.asarray(user.log.kinds, dtype=object)[rows]
    for kind in sorted({k or "basic" for k in kinds}):
        groups[f"kind {kind}"] = np.array([(k or "basic") == kind for k in kinds], dtype=bool)
    out: dict[str, dict[str, float]] = {}
    for name, mask in groups.items():
        if mask.any():
            predicted, observed = float(p[mask].mean()), float(user.y[rows][mask].mean())
            out[name] = {"n": int(mask.sum()), "predicted": predicted, "observed": observed,
                         "gap": predicted - observed}
    return out


def evaluate(logs: list[StudentLog], learners: dict[str, Learner], fit_fsrs: bool = True,
             predictions: Path | None = None, log: Callable[[str], None] = print) -> dict[str, Any]:
    if fit_fsrs:
        try:
            baselines.require_fsrs()
        except baselines.MissingExtra as exc:
            log(f"note: {exc}; fsrs6-fitted is left out")
            fit_fsrs = False
    per_user: dict[tuple[str, int, str], list[dict[str, float]]] = {}
    users: dict[str, dict[str, Any]] = {}
    writer = None
    handle = predictions.open("w", newline="", encoding="utf-8") if predictions else None
    if handle:
        writer = csv.writer(handle)
        writer.writerow(["protocol", "model", "split", "student_id", "item_id", "timestamp", "correct", "p"])
    try:
        for number, log_ in enumerate(logs, start=1):
            user = prepare(log_, learners)
            log(f"user {number}/{len(logs)} {log_.student_id}: {len(log_)} answers, {int(user.eligible.sum())} scored")
            fsrs_default = baselines.fsrs_predict(log_, baselines.fsrs_default_parameters())
            fold_preds: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
            for protocol, split, train, test in splits(user):
                preds = predict_split(user, learners, train, test, fsrs_default, fit_fsrs)
                for name, p in preds.items():
                    if protocol == "folds":
                        fold_preds.setdefault(name, []).append((test, p))
                    else:
                        per_user.setdefault((protocol, split, name), []).append(_metrics(user, test, p))
                    if writer:
                        for row, prob in zip(test.tolist(), p.tolist()):
                            writer.writerow([protocol, name, split, log_.student_id, log_.items[row],
                                             int(round(log_.times[row] * 1000)), int(user.y[row]), f"{prob:.6f}"])
            mine = users.setdefault(log_.student_id, {"answers": len(log_), "folds": {}, "calibration": {}})
            for name, parts in fold_preds.items():
                scored = np.concatenate([r for r, _ in parts])
                p = np.concatenate([q for _, q in parts])
                figures = _metrics(user, scored, p)
                per_user.setdefault(("folds", 0, name), []).append(figures)
                mine["folds"][name] = figures
                if name in CALIBRATED_MODELS:
                    mine["calibration"][name] = calibration(user, scored, p)
    finally:
        if handle:
            handle.close()
    result: dict[str, Any] = {"users": len(logs), "per_user": users, "folds": {}, "coldstart": {}}
    for (protocol, split, name), rows in sorted(per_user.items()):
        if protocol == "folds":
            result["folds"][name] = _mean(rows)
        else:
            result["coldstart"].setdefault(str(split), {})[name] = _mean(rows)
    return result


def _pm(r: dict[str, float], key: str, digits: int = 4) -> str:
    se = r.get(f"{key}_se", math.nan)
    return f"{r[key]:.{digits}f}" + (f"±{se:.{digits}f}" if math.isfinite(se) else "")


def format_tables(result: dict[str, Any]) -> str:
    lines = [f"Memory track, five chronological folds ({result['users']} user(s); first and same-day reviews "
             "unscored); mean over users ± standard error",
             f"{'model':<18}{'log loss':>16}{'RMSE(bins)':>16}{'AUC':>16}{'scored':>8}"]
    for name in MODELS:
        r = result["folds"].get(name)
        if r:
            lines.append(f"{name:<18}{_pm(r, 'logloss'):>16}{_pm(r, 'rmse_bins'):>16}{_pm(r, 'auc'):>16}{r['n']:>8}")
    fitted = result["folds"].get("fsrs6-fitted")
    for student, mine in result.get("per_user", {}).items():
        lines += ["", f"{student} ({mine['answers']} answers)"]
        for name in MODELS:
            r = mine["folds"].get(name)
            if r:
                ratio = (f"  x{r['logloss'] / mine['folds']['fsrs6-fitted']['logloss']:.3f} of fsrs6-fitted"
                         if fitted and "fsrs6-fitted" in mine["folds"] else "")
                lines.append(f"  {name:<16}{r['logloss']:>10.4f}{r['rmse_bins']:>12.4f}{r['auc']:>8.4f}{ratio}")
        for name, groups in mine.get("calibration", {}).items():
            cells = "  ".join(f"{g}: {v['gap']:+.3f} (n={v['n']})" for g, v in groups.items())
            lines.append(f"  calibration {name}: predicted - observed, {cells}")
    lines += ["", f"Cold start: log loss on the next {COLD_TEST} scored reviews after adapting on the first n answers",
              f"{'n':>5}" + "".join(f"{name:>17}" for name in MODELS)]
    for n, row in result["coldstart"].items():
        lines.append(f"{n:>5}" + "".join(f"{row[name]['logloss']:>17.4f}" if name in row else f"{'-':>17}"
                                         for name in MODELS))
    return "\n".join(lines)


def plot(result: dict[str, Any], path: Path) -> str:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "note: --plot needs matplotlib (pip install matplotlib); no plot written"
    fig, ax = plt.subplots(figsize=(7, 4))
    ns = [int(n) for n in result["coldstart"]]
    for name in MODELS:
        ys = [result["coldstart"][str(n)].get(name, {}).get("logloss", math.nan) for n in ns]
        ax.plot(ns, ys, marker="o", label=name)
    ax.set_xscale("symlog", linthresh=25)
    ax.set_xlabel("answers adapted on (n)")
    ax.set_ylabel(f"log loss, next {COLD_TEST} scored reviews")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    return f"wrote {path}"


def main(args: argparse.Namespace) -> int:
    torch.set_num_threads(1)  # every fit and adaptation here is many small operations: a second thread only waits
    learners = {"ours": Learner.load(args.model)}
    pooled_path = args.pooled_model or _default_pooled(args.model)
    if pooled_path is not None and pooled_path.exists():
        learners["pooled"] = Learner.load(pooled_path)
    else:
        print(f"note: no pooled model at {pooled_path}; pooled-finetune is left out", file=sys.stderr)
    logs = []
    for path in args.events:
        for one in read_reviews(path):
            # Two files may both call their only student "user": name each by its file.
            one.student_id = f"{Path(path).stem}:{one.student_id}" if len(args.events) > 1 else one.student_id
            logs.append(one)
    result = evaluate(logs, learners, fit_fsrs=not args.no_fsrs_fit, predictions=args.predictions,
                      log=lambda msg: print(msg, file=sys.stderr))
    result["events"] = [str(p) for p in args.events]
    result["model"] = {k: v.card.get("sha256", "")[:12] for k, v in learners.items()}
    print(json.dumps(result, indent=1) if args.json else format_tables(result))
    if args.plot:
        print(plot(result, args.plot), file=sys.stderr)
    if getattr(args, "record", False):
        from studyapp.learner.modelfile import record_metrics
        from studyapp.learner.runtime import default_model_path

        record_metrics(Path(args.model) if args.model else default_model_path(),
                       "memory:" + ",".join(Path(p).name for p in args.events),
                       {"folds": result["folds"], "coldstart": result["coldstart"]})
    return 0


def _default_pooled(model: Path | None) -> Path | None:
    from studyapp.learner.runtime import default_model_path

    weights = Path(model) if model else default_model_path()
    return weights.with_name(weights.stem + "-pooled" + weights.suffix)
