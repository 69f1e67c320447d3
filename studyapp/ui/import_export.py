"""Importing files into the decks (each spreadsheet first gets its column mapping) and exporting a deck, in
StudyApp's format or as an Anki package."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from studyapp.ui import ops
from studyapp.ui.csv_mapping import ImportJob, ImportPlan
from studyapp.ui.importing import ImportDialog, ask_for_files

if TYPE_CHECKING:
    from studyapp.ui.mainwindow import MainWindow


class ImportExport(QObject):
    import_finished = Signal()
    export_finished = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ImportDialog | None = None
        self.plan: ImportPlan | None = None

    def import_files(self, paths: list[Path] | None = None, map_columns: bool = True) -> None:
        """Import files; each spreadsheet first gets its column mapping dialog unless `map_columns` is False
        (then its header, or the default columns, decide, as on the command line)."""
        if self.window.backend.data_dir is None:
            return
        paths = paths if isinstance(paths, list) else ask_for_files(self.window)
        if not paths:
            return
        if not map_columns:
            self._run_import([ImportJob(path) for path in paths])
            return
        self.plan = ImportPlan(paths, self.window)
        self.plan.ready.connect(self._run_import)
        self.plan.start()

    def _run_import(self, jobs: list[ImportJob]) -> None:
        self.plan = None
        if not jobs:
            self.import_finished.emit()
            return
        window = self.window
        dialog = ImportDialog(window.backend.data_dir, jobs, window.profile["id"] if window.profile else None, window)
        dialog.imported.connect(lambda _result: window.decks.refresh())
        dialog.all_done.connect(self.import_finished)
        self.dialog = dialog
        dialog.open()
        dialog.start()

    def export_deck(self, deck_id: int, deck_name: str, path: str | None = None, with_history: bool = False) -> None:
        """The deck in StudyApp's format, or with its sub-decks as an Anki package (with this profile's answers
        as review history if chosen); the format follows the file name."""
        window = self.window
        if path is None:
            filters = [self.tr("StudyApp decks (*.deck.toml)"), self.tr("Anki packages (*.apkg)"),
                       self.tr("Anki packages with my answers (*.apkg)")]
            suggested = deck_name.split("::")[-1].replace(" ", "-").lower() + ".deck.toml"
            path, chosen = QFileDialog.getSaveFileName(window, self.tr("Export deck"), suggested, ";;".join(filters))
            if not path:
                return
            if chosen in filters[1:] and not path.endswith(".apkg"):
                path = path.removesuffix(".deck.toml") + ".apkg"
            with_history = chosen == filters[2]
        if path.endswith(".apkg"):
            profile_id = window.profile["id"] if with_history and window.profile else None
            window.backend.request(ops.export_deck_apkg, deck_id, path, profile_id,
                                   done=lambda n: self._exported(n, path), failed=self._export_failed)
            return
        if not path.endswith(".deck.toml"):
            path += ".deck.toml"
        window.backend.request(ops.export_deck, deck_id, path, done=lambda n: self._exported(n, path),
                               failed=self._export_failed)

    def _exported(self, count: int, path: str) -> None:
        decks = self.window.decks
        decks.error.clear()
        decks.set_notice(self.tr("Wrote %n item(s) to %1.", "", count).replace("%1", path))
        self.export_finished.emit()

    def _export_failed(self, message: str) -> None:
        self.window.decks.error.setText(self.tr("The deck was not exported: %1").replace("%1", message))
        self.export_finished.emit()
