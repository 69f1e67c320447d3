"""The browser: items of a deck (or all), with their schedule, searched; the selected item's answers beside
them; add, edit, delete and move items between decks, with undo (Ctrl+Z)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.content.expand import checked_items
from studyapp.content.model import KINDS, ContentError, Item, edited_in_language, in_language
from studyapp.ui import items_ops
from studyapp.ui.content_names import deck_leaf, deck_path, display_text
from studyapp.ui.content_problems import problem_text
from studyapp.ui.i18n import LANGUAGES, interface_language
from studyapp.ui.study import grade_names, interval_text

COLUMNS = ("prompt", "answer", "due", "interval", "kind", "deck", "tags")
SORT_ROLE = Qt.UserRole + 2   # what a column sorts by: its text, or the time for due and interval
NEVER = float("inf")          # an item never answered sorts after every date and interval

# The fields each kind uses beyond deck, kind, prompt, tags and skill; the others are hidden in the editor and
# left empty in the item it makes.
KIND_FIELDS = {
    "basic": {"answer", "hint", "explanation"},
    "reversed": {"answer", "hint", "explanation"},
    "cloze": {"answer", "accepted", "hint", "explanation"},
    "choice": {"answer", "options", "hint", "explanation"},
    "typed": {"answer", "accepted", "hint", "explanation"},
    "truefalse": {"answer", "hint", "explanation"},
}


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


def _shown_tag(tag: str) -> str:
    """A tag in the interface language as one word of the space-separated tags field ("第 1 周期" -> "第1周期")."""
    return display_text(tag).replace(" ", "")


class ItemEditor(QDialog):
    """Every field of an item; the item is checked (Item.validate) before the dialog closes.

    The texts are those the student sees, in the interface `language`: an item with a translation into it is
    edited in that translation (a note says so) and its own text stays; any other item, in its own text."""

    def __init__(self, decks: list[dict], deck_id: int | None, item: Item | None, parent=None,
                 language: str = "en") -> None:
        super().__init__(parent)
        self._original, self.language = item, language
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
        self.note = QLabel()
        self.note.setObjectName("quiet")
        self.note.setWordWrap(True)
        self.note.setVisible(item is not None and language in item.translations)
        self.labels = [QLabel() for _ in range(10)]
        self.fields = {"deck": self.deck, "kind": self.kind, "prompt": self.prompt, "answer": self.answer,
                       "options": self.options, "accepted": self.also_accepted, "hint": self.hint,
                       "explanation": self.explanation, "tags": self.tags, "skill": self.skill}
        self.form = form = QFormLayout()
        for label, widget in zip(self.labels, self.fields.values()):
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.kind.currentIndexChanged.connect(self._show_fields)
        self.prompt.textChanged.connect(self._show_fields)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(720)
        if item is not None:
            self._fill(in_language(item, language))
        self.retranslate(item is None)
        self._show_fields()

    def uses(self, name: str) -> bool:
        """Whether the item's kind uses the field. A cloze's answer is the text of its gap, written in the prompt
        ({{c1::...}}) for a new one; an item made from one gap has it as its answer."""
        kind = self.kind.currentData()
        if name not in KIND_FIELDS["typed"] | KIND_FIELDS["choice"]:
            return True
        if kind == "cloze" and name == "answer":
            return "{{c" not in self.prompt.toPlainText()
        return name in KIND_FIELDS[kind]

    def _show_fields(self) -> None:
        for row, name in enumerate(self.fields):
            self.form.setRowVisible(row, self.uses(name))
        self.adjustSize()

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
        self.note.setText(self.tr("You are editing the %1 text of this item; the text the deck gives it stays as it "
                                  "is.").replace("%1", LANGUAGES.get(self.language, self.language)))

    def _fill(self, item: Item) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
        self.prompt.setPlainText(item.prompt)
        self.answer.setText(item.answer)
        self.options.setPlainText("\n".join(item.options))
        self.also_accepted.setText(" | ".join(item.accepted))
        self.hint.setText(item.hint)
        self.explanation.setText(item.explanation)
        self.tags.setText(" ".join(_shown_tag(tag) for tag in item.tags))
        self.skill.setText(display_text(item.skill))

    def item(self) -> Item:
        """The item to store: the fields as edited, in the language they were shown in (see the class)."""
        base = self._original
        edited = Item(
            kind=self.kind.currentData(), prompt=self.prompt.toPlainText().strip(),
            answer=self.answer.text().strip() if self.uses("answer") else "",
            options=_lines(self.options.toPlainText()) if self.uses("options") else [],
            accepted=[a.strip() for a in self.also_accepted.text().split("|") if a.strip()]
            if self.uses("accepted") else [],
            hint=self.hint.text().strip(), explanation=self.explanation.text().strip(),
            tags=self._stored_tags(), skill=self._stored_skill(),
            guid=base.guid if base else "", ord=base.ord if base else 0,
            suspended=base.suspended if base else False, media=list(base.media) if base else [],
        )
        return edited if base is None else edited_in_language(base, edited, self.language)

    def _stored_tags(self) -> list[str]:
        """The tags as typed, a built-in tag still shown in the interface language stored as the deck has it."""
        stored = {_shown_tag(tag): tag for tag in self._original.tags} if self._original else {}
        return [stored.get(tag, tag) for tag in self.tags.text().split()]

    def _stored_skill(self) -> str:
        skill = self.skill.text().strip()
        base = self._original
        return base.skill if base and skill == display_text(base.skill) else skill

    def deck_id(self) -> int:
        return self.deck.currentData()

    def accept(self) -> None:
        try:
            checked_items(self.item())
        except ContentError as exc:
            self.error.setText(problem_text(exc.problem))
            return
        super().accept()


class BrowserPage(QWidget):
    back = Signal()
    loaded = Signal(int)      # rows shown
    changed = Signal()        # an item was added, edited, deleted or moved

    history_shown = Signal(int)   # rows in the selected item's history

    def __init__(self, backend, parent=None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.profile_id: int | None = None
        self.deck_id: int | None = None
        self.deck_name = ""
        self.deck_names: dict[int, str] = {}
        self.undo_stack: list[items_ops.Undo] = []
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.deck_box = QComboBox()
        self.deck_box.setMinimumContentsLength(20)
        self.deck_box.activated.connect(lambda _index: self.choose_deck(self.deck_box.currentData()))
        self.deck_label = QLabel()
        self.deck_label.setBuddy(self.deck_box)
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
        self.proxy.setSortRole(SORT_ROLE)
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
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._request_history())
        self.history_title = QLabel()
        self.history_title.setObjectName("quiet")
        self.history = QTreeWidget()
        self.history.setColumnCount(4)
        self.history.setRootIsDecorated(False)
        self.history.setAlternatingRowColors(True)
        self.history.setSelectionMode(QAbstractItemView.NoSelection)
        self.history.setFocusPolicy(Qt.NoFocus)
        self.history.header().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.history.header().setStretchLastSection(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.history_title)
        side_layout.addWidget(self.history, 1)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
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
        filters = QHBoxLayout()
        filters.addWidget(self.deck_label)
        filters.addWidget(self.deck_box)
        filters.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Browse: %1").replace("%1", deck_path(self.deck_name)) if self.deck_name
                           else self.tr("Browse all decks"))
        self.search.setPlaceholderText(self.tr("Search prompts, answers, tags and skills  [Ctrl+F]"))
        headers = {"prompt": self.tr("Prompt"), "answer": self.tr("Answer"), "due": self.tr("Due"),
                   "interval": self.tr("Interval"), "kind": self.tr("Kind"), "deck": self.tr("Deck"),
                   "tags": self.tr("Tags")}
        self.model.setHorizontalHeaderLabels([headers[column] for column in COLUMNS])
        self.deck_label.setText(self.tr("&Deck"))
        if self.deck_box.count():
            self.deck_box.setItemText(0, self.tr("All decks"))
        self.history.setHeaderLabels([self.tr("When"), self.tr("Result"), self.tr("Time"), self.tr("Given")])
        texts = {"add": self.tr("Add  [Ctrl+N]"), "edit": self.tr("Edit  [Enter]"),
                 "delete": self.tr("Delete  [Del]"), "move": self.tr("Move to deck…  [Ctrl+M]"),
                 "undo": self.tr("Undo  [Ctrl+Z]"), "back": self.tr("Back  [Esc]")}
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self.buttons["undo"].setEnabled(bool(self.undo_stack))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
            if self.isVisible():
                self.refresh()  # the items' texts in the new language, where they have it
        super().changeEvent(event)

    def show_for(self, deck_id: int | None, deck_name: str, profile_id: int | None = None) -> None:
        """The items of the deck (None: every deck) with `profile_id`'s schedule and answers."""
        self.profile_id = profile_id
        self.undo_stack.clear()
        self.backend.request(items_ops.deck_choices, done=self._fill_decks, failed=self.status.setText)
        self.deck_id, self.deck_name = deck_id, deck_name
        self.retranslate()
        self.refresh()
        self.search.setFocus()

    def _fill_decks(self, decks: list[dict]) -> None:
        """All decks first, then each deck indented under its parent."""
        self.deck_names = {deck["id"]: deck["name"] for deck in decks}
        self.deck_box.clear()
        self.deck_box.addItem(self.tr("All decks"), None)
        for deck in decks:
            self.deck_box.addItem("    " * deck["name"].count("::") + deck_leaf(deck["name"]), deck["id"])
        self.deck_box.setCurrentIndex(max(0, self.deck_box.findData(self.deck_id)))

    def choose_deck(self, deck_id: int | None) -> None:
        """Show the items of another deck (with its sub-decks), or of all."""
        self.deck_id, self.deck_name = deck_id, self.deck_names.get(deck_id, "")
        self.deck_box.setCurrentIndex(max(0, self.deck_box.findData(deck_id)))
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        self.backend.request(items_ops.search_items, self.search.text(), self.deck_id, self.profile_id,
                             interface_language(), done=self._show, failed=self.status.setText)

    def _cells(self, row: dict, kinds: dict[str, str]) -> list[QStandardItem]:
        today = datetime.now().date()
        due = row["due_ms"]
        # Built-in deck names and tags in the interface language.
        texts = {"kind": kinds.get(row["kind"], row["kind"]), "deck": deck_path(row["deck"]),
                 "tags": " ".join(_shown_tag(tag) for tag in row["tags"].split()),
                 "due": self.tr("new") if due is None else (
                     self.tr("now") if datetime.fromtimestamp(due / 1000).date() <= today
                     else datetime.fromtimestamp(due / 1000).strftime("%Y-%m-%d")),
                 "interval": "" if row["interval_ms"] is None else interval_text(row["interval_ms"])}
        cells = []
        for column in COLUMNS:
            cell = QStandardItem(texts.get(column, str(row.get(column, ""))))
            key = {"due": due, "interval": row["interval_ms"]}.get(column, cell.text())
            cell.setData(NEVER if key is None else key, SORT_ROLE)
            if column in ("due", "interval"):
                cell.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            cells.append(cell)
        return cells

    def _show(self, rows: list[dict]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        kinds = kind_names()
        for row in rows:
            cells = self._cells(row, kinds)
            cells[0].setData(row["id"], Qt.UserRole)
            cells[0].setData(row["deck_id"], Qt.UserRole + 1)
            self.model.appendRow(cells)
        for column, width in enumerate((220, 150, 95, 75, 110, 170)):
            self.table.setColumnWidth(column, width)
        if rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self._request_history()
        self.status.setText(self.tr("%n item(s)", "", len(rows)))
        self.loaded.emit(len(rows))

    # ------------------------------------------------------------ the selected item's answers

    def current_id(self) -> int | None:
        """The item of the current row (the selection follows it a moment later)."""
        index = self.table.currentIndex()
        return self.proxy.index(index.row(), 0).data(Qt.UserRole) if index.isValid() else None

    def _request_history(self) -> None:
        item_id = self.current_id()
        if self.profile_id is None or item_id is None:
            self._show_history(None, [])
            return
        self.backend.request(items_ops.item_history, self.profile_id, item_id,
                             done=lambda rows: self._show_history(item_id, rows), failed=self.status.setText)

    def _show_history(self, item_id: int | None, rows: list[dict]) -> None:
        if item_id is not None and item_id != self.current_id():
            return   # the selection has moved on
        self.history.clear()
        grades = grade_names()
        for row in rows:
            result = grades.get(row["grade"]) or (self.tr("Right") if row["correct"] else self.tr("Wrong"))
            if row["voided"]:
                result = self.tr("%1 (taken back)").replace("%1", result)
            seconds = "" if row["response_ms"] is None else f"{row['response_ms'] / 1000:.1f} s"
            entry = QTreeWidgetItem([datetime.fromtimestamp(row["answered_ms"] / 1000).strftime("%Y-%m-%d %H:%M"),
                                     result, seconds, "" if row["grade"] else row["given"] or ""])
            self.history.addTopLevelItem(entry)
        if item_id is None:
            self.history_title.setText(self.tr("Answers to the selected item"))
        elif rows:
            self.history_title.setText(self.tr("Answers to this item: %1").replace("%1", str(len(rows))))
        else:
            self.history_title.setText(self.tr("Not answered yet"))
        self.history_shown.emit(len(rows))

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
        editor = ItemEditor(decks, deck_id, item, self, interface_language())
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
