"""The browser: search items, add, edit, delete and move them between decks, with undo (Ctrl+Z)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QInputDialog,
    QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from studyapp.content.expand import checked_items
from studyapp.content.model import KINDS, ContentError, Item
from studyapp.ui import items_ops
from studyapp.ui.content_names import deck_path, display_text

COLUMNS = ("prompt", "answer", "kind", "deck", "tags")


def kind_names() -> dict[str, str]:
    return {
        "basic": QCoreApplication.translate("BrowserPage", "Flashcard"),
        "reversed": QCoreApplication.translate("BrowserPage", "Two-way card"),
        "cloze": QCoreApplication.translate("BrowserPage", "Cloze"),
        "choice": QCoreApplication.translate("BrowserPage", "Multiple choice"),
        "typed": QCoreApplication.translate("BrowserPage", "Typed answer"),
        "truefalse": QCoreApplication.translate("BrowserPage", "True/false"),
    }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ItemEditor(QDialog):
    """Every field of an item; the item is checked (Item.validate) before the dialog closes."""

    def __init__(self, decks: list[dict], deck_id: int | None, item: Item | None, parent=None) -> None:
        super().__init__(parent)
        self.deck = QComboBox()
        for deck in decks:
            self.deck.addItem(deck_path(deck["name"]), deck["id"])
        if deck_id is not None:
            self.deck.setCurrentIndex(max(0, self.deck.findData(deck_id)))
        self.kind = QComboBox()
        names = kind_names()
        for kind in KINDS:
            self.kind.addItem(names[kind], kind)
        self.prompt = QPlainTextEdit()
        self.prompt.setTabChangesFocus(True)
        self.prompt.setFixedHeight(80)
        self.answer = QLineEdit()
        self.options = QPlainTextEdit()
        self.options.setTabChangesFocus(True)
        self.options.setFixedHeight(70)
        self.also_accepted = QLineEdit()
        self.hint = QLineEdit()
        self.explanation = QLineEdit()
        self.tags = QLineEdit()
        self.skill = QLineEdit()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.labels = [QLabel() for _ in range(10)]
        fields = (self.deck, self.kind, self.prompt, self.answer, self.options, self.also_accepted, self.hint,
                  self.explanation, self.tags, self.skill)
        form = QFormLayout()
        for label, widget in zip(self.labels, fields):
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(720)
        if item is not None:
            self._fill(item)
        self.retranslate(item is None)

    def retranslate(self, new: bool) -> None:
        self.setWindowTitle(self.tr("Add item") if new else self.tr("Edit item"))
        texts = [self.tr("&Deck"), self.tr("&Kind"), self.tr("&Prompt"), self.tr("&Answer"),
                 self.tr("&Options (one per line)"), self.tr("A&lso accepted (separate with |)"), self.tr("&Hint"),
                 self.tr("&Explanation"), self.tr("&Tags (separate with spaces)"), self.tr("&Skill")]
        for label, text in zip(self.labels, texts):
            label.setText(text)
            # The size hint leaves no room for a closing bracket's overhang; a few pixels more keep it whole.
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(text.replace("&", "")) + 6)
        self.prompt.setPlaceholderText(self.tr("For a cloze, mark the gaps: {{c1::Paris}} is the capital of France"))

    def _fill(self, item: Item) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
        self.prompt.setPlainText(item.prompt)
        self.answer.setText(item.answer)
        self.options.setPlainText("\n".join(item.options))
        self.also_accepted.setText(" | ".join(item.accepted))
        self.hint.setText(item.hint)
        self.explanation.setText(item.explanation)
        self.tags.setText(" ".join(item.tags))
        self.skill.setText(item.skill)
        self._original = item

    def item(self) -> Item:
        base = getattr(self, "_original", None)
        return Item(
            kind=self.kind.currentData(), prompt=self.prompt.toPlainText().strip(), answer=self.answer.text().strip(),
            options=_lines(self.options.toPlainText()),
            accepted=[a.strip() for a in self.also_accepted.text().split("|") if a.strip()],
            hint=self.hint.text().strip(), explanation=self.explanation.text().strip(),
            tags=self.tags.text().split(), skill=self.skill.text().strip(),
            guid=base.guid if base else "", ord=base.ord if base else 0,
            suspended=base.suspended if base else False, media=list(base.media) if base else [],
        )

    def deck_id(self) -> int:
        return self.deck.currentData()

    def accept(self) -> None:
        try:
            checked_items(self.item())
        except ContentError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


class BrowserPage(QWidget):
    back = Signal()
    loaded = Signal(int)      # rows shown
    changed = Signal()        # an item was added, edited, deleted or moved

    def __init__(self, backend, parent=None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.deck_id: int | None = None
        self.deck_name = ""
        self.undo_stack: list[items_ops.Undo] = []
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)  # deck order until a click
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.buttons = {key: QPushButton() for key in ("add", "edit", "delete", "move", "undo", "back")}
        for key, slot in (("add", self.add_item), ("edit", self.edit_selected), ("delete", self.delete_selected),
                          ("move", self.move_selected), ("undo", self.undo), ("back", self.back)):
            self.buttons[key].clicked.connect(slot)
        self.status = QLabel()
        self.status.setObjectName("quiet")
        # Keys the table and search box leave alone reach keyPressEvent below.
        self.keys = {
            (Qt.Key_N, True): self.add_item, (Qt.Key_Return, False): self.edit_selected,
            (Qt.Key_Enter, False): self.edit_selected, (Qt.Key_Delete, False): self.delete_selected,
            (Qt.Key_M, True): self.move_selected, (Qt.Key_Z, True): self.undo, (Qt.Key_F, True): self.search.setFocus,
            (Qt.Key_Escape, False): self.back.emit,
        }

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.buttons["back"])
        bar = QHBoxLayout()
        for key in ("add", "edit", "delete", "move", "undo"):
            bar.addWidget(self.buttons[key])
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Browse: %1").replace("%1", deck_path(self.deck_name)) if self.deck_name
                           else self.tr("Browse all decks"))
        self.search.setPlaceholderText(self.tr("Search prompts, answers, tags and skills  [Ctrl+F]"))
        self.model.setHorizontalHeaderLabels([self.tr("Prompt"), self.tr("Answer"), self.tr("Kind"), self.tr("Deck"),
                                              self.tr("Tags")])
        texts = {"add": self.tr("Add  [Ctrl+N]"), "edit": self.tr("Edit  [Enter]"),
                 "delete": self.tr("Delete  [Del]"), "move": self.tr("Move to deck…  [Ctrl+M]"),
                 "undo": self.tr("Undo  [Ctrl+Z]"), "back": self.tr("Back  [Esc]")}
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self.buttons["undo"].setEnabled(bool(self.undo_stack))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_for(self, deck_id: int | None, deck_name: str) -> None:
        self.deck_id, self.deck_name = deck_id, deck_name
        self.undo_stack.clear()
        self.retranslate()
        self.refresh()
        self.search.setFocus()

    def refresh(self) -> None:
        self.backend.request(items_ops.search_items, self.search.text(), self.deck_id, done=self._show,
                             failed=self.status.setText)

    def _show(self, rows: list[dict]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        names = kind_names()
        shown = {"kind": lambda kind: names.get(kind, kind), "deck": deck_path,  # built-in names translated
                 "tags": lambda tags: " ".join(display_text(tag) for tag in tags.split())}
        for row in rows:
            cells = [QStandardItem(shown.get(c, str)(row[c])) for c in COLUMNS]
            cells[0].setData(row["id"], Qt.UserRole)
            cells[0].setData(row["deck_id"], Qt.UserRole + 1)
            self.model.appendRow(cells)
        for column, width in enumerate((300, 220, 80, 220)):
            self.table.setColumnWidth(column, width)
        if rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.status.setText(self.tr("%n item(s)", "", len(rows)))
        self.loaded.emit(len(rows))

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows(0)
        return [self.proxy.data(index, Qt.UserRole) for index in rows]

    # ------------------------------------------------------------ changes

    def _apply(self, fn, *args) -> None:
        self.backend.request(fn, *args, done=self._applied, failed=self.status.setText)

    def _applied(self, undo: items_ops.Undo) -> None:
        self.undo_stack.append(undo)
        self.buttons["undo"].setEnabled(True)
        self.changed.emit()
        self.refresh()

    def undo(self) -> None:
        if self.undo_stack:
            step = self.undo_stack.pop()
            self.buttons["undo"].setEnabled(bool(self.undo_stack))
            self.backend.request(step.fn, *step.args, done=lambda _redo: (self.changed.emit(), self.refresh()),
                                 failed=self.status.setText)

    def add_item(self) -> None:
        self.backend.request(items_ops.deck_choices, done=lambda decks: self._open_editor(decks, None, None),
                             failed=self.status.setText)

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.backend.request(lambda ws, i: (items_ops.deck_choices(ws), items_ops.load_item(ws, i)), ids[0],
                                 done=lambda value: self._open_editor(value[0], value[1], ids[0]),
                                 failed=self.status.setText)

    def _open_editor(self, decks: list[dict], item, item_id: int | None) -> ItemEditor:
        deck_id = item.deck_id if item is not None else self.deck_id
        editor = ItemEditor(decks, deck_id, item, self)
        editor.accepted.connect(lambda: self._save(editor, item_id))
        self.editor = editor
        editor.open()
        return editor

    def _save(self, editor: ItemEditor, item_id: int | None) -> None:
        if item_id is None:
            self._apply(items_ops.add_item, editor.deck_id(), editor.item())
        else:
            self._apply(items_ops.edit_item, item_id, editor.deck_id(), editor.item())

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._apply(items_ops.set_deleted, ids, True)

    def move_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.backend.request(items_ops.deck_choices, done=lambda decks: self._ask_deck(decks, ids),
                                 failed=self.status.setText)

    def _ask_deck(self, decks: list[dict], ids: list[int]) -> None:
        names = [deck_path(d["name"]) for d in decks]
        name, ok = QInputDialog.getItem(self, self.tr("Move items"), self.tr("Move %n item(s) to deck:", "",
                                                                                 len(ids)), names, 0, False)
        if ok and name in names:
            self.move_to(ids, decks[names.index(name)]["id"])

    def move_to(self, ids: list[int], deck_id: int) -> None:
        self._apply(items_ops.move_items, ids, deck_id)

    def keyPressEvent(self, event) -> None:
        action = self.keys.get((event.key(), bool(event.modifiers() & Qt.ControlModifier)))
        if action is not None:
            action()
        else:
            super().keyPressEvent(event)
