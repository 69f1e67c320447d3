"""Read Anki packages (.apkg, .colpkg) of every version Anki writes into an ImportBundle.

Package versions, chosen from the `meta` member as Anki does (no `meta`: by member names):
  1 legacy 1  collection.anki2    schema 11, JSON media map (genanki, Anki 2.0)
  2 legacy 2  collection.anki21   schema 11, JSON media map (Anki 2.1 up to 2.1.49)
  3 latest    collection.anki21b  zstd-compressed schema 18, protobuf media list, media
                                  members zstd-compressed (Anki 2.1.50 and later)

Cards become Items: the stock Basic types one item per card ("basic", "reversed" for a two-way
pair, "typed"), Cloze one "cloze" item per deletion, other note types by rendering their card
templates, Image Occlusion as self-graded cards that name the masked region (the masks
themselves are drawn by Anki's script, which we do not run).

A package is untrusted input. The reader writes nothing outside one private temporary
directory that it removes; it refuses unsafe member or media names, archives that expand
too far (see Limits), files that are not an Anki collection and versions newer than it
knows, each with one sentence naming the file; field HTML is sanitised.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Iterator, NoReturn

import zstandard

from studyapp.content import anki_proto as proto
from studyapp.content import anki_template as tpl
from studyapp.content.answer_times import answer_time_problem, wall_clock_ms
from studyapp.content.cloze import CLOZE, render_cloze
from studyapp.content.html_sanitize import html_to_text, image_sources, sanitize_html
from studyapp.content.media_names import is_safe_media_name
from studyapp.content.model import DECK_SEPARATOR, ContentError, Deck, HistoryRow, ImportBundle, Item, correct_of
from studyapp.content.problems import Argument, Code, Problem

LATEST_VERSION = 3
COLLECTION_MEMBER = {1: "collection.anki2", 2: "collection.anki21", 3: "collection.anki21b"}
MAX_SCHEMA = 18
SQLITE_MAGIC = b"SQLite format 3\x00"
ANKI_TABLES = {"col", "notes", "cards", "revlog"}
SCHEMA18_TABLES = {"notetypes", "fields", "templates", "decks"}
# Revlog kinds that are not answers: 4 manual (set due date / forget), 5 rescheduled.
NOT_ANSWERS = (4, 5)
CHUNK = 1 << 20
STOCK_CLOZE_BACK = re.compile(r"\s*\{\{cloze:(?P<text>[^{}]+)\}\}\s*(?:<br\s*/?>\s*)*\{\{(?P<extra>[^{}#^/:]+)\}\}\s*")
SIMPLE_FRONT = re.compile(
    r"\s*(?:\{\{#[^{}]+\}\})?\s*\{\{(?P<front>[^{}#^/:!]+)\}\}\s*(?:\{\{/[^{}]+\}\})?\s*"
    r"(?:\{\{type:(?P<typed>[^{}]+)\}\})?\s*"
)
SIMPLE_BACK = re.compile(
    r"\s*\{\{(?:FrontSide|[^{}#^/:!]+)\}\}\s*<hr id=\"?answer\"?\s*/?>\s*"
    r"(?:\{\{(?P<back>[^{}#^/:!]+)\}\}|\{\{type:(?P<typed>[^{}]+)\}\})\s*"
)
ANSWER_RULE = re.compile(r"<hr id=\"?answer\"?\s*/?>", re.I)
IMAGE_OCCLUSION = "image-occlusion:"
SOUND = re.compile(r"\[sound:([^\]]*)\]")


@dataclass(frozen=True)
class Limits:
    """Caps on what a package may expand to. A real deck fits easily: the largest shared
    decks are a few hundred MB with media; text and SQLite rarely compress beyond 20:1."""

    max_total: int = 2 << 30  # all members read, after decompression (zip and zstd)
    max_member: int = 512 << 20  # one member after decompression
    max_ratio: int = 200  # expanded / compressed, checked once a member passes ratio_floor
    ratio_floor: int = 1 << 20  # small members may compress well (empty SQLite pages)


DEFAULT_LIMITS = Limits()


@dataclass
class NoteType:
    name: str
    is_cloze: bool
    fields: list[str]
    templates: list[tuple[str, str, str]]  # (name, front format, back format)


def _unsafe_name(name: str) -> bool:
    pure = PurePosixPath(name.replace("\\", "/"))
    return (
        not name or name.startswith(("/", "\\")) or ".." in pure.parts or "\x00" in name
        or re.match(r"^[A-Za-z]:", name) is not None
    )


class _Archive:
    """A zip opened with every member checked, read with expansion caps."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path, self.limits, self.expanded = path, limits, 0
        try:
            self.zip = zipfile.ZipFile(path)
        except FileNotFoundError:
            raise ContentError(Code.FILE_MISSING, str(path)) from None
        except (zipfile.BadZipFile, OSError):
            raise ContentError(Code.NOT_A_ZIP, str(path)) from None
        infos = self.zip.infolist()
        for info in infos:
            if _unsafe_name(info.filename):
                self.refuse(Code.UNSAFE_MEMBER, repr(info.filename))
            if info.file_size > limits.max_member:
                self.refuse(Code.MEMBER_TOO_LARGE, limits.max_member >> 20, repr(info.filename))
            self._check_ratio(info.filename, info.file_size, info.compress_size)
        if sum(i.file_size for i in infos) > limits.max_total:
            self.refuse(Code.EXPANDS_TOO_MUCH, limits.max_total >> 20)
        self.names = {i.filename for i in infos}

    def refuse(self, code: Code, *args: Argument) -> NoReturn:
        raise ContentError(Code.PACKAGE_REFUSED, str(self.path), Problem(code, args))

    def close(self) -> None:
        self.zip.close()

    def _check_ratio(self, name: str, expanded: int, compressed: int) -> None:
        if expanded > self.limits.ratio_floor and expanded > self.limits.max_ratio * max(compressed, 1):
            self.refuse(Code.ZIP_BOMB, repr(name), self.limits.max_ratio)

    def _chunks(self, name: str, zstd: bool) -> Iterator[bytes]:
        """The member's expanded bytes in chunks, stopping at any cap."""
        info = self.zip.getinfo(name)
        size = 0
        try:
            with self.zip.open(info) as raw:
                stream = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True) if zstd else raw
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    self.expanded += len(chunk)
                    if size > self.limits.max_member:
                        self.refuse(Code.MEMBER_TOO_LARGE, self.limits.max_member >> 20, repr(name))
                    if self.expanded > self.limits.max_total:
                        self.refuse(Code.EXPANDS_TOO_MUCH, self.limits.max_total >> 20)
                    if zstd:
                        self._check_ratio(name, size, info.compress_size)
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, zstandard.ZstdError, EOFError, OSError, RuntimeError,
                NotImplementedError) as exc:  # RuntimeError: encrypted; NotImplementedError: unknown method
            self.refuse(Code.DAMAGED_MEMBER, repr(name), str(exc))

    def read(self, name: str, zstd: bool = False) -> bytes:
        return b"".join(self._chunks(name, zstd))

    def extract(self, name: str, dest: Path, zstd: bool = False) -> None:
        with open(dest, "wb") as out:
            for chunk in self._chunks(name, zstd):
                out.write(chunk)


