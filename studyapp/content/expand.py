"""A note as written by a person becomes the items that are studied: a cloze one per gap, a two-way card both ways."""

from __future__ import annotations

from dataclasses import replace

from studyapp.content.cloze import cloze_numbers, expand_cloze
from studyapp.content.model import Item, Translation


def expand_item(item: Item) -> list[Item]:
    """The study items of `item`. A cloze without {{c1::...}} but with an answer is already one gap."""
    if item.kind == "cloze":
        if not cloze_numbers(item.prompt) and item.answer:
            return [item]
        return expand_cloze(item)
    if item.kind == "reversed":
        # The back asks the other way round: the front's alternatives and hint do not apply to it.
        back = replace(item, prompt=item.answer, answer=item.prompt, ord=1, accepted=[], hint="",
                       tags=list(item.tags), media=list(item.media),
                       translations={language: _reversed(text) for language, text in item.translations.items()})
        return [item, back]
    return [item]


def _reversed(translation: Translation) -> Translation:
    """A translation of the back of a two-way card: its prompt and answer swapped, as the card's own are; the
    front's alternatives and hint left out, as they are of the card."""
    back = {name: value for name, value in translation.items() if name not in ("prompt", "answer", "accepted", "hint")}
    if "answer" in translation:
        back["prompt"] = translation["answer"]
    if "prompt" in translation:
        back["answer"] = translation["prompt"]
    return back


def checked_items(item: Item) -> list[Item]:
    """`expand_item`, each part validated (raises ContentError with the reason)."""
    parts = expand_item(item)
    for part in parts:
        part.validate()
    return parts
