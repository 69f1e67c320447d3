"""Does pooling a class help its new students? The BOBCAT quiz protocol on a class drawn from assist2009.

A class (--class-size, 60 students) is drawn at random from assist2009's first file. Five-fold over the
class: the other four fifths are pooled (the shipped model re-meta-trained on them, as `classroom train`
does, skill pooling included: the class's bank is every problem of that file with its skill tag), and the fold's
students are the class's new students, asked n = 1, 3, 5, 10 questions by maximum
information and scored on their 20% held-out items -- with the shipped model, with the pooled one, and with
IRT-1PL and IRT-2PL fitted on the same pooled students with the same skill pooling (the bank's items no
classmate answered take their skill's mean difficulty, as in the class model): the class model has to beat the
best of them, not only the model it started from.

    python -m studyapp.classroom.evaluate_class --data ../shared/data/assist2009 [--classes 10] [--items-only] [--json]

One class of 60 gives about 700 scored answers, so a single class's AUC moves by several points with the draw:
--classes K repeats with K different classes and reports the mean gains and their standard errors.
Caveat: the shipped model was meta-trained with every assist2009 student (its assist2009 item parameters were
dropped, its population parameters were not), so these students are not wholly unseen by the start.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from studyapp.classroom.distributed import FitSpec
from studyapp.classroom.training import MIN_ANSWERS, load_start, read_assist2009, start_from_quiz
from studyapp.learner.lab.baselines import IRT
from studyapp.learner.lab.evaluate_quiz import N_ASKED, QUIZ_SUPPORT, Ours, hold_out, irt_run
from studyapp.learner.lab.metrics import auc

FOLDS = 5
MODELS = ("shipped", "pooled", "irt1pl-skills", "irt2pl-skills")
IRT_MODELS = ("irt1pl-skills", "irt2pl-skills")


class Fitted(Ours):
    """The quiz protocol's model (information selection, adaptation after each answer) on given parameters."""

    def __init__(self, params: dict, config: dict, vocab: dict[str, int]):
        self.params, self.config, self.vocab = params, config, vocab
        self.tau = params["log_tau"].exp()


def draw_class(data: Path, size: int, seed: int):
    """`size` students of the first assist2009 file, and the skill tags of its problems (the class's bank)."""
    students, skills = read_assist2009([data / "assist2009_pid_test1.csv"])
    students = [s for s in students if len(s[1]) >= MIN_ANSWERS]
    order = np.random.default_rng(seed).permutation(len(students))[:size]
    return [students[k] for k in order], skills


def pooled_model(card: dict, shipped: dict, pool, skills: dict[str, str], spec: FitSpec):
    start = start_from_quiz(card, shipped, [r for _, r in pool], skills)
    return Fitted(start.fit(start.tasks, spec), start.config, {k: i for i, k in enumerate(start.items)})


def class_irt(pool, skills: dict[str, str]) -> dict[str, IRT]:
    """IRT-1PL and IRT-2PL fitted on the pooled students, difficulties pooled by skill over the class's bank."""
    answers = [r for _, r in pool]
    return {f"irt{k}pl-skills": IRT(two_pl=k == 2).fit(answers).with_skills(skills, bank=list(skills))
            for k in (1, 2)}


def evaluate(data: Path, size: int, spec: FitSpec, model: Path | None = None, log=print) -> dict:
    card, shipped = load_start(model)
    klass, skills = draw_class(data, size, spec.seed)
    folds = np.array_split(np.arange(len(klass)), FOLDS)
    before = Fitted(shipped, card["config"], {k: i for i, k in enumerate(card["items"])})
    preds = {(name, n): [] for name in MODELS for n in N_ASKED}
    truth = []
    began = time.perf_counter()
    for f, new in enumerate(folds, start=1):
        pool = [klass[k] for k in range(len(klass)) if k not in set(new.tolist())]
        after = pooled_model(card, shipped, pool, skills, spec)
        irts = class_irt(pool, skills)
        for _, asked_pool, query_pairs in hold_out([klass[k] for k in new], spec.seed):
            query = [i for i, _ in query_pairs]
            truth.append(np.array([c for _, c in query_pairs]))
            for name, fitted in (("shipped", before), ("pooled", after)):
                for n, _, p in fitted.run(asked_pool, query):
                    preds[(name, n)].append(p)
            for name, irt in irts.items():
                for n, _, p in irt_run(irt, asked_pool, query, None):
                    preds[(name, n)].append(p)
        log(f"fold {f}/{FOLDS}: pooled {len(pool)} students, scored {len(new)} new ones "
            f"({time.perf_counter() - began:.0f} s)")
    y = np.concatenate(truth)
    result = {"class_students": len(klass), "query_answers": int(len(y)), "steps": spec.steps, "seed": spec.seed,
              "items_only": spec.items_only,
              "auc": {name: {str(n): 100 * auc(y, np.concatenate(preds[(name, n)])) for n in N_ASKED}
                      for name in MODELS}}
    result["gain"] = {str(n): result["auc"]["pooled"][str(n)] - result["auc"]["shipped"][str(n)] for n in N_ASKED}
    return result


