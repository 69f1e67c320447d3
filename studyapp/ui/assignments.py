"""Class assignments in the window: Tools > Classroom > Import an assignment…, a .studyassign file dropped on the
window, and a section on the deck screen with each assignment's due date and the profile's progress.

`install(window)` hooks all of it into the main window. The checks and the import run in the store thread
(studyapp.classroom.assignments); a refusal comes back as one sentence in the interface language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QGroupBox, QLabel, QMessageBox, QVBoxLayout

from studyapp.classroom.assignment_format import SUFFIX
from studyapp.placeholders import fill
from studyapp.ui.content_names import deck_path
from studyapp.ui.content_problems import problem_text
from studyapp.ui.worker import Notice, as_sentence


def import_assignment(ws, path: str) -> dict:
    """Store-thread operation: check and import the assignment file; returns what the window tells."""
    from studyapp.classroom.assignments import AssignmentError
    from studyapp.classroom.assignments import import_assignment as check_and_import

    try:
        imported = check_and_import(ws.db, ws.data_dir, Path(path))
    except AssignmentError as exc:  # a problem code, in the interface language as the content layer's are
        raise Notice(as_sentence(problem_text(exc.problem))) from None
    a = imported.assignment
    return {"title": a.title, "due": a.due, "target": a.target, "signed_by": a.signed_by,
            "newly_trusted": imported.newly_trusted}


def assignment_progress(ws, profile_id: int) -> list[dict]:
    """Store-thread operation: every assignment with this profile's progress (Progress.as_json)."""
    from studyapp.classroom.assignments import progress

    return [p.as_json() for p in progress(ws.db, profile_id)]


def due_text(due: str) -> str:
    return QLocale().toString(QDate.fromString(due, Qt.ISODate), QLocale.ShortFormat)


class AssignmentsPanel(QGroupBox):
    """The deck screen's list of assignments, hidden while there is none; it also owns the menu action and
    takes .studyassign files dropped on the window."""

    imported = Signal(dict)     # an assignment was imported (import_assignment's result)
    refused = Signal(str)       # an assignment file was refused: the sentence shown
    shown = Signal(list)        # the rows on show, each time they are refreshed

    def __init__(self, window) -> None:
        super().__init__(window.decks)
        self.window = window
        self.rows: list[dict] = []
        self.lines = QVBoxLayout(self)
        self.box: QMessageBox | None = None
        self.action = QAction(window)
        self.action.triggered.connect(lambda: self.ask_import())
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Assignments"))
        self.action.setText(self.tr("Import an &assignment…"))
        self._fill()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------ the list

    def refresh(self) -> None:
        profile = self.window.decks.profile
        if profile is not None:
            self.window.backend.request(assignment_progress, profile["id"], done=self._show,
                                        failed=self.window.decks.error.setText)

    def _show(self, rows: list[dict]) -> None:
        self.rows = rows
        self._fill()
        self.shown.emit(rows)

    def line_text(self, row: dict) -> str:
        state = (self.tr("done") if row["done"] else self.tr("overdue") if row["overdue"] else "")
        text = fill(self.tr("%1 (%2): due %3, %4 of %5 answers"),
                    [row["title"], ", ".join(deck_path(deck) for deck in row["decks"]), due_text(row["due"]),
                     str(row["answers"]), str(row["target"])])
        return f"{text} · {state}" if state else text

    def _fill(self) -> None:
        while self.lines.count():
            old = self.lines.takeAt(0).widget()
            old.hide()  # at once: deleteLater leaves it on screen until the event loop runs
            old.deleteLater()
        for row in self.rows:
            label = QLabel(self.line_text(row))
            label.setWordWrap(True)
            if row["overdue"]:
                label.setObjectName("error")
            self.lines.addWidget(label)
        self.setVisible(bool(self.rows))

    # ------------------------------------------------------------ importing

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Import an assignment"), "",
                                              self.tr("Class assignments (*%1)").replace("%1", SUFFIX))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        if self.window.backend.data_dir is None:
            return
        self.window.backend.request(import_assignment, str(path), done=self._imported, failed=self._refused)

    def _imported(self, result: dict) -> None:
        signed = (self.tr("It is signed by the key %1: check with your teacher that it is theirs. From now on this "
                          "laptop takes only assignments and class models signed by it.") if result["newly_trusted"]
                  else self.tr("It is signed by your teacher's key %1.")).replace("%1", result["signed_by"])
        text = fill(self.tr("The assignment “%1” is imported: %n answer(s) by %2.", "", result["target"]),
                    [result["title"], due_text(result["due"])])
        self._tell(text + " " + signed, QMessageBox.Information)
        self.window.decks.refresh()  # the new decks, and (once they are shown) this list
        self.imported.emit(result)

    def _refused(self, message: str) -> None:
        self._tell(message, QMessageBox.Warning)
        self.refused.emit(message)

    def _tell(self, text: str, icon: QMessageBox.Icon) -> None:
        self.box = QMessageBox(icon, self.tr("Classroom"), text, QMessageBox.Ok, self.window)
        self.box.open()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Assignment files dropped on the window are imported here; any other files go on to the window's
        import."""
        if event.type() != QEvent.Drop or not event.mimeData().hasUrls():
            return False
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        mine = [p for p in paths if p.name.endswith(SUFFIX)]
        if not mine:
            return False
        event.acceptProposedAction()
        for path in mine:
            self.import_file(path)
        rest = [p for p in paths if p not in mine]
        if rest:
            self.window.import_export.import_files(rest)
        return True


def install(window) -> AssignmentsPanel:
    """The assignments section on the deck screen, the Classroom menu's action, and drops of assignment files."""
    panel = AssignmentsPanel(window)
    window.decks.layout().insertWidget(1, panel)
    window.decks.loaded.connect(lambda _rows: panel.refresh())
    window.classroom_menu.insertAction(window.act_install_model, panel.action)
    window.installEventFilter(panel)
    return panel
