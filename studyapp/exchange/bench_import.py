"""`studyapp bench import`: how long a large Anki package takes to import, and how much memory.

It writes a package of --notes notes (basic, two-way and cloze) with --revlog review rows with
our own writer into a temporary folder, then times read_anki_package + import_bundle into a
fresh temporary data folder, --runs times (median reported). Peak memory is measured in one
more, untimed run with tracemalloc (Python allocations during read + import), beside the
process's peak resident size. Nothing is kept afterwards.

With --csv ROWS it instead imports a CSV of ROWS flashcards while another connection to the same
database commits one small write every 20 ms (as a study session logs answers), and reports how
long the import took and the longest any of those writes had to wait. With --writer the package's
timed runs have that writer beside them too (the review history is what keeps it waiting).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

from studyapp.content.model import Deck, HistoryRow, Item, correct_of

TARGET_S = 5.0
TARGET_MB = 500


def register(bench_subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = bench_subparsers.add_parser("import", help="time importing a large Anki package (read + store)")
    p.add_argument("--notes", type=int, default=10_000)
    p.add_argument("--revlog", type=int, default=50_000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--csv", type=int, metavar="ROWS", help="time a CSV import of ROWS rows against a concurrent writer")
    p.add_argument("--writer", action="store_true",
                   help="time the package's imports against a concurrent writer (its longest wait is reported)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def synthetic_decks(notes: int, revlog: int, seed: int) -> tuple[list[Deck], list[HistoryRow]]:
    """Notes of a realistic mix: 80% basic, 10% two-way pairs, 10% two-deletion clozes, in
    ten subdecks; review rows spread over the cards across two years."""
    from studyapp.content.cloze import expand_cloze

    rng = random.Random(seed)
    decks = [Deck(f"Bench::Part {d}") for d in range(10)]
    for n in range(notes):
        deck, guid, word = decks[n % 10], f"bench-{n}", f"word{n}"
        roll = n % 10
        if roll == 8:
            deck.items += [Item(kind="reversed", prompt=word, answer=f"<b>meaning</b> {n}", guid=guid, ord=0),
                           Item(kind="reversed", prompt=f"<b>meaning</b> {n}", answer=word, guid=guid, ord=1)]
        elif roll == 9:
            text = f"{{{{c1::{word}::hint}}}} goes with {{{{c2::partner {n}}}}} in sentence {n}."
            deck.items += expand_cloze(Item(kind="cloze", prompt=text, answer="", guid=guid, tags=["cloze"]))
        else:
            deck.items.append(Item(kind="basic", prompt=f"What is <i>{word}</i>?", answer=f"answer {n}<br>line two",
                                   guid=guid, tags=[f"tag{n % 50}", "bench::synthetic"], suspended=n % 97 == 0))
    cards = [(i.guid, i.ord) for d in decks for i in d.items]
    start = 1_650_000_000_000
    history = []
    for r in range(revlog):
        guid, ord_ = cards[rng.randrange(len(cards))]
        grade = rng.choice((1, 2, 3, 3, 3, 4))
        history.append(HistoryRow(guid, ord_, start + r * 1_200_000 + rng.randrange(1000), grade, correct_of(grade),
                                  rng.randrange(1500, 20000), ""))
    return decks, history


def _one_import(package: Path, writer: bool = False) -> tuple[float, float, int, int, float]:
    """Read and store the package into a fresh data folder: read and store seconds, items, answers, and with
    `writer` the longest wait of a concurrent writer's commits (else 0)."""
    from studyapp import paths
    from studyapp.content.anki_read import read_anki_package
    from studyapp.store import queries
    from studyapp.store.db import connect
    from studyapp.store.importer import import_bundle

    with tempfile.TemporaryDirectory(prefix="studyapp-bench-data-") as data:
        data_dir = Path(data)
        db = connect(paths.db_path(data_dir))
        stop = threading.Event()
        waits: list[float] = [0.0]
        prober = threading.Thread(target=_probe, args=(paths.db_path(data_dir), stop, waits))
        try:
            profile_id = queries.add_profile(db, "Bench")
            if writer:
                prober.start()
            t0 = time.perf_counter()
            bundle = read_anki_package(package)
            t1 = time.perf_counter()
            result = import_bundle(db, data_dir, bundle, profile_id)
            t2 = time.perf_counter()
        finally:
            stop.set()
            if writer:
                prober.join()
            db.close()
    return t1 - t0, t2 - t1, result.items_added, result.answers_added, max(waits)


