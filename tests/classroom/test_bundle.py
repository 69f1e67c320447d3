import json

import pytest
from zips import members, rewrite

from studyapp.classroom.bundle import BundleError, export_bundle, read_bundle
from studyapp.classroom.dashboard import WEEK_MS, class_report
from studyapp.content.model import Deck, ImportBundle, Item
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.store.importer import import_bundle
from studyapp.study.session import StudySession
from studyapp.study.settings import StudySettings

NOW = 1_767_225_600_000


@pytest.fixture
def db(tmp_path):
    db = connect(tmp_path / "db.sqlite3")
    items = [Item("choice", f"{n} + {n}", str(2 * n), options=[str(2 * n), str(2 * n + 1)], guid=f"add{n}",
                  skill="addition") for n in range(4)]
    import_bundle(db, tmp_path, ImportBundle(decks=[Deck("Maths::Sums", items=items)]), None)
    return db


def study(db, name, answers, at_ms=NOW):
    profile_id = queries.add_profile(db, name)
    deck = queries.find_deck(db, "Maths")["id"]
    session = StudySession(db, profile_id, deck, clock=lambda: at_ms, settings=StudySettings(new_per_day=10))
    for response in answers:
        session.next_item()
        session.submit(response)
    return db["profiles"].get(profile_id)


def test_bundle_is_pseudonymous_unless_the_student_opts_in(db, tmp_path):
    ana = study(db, "Ana", ["1", "2", "1"])
    export_bundle(db, ana, tmp_path / "ana.studybundle")
    bundle = read_bundle(tmp_path / "ana.studybundle")
    assert bundle.name is None and bundle.pseudonym.startswith("s-") and "Ana" not in bundle.label
    assert [a.correct for a in bundle.answers] == [1, 0, 1]
    assert bundle.items[bundle.answers[0].item_key].skill == "addition"
    assert len(bundle.items) == 4  # the deck's every item, answered or not: the class learns their skill's difficulty
    raw = members(tmp_path / "ana.studybundle")["answers.csv"].decode()
    assert "Ana" not in raw
    export_bundle(db, ana, tmp_path / "named.studybundle", with_name=True)
    named = read_bundle(tmp_path / "named.studybundle")
    assert named.name == "Ana" and named.pseudonym == bundle.pseudonym  # one pseudonym per profile


@pytest.mark.parametrize("change, message", [
    (lambda m: {"answers.csv": m["answers.csv"].replace(b",1,", b",0,", 1)}, "fails its checksum"),
    (lambda m: {"manifest.json": b"{not json"}, "damaged manifest"),
    (lambda m: {"items.csv": None}, "no items.csv"),
    (lambda m: {"manifest.json": json.dumps({"format": "studyapp-bundle", "version": 9}).encode()}, "version 9"),
])
def test_tampered_bundles_are_refused(db, tmp_path, change, message):
    path = tmp_path / "ana.studybundle"
    export_bundle(db, study(db, "Ana", ["1", "2"]), path)
    rewrite(path, change(members(path)))
    with pytest.raises(BundleError, match=message):
        read_bundle(path)


def test_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "x.studybundle"
    path.write_bytes(b"hello")
    with pytest.raises(BundleError, match="not a readable zip"):
        read_bundle(path)


def test_class_report_mastery_hardest_and_inactive(db, tmp_path):
    bundles = []
    for name, answers, at in [("Ana", ["1", "1", "1", "1"], NOW), ("Bo", ["1", "2", "2", "1"], NOW),
                              ("Cy", ["2", "1", "2", "2"], NOW - 2 * WEEK_MS)]:
        export_bundle(db, study(db, name, answers, at), tmp_path / f"{name}.studybundle", with_name=True)
        bundles.append(read_bundle(tmp_path / f"{name}.studybundle"))
    report = class_report(bundles, NOW + 1000)
    decks = {m.student: m for m in report.by_deck}
    assert decks["Ana"].mastery == 1.0 and decks["Bo"].mastery == 0.5 and decks["Cy"].mastery == 0.25
    assert {m.group for m in report.by_skill} == {"addition"}
    assert report.inactive == ["Cy"]
    assert report.hardest[0].first_try_correct == pytest.approx(1 / 3) and report.hardest[0].students == 3
