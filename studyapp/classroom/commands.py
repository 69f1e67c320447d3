"""`studyapp classroom ...`: student bundles out, the teacher's class report in."""

from __future__ import annotations

import json
import time
from dataclasses import asdict
from pathlib import Path

from studyapp.classroom.bundle import SUFFIX, BundleError, read_bundle


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


def read_bundles(paths: list[Path]):
    bundles = [read_bundle(p) for p in paths]
    seen = {}
    for path, bundle in zip(paths, bundles):
        if bundle.pseudonym in seen:
            raise BundleError(f"{path} and {seen[bundle.pseudonym]} are bundles of the same student")
        seen[bundle.pseudonym] = path
    return bundles


def cmd_export(args) -> int:
    from studyapp.classroom.bundle import export_bundle
    from studyapp.workspace import open_workspace, resolve_profile

    out = Path(args.out)
    if not out.name.endswith(SUFFIX):
        raise BundleError(f"the bundle file must end in {SUFFIX}")
    ws = open_workspace(args.data_dir)
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