def _package_version(archive: _Archive) -> int:
    if "meta" in archive.names:
        try:
            version = proto.first_int(proto.decode(archive.read("meta")), proto.META_VERSION)
        except proto.ProtoError:
            archive.refuse(Code.DAMAGED_META)
        if version > LATEST_VERSION or version < 1:
            archive.refuse(Code.PACKAGE_VERSION, version, LATEST_VERSION)
        return version
    return 2 if "collection.anki21" in archive.names else 1


def _media_map(archive: _Archive, version: int) -> dict[str, str]:
    """Media file name -> zip member holding it."""
    if "media" not in archive.names:
        return {}
    mapping: dict[str, str] = {}
    if version == LATEST_VERSION:
        try:
            entries = proto.decode(archive.read("media", zstd=True)).get(proto.MEDIA_ENTRIES, [])
            for index, entry in enumerate(entries):
                message = proto.decode(entry) if isinstance(entry, bytes) else {}
                legacy = proto.MEDIA_ENTRY_LEGACY_MEMBER
                member = str(proto.first_int(message, legacy, index)) if legacy in message else str(index)
                mapping[proto.first_str(message, proto.MEDIA_ENTRY_NAME)] = member
        except proto.ProtoError:
            archive.refuse(Code.DAMAGED_MEDIA_LIST)
    else:
        try:
            raw = json.loads(archive.read("media") or b"{}")
        except (ValueError, UnicodeDecodeError):
            archive.refuse(Code.DAMAGED_MEDIA_LIST)
        if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
            archive.refuse(Code.DAMAGED_MEDIA_LIST)
        mapping = {name: member for member, name in raw.items()}
    for name in mapping:
        if not is_safe_media_name(name):
            archive.refuse(Code.UNSAFE_MEDIA_NAME, repr(name))
    return mapping


