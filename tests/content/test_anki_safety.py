"""Every refusal of an untrusted Anki package: one sentence naming the file, nothing written."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import zipfile

import pytest
import zstandard
from test_anki_support import anki_built  # noqa: F401  (fixture)
from zips import rewrite

from studyapp.content.anki_read import Limits, read_anki_package
from studyapp.content.model import ContentError

pytest.importorskip("anki")


@pytest.fixture(autouse=True)
def private_tmp(tmp_path, monkeypatch):
    """Route the reader's temporary files to a folder we can inspect afterwards."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    yield scratch
    assert os.listdir(scratch) == [], "the reader left files behind"


def refused(path, match, **kwargs):
    with pytest.raises(ContentError, match=match) as info:
        read_anki_package(path, **kwargs)
    message = str(info.value)
    assert str(path) in message
    assert message.count("\n") == 0
    return message


def _zstd(data: bytes) -> bytes:
    return zstandard.ZstdCompressor().compress(data)


def _media_entries(*names: str) -> bytes:
    """The protobuf MediaEntries message of the latest package version."""
    out = b""
    for name in names:
        raw = name.encode()
        entry = b"\x0a" + bytes([len(raw)]) + raw + b"\x10\x01"
        out += b"\x0a" + bytes([len(entry)]) + entry
    return out


def test_good_package_leaves_nothing_behind(anki_built):
    assert read_anki_package(anki_built.apkg_latest).decks


def test_not_a_zip(tmp_path):
    path = tmp_path / "notes.apkg"
    path.write_text("just some text")
    refused(path, "not a zip archive")


def test_missing_file(tmp_path):
    refused(tmp_path / "absent.apkg", "does not exist")


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil", "a/../../evil", "C:/evil", "..\\evil"])
def test_member_name_traversal(anki_built, tmp_path, name):
    path = rewrite(anki_built.apkg_legacy, {name: b"x"}, out=tmp_path / "bad.apkg")
    refused(path, "unsafe name")


@pytest.mark.parametrize("name", ["../evil.png", "/abs.png", "sub/dir.png", "C:evil.png"])
def test_media_name_traversal_legacy(anki_built, tmp_path, name):
    path = rewrite(anki_built.apkg_legacy, {"media": json.dumps({"0": name}).encode()}, out=tmp_path / "bad.apkg")
    refused(path, "media file with an unsafe name")


def test_media_name_traversal_latest(anki_built, tmp_path):
    path = rewrite(anki_built.apkg_latest, {"media": _zstd(_media_entries("ok.png", "../x.png"))},
                   out=tmp_path / "bad.apkg")
    refused(path, "media file with an unsafe name")


def test_zip_bomb_ratio(anki_built, tmp_path):
    path = rewrite(anki_built.apkg_legacy, {"filler": bytes(20 << 20)}, out=tmp_path / "bomb.apkg",
                   compression=zipfile.ZIP_DEFLATED)
    refused(path, "zip bomb")


def test_zstd_bomb_inside_latest_collection(anki_built, tmp_path):
    path = rewrite(anki_built.apkg_latest, {"collection.anki21b": _zstd(bytes(64 << 20))}, out=tmp_path / "bomb.apkg")
    refused(path, "zip bomb")


def test_oversized_member(anki_built, tmp_path):
    path = rewrite(anki_built.apkg_legacy, {"filler": os.urandom(2 << 20)}, out=tmp_path / "big.apkg")
    refused(path, "larger than 1 MiB", limits=Limits(max_member=1 << 20))


def test_oversized_zstd_member_is_stopped_while_expanding(anki_built, tmp_path):
    path = rewrite(anki_built.apkg_latest, {"collection.anki21b": _zstd(os.urandom(3 << 20))},
                   out=tmp_path / "big.apkg")
    refused(path, "larger than 2 MiB", limits=Limits(max_member=2 << 20))


def test_total_expansion_cap(anki_built, tmp_path):
    extra = {f"f{i}": os.urandom(1 << 20) for i in range(3)}
    path = rewrite(anki_built.apkg_legacy, extra, out=tmp_path / "big.apkg")
    refused(path, "expands to more than 2 MiB", limits=Limits(max_total=2 << 20))


def test_unknown_package_version(anki_built, tmp_path):
    path = rewrite(anki_built.apkg_latest, {"meta": b"\x08\x07"}, out=tmp_path / "future.apkg")
    message = refused(path, "package version 7")
    assert "1 to 3" in message


def test_damaged_meta(anki_built, tmp_path):
    path = rewrite(anki_built.apkg_latest, {"meta": b"\x08"}, out=tmp_path / "meta.apkg")
    refused(path, "damaged meta")


