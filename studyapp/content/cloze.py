"""Cloze deletions ({{c1::answer}} or {{c1::answer::hint}}): one item per cloze number."""

from __future__ import annotations

import re

from studyapp.content.model import ContentError, Item
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
            )
        )
    return items
