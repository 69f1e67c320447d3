"""The end of a session: answers, accuracy, time, and what improved."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studyapp.ui.cards import SummaryView


class SummaryPage(QWidget):
    done = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.view: SummaryView | None = None
        self.setFocusPolicy(Qt.StrongFocus)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.message = QLabel()
        self.message.setWordWrap(True)
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
        self.back_button = QPushButton()
        self.back_button.setDefault(True)
        self.back_button.clicked.connect(self.done)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title, 0, Qt.AlignCenter)
        layout.addSpacing(16)
        layout.addLayout(grid)
        layout.addSpacing(16)
        layout.addWidget(self.message, 0, Qt.AlignCenter)
        layout.addSpacing(16)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        captions = {"answers": self.tr("answers"), "accuracy": self.tr("correct"), "minutes": self.tr("minutes"),
                    "new": self.tr("new items"), "improved": self.tr("improved")}
        for key, text in captions.items():
            self.figures[key][1].setText(text)
        self.back_button.setText(self.tr("Back to decks  [Enter]"))
        self.title.setText(self.tr("Session finished"))
        if self.view is not None:
            self._fill()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_summary(self, view: SummaryView) -> None:
        self.view = view
        self._fill()
        self.setFocus()

    def _fill(self) -> None:
        s = self.view.summary
        values = {"answers": str(s.answers), "accuracy": f"{round(100 * s.accuracy)}%",
                  "minutes": f"{s.minutes:.1f}", "new": str(s.new_items), "improved": str(s.improved)}
        for key, text in values.items():
            self.figures[key][0].setText(text)
        if s.answers == 0:
            self.message.setText(self.tr("Nothing to study right now: no item is due and today's new items are "
                                         "done. Come back later, or practise."))
        elif s.improved:
            self.message.setText(self.tr("%1 item(s) you missed earlier in this session were right the second "
                                         "time.").replace("%1", str(s.improved)))
        else:
            self.message.setText(self.tr("Well done. Your answers are saved."))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space, Qt.Key_Escape):
            self.done.emit()
        else:
            super().keyPressEvent(event)
