"""In 简体中文 the windows a student goes through show no English: the built-in decks' names and skills,
their cards, Qt's own file dialog and the counts ("3 个条目") included.

The walk: profiles, the deck tree, a study session on each built-in deck but English–Chinese vocabulary (whose
prompts are the English words being learnt) with its cards asked, answered and explained and its summary, the
statistics, the browser, an adaptive test with its report per deck and skill, the menus, a file dialog and the
settings. In the cards, chemical symbols (and formulas written in them) and the Latin names symbols come from are
not English (tests/english_words.py).
"""

from __future__ import annotations

import html
import re
import shutil

import pytest
from english_words import TRANSLATED_DECKS, WORD, english_words
from PySide6.QtCharts import QBarCategoryAxis, QCategoryAxis, QChartView
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from studyapp.content.model import SELF_GRADED
from studyapp.store import queries
from studyapp.ui.ops import UiPrefs
from studyapp.workspace import open_workspace

PROFILE = "小明"
DECK = "Maths::Multiplication tables"
CAPITALS = "Geography::World capitals"
CARDS_PER_DECK = 3
# What stays as it is in a Chinese interface: the program's own name and Anki's, key names, PIN (as Chinese
# software writes it: "PIN 码"), the units pt (font size) and MB, and "English" in the language list, where each
# language is named in itself.
ALLOWED = {"StudyApp", "Anki", "Ctrl", "Shift", "Alt", "Enter", "Esc", "Del", "PIN", "pt", "MB", "English"}
FILE_PATTERN = re.compile(r"\*\.[\w.]+")  # "*.deck.toml" in a file-type filter


@pytest.fixture(scope="module")
def builtin_only(tmp_path_factory):
    directory = tmp_path_factory.mktemp("builtin") / "data"
    ws = open_workspace(directory)  # installs the built-in decks
    queries.add_profile(ws.db, PROFILE)
    ws.close()
    return directory


@pytest.fixture
def data_dir(tmp_path, builtin_only):
    directory = tmp_path / "data"
    shutil.copytree(builtin_only, directory)
    return directory


def model_texts(model, parent=QModelIndex()) -> list[str]:
    texts = []
    # A list model keeps columnCount private in PySide6: it has one column.
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
    if not parent.isValid():
        texts += [str(model.headerData(c, Qt.Horizontal) or "") for c in range(columns)]
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            texts.append(str(model.data(index) or ""))
            if column == 0 and columns > 1 and model.rowCount(index):
                texts += model_texts(model, index)
    return texts


def chart_texts(view: QChartView) -> list[str]:
    chart = view.chart()
    texts = [chart.title()]
    for axis in chart.axes():
        texts.append(axis.titleText())
        if isinstance(axis, QCategoryAxis):
            texts += axis.categoriesLabels()
        elif isinstance(axis, QBarCategoryAxis):
            texts += axis.categories()
    texts += [marker.label() for marker in chart.legend().markers()] if chart.legend().isVisible() else []
    return texts


# A file dialog's folder, sidebar and file names are the disk's, not the interface's.
CONTENT = {"lookInCombo", "sidebar", "listView", "treeView", "fileNameEdit"}


def in_content(widget: QWidget, root: QWidget) -> bool:
    while widget is not None and widget is not root:
        if widget.objectName() in CONTENT:
            return True
        widget = widget.parentWidget()
    return False


def visible_texts(root: QWidget) -> list[str]:
    """What a screenshot of root would show as text."""
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or in_content(widget, root):
            continue
        if widget.isWindow():
            texts.append(widget.windowTitle())
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += model_texts(widget.model())
        elif isinstance(widget, QChartView):
            texts += chart_texts(widget)
    return texts


def menu_texts(window) -> list[str]:
    texts = []

    def walk(actions):
        for action in actions:
            texts.append(action.text())
            if action.menu() is not None:
                walk(action.menu().actions())

    walk(window.menuBar().actions())
    return texts


def english_in(texts: list[str], cards: bool = False) -> set[str]:
    """The English words in `texts`; `cards`: a study screen, where chemical symbols, formulas and the Latin
    names of symbols are not English either."""
    words = set()
    for text in texts:
        plain = FILE_PATTERN.sub(" ", html.unescape(re.sub(r"<[^>]*>", " ", text)).replace("&", ""))
        words |= english_words(plain, ALLOWED) if cards else {w for w in WORD.findall(plain) if w not in ALLOWED}
    return words


def answer_choice(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.state == "question")
    item = page.card.item
    qtbot.keyClick(page, getattr(Qt, f"Key_{item.options.index(item.answer) + 1}"))
    qtbot.waitUntil(lambda: page.state in ("feedback", "question", "idle"))


