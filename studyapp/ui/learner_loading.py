"""The learner model, loaded in the thread pool once the first card is shown or the student pauses on the
profile list, and again after the class model changed; until it is ready, or when it cannot load, the classical
schedule is used. A label in the status bar says which, and the pages that use the learner get it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from studyapp.ui import classroom
from studyapp.ui.collector import startup_done
from studyapp.ui.tasks import Task, start_task

if TYPE_CHECKING:
    from studyapp.ui.mainwindow import MainWindow

# How long the profile list waits for the student before the model starts loading anyway (see start).
PAUSE_MS = 800


class LearnerLoading(QObject):
    loaded = Signal(object)  # the Learner, or None when the classical schedule is used

    def __init__(self, window: MainWindow, load_model: bool) -> None:
        super().__init__(window)
        self.window = window
        self.learner = None
        self.state = "loading" if load_model else "classic"   # loading, model or classic
        self.task: Task | None = None
        self.label = QLabel()
        self.label.setObjectName("quiet")

    def start_after_pause(self) -> None:
        """Called when the profile list is on screen."""
        QTimer.singleShot(PAUSE_MS, self.start)

    def start(self) -> None:
        """The first load. Importing torch holds the GIL for seconds, which would slow every screen on the way to
        the first card if it ran alongside them; so it starts once a card is on screen or once the student has
        paused on the profile list, whichever comes first. Cards shown before the model is ready use the
        classical schedule, and the learner takes over from the next item."""
        if self.state == "loading" and self.task is None:
            self._load(self.window.backend.data_dir)

    def reload(self) -> None:
        """After the class model was installed or rolled back."""
        self.state = "loading"
        self.show_state()
        self._load(self.window.backend.data_dir)

    def _load(self, data_dir: Path) -> None:
        self.task = start_task(classroom.learner_loader(data_dir), done=self._done, failed=self._failed)

    def _done(self, loaded) -> None:
        learner, notice = loaded
        window = self.window
        if notice:
            self.label.setToolTip(notice)
            window.statusBar().showMessage(notice, 15000)
        self.learner, self.state = learner, "model"
        window.backend.set_learner.emit(learner)
        window.decks.set_learner(learner)
        self.show_state()
        startup_done()
        self.loaded.emit(learner)

    def _failed(self, message: str) -> None:
        window = self.window
        self.learner, self.state = None, "classic"
        window.backend.set_learner.emit(None)
        window.decks.learner = None
        self.label.setToolTip(message)
        self.show_state()
        startup_done()
        self.loaded.emit(None)

    def show_state(self) -> None:
        texts = {"loading": self.tr("Loading the learner model…"), "model": self.tr("Learner model ready"),
                 "classic": self.tr("Using the classical schedule")}
        self.label.setText(texts[self.state])
        self.window.decks.set_test_available(self.state == "model")
