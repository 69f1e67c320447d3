"""Starting the GUI: the application object, the main window, and the --smoke-test run used by packaging checks."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from studyapp import __version__
from studyapp.resources import resources_dir
from studyapp.ui import ops
from studyapp.ui.collector import MainThreadCollector
from studyapp.ui.i18n import Translations
from studyapp.ui.mainwindow import MainWindow
from studyapp.ui.tasks import start_task
from studyapp.ui.theme import apply_theme

SMOKE_TIMEOUT_MS = 120_000


def icon_path():
    return resources_dir() / "icons" / "studyapp.svg"


# Worker threads (store, model, imports) share the GIL with the GUI thread; asking them to hand it over
# every millisecond instead of every five keeps the event loop from waiting on Python-level work.
GIL_SWITCH_INTERVAL_S = 0.001


def make_application() -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("StudyApp")
    app.setOrganizationName("StudyApp")
    app.setWindowIcon(QIcon(str(icon_path())))
    apply_theme(app, "light", ops.UiPrefs().font_size)
    if app.findChild(MainThreadCollector) is None:
        MainThreadCollector(app)
    return app


class SmokeRun(QObject):
    """Opens a profile, starts studying the first deck, waits for the model, adapts once, then quits 0."""

    def __init__(self, window: MainWindow, app: QApplication) -> None:
        super().__init__(window)
        self.window, self.app = window, app
        self.status: int | None = None
        self.card_shown = False
        self.announced = False
        self.deck_name = ""
        self.learner_known = False
        window.ready.connect(self._pick_profile)
        window.decks.loaded.connect(self._pick_deck)
        window.study.card_shown.connect(self._on_card)
        window.learner_loading.loaded.connect(self._on_learner)
        window.study.failed.connect(self._fail)
        window.backend.open_failed.connect(self._fail)
        window.backend.locked.connect(self._fail)
        window.backend.foreign_lock.connect(self._fail)
        window.backend.damaged.connect(lambda message, _backup: self._fail(message))
        QTimer.singleShot(SMOKE_TIMEOUT_MS, lambda: self._fail("the smoke test did not finish in time"))

    def _pick_profile(self) -> None:
        self.window.backend.request(ops.default_profile, done=self.window.open_profile, failed=self._fail)

    def _pick_deck(self, rows: list[dict]) -> None:
        if self.window.stack.currentWidget() is not self.window.decks:
            return
        deck = next((r for r in rows if r["items"] and r["parent_id"] is None), None)
        if deck is None:
            self._fail("there is no deck to study")
            return
        self.deck_name = deck["name"]
        self.window.start_study(deck["id"], deck["name"], "review")

    def _on_card(self, _card) -> None:
        if not self.announced:
            # Flushed at once: bench_vs_anki.py times launch-to-first-card by when this line arrives.
            print(f"studyapp: smoke test: first card shown (deck {self.deck_name})", flush=True)
            self.announced = True
        self.card_shown = True
        self._maybe_adapt()

    def _on_learner(self, learner) -> None:
        self.learner_known = True
        self._maybe_adapt()

    def _maybe_adapt(self) -> None:
        if not (self.card_shown and self.learner_known):
            return
        self.card_shown = False  # adapt once only
        learner = self.window.learner_loading.learner
        if learner is None:
            print(f"studyapp: smoke test: {self.window.learner_loading.label.toolTip()}", file=sys.stderr)
            self._succeed(None)
            return
        start_task(lambda report: _adapt_once(learner), done=self._succeed, failed=self._fail)

    def _succeed(self, _value) -> None:
        print("studyapp: smoke test passed")
        self._end(0)

    def _fail(self, message: str) -> None:
        print(f"studyapp: smoke test failed: {message}", file=sys.stderr)
        self._end(1)

    def _end(self, status: int) -> None:
        self.status = status
        self.window.close()
        self.app.exit(status)


def _adapt_once(learner) -> float:
    # Imported here, in the pool thread: the study layer pulls in sqlite-utils, kept off the GUI thread.
    from studyapp.study.launch import check_learner

    return check_learner(learner)


def run_gui(args) -> int:
    from studyapp import paths
    from studyapp.logsetup import log_uncaught, setup_logging

    try:
        folder = paths.data_dir(args.data_dir)
    except OSError:  # a data folder that cannot be made: the window says so once the store tries to open it
        folder = None
    setup_logging(folder)
    sys.excepthook = log_uncaught
    logging.getLogger(__name__).info("StudyApp %s starts on %s", __version__, folder)
    app = make_application()
    window = MainWindow(args.data_dir, Translations(app))
    smoke = SmokeRun(window, app) if args.smoke_test else None
    requested: list[int] = []

    def request_exit(status: int) -> None:
        requested.append(status)
        app.exit(status)

    window.data_folder.exit_requested.connect(request_exit)
    window.show()
    code = app.exec()
    window.shutdown()
    # Closing the last window posts a quit of its own (status 0), which can overtake the exit asked for just
    # before it; the status asked for is the one to return.
    if smoke is not None and smoke.status is not None:
        return smoke.status
    return requested[0] if requested else code
