"""The learner model, loaded in the thread pool once the data folder is open and again after the class model
changed; until it is ready, or when it cannot load, the classical schedule is used. A label in the status bar says
which, and the pages that use the learner get it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from studyapp.ui import classroom
from studyapp.ui.collector import startup_done
from studyapp.ui.tasks import Task, start_task

if TYPE_CHECKING:
    from studyapp.ui.mainwindow import MainWindow


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

    def start(self, data_dir: Path) -> None:
        """The first load, once the data folder is open: importing torch alongside the opening would slow both."""
        if self.state == "loading" and self.task is None:
            self._load(data_dir)

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
        window.stats.set_learner(learner, "model")
        self.show_state()
        startup_done()
        self.loaded.emit(learner)

    def _failed(self, message: str) -> None:
        window = self.window
        self.learner, self.state = None, "classic"
        window.backend.set_learner.emit(None)
        window.decks.learner = None
        window.stats.set_learner(None, "classic")
        self.label.setToolTip(message)
        self.show_state()
        startup_done()
        self.loaded.emit(None)

    def show_state(self) -> None:
        texts = {"loading": self.tr("Loading the learner model…"), "model": self.tr("Learner model ready"),
                 "classic": self.tr("Using the classical schedule")}
        self.label.setText(texts[self.state])
        self.window.decks.set_test_available(self.state == "model")
