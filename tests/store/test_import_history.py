"""An Anki package's review history is staged in chunks outside the final transaction, like its items: a study
process logs answers while a long history is imported, and a kill at any point leaves the database as it was."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from studyapp.paths import db_path, media_dir
from studyapp.store import db as db_module
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.store.housekeeping import leftovers
from studyapp.workspace import open_workspace

NOTES, REVIEWS, CHUNK, PAUSE_AT = 300, 6_000, 1_000, 2_500

# The importing process: a package's decks, one picture and REVIEWS review rows, staged CHUNK rows at a time.
# It stops where the test says (while staging the history, or inside the final transaction), says so on
# stdout and waits for a line on stdin (or to be killed).
IMPORTER = textwrap.dedent(f"""
    import json, sys
    from studyapp.content.model import ImportBundle
    from studyapp.exchange.bench_import import synthetic_decks
    from studyapp.store import importer, queries
    from studyapp.workspace import open_workspace

    data_dir, pause = sys.argv[1], sys.argv[2]
    ws = open_workspace(data_dir)
    profile = queries.find_profile(ws.db, "Ana")["id"]
    decks, history = synthetic_decks({NOTES}, {REVIEWS}, 0)
    importer.STAGE_CHUNK = {CHUNK}

    def stop_here():
        print(pause, flush=True)
        sys.stdin.readline()

    calls = []
    real_record, real_items = importer.history_record, importer._import_items

    def record(row, now_ms):
        calls.append(1)
        if pause == "staging" and len(calls) == {PAUSE_AT}:
            stop_here()
        return real_record(row, now_ms)

    def items(*args):
        real_items(*args)
        if pause == "final":
            stop_here()

    importer.history_record, importer._import_items = record, items
    bundle = ImportBundle(decks=decks, media={{"picture.png": b"not really a picture"}}, history=history)
    result = importer.import_bundle(ws.db, ws.data_dir, bundle, profile)
    print(json.dumps({{"answers": result.answers_added, "items": result.items_added}}), flush=True)
    ws.close()
""")


@pytest.fixture
def data_dir(tmp_path):
    ws = open_workspace(tmp_path / "data")
    queries.add_profile(ws.db, "Ana")
    ws.close()
    return tmp_path / "data"


def _start_import(data_dir, pause: str) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", IMPORTER, str(data_dir), pause], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == pause, "the import did not reach the point the test waits for"
    return child


def test_a_study_process_logs_an_answer_while_a_long_history_is_staged(data_dir, monkeypatch):
    child = _start_import(data_dir, "staging")
    try:
        # A study session in this process: it may wait a moment for the lock, not for the whole import.
        monkeypatch.setattr(db_module, "WRITE_PATIENCE_S", 1.0)
        db = connect(db_path(data_dir))
        db.execute("PRAGMA busy_timeout = 200")
        profile = queries.find_profile(db, "Ana")["id"]
        item = next(db.query("SELECT id FROM items LIMIT 1"))["id"]
        answer = queries.log_answer(db, {"profile_id": profile, "item_id": item, "answered_ms": 1_700_000_000_000,
                                         "correct": 1, "grade": 3, "source": "study"})
        assert child.poll() is None  # logged while the import was still running
        child.stdin.write("go\n")
        child.stdin.flush()
        result = json.loads(child.stdout.readline())
        assert child.wait(timeout=60) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert result == {"answers": REVIEWS, "items": result["items"]} and result["items"] > NOTES
    imported = db.execute("SELECT COUNT(*), MIN(id) FROM answers WHERE profile_id = ? AND source = 'import'",
                          [profile]).fetchone()
    assert imported[0] == REVIEWS and imported[1] > answer  # the study answer went in first, and stayed
    assert db.execute("SELECT COUNT(*) FROM answers WHERE id = ?", [answer]).fetchone()[0] == 1
    db.close()


@pytest.mark.parametrize("pause", ["staging", "final"])
def test_a_killed_import_leaves_no_partial_history(data_dir, pause):
    ws = open_workspace(data_dir)
    before = {t: ws.db[t].count for t in ("decks", "items", "answers", "media")}
    ws.close()
    child = _start_import(data_dir, pause)
    child.kill()
    child.wait()
    assert leftovers(data_dir)  # its media staging folder, for start-up to clear
    ws = open_workspace(data_dir)
    assert {t: ws.db[t].count for t in ("decks", "items", "answers", "media")} == before
    assert ws.db["items"].count_where("guid LIKE 'bench-%'") == 0
    assert leftovers(data_dir) == [] and not (media_dir(data_dir) / "picture.png").exists()
    ws.close()
