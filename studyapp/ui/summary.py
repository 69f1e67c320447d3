"""The end of a session: answers, accuracy, time, and what improved."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.ui.cards import SummaryView
from studyapp.ui.content_names import deck_path


class SummaryPage(QWidget):
    done = Signal()
    undo = Signal()    # take back the session's last answer and go on with it

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.view: SummaryView | None = None
        self.setFocusPolicy(Qt.StrongFocus)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignCenter)
        self.figures: dict[str, tuple[QLabel, QLabel]] = {}
        grid = QGridLayout()
        for column, key in enumerate(("answers", "accuracy", "minutes", "new", "improved")):
            number, caption = QLabel(), QLabel()
            number.setObjectName("bigNumber")
            caption.setObjectName("quiet")
            number.setAlignment(Qt.AlignCenter)
            caption.setAlignment(Qt.AlignCenter)
            grid.addWidget(number, 0, column)
            grid.addWidget(caption, 1, column)
            self.figures[key] = (number, caption)
        self.report_title = QLabel()
        self.report_title.setObjectName("pageTitle")
        self.report = QTreeWidget()
        self.report.setColumnCount(4)
        self.report.setRootIsDecorated(True)
        self.report.setSelectionMode(QAbstractItemView.NoSelection)
        self.report.setFocusPolicy(Qt.NoFocus)
        self.report.setMinimumHeight(260)
        self.report.header().setSectionResizeMode(0, QHeaderView.Stretch)
        for column in (1, 2, 3):
            self.report.header().setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        for widget in (self.report_title, self.report, self.advice):
            widget.setVisible(False)
        self.back_button = QPushButton()
        self.back_button.setDefault(True)
        self.back_button.clicked.connect(self.done)
        self.undo_button = QPushButton()
        self.undo_button.setFocusPolicy(Qt.NoFocus)
        self.undo_button.clicked.connect(self._undo)
        self.undo_button.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title, 0, Qt.AlignCenter)
        layout.addSpacing(16)
        layout.addLayout(grid)
        layout.addSpacing(16)
        layout.addWidget(self.message)
        layout.addWidget(self.report_title)
        layout.addWidget(self.report, 3)
        layout.addWidget(self.advice)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        captions = {"answers": self.tr("answers"), "accuracy": self.tr("correct"), "minutes": self.tr("time"),
                    "new": self.tr("new items"), "improved": self.tr("improved")}
        for key, text in captions.items():
            self.figures[key][1].setText(text)
        self.back_button.setText(self.tr("Back to decks  [Enter]"))
        self.undo_button.setText(self.tr("Undo last answer  [Ctrl+Z]"))
        test = self.view is not None and self.view.mode == "test"
        self.title.setText(self.tr("Test finished") if test else self.tr("Session finished"))
        self.report_title.setText(self.tr("What you know"))
        self.report.setHeaderLabels([self.tr("Deck or skill"), self.tr("Mastery"), self.tr("Likely range (95%)"),
                                     self.tr("Questions asked")])
        if self.view is not None:
            self._fill()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_summary(self, view: SummaryView) -> None:
        self.view = view
        self.undo_button.setVisible(view.can_undo)
        self.retranslate()
        self.setFocus()

    def _undo(self) -> None:
        if self.view is not None and self.view.can_undo:
            self.undo_button.setVisible(False)
            self.undo.emit()

    def _fill(self) -> None:
        s = self.view.summary
        values = {"answers": str(s.answers), "accuracy": f"{round(100 * s.accuracy)}%",
                  "minutes": f"{int(s.minutes)}:{round(s.minutes * 60) % 60:02d}", "new": str(s.new_items),
                  "improved": str(s.improved)}
        for key, text in values.items():
            self.figures[key][0].setText(text)
        self._fill_report(self.view.report)
        self.message.setText(self.verdict_text(s))

    def verdict_text(self, s) -> str:
        """The summary's words follow the result (thresholds: Summary.VERDICTS)."""
        right = self.tr("%1 of %2 right.").replace("%1", str(s.correct)).replace("%2", str(s.answers))
        words = {
            "none": self.tr("Nothing to study right now: no item is due and today's new items are done. "
                            "Come back later, or practise."),
            "few": right,
            "strong": self.tr("Well done: %1").replace("%1", right),
            "good": self.tr("Good work: %1 The ones you missed come back soon.").replace("%1", right),
            "mixed": self.tr("A mixed session: %1 The items you missed will come back sooner, until they "
                             "stick.").replace("%1", right),
            "hard": self.tr("A hard session: %1 That is how new material starts. The items you missed come "
                            "back in a few minutes; shorter sessions more often help.").replace("%1", right),
        }
        text = words[s.verdict]
        if s.improved:
            text += " " + self.tr("%n item(s) you missed earlier in this session were right later.", "", s.improved)
        return text

    def _fill_report(self, report) -> None:
        for widget in (self.report_title, self.report, self.advice):
            widget.setVisible(report is not None)
        self.report.clear()
        if report is None:
            return
        for title, groups in ((self.tr("Decks"), report.decks), (self.tr("Skills"), report.skills)):
            if not groups:
                continue
            parent = QTreeWidgetItem([title])
            self.report.addTopLevelItem(parent)
            for g in groups:
                asked = self.tr("%1 of %2").replace("%1", str(g.asked)).replace("%2", str(g.items))
                if g.predicted_only:
                    mastery = self.tr("predicted %1, not asked").replace("%1", f"{round(100 * g.mastery)}%")
                    parent.addChild(QTreeWidgetItem([deck_path(g.name), mastery, "", asked]))
                else:
                    parent.addChild(QTreeWidgetItem([
                        deck_path(g.name), f"{round(100 * g.mastery)}%",
                        f"{round(100 * g.low)}–{round(100 * g.high)}%", asked]))
        self.report.expandAll()
        lines = [self.advice_text(line) for line in report.study_next]
        self.advice.setText("\n".join(lines) if lines else self.tr("Nothing stands out to study next."))

    def advice_text(self, line: str) -> str:
        """One line of the test's advice in the interface language (the study layer writes English)."""
        match = re.fullmatch(r"Study (.+): mastery about (\d+%) \(between (\d+%) and (\d+%)\)", line)
        if not match:
            return line
        text = self.tr("Study %1 next: mastery about %2 (between %3 and %4)").replace("%1", deck_path(match.group(1)))
        for n in range(2, 5):
            text = text.replace(f"%{n}", match.group(n))
        return text

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Z and event.modifiers() & Qt.ControlModifier:
            self._undo()
        elif event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space, Qt.Key_Escape):
            self.done.emit()
        else:
            super().keyPressEvent(event)