def answer_card(qtbot, page, look, name: str) -> None:
    """Look at the card asked, answer it (a flashcard revealed and graded Good, a choice and true/false right, a
    typed answer wrong, so that the correction shows) and look at the answer with its explanation."""
    qtbot.waitUntil(lambda: page.state == "question")
    look(f"{name}: question", visible_texts(page.window()), cards=True)
    item = page.card.item
    if item.kind in SELF_GRADED:
        qtbot.keyClick(page, Qt.Key_Space)
        qtbot.waitUntil(lambda: page.state == "revealed")
        look(f"{name}: answer", visible_texts(page.window()), cards=True)
        qtbot.keyClick(page, Qt.Key_3)
        qtbot.waitUntil(lambda: page.state in ("question", "idle"))
        return
    if item.kind == "typed":
        qtbot.keyClicks(page.typed, "1")
        qtbot.keyClick(page.typed, Qt.Key_Return)
    else:
        right = item.options.index(item.answer) + 1 if item.kind == "choice" else 1 if item.answer == "true" else 2
        qtbot.keyClick(page, getattr(Qt, f"Key_{right}"))
    qtbot.waitUntil(lambda: page.state == "feedback")
    look(f"{name}: feedback", visible_texts(page.window()), cards=True)
    qtbot.keyClick(page, Qt.Key_Return)


def test_the_chinese_walkthrough_shows_no_english(qtbot, window, open_profile, select_deck, steady_tests):
    found: dict[str, set[str]] = {}

    def look(name: str, texts: list[str], cards: bool = False) -> None:
        words = english_in(texts, cards)
        if words:
            found.setdefault(name, set()).update(words)

    window.preferences.apply(UiPrefs(language="zh_CN"))
    qtbot.waitUntil(lambda: window.decks.buttons["review"].text() == "学习(&S)")  # LanguageChange is posted
    look("menus", menu_texts(window))
    look("profiles", visible_texts(window))
    open_profile(PROFILE)
    look("deck tree", visible_texts(window))
    shown = [window.decks.tree.topLevelItem(i).text(0) for i in range(window.decks.tree.topLevelItemCount())]
    assert "数学" in shown and "地理" in shown

    page = window.study
    for deck in sorted(TRANSLATED_DECKS.values(), key=lambda name: name == DECK):  # the tables last, as below
        select_deck(deck)
        with qtbot.waitSignal(page.card_shown, timeout=10000):
            qtbot.keyClick(window.decks.tree, Qt.Key_Return)
        for _ in range(CARDS_PER_DECK):
            answer_card(qtbot, page, look, deck)
        qtbot.waitUntil(lambda: page.state == "question")
        qtbot.keyClick(page, Qt.Key_Escape)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
        look(f"{deck}: summary", visible_texts(window))
        qtbot.keyClick(window.summary, Qt.Key_Return)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.decks)

    with qtbot.waitSignal(window.stats.mastery_loaded, timeout=10000):
        qtbot.keyClick(window.decks.buttons["stats"], Qt.Key_Space)
    look("statistics", visible_texts(window))
    assert "乘法表" in window.stats.title.text()
    qtbot.keyClick(window.stats, Qt.Key_Escape)

    select_deck(CAPITALS)  # the browser's list shows the cards' prompts and answers
    with qtbot.waitSignal(window.browser.loaded, timeout=10000):
        qtbot.keyClick(window.decks.buttons["browse"], Qt.Key_Space)
    look("browser", visible_texts(window), cards=True)
    qtbot.keyClick(window.browser, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.decks)
    select_deck(DECK)

    deck = window.decks.selected_deck()
    with qtbot.waitSignal(page.card_shown, timeout=10000):
        window.start_study(deck["id"], deck["name"], "test")
    while window.stack.currentWidget() is not window.summary:
        answer_choice(qtbot, page)
        if page.state == "feedback":
            qtbot.keyClick(page, Qt.Key_Return)
        qtbot.waitUntil(lambda: page.state in ("question", "idle") or window.stack.currentWidget() is window.summary)
    look("test report", visible_texts(window))
    report = window.summary.report
    groups = [report.topLevelItem(i).child(j).text(0) for i in range(report.topLevelItemCount())
              for j in range(report.topLevelItem(i).childCount())]
    assert "数学::乘法表" in groups and any(g.endswith("的乘法") for g in groups)

    dialog = QFileDialog(window, "导入")
    dialog.setOption(QFileDialog.DontUseNativeDialog)
    dialog.setNameFilter("牌组 (*.deck.toml)")
    dialog.show()
    qtbot.waitExposed(dialog)
    look("file dialog", visible_texts(dialog))
    assert "查找范围(&L)：" in visible_texts(dialog)  # Qt's "&Look in:"
    dialog.reject()

    window.preferences.open_dialog()
    qtbot.waitUntil(lambda: window.preferences.dialog is not None)
    look("settings", visible_texts(window.preferences.dialog))
    window.preferences.dialog.reject()

    found.pop("", None)
    assert found == {}, found