def _open_collection(archive: _Archive, version: int, workdir: Path) -> sqlite3.Connection:
    member = COLLECTION_MEMBER[version]
    if member not in archive.names:
        archive.refuse(Code.NO_COLLECTION, repr(member))
    db_path = workdir / "collection.sqlite"
    archive.extract(member, db_path, zstd=version == LATEST_VERSION)
    with open(db_path, "r+b") as fh:
        header = fh.read(100)
        if not header.startswith(SQLITE_MAGIC):
            archive.refuse(Code.NOT_SQLITE)
        if len(header) == 100 and header[18:20] == b"\x02\x02":
            fh.seek(18)  # our private copy: switch WAL off so a read-only open needs no -shm file
            fh.write(b"\x01\x01")
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)  # opening reads nothing yet
    try:
        conn.text_factory = lambda raw: raw.decode("utf-8", "replace")  # invalid UTF-8 must not stop us
        conn.execute("PRAGMA trusted_schema = OFF")  # no functions from the file's schema
        conn.create_collation("unicase", lambda a, b: (a.casefold() > b.casefold()) - (a.casefold() < b.casefold()))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except (sqlite3.DatabaseError, UnicodeDecodeError):  # SQLite's message may quote the damaged bytes
        conn.close()
        archive.refuse(Code.DAMAGED_DATABASE)
    if not ANKI_TABLES <= tables:
        conn.close()
        archive.refuse(Code.NOT_ANKI_COLLECTION)
    return conn


def _note_types_json(models: dict[str, Any]) -> dict[int, NoteType]:
    out = {}
    for model in models.values():
        fields = [f["name"] for f in sorted(model["flds"], key=lambda f: f["ord"])]
        templates = [(t["name"], t["qfmt"], t["afmt"]) for t in sorted(model["tmpls"], key=lambda t: t["ord"])]
        out[int(model["id"])] = NoteType(model["name"], model.get("type", 0) == 1, fields, templates)
    return out


def _schema11(conn: sqlite3.Connection) -> tuple[dict[int, NoteType], dict[int, tuple[str, str]]]:
    models_json, decks_json = conn.execute("SELECT models, decks FROM col").fetchone()
    note_types = _note_types_json(json.loads(models_json))
    decks = {int(d["id"]): (d["name"], d.get("desc", "")) for d in json.loads(decks_json).values()}
    return note_types, decks


def _schema18(conn: sqlite3.Connection) -> tuple[dict[int, NoteType], dict[int, tuple[str, str]]]:
    fields: dict[int, list[str]] = {}
    for ntid, name in conn.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
        fields.setdefault(ntid, []).append(name)
    templates: dict[int, list[tuple[str, str, str]]] = {}
    for ntid, name, config in conn.execute("SELECT ntid, name, config FROM templates ORDER BY ntid, ord"):
        message = proto.decode(config)
        templates.setdefault(ntid, []).append((name, proto.first_str(message, proto.TEMPLATE_QUESTION),
                                                   proto.first_str(message, proto.TEMPLATE_ANSWER)))
    note_types = {}
    for ntid, name, config in conn.execute("SELECT id, name, config FROM notetypes"):
        is_cloze = proto.first_int(proto.decode(config), proto.NOTETYPE_KIND) == proto.NOTETYPE_KIND_CLOZE
        note_types[ntid] = NoteType(name, is_cloze, fields.get(ntid, []), templates.get(ntid, []))
    decks = {}
    for did, name, kind in conn.execute("SELECT id, name, kind FROM decks"):
        normal = proto.decode(proto.first_bytes(proto.decode(kind), proto.DECK_KIND_NORMAL))
        decks[did] = (name.replace("\x1f", DECK_SEPARATOR), proto.first_str(normal, proto.DECK_NORMAL_DESCRIPTION))
    return note_types, decks


