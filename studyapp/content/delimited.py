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
from studyapp.content.problems import Code, Problem

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
        raise ContentError(Code.EMPTY_FILE, str(path))
    if b"\x00" in raw:
        raise ContentError(Code.BINARY_FILE, str(path))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(Code.NOT_UTF8_SAVE_AS, str(path)) from None


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


def _item(values: dict[str, Any], deck_name: str, default_kind: str, where: Problem) -> list[Item]:
    kind = (values.get("kind") or default_kind).strip().lower()
    if kind not in KINDS:
        raise ContentError(Code.UNKNOWN_KIND_AT, where, repr(kind), ", ".join(KINDS))
    prompt = values.get("prompt", "").strip()
    answer = values.get("answer", "").strip()
    if not prompt:
        raise ContentError(Code.EMPTY_PROMPT_AT, where)
    if not answer and kind != "cloze":
        raise ContentError(Code.EMPTY_ANSWER_AT, where)
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
            raise ContentError(Code.AT, where, exc.problem) from None
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
        raise ContentError(Code.NOT_CSV, str(path), str(exc)) from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise ContentError(Code.NO_CELL_TEXT, str(path))
    header = [canonical_column(c) for c in rows[0]]
    recognised = "prompt" in header and "answer" in header
    has_header = recognised if header_row is None else header_row
    if columns is None:
        if recognised and None in header:
            unknown = rows[0][header.index(None)]
            raise ContentError(Code.UNKNOWN_HEADER_COLUMN, str(path), repr(unknown))
        columns = [c for c in header if c is not None] if recognised else DEFAULT_COLUMNS  # all named, as checked
    else:
        bad = [c for c in columns if c not in COLUMN_ALIASES and c != IGNORE]
        if bad:
            raise ContentError(Code.UNKNOWN_COLUMN_NAME, repr(bad[0]), ", ".join(COLUMN_ALIASES))
    body = rows[1:] if has_header else rows
    if not body:
        raise ContentError(Code.HEADER_WITHOUT_ROWS, str(path))
    name = deck_name or path.name.split(".")[0]
    items: list[Item] = []
    first_line = 2 if has_header else 1
    for n, row in enumerate(body, start=first_line):
        where = Problem(Code.LINE_OF, (str(path), n))
        if len(row) < 2:
            raise ContentError(Code.TOO_FEW_COLUMNS, where)
        if len(row) > len(columns):
            raise ContentError(Code.TOO_MANY_COLUMNS, where, len(row), len(columns))
        items.extend(_item(dict(zip(columns, row)), name, kind, where))
    keys = [(i.guid, i.ord) for i in items]
    if len(set(keys)) != len(keys):
        duplicate = next(i.prompt for i in items if keys.count((i.guid, i.ord)) > 1)
        raise ContentError(Code.PROMPT_TWICE, str(path), repr(duplicate))
    return ImportBundle(decks=[Deck(name=name, items=items)])
