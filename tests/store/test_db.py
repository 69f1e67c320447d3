import sqlite3

import pytest
from sqlite_utils import plugins

from studyapp.store import queries
from studyapp.store.db import StoreError, connect, schema_version
from studyapp.store.migrations import SCHEMA_VERSION


def test_new_database_is_current_durable_and_checks_foreign_keys(tmp_path):
    db = connect(tmp_path / "a.sqlite3")
    assert schema_version(db) == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    with pytest.raises(sqlite3.IntegrityError):
        with db.atomic():
            db["answers"].insert({"profile_id": 99, "item_id": 99, "answered_ms": 1, "correct": 1})


def test_a_new_database_gets_its_whole_schema_in_one_commit(tmp_path, monkeypatch):
    # One disk flush for the schema of a first start, not one per migration step.
    statements: list[str] = []
    real_connect = sqlite3.connect

    def traced(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    db = connect(tmp_path / "a.sqlite3")
    assert schema_version(db) == SCHEMA_VERSION
    assert [s for s in statements if s.strip().upper() in ("COMMIT", "BEGIN IMMEDIATE")] == ["BEGIN IMMEDIATE",
                                                                                              "COMMIT"]


def test_opening_looks_for_no_sqlite_utils_plugins(tmp_path, monkeypatch):
    # Looking for them scans every installed package's entry points; StudyApp uses none.
    monkeypatch.setattr(plugins, "_plugins_loaded", False)
    monkeypatch.setattr(plugins.pm, "load_setuptools_entrypoints", lambda group: pytest.fail("plugins looked for"))
    db = connect(tmp_path / "a.sqlite3")
    assert schema_version(db) == SCHEMA_VERSION


def test_database_from_the_first_schema_is_migrated_with_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = connect(path, migrate_to=1)
    profile = old["profiles"].insert({"name": "Ana", "created_ms": 1, "settings": "{}"}).last_pk
    deck = old["decks"].insert({"name": "D", "created_ms": 1}).last_pk
    item = old["items"].insert({"deck_id": deck, "guid": "g", "ord": 0, "kind": "basic", "prompt": "p",
                                "answer": "a", "created_ms": 1, "updated_ms": 1}).last_pk
    old["answers"].insert({"profile_id": profile, "item_id": item, "answered_ms": 5, "correct": 1, "grade": 3})
    old.conn.commit()
    old.close()

    db = connect(path)
    assert schema_version(db) == SCHEMA_VERSION
    assert [a.item_id for a in queries.answer_history(db, profile)] == [item]
    assert "learner_state" in db.table_names() and "app_meta" in db.table_names()


def test_database_from_a_newer_app_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    db = connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer StudyApp"):
        connect(path)


def test_garbage_file_is_refused_with_a_clear_error(tmp_path):
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a usable StudyApp database"):
        connect(path)


def test_answer_log_is_append_only(tmp_path):
    db = connect(tmp_path / "a.sqlite3")
    profile = queries.add_profile(db, "Ana")
    deck = queries.ensure_deck(db, "D")
    item = db["items"].insert({"deck_id": deck, "guid": "g", "ord": 0, "kind": "basic", "prompt": "p",
                               "answer": "a", "created_ms": 1, "updated_ms": 1}).last_pk
    answer = queries.log_answer(db, {"profile_id": profile, "item_id": item, "answered_ms": 5, "correct": 1})
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE answers SET correct = 0 WHERE id = ?", [answer])
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM answers")
    queries.void_answer(db, answer)
    assert queries.answer_history(db, profile) == []
    assert db["answers"].count == 1


def test_committed_answer_is_visible_to_another_connection(tmp_path):
    path = tmp_path / "a.sqlite3"
    db = connect(path)
    profile = queries.add_profile(db, "Ana")
    deck = queries.ensure_deck(db, "D")
    item = db["items"].insert({"deck_id": deck, "guid": "g", "ord": 0, "kind": "basic", "prompt": "p",
                               "answer": "a", "created_ms": 1, "updated_ms": 1}).last_pk
    queries.log_answer(db, {"profile_id": profile, "item_id": item, "answered_ms": 5, "correct": 1})
    other = sqlite3.connect(path)
    assert other.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 1


def test_profiles_are_unique_ignoring_case(tmp_path):
    db = connect(tmp_path / "a.sqlite3")
    queries.add_profile(db, "Ana")
    with pytest.raises(StoreError, match="already exists"):
        queries.add_profile(db, "ana")
    with pytest.raises(StoreError, match="needs a name"):
        queries.add_profile(db, "  ")


def test_deck_hierarchy_is_created_with_parents(tmp_path):
    db = connect(tmp_path / "a.sqlite3")
    child = queries.ensure_deck(db, "Languages::Chinese::HSK 1")
    names = {d["name"]: d for d in queries.list_decks(db)}
    assert set(names) == {"Languages", "Languages::Chinese", "Languages::Chinese::HSK 1"}
    assert names["Languages::Chinese::HSK 1"]["parent_id"] == names["Languages::Chinese"]["id"]
    assert set(queries.deck_and_descendants(db, names["Languages"]["id"])) == {d["id"] for d in names.values()}
    assert queries.ensure_deck(db, "Languages::Chinese::HSK 1") == child


@pytest.mark.parametrize("version", [0, 7])
def test_another_programs_sqlite_file_is_refused_not_migrated(tmp_path, version):
    path = tmp_path / "foreign.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes(name TEXT)")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="another program"):
        connect(path)
    assert sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall() == [("recipes",)]


