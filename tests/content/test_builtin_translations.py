"""In 简体中文 the built-in cards are in Chinese: every field of every card that holds English words has a
Chinese text (chemical symbols, formulas written in them and the Latin names symbols come from are not English;
English–Chinese vocabulary is left out, its prompts being the English words to learn)."""

import pytest
from english_words import DECKS, TRANSLATED_DECKS, english_words

from studyapp.content.model import TRANSLATED_FIELDS, in_language
from studyapp.content.native import read_deck


@pytest.mark.parametrize("filename", sorted(TRANSLATED_DECKS))
def test_every_field_of_every_card_that_holds_english_has_a_chinese_text(filename):
    left = []
    for item in read_deck(DECKS / filename).items:
        shown = in_language(item, "zh_CN")
        for name in TRANSLATED_FIELDS:
            if item.kind == "truefalse" and name == "answer":
                continue  # "true" or "false", which the interface shows in its language
            value = getattr(shown, name)
            words = set().union(*(english_words(text) for text in (value if isinstance(value, list) else [value])))
            if words:
                left.append(f"{item.guid}#{item.ord} {name}: {', '.join(sorted(words)[:6])}")
    assert not left, f"{len(left)} fields of {filename} show English in 简体中文, for example: {left[:10]}"


def test_the_symbols_and_their_latin_names_come_from_the_deck_and_no_english_name_among_them():
    from english_words import element_words

    words = element_words()
    assert {"Na", "Fe", "natrium", "ferrum", "hydrargyrum", "wolfram"} <= words
    assert not words & {"Sodium", "Iron", "Hydrogen", "number", "Atomic", "Latin", "the"}
    assert english_words("NaCl 和 CO2 是 Salt") == {"Salt"}
