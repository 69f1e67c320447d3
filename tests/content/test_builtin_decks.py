"""The built-in decks in resources/decks load, have the promised size, and say true things."""

from __future__ import annotations

import csv
import re
import unicodedata
from fractions import Fraction
from pathlib import Path

import pytest

from studyapp.content.native import read_deck

ROOT = Path(__file__).resolve().parents[2]
DECKS = ROOT / "resources" / "decks"
SHARED_DATA = ROOT.parent / "shared" / "data"
FRACTIONS_CSV = SHARED_DATA / "dense-irt" / "items_fractions_text.csv"

EXPECTED_ITEMS = {
    "world-capitals.deck.toml": ("Geography::World capitals", 193),
    "chemical-elements.deck.toml": ("Science::Chemical elements", 236),
    "fraction-subtraction.deck.toml": ("Maths::Fraction subtraction", 20),
    "multiplication.deck.toml": ("Maths::Multiplication tables", 121),
    "true-or-false.deck.toml": ("Science::True or false", 30),
}


def deck(filename: str):
    return read_deck(DECKS / filename)


def by_guid(filename: str, ord_: int = 0) -> dict:
    return {item.guid: item for item in deck(filename).items if item.ord == ord_}


def parse_number(text: str) -> Fraction:
    """'7', '3/4' or the mixed number '1 2/3' as an exact fraction."""
    whole, _, rest = text.strip().rpartition(" ")
    return (int(whole) if whole else 0) + Fraction(rest)


def csv_value(expression: str) -> Fraction:
    """A row of items_fractions_text.csv ('a*b/c' is the mixed number a b/c) evaluated exactly."""
    left, right = (parse_number(side.replace("*", " ")) for side in expression.split(" - "))
    return left - right


def test_every_deck_file_loads_with_unique_ids():
    files = sorted(DECKS.glob("*.deck.toml"))
    assert {f.name for f in files} >= set(EXPECTED_ITEMS) | {"english-chinese.deck.toml"}
    for path in files:
        items = read_deck(path).items
        keys = [(item.guid, item.ord) for item in items]
        assert len(keys) == len(set(keys)), path.name
        assert all(item.guid and not item.guid.startswith("sa-") for item in items), \
            f"{path.name}: give every item an id"


@pytest.mark.parametrize("filename", sorted(EXPECTED_ITEMS))
def test_deck_name_and_size(filename):
    name, count = EXPECTED_ITEMS[filename]
    loaded = deck(filename)
    assert loaded.name == name
    assert len(loaded.items) == count


def test_capitals_one_per_country_with_spot_checks():
    items = deck("world-capitals.deck.toml").items
    capitals = {item.prompt: item for item in items}
    assert len(capitals) == 193
    assert all(item.kind == "basic" and item.tags for item in items)
    assert capitals["France"].answer == "Paris"
    assert capitals["Australia"].answer == "Canberra"
    assert capitals["Japan"].answer == "Tokyo"
    assert capitals["Nigeria"].answer == "Abuja"
    assert capitals["Ukraine"].answer == "Kyiv" and "Kiev" in capitals["Ukraine"].accepted
    assert {"Cape Town", "Bloemfontein"} <= set(capitals["South Africa"].accepted)
    assert "La Paz" in capitals["Bolivia"].explanation
    assert "The Hague" in capitals["Netherlands"].explanation
    # Observers and partly recognised states are not UN member states.
    assert not {"Vatican City", "Holy See", "Palestine", "Taiwan", "Kosovo"} & set(capitals)