def _read_structure(
    archive: _Archive, conn: sqlite3.Connection
) -> tuple[dict[int, NoteType], dict[int, tuple[str, str]]]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    row = conn.execute("SELECT ver FROM col").fetchone()
    if row is None or not isinstance(row[0], int):
        archive.refuse(Code.DAMAGED_DATABASE)
    if row[0] > MAX_SCHEMA:
        archive.refuse(Code.SCHEMA_TOO_NEW, row[0], MAX_SCHEMA)
    try:
        if SCHEMA18_TABLES <= tables:
            return _schema18(conn)
        return _schema11(conn)
    except (TypeError, ValueError, KeyError, AttributeError, proto.ProtoError):
        archive.refuse(Code.DAMAGED_SETTINGS)


class _CardRenderer:
    """Turns one card of a note into an Item, caching parsed templates per note type."""

    def __init__(self, note_types: dict[int, NoteType]) -> None:
        self.note_types = note_types
        self.parsed: dict[tuple[int, int], tuple[list[tpl.Node], list[tpl.Node]]] = {}

    def _templates(self, mid: int, ord_: int) -> tuple[list[tpl.Node], list[tpl.Node]]:
        key = (mid, ord_)
        if key not in self.parsed:
            _name, front, back = self.note_types[mid].templates[ord_]
            self.parsed[key] = (tpl.parse(front), tpl.parse(back))
        return self.parsed[key]

    def item(self, mid: int, ord_: int, values: dict[str, str], specials: dict[str, str], n_cards: int) -> Item | None:
        note_type = self.note_types.get(mid)
        if note_type is None:
            return None
        if note_type.is_cloze:
            return self._cloze(mid, note_type, ord_, values, specials)
        if ord_ >= len(note_type.templates):
            return None
        _name, front, back = note_type.templates[ord_]
        simple_front, simple_back = SIMPLE_FRONT.fullmatch(front), SIMPLE_BACK.fullmatch(back)
        if simple_front and simple_back:
            return self._simple(note_type, ord_, simple_front, simple_back, values, n_cards)
        return self._custom(mid, ord_, values, specials)

    def _simple(self, note_type: NoteType, ord_: int, front: re.Match[str], back: re.Match[str], values: dict[str, str],
                n_cards: int) -> Item:
        typed = front.group("typed") or back.group("typed")
        answer_field = back.group("back") or typed
        answer = values.get(answer_field, "")
        kind = "typed" if typed else ("reversed" if n_cards > 1 and self._is_pair(note_type) else "basic")
        return Item(
            kind=kind,
            prompt=values.get(front.group("front"), ""),
            answer=html_to_text(answer) if typed else answer,
        )

    @staticmethod
    def _is_pair(note_type: NoteType) -> bool:
        """Two templates that ask each field for the other: a two-way card pair."""
        if len(note_type.templates) != 2:
            return False
        pairs = []
        for _name, front, back in note_type.templates:
            f, b = SIMPLE_FRONT.fullmatch(front), SIMPLE_BACK.fullmatch(back)
            if not (f and b and b.group("back")):
                return False
            pairs.append((f.group("front"), b.group("back")))
        return pairs[0] == pairs[1][::-1]

    def _custom(self, mid: int, ord_: int, values: dict[str, str], specials: dict[str, str]) -> Item:
        front_nodes, back_nodes = self._templates(mid, ord_)
        card_name = self.note_types[mid].templates[ord_][0]
        ctx = tpl.CardContext(values, ord_ + 1, specials=specials | {"Card": card_name})
        prompt = tpl.render(front_nodes, ctx)
        ctx.answer_side, ctx.front_side = True, prompt
        back = tpl.render(back_nodes, ctx)
        rule = ANSWER_RULE.search(back)
        answer = back[rule.end():] if rule else back
        typed = tpl.referenced(front_nodes, "type")
        if typed:
            return Item(kind="typed", prompt=prompt, answer=html_to_text(values.get(typed[0], "")), explanation=answer)
        return Item(kind="basic", prompt=prompt, answer=answer)

    def _cloze(self, mid: int, note_type: NoteType, ord_: int, values: dict[str, str], specials: dict[str, str]
               ) -> Item | None:
        if not note_type.templates:
            return None
        front_nodes, back_nodes = self._templates(mid, 0)
        cloze_fields = tpl.referenced(front_nodes, "cloze")
        if not cloze_fields:
            return None
        text = values.get(cloze_fields[0], "")
        number = ord_ + 1
        if not any(int(m.group(1)) == number for m in CLOZE.finditer(text)):
            return None
        if IMAGE_OCCLUSION in text:
            return _occlusion(text, number, values, cloze_fields[0])
        prompt, answer = render_cloze(text, number)
        revealed = CLOZE.sub(lambda m: m.group(2), text)
        _name, front, back = note_type.templates[0]
        stock = STOCK_CLOZE_BACK.fullmatch(back)
        if front.strip() == f"{{{{cloze:{cloze_fields[0]}}}}}" and stock and stock.group("text") == cloze_fields[0]:
            extra = values.get(stock.group("extra"), "")
            explanation = extra if tpl.field_nonempty(extra) else revealed
        else:
            ctx = tpl.CardContext(values, number, specials=specials)
            prompt = tpl.render(front_nodes, ctx)
            ctx.answer_side, ctx.front_side = True, prompt
            rendered_back = tpl.render(back_nodes, ctx)
            rule = ANSWER_RULE.search(rendered_back)
            explanation = rendered_back[rule.end():] if rule else rendered_back
        return Item(kind="cloze", prompt=prompt, answer=answer, explanation=explanation)


