"""The Help menu's actions: the diagnostics log's folder in the desktop's file manager, and the About box."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from studyapp import __version__
from studyapp.logsetup import log_dir

if TYPE_CHECKING:
    from studyapp.ui.mainwindow import MainWindow


class HelpMenu(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def open_log_folder(self) -> None:
        """The folder of the diagnostics log (studyapp.logsetup), in the desktop's file manager."""
        data_dir = self.window.backend.data_dir
        if data_dir is None:
            return
        folder = log_dir(data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def about(self) -> None:
        QMessageBox.about(self.window, self.tr("About StudyApp"),
                          self.tr("StudyApp %1: offline flashcards, quizzes and adaptive tests.")
                          .replace("%1", __version__))
