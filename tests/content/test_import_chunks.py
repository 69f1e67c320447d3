"""A large import is staged in chunks without locking the database, then moved into place in one short
transaction: another process's study session can log answers meanwhile, and the import stays all or nothing."""

from __future__ import annotations

import sqlite3

import pytest

from studyapp.content.model import ContentError, Deck, HistoryRow, ImportBundle, Item
from studyapp.paths import db_path
from studyapp.store import importer
from studyapp.store.importer import import_bundle
from studyapp.workspace import open_workspace


def _deck(n: int) -> Deck:
    return Deck("Big", items=[Item("basic", f"q{k}", f"a{k}", guid=f"big{k}") for k in range(n)])


def _write_now(data_dir, log: list) -> None:
    """What a study session in another process does: one small write, waiting at most 50 ms for the lock."""
    conn = sqlite3.connect(db_path(data_dir), timeout=0.05, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO app_meta (key, value) VALUES (?, 'x')", [f"probe{len(log)}"])
        conn.execute("COMMIT")
        log.append("written")
    except sqlite3.OperationalError as exc:
        log.append(str(exc))
    finally:
        conn.close()


def test_another_writer_commits_while_a_large_file_is_staged(tmp_path, monkeypatch):
    ws = open_workspace(tmp_path / "data")
    monkeypatch.setattr(importer, "STAGE_CHUNK", 100)
    log: list = []
    real = importer.item_record

    def record(item):
        if item.guid in ("big150", "big350"):  # between chunks, twice
            _write_now(ws.data_dir, log)
        return real(item)

    monkeypatch.setattr(importer, "item_record", record)
    result = import_bundle(ws.db, ws.data_dir, ImportBundle(decks=[_deck(500)]), None)
    assert log == ["written", "written"]
    assert result.items_added == 500
    ids = [r["guid"] for r in ws.db.query("SELECT guid FROM items WHERE guid LIKE 'big%' ORDER BY id")]
    assert ids == [f"big{k}" for k in range(500)]  # new items keep the file's order (new cards come in it)
    ws.close()


def test_a_failure_after_staging_leaves_nothing(tmp_path, monkeypatch):
    ws = open_workspace(tmp_path / "data")
    monkeypatch.setattr(importer, "STAGE_CHUNK", 100)
    profile = ws.db["profiles"].insert({"name": "Ana", "created_ms": 0}).last_pk
    bad = ImportBundle(decks=[_deck(500)], history=[HistoryRow("nowhere", 0, 1_700_000_000_000, 3, 1)])
    with pytest.raises(ContentError, match="not in the file"):
        import_bundle(ws.db, ws.data_dir, bad, profile)
    assert ws.db["items"].count_where("guid LIKE 'big%'") == 0 and ws.db["decks"].count_where("name = 'Big'") == 0
    assert not ws.db.execute("SELECT name FROM sqlite_temp_master WHERE name = 'staged_items'").fetchall()
    ws.close()


def test_reimport_updates_in_place(tmp_path):
    ws = open_workspace(tmp_path / "data")
    import_bundle(ws.db, ws.data_dir, ImportBundle(decks=[_deck(3)]), None)
    before = {r["guid"]: r["id"] for r in ws.db.query("SELECT id, guid FROM items WHERE guid LIKE 'big%'")}
    changed = _deck(4)
    changed.items[0].answer = "new answer"
    result = import_bundle(ws.db, ws.data_dir, ImportBundle(decks=[changed]), None)
    assert (result.items_added, result.items_updated) == (1, 3)
    after = {r["guid"]: r["id"] for r in ws.db.query("SELECT id, guid FROM items WHERE guid LIKE 'big%'")}
    assert {k: after[k] for k in before} == before
    assert next(ws.db.query("SELECT answer FROM items WHERE guid = 'big0'"))["answer"] == "new answer"
    ws.close()