def format_table(result: dict) -> str:
    lines = [f"Class of {result['class_students']} assist2009 students, 5-fold (pool 4/5, test the new 1/5); "
             f"{result['query_answers']} held-out answers; AUC %",
             f"{'model':<14}" + "".join(f"{'n=' + str(n):>9}" for n in N_ASKED)]
    for name in MODELS:
        lines.append(f"{name:<14}" + "".join(f"{result['auc'][name][str(n)]:>9.2f}" for n in N_ASKED))
    lines.append(f"{'gain':<14}" + "".join(f"{result['gain'][str(n)]:>+9.2f}" for n in N_ASKED))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="studyapp.classroom.evaluate_class")
    p.add_argument("--data", type=Path, default=Path("../shared/data/assist2009"))
    p.add_argument("--class-size", type=int, default=60)
    p.add_argument("--steps", type=int, default=FitSpec.steps)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--model", type=Path, help="the model to start from (default: the shipped model)")
    p.add_argument("--items-only", action="store_true", help="pool only the item parameters")
    p.add_argument("--classes", type=int, default=1, help="repeat with this many classes (seeds SEED, SEED+1, ...) "
                                                          "and report the mean gain: one class of 60 is noisy")
    p.add_argument("--item-prior", type=float, default=FitSpec.item_prior)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    if not (args.data / "assist2009_pid_test1.csv").is_file():
        print(f"skipped: {args.data}/assist2009_pid_test1.csv not found (give --data)", file=sys.stderr)
        return 0
    results = []
    for seed in range(args.seed, args.seed + args.classes):
        spec = FitSpec(steps=args.steps, seed=seed, support_sizes=QUIZ_SUPPORT, items_only=args.items_only,
                       item_prior=args.item_prior)
        results.append(evaluate(args.data, args.class_size, spec, args.model, log=lambda s: print(s, file=sys.stderr)))
        if not args.json:
            print(f"class {seed}: " + format_table(results[-1]), flush=True)
    summary = mean_gain(results)
    print(json.dumps({"classes": results, "mean_gain": summary}, indent=1) if args.json else format_mean(summary))
    return 0


def _mean_se(values: np.ndarray) -> tuple[float, float | None]:
    se = float(values.std(ddof=1) / np.sqrt(len(values))) if len(values) > 1 else None
    return float(values.mean()), se


def mean_gain(results: list[dict]) -> dict:
    """Per n, over the classes: the pooled model's mean AUC gain over the shipped one, and over the better IRT
    (the one with the higher mean AUC at that n, compared class by class), each with its standard error
    (None for a single class)."""
    out = {"over_shipped": {}, "over_best_irt": {}}
    for n in map(str, N_ASKED):
        pooled = np.array([r["auc"]["pooled"][n] for r in results])
        best = max(IRT_MODELS, key=lambda name: np.mean([r["auc"][name][n] for r in results]))
        for key, baseline in (("over_shipped", "shipped"), ("over_best_irt", best)):
            gains = pooled - np.array([r["auc"][baseline][n] for r in results])
            mean, se = _mean_se(gains)
            out[key][n] = {"baseline": baseline, "mean": mean, "se": se,
                           "classes_improved": int((gains > 0).sum())}
    return out


def format_mean(summary: dict) -> str:
    lines = []
    for key, label in (("over_shipped", "pooled - shipped"), ("over_best_irt", "pooled - best IRT with skills")):
        parts = []
        for n, g in summary[key].items():
            se = f" ± {g['se']:.2f}" if g["se"] is not None else ""
            best = f" ({g['baseline']})" if key == "over_best_irt" else ""
            parts.append(f"n={n}: {g['mean']:+.2f}{se}{best}")
        lines.append(f"mean AUC gain ({label}, points): " + "   ".join(parts))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
