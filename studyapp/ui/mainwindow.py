"""The main window: a stack of screens (profiles, decks, study, summary), menus, and drag-and-drop import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QStackedWidget

from studyapp import __version__
from studyapp.logsetup import log_dir
from studyapp.ui import assignments, classroom, ops
from studyapp.ui.backups import BackupsDialog
from studyapp.ui.browser import BrowserPage
from studyapp.ui.classroom import BUNDLE_SUFFIX, BundleExportDialog
from studyapp.ui.classroom_dashboard import ClassDashboard
from studyapp.ui.collector import startup_done
from studyapp.ui.csv_mapping import ImportJob, ImportPlan
from studyapp.ui.decks import DecksPage
from studyapp.ui.importing import ImportDialog, ask_for_files
from studyapp.ui.profiles import PinDialog, ProfilePage
from studyapp.ui.settings_dialog import SettingsDialog
from studyapp.ui.statistics import StatisticsPage
from studyapp.ui.study import StudyPage
from studyapp.ui.summary import SummaryPage
from studyapp.ui.tasks import start_task
from studyapp.ui.theme import apply_theme
from studyapp.ui.worker import Backend, as_sentence


class MainWindow(QMainWindow):
    ready = Signal()                 # the workspace is open and the profile picker filled
    learner_loaded = Signal(object)  # the Learner, or None when the classical schedule is used
    import_finished = Signal()
    export_finished = Signal()
    pin_changed = Signal()
    classroom_finished = Signal()    # a Classroom menu action has reported (success or not)
    exit_requested = Signal(int)     # the program should end with this status (run_gui connects it to exit)

    def __init__(self, data_dir, translations, load_model: bool = True) -> None:
        super().__init__()
        self.translations = translations
        self.profile: dict | None = None
        self.prefs = ops.UiPrefs()
        self.learner = None
        self.learner_state = "loading" if load_model else "classic"
        self.import_dialog: ImportDialog | None = None
        self.import_plan: ImportPlan | None = None
        self.backups_dialog: BackupsDialog | None = None
        self.pin_dialog: PinDialog | None = None
        self.bundle_dialog: BundleExportDialog | None = None
        self.classroom_box: QMessageBox | None = None
        self.model_task = None
        self.dashboard: ClassDashboard | None = None
        self.start_box: QMessageBox | None = None   # the lock or damaged-database question at start-up
        self.backend = Backend(data_dir, self)
        self.backend.opened.connect(self._on_opened)
        self.backend.open_failed.connect(self._on_open_failed)
        self.backend.locked.connect(self._on_locked)
        self.backend.foreign_lock.connect(self._on_foreign_lock)
        self.backend.damaged.connect(self._on_damaged)

        self.stack = QStackedWidget()
        self.loading = QLabel()
        self.loading.setAlignment(Qt.AlignCenter)
        self.profiles = ProfilePage(self.backend)
        self.decks = DecksPage(self.backend)
        self.study = StudyPage(self.backend)
        self.summary = SummaryPage()
        self.stats = StatisticsPage(self.backend)
        self.stats.set_learner(None, self.learner_state)
        self.browser = BrowserPage(self.backend)
        for page in (self.loading, self.profiles, self.decks, self.study, self.summary, self.stats, self.browser):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        self.profiles.chosen.connect(self.open_profile)
        self.decks.study.connect(self.start_study)
        self.decks.import_requested.connect(self.import_files)
        self.decks.export_requested.connect(self.export_deck)
        self.study.summary_ready.connect(self._show_summary)
        self.study.failed.connect(self._study_failed)
        self.summary.done.connect(self.show_decks)
        self.summary.undo.connect(self.reopen_session)
        self.decks.statistics.connect(self.show_statistics)
        self.stats.back.connect(self.show_decks)
        self.decks.browse.connect(self.show_browser)
        self.browser.back.connect(self.show_decks)
        self.model_label = QLabel()
        self.model_label.setObjectName("quiet")
        self.statusBar().addPermanentWidget(self.model_label)
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
        self.act_set_pin = self._action(self.file_menu, "", self.ask_pin)
        self.act_remove_pin = self._action(self.file_menu, "", lambda: self.set_pin(None))
        self._update_pin_actions()
        self.act_import = self._action(self.file_menu, "Ctrl+I", self.import_files)
        self.file_menu.addSeparator()
        self.act_backups = self._action(self.file_menu, "", self.show_backups)
        self.file_menu.addSeparator()
        self.act_quit = self._action(self.file_menu, QKeySequence.Quit, self.close)
        self.tools_menu = bar.addMenu("")
        self.act_decks = self._action(self.tools_menu, "Ctrl+D", self.show_decks)
        self.act_browse = self._action(self.tools_menu, "Ctrl+B", lambda: self.show_browser(0))
        self.act_stats = self._action(self.tools_menu, "Ctrl+T", self.show_statistics)
        self.act_settings = self._action(self.tools_menu, "Ctrl+,", self.open_settings)
        self.tools_menu.addSeparator()
        self.classroom_menu = self.tools_menu.addMenu("")
        self.act_bundle = self._action(self.classroom_menu, "", self.ask_bundle_export)
        self.classroom_menu.addSeparator()
        self.act_install_model = self._action(self.classroom_menu, "", self.install_class_model)
        self.act_rollback_model = self._action(self.classroom_menu, "", self.rollback_class_model)
        self.classroom_menu.addSeparator()
        self.act_dashboard = self._action(self.classroom_menu, "", self.show_dashboard)
        self.help_menu = bar.addMenu("")
        self.act_log_folder = self._action(self.help_menu, "", self.open_log_folder)
        self.act_about = self._action(self.help_menu, "", self.about)

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
        self._show_model_state()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------ start-up

    def _on_opened(self, data_dir: Path) -> None:
        # The model loads once the data is open: importing torch alongside the opening would slow both.
        if self.learner_state == "loading" and self.model_task is None:
            self.model_task = start_task(classroom.learner_loader(data_dir), done=self._learner_done,
                                         failed=self._learner_failed)
        self.backend.request(ops.load_ui_prefs, done=self._prefs_loaded, failed=self._on_open_failed)

    def _prefs_loaded(self, prefs: ops.UiPrefs) -> None:
        self.apply_prefs(prefs)
        self.show_profiles()
        self.ready.emit()

    def _on_open_failed(self, message: str) -> None:
        self.loading.setText(self.tr("StudyApp cannot open its data: %1").replace("%1", message))

    def _on_locked(self, message: str) -> None:
        """Another StudyApp has this data folder open: say so once, then end with status 1."""
        self.loading.setText(message)
        box = QMessageBox(QMessageBox.Critical, self.tr("StudyApp"),
                          self.tr("StudyApp is already open on this data folder. Use that window, or close it "
                                  "first."), QMessageBox.Close, self)
        box.setInformativeText(as_sentence(message))
        box.finished.connect(lambda _code: self.exit_requested.emit(1))
        self.start_box = box
        box.open()

    def _on_foreign_lock(self, message: str) -> None:
        """The folder was left open by StudyApp on another computer (a USB stick pulled out after a crash, or a
        shared folder in use there): warn, and take it over only if the student says so."""
        self.loading.setText(as_sentence(message))
        box = QMessageBox(QMessageBox.Warning, self.tr("StudyApp"),
                          self.tr("This data folder is marked as open in StudyApp on another computer."),
                          QMessageBox.NoButton, self)
        box.setInformativeText(
            self.tr("If StudyApp still runs there, quit here: two programs writing one folder can lose answers. "
                    "If it does not (it crashed, or the stick was pulled out), take the folder over.")
            + "\n\n" + as_sentence(message))
        take = box.addButton(self.tr("&Take over"), QMessageBox.AcceptRole)
        box.setDefaultButton(box.addButton(self.tr("&Quit"), QMessageBox.RejectRole))
        box.buttonClicked.connect(
            lambda button: self.backend.take_over.emit() if button is take else self.exit_requested.emit(1))
        self.start_box = box
        box.open()

    def _on_damaged(self, message: str, backup: dict | None) -> None:
        """The database cannot be read: offer the newest backup, a fresh database, or quitting."""
        from studyapp.ui.backups import when

        self.loading.setText(self.tr("StudyApp cannot open its data: %1").replace("%1", message))
        box = QMessageBox(QMessageBox.Warning, self.tr("StudyApp"),
                          self.tr("Your study data cannot be read; the file is damaged or is not a StudyApp "
                                  "database."), QMessageBox.NoButton, self)
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
        self.start_box = box
        box.open()

    def _recover(self, how: str | None) -> None:
        if how is None:
            self.exit_requested.emit(1)
            return
        self.loading.setText(self.tr("Opening your study data…"))
        self.backend.recover.emit(how)

    def _learner_done(self, loaded) -> None:
        learner, notice = loaded
        if notice:
            self.model_label.setToolTip(notice)
            self.statusBar().showMessage(notice, 15000)
        self.learner, self.learner_state = learner, "model"
        self.backend.set_learner.emit(learner)
        self.decks.set_learner(learner)
        self.stats.set_learner(learner, "model")
        self._show_model_state()
        startup_done()
        self.learner_loaded.emit(learner)

    def _learner_failed(self, message: str) -> None:
        self.learner, self.learner_state = None, "classic"
        self.backend.set_learner.emit(None)
        self.decks.learner = None
        self.stats.set_learner(None, "classic")
        self.model_label.setToolTip(message)
        self._show_model_state()
        startup_done()
        self.learner_loaded.emit(None)

    def _show_model_state(self) -> None:
        texts = {"loading": self.tr("Loading the learner model…"), "model": self.tr("Learner model ready"),
                 "classic": self.tr("Using the classical schedule")}
        self.model_label.setText(texts[self.learner_state])
        self.decks.set_test_available(self.learner_state == "model")

    def apply_prefs(self, prefs: ops.UiPrefs) -> None:
        self.prefs = prefs
        apply_theme(QApplication.instance(), prefs.theme, prefs.font_size)
        if self.translations.language != prefs.language and not self.translations.apply(prefs.language):
            self.statusBar().showMessage(self.tr("The translation files are missing; showing English."), 8000)

    # ------------------------------------------------------------ screens

    def show_profiles(self) -> None:
        if self.stack.currentWidget() is self.study:
            self.study.end_session()
        if self.profile is not None and self.profile["has_pin"]:
            # A protected profile is left behind: the next student must not get back into it without its PIN.
            self.profile = None
            self._update_pin_actions()
        self.stack.setCurrentWidget(self.profiles)
        self.profiles.refresh()

    def open_profile(self, profile: dict) -> None:
        self.profile = profile
        self._update_pin_actions()
        self.decks.set_profile(profile)
        self.stack.setCurrentWidget(self.decks)

    def show_decks(self) -> None:
        if self.profile is None:
            return
        if self.stack.currentWidget() is self.study and self.study.state != "idle":
            self.study.end_session()
            return
        self.stack.setCurrentWidget(self.decks)
        self.decks.refresh()

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

    # ------------------------------------------------------------ settings

    def open_settings(self) -> None:
        if self.profile is None:
            self._settings_dialog(None)
            return
        self.backend.request(ops.study_settings, self.profile["id"], done=self._settings_dialog,
                             failed=self.statusBar().showMessage)

    def _settings_dialog(self, study) -> SettingsDialog:
        from studyapp.study.settings import StudySettings

        dialog = SettingsDialog(study or StudySettings(), self.prefs, self)
        dialog.study_box.setEnabled(study is not None)
        dialog.accepted.connect(lambda: self._save_settings(dialog, study is not None))
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _save_settings(self, dialog: SettingsDialog, has_profile: bool) -> None:
        prefs = dialog.ui_prefs()
        self.apply_prefs(prefs)
        self.backend.request(ops.save_ui_prefs, prefs, failed=self.statusBar().showMessage)
        if has_profile:
            self.backend.request(ops.save_study_settings, self.profile["id"], dialog.study_settings(),
                                 done=lambda _: self.decks.refresh(), failed=self.statusBar().showMessage)

    # ------------------------------------------------------------ importing

    def import_files(self, paths: list[Path] | None = None, map_columns: bool = True) -> None:
        """Import files; each spreadsheet first gets its column mapping dialog unless `map_columns` is False
        (then its header, or the default columns, decide, as on the command line)."""
        if self.backend.data_dir is None:
            return
        paths = paths if isinstance(paths, list) else ask_for_files(self)
        if not paths:
            return
        if not map_columns:
            self._run_import([ImportJob(path) for path in paths])
            return
        self.import_plan = ImportPlan(paths, self)
        self.import_plan.ready.connect(self._run_import)
        self.import_plan.start()

    def _run_import(self, jobs: list[ImportJob]) -> None:
        self.import_plan = None
        if not jobs:
            self.import_finished.emit()
            return
        dialog = ImportDialog(self.backend.data_dir, jobs, self.profile["id"] if self.profile else None, self)
        dialog.imported.connect(lambda _result: self.decks.refresh())
        dialog.all_done.connect(self.import_finished)
        self.import_dialog = dialog
        dialog.open()
        dialog.start()

    def export_deck(self, deck_id: int, deck_name: str, path: str | None = None, with_history: bool = False) -> None:
        """The deck in StudyApp's format, or with its sub-decks as an Anki package (with this profile's answers
        as review history if chosen); the format follows the file name."""
        if path is None:
            filters = [self.tr("StudyApp decks (*.deck.toml)"), self.tr("Anki packages (*.apkg)"),
                       self.tr("Anki packages with my answers (*.apkg)")]
            suggested = deck_name.split("::")[-1].replace(" ", "-").lower() + ".deck.toml"
            path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export deck"), suggested, ";;".join(filters))
            if not path:
                return
            if chosen in filters[1:] and not path.endswith(".apkg"):
                path = path.removesuffix(".deck.toml") + ".apkg"
            with_history = chosen == filters[2]
        if path.endswith(".apkg"):
            profile_id = self.profile["id"] if with_history and self.profile else None
            self.backend.request(ops.export_deck_apkg, deck_id, path, profile_id,
                                 done=lambda n: self._exported(n, path), failed=self._export_failed)
            return
        if not path.endswith(".deck.toml"):
            path += ".deck.toml"
        self.backend.request(ops.export_deck, deck_id, path, done=lambda n: self._exported(n, path),
                             failed=self._export_failed)

    def _exported(self, count: int, path: str) -> None:
        self.decks.error.clear()
        self.decks.set_notice(self.tr("Wrote %n item(s) to %1.", "", count).replace("%1", path))
        self.export_finished.emit()

    def _export_failed(self, message: str) -> None:
        self.decks.error.setText(self.tr("The deck was not exported: %1").replace("%1", message))
        self.export_finished.emit()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)

    # ------------------------------------------------------------ backups

    def show_backups(self) -> None:
        if self.backend.data_dir is None:
            return
        if self.stack.currentWidget() is self.study and self.study.state != "idle":
            self.statusBar().showMessage(self.tr("Finish studying first (Esc), then open the backups."), 8000)
            return
        dialog = BackupsDialog(self.backend, self)
        dialog.restored.connect(lambda _name: self._after_restore())
        self.backups_dialog = dialog
        dialog.refresh()
        dialog.open()

    def _after_restore(self) -> None:
        """The restored data may not have the same profiles: choose again."""
        self.profile = None
        self._update_pin_actions()
        self.show_profiles()

    # ------------------------------------------------------------ profile PIN

    def _update_pin_actions(self) -> None:
        self.act_set_pin.setEnabled(self.profile is not None)
        self.act_remove_pin.setEnabled(bool(self.profile and self.profile["has_pin"]))

    def ask_pin(self) -> None:
        if self.profile is None:
            return
        dialog = PinDialog(self.profile["name"], self)
        dialog.accepted.connect(lambda: self.set_pin(dialog.pin()))
        self.pin_dialog = dialog
        dialog.open()

    def set_pin(self, pin: str | None) -> None:
        if self.profile is None:
            return
        self.backend.request(ops.set_profile_pin, self.profile["id"], pin, done=self._pin_changed,
                             failed=self.statusBar().showMessage)

    def _pin_changed(self, profile: dict) -> None:
        self.profile = profile
        self._update_pin_actions()
        self.statusBar().showMessage(self.tr("The profile now has a PIN.") if profile["has_pin"]
                                     else self.tr("The profile's PIN was removed."), 8000)
        self.pin_changed.emit()

    # ------------------------------------------------------------ classroom

    def ask_bundle_export(self) -> None:
        if self.profile is None:
            self.statusBar().showMessage(self.tr("Open your profile first."), 8000)
            return
        dialog = BundleExportDialog(self)
        dialog.accepted.connect(lambda: self._choose_bundle_file(dialog.with_name.isChecked()))
        self.bundle_dialog = dialog
        dialog.open()

    def _choose_bundle_file(self, with_name: bool) -> None:
        suggested = self.profile["name"].replace(" ", "-").lower() + BUNDLE_SUFFIX
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export my answers for the teacher"), suggested,
                                              self.tr("Class bundles (*%1)").replace("%1", BUNDLE_SUFFIX))
        if path:
            self.export_for_teacher(path, with_name)

    def export_for_teacher(self, path: str, with_name: bool) -> None:
        self.backend.request(classroom.export_bundle, self.profile["id"], path, with_name,
                             done=self._bundle_written, failed=self._classroom_failed)

    def _bundle_written(self, manifest: dict) -> None:
        self._tell(self.tr("Wrote %n answer(s) to %1. Give this file to your teacher.", "", manifest["answers"])
                   .replace("%1", manifest["out"]))

    def show_dashboard(self) -> None:
        """The teacher's view of the class's bundles, in a window of its own (it needs no profile)."""
        if self.dashboard is None:
            self.dashboard = ClassDashboard(self)
            self.dashboard.setWindowFlag(Qt.Window)
        self.dashboard.show()
        self.dashboard.activateWindow()

    def _busy_studying(self) -> bool:
        if self.stack.currentWidget() is self.study and self.study.state != "idle":
            self.statusBar().showMessage(self.tr("Finish studying first (Esc)."), 8000)
            return True
        return False

    def install_class_model(self, path: str | None = None) -> None:
        if self.backend.data_dir is None or self._busy_studying():
            return
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Install the class model"), "",
                                                  self.tr("Class models (*.safetensors)"))
            if not path:
                return
        self.statusBar().showMessage(self.tr("Installing the class model and adapting every profile to it…"))
        self.model_task = start_task(classroom.install_model_work(self.backend.data_dir, Path(path)),
                                     done=self._model_installed, failed=self._classroom_failed)

    def _model_installed(self, result: tuple[int, int, str, bool]) -> None:
        items, profiles, key, first = result
        signed = (self.tr("It is signed by the key %1: check with your teacher that it is theirs. From now on this "
                          "laptop installs only class models signed by it.") if first
                  else self.tr("It is signed by your teacher's key %1.")).replace("%1", key)
        self._tell(self.tr("The class model is installed (it knows %n item(s)); %1.", "", items)
                   .replace("%1", self.tr("%n profile(s) adapted to it", "", profiles)) + " " + signed)
        self._reload_learner()

    def rollback_class_model(self) -> None:
        if self.backend.data_dir is None or self._busy_studying():
            return
        self.model_task = start_task(classroom.rollback_work(self.backend.data_dir), done=self._rolled_back,
                                     failed=self._classroom_failed)

    def _rolled_back(self, result: tuple[bool, int]) -> None:
        shipped, profiles = result
        self._tell(self.tr("Back to the model StudyApp came with; %n profile(s) adapted to it.", "", profiles)
                   if shipped else self.tr("Back to the previous class model; %n profile(s) adapted to it.", "",
                                           profiles))
        self._reload_learner()

    def _reload_learner(self) -> None:
        self.learner_state = "loading"
        self._show_model_state()
        self.model_task = start_task(classroom.learner_loader(self.backend.data_dir), done=self._learner_done,
                                     failed=self._learner_failed)

    def _classroom_failed(self, message: str) -> None:
        self._tell(as_sentence(message), error=True)

    def _tell(self, text: str, error: bool = False) -> None:
        self.statusBar().clearMessage()
        box = QMessageBox(QMessageBox.Warning if error else QMessageBox.Information, self.tr("Classroom"), text,
                          QMessageBox.Ok, self)
        self.classroom_box = box
        box.open()
        self.classroom_finished.emit()

    # ------------------------------------------------------------ the rest

    def open_log_folder(self) -> None:
        """The folder of the diagnostics log (studyapp.logsetup), in the desktop's file manager."""
        if self.backend.data_dir is None:
            return
        folder = log_dir(self.backend.data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About StudyApp"),
                          self.tr("StudyApp %1: offline flashcards, quizzes and adaptive tests.")
                          .replace("%1", __version__))

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Finish the session and close the database in the store thread, and let pool jobs end."""
        self.backend.stop()
        QThreadPool.globalInstance().waitForDone()
