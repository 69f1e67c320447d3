"""Mnemosyne's tab-separated export: question<TAB>answer[<TAB>tags], one card per line.

Mnemosyne writes line breaks inside a card as <br> and its fields are HTML, so the text is
sanitised like any imported field. Tags are comma-separated. The deck is named after the file.
"""

from __future__ import annotations

from pathlib import Path

from studyapp.content.html_sanitize import sanitize_html
from studyapp.content.limits import MAX_DELIMITED_BYTES, read_capped
from studyapp.content.model import ContentError, Deck, ImportBundle, Item
from studyapp.content.native import stable_guid
from studyapp.content.problems import Code


def _item(line: str, number: int, deck_name: str, source: str) -> Item:
    columns = line.split("\t")
    if len(columns) not in (2, 3):
        raise ContentError(Code.MNEMOSYNE_COLUMNS, number, source, len(columns))
    question, answer = sanitize_html(columns[0]).strip(), sanitize_html(columns[1]).strip()
    if not question or not answer:
        raise ContentError(Code.MNEMOSYNE_EMPTY_ANSWER if question else Code.MNEMOSYNE_EMPTY_QUESTION, number, source)
    tags = [t.strip() for t in columns[2].split(",") if t.strip()] if len(columns) == 3 else []
    return Item(kind="basic", prompt=question, answer=answer, tags=tags, guid=stable_guid(deck_name, "basic", question))


def read_mnemosyne_tsv(path: Path) -> ImportBundle:
    path = Path(path)
    try:
        text = read_capped(path, MAX_DELIMITED_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(Code.NOT_UTF8, str(path)) from None
    deck_name = path.stem.strip() or "Mnemosyne"
    items: list[Item] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item = _item(line, number, deck_name, str(path))
        if item.guid in seen:  # the same question twice: tell the cards apart by their answer
            item.guid = stable_guid(deck_name, "basic", f"{item.prompt}\x1f{item.answer}")
        if item.guid in seen:
            continue  # an exact duplicate line
        seen.add(item.guid)
        items.append(item)
    if not items:
        raise ContentError(Code.NO_CARDS, str(path))
    deck = Deck(name=deck_name, items=items)
    deck.validate()
    return ImportBundle(decks=[deck])
