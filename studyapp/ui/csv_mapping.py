"""Importing a spreadsheet (.csv, .tsv, .txt): the first rows shown, a role chosen for each column, a deck name,
and for a .txt file which program wrote it. The choices become `read_file`'s keyword arguments."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from studyapp.content.delimited import (
    COLUMN_ALIASES,
    DEFAULT_COLUMNS,
    DELIMITERS,
    IGNORE,
    canonical_column,
    detect_delimiter,
)
from studyapp.ui.tasks import start_task

DELIMITED_SUFFIXES = (".csv", ".tsv", ".txt")
PREVIEW_BYTES = 64 * 1024
PREVIEW_ROWS = 8
ROLES = (*COLUMN_ALIASES, IGNORE)
FORMATS = ("csv", "quizlet", "mnemosyne")   # `file_format` values offered for a .txt file


@dataclass(frozen=True)
class ImportJob:
    path: Path
    options: dict = field(default_factory=dict)   # keyword arguments of read_file


@dataclass(frozen=True)
class Preview:
    rows: list[list[str]]     # the first rows, header included
    roles: list[str]          # a suggested role per column
    has_header: bool = False  # the first row names a prompt and an answer (the reader skips it)
    delimiter: str = ","      # the separator the rows were split at
    lines: list[str] = field(default_factory=list)   # the first lines as they are, to split at another separator


def is_delimited(path: Path) -> bool:
    return path.suffix.lower() in DELIMITED_SUFFIXES


def header_roles(first_row: list[str]) -> list[str] | None:
    """The roles a header row names, if it names a prompt and an answer as the reader requires (else None)."""
    header = [canonical_column(cell) for cell in first_row]
    return [role or IGNORE for role in header] if "prompt" in header and "answer" in header else None


def suggested_roles(first_row: list[str], width: int) -> list[str]:
    """The header's roles (unknown names ignored), else the reader's default columns."""
    roles = header_roles(first_row) or DEFAULT_COLUMNS[:width]
    return (roles + [IGNORE] * width)[:width]


def split_preview(lines: list[str], delimiter: str) -> Preview:
    """The first lines split at `delimiter` as the reader splits them, with a role suggested per column."""
    rows = [r for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter) if any(c.strip() for c in r)]
    rows = rows[:PREVIEW_ROWS]
    width = max((len(r) for r in rows), default=2)
    first_row = rows[0] if rows else []
    return Preview(rows, suggested_roles(first_row, max(width, 2)), header_roles(first_row) is not None,
                   delimiter, lines)


def read_preview(path: Path) -> Preview:
    """The start of the file, split at the separator the reader detects (runs in the pool: it reads the disk)."""
    with open(path, "rb") as handle:
        raw = handle.read(PREVIEW_BYTES)
    text = raw.decode("utf-8-sig", errors="replace")
    lines = text.splitlines()[:PREVIEW_ROWS + 1]
    return split_preview(lines, detect_delimiter(path, "\n".join(lines)))


def role_names() -> dict[str, str]:
    # Spelled out call by call so that lupdate finds each string.
    return {
        "prompt": QCoreApplication.translate("ColumnMappingDialog", "Prompt"),
        "answer": QCoreApplication.translate("ColumnMappingDialog", "Answer"),
        "kind": QCoreApplication.translate("ColumnMappingDialog", "Kind"),
        "options": QCoreApplication.translate("ColumnMappingDialog", "Options"),
        "accepted": QCoreApplication.translate("ColumnMappingDialog", "Accepted answers"),
        "tags": QCoreApplication.translate("ColumnMappingDialog", "Tags"),
        "hint": QCoreApplication.translate("ColumnMappingDialog", "Hint"),
        "explanation": QCoreApplication.translate("ColumnMappingDialog", "Explanation"),
        "skill": QCoreApplication.translate("ColumnMappingDialog", "Skill"),
        IGNORE: QCoreApplication.translate("ColumnMappingDialog", "(ignore)"),
    }


def delimiter_names() -> dict[str, str]:
    return {",": QCoreApplication.translate("ColumnMappingDialog", "Comma ( , )"),
            ";": QCoreApplication.translate("ColumnMappingDialog", "Semicolon ( ; )"),
            "\t": QCoreApplication.translate("ColumnMappingDialog", "Tab"),
            "|": QCoreApplication.translate("ColumnMappingDialog", "Vertical bar ( | )")}


def format_names() -> dict[str, str]:
    return {"csv": QCoreApplication.translate("ColumnMappingDialog", "Spreadsheet (columns as chosen below)"),
            "quizlet": QCoreApplication.translate("ColumnMappingDialog", "Quizlet export (term, definition)"),
            "mnemosyne": QCoreApplication.translate("ColumnMappingDialog", "Mnemosyne export")}


class ColumnMappingDialog(QDialog):
    """OK is enabled only while the choices can be imported; the reason it is not is shown above it."""

    def __init__(self, path: Path, preview: Preview, parent=None) -> None:
        super().__init__(parent)
        self.path = path
        self.preview = preview
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.deck_name = QLineEdit(path.name.split(".")[0])
        self.deck_name.setMaxLength(200)
        self.deck_name.textChanged.connect(self._check)
        self.file_format = QComboBox()
        for key in FORMATS:
            self.file_format.addItem("", key)
        self.file_format.currentIndexChanged.connect(self._format_changed)
        self.separator = QComboBox()
        for key in DELIMITERS:
            self.separator.addItem("", key)
        self.separator.setCurrentIndex(DELIMITERS.index(preview.delimiter))
        self.separator.currentIndexChanged.connect(self._separator_changed)
        self.labels = [QLabel(), QLabel(), QLabel()]
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.roles: list[QComboBox] = []
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        form = QFormLayout()
        form.addRow(self.labels[0], self.deck_name)
        form.addRow(self.labels[1], self.file_format)
        form.addRow(self.labels[2], self.separator)
        for label, widget in zip(self.labels, (self.deck_name, self.file_format, self.separator)):
            label.setBuddy(widget)
        ambiguous = path.suffix.lower() == ".txt"
        self.labels[1].setVisible(ambiguous)
        self.file_format.setVisible(ambiguous)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 440)
        self._show_preview(preview)
        self.retranslate()

    def _show_preview(self, preview: Preview) -> None:
        """The rows split into columns, a role chooser above each column."""
        self.preview = preview
        self.table.clear()
        self.table.setRowCount(len(preview.rows) + 1)
        self.table.setColumnCount(len(preview.roles))
        self.roles = []
        names = role_names()
        for column, role in enumerate(preview.roles):
            combo = QComboBox()
            for key in ROLES:
                combo.addItem(names[key], key)
            combo.setCurrentIndex(ROLES.index(role))
            combo.currentIndexChanged.connect(self._check)
            self.table.setCellWidget(0, column, combo)
            self.roles.append(combo)
        for row, cells in enumerate(preview.rows, start=1):
            for column, cell in enumerate(cells):
                entry = QTableWidgetItem(cell)
                if row == 1 and preview.has_header:   # shown muted: the reader skips it
                    entry.setFlags(Qt.NoItemFlags)
                self.table.setItem(row, column, entry)
        self._format_changed()

    def _separator_changed(self) -> None:
        self._show_preview(split_preview(self.preview.lines, self.separator.currentData()))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import %1").replace("%1", self.path.name))
        self.hint.setText(self.tr("Choose what each column holds. A header row that names a prompt and an answer "
                                  "is skipped."))
        self.labels[0].setText(self.tr("&Deck name"))
        self.labels[1].setText(self.tr("&Written by"))
        self.labels[2].setText(self.tr("Columns &separated by"))
        for index, key in enumerate(FORMATS):
            self.file_format.setItemText(index, format_names()[key])
        for index, key in enumerate(DELIMITERS):
            self.separator.setItemText(index, delimiter_names()[key])
        names = role_names()
        for combo in self.roles:
            for index, key in enumerate(ROLES):
                combo.setItemText(index, names[key])
        self._check()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _format_changed(self) -> None:
        """Quizlet's and Mnemosyne's exports have fixed columns; Mnemosyne's also names its own decks."""
        spreadsheet = self.file_format.currentData() == "csv"
        for combo in self.roles:
            combo.setEnabled(spreadsheet)
        self.separator.setEnabled(spreadsheet)
        self.deck_name.setEnabled(self.file_format.currentData() != "mnemosyne")
        self._check()

    def _check(self) -> None:
        """OK only while the choices can work, and the reason why not in its place."""
        problem = self.problem()
        self.error.setText(problem or "")
        self.ok_button.setEnabled(problem is None)

    def columns(self) -> list[str]:
        return [combo.currentData() for combo in self.roles]

    def options(self) -> dict:
        fmt = self.file_format.currentData()
        if fmt == "mnemosyne":
            return {"file_format": fmt}
        options = {"deck_name": self.deck_name.text().strip(), "file_format": fmt}
        if fmt == "csv":
            options["columns"] = self.columns()
            options["delimiter"] = self.separator.currentData()
        return options

    def problem(self) -> str | None:
        if self.file_format.currentData() != "mnemosyne" and not self.deck_name.text().strip():
            return self.tr("Give the deck a name.")
        if self.file_format.currentData() != "csv":
            return None
        if max((len(row) for row in self.preview.rows), default=0) < 2:
            return self.tr("The rows have one column only: choose the character that separates the columns.")
        chosen = [c for c in self.columns() if c != IGNORE]
        names = role_names()
        for needed in ("prompt", "answer"):
            if needed not in chosen:
                return self.tr("Choose the column that holds the %1.").replace("%1", names[needed].lower())
        twice = next((c for c in chosen if chosen.count(c) > 1), None)
        if twice:
            return self.tr("Only one column can be %1.").replace("%1", names[twice])
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        super().accept()


