"""Answer times outside [2000-01-01, now + 1 day] are refused at import and never stamped at study time;
one far-future clock reading cannot freeze a profile."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
import time

import pytest

from studyapp.cli import main
from studyapp.content.anki_read import read_anki_package
from studyapp.content.anki_write import write_anki_package
from studyapp.content.answer_times import EARLIEST_MS, answer_time_problem
from studyapp.content.model import ContentError, Deck, HistoryRow, ImportBundle, Item
from studyapp.paths import db_path
from studyapp.store.importer import import_bundle
from studyapp.workspace import open_workspace

DAY = 86_400_000
YEAR_33658 = 1_000_000_000_000_000
YEAR_9999 = 253_370_764_800_000
YEAR_2036 = 2_082_758_400_000


def _now() -> int:
    return int(time.time() * 1000)


def _apkg(path, stamp):
    deck = Deck("D", items=[Item("basic", "q", "a", guid="g")])
    write_anki_package([deck], [HistoryRow("g", 0, 1_700_000_000_000, 3, 1, 2000),
                                HistoryRow("g", 0, stamp, 3, 1, 2000)], path)
    return path


def _answers(data_dir) -> int:
    if not db_path(data_dir).exists():
        return 0
    with sqlite3.connect(db_path(data_dir)) as db:
        return db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]


def test_the_rule():
    now = _now()
    assert answer_time_problem(now, now) is None
    assert answer_time_problem(now + DAY - 1, now) is None
    assert "outside 2000-01-01" in answer_time_problem(now + DAY + 1, now).text
    assert answer_time_problem(EARLIEST_MS - 1, now)
    assert "ms since 1970" in answer_time_problem(10**20, now).text  # no calendar holds it: no OverflowError


@pytest.mark.parametrize("stamp", [YEAR_33658, YEAR_9999, YEAR_2036, 946_684_799_999])
def test_an_apkg_with_an_impossible_review_time_is_refused(tmp_path, stamp):
    path = _apkg(tmp_path / "deck.apkg", stamp)
    with pytest.raises(ContentError, match=rf"deck.apkg has a review \(revlog id {stamp}\) that is dated .*; "
                                           "it was not imported"):
        read_anki_package(path)


def test_the_cli_import_writes_nothing(tmp_path, capsys):
    path = _apkg(tmp_path / "deck.apkg", YEAR_33658)
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "profiles", "add", "Ana"]) == 0
    assert main(["--data-dir", str(data), "import", str(path), "--profile", "Ana"]) == 1
    err = capsys.readouterr().err
    assert "revlog id 1000000000000000" in err and "Traceback" not in err and err.count("\n") == 1
    with sqlite3.connect(db_path(data)) as db:
        assert db.execute("SELECT COUNT(*) FROM items WHERE guid = 'g'").fetchone()[0] == 0
    assert _answers(data) == 0


def test_the_store_importer_is_the_last_gate(tmp_path):
    ws = open_workspace(tmp_path / "data")
    profile = ws.db["profiles"].insert({"name": "Ana", "created_ms": 0}).last_pk
    bundle = ImportBundle(decks=[Deck("D", items=[Item("basic", "q", "a", guid="g")])],
                          history=[HistoryRow("g", 0, YEAR_9999, 3, 1)])
    with pytest.raises(ContentError, match=r"an answer to the item \(g, 0\) is dated 9999"):
        import_bundle(ws.db, ws.data_dir, bundle, profile)
    assert ws.db["answers"].count == 0 and ws.db["items"].count_where("guid = 'g'") == 0
    ws.close()


def _study(data, *extra, answers="3\n"):
    sys.stdin = io.StringIO(answers)
    try:
        return main(["--data-dir", str(data), "study", "--deck", "Geography::World capitals", "--script", *extra])
    finally:
        sys.stdin = sys.__stdin__


def test_a_far_future_now_is_reported_not_obeyed(tmp_path, capsys):
    data = tmp_path / "data"
    assert _study(data, "--now", "2036-01-01") == 1
    err = capsys.readouterr().err
    assert "--now 2036-01-01 is dated 2036-01-01 00:00 UTC, outside 2000-01-01 to" in err
    assert "Traceback" not in err and _answers(data) == 0
    assert _study(data, "--now", "1999-12-31") == 1
    assert _answers(data) == 0


def test_a_future_stamp_already_logged_does_not_pin_later_answers(tmp_path, capsys):
    """A log written by an older version after a session at --now 2036: the next answers are stamped now."""
    data = tmp_path / "data"
    assert _study(data, "--now", "2025-06-01") == 0
    with sqlite3.connect(db_path(data)) as db:
        db.execute("INSERT INTO answers (profile_id, item_id, answered_ms, shown_ms, response_ms, correct, grade,"
                   " given) SELECT profile_id, item_id, ?, ?, 1000, 1, 3, '' FROM answers",
                   [YEAR_2036, YEAR_2036 - 1000])
    before = _now()
    assert _study(data) == 0
    capsys.readouterr()
    with sqlite3.connect(db_path(data)) as db:
        latest = db.execute("SELECT answered_ms, response_ms FROM answers ORDER BY id DESC LIMIT 1").fetchone()
    assert before <= latest[0] <= _now() + 1000 and latest[1] >= 0


def test_a_clock_run_past_the_limit_stamps_no_later_than_a_day_ahead(monkeypatch):
    from studyapp.study import clock

    start = _now() + DAY - 10
    monotonic = iter([0.0, 3600.0])  # the session runs an hour past a --now just under the limit
    monkeypatch.setattr(clock.time, "monotonic", lambda: next(monotonic))
    reading = clock.offset_clock(start)()
    assert reading <= _now() + DAY


def test_export_log_of_a_bundle_is_json_safe(tmp_path, capsys):
    """After the refusals, a profile's export still works (the case that used to crash)."""
    data = tmp_path / "data"
    assert _study(data, "--now", "2025-06-01") == 0
    out = tmp_path / "log.csv"
    assert main(["--data-dir", str(data), "export-log", str(out)]) == 0
    assert json.dumps(out.read_text())
