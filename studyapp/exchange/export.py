"""Exporting a deck tree to an Anki package, with the media its items use and, if asked, one profile's
answers as Anki review history. Shared by `studyapp export-deck` and the GUI."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from studyapp.content.anki_write import write_anki_package
from studyapp.content.model import ContentError, Deck, HistoryRow
from studyapp.content.problems import Code
from studyapp.paths import media_dir
from studyapp.store import queries


def write_apkg(db: Database, data_dir: Path, decks: list[Deck], out: Path, profile_id: int | None) -> int:
    """Write `decks` to the .apkg `out` (the profile's answers to their items as history when `profile_id`
    is given); returns how many items were written."""
    if not decks:
        raise ContentError(Code.NOTHING_TO_EXPORT)
    keys = {(i.guid, i.ord) for d in decks for i in d.items}
    history = []
    if profile_id is not None:
        history = [HistoryRow(r["guid"], r["ord"], r["answered_ms"], r["grade"], r["correct"], r["response_ms"])
                   for r in queries.answers_with_items(db, profile_id) if (r["guid"], r["ord"]) in keys]
    folder = media_dir(data_dir)
    names = {name for d in decks for i in d.items for name in i.media}
    media = {n: (folder / n).read_bytes() for n in names if (folder / n).is_file()}
    write_anki_package(decks, history, Path(out), media)
    return sum(len(d.items) for d in decks)


def export_deck_apkg(db: Database, data_dir: Path, deck_id: int, out: Path, profile_id: int | None) -> int:
    """The deck with its sub-decks, as `write_apkg`."""
    return write_apkg(db, data_dir, queries.deck_tree_content(db, deck_id), out, profile_id)
