"""The settings: the interface preferences (theme, font size, language) applied to the program, and the Settings
dialog, which saves them and the profile's study settings in the store thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from studyapp.ui import ops
from studyapp.ui.settings_dialog import SettingsDialog
from studyapp.ui.theme import apply_theme

if TYPE_CHECKING:
    from studyapp.ui.mainwindow import MainWindow


class Preferences(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.prefs = ops.UiPrefs()
        self.dialog: SettingsDialog | None = None

    def apply(self, prefs: ops.UiPrefs) -> None:
        self.prefs = prefs
        apply_theme(QApplication.instance(), prefs.theme, prefs.font_size)
        translations = self.window.translations
        if translations.language != prefs.language and not translations.apply(prefs.language):
            self.window.statusBar().showMessage(self.tr("The translation files are missing; showing English."), 8000)

    def open_dialog(self) -> None:
        window = self.window
        if window.profile is None:
            self._show_dialog(None)
            return
        window.backend.request(ops.study_settings, window.profile["id"], done=self._show_dialog,
                               failed=window.statusBar().showMessage)

    def _show_dialog(self, study) -> SettingsDialog:
        from studyapp.study.settings import StudySettings

        dialog = SettingsDialog(study or StudySettings(), self.prefs, self.window)
        dialog.study_box.setEnabled(study is not None)
        dialog.accepted.connect(lambda: self._save(dialog, study is not None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save(self, dialog: SettingsDialog, has_profile: bool) -> None:
        window = self.window
        prefs = dialog.ui_prefs()
        self.apply(prefs)
        window.backend.request(ops.save_ui_prefs, prefs, failed=window.statusBar().showMessage)
        if has_profile:
            window.backend.request(ops.save_study_settings, window.profile["id"], dialog.study_settings(),
                                   done=lambda _: window.decks.refresh(), failed=window.statusBar().showMessage)
