"""Crash safety, measured: kill `studyapp study --script` with SIGKILL at random moments and check that every
answer it acknowledged (`logged: true`) is in the log and the database passes its integrity check."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

DECK = "Geography::World capitals"
DAY_MS = 86_400_000


def _one_run(data_dir: Path, now_ms: int, rng: random.Random) -> tuple[set[int], bool]:
    """One study process killed after a random delay; returns the acknowledged answer ids and whether
    the kill landed while it was answering (rather than after it had finished)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "studyapp.cli", "--data-dir", str(data_dir), "study", "--deck", DECK, "--script",
         "--now", str(now_ms)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1,
    )
    acknowledged: set[int] = set()
    first_item = threading.Event()

    def drive() -> None:
        try:
            for line in process.stdout:
                message = json.loads(line)
                if "prompt" in message:
                    first_item.set()
                    process.stdin.write(f"{rng.choice('1234')}\n")
                    process.stdin.flush()
                elif message.get("logged"):
                    acknowledged.add(message["answer_id"])
        except (BrokenPipeError, ValueError, OSError):
            pass

    reader = threading.Thread(target=drive, daemon=True)
    reader.start()
    first_item.wait(timeout=60)
    time.sleep(rng.uniform(0.0, 0.4))
    killed_mid_session = process.poll() is None
    if killed_mid_session:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    reader.join(timeout=10)
    return acknowledged, killed_mid_session


def check(data_dir: Path, acknowledged: set[int]) -> tuple[int, str]:
    """(acknowledged answers missing from the log, integrity check result)."""
    conn = sqlite3.connect(data_dir / "studyapp.sqlite3")
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        present = {row[0] for row in conn.execute("SELECT id FROM answers")}
    finally:
        conn.close()
    return len(acknowledged - present), integrity


def run_crash_check(kills: int, seed: int, data_dir: Path | None = None) -> dict:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        directory = data_dir or Path(tmp)
        now = 1_767_225_600_000
        acknowledged: set[int] = set()
        lost = failed_checks = mid_session = 0
        for k in range(kills):
            now += DAY_MS  # a new study day each run, so new items and reviews keep coming
            acked, killed = _one_run(directory, now, rng)
            acknowledged |= acked
            mid_session += killed
            missing, integrity = check(directory, acknowledged)
            lost = max(lost, missing)
            failed_checks += integrity != "ok"
            print(f"\rrun {k + 1}/{kills}: {len(acknowledged)} answers acknowledged, {missing} missing",
                  end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    return {"kills": mid_session, "runs": kills, "answers_acknowledged": len(acknowledged),
            "answers_lost": lost, "integrity_failures": failed_checks, "seed": seed}


def register(bench_subparsers) -> None:
    p = bench_subparsers.add_parser("crash", help="SIGKILL the study session at random moments; count lost answers")
    p.add_argument("--kills", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd)


def _cmd(args) -> int:
    result = run_crash_check(args.kills, args.seed)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['kills']} kills mid-session in {result['runs']} runs; {result['answers_acknowledged']} "
              f"answers acknowledged; {result['answers_lost']} lost; {result['integrity_failures']} integrity "
              "check failures")
    return 0 if result["answers_lost"] == 0 and result["integrity_failures"] == 0 else 1
