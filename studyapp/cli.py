"""The command line: the same operations as the GUI, without a screen. `studyapp` alone opens the GUI."""

from __future__ import annotations

import argparse
import csv
import getpass
import json
import logging
import os
import sqlite3
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import NoReturn

from studyapp import __version__
from studyapp.content.model import EVENT_KIND, LANGUAGE_CODE, ContentError
from studyapp.content.readers import FORMATS, read_file
from studyapp.logsetup import setup_logging
from studyapp.study.grading import GradingError
from studyapp.study.settings import SettingsError

# The store (sqlite-utils, numpy) is imported by the commands that use it, not by `studyapp --help` or
# before the GUI's first window.

log = logging.getLogger(__name__)


class CliError(Exception):
    """A user-facing failure: printed as one sentence, exit status 1."""


PIN_VAR, NEW_PIN_VAR = "STUDYAPP_PIN", "STUDYAPP_NEW_PIN"


def ask_pin(profile_name: str) -> str | None:
    """A profile's PIN: from $STUDYAPP_PIN, else typed at a hidden prompt when there is a terminal. Never an
    argument, which any user of the computer could read in the process list."""
    if os.environ.get(PIN_VAR):
        return os.environ[PIN_VAR]
    if not sys.stdin.isatty():  # a program drives us (study --script): its stdin is not for PINs
        return None
    try:
        return getpass.getpass(f"PIN of {profile_name}: ")
    except (EOFError, KeyboardInterrupt):
        return None


def ask_new_pin(profile_name: str) -> str:
    if os.environ.get(NEW_PIN_VAR):
        return os.environ[NEW_PIN_VAR]
    if not sys.stdin.isatty():
        raise CliError(f"type the new PIN at a terminal, or give it in ${NEW_PIN_VAR}")
    first = getpass.getpass(f"New PIN for {profile_name}: ")
    if getpass.getpass("The same PIN again: ") != first:
        raise CliError("the two PINs differ; nothing was changed")
    return first


def _emit(args, data, human: str) -> None:
    print(json.dumps(data, ensure_ascii=False) if getattr(args, "json", False) else human)


def _workspace(args):
    from studyapp.workspace import command_workspace

    workspace = command_workspace(args)
    args.log_file = setup_logging(workspace.data_dir, console_level=None)  # the user reads our sentences
    return workspace


# ---------------------------------------------------------------- profiles

def cmd_profiles(args) -> int:
    from studyapp.store import queries
    from studyapp.store.pin import set_pin
    from studyapp.workspace import resolve_profile

    ws = _workspace(args)
    if args.action and not args.name:
        raise CliError(f"give the profile's name: studyapp profiles {args.action} NAME")
    if args.action == "add":
        profile_id = queries.add_profile(ws.db, args.name)
        _emit(args, {"id": profile_id, "name": args.name.strip()}, f"Added profile {args.name.strip()!r}.")
        return 0
    if args.action in ("pin", "unpin"):
        profile = resolve_profile(ws.db, args.name, args.pin)
        set_pin(ws.db, profile["id"], ask_new_pin(profile["name"]) if args.action == "pin" else None)
        done = "now needs a PIN" if args.action == "pin" else "no longer needs a PIN"
        _emit(args, {"name": profile["name"], "pin": args.action == "pin"}, f"Profile {profile['name']!r} {done}.")
        return 0
    profiles = queries.list_profiles(ws.db)
    _emit(args, [{"id": p["id"], "name": p["name"]} for p in profiles],
          "\n".join(p["name"] for p in profiles) or "No profiles yet (studyapp profiles add NAME).")
    return 0


# ---------------------------------------------------------------- decks

