"""Switching the interface language at run time: our own .qm file plus Qt's own strings."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from studyapp.resources import resources_dir

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


def i18n_dir():
    return resources_dir() / "i18n"


class Translations:
    """Holds the installed translators so a later switch can remove them."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.language = "en"
        self._installed: list[QTranslator] = []

    def apply(self, language: str) -> bool:
        """Install `language` (a key of LANGUAGES); False if its files are missing (English is then shown)."""
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed = []
        self.language = "en"
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
        if language == "en":
            return True
        ours = QTranslator(self.app)
        if not ours.load(f"studyapp_{language}", str(i18n_dir())):
            return False
        qt = QTranslator(self.app)
        qt_dirs = [QLibraryInfo.path(QLibraryInfo.TranslationsPath), str(i18n_dir())]
        if any(qt.load(f"qtbase_{language}", d) for d in qt_dirs):
            self.app.installTranslator(qt)
            self._installed.append(qt)
        self.app.installTranslator(ours)
        self._installed.append(ours)
        self.language = language
        QLocale.setDefault(QLocale(language))
        return True
