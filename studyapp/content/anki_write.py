"""Write decks (and optionally their review history) as an Anki package that every Anki imports.

The package is the oldest, most widely read version: a schema-11 `collection.anki2` and a JSON
media map, with no `meta` member. Items become notes of Anki's stock note types:

  basic                 Basic                          Front = prompt, Back = answer
  reversed (ord 0 + 1)  Basic (and reversed card)      one note, a card per direction
  typed                 Basic (type in the answer)     Front = prompt, Back = answer
  cloze                 Cloze                          the {{cN::...}} text rebuilt from the note's
                                                       items; Back Extra = a custom explanation
  choice, truefalse     Basic                          the options are listed on the front (Anki has
                                                       no quiz cards), Back = the answer

Anki's stock note types have no place for an item's hint, accepted answers, skill or (outside
cloze) explanation, so those are not exported. A cloze note whose text cannot be rebuilt from
its items is exported as one Basic note per item (guid "<guid>#<ord>").
Media an item lists but its text does not show are appended to its prompt (an <img> or a
[sound:] reference), because Anki keeps and shows only media that a field refers to.
History rows become revlog rows (id = the answer's time in ms, nudged by 1 ms where two
answers share a millisecond); app-graded answers without a grade become ease 3 or 1.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from studyapp.content.anki_read import SOUND
from studyapp.content.cloze import CLOZE, render_cloze
from studyapp.content.html_sanitize import html_to_text, image_sources
from studyapp.content.media_names import media_name_problem
from studyapp.content.model import ContentError, Deck, HistoryRow, Item, grade_of
from studyapp.content.problems import Code

SCHEMA = """
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL,
  models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL,
  ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL,
  left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
  type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
"""
CSS = ".card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }"
CLOZE_CSS = CSS + "\n.cloze { font-weight: bold; color: blue; }"
BACK = "{{FrontSide}}\n\n<hr id=answer>\n\n"
# Fixed ids: re-exports reuse the same note types in Anki instead of adding copies.
BASIC, REVERSED, TYPED, CLOZE_TYPE = 1_600_000_000_001, 1_600_000_000_002, 1_600_000_000_003, 1_600_000_000_004
NOTE_TYPES = {
    BASIC: ("Basic", 0, ["Front", "Back"], [("Card 1", "{{Front}}", BACK + "{{Back}}")]),
    REVERSED: ("Basic (and reversed card)", 0, ["Front", "Back"],
               [("Card 1", "{{Front}}", BACK + "{{Back}}"), ("Card 2", "{{Back}}", BACK + "{{Front}}")]),
    TYPED: ("Basic (type in the answer)", 0, ["Front", "Back"],
            [("Card 1", "{{Front}}\n\n{{type:Back}}", "{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}")]),
    CLOZE_TYPE: ("Cloze", 1, ["Text", "Back Extra"],
                 [("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}")]),
}
BRACKET = re.compile(r"\[[^\[\]]*\]")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp")
MAX_ANKI_ID = (1 << 53) - 1


def _note_type_json(ntid: int, now: int) -> dict[str, Any]:
    name, kind, fields, templates = NOTE_TYPES[ntid]
    return {
        "id": ntid, "name": name, "type": kind, "mod": now, "usn": -1, "sortf": 0, "did": 1,
        "flds": [{"name": f, "ord": i, "sticky": False, "rtl": False, "font": "Arial", "size": 20, "media": []}
                 for i, f in enumerate(fields)],
        "tmpls": [{"name": n, "ord": i, "qfmt": q, "afmt": a, "did": None, "bqfmt": "", "bafmt": ""}
                  for i, (n, q, a) in enumerate(templates)],
        "css": CLOZE_CSS if kind else CSS, "latexPre": "", "latexPost": "", "latexsvg": False,
        "req": [[i, "any", [0]] for i in range(len(templates))], "tags": [], "vers": [],
    }


def _deck_json(did: int, name: str, description: str, now: int) -> dict[str, Any]:
    return {
        "id": did, "name": name, "desc": description, "mod": now, "usn": -1, "dyn": 0, "conf": 1,
        "collapsed": False, "browserCollapsed": False, "extendNew": 0, "extendRev": 0,
        "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0],
    }


def _deck_config_json() -> dict[str, Any]:
    return {"1": {
        "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": True, "timer": 0,
        "replayq": True, "dyn": False,
        "new": {"delays": [1, 10], "ints": [1, 4, 0], "initialFactor": 2500, "order": 1, "perDay": 20, "bury": False},
        "rev": {"perDay": 200, "ease4": 1.3, "ivlFct": 1, "maxIvl": 36500, "bury": False, "hardFactor": 1.2},
        "lapse": {"delays": [10], "mult": 0, "minInt": 1, "leechFails": 8, "leechAction": 1},
    }}


def _stable_id(text: str) -> int:
    """A deck id from its name, stable across exports (Anki ids are positive and below 2**53)."""
    return int(hashlib.sha1(text.encode()).hexdigest()[:12], 16) % MAX_ANKI_ID + 2


def _deck_names(decks: list[Deck]) -> dict[str, str]:
    """Every deck and its parents, name -> description (Anki wants parents to exist)."""
    names: dict[str, str] = {}
    for deck in decks:
        parts = deck.name.split("::")
        for depth in range(1, len(parts)):
            names.setdefault("::".join(parts[:depth]), "")
        names[deck.name] = deck.description
    return names


def _options_front(item: Item) -> str:
    if item.kind == "truefalse":
        return f"{item.prompt}<br>(true or false)"
    options = "".join(f"<li>{option}</li>" for option in item.options)
    return f"{item.prompt}<ol type=\"A\">{options}</ol>"


def _with_media_shown(item: Item) -> Item:
    """The item with its media files that its text does not show yet appended to the prompt,
    since Anki shows (and keeps) only media that a field refers to."""
    shown = set(image_sources(item.prompt + item.answer)) | set(SOUND.findall(item.prompt + item.answer))
    extra = [n for n in item.media if n not in shown and html.escape(n) not in shown]
    if not extra:
        return item
    tags = "".join(f'<img src="{html.escape(n)}">' if n.lower().endswith(IMAGE_SUFFIXES) else f"[sound:{n}]"
                   for n in extra)
    return replace(item, prompt=item.prompt + tags)


def _revealed_candidates(items: list[Item]) -> list[str]:
    """Texts that could be the cloze with every deletion shown: the explanation, or a prompt
    with its bracketed blank filled by the answer."""
    candidates = [items[0].explanation] if items[0].explanation else []
    for item in items:
        for match in BRACKET.finditer(item.prompt):
            candidates.append(item.prompt[:match.start()] + item.answer + item.prompt[match.end():])
    return list(dict.fromkeys(candidates))


def _spans(revealed: str, item: Item) -> list[tuple[int, int, str]] | None:
    """Where in `revealed` the item's blanks are: (start, end, hint)."""
    pieces = BRACKET.split(item.prompt)
    brackets = BRACKET.findall(item.prompt)
    pattern = "".join(re.escape(p) + ("(.*?)" if i < len(brackets) else "") for i, p in enumerate(pieces))
    match = re.fullmatch(pattern, revealed, re.DOTALL)
    if match is None:
        return None
    spans = []
    for group, bracket in enumerate(brackets, start=1):
        if match.group(group) != bracket:  # a bracket that matches itself is text, not a blank
            hint = bracket[1:-1]
            spans.append((match.start(group), match.end(group), "" if hint == "..." else hint))
    return spans


