"""Decks and items as plain data: what every reader produces and every writer consumes."""

from __future__ import annotations

import re
from collections.abc import Sized
from dataclasses import dataclass, field, replace
from typing import TypeVar, Union

from studyapp.content.problems import Argument, Code, Problem

# Item kinds. "reversed" is one direction of a two-way pair (ord 0 front->back, ord 1 back->front).
KINDS = ("basic", "reversed", "cloze", "choice", "typed", "truefalse")
# Kinds the student grades themselves (Again/Hard/Good/Easy); the rest are graded by the app.
SELF_GRADED = frozenset({"basic", "reversed"})
# The `kind` column of the shared event format for each item kind.
EVENT_KIND = {
    "basic": "flashcard",
    "reversed": "flashcard",
    "cloze": "cloze",
    "choice": "choice",
    "typed": "typed",
    "truefalse": "truefalse",
}
DECK_SEPARATOR = "::"
# One field (a prompt, an answer, a hint, ...) longer than this is not study material but an accident or an
# attack: each field is laid out on screen and held in memory for every session.
MAX_FIELD_BYTES = 1 << 20
# The fields an item's text may have in another language (`Item.translations`); a field left out reads as the
# item's own (a chemical symbol, a number). Options are translated one for one, in the item's order.
TRANSLATED_FIELDS = ("prompt", "answer", "accepted", "hint", "explanation", "options")
TRANSLATED_LISTS = frozenset({"accepted", "options"})
# A language as the interface names it: "zh_CN", "fr", "pt_BR", "sr_Latn".
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:_(?:[A-Z]{2}|[A-Z][a-z]{3}|\d{3}))?")
Translation = dict[str, Union[str, list[str]]]


class ContentError(ValueError):
    """A deck or item that cannot be used: a problem code with its arguments (studyapp/content/problems.py);
    the message is its English sentence, which the GUI translates by code."""

    def __init__(self, code: Code, *args: Argument) -> None:
        self.problem = Problem(code, args)
        super().__init__(self.problem.text)

    def __reduce__(self) -> tuple[type[ContentError], tuple[Argument, ...]]:
        # Rebuilt from the code and arguments (the default would pass the English text as the code).
        return ContentError, (self.problem.code, *self.problem.args)


@dataclass
class Item:
    kind: str
    prompt: str
    answer: str
    options: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    hint: str = ""
    explanation: str = ""
    tags: list[str] = field(default_factory=list)
    skill: str = ""
    guid: str = ""
    ord: int = 0
    suspended: bool = False
    media: list[str] = field(default_factory=list)
    translations: dict[str, Translation] = field(default_factory=dict)  # language code -> its texts
    # Never stored: the item's own answer and accepted forms, still graded right once `in_language` has put its
    # text in another language (a student who types "Algiers" on a Chinese card is right), but not shown.
    graded_also: list[str] = field(default_factory=list, metadata={"stored": False})

    def oversized_field(self) -> str | None:
        """The name of the first field longer than MAX_FIELD_BYTES, or None."""
        for name in ("prompt", "answer", "hint", "explanation", "skill", "options", "accepted", "tags", "media"):
            value = getattr(self, name)
            for text in value if isinstance(value, list) else [value]:
                # A character is at most 4 bytes in UTF-8: encode only when the length leaves a doubt.
                if len(text) * 4 > MAX_FIELD_BYTES and len(text.encode("utf-8")) > MAX_FIELD_BYTES:
                    return name
        return None

    def validate(self) -> None:
        oversized = self.oversized_field()
        if oversized:
            raise ContentError(Code.FIELD_TOO_LONG, repr(self.prompt[:40]), oversized, MAX_FIELD_BYTES >> 20)
        if self.kind not in KINDS:
            raise ContentError(Code.UNKNOWN_ITEM_KIND, repr(self.kind), ", ".join(KINDS))
        if not self.prompt.strip():
            raise ContentError(Code.EMPTY_PROMPT)
        if not self.answer.strip():
            raise ContentError(Code.ITEM_EMPTY_ANSWER, repr(self.prompt[:40]))
        if self.kind == "choice":
            if len(self.options) < 2:
                raise ContentError(Code.TOO_FEW_OPTIONS, repr(self.prompt[:40]))
            if self.answer not in self.options:
                raise ContentError(Code.ANSWER_NOT_AN_OPTION, repr(self.prompt[:40]))
            if len(self.options) > 9:
                raise ContentError(Code.TOO_MANY_OPTIONS, repr(self.prompt[:40]))
        if self.kind == "truefalse" and self.answer.lower() not in ("true", "false"):
            raise ContentError(Code.TRUE_FALSE_ANSWER, repr(self.prompt[:40]))
        for language, translation in self.translations.items():
            self._validate_translation(language, translation)

    def _validate_translation(self, language: str, translation: Translation) -> None:
        """The item in `language` is an item as valid as its own text, and its options stand for the item's one
        for one (the answer in the answer's place)."""
        named = repr(self.prompt[:40])
        if not LANGUAGE_CODE.fullmatch(language):
            raise ContentError(Code.TRANSLATION_LANGUAGE, named, repr(language))
        options = translation.get("options")
        if options is not None and len(options) != len(self.options):
            raise ContentError(Code.TRANSLATION_OPTIONS_COUNT, named, language, len(options), len(self.options))
        shown = in_language(self, language)
        if self.kind == "choice" and self.answer in self.options:
            place = self.options.index(self.answer)
            if shown.answer != shown.options[place]:
                raise ContentError(Code.TRANSLATION_ANSWER_PLACE, named, language, repr(shown.options[place]))
        try:
            shown.validate()
        except ContentError as exc:
            raise ContentError(Code.IN_TRANSLATION, language, exc.problem) from None


