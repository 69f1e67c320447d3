"""Cloze deletions ({{c1::answer}} or {{c1::answer::hint}}): one item per cloze number."""

from __future__ import annotations

import re

from studyapp.content.model import ContentError, Item, Translation
from studyapp.content.problems import Code

CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


def cloze_numbers(text: str) -> list[int]:
    return sorted({int(m.group(1)) for m in CLOZE.finditer(text)})


def render_cloze(text: str, number: int) -> tuple[str, str]:
    """The prompt with deletion `number` blanked (other deletions shown) and its answer."""
    answers: list[str] = []

    def blank(match: re.Match[str]) -> str:
        if int(match.group(1)) != number:
            return match.group(2)
        answers.append(match.group(2))
        hint = match.group(3)
        return f"[{hint}]" if hint else "[...]"

    prompt = CLOZE.sub(blank, text)
    return prompt, ", ".join(answers)


def expand_cloze(template: Item) -> list[Item]:
    """Items of kind "cloze", one per deletion number of `template.prompt`."""
    numbers = cloze_numbers(template.prompt)
    if not numbers:
        raise ContentError(Code.NO_CLOZE_DELETION, repr(template.prompt[:40]))
    translated = {language: _gaps_checked(template, language, text, numbers)
                  for language, text in template.translations.items()}
    items = []
    for number in numbers:
        prompt, answer = render_cloze(template.prompt, number)
        items.append(
            Item(
                kind="cloze",
                prompt=prompt,
                answer=answer,
                hint=template.hint,
                explanation=template.explanation or CLOZE.sub(lambda m: m.group(2), template.prompt),
                tags=list(template.tags),
                skill=template.skill,
                guid=template.guid,
                ord=number - 1,
                suspended=template.suspended,
                media=list(template.media),
                translations={language: _gap(template, text, number) for language, text in translated.items()},
            )
        )
    return items


def _gaps_checked(template: Item, language: str, translation: Translation, numbers: list[int]) -> Translation:
    """The translation of a cloze note, whose prompt, if it has one, has the same gaps as the note's own."""
    prompt = translation.get("prompt")
    if isinstance(prompt, str) and cloze_numbers(prompt) != numbers:
        raise ContentError(Code.TRANSLATION_CLOZE_GAPS, repr(template.prompt[:40]), language,
                           ", ".join(f"c{n}" for n in cloze_numbers(prompt)) or "-",
                           ", ".join(f"c{n}" for n in numbers))
    return translation


def _gap(template: Item, translation: Translation, number: int) -> Translation:
    """The translation of gap `number`: its prompt blanked and answer taken as the note's own are; the whole
    sentence as the explanation when the note has none of its own, as for the note's own text."""
    gap = {name: value for name, value in translation.items() if name in ("hint", "explanation")}
    prompt = translation.get("prompt")
    if isinstance(prompt, str):
        gap["prompt"], gap["answer"] = render_cloze(prompt, number)
        if not template.explanation and "explanation" not in translation:
            gap["explanation"] = CLOZE.sub(lambda m: m.group(2), prompt)
    return gap
