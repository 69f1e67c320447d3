"""Importing files (menu, file dialog, drag-and-drop) in the thread pool, with progress and a clear result."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QProgressBar, QVBoxLayout, QWidget

from studyapp.placeholders import fill
from studyapp.ui.csv_mapping import ImportJob
from studyapp.ui.tasks import start_task

STAGES = {"reading": 1, "writing": 2}
STEPS_PER_FILE = 3


def import_work(data_dir: Path, job: ImportJob, profile_id: int | None):
    """The pool-thread job for one file: read it (with the reader options chosen for it), then write it with
    its own database connection."""

    def work(report):
        from studyapp.content.readers import read_file
        from studyapp.paths import db_path
        from studyapp.store.db import connect
        from studyapp.store.importer import import_bundle

        report("reading")
        bundle = read_file(job.path, **job.options)
        report("writing")
        db = connect(db_path(data_dir))
        try:
            return import_bundle(db, data_dir, bundle, profile_id)
        finally:
            db.close()

    return work


def file_filter() -> str:
    return ";;".join([
        QCoreApplication.translate("ImportDialog", "Decks and flashcards (*.deck.toml *.toml *.csv *.tsv *.txt "
                                                   "*.apkg *.colpkg)"),
        QCoreApplication.translate("ImportDialog", "All files (*)"),
    ])


def ask_for_files(parent: QWidget) -> list[Path]:
    title = QCoreApplication.translate("ImportDialog", "Import decks")
    names, _ = QFileDialog.getOpenFileNames(parent, title, "", file_filter())
    return [Path(n) for n in names]


class ImportDialog(QDialog):
    """Imports the files one after another; stays open with the result (or error) of each."""

    imported = Signal(object)      # ImportResult, once per file that worked
    all_done = Signal()

    def __init__(self, data_dir: Path, jobs: list[ImportJob], profile_id: int | None, parent=None) -> None:
        super().__init__(parent)
        self.data_dir, self.jobs, self.profile_id = data_dir, list(jobs), profile_id
        self.paths = [job.path for job in self.jobs]
        self.index = 0
        self.results: list[str] = []
        self.errors: list[str] = []
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS_PER_FILE * len(self.paths))
        self.bar.setValue(0)
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.report)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def start(self) -> None:
        self._next()

    def _next(self) -> None:
        if self.index >= len(self.paths):
            self._finish()
            return
        path = self.paths[self.index]
        self.status.setText(self.tr("Importing %1…").replace("%1", path.name))
        start_task(import_work(self.data_dir, self.jobs[self.index], self.profile_id), done=self._done,
                   failed=self._failed, progress=self._progress)

    def _progress(self, stage: str) -> None:
        self.bar.setValue(STEPS_PER_FILE * self.index + STAGES.get(stage, 0))
        name = self.paths[self.index].name
        text = self.tr("Reading %1…") if stage == "reading" else self.tr("Saving %1 to the database…")
        self.status.setText(text.replace("%1", name))

    def _done(self, result) -> None:
        path = self.paths[self.index]
        self.results.append(fill(self.tr("%1: %2 and %3 in %4; %5."), [
            path.name, self.tr("%n new item(s)", "", result.items_added),
            self.tr("%n updated", "", result.items_updated), ", ".join(result.decks),
            self.tr("%n answer(s) of history", "", result.answers_added)]))
        self.imported.emit(result)
        self._advance()

    def _failed(self, message: str) -> None:
        path = self.paths[self.index]
        self.errors.append(fill(self.tr("%1 was not imported: %2"), [path.name, message]))
        self._advance()

    def _advance(self) -> None:
        self.index += 1
        self.bar.setValue(STEPS_PER_FILE * self.index)
        self.report.setText("\n".join(self.results + self.errors))
        self.adjustSize()
        self._next()

    def _finish(self) -> None:
        ok, failed = len(self.results), len(self.errors)
        if failed and not ok:
            self.status.setText(self.tr("Nothing was imported."))
            self.status.setObjectName("error")
        else:
            self.status.setText(self.tr("Import finished: %n file(s) imported, %1 failed.", "", ok)
                                .replace("%1", str(failed)))
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.buttons.setEnabled(True)
        self.buttons.button(QDialogButtonBox.Close).setFocus()
        self.all_done.emit()
