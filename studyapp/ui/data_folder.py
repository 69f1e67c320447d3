"""Opening the data folder: what the window says when it cannot, and the questions when another StudyApp holds the
folder, left it open on another computer, or its database is damaged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from studyapp.ui.worker import as_sentence

if TYPE_CHECKING:
    from studyapp.ui.mainwindow import MainWindow


class DataFolder(QObject):
    exit_requested = Signal(int)     # the program should end with this status (run_gui connects it to exit)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.box: QMessageBox | None = None   # the lock or damaged-database question at start-up
        backend = window.backend
        backend.open_failed.connect(self.show_failure)
        backend.locked.connect(self._on_locked)
        backend.foreign_lock.connect(self._on_foreign_lock)
        backend.damaged.connect(self._on_damaged)

    def show_failure(self, message: str) -> None:
        self.window.loading.setText(self.tr("StudyApp cannot open its data: %1").replace("%1", message))

    def _on_locked(self, message: str) -> None:
        """Another StudyApp has this data folder open: say so once, then end with status 1."""
        self.window.loading.setText(message)
        box = QMessageBox(QMessageBox.Critical, self.tr("StudyApp"),
                          self.tr("StudyApp is already open on this data folder. Use that window, or close it "
                                  "first."), QMessageBox.Close, self.window)
        box.setInformativeText(as_sentence(message))
        box.finished.connect(lambda _code: self.exit_requested.emit(1))
        self.box = box
        box.open()

    def _on_foreign_lock(self, message: str) -> None:
        """The folder was left open by StudyApp on another computer (a USB stick pulled out after a crash, or a
        shared folder in use there): warn, and take it over only if the student says so."""
        self.window.loading.setText(as_sentence(message))
        box = QMessageBox(QMessageBox.Warning, self.tr("StudyApp"),
                          self.tr("This data folder is marked as open in StudyApp on another computer."),
                          QMessageBox.NoButton, self.window)
        box.setInformativeText(
            self.tr("If StudyApp still runs there, quit here: two programs writing one folder can lose answers. "
                    "If it does not (it crashed, or the stick was pulled out), take the folder over.")
            + "\n\n" + as_sentence(message))
        take = box.addButton(self.tr("&Take over"), QMessageBox.AcceptRole)
        box.setDefaultButton(box.addButton(self.tr("&Quit"), QMessageBox.RejectRole))
        box.buttonClicked.connect(
            lambda button: self.window.backend.take_over.emit() if button is take else self.exit_requested.emit(1))
        self.box = box
        box.open()

    def _on_damaged(self, message: str, backup: dict | None) -> None:
        """The database cannot be read: offer the newest backup, a fresh database, or quitting."""
        from studyapp.ui.backups import when

        self.show_failure(message)
        box = QMessageBox(QMessageBox.Warning, self.tr("StudyApp"),
                          self.tr("Your study data cannot be read; the file is damaged or is not a StudyApp "
                                  "database."), QMessageBox.NoButton, self.window)
        box.setInformativeText(as_sentence(message))
        choices = {}
        if backup is not None:
            restore = box.addButton(self.tr("Restore the backup of %1").replace("%1", when(backup["created_ms"])),
                                    QMessageBox.AcceptRole)
            choices[restore] = "restore"
        fresh = box.addButton(self.tr("Start with empty data (the damaged file is kept)"), QMessageBox.ActionRole)
        choices[fresh] = "fresh"
        box.addButton(self.tr("&Quit"), QMessageBox.RejectRole)
        box.buttonClicked.connect(lambda button: self._recover(choices.get(button)))
        self.box = box
        box.open()

    def _recover(self, how: str | None) -> None:
        if how is None:
            self.exit_requested.emit(1)
            return
        self.window.loading.setText(self.tr("Opening your study data…"))
        self.window.backend.recover.emit(how)