def _describe_shape(shape: str) -> str:
    """"rect:left=.2:top=.3:..." in words; Anki gives positions as fractions of the image (or,
    in early versions, pixels)."""
    kind, *props = shape.split(":")
    values = dict(p.split("=", 1) for p in props if "=" in p)
    if "text" in values:
        return f"the label {values['text']!r}"

    def where(key: str) -> str:
        try:
            number = float(values[key])
        except (KeyError, ValueError):
            return "?"
        return f"{number * 100:.0f}%" if number <= 1 else f"{number:.0f} px"

    return f"the {kind} at {where('left')} from the left and {where('top')} from the top"


def _occlusion(text: str, number: int, values: dict[str, str], occlusion_field: str) -> Item:
    """An Image Occlusion card. StudyApp cannot draw Anki's masks, so the prompt shows the image
    and names the masked regions; the student grades themselves against the back."""
    shapes = [m.group(2)[len(IMAGE_OCCLUSION):] for m in CLOZE.finditer(text) if int(m.group(1)) == number]
    regions = "; ".join(_describe_shape(s) for s in shapes)
    others = {k: v for k, v in values.items() if k != occlusion_field}
    header, image = others.get("Header", ""), others.get("Image", "")
    back = " ".join(v for k, v in others.items() if k in ("Back Extra", "Comments") and tpl.field_nonempty(v))
    prompt = "<br>".join(part for part in (header, image, f"What is hidden under {regions}?") if part)
    return Item(kind="basic", prompt=prompt, answer=back or f"{image}<br>(compare with the image)")


def _clean(text: str) -> str:
    text = sanitize_html(text)
    # A [sound:] reference that is not a local media file would be fetched: drop it.
    return SOUND.sub(lambda m: m.group(0) if is_safe_media_name(m.group(1)) else "", text).strip()


def _media_refs(item: Item) -> list[str]:
    names: list[str] = []
    for text in (item.prompt, item.answer, item.explanation):
        names += image_sources(text) + SOUND.findall(text)
    return list(dict.fromkeys(n for n in names if is_safe_media_name(n)))


