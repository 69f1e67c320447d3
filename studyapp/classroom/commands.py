"""`studyapp classroom ...`: student bundles out; the teacher's class report and class model; the model back in."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

from studyapp.classroom import bundle as bundle_module
from studyapp.classroom.bundle import SUFFIX, BundleError


def register(subparsers, common) -> None:
    """`common(parser)` adds the options every data command has (--json)."""
    classroom = subparsers.add_parser("classroom", help="bundles of answers for the teacher; the class report")
    actions = classroom.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser("export", help="write this profile's answers as a pseudonymous class bundle")
    p.add_argument("out", help=f"the bundle to write (ends in {SUFFIX})")
    p.add_argument("--profile")
    p.add_argument("--with-name", action="store_true", help="include the profile's name (off: pseudonym only)")
    common(p)
    p.set_defaults(func=cmd_export)

    p = actions.add_parser("report", help="mastery per student, deck and skill; hardest items; who is inactive")
    p.add_argument("bundles", nargs="+", type=Path)
    common(p)
    p.set_defaults(func=cmd_report)

    p = actions.add_parser("train", help="re-meta-train the shipped model on the class's bundles (refuses a worse "
                                         "model); under torchrun it runs data-parallel")
    p.add_argument("bundles", nargs="+", type=Path)
    p.add_argument("--out", type=Path, required=True, help="the class model to write (.safetensors; card beside it)")
    p.add_argument("--holdout", type=float, default=0.2, help="share of students held out to check the model")
    p.add_argument("--steps", type=int, help="meta-training steps (default 60, enough for a class)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--model", type=Path, help="the model to start from (default: the shipped model)")
    p.add_argument("--items-only", action="store_true",
                   help="learn only the class's item difficulties; keep the shipped population parameters")
    common(p)
    p.set_defaults(func=cmd_train)

    p = actions.add_parser("import-model", help="check and install a class model; re-adapt every profile")
    p.add_argument("model", type=Path)
    common(p)
    p.set_defaults(func=cmd_import_model)

    p = actions.add_parser("key", help="show your signing key's fingerprint and the teacher key this laptop trusts")
    common(p)
    p.set_defaults(func=cmd_key)

    p = actions.add_parser("rollback", help="go back to the model in use before the last import (again: undo)")
    common(p)
    p.set_defaults(func=cmd_rollback)

    p = actions.add_parser("assign", help="write a signed class assignment: decks, a title, a due date, a target")
    p.add_argument("decks", nargs="+", metavar="DECK_FILE_OR_DECK_NAME",
                   help="a deck file (any format `studyapp import` reads) or the name of a deck here (with its "
                        "sub-decks)")
    p.add_argument("--title", required=True)
    p.add_argument("--due", required=True, metavar="YYYY-MM-DD", help="the last day")
    p.add_argument("--min-answers", type=int, metavar="N", help="answers asked for (default: one per item)")
    p.add_argument("--out", type=Path, required=True, help="the file to write (ends in .studyassign)")
    common(p)
    p.set_defaults(func=cmd_assign)

    p = actions.add_parser("import-assignment", help="check the teacher's signature, import the assignment's decks "
                                                     "and keep the assignment")
    p.add_argument("file", type=Path)
    common(p)
    p.set_defaults(func=cmd_import_assignment)

    p = actions.add_parser("assignments", help="the assignments here, with this profile's progress")
    p.add_argument("--profile")
    common(p)
    p.set_defaults(func=cmd_assignments)


def read_bundles(paths: list[Path]):
    """The class's usable bundles; each one left out is named on stderr (a forged or duplicate bundle must
    not stop the report of the rest)."""
    skipped: list[str] = []
    bundles = bundle_module.read_bundles(paths, skipped)
    for sentence in skipped:
        print(f"studyapp: {sentence}", file=sys.stderr)
    return bundles


def cmd_export(args) -> int:
    from studyapp.classroom.bundle import export_bundle
    from studyapp.workspace import command_workspace, resolve_profile

    out = Path(args.out)
    if not out.name.endswith(SUFFIX):
        raise BundleError(f"the bundle file must end in {SUFFIX}")
    ws = command_workspace(args)
    profile = resolve_profile(ws.db, args.profile, args.pin)
    manifest = export_bundle(ws.db, profile, out, with_name=args.with_name)
    message = (f"Wrote {manifest['answers']} answer(s) of {manifest['name'] or manifest['pseudonym']} to {out}.")
    print(json.dumps(manifest) if args.json else message)
    return 0


def cmd_report(args) -> int:
    from studyapp.classroom.dashboard import class_report

    report = class_report(read_bundles(args.bundles), int(time.time() * 1000))
    if args.json:
        print(json.dumps(asdict(report), ensure_ascii=False))
        return 0
    print("Mastery by deck (share of answered items right at the latest try, ± 95% margin)")
    for m in report.by_deck:
        print(f"  {m.student:<16} {m.group:<40} {m.mastery:5.0%} ± {m.margin:4.0%}  ({m.items} items)")
    if report.by_skill:
        print("Mastery by skill")
        for m in report.by_skill:
            print(f"  {m.student:<16} {m.group:<40} {m.mastery:5.0%} ± {m.margin:4.0%}  ({m.items} items)")
    print("Hardest items (right at the first try)")
    for h in report.hardest:
        print(f"  {h.first_try_correct:5.0%} of {h.students:>3}  {h.prompt[:50]}  [{h.deck}]")
    print("Not studied in the last 7 days: " + (", ".join(report.inactive) or "everyone studied"))
    return 0


def _classroom_errors(handler):
    """Model and training problems end the command with one sentence and exit status 1, like bundle problems."""
    def run(args) -> int:
        from studyapp.classroom.errors import ClassroomError
        from studyapp.learner.modelfile import ModelError

        try:
            return handler(args)
        except (ClassroomError, ModelError) as exc:
            print(f"studyapp: {exc}", file=sys.stderr)
            return 1

    return run


def _check_out(out: Path, bundles: list[Path]) -> None:
    from studyapp.classroom.errors import ClassroomError
    from studyapp.learner.modelfile import card_path

    if out.suffix != ".safetensors":
        raise ClassroomError(f"the class model file must end in .safetensors, not {out.name}")
    for path in (out, card_path(out), out.with_suffix(".sig")):
        if path.exists():
            raise ClassroomError(f"{path} already exists; choose a new name (nothing is overwritten)")
    if out.resolve() in {b.resolve() for b in bundles}:
        raise ClassroomError(f"{out} is one of the bundles")


def _metrics_line(name: str, m: dict) -> str:
    def show(value):
        return "n/a" if value is None else f"{value:.3f}"

    by_n = "  ".join(f"n={n}: {show(v['auc'])}" for n, v in m["by_n"].items())
    return f"  {name:<7} log loss {m['log_loss']:.4f}  AUC {show(m['auc'])}   (AUC after n answers: {by_n})"


@_classroom_errors
def cmd_train(args) -> int:
    from tqdm import tqdm

    from studyapp import paths
    from studyapp.classroom.distributed import FitSpec
    from studyapp.classroom.signing import sign_model, signature_path, teacher_key
    from studyapp.classroom.training import class_start, train_class, write_class_model
    from studyapp.learner.lab import parallel

    _check_out(args.out, args.bundles)
    start = class_start(read_bundles(args.bundles), args.model)
    parallel.init_from_env()
    rank, size = parallel.world()
    spec = FitSpec(seed=args.seed, items_only=args.items_only,
                               **({"steps": args.steps} if args.steps else {}))
    began = time.perf_counter()
    # A progress bar on a terminal only (tqdm leaves pipes and --json output alone); the finished bar stays.
    with tqdm(total=spec.steps, desc="training", unit="step", file=sys.stderr, leave=True,
              disable=True if args.json or rank != 0 else None) as bar:
        def progress(step: int, loss: float) -> None:
            bar.set_postfix(loss=f"{loss:.4f}", refresh=False)
            bar.update(step - bar.n)

        result = train_class(start, spec, args.holdout, progress=progress)
    seconds = time.perf_counter() - began
    parallel.finish()
    if rank != 0:
        return 0
    summary = {"students": result.students, "held_out": result.held_out, "answers": result.answers,
               "processes": size, "seconds": round(seconds, 1), "before": result.before, "after": result.after,
               "written": result.better}
    if not result.better:
        message = (f"the class model is worse than the starting model on the {result.held_out} held-out student(s) "
                   f"(log loss {result.after['log_loss']:.4f} > {result.before['log_loss']:.4f}); nothing was written")
        if args.json:
            print(json.dumps(summary))
        print(f"studyapp: {message}", file=sys.stderr)
        return 1
    key = teacher_key(paths.data_dir(args.data_dir))  # made on first use; unreadable: stop before writing
    card = write_class_model(args.out, result, start, spec)
    summary["sha256"] = card["sha256"]
    summary["signed_by"] = sign_model(args.out, key)
    if args.json:
        print(json.dumps(summary))
        return 0
    print(f"Trained on {result.students} student(s), {result.answers} answers ({size} process(es), {seconds:.0f} s); "
          f"checked on {result.held_out} held-out student(s):")
    print(_metrics_line("before", result.before))
    print(_metrics_line("after", result.after))
    print(f"Wrote {args.out} and its signature {signature_path(args.out).name}, signed with your key "
          f"{summary['signed_by']} (give both to each laptop: studyapp classroom import-model {args.out.name}; "
          "read the key out when a laptop installs its first class model).")
    return 0


def _readapt(ws) -> dict[str, int]:
    from studyapp.classroom.models import active_model_path, readapt_profiles
    from studyapp.learner.runtime import Learner

    return readapt_profiles(ws.db, Learner.load(active_model_path(ws.data_dir)))


@_classroom_errors
def cmd_import_model(args) -> int:
    from studyapp.classroom.models import check_model_file, install_model
    from studyapp.workspace import command_workspace

    check_model_file(args.model)
    ws = command_workspace(args)
    installed = install_model(ws.data_dir, args.model)
    card = installed.card
    profiles = _readapt(ws)
    if args.json:
        # A count only: the names and answer counts of every profile are not this command's to show.
        print(json.dumps({"installed": card["sha256"], "items": len(card["items"]), "profiles": len(profiles),
                          "signed_by": installed.fingerprint, "newly_trusted": installed.newly_trusted}))
        return 0
    print(f"Installed the class model ({len(card['items'])} known items); re-adapted {len(profiles)} profile(s). "
          "Undo with: studyapp classroom rollback")
    if installed.newly_trusted:
        print(f"Signed by the key {installed.fingerprint}: check with your teacher that it is theirs. From now on "
              "this laptop installs only class models signed by it.")
    else:
        print(f"Signed by your teacher's key {installed.fingerprint}.")
    return 0


@_classroom_errors
def cmd_key(args) -> int:
    from studyapp import paths
    from studyapp.classroom.signing import fingerprint, pinned_key, teacher_fingerprint

    folder = paths.data_dir(args.data_dir)
    trusted = pinned_key(folder)
    mine = teacher_fingerprint(folder)
    if args.json:
        print(json.dumps({"signing_key": mine, "trusted_teacher_key": fingerprint(trusted) if trusted else None}))
        return 0
    print(f"Your signing key (read it out to the class when they take in your first model or assignment): {mine}")
    print("Trusted teacher key on this laptop: " + (fingerprint(trusted) if trusted else "none yet (the first class "
                                                                                           "model or assignment taken "
                                                                                           "in sets it)"))
    return 0


@_classroom_errors
def cmd_rollback(args) -> int:
    from studyapp.classroom.models import rollback
    from studyapp.workspace import command_workspace

    ws = command_workspace(args)
    now = rollback(ws.data_dir)
    profiles = _readapt(ws)
    name = "the shipped model" if now is None else "the previous class model"
    if args.json:
        print(json.dumps({"in_use": str(now) if now else "shipped", "profiles": len(profiles)}))
    else:
        print(f"Now using {name}; re-adapted {len(profiles)} profile(s). Rollback again to undo.")
    return 0


def _assigned_decks(ws, names: list[str]):
    """The decks and media of each argument: a deck file, else a deck of this data folder with its sub-decks."""
    from studyapp.classroom.assignments import AssignmentError
    from studyapp.content.problems import Code
    from studyapp.content.readers import read_file
    from studyapp.paths import media_dir
    from studyapp.store import queries

    decks, media = [], {}
    for name in names:
        if Path(name).is_file():
            bundle = read_file(Path(name))
            decks += bundle.decks
            media |= bundle.media
            continue
        deck = queries.find_deck(ws.db, name)
        if deck is None:
            raise AssignmentError(Code.NOT_A_DECK_HERE, repr(name))
        tree = [d for d in queries.deck_tree_content(ws.db, deck["id"]) if d.items]
        decks += tree
        folder = media_dir(ws.data_dir)
        wanted = {m for d in tree for item in d.items for m in item.media}
        media |= {m: (folder / m).read_bytes() for m in wanted if (folder / m).is_file()}
    return decks, media


@_classroom_errors
def cmd_assign(args) -> int:
    from studyapp.classroom.assignments import write_assignment
    from studyapp.classroom.signing import teacher_key
    from studyapp.workspace import command_workspace

    ws = command_workspace(args)
    decks, media = _assigned_decks(ws, args.decks)
    key = teacher_key(ws.data_dir)  # made on first use; unreadable: stop before writing
    assignment = write_assignment(args.out, decks, media, args.title, args.due, args.min_answers, key,
                                  int(time.time() * 1000))
    if args.json:
        print(json.dumps({"out": str(args.out)} | asdict(assignment)))
        return 0
    print(f"Wrote {args.out}: {assignment.title!r}, due {assignment.due}, {assignment.target} answer(s) on "
          f"{', '.join(assignment.decks)}; signed with your key {assignment.signed_by} (the key your class "
          "models are signed with).")
    return 0


@_classroom_errors
def cmd_import_assignment(args) -> int:
    from studyapp.classroom.assignments import import_assignment
    from studyapp.workspace import command_workspace

    ws = command_workspace(args)
    imported = import_assignment(ws.db, ws.data_dir, args.file)
    a, result = imported.assignment, imported.result
    if args.json:
        print(json.dumps(asdict(a) | {"items_added": result.items_added, "items_updated": result.items_updated,
                                      "newly_trusted": imported.newly_trusted}))
        return 0
    print(f"Imported the assignment {a.title!r} (due {a.due}, {a.target} answer(s) on {', '.join(a.decks)}): "
          f"{result.items_added} new item(s), {result.items_updated} updated.")
    if imported.newly_trusted:
        print(f"Signed by the key {a.signed_by}: check with your teacher that it is theirs. From now on this "
              "laptop takes only assignments and class models signed by it.")
    else:
        print(f"Signed by your teacher's key {a.signed_by}.")
    return 0


@_classroom_errors
def cmd_assignments(args) -> int:
    from studyapp.classroom.assignments import progress
    from studyapp.workspace import command_workspace, resolve_profile

    ws = command_workspace(args)
    profile = resolve_profile(ws.db, args.profile, args.pin)
    shown = progress(ws.db, profile["id"])
    if args.json:
        print(json.dumps({"profile": profile["name"], "assignments": [p.as_json() for p in shown]},
                         ensure_ascii=False))
        return 0
    if not shown:
        print("No assignments here yet (studyapp classroom import-assignment FILE).")
    for p in shown:
        state = "done" if p.done else "OVERDUE" if p.overdue else "to do"
        print(f"{p.assignment.title}  due {p.assignment.due}  {p.answers}/{p.assignment.target} answers  {state}  "
              f"[{', '.join(p.assignment.decks)}]")
    return 0
