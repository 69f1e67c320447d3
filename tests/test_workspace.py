"""Installing the built-in decks: from their compiled form when it is up to date, else from the TOML, and only
the decks that changed."""

from __future__ import annotations

import shutil

import pytest

from studyapp import workspace
from studyapp.content.compiled_decks import COMPILED_NAME, compile_decks
from studyapp.content.native import SUFFIX, read_deck
from studyapp.resources import decks_dir
from studyapp.store import queries
from studyapp.store.db import connect


def installed_items(db) -> dict[str, list]:
    """Each deck's items as stored, without the row ids and times."""
    decks = {row["id"]: row["name"] for row in db.query("SELECT id, name FROM decks")}
    found: dict[str, list] = {}
    for deck_id, name in decks.items():
        items = queries.items_in_decks(db, [deck_id], include_suspended=True)
        if items:
            found[name] = [(i.kind, i.prompt, i.answer, i.options, i.accepted, i.hint, i.explanation, i.tags,
                            i.skill, i.guid, i.ord, i.suspended, i.media) for i in items]
    return found


def toml_items() -> dict[str, list]:
    decks = [read_deck(path) for path in sorted(decks_dir().glob(f"*{SUFFIX}"))]
    return {deck.name: [(i.kind, i.prompt, i.answer, i.options, i.accepted, i.hint, i.explanation, i.tags, i.skill,
                         i.guid, i.ord, i.suspended, i.media) for i in deck.items] for deck in decks}


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
