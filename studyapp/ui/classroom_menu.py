"""The Classroom menu's actions: the student's answers written for the teacher, the class model installed or taken
back (in the thread pool, then the learner reloads), and the teacher's dashboard in a window of its own."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from studyapp.ui import classroom
from studyapp.ui.classroom import BUNDLE_SUFFIX, BundleExportDialog
from studyapp.ui.classroom_dashboard import ClassDashboard
from studyapp.ui.tasks import Task, start_task
from studyapp.ui.worker import as_sentence

if TYPE_CHECKING:
    from studyapp.ui.mainwindow import MainWindow


class ClassroomMenu(QObject):
    finished = Signal()    # an action has reported (success or not)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bundle_dialog: BundleExportDialog | None = None
        self.box: QMessageBox | None = None
        self.dashboard: ClassDashboard | None = None
        self.task: Task | None = None

    def ask_bundle_export(self) -> None:
        if self.window.profile is None:
            self.window.statusBar().showMessage(self.tr("Open your profile first."), 8000)
            return
        dialog = BundleExportDialog(self.window)
        dialog.accepted.connect(lambda: self._choose_bundle_file(dialog.with_name.isChecked()))
        self.bundle_dialog = dialog
        dialog.open()

    def _choose_bundle_file(self, with_name: bool) -> None:
        suggested = self.window.profile["name"].replace(" ", "-").lower() + BUNDLE_SUFFIX
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export my answers for the teacher"), suggested,
                                              self.tr("Class bundles (*%1)").replace("%1", BUNDLE_SUFFIX))
        if path:
            self.export_for_teacher(path, with_name)

    def export_for_teacher(self, path: str, with_name: bool) -> None:
        self.window.backend.request(classroom.export_bundle, self.window.profile["id"], path, with_name,
                                    done=self._bundle_written, failed=self._failed)

    def _bundle_written(self, manifest: dict) -> None:
        self._tell(self.tr("Wrote %n answer(s) to %1. Give this file to your teacher.", "", manifest["answers"])
                   .replace("%1", manifest["out"]))

    def show_dashboard(self) -> None:
        """The teacher's view of the class's bundles, in a window of its own (it needs no profile)."""
        if self.dashboard is None:
            self.dashboard = ClassDashboard(self.window)
            self.dashboard.setWindowFlag(Qt.Window)
        self.dashboard.show()
        self.dashboard.activateWindow()

    def _busy_studying(self) -> bool:
        if self.window.studying():
            self.window.statusBar().showMessage(self.tr("Finish studying first (Esc)."), 8000)
            return True
        return False

    def install_class_model(self, path: str | None = None) -> None:
        data_dir = self.window.backend.data_dir
        if data_dir is None or self._busy_studying():
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Install the class model"), "",
                                                  self.tr("Class models (*.safetensors)"))
            if not path:
                return
        self.window.statusBar().showMessage(self.tr("Installing the class model and adapting every profile to it…"))
        self.task = start_task(classroom.install_model_work(data_dir, Path(path)), done=self._model_installed,
                               failed=self._failed)

    def _model_installed(self, result: tuple[int, int, str, bool]) -> None:
        items, profiles, key, first = result
        signed = (self.tr("It is signed by the key %1: check with your teacher that it is theirs. From now on this "
                          "laptop installs only class models signed by it.") if first
                  else self.tr("It is signed by your teacher's key %1.")).replace("%1", key)
        self._tell(self.tr("The class model is installed (it knows %n item(s)); %1.", "", items)
                   .replace("%1", self.tr("%n profile(s) adapted to it", "", profiles)) + " " + signed)
        self.window.learner_loading.reload()

    def rollback_class_model(self) -> None:
        data_dir = self.window.backend.data_dir
        if data_dir is None or self._busy_studying():
            return
        self.task = start_task(classroom.rollback_work(data_dir), done=self._rolled_back, failed=self._failed)

    def _rolled_back(self, result: tuple[bool, int]) -> None:
        shipped, profiles = result
        self._tell(self.tr("Back to the model StudyApp came with; %n profile(s) adapted to it.", "", profiles)
                   if shipped else self.tr("Back to the previous class model; %n profile(s) adapted to it.", "",
                                           profiles))
        self.window.learner_loading.reload()

    def _failed(self, message: str) -> None:
        self._tell(as_sentence(message), error=True)

    def _tell(self, text: str, error: bool = False) -> None:
        self.window.statusBar().clearMessage()
        box = QMessageBox(QMessageBox.Warning if error else QMessageBox.Information, self.tr("Classroom"), text,
                          QMessageBox.Ok, self.window)
        self.box = box
        box.open()
        self.finished.emit()
