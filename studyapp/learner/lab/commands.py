"""Command-line wiring of the learner: `train`, `evaluate memory|quiz`, and `bench learner`.

Heavy modules (torch, evaluation, fsrs) are imported inside the handlers so `studyapp --help` stays fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_DATA = Path("../shared/data")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
             bench_subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    train = subparsers.add_parser("train", help="meta-train the student model and write a model file")
    train.add_argument("--data", type=Path, default=DEFAULT_DATA,
                       help="the shared data folder (default ../shared/data)")
    train.add_argument("--out", type=Path, required=True,
                       help="model file to write (.safetensors; the card goes beside it)")
    train.add_argument("--steps", type=int, default=4000)
    train.add_argument("--batch", type=int, default=64)
    train.add_argument("--lr", type=float, default=0.01)
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--simulated", type=int, default=400, help="simulated flashcard learners to add")
    train.add_argument("--pooled", action="store_true", help="train the pooled baseline (no inner adaptation)")
    train.add_argument("--restart", action="store_true", help="ignore an interrupted run's checkpoint")
    train.set_defaults(func=run_train)

    evaluate = subparsers.add_parser("evaluate", help="evaluate the student model against baselines")
    targets = evaluate.add_subparsers(dest="target", required=True)
    memory = targets.add_parser("memory", help="flashcard memory prediction (srs-benchmark protocol)")
    memory.add_argument("--events", type=Path, required=True, nargs="+",
                        help="event CSV, py-fsrs CSV, Anki revlog CSV, or Anki .apkg/.colpkg (several: every "
                             "student of every file, figures per user and their mean)")
    memory.add_argument("--predictions", type=Path, help="write one row per scored answer per model")
    memory.add_argument("--model", type=Path, help="model file (default: the shipped model)")
    memory.add_argument("--pooled-model", type=Path, help="pooled baseline model (default: the shipped one)")
    memory.add_argument("--no-fsrs-fit", action="store_true", help="skip fitting FSRS-6 (slow)")
    memory.add_argument("--plot", type=Path, help="cold-start curve PNG (needs matplotlib)")
    memory.add_argument("--record", action="store_true", help="store the figures in the model card")
    memory.add_argument("--json", action="store_true")
    memory.set_defaults(func=run_evaluate_memory)

    quiz = targets.add_parser("quiz", help="adaptive assessment (BOBCAT protocol)")
    quiz.add_argument("--data", type=Path, help="response file or folder (assist2009: the folder with the five files)")
    quiz.add_argument("--format", choices=("akt", "akt-pid", "dense"), help="format of --data")
    quiz.add_argument("--train", type=Path, help="training students (JSONL)")
    quiz.add_argument("--test", type=Path, help="test students (JSONL)")
    quiz.add_argument("--answers", type=Path, help="write the answers for --test here (JSONL)")
    quiz.add_argument("--steps", type=int, default=1500, help="meta-training steps")
    quiz.add_argument("--seed", type=int, default=0)
    quiz.add_argument("--folds", help="with a fold folder: the folds to run, e.g. 1-5 (default 1); prints mean ± s.e.")
    quiz.add_argument("--seeds", help="with a single file: the 60/20/20 split seeds to run, e.g. 0-4 (default --seed)")
    quiz.add_argument("--runs-dir", type=Path,
                      help="keep each run's result here and reuse it: resumes, and summarises runs made separately")
    quiz.add_argument("--score-on", choices=("test", "validation"), default="test",
                      help="score the validation students instead (for choosing hyper-parameters)")
    quiz.add_argument("--json", action="store_true")
    quiz.set_defaults(func=run_evaluate_quiz)

    bench = bench_subparsers.add_parser("learner", help="adaptation and scoring latency of the student model")
    bench.add_argument("--model", type=Path, help="model file (default: the shipped model)")
    bench.add_argument("--repeats", type=int, default=20)
    bench.add_argument("--json", action="store_true")
    bench.set_defaults(func=run_bench)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def run_train(args: argparse.Namespace) -> int:
    from studyapp.learner.lab.meta import TrainSpec
    from studyapp.learner.lab.training import train_model

    data = args.data if args.data and args.data.is_dir() else None
    if data is None:
        print(f"note: data folder {args.data} not found; training on simulated learners only", file=sys.stderr)
    spec = TrainSpec(steps=args.steps, batch=args.batch, lr=args.lr, seed=args.seed,
                     adapt_steps=0 if args.pooled else 5)
    card = train_model(data, args.out, spec, args.simulated, resume=not args.restart,
                       log=lambda msg: print(msg, file=sys.stderr))
    print(json.dumps(card["training"], indent=1) if getattr(args, "json", False) else f"wrote {args.out}")
    return 0


def run_evaluate_memory(args: argparse.Namespace) -> int:
    from studyapp.learner.lab.data import DataError
    from studyapp.learner.lab.evaluate_memory import main
    from studyapp.learner.modelfile import ModelError

    try:
        return main(args)
    except (DataError, ModelError) as exc:
        return _fail(str(exc))


def run_evaluate_quiz(args: argparse.Namespace) -> int:
    from studyapp.learner.lab.data import DataError
    from studyapp.learner.lab.evaluate_quiz import main

    try:
        return main(args)
    except DataError as exc:
        return _fail(str(exc))


def run_bench(args: argparse.Namespace) -> int:
    from studyapp.learner.lab.bench import main
    from studyapp.learner.modelfile import ModelError

    try:
        return main(args)
    except ModelError as exc:
        return _fail(str(exc))


def build_parser() -> argparse.ArgumentParser:
    """A stand-alone parser with just the learner's commands (until the main CLI calls register)."""
    parser = argparse.ArgumentParser(prog="studyapp-learner")
    sub = parser.add_subparsers(dest="command", required=True)
    bench = sub.add_parser("bench").add_subparsers(dest="bench_target", required=True)
    register(sub, bench)
    return parser


if __name__ == "__main__":
    parsed = build_parser().parse_args()
    sys.exit(parsed.func(parsed))
