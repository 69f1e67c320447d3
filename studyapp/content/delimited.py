"""CSV and TSV decks: Quizlet's `term<TAB>definition` export and spreadsheets with a header row.

Without a header the columns are prompt, answer, then optionally tags. A header row names its
columns (see COLUMN_ALIASES); `options` and `accepted` cells separate their values with `|`,
`tags` with spaces, commas or semicolons.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from studyapp.content.expand import expand_item
from studyapp.content.limits import MAX_DELIMITED_BYTES, read_capped
from studyapp.content.model import KINDS, ContentError, Deck, ImportBundle, Item
from studyapp.content.native import stable_guid

COLUMN_ALIASES = {
    "prompt": {"prompt", "front", "term", "question", "word"},
    "answer": {"answer", "back", "definition", "meaning", "translation"},
    "kind": {"kind", "type"},
    "options": {"options", "choices"},
    "accepted": {"accepted", "alternatives"},
    "tags": {"tags", "tag"},
    "hint": {"hint"},
    "explanation": {"explanation", "note", "notes"},
    "skill": {"skill"},
}
DEFAULT_COLUMNS = ["prompt", "answer", "tags"]
# What spreadsheets write: comma, semicolon (Excel where the comma is the decimal mark), tab, pipe.
DELIMITERS = ",;\t|"
SNIFF_LINES = 20
IGNORE = "ignore"   # a role for `columns`: the column is read past (a spreadsheet's own notes, row numbers)
# A field over the cap must reach Item.validate, which names its row, rather than stop the csv module.
csv.field_size_limit(MAX_DELIMITED_BYTES)


def canonical_column(name: str) -> str | None:
    name = name.strip().lower()
    return next((col for col, aliases in COLUMN_ALIASES.items() if name in aliases), None)


def _decode(path: Path) -> str:
    raw = read_capped(path, MAX_DELIMITED_BYTES)
    if not raw.strip():
        raise ContentError(f"{path} is empty")
    if b"\x00" in raw:
        raise ContentError(f"{path} is not a text file (it contains binary data)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(f"{path} is not UTF-8 text; save it as UTF-8 and import it again") from None


def detect_delimiter(path: Path, text: str) -> str:
    """The separator of a spreadsheet: a .tsv file's is a tab; otherwise the one of DELIMITERS that splits the
    first lines into the same number of cells (csv.Sniffer); failing that, a tab when the first line has one
    and no comma, else a comma for .csv and a tab for .txt (Quizlet's export)."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    lines = text.splitlines()[:SNIFF_LINES]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        pass
    first = lines[0] if lines else ""
    if path.suffix.lower() == ".csv" and not ("\t" in first and "," not in first):
        return ","
    return "\t"


def _split(cell: str, pattern: str) -> list[str]:
    return [part.strip() for part in re.split(pattern, cell) if part.strip()]


def _item(values: dict[str, Any], deck_name: str, default_kind: str, where: str) -> list[Item]:
    kind = (values.get("kind") or default_kind).strip().lower()
    if kind not in KINDS:
        raise ContentError(f"{where} has unknown kind {kind!r} (expected one of {', '.join(KINDS)})")
    prompt = values.get("prompt", "").strip()
    answer = values.get("answer", "").strip()
    if not prompt:
        raise ContentError(f"{where} has an empty prompt")
    if not answer and kind != "cloze":
        raise ContentError(f"{where} has an empty answer")
    item = Item(
        kind=kind, prompt=prompt, answer=answer,
        options=_split(values.get("options", ""), r"\|"),
        accepted=_split(values.get("accepted", ""), r"\|"),
        tags=_split(values.get("tags", ""), r"[\s,;]+"),
        hint=values.get("hint", "").strip(), explanation=values.get("explanation", "").strip(),
        skill=values.get("skill", "").strip(), guid=stable_guid(deck_name, kind, prompt),
    )
    items = expand_item(item)
    for it in items:
        try:
            it.validate()
        except ContentError as exc:
            raise ContentError(f"{where}: {exc}") from None
    return items


def read_delimited(
    path: Path,
    deck_name: str | None = None,
    columns: list[str] | None = None,
    delimiter: str | None = None,
    kind: str = "basic",
    header_row: bool | None = None,
) -> ImportBundle:
    """Read a CSV/TSV file into one deck. `columns` overrides the header (or its absence); `header_row`
    says whether the first row is a header to skip (None: when it names the prompt and answer columns)."""
    path = Path(path)
    text = _decode(path)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter or detect_delimiter(path, text)))
    except csv.Error as exc:
        raise ContentError(f"{path} is not a readable CSV/TSV file ({exc})") from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise ContentError(f"{path} is empty (no cell has any text)")
    header = [canonical_column(c) for c in rows[0]]
    recognised = "prompt" in header and "answer" in header
    has_header = recognised if header_row is None else header_row
    if columns is None:
        if recognised and None in header:
            unknown = rows[0][header.index(None)]
            raise ContentError(f"{path}: unknown column {unknown!r} in the header")
        columns = [c for c in header if c is not None] if recognised else DEFAULT_COLUMNS  # all named, as checked
    else:
        bad = [c for c in columns if c not in COLUMN_ALIASES and c != IGNORE]
        if bad:
            raise ContentError(f"unknown column name {bad[0]!r} (known: {', '.join(COLUMN_ALIASES)})")
    body = rows[1:] if has_header else rows
    if not body:
        raise ContentError(f"{path} has a header but no rows")
    name = deck_name or path.name.split(".")[0]
    items: list[Item] = []
    first_line = 2 if has_header else 1
    for n, row in enumerate(body, start=first_line):
        where = f"{path} line {n}"
        if len(row) < 2:
            raise ContentError(f"{where} has {len(row)} column(s); expected at least a prompt and an answer")
        if len(row) > len(columns):
            raise ContentError(f"{where} has {len(row)} columns but only {len(columns)} are named")
        items.extend(_item(dict(zip(columns, row)), name, kind, where))
    keys = [(i.guid, i.ord) for i in items]
    if len(set(keys)) != len(keys):
        duplicate = next(i.prompt for i in items if keys.count((i.guid, i.ord)) > 1)
        raise ContentError(f"{path} has the prompt {duplicate!r} twice")
    return ImportBundle(decks=[Deck(name=name, items=items)])