def cmd_decks(args) -> int:
    from studyapp.study.clock import system_clock
    from studyapp.study.overview import deck_overview
    from studyapp.workspace import resolve_profile

    ws = _workspace(args)
    profile = resolve_profile(ws.db, args.profile, args.pin)
    rows = deck_overview(ws.db, profile["id"], system_clock())
    mastery = _deck_mastery(ws, profile["id"], rows)
    none = {"mastery": None, "mastery_low": None, "mastery_high": None, "mastery_answers": 0}
    data = [{**{k: r[k] for k in ("name", "items", "new", "due", "answers")}, **mastery.get(r["id"], none)}
            for r in rows]

    def shown(d: dict) -> str:
        if d["mastery"] is None:
            return "-"
        return f"{d['mastery']:.0%} ({d['mastery_low']:.0%}-{d['mastery_high']:.0%})"

    width = max((len(r["name"]) for r in rows), default=4)
    lines = [f"{'deck':<{width}}  {'items':>6} {'new':>6} {'due':>6} {'answers':>8}  mastery (95% range)"]
    lines += [f"{d['name']:<{width}}  {d['items']:>6} {d['new']:>6} {d['due']:>6} {d['answers']:>8}  {shown(d)}"
              for d in data]
    _emit(args, data, "\n".join(lines))
    return 0


def _deck_mastery(ws, profile_id: int, rows: list[dict]) -> dict[int, dict]:
    """The deck tree's mastery figures (studyapp.study.overview.deck_mastery); none without answers or a model."""
    if not any(r["answers"] for r in rows):
        return {}
    from studyapp.study.clock import system_clock
    from studyapp.study.launch import load_learner
    from studyapp.study.overview import deck_mastery
    from studyapp.study.predictor import LearnerPredictor

    learner, notice = load_learner(ws.data_dir)
    if notice:
        print(f"studyapp: {notice}", file=sys.stderr)
    if learner is None:
        return {}
    return deck_mastery(ws.db, profile_id, LearnerPredictor(ws.db, profile_id, learner), system_clock())


# ---------------------------------------------------------------- import / export

def cmd_import(args) -> int:
    from studyapp.store.importer import import_bundle
    from studyapp.workspace import resolve_profile

    columns = [c.strip().lower() for c in args.columns.split(",")] if args.columns else None
    bundle = read_file(Path(args.file), deck_name=args.deck, columns=columns, delimiter=args.delimiter,
                       file_format=args.format, header_row=args.header_row)
    ws = _workspace(args)
    profile_id = resolve_profile(ws.db, args.profile, args.pin)["id"] if (bundle.history or args.profile) else None
    result = import_bundle(ws.db, ws.data_dir, bundle, profile_id, deck_name=args.deck)
    data = {"file": args.file, **result.__dict__}
    human = (f"Imported {args.file}: {result.items_added} new and {result.items_updated} updated item(s) "
             f"into {', '.join(result.decks)}; {result.answers_added} answer(s) of history"
             + (f" ({result.answers_skipped} already present)" if result.answers_skipped else "") + ".")
    _emit(args, data, human)
    return 0


def iso_utc(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc).isoformat(timespec="milliseconds")


def cmd_export_log(args) -> int:
    from studyapp.store import queries
    from studyapp.workspace import resolve_profile

    ws = _workspace(args)
    profile = resolve_profile(ws.db, args.profile, args.pin)
    rows = queries.answers_with_items(ws.db, profile["id"])
    out = Path(args.out)
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_id", "item_id", "timestamp", "correct", "grade", "response_ms", "kind", "skill_id"])
        for r in rows:
            writer.writerow([profile["name"], f"{r['guid']}#{r['ord']}", iso_utc(r["answered_ms"]), r["correct"],
                             r["grade"] or "", r["response_ms"] if r["response_ms"] is not None else "",
                             EVENT_KIND[r["kind"]], r["skill"]])
    tmp.replace(out)
    _emit(args, {"out": str(out), "answers": len(rows)}, f"Wrote {len(rows)} answer(s) to {out}.")
    return 0


