"""The first screen: each student picks or creates a profile (shared classroom laptops)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
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

        add_row = QHBoxLayout()
        add_row.addWidget(self.name_edit, 1)
        add_row.addWidget(self.add_button)
        column = QVBoxLayout()
        column.addWidget(self.title)
        column.addWidget(self.hint)
        column.addWidget(self.list, 1)
        column.addWidget(self.open_button)
        column.addSpacing(12)
        column.addLayout(add_row)
        column.addWidget(self.error)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Who is studying?"))
        self.hint.setText(self.tr("Pick your profile and press Enter. Each profile keeps its own progress."))
        self.open_button.setText(self.tr("Open profile"))
        self.name_edit.setPlaceholderText(self.tr("New profile name"))
        self.add_button.setText(self.tr("Create profile"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
        (self.list if self.list.count() else self.name_edit).setFocus()

    def open_selected(self) -> None:
        entry = self.list.currentItem()
        if entry is None:
            self.error.setText(self.tr("Create a profile first: type a name and press Enter."))
            return
        self.error.clear()
        self.backend.request(ops.open_profile, entry.data(Qt.UserRole)["id"], done=self.chosen.emit,
                             failed=self.error.setText)

    def create_profile(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self.error.setText(self.tr("Type a name for the new profile."))
            return
        self.error.clear()
        self.backend.request(ops.add_profile, name, done=self._created, failed=self.error.setText)

    def _created(self, profile: dict) -> None:
        self.name_edit.clear()
        self.backend.request(ops.profiles, done=self._select_after_refresh(profile["name"]),
                             failed=self.error.setText)

    def _select_after_refresh(self, name: str):
        def show(value):
            rows, _ = value
            self._show_profiles((rows, name))
        return show
