"""The native deck format: one deck per TOML file that a teacher can write in a text editor.

See the README ("Writing a deck") for the format. Reading validates everything before
anything is returned; writing produces a file that reads back to the same deck.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from studyapp.content.expand import expand_item
from studyapp.content.limits import MAX_DECK_BYTES, read_capped
from studyapp.content.media_names import media_name_problem
from studyapp.content.model import KINDS, TRANSLATED_FIELDS, TRANSLATED_LISTS, ContentError, Deck, Item, Translation
from studyapp.content.problems import Code, Problem

FORMAT_VERSION = 1
SUFFIX = ".deck.toml"
ITEM_KEYS = {
    "id", "kind", "prompt", "answer", "options", "accepted", "hint",
    "explanation", "tags", "skill", "suspended", "media", "ord", "translations",
}
LIST_KEYS = ("options", "accepted", "tags", "media")


def stable_guid(deck_name: str, kind: str, prompt: str) -> str:
    """A guid for an item without an explicit id, stable across re-imports of the same file."""
    digest = hashlib.sha1(f"{deck_name}\x1f{kind}\x1f{prompt}".encode()).hexdigest()
    return f"sa-{digest[:16]}"


def _string_list(value: object, where: Problem) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ContentError(Code.NOT_A_STRING_LIST, where)
    return [str(v) for v in value]


def _translations(value: object, where: Problem) -> dict[str, Translation]:
    """An item's `translations`: a table per language of its texts in that language (the language codes and
    how the texts fit the item are checked with the item, by Item.validate)."""
    if not isinstance(value, dict) or not all(isinstance(table, dict) for table in value.values()):
        raise ContentError(Code.TRANSLATIONS_NOT_A_TABLE, where)
    translations: dict[str, Translation] = {}
    for language, table in value.items():
        unknown = set(table) - set(TRANSLATED_FIELDS)
        if unknown:
            raise ContentError(Code.TRANSLATION_UNKNOWN_FIELDS, where, language, ", ".join(sorted(unknown)),
                               ", ".join(TRANSLATED_FIELDS))
        for name, text in table.items():
            if name in TRANSLATED_LISTS:
                if not isinstance(text, list) or not all(isinstance(t, str) for t in text):
                    raise ContentError(Code.TRANSLATION_NOT_A_LIST, where, language, name)
            elif not isinstance(text, str):
                raise ContentError(Code.TRANSLATION_NOT_TEXT, where, language, name)
        translations[language] = dict(table)
    return translations


def _item_from_table(
    table: dict[str, Any], deck_name: str, default_kind: str, deck_tags: list[str], n: int
) -> list[Item]:
    where = Problem(Code.ITEM_NUMBER, (n,))
    unknown = set(table) - ITEM_KEYS
    if unknown:
        raise ContentError(Code.UNKNOWN_FIELDS, where, ", ".join(sorted(unknown)))
    kind = str(table.get("kind", default_kind))
    if kind not in KINDS:
        raise ContentError(Code.UNKNOWN_KIND_AT, where, repr(kind), ", ".join(KINDS))
    prompt = table.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise ContentError(Code.NO_PROMPT, where)
    answer = table.get("answer", "")
    if isinstance(answer, bool):
        answer = "true" if answer else "false"
    if not isinstance(answer, (str, int, float)):
        raise ContentError(Code.ANSWER_NOT_TEXT, where)
    lists = {key: _string_list(table.get(key, []), Problem(Code.FIELD_OF, (where, repr(key)))) for key in LIST_KEYS}
    for name in lists["media"]:
        problem = media_name_problem(name)
        if problem:
            raise ContentError(Code.MEDIA_NOT_ALLOWED_AT, where, repr(name), problem)
    guid = str(table.get("id") or stable_guid(deck_name, kind, prompt))
    base = Item(
        kind=kind,
        prompt=prompt,
        answer=str(answer),
        options=lists["options"],
        accepted=lists["accepted"],
        hint=str(table.get("hint", "")),
        explanation=str(table.get("explanation", "")),
        tags=deck_tags + [t for t in lists["tags"] if t not in deck_tags],
        skill=str(table.get("skill", "")),
        guid=guid,
        suspended=bool(table.get("suspended", False)),
        media=lists["media"],
        translations=_translations(table.get("translations", {}), where),
    )
    ord_ = table.get("ord")
    if ord_ is not None:
        # An item already expanded (as write_deck writes a cloze part or one side of a pair).
        if not isinstance(ord_, int) or isinstance(ord_, bool) or ord_ < 0:
            raise ContentError(Code.ORD_NOT_WHOLE, where)
        base.ord = ord_
        return [base]
    return expand_item(base)


# Where tomllib's message says the error is (its 3.11-3.13 errors have no line and column attributes).
SYNTAX_PLACE = re.compile(r"^(.*) \(at line (\d+), column (\d+)\)$", re.S)
SYNTAX_AT_END = re.compile(r"^(.*) \(at end of document\)$", re.S)


def _syntax_error(source: str, exc: tomllib.TOMLDecodeError) -> ContentError:
    """A TOML syntax error: tomllib's English, with its line and column as arguments of their own so that a
    translation can name the place without the English."""
    place, at_end = SYNTAX_PLACE.match(str(exc)), SYNTAX_AT_END.match(str(exc))
    if place is not None:
        return ContentError(Code.DECK_SYNTAX_AT, source, place.group(1), int(place.group(2)), int(place.group(3)))
    if at_end is not None:
        return ContentError(Code.DECK_SYNTAX_AT_END, source, at_end.group(1))
    return ContentError(Code.DECK_SYNTAX, source, str(exc))


def parse_deck(text: str, source: str = "deck") -> Deck:
    """Parse the TOML text of a native deck; raises ContentError naming `source`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(source, exc) from None
    except RecursionError:
        raise ContentError(Code.DECK_TOO_DEEP, source) from None
    try:
        version = data.get("format", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            raise ContentError(Code.DECK_FORMAT, repr(version), FORMAT_VERSION)
        header = data.get("deck")
        if not isinstance(header, dict) or not isinstance(header.get("name"), str):
            raise ContentError(Code.NO_DECK_TABLE)
        name = header["name"].strip()
        default_kind = str(header.get("kind", "basic"))
        deck_tags = _string_list(header.get("tags", []), Problem(Code.DECK_TAGS))
        tables = data.get("items", [])
        if not isinstance(tables, list) or not tables:
            raise ContentError(Code.NO_ITEMS_TABLE)
        items: list[Item] = []
        for n, table in enumerate(tables, start=1):
            if not isinstance(table, dict):
                raise ContentError(Code.ITEM_NOT_A_TABLE, n)
            items.extend(_item_from_table(table, name, default_kind, deck_tags, n))
        deck = Deck(name=name, description=str(header.get("description", "")), items=items)
        deck.validate()
    except ContentError as exc:
        raise ContentError(Code.AT, source, exc.problem) from None
    keys = [(i.guid, i.ord) for i in deck.items]
    if len(set(keys)) != len(keys):
        raise ContentError(Code.SHARED_ID, source)
    return deck


def read_deck(path: Path) -> Deck:
    try:
        text = read_capped(path, MAX_DECK_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise ContentError(Code.NOT_UTF8, str(path)) from None
    return parse_deck(text, source=str(path))


def _item_fields(item: Item) -> dict[str, Any]:
    fields: dict[str, object] = {"id": item.guid, "kind": item.kind, "prompt": item.prompt, "answer": item.answer}
    for key in ("options", "accepted", "tags", "media"):
        if getattr(item, key):
            fields[key] = getattr(item, key)
    for key in ("hint", "explanation", "skill"):
        if getattr(item, key):
            fields[key] = getattr(item, key)
    if item.suspended:
        fields["suspended"] = True
    return fields


def _item_text(fields: dict[str, Any], translations: dict[str, Translation]) -> str:
    """One [[items]] table, each of its translations a table of its own under it ([items.translations.zh_CN])."""
    text = "[[items]]\n" + tomli_w.dumps(fields)
    for language, translation in translations.items():
        # Item.validate lets only language codes through, which are TOML bare keys.
        text += f"\n[items.translations.{language}]\n" + tomli_w.dumps(translation)
    return text


def write_deck(deck: Deck) -> str:
    """TOML text for `deck`. Items are written one by one (a cloze or a reversed pair as its
    parts, with their ord), so the file reads back to the same items. Each item is its own
    [[items]] table (tomli-w alone would inline short ones), so a teacher can edit the file."""
    header = {"name": deck.name} | ({"description": deck.description} if deck.description else {})
    parts = [tomli_w.dumps({"format": FORMAT_VERSION}), tomli_w.dumps({"deck": header})]
    for item in deck.items:
        fields = _item_fields(item)
        if item.kind in ("cloze", "reversed"):
            fields["ord"] = item.ord
        parts.append(_item_text(fields, item.translations))
    return "\n".join(parts)