def cmd_export_deck(args) -> int:
    from studyapp.content.native import SUFFIX, write_deck
    from studyapp.store import queries

    ws = _workspace(args)
    deck = queries.find_deck(ws.db, args.deck)
    if deck is None:
        raise CliError(f"there is no deck named {args.deck!r}")
    out = Path(args.out)
    if out.suffix.lower() == ".apkg":
        decks = queries.deck_tree_content(ws.db, deck["id"])
        count = _export_apkg(ws, args, decks, out)
    elif out.name.endswith(SUFFIX):
        content = queries.deck_content(ws.db, deck["id"])
        if not content.items:
            raise CliError(f"the deck {args.deck!r} has no items of its own; export one of its sub-decks")
        out.write_text(write_deck(content), encoding="utf-8")
        count = len(content.items)
    else:
        raise CliError(f"the output file must end in {SUFFIX} or .apkg")
    _emit(args, {"out": str(out), "items": count}, f"Wrote {count} item(s) to {out}.")
    return 0


def _export_apkg(ws, args, decks, out: Path) -> int:
    """An Anki package of the deck tree, with the profile's answers as review history if asked."""
    from studyapp.exchange.export import write_apkg
    from studyapp.workspace import resolve_profile

    profile_id = resolve_profile(ws.db, args.profile, args.pin)["id"] if args.with_history else None
    return write_apkg(ws.db, ws.data_dir, decks, out, profile_id)


# ---------------------------------------------------------------- backups

def cmd_backup(args) -> int:
    from studyapp import paths
    from studyapp.store.backup import create_backup, list_backups, list_pre_restore, restore_backup
    from studyapp.store.pin import pin_checker
    from studyapp.study.settings import StudySettings

    directory = paths.data_dir(args.data_dir)
    db_file = paths.db_path(directory)
    if args.action == "list":
        backups = [(b, "backup") for b in list_backups(directory)] + \
                  [(b, "before restore") for b in list_pre_restore(directory)]
        _emit(args, [{"name": b.name, "created": b.created.isoformat(), "kind": kind} for b, kind in backups],
              "\n".join(f"{b.name}  {b.created:%Y-%m-%d %H:%M} UTC  {kind}" for b, kind in backups)
              or "No backups yet.")
    elif args.action == "create":
        _workspace(args)  # a fresh folder gets its database first
        backup = create_backup(db_file, directory, StudySettings().backups_keep)
        _emit(args, {"name": backup.name}, f"Backed up to {backup.path}.")
    else:
        done = restore_backup(db_file, directory, args.name, check_pins=pin_checker(db_file, ask_pin),
                              take_over=args.take_over)
        kept = f"; the previous database is kept as {done.kept} until you delete it" if done.kept else ""
        _emit(args, {"restored": done.backup.name, "kept": str(done.kept) if done.kept else None},
              f"Restored {done.backup.name}{kept}.")
    return 0


# ---------------------------------------------------------------- study

NOW_RANGE = (datetime(1970, 1, 2, tzinfo=timezone.utc), datetime(9999, 1, 1, tzinfo=timezone.utc))


def check_moment(ms: int) -> int:
    """`ms` if it is a moment the calendar code can handle (1970 to 9998, with a day to spare at both ends)."""
    low, high = NOW_RANGE
    if not low.timestamp() * 1000 <= ms < high.timestamp() * 1000:
        raise ValueError(f"{ms} ms is outside the years {low.year}-{high.year - 1} that StudyApp can handle")
    return ms


