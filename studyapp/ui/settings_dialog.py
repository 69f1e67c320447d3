"""Settings: the profile's study settings, and how the program looks (theme, font size, language)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from studyapp.study.settings import StudySettings
from studyapp.ui.i18n import LANGUAGES
from studyapp.ui.ops import UiPrefs


class SettingsDialog(QDialog):
    def __init__(self, study: StudySettings, prefs: UiPrefs, parent=None) -> None:
        super().__init__(parent)
        self._study = study
        low, high = StudySettings.RANGES["target_retention"]
        self.retention = QDoubleSpinBox()
        self.retention.setRange(low * 100, high * 100)
        self.retention.setDecimals(0)
        self.retention.setSuffix(" %")
        self.retention.setValue(round(study.target_retention * 100))
        self.new_per_day = QSpinBox()
        self.new_per_day.setRange(*StudySettings.RANGES["new_per_day"])
        self.new_per_day.setValue(study.new_per_day)
        self.test_length = QSpinBox()
        self.test_length.setRange(*StudySettings.RANGES["test_length"])
        self.test_length.setValue(study.test_length)
        self.backups_keep = QSpinBox()
        self.backups_keep.setRange(*StudySettings.RANGES["backups_keep"])
        self.backups_keep.setValue(study.backups_keep)
        self.theme = QComboBox()
        self.theme.addItems(["", ""])
        self.theme.setCurrentIndex(1 if prefs.theme == "dark" else 0)
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 28)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(prefs.font_size)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(list(LANGUAGES).index(prefs.language))

        self.study_box = QGroupBox()
        self.look_box = QGroupBox()
        fields = (self.retention, self.new_per_day, self.test_length, self.backups_keep, self.theme, self.font_size,
                  self.language)
        self.labels = [QLabel() for _ in fields]
        study_form, look_form = QFormLayout(self.study_box), QFormLayout(self.look_box)
        for n, (label, widget) in enumerate(zip(self.labels, fields)):
            label.setBuddy(widget)
            (study_form if n < 4 else look_form).addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.study_box)
        layout.addWidget(self.look_box)
        layout.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.study_box.setTitle(self.tr("Studying (this profile)"))
        self.look_box.setTitle(self.tr("Appearance (this computer)"))
        texts = [self.tr("Target &retention"), self.tr("&New items per day"), self.tr("Test &length (items)"),
                 self.tr("&Backups kept"), self.tr("&Theme"), self.tr("&Font size"), self.tr("Lan&guage")]
        for label, text in zip(self.labels, texts):
            label.setText(text)
        self.theme.setItemText(0, self.tr("Light"))
        self.theme.setItemText(1, self.tr("Dark"))
        self.backups_keep.setToolTip(self.tr("How many daily backups of the data to keep (File, Backups…)"))
        self.retention.setToolTip(self.tr("How likely you should be to remember an item when it comes back"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def study_settings(self) -> StudySettings:
        return replace(self._study, target_retention=round(self.retention.value()) / 100,
                       new_per_day=self.new_per_day.value(), test_length=self.test_length.value(),
                       backups_keep=self.backups_keep.value())

    def ui_prefs(self) -> UiPrefs:
        return UiPrefs(theme="dark" if self.theme.currentIndex() == 1 else "light",
                       font_size=self.font_size.value(), language=self.language.currentData())
