"""`studyapp bench history`: how long opening a study session takes, and how much memory, for a profile with a
long answer log (issue 17's 2-million-answer import).

The profile is generated straight into a temporary database (a deck of --items flashcards, --answers answers
spread over --years, inserted in bulk: set-up, not timed). Each open then runs in a fresh process, as a
student starting the program: its wall time is the learner's share of opening a session (LearnerPredictor
construction plus scoring the deck, what the first choice asks of it) and, with --session, the whole of it
(the StudySession with the first next_item()); its peak RSS is the process's ru_maxrss, next to the RSS the
process had before opening (Python, torch and the model loaded). Two cases: the first open (no saved state:
the whole log is read and the memory curve fitted) and the usual open (the state a finished session saved,
with a few answers logged since).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

# The CLI registers this command at start-up: numpy and the store are imported when it runs.
NOW_MS = 1_767_268_800_000  # 2026-01-01T12:00Z
DAY_MS = 86_400_000
DECK = "History bench"


def make_profile(path: Path, n_answers: int, n_items: int, years: float, seed: int = 0) -> tuple[int, int]:
    """(profile id, deck id) of a generated profile: each item answered at its own rate (log-normal: the
    most answered item about 7 times as often as the average one), answers spread over `years`, grades 1-4."""
    import numpy as np

    from studyapp.content.model import Item
    from studyapp.store import queries
    from studyapp.store.db import connect

    rng = np.random.default_rng(seed)
    db = connect(path)
    db.execute("PRAGMA synchronous = OFF")  # a throw-away database: durability only costs time here
    profile = queries.add_profile(db, "bench")
    deck = queries.ensure_deck(db, DECK)
    created = NOW_MS - int(years * 365 * DAY_MS)
    with db.atomic():
        db.table("items").insert_all(
            ({**queries.item_record(Item("basic", f"q{k}", f"a{k}", guid=f"hist{k}")), "deck_id": deck,
              "created_ms": created, "updated_ms": created} for k in range(n_items)), batch_size=2000)
    first_id = db.execute("SELECT MIN(id) FROM items WHERE deck_id = ?", [deck]).fetchone()[0]
    weights = rng.lognormal(0.0, 0.5, n_items)
    chunk, last = 200_000, created
    with db.atomic():
        for start in range(0, n_answers, chunk):
            n = min(chunk, n_answers - start)
            # Each part's times after the last part's, so the whole log stays in time order as it is inserted.
            at = np.sort(rng.integers(last, last + (NOW_MS - DAY_MS - created) * n // n_answers + 1, n))
            last = int(at[-1])
            items = first_id + rng.choice(n_items, n, p=weights / weights.sum())
            grade = rng.choice([1, 2, 3, 4], n, p=[0.12, 0.08, 0.7, 0.1])
            db.conn.executemany(
                "INSERT INTO answers (profile_id, item_id, shown_ms, answered_ms, response_ms, grade, correct,"
                " source) VALUES (?, ?, ?, ?, 6000, ?, ?, 'import')",
                zip([profile] * n, items.tolist(), (at - 6000).tolist(), at.tolist(), grade.tolist(),
                    (grade > 1).astype(int).tolist()))
    db.close()
    return profile, deck


def log_more(path: Path, profile: int, deck: int, n: int) -> None:
    """n answers logged after the last (a session's few answers since the state was saved)."""
    from studyapp.store import queries
    from studyapp.store.db import connect

    db = connect(path)
    latest = queries.latest_answer_ms(db, profile)
    items = [r["id"] for r in db.query("SELECT id FROM items WHERE deck_id = ? LIMIT ?", [deck, n])]
    with db.atomic():
        for k, item in enumerate(items):
            queries.log_answer(db, {"profile_id": profile, "item_id": item, "answered_ms": latest + 60_000 * (k + 1),
                                    "correct": 1, "grade": 3, "source": "study"})
    db.close()


def open_once(path: str, profile: int, deck: int, session: bool, save: bool) -> dict[str, Any]:
    """In the child process: open as a student does, timed; the figures as a dict."""
    import resource
    import time

    from studyapp.store import queries
    from studyapp.store.db import connect
    from studyapp.study.launch import load_learner
    from studyapp.study.policies import make_policy
    from studyapp.study.predictor import LearnerPredictor, one_thread
    from studyapp.study.session import StudySession

    db = connect(Path(path))
    learner, notice = load_learner()
    if learner is None:
        raise SystemExit(notice)
    items = queries.items_in_decks(db, queries.deck_and_descendants(db, deck))
    with one_thread():
        learner.student([]).predict(learner.item_set([]), 0.0)  # torch's first call, not the open
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    predictor = LearnerPredictor(db, profile, learner)
    predictor.predict(items, NOW_MS)
    learner_s = time.perf_counter() - started
    out = {"learner_s": learner_s, "n_answers": predictor.student.n_answers}
    if session:
        started = time.perf_counter()
        study = StudySession(db, profile, deck, policy=make_policy("review", predictor), predictor=predictor,
                             clock=lambda: NOW_MS)
        study.next_item()
        out["session_s"] = learner_s + time.perf_counter() - started
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["before_rss_mb"] = before_mb
    if save:
        predictor.save()
    return out


def _child(path: Path, profile: int, deck: int, session: bool, save: bool = False) -> dict[str, Any]:
    code = ("import json, sys; from studyapp.study.bench_history import open_once; "
            "print(json.dumps(open_once(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == '1', "
            "sys.argv[5] == '1')))")
    done = subprocess.run([sys.executable, "-c", code, str(path), str(profile), str(deck), str(int(session)),
                           str(int(save))], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the timed open failed: {done.stderr.strip().splitlines()[-1:]}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def _medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    import numpy as np

    return {key: round(float(np.median([r[key] for r in runs])), 3) for key in runs[0]}


def bench_history(n_answers: int, n_items: int, years: float, repeats: int, session: bool,
                  since: int = 20) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="studyapp-bench-history-") as tmp:
        path = Path(tmp) / "bench.sqlite3"
        profile, deck = make_profile(path, n_answers, n_items, years)
        first = [_child(path, profile, deck, session) for _ in range(repeats)]
        _child(path, profile, deck, False, save=True)  # a finished session keeps the state
        log_more(path, profile, deck, since)
        usual = [_child(path, profile, deck, session) for _ in range(repeats)]
    return {"answers": n_answers, "items": n_items, "years": years, "repeats": repeats, "answers_since_save": since,
            "first_open": _medians(first), "usual_open": _medians(usual)}


def format_report(r: dict[str, Any]) -> str:
    lines = [f"opening a session on a profile of {r['answers']:,} answers over {r['items']:,} items "
             f"({r['years']:g} years); medians of {r['repeats']} fresh processes"]
    for name, label in (("first_open", "first open (no saved state)"),
                        ("usual_open", f"usual open (saved state, {r['answers_since_save']} answers since)")):
        f = r[name]
        line = f"  {label}: learner {f['learner_s']:.2f} s"
        if "session_s" in f:
            line += f", whole session with its first choice {f['session_s']:.2f} s"
        lines.append(line + f"; peak RSS {f['peak_rss_mb']:.0f} MB (before opening: {f['before_rss_mb']:.0f} MB)")
    return "\n".join(lines)


def _cmd(args: argparse.Namespace) -> int:
    if args.answers < 1 or args.items < 1 or args.repeats < 1 or args.years <= 0:
        print("--answers, --items and --repeats take positive integers, --years a positive number", file=sys.stderr)
        return 1
    result = bench_history(args.answers, args.items, args.years, args.repeats, args.session)
    print(json.dumps(result) if args.json else format_report(result))
    return 0


def register(bench_subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = bench_subparsers.add_parser("history", help="time and memory of opening a session on a long answer log")
    p.add_argument("--answers", type=int, default=2_000_000)
    p.add_argument("--items", type=int, default=20_000)
    p.add_argument("--years", type=float, default=3.0)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--session", action="store_true",
                   help="also time the whole StudySession with its first choice (it reads the log itself)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd)