def test_elements_both_directions_and_spellings():
    fronts = {item.prompt: item for item in deck("chemical-elements.deck.toml").items if item.ord == 0}
    backs = {item.prompt: item for item in deck("chemical-elements.deck.toml").items if item.ord == 1}
    assert len(fronts) == len(backs) == 118
    assert fronts["Fe"].answer == "Iron" and fronts["Fe"].explanation.startswith("Atomic number 26.")
    assert backs["Iron"].answer == "Fe"
    assert fronts["Al"].answer == "Aluminium" and "Aluminum" in fronts["Al"].accepted
    assert fronts["Cs"].answer == "Caesium" and "Cesium" in fronts["Cs"].accepted
    assert fronts["S"].answer == "Sulfur" and "Sulphur" in fronts["S"].accepted
    assert fronts["Og"].explanation.startswith("Atomic number 118.")
    numbers = sorted(int(re.match(r"Atomic number (\d+)\.", item.explanation).group(1)) for item in fronts.values())
    assert numbers == list(range(1, 119))


def test_fractions_ids_kinds_and_first_item():
    items = by_guid("fraction-subtraction.deck.toml")
    assert sorted(items) == [f"fractions-Item{n:02d}" for n in range(1, 21)]
    assert all(item.kind == "typed" and item.skill and item.tags and item.explanation for item in items.values())
    first = items["fractions-Item01"]
    assert parse_number(first.answer) == Fraction(5, 3) - Fraction(3, 4)
    assert first.skill == "Find a common denominator"


def test_fraction_answers_are_in_simplest_form_and_alternatives_agree():
    for item in deck("fraction-subtraction.deck.toml").items:
        value = parse_number(item.answer)
        *whole, fraction = item.answer.split(" ")
        if "/" in fraction:
            numerator, denominator = map(int, fraction.split("/"))
            assert Fraction(numerator, denominator).denominator == denominator, item.guid  # reduced
            assert not whole or numerator < denominator, item.guid  # a proper mixed number
        assert all(parse_number(form) == value for form in item.accepted), item.guid


@pytest.mark.skipif(not FRACTIONS_CSV.is_file(), reason=f"shared data not found at {FRACTIONS_CSV}")
def test_fraction_answers_match_the_csv():
    with FRACTIONS_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    items = by_guid("fraction-subtraction.deck.toml")
    assert len(rows) == len(items) == 20
    for name, expression in rows:
        assert parse_number(items[f"fractions-{name}"].answer) == csv_value(expression), name


def test_multiplication_options():
    items = by_guid("multiplication.deck.toml")
    assert sorted(items) == sorted(f"mul-{a}x{b}" for a in range(2, 13) for b in range(2, 13))
    positions = set()
    for guid, item in items.items():
        a, b = map(int, guid.removeprefix("mul-").split("x"))
        options = [int(o) for o in item.options]
        assert item.kind == "choice" and item.answer == str(a * b), guid
        assert len(options) == 4 and len(set(options)) == 4 and min(options) > 0, guid
        assert item.skill == f"Table of {a}"
        positions.add(item.options.index(item.answer))
    assert positions == {0, 1, 2, 3}
    assert "56" in items["mul-7x8"].options


def test_vocabulary_format():
    items = deck("english-chinese.deck.toml").items
    assert len(items) >= 300
    prompts = [item.prompt.lower() for item in items]
    assert len(prompts) == len(set(prompts))
    answer = re.compile(r"^[\u4e00-\u9fff]+ \((?P<pinyin>[^()]+)\)$")
    for item in items:
        match = answer.match(item.answer)
        assert match and item.tags, item.prompt
        letters = unicodedata.normalize("NFD", match["pinyin"])
        assert re.fullmatch(r"[A-Za-z\u0300\u0301\u0304\u030c\u0308' ]+", letters), item.prompt
    answers = {item.prompt: item.answer for item in items}
    assert answers["apple"] == "苹果 (píngguǒ)"
    assert answers["thank you"] == "谢谢 (xièxie)"
    assert answers["green"] == "绿色 (lǜsè)"


def test_true_or_false_is_balanced_and_explained():
    items = deck("true-or-false.deck.toml").items
    assert all(item.kind == "truefalse" and item.explanation for item in items)
    answers = [item.answer for item in items]
    assert answers.count("true") == answers.count("false") == 15
    statements = {item.prompt: item.answer for item in items}
    assert statements["Sound can travel through a vacuum."] == "false"
    assert statements["Bats are mammals."] == "true"
