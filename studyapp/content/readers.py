"""Choosing a reader by file type: every importable format becomes an ImportBundle."""

from __future__ import annotations

from pathlib import Path

from studyapp.content.delimited import read_delimited
from studyapp.content.model import ContentError, ImportBundle
from studyapp.content.native import SUFFIX as NATIVE_SUFFIX, read_deck

DELIMITED_SUFFIXES = (".csv", ".tsv", ".txt")
ANKI_SUFFIXES = (".apkg", ".colpkg")


def read_file(path: Path, deck_name: str | None = None, columns: list[str] | None = None,
              delimiter: str | None = None) -> ImportBundle:
    path = Path(path)
    if not path.is_file():
        raise ContentError(f"{path} does not exist or is not a file")
    name = path.name.lower()
    if name.endswith(NATIVE_SUFFIX) or name.endswith(".toml"):
        return ImportBundle(decks=[read_deck(path)])
    if name.endswith(DELIMITED_SUFFIXES):
        return read_delimited(path, deck_name=deck_name, columns=columns, delimiter=delimiter)
    if name.endswith(ANKI_SUFFIXES):
        from studyapp.content.anki_read import read_anki_package  # only when needed: pulls in zstandard

        return read_anki_package(path)
    raise ContentError(
        f"{path} has a file type StudyApp cannot import (use .deck.toml, .csv, .tsv, .txt, .apkg or .colpkg)"
    )
