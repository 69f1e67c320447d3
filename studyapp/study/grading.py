"""Grading what a student typed or chose: tolerant of case, accents, spacing and equivalent numbers."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

from studyapp.content.model import SELF_GRADED, Item, correct_of

TRUE_WORDS = {"true", "t", "yes", "y", "1", "对", "是", "正确"}
FALSE_WORDS = {"false", "f", "no", "n", "2", "0", "错", "否", "错误"}
_MIXED = re.compile(r"^([+-]?\d+)\s+(\d+)\s*/\s*(\d+)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_SIMPLE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)(\s*/\s*\d+)?$")


class GradingError(ValueError):
    """The response cannot be read for this item (for example option 7 of 4)."""


@dataclass(frozen=True)
class Grade:
    correct: int
    grade: int | None  # 1-4 for self-graded items
    given: str         # the response as it is logged


def normalise(text: str) -> str:
    """Lower case, accents removed, punctuation at the ends and repeated spaces dropped."""
    text = unicodedata.normalize("NFKD", text.replace("−", "-"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\s+", " ", text.casefold()).strip()
    return text.strip(" .!?;:,。！？")


def as_number(text: str) -> Fraction | None:
    """A number written as an integer, decimal, fraction or mixed number ("2 1/3"), else None."""
    text = normalise(text)
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    mixed = _MIXED.match(text)
    try:
        if mixed:
            whole, num, den = (int(g) for g in mixed.groups())
            sign = -1 if text.startswith("-") else 1
            return sign * (abs(whole) + Fraction(num, den))
        if _SIMPLE.match(text):
            return Fraction(text.replace(" ", ""))
    except (ValueError, ZeroDivisionError):
        return None
    return None


def answers_match(given: str, expected: str) -> bool:
    if normalise(given) == normalise(expected):
        return True
    number_given, number_expected = as_number(given), as_number(expected)
    return number_given is not None and number_given == number_expected


def accepted_answers(item: Item) -> list[str]:
    return [item.answer] + list(item.accepted)


def grade_typed(item: Item, text: str) -> bool:
    """Right when `text` matches a form shown as the answer, or the item's own answer in another language."""
    return any(answers_match(text, expected) for expected in (*accepted_answers(item), *item.graded_also))


def grade_response(item: Item, response: str) -> Grade:
    """Grade one response: a grade 1-4 for a flashcard, an option number or text for a choice,
    true/false, or typed text."""
    response = response.strip()
    if item.kind in SELF_GRADED:
        if response not in ("1", "2", "3", "4"):
            raise GradingError("a flashcard is graded 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)")
        grade = int(response)
        return Grade(correct=correct_of(grade), grade=grade, given=response)
    if item.kind == "choice":
        # A number picks an option by position; otherwise (or out of range) the text must name an option.
        if response.isdigit() and 1 <= int(response) <= len(item.options):
            chosen = item.options[int(response) - 1]
        elif any(normalise(response) == normalise(option) for option in item.options):
            chosen = response
        else:
            raise GradingError(f"choose an option from 1 to {len(item.options)}")
        return Grade(correct=int(answers_match(chosen, item.answer)), grade=None, given=chosen)
    if item.kind == "truefalse":
        word = normalise(response)
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise GradingError("answer true or false")
        value = "true" if word in TRUE_WORDS else "false"
        return Grade(correct=int(value == item.answer.lower()), grade=None, given=value)
    return Grade(correct=int(grade_typed(item, response)), grade=None, given=response)


def answer_diff(given: str, expected: str) -> list[tuple[str, str]]:
    """Segments of (tag, text) showing how `given` differs from `expected`: tag is "same",
    "extra" (typed but not expected) or "missing" (expected but not typed)."""
    matcher = difflib.SequenceMatcher(a=given, b=expected, autojunk=False)
    segments: list[tuple[str, str]] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", given[a0:a1]))
            continue
        if a1 > a0:
            segments.append(("extra", given[a0:a1]))
        if b1 > b0:
            segments.append(("missing", expected[b0:b1]))
    return segments
