"""Time from starting the program to its first window and to its first card, StudyApp beside Anki, on one X server.

    python packaging/tools/bench_vs_anki.py --anki /path/to/venv/bin/anki [--rounds 3]

Needs Xvfb and xwininfo (Debian: xvfb, x11-utils) and Anki in another virtual environment
(`python3 -m venv /tmp/anki && /tmp/anki/bin/pip install "aqt[qt6]"`).

Both programs study the same deck: StudyApp's first built-in deck with cards (the one its --smoke-test opens),
exported as .apkg and imported into a new Anki collection before Anki is started. Neither waits for a person:
StudyApp runs with --smoke-test (default profile, that deck, as soon as each can be opened), and Anki with a
small add-on written into its folder that opens the deck's review as soon as the profile is open. Each prints
a line when the first card is shown; the time is when that line arrives. A window counts when it is viewable
(polled with xwininfo every 20 ms).

Each round starts each program on a new data folder ("fresh": for StudyApp a true first start that installs
the built-in decks; for Anki a folder made beforehand, with its language chosen, a profile and the deck
imported, so Anki's fresh figure leaves out its first-run dialog and the import a person would do), then
again on the same folder ("relaunch"), in turns. Prints each time, the medians and their ratios.
Both run with their Python bytecode cached, as installed programs do (PYTHONDONTWRITEBYTECODE is dropped).
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
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POLL_S = 0.02
TIMEOUT_S = 180
CARD_LINE = "first card shown"

# Run by Anki's own Python: a profile with the language chosen and the deck imported, as a person would have.
ANKI_PREPARE = """
import sys
from pathlib import Path
from aqt.profiles import ProfileManager
from anki.collection import Collection, ImportAnkiPackageRequest
base, package = Path(sys.argv[1]), sys.argv[2]
base.mkdir(parents=True)
manager = ProfileManager(base)
manager.setupMeta()
manager.meta["defaultLang"] = "en_US"
manager.create("User 1")
manager.load("User 1")
manager.save()
(base / "User 1").mkdir(exist_ok=True)
collection = Collection(str(base / "User 1" / "collection.anki2"))
collection.import_anki_package(ImportAnkiPackageRequest(package_path=package))
collection.close()
"""

# An Anki add-on: open the deck's review the moment the profile is open, and say when a card is shown.
ANKI_ADDON = """
import os
from aqt import gui_hooks, mw


def study():
    mw.col.decks.select(mw.col.decks.id_for_name(os.environ["BENCH_DECK"]))
    mw.moveToState("review")


def shown(_card):
    print("bench: first card shown", flush=True)


gui_hooks.profile_did_open.append(lambda: mw.progress.single_shot(0, study))
gui_hooks.reviewer_did_show_question.append(shown)
"""


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


def time_to_card(command: list[str], display: str, title: re.Pattern, env: dict) -> tuple[float, float]:
    """Seconds from starting `command` to its first viewable window and to its first-card line."""
    began = time.perf_counter()
    program = subprocess.Popen(command, env={**env, "DISPLAY": display}, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    card: list[float] = []

    def read_lines() -> None:
        for line in program.stdout:
            if CARD_LINE in line and not card:
                card.append(time.perf_counter() - began)

    reader = threading.Thread(target=read_lines, daemon=True)
    reader.start()
    window = None
    try:
        while time.perf_counter() - began < TIMEOUT_S:
            if window is None and viewable_window(display, title):
                window = time.perf_counter() - began
            if window is not None and card:
                return window, card[0]
            if program.poll() is not None and not card:
                raise SystemExit(f"bench_vs_anki: {command[0]} ended (status {program.returncode}) before a card")
            time.sleep(POLL_S)
        raise SystemExit(f"bench_vs_anki: no window and card from {command[0]} within {TIMEOUT_S} s")
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


def prepare(args, work: Path, env: dict) -> tuple[str, Path]:
    """The deck both programs study (its name), and that deck as an .apkg for Anki."""
    folder = work / "prepare"
    smoke = subprocess.run([args.studyapp, "--data-dir", str(folder), "--smoke-test"], capture_output=True,
                           text=True, env={**env, "QT_QPA_PLATFORM": "offscreen"}, timeout=TIMEOUT_S)
    match = re.search(r"first card shown \(deck (.+)\)", smoke.stdout)
    if match is None:
        raise SystemExit(f"bench_vs_anki: StudyApp's smoke test showed no card: {smoke.stdout}{smoke.stderr[-2000:]}")
    deck, package = match.group(1), work / "deck.apkg"
    subprocess.run([args.studyapp, "--data-dir", str(folder), "export-deck", deck, str(package)], check=True,
                   capture_output=True, env=env)
    return deck, package


def anki_folder(args, base: Path, package: Path) -> Path:
    python = Path(args.anki).with_name("python")
    made = subprocess.run([str(python), "-c", ANKI_PREPARE, str(base), str(package)], capture_output=True, text=True)
    if made.returncode != 0:
        raise SystemExit(f"bench_vs_anki: could not make Anki's folder: {made.stderr[-2000:]}")
    addon = base / "addons21" / "first_card_bench"
    addon.mkdir(parents=True)
    (addon / "__init__.py").write_text(ANKI_ADDON, encoding="utf-8")
    return base


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
    # Both programs run with their bytecode cached, as installed programs do (pip compiles it when installing, a
    # frozen build ships it): with PYTHONDONTWRITEBYTECODE set, StudyApp run from a checkout compiled its modules
    # on every start (about 0.2 s), while Anki's were compiled when it was installed. The preparing run writes it.
    dropped = ("QT_QPA_PLATFORM", "STUDYAPP_DATA_DIR", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    # Anki's web views refuse to start as root unless their sandbox is off (this machine runs everything as root).
    env.update(HOME=str(work / "home"), XDG_DATA_HOME=str(work / "home" / "data"),
               XDG_CONFIG_HOME=str(work / "home" / "config"), QT_QPA_PLATFORM="xcb", QTWEBENGINE_DISABLE_SANDBOX="1")
    times: dict[tuple[str, str, str], list[float]] = {}
    try:
        deck, package = prepare(args, work, env)
        env["BENCH_DECK"] = deck
        print(f"deck: {deck}", flush=True)
        for n in range(args.rounds):
            anki_base = anki_folder(args, work / f"a{n}", package)
            commands = {"studyapp": ([args.studyapp, "--data-dir", str(work / f"s{n}"), "--smoke-test"],
                                     re.compile(r"StudyApp")),
                        "anki": ([args.anki, "-b", str(anki_base), "-p", "User 1"], re.compile(r"Anki"))}
            for start in ("fresh", "relaunch"):
                for program, (command, title) in commands.items():
                    window, card = time_to_card(command, display, title, env)
                    times.setdefault((program, start, "window"), []).append(window)
                    times.setdefault((program, start, "card"), []).append(card)
                    print(f"round {n + 1} {start}: {program} window {window:.2f} s, first card {card:.2f} s",
                          flush=True)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)
    for start in ("fresh", "relaunch"):
        for what in ("window", "card"):
            ours = statistics.median(times[("studyapp", start, what)])
            anki = statistics.median(times[("anki", start, what)])
            label = "first window" if what == "window" else "first card"
            print(f"{start}, {label}, median of {args.rounds}: StudyApp {ours:.2f} s, Anki {anki:.2f} s; "
                  f"StudyApp / Anki = {ours / anki:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
