"""Choosing a reader by file type: every importable format becomes an ImportBundle."""

from __future__ import annotations

from pathlib import Path

from studyapp.content.delimited import read_delimited
from studyapp.content.model import ContentError, ImportBundle
from studyapp.content.native import read_deck
from studyapp.content.problems import Code

FORMATS = ("auto", "native", "csv", "quizlet", "mnemosyne", "anki")
SUFFIX_FORMATS = {".toml": "native", ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".apkg": "anki", ".colpkg": "anki"}


def detect_format(path: Path) -> str:
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ContentError(Code.UNKNOWN_FILE_TYPE, str(path))
    return fmt


def read_file(path: Path, deck_name: str | None = None, columns: list[str] | None = None,
              delimiter: str | None = None, file_format: str = "auto",
              header_row: bool | None = None) -> ImportBundle:
    """Read any importable file. `file_format` picks a reader when the suffix is ambiguous
    (Quizlet's and Mnemosyne's exports are both tab-separated .txt)."""
    path = Path(path)
    if not path.is_file():
        raise ContentError(Code.NOT_A_FILE, str(path))
    if file_format not in FORMATS:
        raise ContentError(Code.UNKNOWN_FILE_FORMAT, repr(file_format), ", ".join(FORMATS))
    fmt = detect_format(path) if file_format == "auto" else file_format
    if fmt == "native":
        return ImportBundle(decks=[read_deck(path)])
    if fmt == "csv":
        return read_delimited(path, deck_name=deck_name, columns=columns, delimiter=delimiter, header_row=header_row)
    if fmt == "quizlet":
        return read_delimited(path, deck_name=deck_name, columns=["prompt", "answer"], delimiter=delimiter or "\t")
    if fmt == "mnemosyne":
        from studyapp.content.mnemosyne import read_mnemosyne_tsv

        return read_mnemosyne_tsv(path)
    from studyapp.content.anki_read import read_anki_package  # only when needed: pulls in zstandard

    return read_anki_package(path)
