"""Time from starting the program to its first window on screen, StudyApp beside Anki, on one X server.

    python packaging/tools/bench_vs_anki.py --anki /path/to/venv/bin/anki [--rounds 3]

Needs Xvfb and xwininfo (Debian: xvfb, x11-utils) and Anki in another virtual environment
(`python3 -m venv /tmp/anki && /tmp/anki/bin/pip install "aqt[qt6]"`). Each round starts each program
on a new data folder (a first start), in turns, and records when a window of its own becomes viewable
(polled with xwininfo every 20 ms); then ends it. Prints each time, the medians and their ratio.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POLL_S = 0.02
TIMEOUT_S = 180


def start_xvfb() -> tuple[subprocess.Popen, str]:
    number = 300 + os.getpid() % 500
    while Path(f"/tmp/.X11-unix/X{number}").exists():
        number += 1
    server = subprocess.Popen(["Xvfb", f":{number}", "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            return server, f":{number}"
        time.sleep(0.05)
    server.kill()
    raise SystemExit("bench_vs_anki: Xvfb did not start")


def viewable_window(display: str, title: re.Pattern) -> bool:
    tree = subprocess.run(["xwininfo", "-display", display, "-root", "-tree"], capture_output=True, text=True).stdout
    for line in tree.splitlines():
        match = re.match(r'\s*(0x[0-9a-f]+) "([^"]*)"', line)
        if match and title.search(match.group(2)):
            info = subprocess.run(["xwininfo", "-display", display, "-id", match.group(1)], capture_output=True,
                                  text=True).stdout
            if "IsViewable" in info:
                return True
    return False


def time_to_window(command: list[str], display: str, title: re.Pattern, env: dict) -> float:
    began = time.perf_counter()
    program = subprocess.Popen(command, env={**env, "DISPLAY": display}, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        while time.perf_counter() - began < TIMEOUT_S:
            if viewable_window(display, title):
                return time.perf_counter() - began
            if program.poll() is not None:
                raise SystemExit(f"bench_vs_anki: {command[0]} ended before showing a window "
                                 f"(status {program.returncode}): {program.stderr.read()[-2000:]}")
            time.sleep(POLL_S)
        raise SystemExit(f"bench_vs_anki: no window from {command[0]} within {TIMEOUT_S} s")
    finally:
        stop(program)


def stop(program: subprocess.Popen) -> None:
    if program.poll() is None:
        os.killpg(program.pid, signal.SIGTERM)
        try:
            program.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(program.pid, signal.SIGKILL)
            program.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anki", required=True, help="the `anki` program of a virtual environment with aqt installed")
    parser.add_argument("--studyapp", default=str(ROOT / ".venv" / "bin" / "studyapp"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    for tool in ("Xvfb", "xwininfo"):
        if shutil.which(tool) is None:
            raise SystemExit(f"bench_vs_anki: {tool} is missing")
    server, display = start_xvfb()
    work = Path(tempfile.mkdtemp(prefix="bench-vs-anki-"))
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "STUDYAPP_DATA_DIR")}
    env.update(HOME=str(work / "home"), XDG_DATA_HOME=str(work / "home" / "data"),
               XDG_CONFIG_HOME=str(work / "home" / "config"), QT_QPA_PLATFORM="xcb")
    times: dict[str, list[float]] = {"studyapp": [], "anki": []}
    try:
        for n in range(args.rounds):
            times["studyapp"].append(time_to_window([args.studyapp, "--data-dir", str(work / f"s{n}")], display,
                                                    re.compile(r"StudyApp"), env))
            times["anki"].append(time_to_window([args.anki, "-b", str(work / f"a{n}")], display,
                                                re.compile(r"Anki"), env))
            print(f"round {n + 1}: StudyApp {times['studyapp'][-1]:.2f} s, Anki {times['anki'][-1]:.2f} s",
                  flush=True)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)
    ours, anki = statistics.median(times["studyapp"]), statistics.median(times["anki"])
    print(f"first window on a new data folder, median of {args.rounds}: StudyApp {ours:.2f} s, Anki {anki:.2f} s; "
          f"StudyApp / Anki = {ours / anki:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
