"""How responsive the GUI is: time to a visible window and to the first card, and event-loop stalls
while a large deck imports and while the learner adapts after each answer.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/tools/bench_gui.py [--rows 20000] [--answers 30]

A fresh data folder each run, so the launch figures are a first start (the built-in decks installed);
with --data-dir D (kept), a second run on D times a relaunch (run both with --answers 0, so that new
cards are left for the second).

A stall is how much later than asked a 5 ms timer fires: what a student would feel as a frozen window.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before Qt and the program are imported: the launch as a student sees it

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402

TICK_MS = 5


class StallMonitor:
    """Records how late each tick of a 5 ms timer arrives."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.late: list[float] = []

    def start(self) -> None:
        self.late.clear()
        self.clock.start()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        elapsed = self.clock.nsecsElapsed() / 1e6
        self.clock.restart()
        self.late.append(max(0.0, elapsed - TICK_MS))

    def summary(self) -> str:
        if not self.late:
            return "no ticks"
        ordered = sorted(self.late)
        p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
        return (f"longest stall {ordered[-1]:.1f} ms, p99 {p99:.1f} ms, median {statistics.median(ordered):.1f} ms "
                f"over {len(ordered)} ticks")


def wait(app, condition, what: str, timeout: float = 120.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise SystemExit(f"bench_gui: timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.001)


def write_deck(path: Path, rows: int) -> None:
    lines = ["prompt,answer,tags"] + [f"question {n},answer {n},bench" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000, help="rows of the deck imported (default 20000)")
    parser.add_argument("--answers", type=int, default=30, help="answers given while the learner adapts")
    parser.add_argument("--data-dir", type=Path, help="use (and keep) this data folder instead of a fresh one")
    args = parser.parse_args(argv)

    from studyapp.ui import ops
    from studyapp.ui.app import make_application
    from studyapp.ui.i18n import Translations
    from studyapp.ui.mainwindow import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir or Path(tmp) / "data"
        app = make_application()
        window = MainWindow(data_dir, Translations(app))
        learner_ready = []
        window.learner_loading.loaded.connect(lambda _learner: learner_ready.append(time.perf_counter() - STARTED))
        window.show()
        wait(app, window.isVisible, "the window")
        visible = time.perf_counter() - STARTED
        monitor = StallMonitor()
        monitor.start()
        wait(app, lambda: window.profiles.list.count() > 0 or window.stack.currentWidget() is window.profiles,
             "the profile picker")
        window.backend.request(ops.default_profile, done=window.open_profile)
        wait(app, lambda: window.decks.rows, "the deck tree")
        deck = next(r for r in window.decks.rows if r["name"] == "Geography::World capitals")
        window.start_study(deck["id"], deck["name"], "review")
        wait(app, lambda: window.study.state == "question", "the first card")
        first_card = time.perf_counter() - STARTED
        monitor.stop()
        print(f"window visible after {visible * 1000:.0f} ms; first card after {first_card * 1000:.0f} ms")
        print(f"start-up: {monitor.summary()}")

        page = window.study
        page.end_session()
        wait(app, lambda: window.stack.currentWidget() is window.summary, "the summary")
        wait(app, lambda: window.learner_loading.state != "loading", "the learner")
        print(f"learner model ready (loaded and warmed up) after {learner_ready[0] * 1000:.0f} ms")
        if window.learner_loading.learner is None:
            print(f"adaptation: skipped ({window.learner_loading.label.toolTip()})")
        else:
            # A new session, so that it runs with the learner: each answer is followed by adaptation.
            window.start_study(deck["id"], deck["name"], "review")
            wait(app, lambda: page.state == "question", "the first card with the learner")
            answered = 0
            monitor.start()
            while answered < args.answers and page.state != "idle":
                wait(app, lambda: page.state in ("question", "feedback", "idle"), "a card")
                if page.state == "question":
                    page.reveal()
                    page.grade(3)
                    answered += 1
                elif page.state == "feedback":
                    page.continue_after_feedback()
            wait(app, lambda: page.state in ("question", "feedback", "idle"), "the last answer")
            monitor.stop()
            print(f"adaptation ({answered} answers, the learner adapting after each): {monitor.summary()}")
            page.end_session()
            wait(app, lambda: window.stack.currentWidget() is window.summary, "the summary")
        window.show_decks()

        deck_file = Path(tmp) / "bench.csv"
        write_deck(deck_file, args.rows)
        done = []
        window.import_export.import_finished.connect(lambda: done.append(True))
        timer = QElapsedTimer()
        timer.start()
        monitor.start()
        window.import_export.import_files([deck_file], map_columns=False)
        wait(app, lambda: done, "the import")
        monitor.stop()
        print(f"import of {args.rows} rows took {timer.elapsed()} ms: {monitor.summary()}")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
