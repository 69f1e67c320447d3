"""The first typed-answer box of a session is as wide as the card, its placeholder whole."""

import pytest
from PySide6.QtCore import Qt

from studyapp.content.model import Deck, ImportBundle, Item
from studyapp.store.importer import import_bundle
from studyapp.workspace import open_workspace


@pytest.fixture
def data_dir(data_dir):
    ws = open_workspace(data_dir)
    items = [Item("typed", f"typed question {n}", f"answer {n}", guid=f"ty{n}") for n in range(3)]
    import_bundle(ws.db, ws.data_dir, ImportBundle(decks=[Deck("Typed only", items=items)]), None)
    ws.close()
    return data_dir


def start(qtbot, window, select_deck, deck: str):
    select_deck(deck)
    with qtbot.waitSignal(window.study.card_shown, timeout=10000):
        qtbot.keyClick(window.decks.tree, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.study.state == "question")


def end(qtbot, window):
    qtbot.keyClick(window.study, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    with qtbot.waitSignal(window.decks.loaded):
        qtbot.keyClick(window.summary, Qt.Key_Return)


@pytest.mark.parametrize("before", [[], ["Geography::World capitals", "Maths::Multiplication tables"]])
def test_first_typed_box_is_full_width(qtbot, window, open_profile, select_deck, before):
    """As in the issue: a flashcard and a choice session first, then the typed-answer deck."""
    open_profile("Ada")
    page = window.study
    for deck in before:
        start(qtbot, window, select_deck, deck)
        if page.card.item.kind == "choice":
            qtbot.keyClick(page, Qt.Key_1)
            qtbot.waitUntil(lambda: page.state == "feedback")
        else:
            qtbot.keyClick(page, Qt.Key_Space)
            qtbot.keyClick(page, Qt.Key_3)
            qtbot.waitUntil(lambda: page.state == "question")
        end(qtbot, window)
    # The width as the card is shown: under X the box kept that width until the window was next laid out
    # (the offscreen platform lays it out again before the test can look, so it is measured here).
    shown_width = []
    page.card_shown.connect(lambda _card: shown_width.append(page.typed.width()))
    start(qtbot, window, select_deck, "Typed only")
    qtbot.wait(50)
    box = page.typed
    assert box.isVisible() and box.hasFocus()
    for width in (shown_width[0], box.width()):
        assert width >= 0.6 * page.width(), (width, page.width())
    placeholder = box.fontMetrics().horizontalAdvance(box.placeholderText())
    assert box.width() > placeholder + 20
