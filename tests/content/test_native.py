import pytest

from studyapp.content.model import ContentError
from studyapp.content.native import parse_deck, write_deck

DECK = '''
format = 1
[deck]
name = "Test::Sub"
description = "A small deck"
tags = ["demo"]

[[items]]
id = "fr"
prompt = "France"
answer = "Paris"
hint = "City of light"
explanation = "Paris has been the capital since 987."

[[items]]
kind = "cloze"
prompt = "{{c1::Paris}} is the capital of {{c2::France::country}}"

[[items]]
kind = "reversed"
prompt = "H"
answer = "Hydrogen"

[[items]]
kind = "choice"
prompt = "2 x 3"
answer = "6"
options = ["5", "6", "8", "9"]

[[items]]
kind = "truefalse"
prompt = "The Sun is a star."
answer = true

[[items]]
kind = "typed"
prompt = "5/3 - 3/4"
answer = "11/12"
accepted = ["0.9167"]
'''


def test_every_kind_parses_and_expands():
    deck = parse_deck(DECK)
    kinds = [(i.kind, i.ord) for i in deck.items]
    assert kinds == [("basic", 0), ("cloze", 0), ("cloze", 1), ("reversed", 0), ("reversed", 1),
                     ("choice", 0), ("truefalse", 0), ("typed", 0)]
    basic, cloze1, cloze2, front, back = deck.items[:5]
    assert basic.guid == "fr" and basic.hint == "City of light" and basic.tags == ["demo"]
    assert (cloze1.prompt, cloze1.answer) == ("[...] is the capital of France", "Paris")
    assert (cloze2.prompt, cloze2.answer) == ("Paris is the capital of [country]", "France")
    assert (back.prompt, back.answer) == ("Hydrogen", "H") and back.guid == front.guid
    assert deck.items[6].answer == "true"


def test_guids_are_stable_across_reads():
    assert [i.guid for i in parse_deck(DECK).items] == [i.guid for i in parse_deck(DECK).items]


def test_written_deck_reads_back_identically():
    deck = parse_deck(DECK)
    assert parse_deck(write_deck(deck)) == deck


@pytest.mark.parametrize("text, message", [
    ("not toml = = =", "not a valid deck file"),
    ("format = 2\n[deck]\nname='x'\n[[items]]\nprompt='a'\nanswer='b'", "format 2 is not supported"),
    ("[[items]]\nprompt='a'\nanswer='b'", "no \\[deck\\] table"),
    ("[deck]\nname='x'", "no \\[\\[items\\]\\]"),
    ("[deck]\nname='x'\n[[items]]\nprompt='a'", "empty answer"),
    ("[deck]\nname='x'\n[[items]]\nprompt='a'\nanswer='b'\ncolour='red'", "unknown field"),
    ("[deck]\nname='x'\n[[items]]\nkind='quiz'\nprompt='a'\nanswer='b'", "unknown kind"),
    ("[deck]\nname='x'\n[[items]]\nkind='choice'\nprompt='a'\nanswer='z'\noptions=['b','c']", "not one of its options"),
    ("[deck]\nname='x'\n[[items]]\nkind='cloze'\nprompt='no deletion'", "no {{c1::...}} deletion"),
    ("[deck]\nname='x'\n[[items]]\nid='a'\nprompt='a'\nanswer='b'\n[[items]]\nid='a'\nprompt='c'\nanswer='d'",
     "share the same id"),
])
def test_bad_decks_are_refused_with_a_reason(text, message):
    with pytest.raises(ContentError, match=message):
        parse_deck(text, source="bad.deck.toml")
