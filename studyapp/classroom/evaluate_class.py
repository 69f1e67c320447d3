"""Does pooling a class help its new students? The BOBCAT quiz protocol on a class drawn from assist2009.

A class of CLASS_SIZE students is drawn from assist2009's first file. Five-fold over the class: the other
four fifths are pooled (the shipped model re-meta-trained on them, as `classroom train` does), and the
fold's students are the class's new students, asked n = 1, 3, 5, 10 questions by maximum information and
scored on their 20% held-out items -- once with the shipped model, once with the pooled one.

    python -m studyapp.classroom.evaluate_class --data ../shared/data/assist2009 [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from studyapp.classroom.distributed import FitSpec, fit
from studyapp.classroom.training import extend_items, load_start
from studyapp.learner import meta
from studyapp.learner.data import read_akt
from studyapp.learner.evaluate_quiz import N_ASKED, QUIZ_SUPPORT, Ours, hold_out
from studyapp.learner.metrics import auc

FOLDS = 5
KEY_PREFIX = "assist2009-"


class Fitted(Ours):
    """The quiz protocol's model (information selection, adaptation after each answer) on given parameters."""

    def __init__(self, params: dict, config: dict, vocab: dict[str, int]):
        self.params, self.config, self.vocab = params, config, vocab
        self.tau = params["log_tau"].exp()


def draw_class(data: Path, size: int, seed: int):
    students = [(sid, [(KEY_PREFIX + i, c) for i, c in r])
                for sid, r in read_akt(data / "assist2009_pid_test1.csv", with_pid=True) if len(r) >= 2]
    order = np.random.default_rng(seed).permutation(len(students))[:size]
    return [students[k] for k in order]


def pooled_model(card: dict, shipped: dict, pool, spec: FitSpec):
    params, config, items = extend_items(shipped, card["config"], list(card["items"]),
                                         [i for _, r in pool for i, _ in r])
    vocab = {k: i for i, k in enumerate(items)}
    tasks = [meta.task_from_quiz(r, vocab) for _, r in pool]
    return Fitted(fit(params, config, tasks, spec), config, vocab)


def evaluate(data: Path, size: int, spec: FitSpec, model: Path | None = None, log=print) -> dict:
    card, shipped = load_start(model)
    klass = draw_class(data, size, spec.seed)
    folds = np.array_split(np.arange(len(klass)), FOLDS)
    before = Fitted(shipped, card["config"], {k: i for i, k in enumerate(card["items"])})
    preds = {(name, n): [] for name in ("shipped", "pooled") for n in N_ASKED}
    truth = []
    began = time.perf_counter()
    for f, new in enumerate(folds, start=1):
        pool = [klass[k] for k in range(len(klass)) if k not in set(new.tolist())]
        after = pooled_model(card, shipped, pool, spec)
        for _, asked_pool, query_pairs in hold_out([klass[k] for k in new], spec.seed):
            query = [i for i, _ in query_pairs]
            truth.append(np.array([c for _, c in query_pairs]))
            for name, fitted in (("shipped", before), ("pooled", after)):
                for n, _, p in fitted.run(asked_pool, query):
                    preds[(name, n)].append(p)
        log(f"fold {f}/{FOLDS}: pooled {len(pool)} students, scored {len(new)} new ones "
            f"({time.perf_counter() - began:.0f} s)")
    y = np.concatenate(truth)
    result = {"class_students": len(klass), "query_answers": int(len(y)), "steps": spec.steps,
              "auc": {name: {str(n): 100 * auc(y, np.concatenate(preds[(name, n)])) for n in N_ASKED}
                      for name in ("shipped", "pooled")}}
    result["gain"] = {str(n): result["auc"]["pooled"][str(n)] - result["auc"]["shipped"][str(n)] for n in N_ASKED}
    return result


def format_table(result: dict) -> str:
    lines = [f"Class of {result['class_students']} assist2009 students, 5-fold (pool 4/5, test the new 1/5); "
             f"{result['query_answers']} held-out answers; AUC %",
             f"{'model':<10}" + "".join(f"{'n=' + str(n):>9}" for n in N_ASKED)]
    for name in ("shipped", "pooled"):
        lines.append(f"{name:<10}" + "".join(f"{result['auc'][name][str(n)]:>9.2f}" for n in N_ASKED))
    lines.append(f"{'gain':<10}" + "".join(f"{result['gain'][str(n)]:>+9.2f}" for n in N_ASKED))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="studyapp.classroom.evaluate_class")
    p.add_argument("--data", type=Path, default=Path("../shared/data/assist2009"))
    p.add_argument("--class-size", type=int, default=60)
    p.add_argument("--steps", type=int, default=FitSpec.steps)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--model", type=Path, help="the model to start from (default: the shipped model)")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    if not (args.data / "assist2009_pid_test1.csv").is_file():
        print(f"skipped: {args.data}/assist2009_pid_test1.csv not found (give --data)", file=sys.stderr)
        return 0
    spec = FitSpec(steps=args.steps, seed=args.seed, support_sizes=QUIZ_SUPPORT)
    result = evaluate(args.data, args.class_size, spec, args.model, log=lambda s: print(s, file=sys.stderr))
    print(json.dumps(result, indent=1) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