def test_no_collection_member(anki_built, tmp_path):
    path = rewrite(anki_built.apkg_legacy, {"collection.anki21": None}, out=tmp_path / "empty.apkg")
    refused(path, "has no collection")


def test_collection_not_sqlite(anki_built, tmp_path):
    path = rewrite(anki_built.apkg_legacy, {"collection.anki21": b"hello, not a database" * 10},
                   out=tmp_path / "text.apkg")
    refused(path, "not an SQLite database")


def test_corrupt_sqlite(anki_built, tmp_path):
    with zipfile.ZipFile(anki_built.apkg_legacy) as z:
        good = z.read("collection.anki21")
    damaged = good[:100] + os.urandom(len(good) - 100)
    path = rewrite(anki_built.apkg_legacy, {"collection.anki21": damaged}, out=tmp_path / "corrupt.apkg")
    refused(path, "damaged collection database")


def test_foreign_sqlite(anki_built, tmp_path):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()
    path = rewrite(anki_built.apkg_legacy, {"collection.anki21": db.read_bytes()}, out=tmp_path / "foreign.apkg")
    refused(path, "not an Anki collection")


def test_newer_collection_schema(anki_built, tmp_path):
    with zipfile.ZipFile(anki_built.apkg_legacy) as z:
        good = z.read("collection.anki21")
    db = tmp_path / "c.db"
    db.write_bytes(good)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE col SET ver = 99")
    conn.close()
    path = rewrite(anki_built.apkg_legacy, {"collection.anki21": db.read_bytes()}, out=tmp_path / "schema.apkg")
    refused(path, "schema 99")


def test_damaged_note_types(anki_built, tmp_path):
    with zipfile.ZipFile(anki_built.apkg_legacy) as z:
        good = z.read("collection.anki21")
    db = tmp_path / "c.db"
    db.write_bytes(good)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE col SET models = '[1, 2'")
    conn.close()
    path = rewrite(anki_built.apkg_legacy, {"collection.anki21": db.read_bytes()}, out=tmp_path / "models.apkg")
    refused(path, "damaged note type")


def test_damaged_note_rows(anki_built, tmp_path):
    with zipfile.ZipFile(anki_built.apkg_legacy) as z:
        good = z.read("collection.anki21")
    db = tmp_path / "c.db"
    db.write_bytes(good)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE notes SET flds = X'00ff'")  # a blob where text belongs
    conn.close()
    path = rewrite(anki_built.apkg_legacy, {"collection.anki21": db.read_bytes()}, out=tmp_path / "notes.apkg")
    refused(path, "damaged notes")


def test_damaged_zip_member(anki_built, tmp_path):
    path = rewrite(anki_built.apkg_legacy, {}, out=tmp_path / "deflated.apkg", compression=zipfile.ZIP_DEFLATED)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("collection.anki21")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 10:start + 200] = os.urandom(190)  # garble the compressed collection
    path.write_bytes(bytes(data))
    refused(path, "damaged")


def test_media_listed_but_missing_is_skipped(anki_built, tmp_path):
    path = rewrite(anki_built.apkg_legacy, {"0": None, "1": None}, out=tmp_path / "nomedia.apkg")
    bundle = read_anki_package(path)
    assert bundle.media == {}
    assert all(not i.media for d in bundle.decks for i in d.items)


def test_invalid_utf8_in_fields_is_replaced_not_fatal(anki_built, tmp_path):
    with zipfile.ZipFile(anki_built.apkg_legacy) as z:
        good = z.read("collection.anki21")
    db = tmp_path / "c.db"
    db.write_bytes(good)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE notes SET flds = CAST(X'51ff1f41' AS TEXT)")  # "Q\xff" 0x1f "A"
    conn.close()
    path = rewrite(anki_built.apkg_legacy, {"collection.anki21": db.read_bytes()}, out=tmp_path / "utf8.apkg")
    prompts = {i.prompt for d in read_anki_package(path).decks for i in d.items}
    assert "Q\ufffd" in prompts


def test_two_notes_with_one_guid_give_one_item(anki_built, tmp_path):
    with zipfile.ZipFile(anki_built.apkg_legacy) as z:
        good = z.read("collection.anki21")
    db = tmp_path / "c.db"
    db.write_bytes(good)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE notes SET guid = 'same' WHERE mid = (SELECT mid FROM notes ORDER BY id LIMIT 1)")
    conn.close()
    path = rewrite(anki_built.apkg_legacy, {"collection.anki21": db.read_bytes()}, out=tmp_path / "dupe.apkg")
    keys = [(i.guid, i.ord) for d in read_anki_package(path).decks for i in d.items]
    assert len(keys) == len(set(keys))
    assert ("same", 0) in keys
