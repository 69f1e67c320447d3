"""Class assignments: signed with the teacher's key (the one class models use), pinned on the first import,
refused (with nothing written) when unsigned, changed, signed by another key, oversized or impossible; progress
counts a profile's own answers on the assignment's decks since it was issued."""

from __future__ import annotations

import hashlib
import time
import tomllib
from datetime import date

import pytest
import tomli_w
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from zips import members, rewrite

from studyapp.classroom import assignments
from studyapp.classroom.assignment_format import MANIFEST, SIGNATURE
from studyapp.classroom.assignments import (
    CONTEXT,
    AssignmentError,
    import_assignment,
    progress,
    read_assignment,
    write_assignment,
)
from studyapp.classroom.signing import (
    FOLDER,
    PINNED_KEY,
    fingerprint,
    pinned_key,
    signature_record,
    teacher_fingerprint,
    teacher_key,
)
from studyapp.content.model import Deck, Item
from studyapp.content.problems import Code, Problem
from studyapp.store import queries
from studyapp.workspace import open_workspace

DECK = "Class::Week 3"
ISSUED = int(time.time() * 1000)


def raw(key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def week3() -> list[Deck]:
    return [Deck(DECK, items=[Item("basic", f"q{n}", f"a{n}", guid=f"w3-{n}") for n in range(4)])]


def write(path, key, target=3, due="2099-06-30", title="Week 3 revision"):
    return write_assignment(path, week3(), {}, title, due, target, key, ISSUED)


@pytest.fixture
def key(tmp_path):
    return teacher_key(tmp_path / "teacher")


@pytest.fixture
def student(tmp_path):
    ws = open_workspace(tmp_path / "student")
    queries.add_profile(ws.db, "Ana")
    yield ws
    ws.close()


def resign(path, key, **fields) -> None:
    """The manifest with `fields` changed and signed again with `key`: a properly signed file whose values
    are impossible (the teacher's program never writes one)."""
    manifest = tomllib.loads(members(path)[MANIFEST].decode()) | fields
    text = tomli_w.dumps(manifest).encode()
    rewrite(path, {MANIFEST: text, SIGNATURE: signature_record(key, CONTEXT, text).encode()})


def state(ws):
    """What an import could change: decks, items, stored assignments, the pinned key."""
    pin = ws.data_dir / FOLDER / PINNED_KEY
    return (ws.db["decks"].count, ws.db["items"].count, ws.db["app_meta"].count_where("key LIKE 'assignment:%'"),
            pin.read_bytes() if pin.exists() else None)


def test_signed_with_the_teacher_key_and_read_back(tmp_path, key):
    written = write(tmp_path / "week3.studyassign", key)
    assignment, bundle, signer = read_assignment(tmp_path / "week3.studyassign", None)
    assert assignment == written
    assert (assignment.title, assignment.due, assignment.target, assignment.decks) == \
        ("Week 3 revision", "2099-06-30", 3, [DECK])
    assert signer == raw(key) and assignment.signed_by == teacher_fingerprint(tmp_path / "teacher")
    assert [(i.guid, i.prompt) for i in bundle.decks[0].items] == [(f"w3-{n}", f"q{n}") for n in range(4)]


def test_first_import_pins_the_key_that_class_models_are_checked_against(tmp_path, key, student):
    write(tmp_path / "week3.studyassign", key)
    imported = import_assignment(student.db, student.data_dir, tmp_path / "week3.studyassign")
    assert imported.newly_trusted and imported.result.items_added == 4
    assert pinned_key(student.data_dir) == raw(key)
    assert queries.find_deck(student.db, DECK) is not None
    write(tmp_path / "week4.studyassign", key, title="Week 4")
    again = import_assignment(student.db, student.data_dir, tmp_path / "week4.studyassign")
    assert not again.newly_trusted and again.assignment.signed_by == fingerprint(raw(key))
    assert [a.title for a in assignments.stored_assignments(student.db)] == ["Week 3 revision", "Week 4"]


def test_importing_the_same_file_twice_keeps_one_assignment(tmp_path, key, student):
    write(tmp_path / "week3.studyassign", key)
    for _ in range(2):
        import_assignment(student.db, student.data_dir, tmp_path / "week3.studyassign")
    assert len(assignments.stored_assignments(student.db)) == 1


def other_key(path, key, student):
    first = path.with_name("first.studyassign")
    write(first, key, title="Week 2")
    import_assignment(student.db, student.data_dir, first)
    write(path, Ed25519PrivateKey.generate())


def tampered_deck(path, key, student):
    write(path, key)
    deck = members(path)["decks/1.deck.toml"]
    rewrite(path, {"decks/1.deck.toml": deck.replace(b"a1", b"b1", 1)})


def tampered_manifest(path, key, student):
    write(path, key, target=3)
    rewrite(path, {MANIFEST: members(path)[MANIFEST].replace(b"target = 3", b"target = 1")})


def unsigned(path, key, student):
    write(path, key)
    rewrite(path, {SIGNATURE: None})


def extra_member(path, key, student):
    write(path, key)
    rewrite(path, {"decks/2.deck.toml": members(path)["decks/1.deck.toml"]})


def bad_due(path, key, student):
    write(path, key)
    resign(path, key, due="2026-02-30")


def bad_target(path, key, student):
    write(path, key)
    resign(path, key, target=0)


def oversized(path, key, student):
    write(path, key)
    assignments.MAX_FILE_BYTES = path.stat().st_size - 1


def not_a_zip(path, key, student):
    path.write_bytes(b"week 3: do your homework")


def unreadable_deck(path, key, student):
    """A deck member that is not a deck, listed and signed as a broken teacher's program might."""
    write(path, key)
    deck = b"format = 1\n[deck\n"
    rewrite(path, {"decks/1.deck.toml": deck})
    resign(path, key, files={"decks/1.deck.toml": hashlib.sha256(deck).hexdigest()})


REFUSALS = {other_key: Code.ASSIGNMENT_OTHER_KEY, tampered_deck: Code.ASSIGNMENT_CHANGED,
            tampered_manifest: Code.ASSIGNMENT_CHANGED, unsigned: Code.ASSIGNMENT_UNSIGNED,
            extra_member: Code.ASSIGNMENT_CHANGED, bad_due: Code.DUE_NOT_A_DATE, bad_target: Code.TARGET_OUT_OF_RANGE,
            oversized: Code.ASSIGNMENT_TOO_LARGE, not_a_zip: Code.NOT_AN_ASSIGNMENT,
            unreadable_deck: Code.ASSIGNMENT_BAD_DECK}


@pytest.mark.parametrize("make", REFUSALS, ids=[f.__name__ for f in REFUSALS])
def test_refused_in_one_sentence_with_nothing_written(tmp_path, key, student, make, monkeypatch):
    monkeypatch.setattr(assignments, "MAX_FILE_BYTES", assignments.MAX_FILE_BYTES)
    path = tmp_path / "week3.studyassign"
    make(path, key, student)
    before = state(student)
    with pytest.raises(AssignmentError) as refused:
        import_assignment(student.db, student.data_dir, path)
    assert refused.value.problem.code == REFUSALS[make]
    message = str(refused.value)
    assert "\n" not in message
    assert "week3.studyassign" in message or refused.value.problem.code in (Code.DUE_NOT_A_DATE,
                                                                            Code.TARGET_OUT_OF_RANGE)
    assert state(student) == before


def test_another_key_names_both_fingerprints(tmp_path, key, student):
    other_key(tmp_path / "week3.studyassign", key, student)
    with pytest.raises(AssignmentError, match=f"not by your teacher's \\({fingerprint(raw(key))}\\)"):
        import_assignment(student.db, student.data_dir, tmp_path / "week3.studyassign")


def test_a_deck_that_is_not_utf8_is_refused_saying_so(tmp_path, key):
    path = tmp_path / "week3.studyassign"
    write(path, key)
    rewrite(path, {"decks/1.deck.toml": b"\xff\xfe"})
    resign(path, key, files={"decks/1.deck.toml": hashlib.sha256(b"\xff\xfe").hexdigest()})
    with pytest.raises(AssignmentError) as refused:
        read_assignment(path, raw(key))
    assert refused.value.problem.args == ("week3.studyassign", Problem(Code.NOT_UTF8, ("decks/1.deck.toml",)))
    assert str(refused.value) == "a deck in week3.studyassign cannot be read (decks/1.deck.toml is not UTF-8 text)"


def test_a_class_model_signature_does_not_verify_as_an_assignment(tmp_path, key):
    from studyapp.classroom.signing import CONTEXT as MODEL_CONTEXT

    path = tmp_path / "week3.studyassign"
    write(path, key)
    rewrite(path, {SIGNATURE: signature_record(key, MODEL_CONTEXT, members(path)[MANIFEST]).encode()})
    with pytest.raises(AssignmentError) as refused:
        read_assignment(path, raw(key))
    assert refused.value.problem.code == Code.ASSIGNMENT_CHANGED


@pytest.mark.parametrize("kwargs, code", [({"due": "2020-01-01"}, Code.DUE_DATE_PASSED),
                                          ({"due": "30/06/2099"}, Code.DUE_NOT_A_DATE),
                                          ({"target": 0}, Code.TARGET_OUT_OF_RANGE),
                                          ({"title": " "}, Code.TITLE_LENGTH),
                                          ({"title": "Week 3\nrm -rf"}, Code.TITLE_LENGTH)])
def test_the_teacher_cannot_write_an_impossible_assignment(tmp_path, key, kwargs, code):
    with pytest.raises(AssignmentError) as refused:
        write(tmp_path / "week3.studyassign", key, **kwargs)
    assert refused.value.problem.code == code and not (tmp_path / "week3.studyassign").exists()


def test_an_assignment_file_is_never_overwritten(tmp_path, key):
    path = tmp_path / "week3.studyassign"
    write(path, key)
    before = path.read_bytes()
    with pytest.raises(AssignmentError, match="already exists"):
        write(path, key, title="Other")
    assert path.read_bytes() == before


def test_progress_counts_the_profiles_own_answers_since_it_was_issued(tmp_path, key, student):
    write(tmp_path / "week3.studyassign", key, target=3, due="2099-06-30")
    import_assignment(student.db, student.data_dir, tmp_path / "week3.studyassign")
    ana = queries.find_profile(student.db, "Ana")["id"]
    ben = queries.add_profile(student.db, "Ben")
    ids = [r["id"] for r in student.db.query("SELECT id FROM items WHERE guid LIKE 'w3-%' ORDER BY guid")]
    other = next(student.db.query("SELECT id FROM items WHERE guid NOT LIKE 'w3-%' LIMIT 1"))["id"]

    def answer(profile, item, at=ISSUED + 1000, source="study"):
        return queries.log_answer(student.db, {"profile_id": profile, "item_id": item, "answered_ms": at,
                                               "correct": 1, "grade": 3, "source": source})

    answer(ana, ids[0])
    answer(ana, ids[1])
    queries.void_answer(student.db, answer(ana, ids[2]))        # taken back
    answer(ana, ids[2], source="import")                        # imported history
    answer(ana, ids[3], at=ISSUED - 1000)                       # before the assignment
    answer(ana, other)                                          # another deck
    answer(ben, ids[0])                                         # another profile
    (row,) = progress(student.db, ana, today=date(2099, 6, 30))
    assert (row.answers, row.done, row.overdue) == (2, False, False)
    assert progress(student.db, ana, today=date(2099, 7, 1))[0].overdue
    assert progress(student.db, ben, today=date(2099, 7, 1))[0].answers == 1
    answer(ana, ids[3])
    (row,) = progress(student.db, ana, today=date(2099, 7, 1))
    assert (row.answers, row.done, row.overdue) == (3, True, False)
    assert row.as_json()["target"] == 3 and row.as_json()["decks"] == [DECK]


def test_the_manifest_lists_the_hash_of_every_member(tmp_path, key):
    path = tmp_path / "week3.studyassign"
    write(path, key)
    found = members(path)
    files = tomllib.loads(found[MANIFEST].decode())["files"]
    assert set(files) == set(found) - {MANIFEST, SIGNATURE}
    assert all(hashlib.sha256(found[n]).hexdigest() == h for n, h in files.items())
