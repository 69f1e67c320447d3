"""English in what 简体中文 shows: the rule shared by the walkthrough of the windows
(tests/ui/test_ui_chinese_walkthrough.py) and the check of every built-in card's Chinese text
(tests/content/test_builtin_translations.py)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from studyapp.content.native import read_deck

DECKS = Path(__file__).resolve().parents[1] / "resources" / "decks"
# Two Latin letters or more: in a Chinese text, a word left in English.
WORD = re.compile(r"[A-Za-z]{2,}")
# The built-in decks a student studying in 简体中文 sees in Chinese, by file: every one but English–Chinese
# vocabulary, whose prompts are the English words being learnt.
TRANSLATED_DECKS = {
    "world-capitals.deck.toml": "Geography::World capitals",
    "chemical-elements.deck.toml": "Science::Chemical elements",
    "fraction-subtraction.deck.toml": "Maths::Fraction subtraction",
    "multiplication.deck.toml": "Maths::Multiplication tables",
    "true-or-false.deck.toml": "Science::True or false",
}
# "The symbol Na comes from the Latin natrium." / "The symbol W comes from its other name, wolfram."
SYMBOL_SOURCE = re.compile(r"\bsymbol (\w+) comes from\b[^.]*?(\w+)\.")


@cache
def element_symbols() -> frozenset[str]:
    """The chemical elements' symbols: the prompts of the deck's cards (their fronts)."""
    return frozenset(item.prompt for item in read_deck(DECKS / "chemical-elements.deck.toml").items if item.ord == 0)


@cache
def formula() -> re.Pattern[str]:
    """A word written in chemical symbols alone: a formula such as NaCl or CO (digits are not part of a WORD)."""
    return re.compile("(?:" + "|".join(sorted(element_symbols(), key=len, reverse=True)) + ")+")


@cache
def element_words() -> frozenset[str]:
    """Words of Latin letters in the chemical elements' cards that are not English, as the deck gives them: each
    element's symbol, and the name that the card's explanation says the symbol comes from (natrium, ferrum,
    wolfram)."""
    words = set(element_symbols())
    for item in read_deck(DECKS / "chemical-elements.deck.toml").items:
        if item.ord == 0:
            words |= {source for symbol, source in SYMBOL_SOURCE.findall(item.explanation) if symbol == item.prompt}
    return frozenset(words)


def english_words(text: str, allowed: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """The words of `text` left in English: WORD's, except the chemical elements' (and formulas written in their
    symbols) and `allowed`."""
    return {word for word in WORD.findall(text)
            if word not in allowed and word not in element_words() and not formula().fullmatch(word)}
