"""The compiled built-in decks are exactly what reading their TOML gives, and an out-of-date entry is never used."""

from __future__ import annotations

import json
import shutil

from studyapp.content.compiled_decks import COMPILED_NAME, CompiledDecks, compile_decks, file_digest
from studyapp.content.native import SUFFIX, read_deck
from studyapp.resources import decks_dir


def test_the_shipped_compiled_decks_equal_their_toml():
    # Fails while resources/decks/compiled-decks.json is out of date: run packaging/tools/build_decks.py.
    folder = decks_dir()
    compiled = CompiledDecks(folder)
    files = sorted(folder.glob(f"*{SUFFIX}"))
    assert files
    for path in files:
        assert compiled.deck(path.name, file_digest(path.read_bytes())) == read_deck(path), path.name
    shipped = json.loads((folder / COMPILED_NAME).read_text(encoding="utf-8"))["decks"]
    assert sorted(shipped) == [path.name for path in files]  # no entry for a deck that is gone


def test_a_deck_changed_since_it_was_compiled_is_not_given(tmp_path):
    shutil.copy(decks_dir() / "true-or-false.deck.toml", tmp_path)
    (tmp_path / COMPILED_NAME).write_text(compile_decks(tmp_path), encoding="utf-8")
    path = tmp_path / "true-or-false.deck.toml"
    before = file_digest(path.read_bytes())
    path.write_text(path.read_text(encoding="utf-8").replace("Science::True or false", "Quiz"), encoding="utf-8")

    compiled = CompiledDecks(tmp_path)
    assert compiled.deck(path.name, file_digest(path.read_bytes())) is None
    assert compiled.deck(path.name, before).name == "Science::True or false"
    assert compiled.deck("other.deck.toml", before) is None


def test_a_file_written_for_other_item_fields_or_unreadable_gives_nothing(tmp_path):
    shutil.copy(decks_dir() / "true-or-false.deck.toml", tmp_path)
    digest = file_digest((tmp_path / "true-or-false.deck.toml").read_bytes())
    data = json.loads(compile_decks(tmp_path))
    data["item_fields"] = data["item_fields"][:-1]  # as from a version whose items had other fields
    for row in data["decks"]["true-or-false.deck.toml"]["items"]:
        row.pop()
    (tmp_path / COMPILED_NAME).write_text(json.dumps(data), encoding="utf-8")
    assert CompiledDecks(tmp_path).deck("true-or-false.deck.toml", digest) is None

    (tmp_path / COMPILED_NAME).write_text("{not json", encoding="utf-8")
    assert CompiledDecks(tmp_path).deck("true-or-false.deck.toml", digest) is None
    (tmp_path / COMPILED_NAME).unlink()
    assert CompiledDecks(tmp_path).deck("true-or-false.deck.toml", digest) is None
