"""Class assignments: decks, a title, a due date and a target number of answers, signed by the teacher's key.

A `.studyassign` is a zip of `assignment.toml` (format, title, due date, target, when it was issued, the deck
names, and the SHA-256 of every other member), `signature.json` (signing.signature_record over the manifest's
exact bytes, with the teacher's key: the one that signs class models), `decks/N.deck.toml` (native decks) and
`media/NAME`. A student laptop checks the signature against the pinned teacher key (pinning it on the first
signed file, as for class models), the hashes, the sizes and every value before anything is written; then the
decks are imported and the assignment kept in the data folder's database (app_meta), one per file.
Progress is per profile: the answers given on the assignment's decks since it was issued, against the target.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
import zipfile
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from studyapp.classroom.assignment_format import FORMAT, MANIFEST, SIGNATURE, SUFFIX, VERSION
from studyapp.classroom.errors import ClassroomError
from studyapp.classroom.signing import (
    SignatureProblem,
    check_signature,
    fingerprint,
    pin_key,
    pinned_key,
    signature_record,
)
from studyapp.content.model import ContentError, Deck, ImportBundle
from studyapp.content.native import parse_deck, write_deck
from studyapp.content.problems import Argument, Code, Problem

if TYPE_CHECKING:  # the store (sqlite-utils) loads when an assignment is imported, not with the command line
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from sqlite_utils import Database

    from studyapp.store.importer import ImportResult

CONTEXT = b"studyapp class assignment\x00"  # never verifies as a class model's signature, nor one as this
MAX_FILE_BYTES = 64 << 20
MAX_UNPACKED_BYTES = 256 << 20   # all members together, as the zip says before a byte is unpacked
MAX_MANIFEST_BYTES = 1 << 20
MAX_MEMBERS = 10_000
MAX_TITLE_CHARS = 120
MAX_TARGET = 100_000
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)
META_PREFIX = "assignment:"


class AssignmentError(ClassroomError):
    """An assignment that cannot be written or imported: a problem code with its arguments, as a ContentError
    carries one (studyapp/content/problems.py); the message is its English sentence (the command line's), and the
    GUI translates the problem as it translates the content layer's."""

    def __init__(self, code: Code, *args: Argument) -> None:
        self.problem = Problem(code, args)
        super().__init__(self.problem.text)


@dataclass(frozen=True)
class Assignment:
    id: str             # from the signed manifest: the same file imported again is the same assignment
    title: str
    due: str            # YYYY-MM-DD, the last day
    target: int         # answers asked for, over all its decks
    decks: list[str]
    issued_ms: int
    signed_by: str      # the fingerprint of the teacher's key


@dataclass(frozen=True)
class Progress:
    assignment: Assignment
    answers: int
    done: bool
    overdue: bool

    def as_json(self) -> dict[str, Any]:
        return asdict(self.assignment) | {"answers": self.answers, "done": self.done, "overdue": self.overdue}


@dataclass(frozen=True)
class Imported:
    assignment: Assignment
    result: ImportResult
    newly_trusted: bool  # the first signed file on this laptop: its key is now the one trusted


def parse_due(text: object) -> date:
    """A due date written YYYY-MM-DD, within reason."""
    try:
        due = date.fromisoformat(text) if isinstance(text, str) and len(text) == 10 else None
    except ValueError:
        due = None
    if due is None or not EARLIEST <= due <= LATEST:
        raise AssignmentError(Code.DUE_NOT_A_DATE, repr(text))
    return due


def _check_values(title: object, due: object, target: object) -> None:
    if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE_CHARS or not title.isprintable():
        raise AssignmentError(Code.TITLE_LENGTH, MAX_TITLE_CHARS)
    parse_due(due)
    if not isinstance(target, int) or isinstance(target, bool) or not 1 <= target <= MAX_TARGET:
        raise AssignmentError(Code.TARGET_OUT_OF_RANGE, MAX_TARGET, repr(target))


# ---------------------------------------------------------------- the teacher's side


def write_assignment(out: Path, decks: list[Deck], media: dict[str, bytes], title: str, due: str,
                     target: int | None, key: Ed25519PrivateKey, issued_ms: int) -> Assignment:
    """Write the signed assignment file (never over an existing one); `target` None asks for one answer per
    item."""
    out = Path(out)
    if not out.name.endswith(SUFFIX):
        raise AssignmentError(Code.ASSIGNMENT_SUFFIX, SUFFIX, out.name)
    if out.exists():
        raise AssignmentError(Code.ASSIGNMENT_EXISTS, str(out))
    if not decks or not any(d.items for d in decks):
        raise AssignmentError(Code.ASSIGNMENT_NO_ITEMS)
    target = sum(len(d.items) for d in decks) if target is None else target
    _check_values(title, due, target)
    if parse_due(due) < date.fromtimestamp(issued_ms / 1000):
        raise AssignmentError(Code.DUE_DATE_PASSED, due)
    members = {f"decks/{n}.deck.toml": write_deck(deck).encode("utf-8") for n, deck in enumerate(decks, 1)}
    names = {name for d in decks for item in d.items for name in item.media}
    members |= {f"media/{name}": data for name, data in sorted(media.items()) if name in names}
    manifest = tomli_w.dumps({
        "format": FORMAT, "version": VERSION, "title": title.strip(), "due": due, "target": target,
        "issued_ms": issued_ms, "decks": [d.name for d in decks],
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }).encode("utf-8")
    partial = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, manifest)
            archive.writestr(SIGNATURE, signature_record(key, CONTEXT, manifest))
            for name, data in members.items():
                archive.writestr(name, data)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return _assignment(tomllib.loads(manifest.decode("utf-8")), manifest, key_fingerprint(key))