def test_refused_foreign_file_keeps_its_journal_mode(tmp_path):
    path = tmp_path / "foreign.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes(name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError):
        connect(path)
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_full_disk_while_writing_is_one_sentence_and_writes_nothing(tmp_path):
    db = connect(tmp_path / "a.sqlite3")
    page_count = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {page_count}")  # SQLite then answers as a full disk does
    with pytest.raises(StoreError, match="^the disk is full; free some space and try again$"):
        with db.atomic():
            db["decks"].insert_all({"name": f"deck {n}" * 20, "created_ms": 1} for n in range(500))
    assert db.execute("SELECT count(*) FROM decks").fetchone()[0] == 0


def test_a_writer_waits_for_another_process_holding_the_write_lock(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "a.sqlite3"
    first = connect(path)
    ana = queries.add_profile(first, "Ana")
    first.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                               "c.execute('BEGIN IMMEDIATE'); c.execute(\"INSERT INTO app_meta VALUES ('k', 'v')\"); "
                               "print('holding', flush=True); time.sleep(1.5); c.execute('COMMIT')", str(path)],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    db = connect(path)
    # Reads the settings, then writes them, in one transaction: a deferred one would fail at once with
    # "database is locked" once the other process commits; an immediate one waits its turn.
    queries.update_profile_settings(db, ana, {"new_per_day": 7})
    holder.wait()
    assert queries.get_meta(db, "k") == "v" and queries.profile_settings(db, ana)["new_per_day"] == 7


def test_a_read_only_folder_is_reported_as_read_only(tmp_path):
    from studyapp.store.db import DataUnavailable

    connect(tmp_path / "a.sqlite3").close()
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(DataUnavailable, match="is read-only; StudyApp needs to write there"):
            connect(tmp_path / "a.sqlite3")
    finally:
        tmp_path.chmod(0o700)


def test_an_item_table_from_before_translations_is_migrated_and_then_holds_them(tmp_path):
    from studyapp.content.model import Deck, ImportBundle, Item, in_language
    from studyapp.store.importer import import_bundle

    path = tmp_path / "v3.sqlite3"
    old = connect(path, migrate_to=3)
    deck = old["decks"].insert({"name": "Geography::World capitals", "created_ms": 1}).last_pk
    old["items"].insert({"deck_id": deck, "guid": "cap-benin", "ord": 0, "kind": "basic", "prompt": "Benin",
                         "answer": "Porto-Novo", "created_ms": 1, "updated_ms": 1})
    old.conn.commit()
    old.close()

    db = connect(path)
    assert schema_version(db) == SCHEMA_VERSION
    (benin,) = queries.items_in_decks(db, [deck])
    assert benin.translations == {} and benin.prompt == "Benin"
    translated = Item("basic", "Benin", "Porto-Novo", guid="cap-benin",
                      translations={"zh_CN": {"prompt": "贝宁", "answer": "波多诺伏"}})
    result = import_bundle(db, tmp_path, ImportBundle(decks=[Deck("Geography::World capitals", items=[translated])]),
                           None)
    assert result.items_updated == 1
    (benin,) = queries.items_in_decks(db, [deck])
    assert benin.id == 1 and benin.translations == translated.translations
    assert in_language(benin, "zh_CN").prompt == "贝宁"
    assert queries.deck_content(db, deck).items == [translated]