def measure(notes: int, revlog: int, runs: int, seed: int, writer: bool = False) -> dict[str, Any]:
    from studyapp.content.anki_write import write_anki_package

    decks, history = synthetic_decks(notes, revlog, seed)
    with tempfile.TemporaryDirectory(prefix="studyapp-bench-apkg-") as tmp:
        package = Path(tmp) / "bench.apkg"
        t0 = time.perf_counter()
        write_anki_package(decks, history, package)
        write_s = time.perf_counter() - t0
        timings = [_one_import(package, writer) for _ in range(runs)]
        tracemalloc.start()
        _, _, items, answers, _ = _one_import(package)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = package.stat().st_size
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    totals = [r + i for r, i, _, _, _ in timings]
    return {
        "notes": notes, "items": items, "revlog_rows": revlog, "answers_imported": answers,
        "package_mb": round(size / 2**20, 2), "write_s": round(write_s, 3), "runs": runs,
        "read_s_median": round(statistics.median(r for r, _, _, _, _ in timings), 3),
        "store_s_median": round(statistics.median(i for _, i, _, _, _ in timings), 3),
        "total_s_median": round(statistics.median(totals), 3),
        "total_s_all": [round(t, 3) for t in totals],
        "peak_traced_mb": round(peak / 2**20, 1), "max_rss_mb": round(rss_kb / 1024, 1),
        "target_s": TARGET_S, "target_mb": TARGET_MB,
    } | ({"longest_write_wait_s_median": round(statistics.median(w for *_, w in timings), 2),
          "longest_write_wait_s_all": [round(w, 2) for *_, w in timings]} if writer else {})


def _probe(path: Path, stop: threading.Event, waits: list[float]) -> None:
    """Commit one row every 20 ms, as a study session logs answers; record how long each commit took."""
    import sqlite3

    conn = sqlite3.connect(path, timeout=600, isolation_level=None)
    conn.execute("CREATE TABLE IF NOT EXISTS bench_probe (at REAL)")
    while not stop.is_set():
        began = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO bench_probe VALUES (?)", [began])
        conn.execute("COMMIT")
        waits.append(time.perf_counter() - began)
        stop.wait(0.02)
    conn.close()


def measure_csv(rows: int, runs: int) -> dict[str, Any]:
    from studyapp import paths
    from studyapp.content.readers import read_file
    from studyapp.store.db import connect
    from studyapp.store.importer import import_bundle

    totals, longest, slow = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="studyapp-bench-csv-") as tmp:
            source = Path(tmp) / "big.csv"
            with source.open("w", encoding="utf-8") as out:
                out.write("prompt,answer,tags\n")
                out.writelines(f"question {n},answer {n},tag{n % 50}\n" for n in range(rows))
            data_dir = Path(tmp) / "data"
            data_dir.mkdir()
            db = connect(paths.db_path(data_dir))
            stop = threading.Event()
            waits: list[float] = []
            prober = threading.Thread(target=_probe, args=(paths.db_path(data_dir), stop, waits))
            prober.start()
            try:
                t0 = time.perf_counter()
                import_bundle(db, data_dir, read_file(source), None)
                totals.append(time.perf_counter() - t0)
            finally:
                stop.set()
                prober.join()
                db.close()
            longest.append(max(waits))
            slow.append(sum(w > 1.0 for w in waits))
    return {"rows": rows, "runs": runs, "import_s_median": round(statistics.median(totals), 2),
            "longest_write_wait_s_median": round(statistics.median(longest), 2),
            "longest_write_wait_s_all": [round(w, 2) for w in longest],
            "writes_over_1s_median": statistics.median(slow)}


def run(args: argparse.Namespace) -> int:
    if args.csv:
        figures = measure_csv(args.csv, args.runs)
        print(json.dumps(figures) if args.json else
              f"CSV import of {figures['rows']} rows: median {figures['import_s_median']} s over {figures['runs']} "
              f"runs; a concurrent writer waited at most {figures['longest_write_wait_s_median']} s (median of the "
              f"runs' longest waits; {figures['writes_over_1s_median']} writes over 1 s).")
        return 0
    figures = measure(args.notes, args.revlog, args.runs, args.seed, args.writer)
    if args.json:
        print(json.dumps(figures))
        return 0
    if args.writer:
        print(f"Anki import of {figures['notes']} notes and {figures['revlog_rows']} review rows beside a writer "
              f"committing every 20 ms: median {figures['total_s_median']} s over {figures['runs']} runs; the "
              f"writer waited at most {figures['longest_write_wait_s_median']} s (median of the runs' longest "
              f"waits: {figures['longest_write_wait_s_all']}).")
    else:
        print(f"Anki import of {figures['notes']} notes ({figures['items']} items) and {figures['revlog_rows']} "
              f"review rows ({figures['package_mb']} MB package): median {figures['total_s_median']} s over "
              f"{figures['runs']} runs (read {figures['read_s_median']} s, store {figures['store_s_median']} s; "
              f"target {TARGET_S} s); peak Python memory {figures['peak_traced_mb']} MB, process peak RSS "
              f"{figures['max_rss_mb']} MB (target {TARGET_MB} MB).")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone use until the main CLI registers the bench command."""
    parser = argparse.ArgumentParser(prog="studyapp-bench-import")
    register(parser.add_subparsers(dest="target", required=True))
    args = parser.parse_args(["import", *(argv if argv is not None else sys.argv[1:])])
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
