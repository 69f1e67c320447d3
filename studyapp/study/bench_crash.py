"""Crash safety, measured: kill `studyapp study --script` with SIGKILL at random moments and check that every
answer it acknowledged (`logged: true`) is in the log and the database passes its integrity check.

`bench soak` runs the same on one data folder shared by several study processes and a loop of imports, killing
one of them every few seconds: it counts acknowledged answers lost, typed answers dropped (sent to a process
that went on living but never acknowledged them), and failures reported as a sentence or as a traceback."""

from __future__ import annotations

import argparse
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
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from studyapp.study.clock import DAY_MS

DECK = "Geography::World capitals"


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
    stdin, stdout = _pipes(process)

    def drive() -> None:
        try:
            for line in stdout:
                message = json.loads(line)
                if "prompt" in message:
                    first_item.set()
                    stdin.write(f"{rng.choice('1234')}\n")
                    stdin.flush()
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


def _pipes(process: subprocess.Popen[str]) -> tuple[IO[str], IO[str]]:
    """The stdin and stdout of a process started with both as pipes (Popen types them as optional)."""
    if process.stdin is None or process.stdout is None:
        raise ValueError("the process was not started with stdin and stdout as pipes")
    return process.stdin, process.stdout


def check(data_dir: Path, acknowledged: set[int]) -> tuple[int, str]:
    """(acknowledged answers missing from the log, integrity check result)."""
    conn = sqlite3.connect(data_dir / "studyapp.sqlite3")
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        present = {row[0] for row in conn.execute("SELECT id FROM answers")}
    finally:
        conn.close()
    return len(acknowledged - present), integrity


def run_crash_check(kills: int, seed: int, data_dir: Path | None = None) -> dict[str, int]:
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


def register(bench_subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = bench_subparsers.add_parser("crash", help="SIGKILL the study session at random moments; count lost answers")
    p.add_argument("--kills", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd)

    p = bench_subparsers.add_parser("soak", help="study processes and imports on one data folder, SIGKILLs "
                                                 "every few seconds; count lost answers and tracebacks")
    p.add_argument("--minutes", type=float, default=30.0)
    p.add_argument("--studies", type=int, default=3, help="study --script processes running at once")
    p.add_argument("--kill-every", type=float, default=4.0, help="mean seconds between SIGKILLs (0: none)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_soak)


def _cmd(args: argparse.Namespace) -> int:
    result = run_crash_check(args.kills, args.seed)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['kills']} kills mid-session in {result['runs']} runs; {result['answers_acknowledged']} "
              f"answers acknowledged; {result['answers_lost']} lost; {result['integrity_failures']} integrity "
              "check failures")
    return 0 if result["answers_lost"] == 0 and result["integrity_failures"] == 0 else 1


# ---------------------------------------------------------------- soak

CLI = [sys.executable, "-m", "studyapp.cli"]


class Outcomes:
    """What the soak's processes did, counted across threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.acknowledged: set[int] = set()
        self.typed = self.dropped = self.kills = self.import_kills = self.imports = 0
        self.sentences: list[str] = []
        self.tracebacks: list[str] = []

    def ended(self, process: subprocess.Popen[str], stderr: str, killed: bool) -> None:
        """A process ended: a failure of its own is a sentence or a traceback (a kill is no failure)."""
        with self.lock:
            if "Traceback" in stderr:
                self.tracebacks.append(stderr.strip().splitlines()[-1])
            elif process.returncode not in (0, None) and not killed:
                self.sentences.append(stderr.strip())


class Slot:
    """One running child process that the killer may pick once it is at work (a study process once it has
    shown its first item: starting one takes seconds, and killing only starts would test little else)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.killed = False
        self.ready = False

    def start(self, process: subprocess.Popen[str], ready: bool) -> subprocess.Popen[str]:
        self.process, self.killed, self.ready = process, False, ready
        return process

    def kill(self) -> bool:
        process = self.process
        if process is None or not self.ready or process.poll() is not None:
            return False
        self.killed = True
        os.kill(process.pid, signal.SIGKILL)
        return True