@dataclass
class Deck:
    name: str
    description: str = ""
    items: list[Item] = field(default_factory=list)

    def validate(self) -> None:
        parts = self.name.split(DECK_SEPARATOR)
        if not self.name.strip() or any(not p.strip() for p in parts):
            raise ContentError(Code.INVALID_DECK_NAME, repr(self.name))
        for item in self.items:
            item.validate()


ItemT = TypeVar("ItemT", bound=Item)


def in_language(item: ItemT, language: str) -> ItemT:
    """The item as a student who studies in `language` sees it: each text its translation has replaced, the
    others as they are. The one place where an item's text changes language (the study session's items, the
    browser's list, the editor). An item without that translation comes back as it is.

    Grading by what is typed still takes the item's own answer and accepted forms (`graded_also`); they are not
    shown. The result has no translations of its own: it is already in its language."""
    translation = item.translations.get(language)
    if not translation:
        return item

    def text(name: str, own: str) -> str:
        value = translation.get(name, own)
        return value if isinstance(value, str) else own

    def texts(name: str, own: list[str]) -> list[str]:
        value = translation.get(name, own)
        return list(value) if isinstance(value, list) else own

    answer = text("answer", item.answer)
    # The item's own alternatives are forms of its own answer: a translated answer comes with its own or none.
    accepted = texts("accepted", [] if "answer" in translation else item.accepted)
    also = [form for form in (item.answer, *item.accepted) if form != answer and form not in accepted]
    return replace(item, prompt=text("prompt", item.prompt), answer=answer, accepted=accepted,
                   hint=text("hint", item.hint), explanation=text("explanation", item.explanation),
                   options=texts("options", item.options), translations={}, graded_also=also)


def edited_in_language(item: Item, edited: Item, language: str) -> Item:
    """The item to store after `edited`, which is `item` as `in_language` showed it, changed by hand: where the
    item has a translation into `language`, the changes go into that translation and the item's own text stays
    (a field made equal to the item's own is left out of it); else they are the item's own text. The other
    languages' translations are kept either way."""
    if language not in item.translations:
        return replace(edited, translations=item.translations, graded_also=[])
    own = {name: getattr(item, name) for name in TRANSLATED_FIELDS}
    translation: Translation = {name: getattr(edited, name) for name in TRANSLATED_FIELDS
                                if getattr(edited, name) != own[name]}
    return replace(edited, **own, translations=item.translations | {language: translation}, graded_also=[])


def grade_of(correct: int, grade: int | None) -> int:
    """The Anki grade (1 Again, 2 Hard, 3 Good, 4 Easy) an answer counts as: its own, or for an answer without
    one (app-graded, or a grade out of range) Good when right and Again when wrong. The one rule for the
    learner's features, the baselines, the schedulers and the Anki export."""
    if grade is not None and 1 <= grade <= 4:
        return int(grade)  # a numpy integer from an array becomes a plain int
    return 3 if correct else 1


def correct_of(grade: int) -> int:
    """Whether an answer given this grade was right (1) or wrong (0): every grade but Again is a recall."""
    return int(grade > 1)


@dataclass
class HistoryRow:
    """One past answer brought in by an importer (for example an Anki revlog row)."""

    item_guid: str
    item_ord: int
    timestamp_ms: int
    grade: int | None
    correct: int
    response_ms: int | None = None
    source_id: str = ""  # stable id in the source (Anki revlog id) so re-imports skip it


@dataclass
class ImportBundle:
    """Everything one file brings in: decks with items, media files, and answer history."""

    decks: list[Deck] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)
    history: list[HistoryRow] = field(default_factory=list)


def option_count(kind: str, options: Sized) -> int:
    """How many answers an item offers to pick from: its options for multiple choice, 2 for true/false, else 0."""
    return len(options) if kind == "choice" else 2 if kind == "truefalse" else 0


def guess_chance(kind: str, n_options: int) -> float:
    """The chance of a right answer by guessing alone: 1/options for multiple choice, 1/2 for true/false.
    The one rule for the learner's guessing floor, the policies' and the evaluations'."""
    if kind == "choice" and n_options >= 2:
        return 1.0 / n_options
    return 0.5 if kind == "truefalse" else 0.0
