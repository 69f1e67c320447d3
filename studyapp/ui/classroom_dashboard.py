"""The teacher's dashboard on the class's bundles: mastery per student by deck and by skill, the hardest items,
and who has not studied this week. Bundles are read and checked in the thread pool, never on the GUI thread."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.ui.classroom import BUNDLE_SUFFIX
from studyapp.ui.content_names import deck_path
from studyapp.ui.tasks import start_task
from studyapp.ui.worker import Notice


def report_work(paths: list[str]):
    """Pool job: the class report of these bundles (one sentence naming the file when one is unusable)."""

    def work(report):
        from pathlib import Path

        from studyapp.classroom.bundle import BundleError
        from studyapp.classroom.commands import read_bundles
        from studyapp.classroom.dashboard import class_report

        try:
            bundles = read_bundles([Path(p) for p in paths])
        except BundleError as exc:
            raise Notice(str(exc)) from None
        return len(bundles), class_report(bundles, int(time.time() * 1000))

    return work


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QTableWidget.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple]) -> None:
    """Rows in the report's order (by student; hardest first), which is the order a teacher reads them in."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(str(value)))


class ClassDashboard(QWidget):
    """Open a class's bundles and see what the class knows."""

    loaded = Signal(object)   # the ClassReport shown
    failed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.report = None
        self.task = None
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.ask_bundles)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.tabs = QTabWidget()
        self.by_deck, self.by_skill = _table(5), _table(5)
        self.hardest, self.inactive = _table(4), _table(1)
        for table in (self.by_deck, self.by_skill, self.hardest, self.inactive):
            self.tabs.addTab(table, "")
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        self.resize(820, 560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Class dashboard"))
        self.open_button.setText(self.tr("&Open bundles…"))
        if self.report is None:
            self.status.setText(self.tr("Open the bundles your students gave you (%1 files).").replace(
                "%1", BUNDLE_SUFFIX))
        mastery = [self.tr("Student"), self.tr("Group"), self.tr("Mastery"), self.tr("± 95%"), self.tr("Items")]
        for k, (table, title, heads) in enumerate((
                (self.by_deck, self.tr("By deck"), mastery), (self.by_skill, self.tr("By skill"), mastery),
                (self.hardest, self.tr("Hardest items"),
                 [self.tr("Right at first try"), self.tr("Students"), self.tr("Item"), self.tr("Deck")]),
                (self.inactive, self.tr("Not studied this week"), [self.tr("Student")]))):
            table.setHorizontalHeaderLabels(heads)
            self.tabs.setTabText(k, title)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def ask_bundles(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Class bundles"), "",
                                                self.tr("Class bundles (*%1)").replace("%1", BUNDLE_SUFFIX))
        if paths:
            self.open_bundles(paths)

    def open_bundles(self, paths: list[str]) -> None:
        self.open_button.setEnabled(False)
        self.status.setText(self.tr("Reading %n bundle(s)…", "", len(paths)))
        self.task = start_task(report_work(paths), done=self._show, failed=self._failed)

    def _failed(self, message: str) -> None:
        self.open_button.setEnabled(True)
        self.status.setText(message)
        self.failed.emit(message)

    def _show(self, result) -> None:
        students, report = result
        self.report = report
        self.open_button.setEnabled(True)
        self.status.setText(self.tr("%n student(s)", "", students))
        for table, rows in ((self.by_deck, report.by_deck), (self.by_skill, report.by_skill)):
            _fill(table, [(m.student, deck_path(m.group), f"{m.mastery:.0%}", f"{m.margin:.0%}", m.items)
                          for m in rows])
        _fill(self.hardest, [(f"{h.first_try_correct:.0%}", h.students, h.prompt, deck_path(h.deck))
                             for h in report.hardest])
        _fill(self.inactive, [(name,) for name in report.inactive])
        self.loaded.emit(report)
