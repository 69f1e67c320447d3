"""The main window: the stack of screens (profiles, decks, study, summary, statistics, browser), the menus, and the
wiring of the controllers that do each menu's work (data_folder, learner_loading, preferences, import_export,
backups, profile_pin, classroom_menu, help_menu)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget

from studyapp.ui import assignments, ops
from studyapp.ui.backups import Backups
from studyapp.ui.classroom_menu import ClassroomMenu
from studyapp.ui.data_folder import DataFolder
from studyapp.ui.decks import DecksPage
from studyapp.ui.help_menu import HelpMenu
from studyapp.ui.import_export import ImportExport
from studyapp.ui.learner_loading import LearnerLoading
from studyapp.ui.preferences import Preferences
from studyapp.ui.profile_pin import ProfilePin
from studyapp.ui.profiles import ProfilePage
from studyapp.ui.study import StudyPage
from studyapp.ui.study_phases import Phase
from studyapp.ui.summary import SummaryPage
from studyapp.ui.worker import Backend

if TYPE_CHECKING:
    from studyapp.ui.browser import BrowserPage
    from studyapp.ui.statistics import StatisticsPage

class MainWindow(QMainWindow):
    ready = Signal()                 # the workspace is open and the profile picker filled

    def __init__(self, data_dir, translations, load_model: bool = True) -> None:
        super().__init__()
        self.translations = translations
        self.profile: dict | None = None
        self.backend = Backend(data_dir, self)
        self.data_folder = DataFolder(self)
        self.learner_loading = LearnerLoading(self, load_model)
        self.preferences = Preferences(self)
        self.import_export = ImportExport(self)
        self.backups = Backups(self)
        self.pin = ProfilePin(self)
        self.classroom = ClassroomMenu(self)
        self.help = HelpMenu(self)
        self.backups.restored.connect(self._after_restore)
        self.backend.opened.connect(self._on_opened)

        self.stack = QStackedWidget()
        self.loading = QLabel()
        self.loading.setAlignment(Qt.AlignCenter)
        self.profiles = ProfilePage(self.backend)
        self.decks = DecksPage(self.backend)
        self.study = StudyPage(self.backend)
        self.summary = SummaryPage()
        self._stats: StatisticsPage | None = None
        self._browser: BrowserPage | None = None
        for page in (self.loading, self.profiles, self.decks, self.study, self.summary):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        self.profiles.chosen.connect(self.open_profile)
        self.decks.study.connect(self.start_study)
        self.decks.import_requested.connect(self.import_export.import_files)
        self.decks.export_requested.connect(self.import_export.export_deck)
        self.study.summary_ready.connect(self._show_summary)
        self.study.card_shown.connect(self.learner_loading.start)
        self.study.failed.connect(self._study_failed)
        self.summary.done.connect(self.show_decks)
        self.summary.undo.connect(self.reopen_session)
        self.decks.statistics.connect(self.show_statistics)
        self.decks.browse.connect(self.show_browser)
        self.statusBar().addPermanentWidget(self.learner_loading.label)
        self._build_menus()
        self.assignments = assignments.install(self)  # its menu action, deck-screen section and file drops
        self.setAcceptDrops(True)
        self.resize(980, 700)
        self.retranslate()

    # ------------------------------------------------------------ menus and texts

    def _action(self, menu, shortcut, slot) -> QAction:
        action = QAction(self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.act_profile = self._action(self.file_menu, "Ctrl+P", self.show_profiles)
        self.act_set_pin = self._action(self.file_menu, "", self.pin.ask)
        self.act_remove_pin = self._action(self.file_menu, "", lambda: self.pin.set_pin(None))
        self._update_pin_actions()
        self.act_import = self._action(self.file_menu, "Ctrl+I", self.import_export.import_files)
        self.file_menu.addSeparator()
        self.act_backups = self._action(self.file_menu, "", self.backups.open_dialog)
        self.file_menu.addSeparator()
        self.act_quit = self._action(self.file_menu, QKeySequence.Quit, self.close)
        self.tools_menu = bar.addMenu("")
        self.act_decks = self._action(self.tools_menu, "Ctrl+D", self.show_decks)
        self.act_browse = self._action(self.tools_menu, "Ctrl+B", lambda: self.show_browser(0))
        self.act_stats = self._action(self.tools_menu, "Ctrl+T", self.show_statistics)
        self.act_settings = self._action(self.tools_menu, "Ctrl+,", self.preferences.open_dialog)
        self.tools_menu.addSeparator()
        self.classroom_menu = self.tools_menu.addMenu("")
        self.act_bundle = self._action(self.classroom_menu, "", self.classroom.ask_bundle_export)
        self.classroom_menu.addSeparator()
        self.act_install_model = self._action(self.classroom_menu, "", self.classroom.install_class_model)
        self.act_rollback_model = self._action(self.classroom_menu, "", self.classroom.rollback_class_model)
        self.classroom_menu.addSeparator()
        self.act_dashboard = self._action(self.classroom_menu, "", self.classroom.show_dashboard)
        self.help_menu = bar.addMenu("")
        self.act_log_folder = self._action(self.help_menu, "", self.help.open_log_folder)
        self.act_about = self._action(self.help_menu, "", self.help.about)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("StudyApp"))
        self.loading.setText(self.tr("Opening your study data…"))
        self.file_menu.setTitle(self.tr("&File"))
        self.act_profile.setText(self.tr("Switch &profile"))
        self.act_import.setText(self.tr("&Import…"))
        self.act_backups.setText(self.tr("&Backups…"))
        self.act_set_pin.setText(self.tr("Set PI&N…"))
        self.act_remove_pin.setText(self.tr("Remo&ve PIN"))
        self.act_quit.setText(self.tr("&Quit"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.act_decks.setText(self.tr("&Decks"))
        self.act_settings.setText(self.tr("&Settings…"))
        self.act_stats.setText(self.tr("S&tatistics"))
        self.act_browse.setText(self.tr("&Browse"))
        self.classroom_menu.setTitle(self.tr("&Classroom"))
        self.act_bundle.setText(self.tr("&Export my answers for the teacher…"))
        self.act_install_model.setText(self.tr("&Install the class model…"))
        self.act_rollback_model.setText(self.tr("Go &back to the previous model"))
        self.act_dashboard.setText(self.tr("Class &dashboard (for teachers)…"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.act_log_folder.setText(self.tr("Open the &log folder"))
        self.act_about.setText(self.tr("&About StudyApp"))
        self.learner_loading.show_state()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------ start-up

    def _on_opened(self, data_dir: Path) -> None:
        self.backend.request(ops.load_ui_prefs, done=self._prefs_loaded, failed=self.data_folder.show_failure)

    def _prefs_loaded(self, prefs: ops.UiPrefs) -> None:
        self.preferences.apply(prefs)
        self.show_profiles()
        self.ready.emit()
        self.learner_loading.start_after_pause()

    # ------------------------------------------------------------ the open profile and the screens

    def set_profile(self, profile: dict | None) -> None:
        """The open profile (None: none is); the PIN actions apply to it."""
        self.profile = profile
        self._update_pin_actions()

    def _update_pin_actions(self) -> None:
        self.act_set_pin.setEnabled(self.profile is not None)
        self.act_remove_pin.setEnabled(bool(self.profile and self.profile["has_pin"]))

    def _after_restore(self) -> None:
        """The restored data may not have the same profiles: choose again."""
        self.set_profile(None)
        self.show_profiles()

    def show_profiles(self) -> None:
        if self.stack.currentWidget() is self.study:
            self.study.end_session()
        if self.profile is not None and self.profile["has_pin"]:
            # A protected profile is left behind: the next student must not get back into it without its PIN.
            self.set_profile(None)
        self.stack.setCurrentWidget(self.profiles)
        self.profiles.refresh()

    def open_profile(self, profile: dict) -> None:
        self.set_profile(profile)
        self.decks.set_profile(profile)
        self.stack.setCurrentWidget(self.decks)

    def show_decks(self) -> None:
        if self.profile is None:
            return
        if self.studying():
            self.study.end_session()
            return
        self.stack.setCurrentWidget(self.decks)
        self.decks.refresh()

    def studying(self) -> bool:
        """A session is open on the study screen (not yet ended, or reopened from its summary)."""
        return self.stack.currentWidget() is self.study and self.study.state is not Phase.IDLE

    # The statistics and the browser are made the first time they are opened: neither is on the way to the first
    # card, and making them (with their modules) took about a tenth of a second of every start.
    @property
    def stats(self) -> StatisticsPage:
        if self._stats is None:
            from studyapp.ui.statistics import StatisticsPage

            page = self._stats = StatisticsPage(self.backend)
            page.set_learner(self.learner_loading.learner, self.learner_loading.state)
            self.learner_loading.loaded.connect(lambda learner: page.set_learner(learner, self.learner_loading.state))
            page.back.connect(self.show_decks)
            self.stack.addWidget(page)
        return self._stats

    @property
    def browser(self) -> BrowserPage:
        if self._browser is None:
            from studyapp.ui.browser import BrowserPage

            page = self._browser = BrowserPage(self.backend)
            page.back.connect(self.show_decks)
            self.stack.addWidget(page)
        return self._browser

    def start_study(self, deck_id: int, deck_name: str, mode: str) -> None:
        self.stack.setCurrentWidget(self.study)
        self.study.start(self.profile["id"], deck_id, deck_name, mode)
        self.study.setFocus()

    def show_browser(self, deck_id: int) -> None:
        if self.profile is None or self.stack.currentWidget() is self.study:
            return
        deck = self.decks.selected_deck() if deck_id else None
        self.stack.setCurrentWidget(self.browser)
        self.browser.show_for(deck["id"] if deck else None, deck["name"] if deck else "", self.profile["id"])

    def show_statistics(self) -> None:
        if self.profile is None or self.stack.currentWidget() is self.study:
            return
        deck = self.decks.selected_deck()
        self.stack.setCurrentWidget(self.stats)
        self.stats.show_for(self.profile["id"], deck["id"] if deck else None, deck["name"] if deck else "")
        self.stats.setFocus()

    def reopen_session(self) -> None:
        """Undo on the summary: back to the study screen, on the item whose answer is taken back."""
        self.stack.setCurrentWidget(self.study)
        self.study.setFocus()
        self.study.reopen()

    def _show_summary(self, view) -> None:
        self.summary.show_summary(view)
        self.stack.setCurrentWidget(self.summary)
        self.summary.setFocus()

    def _study_failed(self, message: str) -> None:
        self.stack.setCurrentWidget(self.decks)
        self.decks.error.setText(message)

    # ------------------------------------------------------------ drag-and-drop

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_export.import_files(paths)

    # ------------------------------------------------------------ closing

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Finish the session and close the database in the store thread, and let pool jobs end."""
        self.backend.stop()
        QThreadPool.globalInstance().waitForDone()