def _study_loop(data_dir: Path, profile: str, slot: Slot, out: Outcomes, stop: threading.Event,
                rng: random.Random) -> None:
    """Study sessions one after another; each answer typed is counted, each acknowledgement kept."""
    while not stop.is_set():
        process = slot.start(subprocess.Popen(
            CLI + ["--data-dir", str(data_dir), "study", "--deck", DECK, "--profile", profile, "--script",
                   "--mode", "practice"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1), False)
        stderr: list[str] = []
        stdin, stdout = _pipes(process)
        errors = process.stderr
        drain = threading.Thread(target=lambda: stderr.append(errors.read() if errors else ""), daemon=True)
        drain.start()
        waiting = False  # an answer was typed and not yet acknowledged
        try:
            for line in stdout:
                message = json.loads(line)
                if "prompt" in message:
                    slot.ready = True
                    if stop.is_set() or rng.random() < 0.02:  # now and then a session ends normally
                        break
                    stdin.write(f"{rng.choice('1234')}\n")
                    stdin.flush()
                    waiting = True
                    with out.lock:
                        out.typed += 1
                elif "logged" in message:
                    waiting = False
                    with out.lock:
                        if message["logged"]:
                            out.acknowledged.add(message["answer_id"])
                        else:
                            out.dropped += 1
        except (BrokenPipeError, OSError, ValueError):
            pass
        try:
            stdin.close()
        except OSError:
            pass
        process.wait()
        drain.join(timeout=10)
        with out.lock:
            out.dropped += waiting and not slot.killed  # alive, yet it never acknowledged what was typed
        out.ended(process, "".join(stderr), slot.killed)


def _deck_file(directory: Path, n: int, rows: int = 300) -> Path:
    path = directory / f"soak-{n}.csv"
    path.write_text("prompt,answer\n" + "".join(f"q{n}-{i},a{i}\n" for i in range(rows)), encoding="utf-8")
    return path


def _import_loop(data_dir: Path, files: Path, slot: Slot, out: Outcomes, stop: threading.Event) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        process = slot.start(subprocess.Popen(
            CLI + ["--data-dir", str(data_dir), "import", str(_deck_file(files, n % 20)), "--deck", f"Soak::{n % 20}"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True), True)
        _, stderr = process.communicate()
        with out.lock:
            out.imports += process.returncode == 0
        out.ended(process, stderr, slot.killed)


def run_soak(seconds: float, studies: int = 3, kill_every: float = 4.0, seed: int = 1,
             data_dir: Path | None = None, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """`studies` study processes and an import loop on one data folder for `seconds`, a SIGKILL to one of them
    every `kill_every` seconds on average (none when 0)."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        directory = data_dir or Path(tmp) / "data"
        profiles = [f"Soak {k + 1}" for k in range(studies)]
        for name in profiles:  # set up before the clock starts: the folder, its decks and the profiles
            subprocess.run(CLI + ["--data-dir", str(directory), "profiles", "add", name],
                           capture_output=True, check=True)
        out, stop = Outcomes(), threading.Event()
        slots = [Slot() for _ in range(studies + 1)]
        threads = [threading.Thread(target=_study_loop, args=(directory, name, slot, out, stop,
                                                              random.Random(rng.random())))
                   for name, slot in zip(profiles, slots)]
        threads.append(threading.Thread(target=_import_loop, args=(directory, Path(tmp), slots[-1], out, stop)))
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(min(rng.expovariate(1 / kill_every) if kill_every else 1.0,
                           max(0.0, deadline - time.monotonic())))
            ready = [slot for slot in slots if slot.ready and slot.process and slot.process.poll() is None]
            victim = rng.choice(ready) if ready else None
            if kill_every and victim and time.monotonic() < deadline and victim.kill():
                with out.lock:
                    out.kills += 1
                    out.import_kills += victim is slots[-1]
            if progress:
                progress(f"\r{len(out.acknowledged)} answers acknowledged, {out.kills} kills, "
                         f"{out.imports} imports")
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
        missing, integrity = check(directory, out.acknowledged)
    return {"seconds": seconds, "studies": studies, "kills": out.kills, "import_kills": out.import_kills,
            "answers_typed": out.typed,
            "answers_acknowledged": len(out.acknowledged), "acknowledged_lost": missing,
            "typed_dropped": out.dropped, "imports_done": out.imports, "failures_as_sentences": len(out.sentences),
            "failures_as_tracebacks": len(out.tracebacks), "integrity": integrity, "seed": seed,
            "sentences": sorted(set(out.sentences))[:10], "tracebacks": sorted(set(out.tracebacks))[:10]}


def _cmd_soak(args: argparse.Namespace) -> int:
    result = run_soak(args.minutes * 60, args.studies, args.kill_every, args.seed,
                      progress=lambda line: print(line, end="", file=sys.stderr, flush=True))
    print(file=sys.stderr)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"{args.minutes:g} min, {result['studies']} study "
              f"processes and an import loop, {result['kills']} SIGKILLs ({result['import_kills']} of imports): "
              f"{result['answers_acknowledged']} answers "
              f"acknowledged, {result['acknowledged_lost']} lost; {result['answers_typed']} typed, "
              f"{result['typed_dropped']} dropped; {result['imports_done']} imports; failures: "
              f"{result['failures_as_sentences']} sentences, {result['failures_as_tracebacks']} tracebacks; "
              f"integrity {result['integrity']}")
    bad = result["acknowledged_lost"] or result["typed_dropped"] or result["failures_as_tracebacks"]
    return 1 if bad or result["integrity"] != "ok" else 0
