"""The built-in decks compiled to JSON at build time (packaging/tools/build_decks.py), as the .qm files are from the
.ts files: a first start reads them in a few milliseconds, where parsing and checking the TOML took a tenth of a
second or more.

Each deck is kept under its file's name with the sha256 of the TOML it came from, and the file names the Item
fields in the order its rows hold them. A deck whose TOML has changed since, or a file written for other Item
fields, is not used: the caller reads the TOML instead, so an out-of-date compiled file costs time, never content.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import astuple, fields
from pathlib import Path
from typing import Any

from studyapp.content.model import Deck, Item
from studyapp.content.native import SUFFIX, read_deck

COMPILED_NAME = "compiled-decks.json"
ITEM_FIELDS = [f.name for f in fields(Item)]


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def compile_decks(folder: Path) -> str:
    """The JSON text of every deck file in `folder`, read and checked as an import reads it; one item a line, so
    that a change to a deck shows as a readable change to this file."""
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    entries = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        deck = read_deck(path)
        rows = ",\n".join(dump(astuple(item)) for item in deck.items)
        entries.append(f"{dump(path.name)}: {{\"sha256\": {dump(file_digest(path.read_bytes()))}, "
                       f"\"name\": {dump(deck.name)}, \"description\": {dump(deck.description)}, "
                       f"\"items\": [\n{rows}\n]}}")
    return f"{{\"item_fields\": {dump(ITEM_FIELDS)},\n\"decks\": {{\n" + ",\n".join(entries) + "\n}}\n"


class CompiledDecks:
    """The compiled file of a deck folder, read once when a deck is first asked for (a relaunch installs nothing
    and never reads it)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / COMPILED_NAME
        self._decks: dict[str, dict[str, Any]] | None = None

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("item_fields") != ITEM_FIELDS:
            return {}
        return data.get("decks") or {}

    def deck(self, file_name: str, digest: str) -> Deck | None:
        """The deck compiled from the TOML file `file_name` whose sha256 is `digest`; None when there is none."""
        if self._decks is None:
            self._decks = self._load()
        entry = self._decks.get(file_name)
        if entry is None or entry.get("sha256") != digest:
            return None
        return Deck(name=entry["name"], description=entry["description"],
                    items=[Item(*row) for row in entry["items"]])
