"""The deck tree: new and due counts per deck, and the ways into it (study, practise, test, browse, import)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.ui import ops
from studyapp.ui.content_names import deck_leaf

COLUMNS = ("deck", "due", "new", "items", "answers", "mastery")
MASTERY = COLUMNS.index("mastery")


class DecksPage(QWidget):
    study = Signal(int, str, str)     # deck id, deck name, mode ("review", "practice", "test")
    browse = Signal(int)
    import_requested = Signal()
    export_requested = Signal(int, str)   # deck id, deck name
    statistics = Signal()
    loaded = Signal(list)             # the overview rows, each time the tree is filled
    mastery_shown = Signal(object)    # dict: deck id -> mastery figures (ops.deck_mastery), once the column is filled

    def __init__(self, backend, parent=None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.profile: dict | None = None
        self.learner = None      # set once the model is loaded: the mastery column needs it
        self.rows: list[dict] = []
        self.nodes: dict[int, QTreeWidgetItem] = {}
        self.test_available = False
        self.min_answers: int | None = None   # answers a deck needs before its mastery is shown, once known
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.notice = QLabel()
        self.notice.setObjectName("quiet")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(64)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.tree.itemActivated.connect(lambda *_: self._study("review"))
        self.buttons = {
            "review": QPushButton(), "practice": QPushButton(), "test": QPushButton(),
            "browse": QPushButton(), "import": QPushButton(), "export": QPushButton(), "stats": QPushButton(),
        }
        self.buttons["review"].clicked.connect(lambda: self._study("review"))
        self.buttons["practice"].clicked.connect(lambda: self._study("practice"))
        self.buttons["test"].clicked.connect(lambda: self._study("test"))
        self.buttons["browse"].clicked.connect(self._browse)
        self.buttons["import"].clicked.connect(self.import_requested)
        self.buttons["export"].clicked.connect(self._export)
        self.buttons["stats"].clicked.connect(self.statistics)
        self.error = QLabel()
        self.error.setObjectName("error")

        bar = QHBoxLayout()
        for key in ("review", "practice", "test"):
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        for key in ("browse", "stats", "import", "export"):
            bar.addWidget(self.buttons[key])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.error)
        self.retranslate()

    def retranslate(self) -> None:
        name = self.profile["name"] if self.profile else ""
        self.title.setText(self.tr("Decks for %1").replace("%1", name) if name else self.tr("Decks"))
        self.tree.setHeaderLabels([self.tr("Deck"), self.tr("Due"), self.tr("New"), self.tr("Items"),
                                   self.tr("Answers"), self.tr("Mastery")])
        tip = self.tr("What you know of the items you have answered, as the learner model sees it, with its likely "
                      "range (95%).")
        if self.min_answers is not None:
            tip += " " + self.tr("It is shown once a deck has %1 answers: fewer say too little.").replace(
                "%1", str(self.min_answers))
        self.tree.headerItem().setToolTip(MASTERY, tip)
        texts = {
            "review": self.tr("&Study"), "practice": self.tr("&Practise"), "test": self.tr("T&est"),
            "browse": self.tr("&Browse"), "import": self.tr("&Import…"), "stats": self.tr("St&atistics"),
            "export": self.tr("E&xport…"),
        }
        for key, text in texts.items():
            self.buttons[key].setText(text)
        for node in self.nodes.values():  # the built-in decks' names follow the language
            node.setText(0, deck_leaf(node.data(0, Qt.UserRole)["name"]))
        self.buttons["review"].setToolTip(self.tr("Study due and new items of the selected deck (Enter)"))
        self.buttons["practice"].setToolTip(self.tr("Practise items at the right difficulty"))
        self.buttons["test"].setEnabled(self.test_available)
        self.buttons["test"].setToolTip(
            self.tr("A short adaptive test of what you know") if self.test_available
            else self.tr("The adaptive test needs the learner model, which is not available"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_test_available(self, available: bool) -> None:
        self.test_available = available
        self.retranslate()

    def set_profile(self, profile: dict) -> None:
        self.profile = profile
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        if self.profile is not None:
            self.backend.request(ops.decks, self.profile["id"], done=self._show, failed=self.error.setText)

    def _show(self, rows: list[dict]) -> None:
        selected = self.selected_deck()
        self.rows = rows
        self.tree.clear()
        nodes: dict[int, QTreeWidgetItem] = {}
        for row in rows:  # parents sort before their children ("A" < "A::B")
            parent = nodes.get(row["parent_id"])
            node = QTreeWidgetItem([deck_leaf(row["name"]), str(row["due"]), str(row["new"]),
                                    str(row["items"]), str(row["answers"]), ""])
            node.setData(0, Qt.UserRole, row)
            for column in range(1, len(COLUMNS)):
                node.setTextAlignment(column, Qt.AlignRight | Qt.AlignVCenter)
            (parent.addChild(node) if parent else self.tree.addTopLevelItem(node))
            nodes[row["id"]] = node
        self.tree.expandAll()
        keep = nodes.get(selected["id"]) if selected else None
        self.tree.setCurrentItem(keep or self.tree.topLevelItem(0))
        self.tree.setFocus()
        self.nodes = nodes
        self.loaded.emit(rows)
        if self.learner is not None and any(row["answers"] for row in rows):
            self.backend.request(ops.deck_mastery, self.profile["id"], self.learner, done=self._show_mastery,
                                 failed=self.error.setText)

    def set_learner(self, learner) -> None:
        self.learner = learner
        self.refresh()

    def mastery_text(self, figures: dict | None) -> str:
        """A deck's mastery with its range, or why there is none yet ("" for a deck without answers)."""
        if figures is None:
            return ""
        if figures["mastery"] is None:
            return self.tr("not enough answers yet")
        return self.tr("%1% (%2–%3%)").replace("%1", str(round(100 * figures["mastery"]))).replace(
            "%2", str(round(100 * figures["mastery_low"]))).replace("%3", str(round(100 * figures["mastery_high"])))

    def _show_mastery(self, result: tuple[int, dict[int, dict]]) -> None:
        self.min_answers, mastery = result
        self.retranslate()
        for deck_id, node in self.nodes.items():
            figures = mastery.get(deck_id)
            node.setText(MASTERY, self.mastery_text(figures))
            node.setToolTip(MASTERY, self.tr("From %1 answers").replace("%1", str(figures["mastery_answers"]))
                            if figures else "")
        self.mastery_shown.emit(mastery)

    def selected_deck(self) -> dict | None:
        node = self.tree.currentItem()
        return node.data(0, Qt.UserRole) if node else None

    def _study(self, mode: str) -> None:
        deck = self.selected_deck()
        if deck is not None:
            self.study.emit(deck["id"], deck["name"], mode)

    def _export(self) -> None:
        deck = self.selected_deck()
        if deck is not None:
            self.export_requested.emit(deck["id"], deck["name"])

    def _browse(self) -> None:
        deck = self.selected_deck()
        self.browse.emit(deck["id"] if deck else 0)

    def set_notice(self, text: str) -> None:
        self.notice.setText(text)
