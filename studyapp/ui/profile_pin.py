"""The File menu's PIN actions: setting or removing the open profile's PIN, in the store thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from studyapp.ui import ops
from studyapp.ui.profiles import PinDialog

if TYPE_CHECKING:
    from studyapp.ui.mainwindow import MainWindow


class ProfilePin(QObject):
    changed = Signal()   # the open profile's PIN was set or removed

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: PinDialog | None = None

    def ask(self) -> None:
        profile = self.window.profile
        if profile is None:
            return
        dialog = PinDialog(profile["name"], self.window)
        dialog.accepted.connect(lambda: self.set_pin(dialog.pin()))
        self.dialog = dialog
        dialog.open()

    def set_pin(self, pin: str | None) -> None:
        window = self.window
        if window.profile is None:
            return
        window.backend.request(ops.set_profile_pin, window.profile["id"], pin, done=self._changed,
                               failed=window.statusBar().showMessage)

    def _changed(self, profile: dict) -> None:
        self.window.set_profile(profile)
        self.window.statusBar().showMessage(self.tr("The profile now has a PIN.") if profile["has_pin"]
                                            else self.tr("The profile's PIN was removed."), 8000)
        self.changed.emit()