def _items(
    conn: sqlite3.Connection, note_types: dict[int, NoteType], decks: dict[int, tuple[str, str]]
) -> tuple[list[Deck], dict[int, tuple[str, int]]]:
    """Decks with their items, and card id -> (note guid, card ord) for the revlog."""
    renderer = _CardRenderer(note_types)
    notes = {
        nid: (guid, mid, tags, flds)
        for nid, guid, mid, tags, flds in conn.execute("SELECT id, guid, mid, tags, flds FROM notes")
    }
    card_count: dict[int, int] = {}
    rows = conn.execute("SELECT id, nid, did, odid, ord, queue FROM cards ORDER BY nid, ord").fetchall()
    for _cid, nid, *_rest in rows:
        card_count[nid] = card_count.get(nid, 0) + 1
    by_deck: dict[str, Deck] = {}
    cards: dict[int, tuple[str, int]] = {}
    seen: set[tuple[str, int]] = set()
    for cid, nid, did, odid, ord_, queue in rows:
        if nid not in notes or (notes[nid][0], ord_) in seen:
            continue  # a card of a missing note, or a second note with the same guid
        guid, mid, tags, flds = notes[nid]
        note_type = note_types.get(mid)
        if note_type is None:
            continue
        deck_name, description = decks.get(odid or did, ("Default", ""))
        values = dict(zip(note_type.fields, flds.split("\x1f")))
        tag_list = tags.split()
        specials = {"Tags": " ".join(tag_list), "Deck": deck_name, "Subdeck": deck_name.split(DECK_SEPARATOR)[-1],
                    "Type": note_type.name}
        item = renderer.item(mid, ord_, values, specials, card_count[nid])
        if item is None:
            continue
        item.prompt, item.answer, item.explanation = _clean(item.prompt), _clean(item.answer), _clean(item.explanation)
        if not item.prompt or not item.answer:
            continue  # Anki does not show an empty card either
        item.guid, item.ord, item.tags, item.suspended = guid, ord_, tag_list, queue == -1
        item.media = _media_refs(item)
        deck = by_deck.setdefault(deck_name, Deck(name=deck_name, description=description))
        deck.items.append(item)
        cards[cid] = (guid, ord_)
        seen.add((guid, ord_))
    return [by_deck[name] for name in sorted(by_deck)], cards


def _history(conn: sqlite3.Connection, cards: dict[int, tuple[str, int]], archive: _Archive) -> list[HistoryRow]:
    history = []
    now_ms = wall_clock_ms()
    for rid, cid, ease, time_ms, kind in conn.execute("SELECT id, cid, ease, time, type FROM revlog ORDER BY id"):
        card = cards.get(cid)
        if card is None or kind in NOT_ANSWERS or not 1 <= ease <= 4:
            continue
        problem = answer_time_problem(rid, now_ms)  # Anki's revlog id is the moment of the answer
        if problem:
            archive.refuse(Code.REVIEW_TIME, rid, problem)
        history.append(HistoryRow(
            item_guid=card[0], item_ord=card[1], timestamp_ms=rid, grade=ease,
            correct=correct_of(ease), response_ms=time_ms if time_ms and time_ms > 0 else None,
            source_id=f"anki:{rid}",
        ))
    return history


def read_anki_package(path: Path, limits: Limits = DEFAULT_LIMITS) -> ImportBundle:
    """Decks, media and review history of the .apkg/.colpkg at `path`; raises ContentError."""
    path = Path(path)
    archive = _Archive(path, limits)
    try:
        version = _package_version(archive)
        media_map = _media_map(archive, version)
        with tempfile.TemporaryDirectory(prefix="studyapp-anki-") as workdir:
            conn = _open_collection(archive, version, Path(workdir))
            try:
                note_types, decks = _read_structure(archive, conn)
                decks_out, cards = _items(conn, note_types, decks)
                history = _history(conn, cards, archive)
            except (sqlite3.DatabaseError, UnicodeDecodeError):
                archive.refuse(Code.DAMAGED_DATABASE)
            except ContentError:
                raise
            except (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError):
                archive.refuse(Code.DAMAGED_NOTES)  # wrong types or absurd nesting
            finally:
                conn.close()
        media = {}
        for deck in decks_out:
            for item in deck.items:
                item.media = [n for n in item.media if media_map.get(n) in archive.names]
                for name in item.media:
                    if name not in media:
                        media[name] = archive.read(media_map[name], zstd=version == LATEST_VERSION)
        return ImportBundle(decks=decks_out, media=media, history=history)
    finally:
        archive.close()