def rebuild_cloze(items: list[Item]) -> str | None:
    """The {{cN::answer::hint}} text whose expansion gives exactly `items`, or None."""
    for revealed in _revealed_candidates(items):
        marks = []
        for item in items:
            spans = _spans(revealed, item)
            if not spans:
                break
            marks += [(start, end, item.ord + 1, hint) for start, end, hint in spans]
        else:
            marks.sort()
            if any(a[1] > b[0] for a, b in zip(marks, marks[1:])):
                continue
            text, pos = [], 0
            for start, end, number, hint in marks:
                hint_part = f"::{hint}" if hint else ""
                text += [revealed[pos:start], f"{{{{c{number}::{revealed[start:end]}{hint_part}}}}}"]
                pos = end
            text.append(revealed[pos:])
            rebuilt = "".join(text)
            if all(render_cloze(rebuilt, i.ord + 1) == (i.prompt, i.answer) for i in items):
                return rebuilt
    return None


class _Writer:
    def __init__(self, conn: sqlite3.Connection, deck_ids: dict[str, int], now: int) -> None:
        self.conn, self.deck_ids, self.now = conn, deck_ids, now
        self.next_id = now * 1000
        self.cards: dict[tuple[str, int], int] = {}
        self.due = 0

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id

    def note(self, guid: str, ntid: int, fields: list[str], cards: list[tuple[int, Item, str]]) -> None:
        """One note and its cards: (card ord, item, deck name)."""
        nid = self._id()
        tags = sorted({t for _, item, _ in cards for t in item.tags})
        sort_field = html_to_text(fields[0])
        csum = int(hashlib.sha1(sort_field.encode()).hexdigest()[:8], 16)
        self.conn.execute(
            "INSERT INTO notes VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (nid, guid, ntid, self.now, -1, f" {' '.join(t.replace(' ', '_') for t in tags)} " if tags else "",
             "\x1f".join(fields), sort_field, csum, 0, ""),
        )
        self.due += 1
        for ord_, item, deck in cards:
            cid = self._id()
            self.conn.execute(
                "INSERT INTO cards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (cid, nid, self.deck_ids[deck], ord_, self.now, -1, 0, -1 if item.suspended else 0, self.due,
                 0, 0, 0, 0, 0, 0, 0, 0, ""),
            )
            self.cards[(item.guid, item.ord)] = cid

    def group(self, guid: str, members: list[tuple[Item, str]]) -> None:
        members = [(_with_media_shown(item), deck) for item, deck in members]
        kinds = {item.kind for item, _ in members}
        first, deck = members[0]
        if kinds == {"cloze"}:
            items = sorted((item for item, _ in members), key=lambda i: i.ord)
            text = rebuild_cloze(items)
            if text is not None:
                revealed = CLOZE.sub(lambda m: m.group(2), text)
                extra = first.explanation if first.explanation != revealed else ""
                self.note(guid, CLOZE_TYPE, [text, extra], [(i.ord, i, d) for i, d in members])
                return
        if kinds == {"reversed"} and {item.ord for item, _ in members} == {0, 1}:
            forward = next(item for item, _ in members if item.ord == 0)
            self.note(guid, REVERSED, [forward.prompt, forward.answer], [(i.ord, i, d) for i, d in members])
            return
        if len(members) == 1 and first.kind in ("basic", "typed", "reversed", "choice", "truefalse"):
            ntid = TYPED if first.kind == "typed" else BASIC
            front = _options_front(first) if first.kind in ("choice", "truefalse") else first.prompt
            self.note(guid, ntid, [front, first.answer], [(0, first, deck)])
            return
        for item, deck in members:  # parts that no single stock note can hold: one note each
            front = _options_front(item) if item.kind in ("choice", "truefalse") else item.prompt
            self.note(f"{guid}#{item.ord}", TYPED if item.kind == "typed" else BASIC, [front, item.answer],
                      [(0, item, deck)])

    def revlog(self, history: list[HistoryRow]) -> None:
        used: set[int] = set()
        for row in sorted(history, key=lambda r: r.timestamp_ms):
            cid = self.cards.get((row.item_guid, row.item_ord))
            if cid is None:
                continue
            rid = row.timestamp_ms
            while rid in used:
                rid += 1
            used.add(rid)
            ease = grade_of(row.correct, row.grade)
            self.conn.execute(
                "INSERT INTO revlog VALUES (?,?,?,?,?,?,?,?,?)",
                (rid, cid, -1, ease, 0, 0, 0, max(row.response_ms or 0, 0), 1),
            )


