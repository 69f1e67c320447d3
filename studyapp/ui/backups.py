"""The File menu's Backups: the dialog of this data folder's backups, a backup made now, or one restored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from studyapp.ui import ops

if TYPE_CHECKING:
    from studyapp.ui.mainwindow import MainWindow


def when(created_ms: int) -> str:
    """A backup's time in the student's own time zone and language."""
    return QDateTime.fromMSecsSinceEpoch(created_ms).toString("yyyy-MM-dd HH:mm:ss")


class BackupsDialog(QDialog):
    restored = Signal(str)     # the backup's name, once the database has been replaced by it
    changed = Signal()         # the list was (re)loaded

    def __init__(self, backend, parent=None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.confirm: QMessageBox | None = None
        self.pin_prompt: QInputDialog | None = None
        self.hint = QLabel()
        self.hint.setObjectName("quiet")
        self.hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.itemActivated.connect(lambda _item: self.ask_restore())
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self.ask_restore)
        self.backup_button = QPushButton()
        self.backup_button.clicked.connect(self.back_up_now)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.buttons.addButton(self.backup_button, QDialogButtonBox.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.notice)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumSize(480, 360)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Backups"))
        self.hint.setText(self.tr("StudyApp backs up your data when it closes, at most once a day. "
                                  "Restoring replaces everything with the backup; the current data is kept "
                                  "in the backups folder until you delete it."))
        self.restore_button.setText(self.tr("&Restore"))
        self.backup_button.setText(self.tr("&Back up now"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        self.backend.request(ops.list_backups, done=self._show, failed=self.error.setText)

    def _show(self, backups: list[dict]) -> None:
        self.list.clear()
        for backup in backups:
            entry = QListWidgetItem(when(backup["created_ms"]))
            entry.setData(Qt.UserRole, backup["name"])
            entry.setToolTip(backup["name"])
            self.list.addItem(entry)
        if not backups:
            self.notice.setText(self.tr("No backups yet."))
        self.list.setCurrentRow(0)
        self.restore_button.setEnabled(bool(backups))
        self.changed.emit()

    def back_up_now(self) -> None:
        self.error.clear()
        self.backend.request(ops.backup_now, done=self._backed_up, failed=self.error.setText)

    def _backed_up(self, _name: str) -> None:
        self.notice.setText(self.tr("Backup made."))
        self.refresh()

    def ask_restore(self) -> None:
        entry = self.list.currentItem()
        if entry is None:
            return
        self.confirm = QMessageBox(QMessageBox.Warning, self.tr("Restore backup"),
                                   self.tr("Replace all your data with the backup of %1?").replace("%1", entry.text()),
                                   QMessageBox.Yes | QMessageBox.Cancel, self)
        self.confirm.setDefaultButton(QMessageBox.Cancel)
        name = entry.data(Qt.UserRole)
        self.confirm.buttonClicked.connect(
            lambda button: self.ask_pins(name) if self.confirm.standardButton(button) == QMessageBox.Yes else None)
        self.confirm.open()

    def ask_pins(self, name: str) -> None:
        """A restore replaces the data of every profile: those with a PIN must agree, one PIN each."""
        self.error.clear()
        self.backend.request(ops.pins_for_restore, name, done=lambda names: self._ask_pin(name, names, {}),
                             failed=self.error.setText)

    def _ask_pin(self, name: str, names: list[str], pins: dict[str, str]) -> None:
        if not names:
            self.restore(name, pins)
            return
        profile, rest = names[0], names[1:]
        self.pin_prompt = prompt = QInputDialog(self)
        prompt.setWindowTitle(self.tr("Restore backup"))
        prompt.setLabelText(self.tr("The restore replaces the data of %1, which has a PIN. Type it:")
                            .replace("%1", profile))
        prompt.setTextEchoMode(QLineEdit.Password)
        prompt.textValueSelected.connect(lambda pin: self._ask_pin(name, rest, pins | {profile: pin}))
        prompt.open()

    def restore(self, name: str, pins: dict[str, str] | None = None) -> None:
        self.error.clear()
        self.backend.request(ops.restore, name, pins or {}, done=self._restored, failed=self.error.setText)

    def _restored(self, result: dict) -> None:
        self.notice.setText(self.tr("Restored the backup; your previous data is kept as %1 in the backups "
                                    "folder until you delete it.").replace("%1", result["kept"] or "-"))
        self.restored.emit(result["name"])
        self.refresh()


class Backups(QObject):
    """Opens the Backups dialog, but not while a session is open: a restore would replace its data."""

    restored = Signal()    # the data was replaced by a backup

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: BackupsDialog | None = None

    def open_dialog(self) -> None:
        window = self.window
        if window.backend.data_dir is None:
            return
        if window.studying():
            window.statusBar().showMessage(self.tr("Finish studying first (Esc), then open the backups."), 8000)
            return
        dialog = BackupsDialog(window.backend, window)
        dialog.restored.connect(lambda _name: self.restored.emit())
        self.dialog = dialog
        dialog.refresh()
        dialog.open()