def cmd_study(args) -> int:
    from studyapp.content.answer_times import answer_time_problem
    from studyapp.store import queries
    from studyapp.store.backup import backup_if_due
    from studyapp.study.clock import offset_clock, parse_timestamp, system_clock
    from studyapp.study.launch import load_learner, open_session
    from studyapp.study.terminal import run_human, run_script
    from studyapp.workspace import remember_profile, resolve_profile

    if args.language is not None and not LANGUAGE_CODE.fullmatch(args.language):
        raise CliError(f"--language: {args.language!r} is not a language code such as zh_CN")
    try:
        start_ms = check_moment(parse_timestamp(args.now)) if args.now else None
    except ValueError as exc:
        raise CliError(f"--now: {exc}") from None
    problem = answer_time_problem(system_clock() if start_ms is None else start_ms)
    if problem:  # reported, not obeyed: one such session would otherwise stamp the profile's log
        source = f"--now {args.now}" if args.now else "this computer's clock"
        raise CliError(f"{source} {problem}; answers are stamped only within that range, so nothing was studied "
                       "(set the date and time, or give a --now inside it)")
    ws = _workspace(args)
    profile = resolve_profile(ws.db, args.profile, args.pin)
    remember_profile(ws.db, profile["name"])
    if args.deck:
        deck = queries.find_deck(ws.db, args.deck)
        if deck is None:
            raise CliError(f"there is no deck named {args.deck!r} (see: studyapp decks)")
    else:
        decks = queries.list_decks(ws.db)
        if not decks:
            raise CliError("there are no decks to study")
        deck = decks[0]
    learner, notice = load_learner(ws.data_dir)
    if notice:
        print(f"studyapp: {notice}", file=sys.stderr)
    clock = system_clock if start_ms is None else offset_clock(start_ms)  # started once the model has loaded
    session = open_session(ws.db, profile["id"], deck["id"], args.mode, learner, clock, args.language)
    status = run_script(session) if args.script else run_human(session)
    backup_if_due(ws.db_path, ws.data_dir, session.settings.backups_keep)
    return status


# ---------------------------------------------------------------- parser

class _LaunchParser(argparse.ArgumentParser):
    """The program's own options alone, for the GUI's start: anything it cannot take is left to the full parser."""

    def error(self, message: str) -> NoReturn:
        raise argparse.ArgumentError(None, message)


def _program_parser(parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser,
                    add_help: bool = True) -> argparse.ArgumentParser:
    """The parser with the options that come before a command (and with none, start the GUI)."""
    parser = parser_class(prog="studyapp", description="Offline flashcards, quizzes and adaptive tests.",
                          add_help=add_help)
    parser.add_argument("--version", action="version", version=f"studyapp {__version__}")
    parser.add_argument("--data-dir", help="where StudyApp keeps its data (default: $STUDYAPP_DATA_DIR or the "
                                           "user data folder)")
    parser.add_argument("--smoke-test", action="store_true", help="open the window, load the model, show a card, "
                                                                  "adapt once and quit (for packaging checks)")
    return parser


def gui_args(argv: list[str]) -> argparse.Namespace | None:
    """The arguments of a GUI start (no command, no --help), else None. Building the commands' parsers imports
    their modules, about 40 ms that the window would wait for."""
    try:
        args, rest = _program_parser(_LaunchParser, add_help=False).parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.command = None
    return args


