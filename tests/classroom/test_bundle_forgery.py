"""Forged bundles (checksums recomputed, so only the values give them away) are refused naming the student;
a bundle that claims another student's pseudonym is reported and skipped, and the class report goes on."""

from __future__ import annotations

import hashlib
import json

import pytest
from zips import members, rewrite

from studyapp.classroom.bundle import BundleError, read_bundle, read_bundles
from studyapp.cli import main

YEAR_9999 = 253_370_764_800_000


def forge(source, target, answers=None, manifest=None):
    """Copy a bundle with its answers.csv rewritten by `answers(text)` and its manifest by `manifest(dict)`,
    checksums recomputed as a forger would."""
    parts = members(source)
    if answers:
        parts["answers.csv"] = answers(parts["answers.csv"].decode()).encode()
    data = json.loads(parts["manifest.json"])
    data["sha256"] = {n: hashlib.sha256(parts[n]).hexdigest() for n in ("answers.csv", "items.csv")}
    if manifest:
        manifest(data)
    return rewrite(source, {"answers.csv": parts["answers.csv"], "manifest.json": json.dumps(data).encode()},
                   out=target)


def _retime(text: str, stamp: int) -> str:
    lines = text.splitlines()
    cells = lines[1].split(",")
    cells[2] = str(stamp)
    return "\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n"


def _cell(text: str, column: int, value: str) -> str:
    lines = text.splitlines()
    cells = lines[1].split(",")
    cells[column] = value
    return "\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n"


def test_a_genuine_bundle_reads(class_bundles):
    assert len(read_bundle(class_bundles[0]).answers) == 6


@pytest.mark.parametrize("answers, manifest, message", [
    (lambda t: _retime(t, YEAR_9999), None, r"has an answer that is dated 9999-"),
    (lambda t: _retime(t, 900_000_000_000), None, r"has an answer that is dated 1998-"),
    (None, lambda m: m.update(created="9999-01-01T00:00:00+00:00"), "was written at an impossible time"),
    (None, lambda m: m.update(name="<b>Admin</b>\x07" * 20), "implausible student name"),
    (None, lambda m: m.update(pseudonym="Robert'); DROP TABLE"), "no valid student pseudonym"),
    (None, lambda m: m.update(answers=600), "does not hold the number of answers"),
    (lambda t: _cell(t, 5, "-5"), None, "has an invalid row"),
    (lambda t: _cell(t, 4, "7"), None, "has an invalid row"),
    (lambda t: _cell(t, 0, "s-000000000000"), None, "has an invalid row"),
])
def test_forged_values_are_refused_naming_the_student(class_bundles, tmp_path, answers, manifest, message):
    genuine = read_bundle(class_bundles[0])
    path = forge(class_bundles[0], tmp_path / "forged.studybundle", answers, manifest)
    with pytest.raises(BundleError, match=message) as refused:
        read_bundle(path)
    assert "forged.studybundle" in str(refused.value)
    if "pseudonym" not in message:
        assert f"student {genuine.pseudonym}" in str(refused.value)


def test_an_answer_after_the_bundle_was_written_is_refused(class_bundles, tmp_path):
    path = forge(class_bundles[0], tmp_path / "early.studybundle",
                 manifest=lambda m: m.update(created="2025-06-01T00:00:00+00:00"))
    with pytest.raises(BundleError, match="the bundle was written 2025-06-01"):
        read_bundle(path)


def test_a_stolen_pseudonym_is_skipped_and_the_report_goes_on(class_bundles, tmp_path, capsys):
    victim = read_bundle(class_bundles[1])
    impostor = forge(class_bundles[2], tmp_path / "impostor.studybundle",
                     answers=lambda t: t.replace(read_bundle(class_bundles[2]).pseudonym, victim.pseudonym),
                     manifest=lambda m: m.update(pseudonym=victim.pseudonym))
    skipped: list[str] = []
    bundles = read_bundles([class_bundles[0], class_bundles[1], impostor], skipped)
    assert [b.pseudonym for b in bundles] == [read_bundle(class_bundles[0]).pseudonym, victim.pseudonym]
    assert len(skipped) == 1 and "impostor.studybundle claims the same student as" in skipped[0]
    assert main(["classroom", "report", str(class_bundles[0]), str(class_bundles[1]), str(impostor), "--json"]) == 0
    out, err = capsys.readouterr()
    assert "claims the same student" in err and len({m["student"] for m in json.loads(out)["by_deck"]}) == 2


def test_a_forged_bundle_among_good_ones_is_named_and_left_out(class_bundles, tmp_path, capsys):
    forged = forge(class_bundles[3], tmp_path / "forged.studybundle", lambda t: _retime(t, YEAR_9999))
    assert main(["classroom", "report", str(class_bundles[0]), str(forged), "--json"]) == 0
    out, err = capsys.readouterr()
    assert "forged.studybundle" in err and "dated 9999" in err
    assert len({m["student"] for m in json.loads(out)["by_deck"]}) == 1


def test_only_forged_bundles_is_one_sentence_and_status_1(class_bundles, tmp_path, capsys):
    forged = forge(class_bundles[3], tmp_path / "forged.studybundle", lambda t: _retime(t, YEAR_9999))
    assert main(["classroom", "report", str(forged)]) == 1
    err = capsys.readouterr().err
    assert "dated 9999" in err and "Traceback" not in err