def key_fingerprint(key: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives import serialization

    return fingerprint(key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


# ---------------------------------------------------------------- the student's side


def _assignment(fields: dict[str, Any], manifest: bytes, signed_by: str) -> Assignment:
    return Assignment(hashlib.sha256(manifest).hexdigest()[:16], fields["title"].strip(), fields["due"],
                      fields["target"], list(fields["decks"]), fields["issued_ms"], signed_by)


def _refused(path: Path, problem: SignatureProblem, trusted: bytes | None) -> AssignmentError:
    if problem.kind == "unsigned":
        return AssignmentError(Code.ASSIGNMENT_UNSIGNED, path.name)
    if problem.kind == "other_key" and problem.signer is not None and trusted is not None:
        return AssignmentError(Code.ASSIGNMENT_OTHER_KEY, path.name, fingerprint(problem.signer),
                               fingerprint(trusted))
    return _changed(path)


def _changed(path: Path) -> AssignmentError:
    return AssignmentError(Code.ASSIGNMENT_CHANGED, path.name)


def _members(path: Path) -> dict[str, bytes]:
    """Every member of the zip, after its sizes were checked against the caps."""
    not_one = AssignmentError(Code.NOT_AN_ASSIGNMENT, path.name)
    too_large = AssignmentError(Code.ASSIGNMENT_TOO_LARGE, path.name, MAX_FILE_BYTES >> 20)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise too_large
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise too_large
            members = {info.filename: archive.read(info) for info in infos}
    except AssignmentError:
        raise
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
        raise not_one from None
    if len(members) != len(infos) or MANIFEST not in members or len(members[MANIFEST]) > MAX_MANIFEST_BYTES:
        raise not_one
    return members


def _deck(path: Path, name: str, data: bytes) -> Deck:
    """The deck in member `name`; AssignmentError naming the file, with why the deck cannot be read, otherwise."""
    try:
        return parse_deck(data.decode("utf-8"), source=name)
    except UnicodeDecodeError:
        cause = Problem(Code.NOT_UTF8, (name,))
    except ContentError as exc:
        cause = exc.problem
    raise AssignmentError(Code.ASSIGNMENT_BAD_DECK, path.name, cause)


def read_assignment(path: Path, trusted: bytes | None) -> tuple[Assignment, ImportBundle, bytes]:
    """The assignment, its decks and media, and the signer's key, once every check passed; AssignmentError
    otherwise. Nothing is written."""
    path = Path(path)
    members = _members(path)
    manifest = members[MANIFEST]
    try:
        signer = check_signature(members.get(SIGNATURE), CONTEXT, manifest, trusted)
    except SignatureProblem as problem:
        raise _refused(path, problem, trusted) from None
    try:
        fields = tomllib.loads(manifest.decode("utf-8"))
        files = fields["files"]
        if fields.get("format") != FORMAT or fields.get("version") != VERSION or not isinstance(files, dict):
            raise ValueError
    except (ValueError, KeyError, UnicodeDecodeError):
        raise AssignmentError(Code.NOT_AN_ASSIGNMENT, path.name) from None
    listed = set(files) | {MANIFEST, SIGNATURE}
    if set(members) != listed or any(hashlib.sha256(members[n]).hexdigest() != h for n, h in files.items()):
        raise _changed(path)
    _check_values(fields.get("title"), fields.get("due"), fields.get("target"))
    issued, names = fields.get("issued_ms"), fields.get("decks")
    if not isinstance(issued, int) or issued < 0 or not isinstance(names, list):
        raise AssignmentError(Code.NOT_AN_ASSIGNMENT, path.name)
    decks = [_deck(path, n, members[n]) for n in sorted(files) if n.startswith("decks/")]
    if not decks or sorted(names) != sorted(d.name for d in decks):
        raise AssignmentError(Code.NOT_AN_ASSIGNMENT, path.name)
    media = {n.removeprefix("media/"): data for n, data in members.items() if n.startswith("media/")}
    return _assignment(fields, manifest, fingerprint(signer)), ImportBundle(decks=decks, media=media), signer


def import_assignment(db: Database, data_dir: Path, path: Path) -> Imported:
    """Check the file, import its decks and keep the assignment; the first signed file a laptop takes in pins
    its signer's key (the one class models are checked against too)."""
    from studyapp.store.importer import import_bundle
    from studyapp.store.queries import set_meta

    trusted = pinned_key(data_dir)
    assignment, bundle, signer = read_assignment(path, trusted)
    result = import_bundle(db, data_dir, bundle, None)
    set_meta(db, META_PREFIX + assignment.id, json.dumps(asdict(assignment)))
    if trusted is None:
        pin_key(data_dir, signer)
    return Imported(assignment, result, trusted is None)


def stored_assignments(db: Database) -> list[Assignment]:
    """The assignments imported into this data folder, the soonest due first."""
    rows = db.execute("SELECT value FROM app_meta WHERE key LIKE ?", [META_PREFIX + "%"]).fetchall()
    found = [Assignment(**json.loads(value)) for (value,) in rows]
    return sorted(found, key=lambda a: (a.due, a.title))


def answers_towards(db: Database, assignment: Assignment, profile_id: int) -> int:
    """The profile's answers (not taken back, not imported history) on the assignment's decks since it was
    issued."""
    marks = ", ".join("?" * len(assignment.decks))
    return int(db.execute(
        "SELECT COUNT(*) FROM answers a JOIN items i ON i.id = a.item_id JOIN decks d ON d.id = i.deck_id "
        f"WHERE a.profile_id = ? AND a.source != 'import' AND a.answered_ms >= ? AND d.name IN ({marks}) "
        "AND a.id NOT IN (SELECT answer_id FROM answer_voids)",
        [profile_id, assignment.issued_ms, *assignment.decks]).fetchone()[0])


def progress(db: Database, profile_id: int, today: date | None = None) -> list[Progress]:
    """Each assignment with the profile's answers towards it, whether it is done, and whether it is overdue
    (past its due day, `today` local time, and not done)."""
    today = today or date.today()
    shown = []
    for assignment in stored_assignments(db):
        answers = answers_towards(db, assignment, profile_id)
        done = answers >= assignment.target
        shown.append(Progress(assignment, answers, done, not done and today > date.fromisoformat(assignment.due)))
    return shown