def _collection(path: Path, decks: list[Deck], history: list[HistoryRow]) -> None:
    now = int(time.time())
    deck_names = {"Default": ""} | _deck_names(decks)
    deck_ids = {name: 1 if name == "Default" else _stable_id(name) for name in deck_names}
    conn = sqlite3.connect(path)
    try:
        conn.executescript(SCHEMA)
        models = {str(ntid): _note_type_json(ntid, now) for ntid in NOTE_TYPES}
        decks_json = {str(deck_ids[n]): _deck_json(deck_ids[n], n, d, now) for n, d in deck_names.items()}
        conf = {"nextPos": 1, "curDeck": 1, "activeDecks": [1], "sortType": "noteFld", "collapseTime": 1200}
        conn.execute(
            "INSERT INTO col VALUES (1,?,?,?,11,0,0,0,?,?,?,?,?)",
            (now - now % 86400, now * 1000, now * 1000, json.dumps(conf), json.dumps(models), json.dumps(decks_json),
             json.dumps(_deck_config_json()), "{}"),
        )
        writer = _Writer(conn, deck_ids, now)
        groups: dict[str, list[tuple[Item, str]]] = defaultdict(list)
        for deck in decks:
            for item in deck.items:
                groups[item.guid].append((item, deck.name))
        for guid, members in groups.items():
            writer.group(guid, members)
        writer.revlog(history)
        conn.commit()
    finally:
        conn.close()


def write_anki_package(decks: list[Deck], history: list[HistoryRow], path: Path,
                       media: dict[str, bytes] | None = None) -> None:
    """Write `decks` (all items need a guid), the history rows of their items and `media` to the
    .apkg at `path`; the file appears only once it is complete."""
    path = Path(path)
    media = media or {}
    for name in media:
        problem = media_name_problem(name)
        if problem:
            raise ContentError(Code.EXPORT_MEDIA, repr(name), problem)
    for deck in decks:
        deck.validate()
        missing = [i.prompt[:40] for i in deck.items if not i.guid]
        if missing:
            raise ContentError(Code.EXPORT_ITEM_WITHOUT_ID, repr(deck.name), repr(missing[0]))
    with tempfile.TemporaryDirectory(prefix="studyapp-apkg-") as workdir:
        db_path = Path(workdir) / "collection.anki2"
        _collection(db_path, decks, history)
        partial = path.with_name(path.name + ".partial")
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(db_path, "collection.anki2")
                names = sorted(media)
                archive.writestr("media", json.dumps({str(i): n for i, n in enumerate(names)}))
                for i, name in enumerate(names):
                    archive.writestr(str(i), media[name])
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
