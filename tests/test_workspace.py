"""Opening a data folder installs the shipped decks: from their compiled form when it is up to date, else from the
TOML, and again only the decks whose file changed."""

from __future__ import annotations

import shutil
from dataclasses import fields

import pytest

from studyapp import workspace
from studyapp.content.compiled_decks import COMPILED_NAME, compile_decks
from studyapp.content.model import Item, in_language
from studyapp.content.native import SUFFIX, read_deck
from studyapp.resources import decks_dir
from studyapp.store import queries
from studyapp.store.db import connect

STORED = [f.name for f in fields(Item) if f.metadata.get("stored", True)]


def installed_items(db) -> dict[str, list]:
    """Each deck's items as stored, without the row ids and times."""
    decks = {row["id"]: row["name"] for row in db.query("SELECT id, name FROM decks")}
    found: dict[str, list] = {}
    for deck_id, name in decks.items():
        items = queries.items_in_decks(db, [deck_id], include_suspended=True)
        if items:
            found[name] = [tuple(getattr(item, name) for name in STORED) for item in items]
    return found


def toml_items() -> dict[str, list]:
    decks = [read_deck(path) for path in sorted(decks_dir().glob(f"*{SUFFIX}"))]
    return {deck.name: [tuple(getattr(item, name) for name in STORED) for item in deck.items] for deck in decks}


CAPITALS = '''format = 1
[deck]
name = "Geography::World capitals"

[[items]]
id = "cap-benin"
prompt = "Benin"
answer = "Porto-Novo"
'''
TRANSLATION = '''
[items.translations.zh_CN]
prompt = "贝宁"
answer = "波多诺伏"
'''


def test_a_shipped_deck_that_gains_translations_brings_them_into_an_existing_data_folder(tmp_path, monkeypatch):
    shipped = tmp_path / "decks"
    shipped.mkdir()
    (shipped / "world-capitals.deck.toml").write_text(CAPITALS, encoding="utf-8")
    monkeypatch.setattr(workspace, "decks_dir", lambda: shipped)
    ws = workspace.open_workspace(tmp_path / "data")
    profile = queries.add_profile(ws.db, "Ana")
    deck = queries.find_deck(ws.db, "Geography::World capitals")["id"]
    (before,) = queries.items_in_decks(ws.db, [deck])
    ws.db["answers"].insert({"profile_id": profile, "item_id": before.id, "answered_ms": 5, "correct": 1})
    ws.close()

    (shipped / "world-capitals.deck.toml").write_text(CAPITALS + TRANSLATION, encoding="utf-8")
    ws = workspace.open_workspace(tmp_path / "data")
    (after,) = queries.items_in_decks(ws.db, [deck])
    assert after.id == before.id  # the same item, its answers kept
    assert (in_language(after, "zh_CN").prompt, in_language(after, "zh_CN").answer) == ("贝宁", "波多诺伏")
    assert [a.item_id for a in queries.answer_history(ws.db, profile)] == [after.id]
    assert workspace.install_builtin_decks(ws.db, ws.data_dir) == []  # unchanged since: nothing to do
    ws.close()


def test_a_first_start_installs_every_deck_from_the_compiled_form_without_reading_toml(tmp_path, monkeypatch):
    expected = toml_items()
    monkeypatch.setattr(workspace, "read_deck", lambda path: pytest.fail(f"{path} was parsed"))
    db = connect(tmp_path / "s.db")
    names = workspace.install_builtin_decks(db, tmp_path)
    assert sorted(names) == sorted(expected)
    assert installed_items(db) == expected
    assert workspace.install_builtin_decks(db, tmp_path) == []  # a relaunch installs nothing


def test_a_deck_changed_since_it_was_compiled_is_installed_from_its_toml(tmp_path, monkeypatch):
    folder = tmp_path / "decks"
    folder.mkdir()
    for name in ("true-or-false.deck.toml", "fraction-subtraction.deck.toml"):
        shutil.copy(decks_dir() / name, folder)
    (folder / COMPILED_NAME).write_text(compile_decks(folder), encoding="utf-8")
    changed = folder / "true-or-false.deck.toml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Science::True or false", "Quiz::Facts"),
                       encoding="utf-8")
    monkeypatch.setattr(workspace, "decks_dir", lambda: folder)
    db = connect(tmp_path / "s.db")

    assert sorted(workspace.install_builtin_decks(db, tmp_path)) == ["Maths::Fraction subtraction", "Quiz::Facts"]
    assert len(installed_items(db)["Quiz::Facts"]) == len(read_deck(changed).items)

    # Only a deck whose file changed is imported again.
    changed.write_text(changed.read_text(encoding="utf-8").replace("Quiz::Facts", "Quiz::More facts"),
                       encoding="utf-8")
    assert workspace.install_builtin_decks(db, tmp_path) == ["Quiz::More facts"]
