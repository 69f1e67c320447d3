"""The keyboard map: in every window and dialog, each mnemonic (Alt+letter) and each shortcut does one thing.

Walks the main window on each of its screens (the menu bar stays, the screen changes), each menu, and every
dialog the program opens, in English and in Chinese; a letter or key bound twice fails, naming both."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QTabWidget, QWidget

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    match = MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).casefold() if match else None


def widget_mnemonics(root: QWidget) -> list[tuple[str, str]]:
    """(letter, what) for each visible control under `root` whose text has a mnemonic."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        texts = []
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(n) for n in range(widget.count())]
        for text in texts:
            letter = mnemonic(text)
            if letter:
                found.append((letter, f"{type(widget).__name__} {text!r}"))
    return found


def menubar_mnemonics(window) -> list[tuple[str, str]]:
    bar = window.menuBar() if hasattr(window, "menuBar") else None
    if bar is None:
        return []
    return [(mnemonic(a.text()), f"menu {a.text()!r}") for a in bar.actions() if mnemonic(a.text())]


def duplicates(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_key = defaultdict(list)
    for key, what in pairs:
        by_key[key].append(what)
    return {key: whats for key, whats in by_key.items() if len(whats) > 1}


def shortcuts(root: QWidget) -> list[tuple[str, str]]:
    """Every action's and QShortcut's keys in the window (menus included), and Alt+letter for each mnemonic."""
    found = []
    for action in root.findChildren(QAction):
        for key in action.shortcuts():
            if not key.isEmpty():
                found.append((key.toString(QKeySequence.PortableText), f"action {action.text()!r}"))
    for shortcut in root.findChildren(QShortcut):
        if not shortcut.key().isEmpty():
            found.append((shortcut.key().toString(QKeySequence.PortableText), "QShortcut"))
    return found


def check_window(root: QWidget, where: str, problems: list[str], menus: bool = True) -> None:
    scope = widget_mnemonics(root) + menubar_mnemonics(root)
    for letter, whats in duplicates(scope).items():
        problems.append(f"{where}: Alt+{letter.upper()} is bound {len(whats)} times: {', '.join(whats)}")
    keys = shortcuts(root) + [(f"Alt+{letter.upper()}", what) for letter, what in scope]
    for key, whats in duplicates(keys).items():
        problems.append(f"{where}: {key} is bound {len(whats)} times: {', '.join(whats)}")
    for menu in root.findChildren(QMenu) if menus else ():
        inside = [(mnemonic(a.text()), a.text()) for a in menu.actions() if mnemonic(a.text())]
        for letter, whats in duplicates(inside).items():
            problems.append(f"{where}, menu {menu.title()!r}: Alt+{letter.upper()} is bound twice: {whats}")


def dialogs(window, tmp_path: Path):
    """Every dialog and extra window the program opens, built as the program builds it."""
    from studyapp.study.settings import StudySettings
    from studyapp.ui.backups import BackupsDialog
    from studyapp.ui.browser import ItemEditor
    from studyapp.ui.classroom import BundleExportDialog
    from studyapp.ui.classroom_dashboard import ClassDashboard
    from studyapp.ui.csv_mapping import ColumnMappingDialog, read_preview
    from studyapp.ui.importing import ImportDialog
    from studyapp.ui.ops import UiPrefs
    from studyapp.ui.profiles import PinDialog
    from studyapp.ui.settings_dialog import SettingsDialog

    sheet = tmp_path / "words.txt"
    sheet.write_text("front;back;tags\nhund;dog;animal\n", encoding="utf-8")
    yield "settings", SettingsDialog(StudySettings(), UiPrefs(), window)
    yield "PIN", PinDialog("Ada", window)
    yield "backups", BackupsDialog(window.backend, window)
    yield "class bundle", BundleExportDialog(window)
    yield "class dashboard", ClassDashboard(window)
    yield "item editor", ItemEditor([{"id": 1, "name": "Mixed"}], 1, None, window)
    yield "column mapping", ColumnMappingDialog(sheet, read_preview(sheet), window)
    yield "import", ImportDialog(tmp_path, [], None, window)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_window_binds_each_key_once(qtbot, window, open_profile, tmp_path, language):
    if language != "en" and not window.translations.apply(language):
        pytest.skip("the Chinese translation is not built")
    problems: list[str] = []
    check_window(window, "profile picker", problems)
    open_profile("Ada")
    for page in (window.decks, window.study, window.summary, window.stats, window.browser, window.profiles):
        window.stack.setCurrentWidget(page)
        check_window(window, f"main window on {type(page).__name__}", problems, menus=False)
    for name, dialog in dialogs(window, tmp_path):
        dialog.show()
        check_window(dialog, name, problems)
        dialog.close()
        shiboken6.delete(dialog)
    assert not problems, "\n".join(problems)
