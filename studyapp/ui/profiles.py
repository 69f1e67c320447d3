"""The first screen: each student picks or creates a profile (shared classroom laptops)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.ui import ops


class ProfilePage(QWidget):
    chosen = Signal(dict)   # the profile row, once it is remembered as the last one used

    def __init__(self, backend, parent=None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.hint = QLabel()
        self.hint.setObjectName("quiet")
        self.list = QListWidget()
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.list.currentItemChanged.connect(lambda *_: self._show_pin_field())
        self.pin_label = QLabel()
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.Password)
        self.pin_edit.setMaxLength(32)
        self.pin_edit.returnPressed.connect(self.open_selected)
        self.pin_label.setBuddy(self.pin_edit)
        self.open_button = QPushButton()
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_selected)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(60)
        self.name_edit.returnPressed.connect(self.create_profile)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.create_profile)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.loaded = False   # the list has been filled once (before that it is not known to be empty)

        add_row = QHBoxLayout()
        add_row.addWidget(self.name_edit, 1)
        add_row.addWidget(self.add_button)
        self.column = column = QVBoxLayout()
        column.addStretch(0)   # the first run has no list to take the height: these two centre what is left
        column.addWidget(self.title)
        column.addWidget(self.hint)
        column.addWidget(self.list, 1)
        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin_label)
        pin_row.addWidget(self.pin_edit, 1)
        column.addLayout(pin_row)
        column.addWidget(self.open_button)
        column.addSpacing(12)
        column.addLayout(add_row)
        column.addWidget(self.error)
        column.addStretch(0)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        first = self.first_run()
        self.title.setText(self.tr("Welcome to StudyApp") if first else self.tr("Who is studying?"))
        self.hint.setText(self.tr("Type your name and press Enter to create your profile. It keeps your progress; "
                                  "others on this computer can add their own later.") if first
                          else self.tr("Pick your profile and press Enter. Each profile keeps its own progress."))
        self.open_button.setText(self.tr("Open profile"))
        self.name_edit.setPlaceholderText(self.tr("Your name") if first else self.tr("New profile name"))
        self.add_button.setText(self.tr("Create my profile") if first else self.tr("Create profile"))
        self.pin_label.setText(self.tr("P&IN:"))
        self.pin_edit.setPlaceholderText(self.tr("This profile has a PIN"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def first_run(self) -> bool:
        """No profile yet: the page offers only to create one (an empty list to pick from is a dead end)."""
        return self.loaded and self.list.count() == 0

    def refresh(self) -> None:
        self.backend.request(ops.profiles, done=self._show_profiles, failed=self.error.setText)

    def _show_profiles(self, value) -> None:
        rows, last = value
        self.list.clear()
        for row in rows:
            entry = QListWidgetItem(row["name"])
            entry.setData(Qt.UserRole, row)
            self.list.addItem(entry)
            if last and row["name"].casefold() == last.casefold():
                self.list.setCurrentItem(entry)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.loaded = True
        first = self.first_run()
        for widget in (self.list, self.open_button):
            widget.setVisible(not first)
        self.add_button.setDefault(first)
        self.column.setStretch(0, int(first))
        self.column.setStretch(self.column.count() - 1, int(first))
        self.open_button.setDefault(not first)
        self.retranslate()
        self._show_pin_field()
        (self.name_edit if first else self.list).setFocus()

    def selected_profile(self) -> dict | None:
        entry = self.list.currentItem()
        return entry.data(Qt.UserRole) if entry else None

    def _show_pin_field(self) -> None:
        """The PIN field is there only for a profile that has a PIN, and empty for each new choice."""
        profile = self.selected_profile()
        protected = bool(profile and profile["has_pin"])
        self.pin_edit.clear()
        self.pin_label.setVisible(protected)
        self.pin_edit.setVisible(protected)
        self.error.clear()

    def open_selected(self) -> None:
        profile = self.selected_profile()
        if profile is None:
            self.error.setText(self.tr("Create a profile first: type a name and press Enter."))
            return
        pin = self.pin_edit.text() if profile["has_pin"] else None
        if profile["has_pin"] and not pin:
            self.error.setText(self.tr("Type the PIN of %1 and press Enter.").replace("%1", profile["name"]))
            self.pin_edit.setFocus()
            return
        self.error.clear()
        self.backend.request(ops.open_profile, profile["id"], pin, done=lambda row: self._opened(row, profile),
                             failed=self.error.setText)

    def _opened(self, row: dict | None, profile: dict) -> None:
        if row is None:
            self.error.setText(self.tr("That is not the PIN of %1. Try again.").replace("%1", profile["name"]))
            self.pin_edit.clear()
            self.pin_edit.setFocus()
            return
        self.pin_edit.clear()
        self.chosen.emit(row)

    def create_profile(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self.error.setText(self.tr("Type a name for the new profile."))
            return
        self.error.clear()
        self.backend.request(ops.add_profile, name, done=self._created, failed=self.error.setText)

    def _created(self, profile: dict) -> None:
        """A new profile has no PIN: it opens at once, as the student who typed the name expects."""
        self.name_edit.clear()
        self.backend.request(ops.open_profile, profile["id"], None, done=lambda row: self._opened(row, profile),
                             failed=self.error.setText)


PIN_LENGTH = (4, 32)


class PinDialog(QDialog):
    """Asks for a new PIN twice; `pin()` is it once the dialog is accepted."""

    def __init__(self, profile_name: str, parent=None) -> None:
        super().__init__(parent)
        self.profile_name = profile_name
        self.hint = QLabel()
        self.hint.setObjectName("quiet")
        self.hint.setWordWrap(True)
        self.first, self.second = QLineEdit(), QLineEdit()
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.Password)
            edit.setMaxLength(PIN_LENGTH[1])
        self.labels = [QLabel(), QLabel()]
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        for label, edit in zip(self.labels, (self.first, self.second)):
            label.setBuddy(edit)
            form.addRow(label, edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set PIN"))
        self.hint.setText(self.tr("%1 will need this PIN to open the profile (4 to 32 characters).")
                          .replace("%1", self.profile_name))
        self.labels[0].setText(self.tr("&New PIN"))
        self.labels[1].setText(self.tr("&Repeat it"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def pin(self) -> str:
        return self.first.text()

    def accept(self) -> None:
        low, high = PIN_LENGTH
        if not low <= len(self.first.text()) <= high:
            self.error.setText(self.tr("A PIN needs 4 to 32 characters."))
        elif self.first.text() != self.second.text():
            self.error.setText(self.tr("The two PINs differ; type the same PIN twice."))
        else:
            super().accept()
            return
        self.second.clear()
        self.first.setFocus()
        self.first.selectAll()
