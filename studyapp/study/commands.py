"""Command-line entry points for the next-item policies: `simulate`, `replay` and `bench select`.

`register` adds them to the CLI's parsers; handlers import torch and fsrs only when they run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only for annotations: `studyapp --help` imports this module and must stay light
    from sqlite_utils import Database

    from studyapp.content.model import Deck
    from studyapp.learner.lab.simulate import Population
    from studyapp.learner.runtime import Learner
    from studyapp.study.predictor import LearnerPredictor

DEFAULT_POPULATION = Path("../shared/data/fsrs-population/fsrs5_user_parameters_summary.json")
DEFAULT_DENSE = Path("../shared/data/dense-irt")


class CommandError(Exception):
    """A failure reported as one sentence, exit status 1."""


def _fail(message: str) -> int:
    print(f"studyapp: {message}", file=sys.stderr)
    return 1


def _print(args: argparse.Namespace, data: dict[str, Any], human: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else human)


def _policies(text: str) -> list[str]:
    names = [p.strip().lower() for p in text.split(",") if p.strip()]
    if not names:
        raise CommandError("--policy needs at least one policy name")
    return names


# ---------------------------------------------------------------- simulate

def find_deck(name: str) -> Deck:
    """A built-in deck by its name, last name part or file name, or a deck file by path."""
    from studyapp.content.native import SUFFIX, read_deck
    from studyapp.content.readers import read_file
    from studyapp.resources import decks_dir

    path = Path(name)
    if path.is_file():
        bundle = read_file(path)
        if len(bundle.decks) != 1 or not bundle.decks[0].items:
            raise CommandError(f"{path} must hold exactly one deck with items to simulate")
        return bundle.decks[0]
    wanted = name.strip().casefold()
    known = []
    for file in sorted(decks_dir().glob(f"*{SUFFIX}")):
        deck = read_deck(file)
        names = {deck.name.casefold(), deck.name.split("::")[-1].strip().casefold(),
                 file.name[: -len(SUFFIX)].casefold()}
        if wanted in names:
            return deck
        known.append(deck.name)
    raise CommandError(f"there is no built-in deck named {name!r} (known: {', '.join(known)}; or give a deck file)")


def _population(path: Path) -> tuple[Population, str]:
    from studyapp.learner.lab.simulate import Population

    if path.is_file():
        return Population.from_file(path), str(path)
    print(f"studyapp: {path} is absent: students are drawn around the population medians instead", file=sys.stderr)
    return Population(), "built-in medians (population file absent)"


class LearnerPredictors:
    """Makes a LearnerPredictor per simulated student on one model file. Picklable (it carries the path,
    and each process loads the model once), so simulation workers can build their own."""

    def __init__(self, model: str | None) -> None:
        self.model = model
        self._learner: Learner | None = None

    def load(self) -> Learner:
        from studyapp.learner.runtime import Learner

        if self._learner is None:
            self._learner = Learner.load(Path(self.model) if self.model else None)
        return self._learner

    def __call__(self, db: Database, profile: int) -> LearnerPredictor:
        from studyapp.study.predictor import LearnerPredictor

        return LearnerPredictor(db, profile, self.load())

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "_learner": None}


def _predictor_factory(model: str | None) -> tuple[LearnerPredictors | None, str | None]:
    """A factory of LearnerPredictors on the shipped (or given) model, or the reason it cannot load."""
    from studyapp.learner.runtime import ModelError

    factory = LearnerPredictors(model)
    try:
        factory.load()
    except (ModelError, OSError) as exc:
        return None, str(exc)
    return factory, None


def _families(text: str) -> tuple[str, ...]:
    from studyapp.learner.lab.simulate import MEMORY_FAMILIES

    names = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    odd = [f for f in names if f not in MEMORY_FAMILIES]
    if odd or not names:
        raise CommandError(f"--memory takes some of {', '.join(MEMORY_FAMILIES)}, not {text!r}")
    return names


def _figure(f: dict[str, float | None], digits: int = 3) -> str:
    return f"{f['mean']:.{digits}f}" + (f"+-{f['se']:.{digits}f}" if f["se"] is not None else "")


def _simulation_table(result: dict[str, Any]) -> list[str]:
    lines = [f"{result['deck']}: {result['items']} items, {result['students_per_seed']} students x "
             f"{len(result['seeds'])} seeds, {result['days']} days, {result['minutes_per_day']:g} min/day, "
             f"{result['new_per_day']} new/day"
             + ("" if result["fill"] else " at most (a day ends when the policy has nothing to show)")]
    for family, figures in result["memory"].items():
        lines.append(f"memory: {family}")
        later = f"+{result['after_days']}d"
        lines.append(f"  {'policy':<7} {'knowledge':>13} {later:>13} "
                     f"{'>=90%':>12} {'>=90% later':>12} {'min/day':>12} {'filled':>6}")
        for name, f in figures["policies"].items():
            lines.append(f"  {name:<7} {_figure(f['knowledge']):>13} {_figure(f['knowledge_after']):>13} "
                         f"{_figure(f['known'], 1):>12} {_figure(f['known_after'], 1):>12} "
                         f"{_figure(f['minutes'], 2):>12} {f['extra_minutes']['mean']:>6.2f}")
        v = figures.get("ours_vs_fsrs6")
        if v:
            lines.append(f"  ours / fsrs6 knowledge {_figure(v['knowledge_ratio'])} (lowest seed "
                         f"{v['knowledge_ratio_lowest_seed']:.3f}), later {_figure(v['knowledge_after_ratio'])}; "
                         f"ours knows more for {v['students_better_knowledge']:.0%} of students; "
                         f">=90% {_figure(v['known_difference'], 1)} items; minutes x{_figure(v['minutes_ratio'])}")
    lines.append("knowledge: mean true recall over the deck at the end and later; >=90%: items at >= 90% recall; "
                 "filled: min/day studied after the policy had nothing more to show; +- one s.e. over seeds")
    return lines


def cmd_simulate(args: argparse.Namespace) -> int:
    from studyapp.content.model import ContentError
    from studyapp.learner.lab.data import DataError
    from studyapp.study.settings import SettingsError, StudySettings
    from studyapp.study.simulation import SimulationError, check_disjoint, generated_deck, simulate

    try:
        policies = _policies(args.policy)
        families = _families(args.memory)
        if (args.deck is None) == (args.items is None):
            raise CommandError("give either --deck or --items")
        deck = find_deck(args.deck) if args.deck is not None else generated_deck(args.items)
        population, source = _population(Path(args.population))
        factory = None
        if "ours" in policies:
            factory, why = _predictor_factory(args.model)
            if factory is None:
                raise CommandError(f"the policy 'ours' needs the learner model: {why}")
            check_disjoint(factory.load().card)
        if "fsrs6" in policies and importlib.util.find_spec("fsrs") is None:
            raise CommandError("the policy 'fsrs6' needs the fsrs package, a bench extra (pip install fsrs)")
        settings = StudySettings(new_per_day=args.new_per_day)
        result = simulate(policies, deck, args.days, args.minutes, args.students, args.seeds, args.seed,
                          families, population, factory, args.refit_days, settings, fill=not args.no_fill,
                          progress=True, workers=args.workers)
    except (CommandError, SimulationError, SettingsError, ContentError, DataError) as exc:
        return _fail(str(exc))
    result["population"] = source
    if factory is not None:
        from studyapp.study.predictor import model_id

        result["model"] = model_id(factory.load())  # which model file "ours" used (they are retrained)
    _print(args, result, "\n".join(_simulation_table(result)))
    return 0


# ---------------------------------------------------------------- replay

def cmd_replay(args: argparse.Namespace) -> int:
    from studyapp.study.replay import ReplayError, replay_seeds

    path = Path(args.data)
    if not path.exists():
        print(f"studyapp: {path} is absent: replay skipped (give the dense-irt folder with --data)", file=sys.stderr)
        return 1
    try:
        if not 0 < args.error < 1 or args.length < 1:
            raise CommandError("--error must be between 0 and 1 and --length positive")
        result = replay_seeds(path, _policies(args.policy), args.error, args.length, args.seeds, args.seed,
                              args.max_students)
    except (CommandError, ReplayError) as exc:
        return _fail(str(exc))
    seeds = result["seeds"]
    lines = [f"questions to a score error within {args.error:.0%} of the maximum score, mean +- s.e. over "
             f"{len(seeds)} seed(s) ({seeds[0]}..{seeds[-1]}: each a new split of the students)"]
    for name, ds in result["datasets"].items():
        lines.append(f"{name}: {ds['items']} items, {ds['students_replayed']} students replayed per seed; "
                     f"tolerance {ds['tolerance_points']:.1f} points")
        lines.append(f"  {'policy':<8} {'needed':>15} {f'MAE@{args.length}':>15} {'max exposure':>14}")
        for policy, f in ds["policies"].items():
            n, mae, exp = f["questions_needed"], f[f"mae_at_{args.length}"], f["max_exposure"]
            lines.append(f"  {policy:<8} {n['mean']:>8.2f} +- {n['se']:<4.2f} {mae['mean']:>8.2f} +- "
                         f"{mae['se']:<4.2f} {exp['mean']:>8.0%} +- {exp['se']:.0%}")
        if "questions_vs_maxinfo_percent" in ds["policies"].get("ours", {}):
            change = ds["policies"]["ours"]["questions_vs_maxinfo_percent"]
            lines.append(f"  ours vs maxinfo: {change['mean']:+.1f}% +- {change['se']:.1f} questions")
    lines.append("needed: mean questions until the score error stays within the tolerance")
    _print(args, result, "\n".join(lines))
    return 0


# ---------------------------------------------------------------- bench select

def cmd_bench_select(args: argparse.Namespace) -> int:
    from studyapp.study.bench_select import bench_select

    try:
        sizes = tuple(int(s) for s in args.sizes.split(","))
        if any(s < 1 for s in sizes):
            raise ValueError
    except ValueError:
        return _fail("--sizes takes positive integers separated by commas, e.g. 1000,20000,100000")
    result = bench_select(sizes, use_model=not args.no_model)
    lines = [f"next-item choice, ms (predictor: {result['predictor']})"]
    for mode, by_size in result["by_mode"].items():
        for n, f in by_size.items():
            lines.append(f"  {mode:<8} {int(n):>7} items: p50 {f['p50']:.2f}  p95 {f['p95']:.2f}  "
                         f"first {f['first']:.1f}")
    _print(args, result, "\n".join(lines))
    return 0


# ---------------------------------------------------------------- wiring

def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
             bench_subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("simulate", help="simulated students study a deck under each policy, at equal "
                                                "study time")
    p.add_argument("--policy", default="ours,fsrs6,sm2,random", help="one name or a comma-separated list of "
                                                                      "ours, fsrs6, sm2, random")
    p.add_argument("--deck", help="a built-in deck's name, or a deck file")
    p.add_argument("--items", type=int, help="instead of --deck: a generated deck of this many cards")
    p.add_argument("--memory", default="fsrs,powerlaw", help="the simulated students' memory: fsrs, powerlaw "
                                                             "or both")
    p.add_argument("--days", type=int, default=60)
    p.add_argument("--minutes", type=float, default=20.0, help="study time per day, the same for every policy")
    p.add_argument("--new-per-day", type=int, default=20, help="every policy's daily new-item limit before the "
                                                               "budget is filled (Anki's default: 20)")
    p.add_argument("--no-fill", action="store_true", help="end a day when the policy has nothing to show "
                                                          "(default: study ahead until the minutes are used)")
    p.add_argument("--students", type=int, default=20, help="students per seed")
    p.add_argument("--seeds", type=int, default=3, help="independent cohorts (figures are mean +- s.e. over them)")
    p.add_argument("--seed", type=int, default=0, help="the first cohort's seed")
    p.add_argument("--refit-days", type=int, default=30, help="FSRS-6 refits its parameters this often")
    p.add_argument("--population", default=str(DEFAULT_POPULATION), help="FSRS population summary (JSON)")
    p.add_argument("--model", help="learner model file (default: the shipped one)")
    p.add_argument("--workers", type=int, default=1, help="simulate students in this many processes")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_simulate)

    p = subparsers.add_parser("replay", help="replay adaptive tests on complete answer grids")
    p.add_argument("--data", default=str(DEFAULT_DENSE), help="the dense-irt folder or one grid file")
    p.add_argument("--policy", default="ours,maxinfo,random")
    p.add_argument("--error", type=float, default=0.1, help="tolerance as a share of the maximum score")
    p.add_argument("--length", type=int, default=10, help="test length for the exposure figures")
    p.add_argument("--seed", type=int, default=0, help="the first seed")
    p.add_argument("--seeds", type=int, default=3, help="how many seeds (splits of the students) to average over")
    p.add_argument("--max-students", type=int, help="replay at most this many students per grid")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_replay)

    p = bench_subparsers.add_parser("select", help="time of one next-item choice on large decks")
    p.add_argument("--sizes", default="1000,20000,100000")
    p.add_argument("--no-model", action="store_true", help="time the policies alone, with a table predictor")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bench_select)
