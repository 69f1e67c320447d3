"""Untrusted files, fuzzed: random bytes, truncated and mutated packages, hostile names, huge fields.
The only outcomes allowed are a successful import or a ContentError; nothing is written outside the data dir."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zips import members, rezipped

from studyapp.content.anki_write import write_anki_package
from studyapp.content.model import ContentError, Deck, HistoryRow, Item
from studyapp.content.readers import read_file
from studyapp.store.db import connect
from studyapp.store.importer import import_bundle

SUFFIXES = [".tsv", ".csv", ".txt", ".deck.toml", ".apkg", ".colpkg"]
# CI runs a few dozen cases per test; STUDYAPP_FUZZ_EXAMPLES=1000 runs a long campaign (see the README).
FUZZ = settings(max_examples=int(os.environ.get("STUDYAPP_FUZZ_EXAMPLES", "25")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def tree(path: Path) -> set[str]:
    return {str(p.relative_to(path)) for p in path.rglob("*")}


def import_untrusted(workdir: Path, name: str, data: bytes) -> None:
    """Import `data` as file `name`; assert the allowed outcomes and that nothing escapes the data dir."""
    source = workdir / "in"
    source.mkdir(exist_ok=True)
    path = source / name
    path.write_bytes(data)
    data_dir = workdir / "data"
    data_dir.mkdir(exist_ok=True)
    before = tree(workdir)
    db = connect(data_dir / "studyapp.sqlite3")
    try:
        bundle = read_file(path)
        import_bundle(db, data_dir, bundle, profile_id=db["profiles"].insert(
            {"name": f"p{len(before)}", "created_ms": 1}).last_pk if bundle.history else None)
    except ContentError as exc:
        assert str(exc) and "\n" not in str(exc)
    finally:
        db.close()
    outside = {p for p in tree(workdir) - before if not p.startswith("data")}
    assert outside == set()


def valid_package(tmp_path: Path) -> bytes:
    items = [Item("basic", f"front {n}", f"back {n}", guid=f"g{n}", tags=["t"]) for n in range(3)]
    items.append(Item("cloze", "[...] is red", "Mars", guid="cz", explanation="Mars is red"))
    path = tmp_path / "seed.apkg"
    write_anki_package([Deck("Seed::Child", items=items)], [HistoryRow("g0", 0, 1_700_000_000_000, 3, 1, 900)], path)
    return path.read_bytes()


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(tmp_path_factory, data, suffix):
    import_untrusted(tmp_path_factory.mktemp("fuzz"), "file" + suffix, data)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=10_000), flips=st.lists(st.tuples(st.integers(0, 10_000),
                                                                               st.integers(0, 255)), max_size=8))
def test_truncated_and_mutated_packages(tmp_path_factory, cut, flips):
    workdir = tmp_path_factory.mktemp("pkg")
    data = bytearray(valid_package(workdir))
    for position, value in flips:
        data[position % len(data)] = value
    import_untrusted(workdir, "deck.apkg", bytes(data[: max(1, len(data) - cut % len(data))]))


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), min_size=1, max_size=16))
def test_mutated_sqlite_inside_a_valid_zip(tmp_path_factory, flips):
    workdir = tmp_path_factory.mktemp("sql")
    package = valid_package(workdir)
    collection = bytearray(members(package)["collection.anki2"])
    for position, value in flips:
        collection[position % len(collection)] = value
    import_untrusted(workdir, "deck.apkg", rezipped(package, {"collection.anki2": bytes(collection)}))


HOSTILE_NAMES = ["../../escape.png", "/tmp/abs.png", "..", "a/../../b", "C:\\evil.png", "\x00.png", "." * 300]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_member_and_media_names(tmp_path, name):
    stored = name.strip("./") and "\x00" not in name  # a name zipfile can store as a member
    added = {name: b"payload"} if stored else {}
    added |= {"media": ('{"0": "%s"}' % name.replace("\\", "\\\\").replace("\x00", "\\u0000")).encode(),
              "0": b"payload"}
    import_untrusted(tmp_path, "deck.apkg", rezipped(valid_package(tmp_path), added))
    assert not (tmp_path.parent / "escape.png").exists() and not Path("/tmp/abs.png").exists()


@FUZZ
@given(field=st.text(min_size=1, max_size=200), size=st.sampled_from([1, 1000, 200_000]))
def test_huge_and_strange_fields_in_text_decks(tmp_path_factory, field, size):
    workdir = tmp_path_factory.mktemp("tsv")
    row = (field * size)[:400_000].replace("\t", " ").replace("\n", " ").replace("\r", " ")
    import_untrusted(workdir, "big.tsv", f"{row}\tanswer\n".encode("utf-8", "surrogatepass"))
