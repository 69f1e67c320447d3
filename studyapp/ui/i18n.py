"""Switching the interface language at run time: our own .qm files plus Qt's own strings.

For a language: studyapp_LANG.qm (the GUI), builtin_LANG.qm (the built-in decks' names and skills, see
studyapp.ui.content_names), Qt's qtbase_LANG.qm (its dialogs: file dialogs, buttons) and qtbase_extra_LANG.qm
(the strings of Qt's that its own file lacks). English needs
studyapp_en.qm only for plural forms ("1 item", "2 items")."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from studyapp.resources import resources_dir

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


def interface_language() -> str:
    """The interface language now (a key of LANGUAGES), which Translations.apply sets as Qt's default locale:
    the language the screens show the decks' translations in."""
    name = QLocale().name()
    return name if name in LANGUAGES else "en"


def i18n_dir():
    return resources_dir() / "i18n"


class Translations:
    """The interface language of the application: installs its translators, removing those of the last one."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.language = "en"
        self.apply("en")

    def apply(self, language: str) -> bool:
        """Install `language` (a key of LANGUAGES); False if its files are missing (English is then shown)."""
        # Every translator installed so far, an earlier Translations' too (each is a child of the application).
        for translator in self.app.findChildren(QTranslator):
            self.app.removeTranslator(translator)
            translator.deleteLater()
        self.language = "en"
        QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedStates))
        if language == "en" or not self._install(f"studyapp_{language}", [i18n_dir()]):
            self._install("studyapp_en", [i18n_dir()])
            return language == "en"
        self._install(f"builtin_{language}", [i18n_dir()])
        # Qt's own folder when Qt is installed from a wheel; beside ours in a frozen build, which leaves that
        # folder out and copies only the files of our languages (packaging/studyapp.spec).
        self._install(f"qtbase_{language}", [QLibraryInfo.path(QLibraryInfo.TranslationsPath), i18n_dir()])
        self._install(f"qtbase_extra_{language}", [i18n_dir()])  # what Qt's own file lacks; installed last, asked first
        self.language = language
        QLocale.setDefault(QLocale(language))
        return True

    def _install(self, name: str, folders) -> bool:
        translator = QTranslator()
        if not any(translator.load(name, str(folder)) for folder in folders):
            return False
        translator.setParent(self.app)  # found again by the next apply
        self.app.installTranslator(translator)
        return True
