"""`studyapp study --script --now`, driven as a program would: failed items come back in the same sitting."""

import json
import sqlite3
import subprocess
import sys

from studyapp.paths import db_path

NOW = "2026-06-01T12:00:00Z"  # answer times must lie between 2000 and tomorrow
FIFTEEN_MIN_MS = 15 * 60_000


def test_failed_items_come_back_within_fifteen_minutes_of_study_in_the_same_sitting(tmp_path):
    data = tmp_path / "data"
    study = subprocess.Popen(
        [sys.executable, "-m", "studyapp.cli", "--data-dir", str(data), "study", "--deck",
         "Geography::World capitals", "--script", "--now", NOW],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    failed, shown, done = [], [], None
    try:
        for _ in range(60):
            message = json.loads(study.stdout.readline())
            if message.get("done"):
                done = message
                break
            shown.append(message)
            grade = "1" if len(failed) < 3 and message["item_id"] not in failed else "3"
            if grade == "1":
                failed.append(message["item_id"])
            study.stdin.write(grade + "\n")
            study.stdin.flush()
            assert json.loads(study.stdout.readline())["logged"] is True
        study.stdin.close()
        done = done or json.loads(study.stdout.readline())
    finally:
        study.wait(timeout=60)
    assert study.returncode == 0, study.stderr.read()
    # Every failed item was shown again, as a learning step, after its first showing.
    for item_id in failed:
        again = [m for m in shown if m["item_id"] == item_id][1:]
        assert again and again[0]["reason_code"] in ("learning_step", "learn_ahead")
    with sqlite3.connect(db_path(data)) as db:
        rows = db.execute("SELECT item_id, shown_ms, answered_ms, correct FROM answers ORDER BY id").fetchall()
    for item_id in failed:
        times = [(s, a, c) for i, s, a, c in rows if i == item_id]
        assert times[0][2] == 0 and times[1][0] - times[0][1] <= FIFTEEN_MIN_MS
    assert done["summary"]["improved"] == 3  # missed, then right later in the session
