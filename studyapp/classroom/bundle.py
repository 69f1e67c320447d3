"""Class bundles: one student's answers, pseudonymised, carried to the teacher on a USB stick.

A `.studybundle` is a zip with `manifest.json` (format, version, pseudonym, optional name, the
SHA-256 of each member) plus `answers.csv` (the shared event format, student_id = pseudonym) and
`items.csv` (item key, deck, kind, number of options, skill, prompt: every item of the decks the student
answered in, so that the class model learns the difficulty of the items nobody answered from their skill's). Bundles
are untrusted on the
teacher's machine: sizes are capped, the checksums and columns checked, and nothing is written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import secrets
import zipfile
from dataclasses import astuple, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.content.answer_times import FUTURE_SLACK_MS, answer_time_problem, describe_ms, wall_clock_ms
from studyapp.content.model import EVENT_KIND, KINDS, option_count

if TYPE_CHECKING:  # the store (sqlite-utils) loads when a bundle is written, not with the command line
    from sqlite_utils import Database

FORMAT, VERSION, SUFFIX = "studyapp-bundle", 1, ".studybundle"
MAX_BUNDLE_BYTES = 256 * 1024 * 1024
MAX_MEMBER_BYTES = 512 * 1024 * 1024
ANSWER_COLUMNS = ["student_id", "item_id", "timestamp", "correct", "grade", "response_ms", "kind", "skill_id"]
ITEM_COLUMNS = ["item_id", "deck", "kind", "n_options", "skill", "prompt"]
PSEUDONYM_KEY = "pseudonym"
PSEUDONYM = re.compile(r"s-[0-9a-f]{12}")  # as profile_pseudonym makes them
MAX_NAME_CHARS = 80
MAX_OPTIONS = 9  # as Item.validate allows


class BundleError(ValueError):
    """A bundle that cannot be used; one sentence for the user."""


@dataclass(frozen=True)
class BundleAnswer:
    item_key: str
    timestamp_ms: int
    correct: int
    grade: int | None


@dataclass(frozen=True)
class BundleItem:
    key: str
    deck: str
    kind: str
    n_options: int
    skill: str
    prompt: str


@dataclass
class StudentBundle:
    pseudonym: str
    name: str | None
    created: str
    answers: list[BundleAnswer] = field(default_factory=list)
    items: dict[str, BundleItem] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.name or self.pseudonym


def profile_pseudonym(db: Database, profile_id: int) -> str:
    """A random id for the profile, made once and kept: the same student in every bundle, never their name."""
    from studyapp.store import queries

    settings = queries.profile_settings(db, profile_id)
    if PSEUDONYM_KEY not in settings:
        settings = queries.update_profile_settings(db, profile_id, {PSEUDONYM_KEY: f"s-{secrets.token_hex(6)}"})
    return settings[PSEUDONYM_KEY]


def _csv_bytes(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def export_bundle(db: Database, profile: dict, out: Path, with_name: bool = False) -> dict:
    """Write the profile's bundle to `out`; returns the manifest."""
    pseudonym = profile_pseudonym(db, profile["id"])
    from studyapp.store import queries

    events = queries.answers_with_items(db, profile["id"])
    answers = [[pseudonym, f"{r['guid']}#{r['ord']}", r["answered_ms"], r["correct"], r["grade"] or "",
                r["response_ms"] if r["response_ms"] is not None else "", EVENT_KIND[r["kind"]], r["skill"]]
               for r in events]
    item_rows = {}
    for row in db.query(
        "SELECT i.guid, i.ord, i.kind, i.options, i.skill, i.prompt, d.name AS deck FROM items i"
        " JOIN decks d ON d.id = i.deck_id WHERE i.deck_id IN (SELECT DISTINCT answered.deck_id FROM answers a"
        " JOIN items answered ON answered.id = a.item_id WHERE a.profile_id = ?)",
        [profile["id"]],
    ):
        options = option_count(row["kind"], json.loads(row["options"]))
        item_rows[f"{row['guid']}#{row['ord']}"] = [f"{row['guid']}#{row['ord']}", row["deck"], row["kind"],
                                                     options, row["skill"], row["prompt"]]
    members = {"answers.csv": _csv_bytes(ANSWER_COLUMNS, answers),
               "items.csv": _csv_bytes(ITEM_COLUMNS, sorted(item_rows.values()))}
    manifest = {
        "format": FORMAT, "version": VERSION, "pseudonym": pseudonym,
        "name": profile["name"] if with_name else None,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "answers": len(answers), "sha256": {n: hashlib.sha256(b).hexdigest() for n, b in members.items()},
    }
    partial = out.with_name(out.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
        for name, data in members.items():
            archive.writestr(name, data)
    partial.replace(out)
    return manifest


def _member(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise BundleError(f"{path} is not a StudyApp class bundle (no {name})") from None
    if info.file_size > MAX_MEMBER_BYTES:
        raise BundleError(f"{path} has an oversized member {name}")
    with archive.open(info) as handle:
        data = handle.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise BundleError(f"{path} has an oversized member {name}")
    return data


def _rows(data: bytes, header: list[str], name: str, path: Path) -> list[dict]:
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8")))
        rows = list(reader)
    except (UnicodeDecodeError, csv.Error):
        raise BundleError(f"{path} has an unreadable {name}") from None
    if reader.fieldnames != header:
        raise BundleError(f"{path} has unexpected columns in {name}")
    return rows


def _created_ms(manifest: dict, path: Path, student: str, now_ms: int) -> int:
    try:
        created = datetime.fromisoformat(str(manifest.get("created", "")))
        created_ms = int(created.timestamp() * 1000)
    except (ValueError, OverflowError, OSError):
        raise BundleError(f"{path} (student {student}) has no valid date of writing; it was not used") from None
    problem = answer_time_problem(created_ms, now_ms)
    if problem:
        raise BundleError(f"{path} (student {student}) was written at an impossible time (it {problem}); "
                          "it was not used")
    return created_ms


def _student(manifest: dict, path: Path) -> tuple[str, str | None]:
    """The pseudonym and optional name, refused unless they look like what export_bundle writes."""
    pseudonym, name = manifest.get("pseudonym"), manifest.get("name")
    if not isinstance(pseudonym, str) or not PSEUDONYM.fullmatch(pseudonym):
        raise BundleError(f"{path} has no valid student pseudonym; it was not used")
    if name is not None and not (isinstance(name, str) and 0 < len(name) <= MAX_NAME_CHARS and name.isprintable()):
        raise BundleError(f"{path} (student {pseudonym}) has an implausible student name; it was not used")
    return pseudonym, name or None


def _answer(row: dict, bundle: StudentBundle, latest_ms: int, path: Path) -> BundleAnswer:
    """One answers.csv row, checked: ValueError for a malformed one, BundleError naming an impossible time."""
    if row["correct"] not in ("0", "1") or row["item_id"] not in bundle.items or row["student_id"] != bundle.pseudonym:
        raise ValueError
    grade = int(row["grade"]) if row["grade"] else None
    if grade is not None and not 1 <= grade <= 4:
        raise ValueError
    if row["response_ms"] and not 0 <= int(row["response_ms"]) <= FUTURE_SLACK_MS:
        raise ValueError
    timestamp = int(row["timestamp"])
    problem = answer_time_problem(timestamp, latest_ms - FUTURE_SLACK_MS)
    if problem:
        raise BundleError(f"{path} (student {bundle.label}) has an answer that {problem} (the bundle was written "
                          f"{describe_ms(latest_ms - FUTURE_SLACK_MS)}); it was not used")
    return BundleAnswer(row["item_id"], timestamp, int(row["correct"]), grade)


def read_bundle(path: Path, now_ms: int | None = None) -> StudentBundle:
    """One student's bundle, every value checked; BundleError (one sentence naming the file and the student)."""
    path = Path(path)
    now_ms = wall_clock_ms() if now_ms is None else now_ms
    try:
        if path.stat().st_size > MAX_BUNDLE_BYTES:
            raise BundleError(f"{path} is larger than {MAX_BUNDLE_BYTES // 2**20} MB")
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        raise BundleError(f"{path} is not a StudyApp class bundle (not a readable zip file)") from None
    with archive:
        try:
            manifest = json.loads(_member(archive, "manifest.json", path))
        except (ValueError, UnicodeDecodeError):
            raise BundleError(f"{path} has a damaged manifest") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BundleError(f"{path} is not a StudyApp class bundle")
        if manifest.get("version") != VERSION:
            raise BundleError(f"{path} has bundle version {manifest.get('version')!r}; this StudyApp reads {VERSION}")
        members = {n: _member(archive, n, path) for n in ("answers.csv", "items.csv")}
    sums = manifest.get("sha256") or {}
    for name, data in members.items():
        if not isinstance(sums, dict) or sums.get(name) != hashlib.sha256(data).hexdigest():
            raise BundleError(f"{path} fails its checksum ({name} was changed or damaged)")
    pseudonym, name = _student(manifest, path)
    created_ms = _created_ms(manifest, path, name or pseudonym, now_ms)
    bundle = StudentBundle(pseudonym, name, str(manifest["created"]))
    try:
        for row in _rows(members["items.csv"], ITEM_COLUMNS, "items.csv", path):
            n_options = int(row["n_options"])
            if row["kind"] not in KINDS or not 0 <= n_options <= MAX_OPTIONS:
                raise ValueError
            bundle.items[row["item_id"]] = BundleItem(row["item_id"], row["deck"], row["kind"], n_options,
                                                      row["skill"], row["prompt"])
        # No answer can come after the bundle was written (a day's slack for its clock).
        latest_ms = created_ms + FUTURE_SLACK_MS
        for row in _rows(members["answers.csv"], ANSWER_COLUMNS, "answers.csv", path):
            bundle.answers.append(_answer(row, bundle, latest_ms, path))
    except BundleError:
        raise
    except (ValueError, KeyError, TypeError):
        raise BundleError(f"{path} (student {bundle.label}) has an invalid row; it was not used") from None
    if manifest.get("answers") != len(bundle.answers):
        raise BundleError(f"{path} (student {bundle.label}) does not hold the number of answers its manifest "
                          "states; it was not used")
    return bundle


def _same_answers(a: StudentBundle, b: StudentBundle) -> bool:
    return sorted(map(astuple, a.answers)) == sorted(map(astuple, b.answers))


def read_bundles(paths: list[Path], skipped: list[str] | None = None) -> list[StudentBundle]:
    """The usable bundles of a class. An unusable one, or a second bundle claiming a student already read
    (a copy, or another student's pseudonym with other answers), is left out with one sentence added to
    `skipped` (None: the first problem is raised). BundleError when none is usable."""
    bundles: list[StudentBundle] = []
    seen: dict[str, tuple[Path, StudentBundle]] = {}
    problems: list[str] = []
    for path in map(Path, paths):
        try:
            bundle = read_bundle(path)
        except BundleError as exc:
            problems.append(str(exc))
            continue
        if bundle.pseudonym in seen:
            first, earlier = seen[bundle.pseudonym]
            what = "is a copy of" if _same_answers(bundle, earlier) else "claims the same student as"
            problems.append(f"{path} {what} {first} (student {bundle.pseudonym}) with "
                            f"{'the same' if what.startswith('is') else 'other'} answers; it was skipped")
            continue
        seen[bundle.pseudonym] = (path, bundle)
        bundles.append(bundle)
    if problems and skipped is None:
        raise BundleError(problems[0])
    if not bundles:
        raise BundleError(problems[0] if len(problems) == 1 else
                          f"none of the {len(problems)} bundles can be used; the first: {problems[0]}")
    if skipped is not None:
        skipped.extend(problems)
    return bundles
