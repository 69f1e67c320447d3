"""Files are size-checked before they are read, one field has a cap, TOML is written by tomli-w."""

from __future__ import annotations

import os

import pytest

from studyapp.content import limits
from studyapp.content.model import MAX_FIELD_BYTES, ContentError, Deck, Item
from studyapp.content.native import parse_deck, read_deck, write_deck
from studyapp.content.readers import read_file


def _sparse(path, size: int) -> None:
    with open(path, "wb") as handle:
        handle.truncate(size)


def test_an_oversized_csv_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.csv"
    _sparse(path, limits.MAX_DELIMITED_BYTES + 1)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda p, *a, **k: opened.append(p) or real_open(p, *a, **k))
    with pytest.raises(ContentError, match="larger than 64 MB; it was not imported"):
        read_file(path)
    assert os.fspath(path) not in map(os.fspath, opened)


def test_an_oversized_deck_toml_is_refused(tmp_path):
    path = tmp_path / "big.deck.toml"
    _sparse(path, limits.MAX_DECK_BYTES + 1)
    with pytest.raises(ContentError, match="larger than 16 MB"):
        read_deck(path)


def test_a_field_over_one_megabyte_is_refused_with_its_row(tmp_path):
    path = tmp_path / "field.csv"
    path.write_text("prompt,answer\nq," + "x" * (MAX_FIELD_BYTES + 1) + "\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"line 2: .*has a field \(answer\) longer than 1 MB"):
        read_file(path)


def test_a_multibyte_field_is_measured_in_bytes():
    item = Item("basic", "q", "漢" * (MAX_FIELD_BYTES // 3 + 1))
    with pytest.raises(ContentError, match="longer than 1 MB"):
        item.validate()
    Item("basic", "q", "漢" * (MAX_FIELD_BYTES // 3)).validate()


def test_a_prompt_with_a_delete_character_round_trips():
    deck = Deck("D", items=[Item("basic", "a\x7fb \"quoted\"\nline", "ans", guid="g", hint="<b>h</b>")])
    text = write_deck(deck)
    assert parse_deck(text).items == deck.items
    assert "[[items]]" in text


def test_deeply_nested_toml_is_one_sentence():
    with pytest.raises(ContentError, match="nests tables or arrays too deeply"):
        parse_deck("x = " + "[" * 100_000 + "]" * 100_000)


@pytest.mark.parametrize("name", ["../secret.png", "/etc/passwd", "C:evil.png", "nul.png"])
def test_a_deck_naming_an_unsafe_media_file_is_refused(name):
    text = f'[deck]\nname = "D"\n[[items]]\nprompt = "q"\nanswer = "a"\nmedia = ["{name}"]\n'
    with pytest.raises(ContentError, match="item 1 names the media file"):
        parse_deck(text)
