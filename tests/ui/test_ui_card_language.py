"""Cards in the interface language: a deck's translations on the study screen and in the browser, and the
browser's editor changing the text of the language shown."""

import json
import shutil
import sqlite3
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from studyapp.content.model import Deck, ImportBundle
from studyapp.content.native import read_deck
from studyapp.paths import db_path
from studyapp.resources import decks_dir
from studyapp.store.importer import import_bundle
from studyapp.ui.ops import UiPrefs
from studyapp.workspace import open_workspace

CAPITALS = "Geography::World capitals"
ALGERIA = {"prompt": "阿尔及利亚", "answer": "阿尔及尔", "explanation": "阿尔及尔是阿尔及利亚最大的城市。"}


@pytest.fixture
def data_dir(tmp_path, seeded_data_dir):
    """The seeded folder, the built-in world-capitals deck's first card (Algeria) with this test's Chinese text,
    its second (Angola) with none, whatever the shipped deck has."""
    directory = tmp_path / "data"
    shutil.copytree(seeded_data_dir, directory)
    first, second = read_deck(decks_dir() / "world-capitals.deck.toml").items[:2]
    assert (first.guid, second.guid) == ("cap-algeria", "cap-angola")
    ws = open_workspace(directory)
    import_bundle(ws.db, ws.data_dir, ImportBundle(decks=[Deck(CAPITALS, items=[
        replace(first, translations={"zh_CN": ALGERIA}), replace(second, translations={})])]), None)
    ws.close()
    return directory


@pytest.fixture
def chinese(qtbot, window, open_profile):
    window.preferences.apply(UiPrefs(language="zh_CN"))
    qtbot.waitUntil(lambda: window.decks.buttons["review"].text() == "学习(&S)")  # LanguageChange is posted
    open_profile("Ada")
    return window


def test_a_world_capitals_card_studied_in_chinese_shows_the_chinese_prompt_and_answer(qtbot, chinese, select_deck):
    window = chinese
    select_deck(CAPITALS)
    page = window.study
    with qtbot.waitSignal(page.card_shown, timeout=10000):
        qtbot.keyClick(window.decks.tree, Qt.Key_Return)
    assert page.card.item.guid == "cap-algeria"
    assert page.prompt.text() == "阿尔及利亚"
    qtbot.keyClick(page, Qt.Key_Space)
    qtbot.waitUntil(lambda: page.state == "revealed")
    assert page.expected.isVisible() and page.expected.text() == "阿尔及尔"
    assert page.explanation.text() == ALGERIA["explanation"]


def browse(qtbot, window, select_deck):
    select_deck(CAPITALS)
    page = window.browser
    with qtbot.waitSignal(page.loaded, timeout=10000):
        qtbot.keyClick(window.decks.buttons["browse"], Qt.Key_Space)
    return page


def edit_first_card(qtbot, window, select_deck):
    """The browser on the capitals deck, with the editor open on its first card (Algeria)."""
    page = browse(qtbot, window, select_deck)
    page.table.selectRow(0)
    page.edit_selected()
    qtbot.waitUntil(lambda: getattr(page, "editor", None) is not None and page.editor.isVisible())
    return page, page.editor


def cells(page, row: int) -> tuple[str, str]:
    return page.model.item(row, 0).text(), page.model.item(row, 1).text()


def test_the_browser_lists_and_finds_cards_by_their_chinese_text(qtbot, chinese, select_deck):
    page = browse(qtbot, chinese, select_deck)
    assert cells(page, 0) == ("阿尔及利亚", "阿尔及尔")
    assert cells(page, 1) == ("Angola", "Luanda")  # no Chinese text: the deck's own
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.search.setText("阿尔及")
    assert page.model.rowCount() == 1 and cells(page, 0) == ("阿尔及利亚", "阿尔及尔")


def test_editing_a_card_in_chinese_changes_its_chinese_text_and_keeps_the_deck_own(qtbot, chinese, select_deck,
                                                                                    data_dir):
    page, editor = edit_first_card(qtbot, chinese, select_deck)
    assert editor.prompt.toPlainText() == "阿尔及利亚" and editor.answer.text() == "阿尔及尔"
    assert editor.note.isVisible() and "简体中文" in editor.note.text()
    editor.answer.setText("阿尔及尔市")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        editor.accept()
    assert cells(page, 0) == ("阿尔及利亚", "阿尔及尔市")
    with sqlite3.connect(db_path(data_dir)) as db:
        prompt, answer, translations = db.execute(
            "SELECT prompt, answer, translations FROM items WHERE guid = 'cap-algeria'").fetchone()
    assert (prompt, answer) == ("Algeria", "Algiers")
    assert json.loads(translations)["zh_CN"] == ALGERIA | {"answer": "阿尔及尔市"}


def test_a_card_on_screen_follows_the_interface_into_chinese(qtbot, window, open_profile, select_deck):
    open_profile("Ada")
    select_deck(CAPITALS)
    page = window.study
    with qtbot.waitSignal(page.card_shown, timeout=10000):
        qtbot.keyClick(window.decks.tree, Qt.Key_Return)
    assert page.prompt.text() == "Algeria"
    window.preferences.apply(UiPrefs(language="zh_CN"))
    qtbot.waitUntil(lambda: page.prompt.text() == "阿尔及利亚")
    assert page.state == "question"
    qtbot.keyClick(page, Qt.Key_Space)
    qtbot.waitUntil(lambda: page.state == "revealed")
    assert page.expected.text() == "阿尔及尔"
    window.preferences.apply(UiPrefs(language="en"))
    qtbot.waitUntil(lambda: page.expected.text() == "Algiers")
    assert page.state == "revealed" and page.prompt.text() == "Algeria"


def test_the_editor_shows_built_in_tags_in_chinese_and_stores_them_as_the_deck_has_them(qtbot, chinese, select_deck,
                                                                                         data_dir):
    page, editor = edit_first_card(qtbot, chinese, select_deck)
    assert editor.tags.text() == "非洲"
    editor.tags.setText("非洲 地图")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        editor.accept()
    with sqlite3.connect(db_path(data_dir)) as db:
        (tags,) = db.execute("SELECT tags FROM items WHERE guid = 'cap-algeria'").fetchone()
    assert json.loads(tags) == ["Africa", "地图"]