class ImportPlan(QObject):
    """Turns the files to import into jobs, asking for the columns of each spreadsheet in turn.
    A spreadsheet whose mapping is cancelled is left out; one whose start cannot be read goes to the
    importer as it is, which then names the problem."""

    ready = Signal(list)      # ImportJob per file to import (possibly none)

    def __init__(self, paths: list[Path], parent) -> None:
        super().__init__(parent)
        self.waiting = list(paths)
        self.jobs: list[ImportJob] = []
        self.dialog: ColumnMappingDialog | None = None
        self.current: Path | None = None
        self.task = None

    def start(self) -> None:
        while self.waiting:
            path = self.waiting.pop(0)
            if is_delimited(path) and path.is_file():
                self.current = path
                # Bound methods, and the task kept until it reports: its result must not be dropped with it.
                self.task = start_task(lambda _report: read_preview(path), done=self._ask, failed=self._unread)
                return
            self.jobs.append(ImportJob(path))
        self.ready.emit(self.jobs)

    def _take(self, job: ImportJob | None) -> None:
        if job is not None:
            self.jobs.append(job)
        self.dialog = self.task = None
        self.start()

    def _unread(self, _message: str) -> None:
        self._take(ImportJob(self.current))

    def _ask(self, preview: Preview) -> None:
        path = self.current
        dialog = ColumnMappingDialog(path, preview, self.parent())
        dialog.accepted.connect(lambda: self._take(ImportJob(path, dialog.options())))
        dialog.rejected.connect(lambda: self._take(None))
        self.dialog = dialog
        dialog.open()