def build_parser() -> argparse.ArgumentParser:
    parser = _program_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("profiles", help="list profiles, add one, or set or remove a profile's PIN")
    p.add_argument("action", nargs="?", choices=["add", "pin", "unpin"])
    p.add_argument("name", nargs="?")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_profiles)

    p = sub.add_parser("decks", help="list decks with their item, new, due and answer counts and mastery")
    p.add_argument("--profile")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_decks)

    p = sub.add_parser("import", help="import a deck (.deck.toml, .csv, .tsv, .txt, .apkg, .colpkg)")
    p.add_argument("file")
    p.add_argument("--deck", help="deck name to import into (default: from the file)")
    p.add_argument("--profile", help="profile that receives any answer history in the file")
    p.add_argument("--columns", help="CSV/TSV: comma-separated column names, e.g. prompt,answer,tags")
    p.add_argument("--delimiter", help="CSV/TSV: the field separator (default: by file type)")
    p.add_argument("--header", dest="header_row", action=argparse.BooleanOptionalAction, default=None,
                   help="CSV/TSV: the first row is (or is not) a header to skip (default: when it names columns)")
    p.add_argument("--format", choices=FORMATS, default="auto",
                   help="file format when the suffix is not enough (quizlet and mnemosyne exports are .txt)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export-log", help="write the profile's answers as an event CSV")
    p.add_argument("out")
    p.add_argument("--profile")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_export_log)

    p = sub.add_parser("export-deck", help="write a deck as .deck.toml (native) or .apkg (Anki, with sub-decks)")
    p.add_argument("deck")
    p.add_argument("out")
    p.add_argument("--with-history", action="store_true", help=".apkg: include the profile's answers as reviews")
    p.add_argument("--profile")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_export_deck)

    p = sub.add_parser("backup", help="list, create or restore backups of the database")
    p.add_argument("action", choices=["list", "create", "restore"])
    p.add_argument("name", nargs="?", help="with restore: the backup to restore (default: the newest)")
    p.add_argument("--take-over", action="store_true",
                   help="with restore: ignore the marks left by StudyApp on another computer (only when it no "
                        "longer runs there)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("study", help="study in the terminal; --script for programs (JSON lines)")
    p.add_argument("--deck")
    p.add_argument("--profile")
    p.add_argument("--mode", choices=["review", "practice", "test"], default="review")
    p.add_argument("--script", action="store_true", help="JSON line per item on stdout, one answer per stdin line")
    p.add_argument("--now", help="run as if it were this moment (ISO-8601 or Unix ms); time advances from there")
    p.add_argument("--language", metavar="CODE",
                   help="show the cards in this language where the deck has a translation (zh_CN: Simplified Chinese); "
                        "by default as the deck writes them")
    p.set_defaults(func=cmd_study)

    bench = sub.add_parser("bench", help="benchmarks that print figures (learner, select, import, crash, history)")
    bench_targets = bench.add_subparsers(dest="target", metavar="TARGET", required=True)
    register_commands(sub, bench_targets)
    return parser


def register_commands(sub, bench_targets) -> None:
    """Commands whose code lives with the layer they exercise (each imports its heavy modules lazily)."""
    from studyapp.classroom import commands as classroom_commands
    from studyapp.exchange import bench_import
    from studyapp.learner.lab import commands as learner_commands
    from studyapp.study import bench_crash, bench_history
    from studyapp.study import commands as study_commands

    classroom_commands.register(sub, lambda p: p.add_argument("--json", action="store_true"))
    learner_commands.register(sub, bench_targets)
    study_commands.register(sub, bench_targets)
    bench_import.register(bench_targets)
    bench_crash.register(bench_targets)
    bench_history.register(bench_targets)


def _report_failure(args, exc: Exception) -> int:
    """One sentence on stderr and status 1; a bug (an unexpected exception) leaves its traceback in the log."""
    from studyapp.classroom.bundle import BundleError
    from studyapp.store.db import StoreError, describe_sqlite_error
    from studyapp.workspace import DamagedDatabase

    if isinstance(exc, DamagedDatabase):
        message = f"{exc}; restore the newest backup with: studyapp backup restore"
    elif isinstance(exc, (CliError, ContentError, StoreError, SettingsError, GradingError, BundleError)):
        message = str(exc)
    elif isinstance(exc, (sqlite3.OperationalError, OSError)):  # a full disk, a read-only folder, a lock held too long
        message = describe_sqlite_error(exc, getattr(exc, "filename", None))
    else:
        log.error("unexpected error in %s", args.command, exc_info=exc)
        where = getattr(args, "log_file", None)
        message = f"unexpected error ({type(exc).__name__}: {exc})" + (f"; the details are in {where}" if where else "")
    log.info("%s failed: %s", args.command, message)
    print(f"studyapp: {message}", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = gui_args(argv) or build_parser().parse_args(argv)
    args.pin = ask_pin  # asked only when the profile turns out to have a PIN
    if args.command is None:
        from studyapp.ui.app import run_gui

        return run_gui(args)
    setup_logging(None, console_level=None)  # until a command opens its data folder
    try:
        return args.func(args)
    except BrokenPipeError:  # the reader went away (`studyapp decks | head`): not an error worth a trace
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # noqa: BLE001 - every failure ends as one sentence and status 1
        return _report_failure(args, exc)
    finally:
        workspace = getattr(args, "workspace", None)
        if workspace is not None:
            workspace.close()


if __name__ == "__main__":
    sys.exit(main())
