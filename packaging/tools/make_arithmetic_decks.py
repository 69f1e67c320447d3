"""Regenerate the two computed built-in decks in resources/decks/.

    python packaging/tools/make_arithmetic_decks.py [--data ../shared/data]

- multiplication.deck.toml: every product a x b for a, b in 2..12 as a four-option choice item
  whose wrong options are near misses a learner really makes (a neighbouring product, or the
  right product with one digit off).
- fraction-subtraction.deck.toml: Tatsuoka's 20 fraction-subtraction items, read from
  dense-irt/items_fractions_text.csv and dense-irt/qmatrix_fractions.csv under --data. Every
  answer and worked step is computed with fractions.Fraction, never typed by hand. The ids
  (fractions-Item01 ..) match the item names of the real population data.

Where an item's hint or explanation has words, the script also writes it in the interface
languages of TRANSLATIONS, as the item's [items.translations.<language>] table. The
multiplication deck's texts are numbers and symbols only, so it has no translations.

The deck files are committed; this script exists so they can be rebuilt and checked, and is not
part of the application. Run it from anywhere; it writes into the repository it lives in.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from studyapp.content.model import Deck, Item  # noqa: E402
from studyapp.content.native import write_deck  # noqa: E402

DECKS = ROOT / "resources" / "decks"
MINUS = "\u2212"
TIMES = "\u00d7"

# Tatsuoka's eight attributes, in Q-matrix column order: (skill name, tag).
ATTRIBUTES = [
    ("Convert a whole number to a fraction", "convert-whole-number"),
    ("Separate a whole number from a fraction", "separate-whole-number"),
    ("Simplify before subtracting", "simplify-first"),
    ("Find a common denominator", "common-denominator"),
    ("Borrow from the whole number part", "borrow-from-whole"),
    ("Column borrow to subtract the second numerator from the first", "column-borrow"),
    ("Subtract numerators", "subtract-numerators"),
    ("Reduce answers to simplest form", "reduce-answer"),
]


# ---------------------------------------------------------------- multiplication

def near_misses(a: int, b: int) -> list[int]:
    """Three distinct wrong products: two neighbouring products and one with a digit off.

    Which neighbours and which digit slip are used rotates with a and b, so the wrong
    options follow no single pattern a learner could spot."""
    product = a * b
    # Swapped digits (56 -> 65) only where both digits are kept (120 must not become 21).
    swapped = int(str(product)[::-1]) if product >= 10 and product % 10 else product + 10
    neighbours = [a * (b + 1), (a + 1) * b, a * (b - 1), (a - 1) * b]
    digit_slips = [product + 10, product - 1, swapped, product + 1, product - 10]
    shift = a + b
    neighbours = neighbours[shift % 4:] + neighbours[:shift % 4]
    digit_slips = digit_slips[shift % 5:] + digit_slips[:shift % 5]
    chosen: list[int] = []
    for candidate in neighbours + digit_slips:
        if len(chosen) == 2 and candidate in neighbours:
            continue  # the third slot is kept for a digit slip
        if candidate > 0 and candidate != product and candidate not in chosen:
            chosen.append(candidate)
        if len(chosen) == 3:
            break
    return chosen


def multiplication_item(a: int, b: int) -> Item:
    product = a * b
    options = sorted(near_misses(a, b))
    # The right answer's slot cycles through all four positions across the deck.
    options.insert((a + 2 * b) % 4, product)
    if b == 2:
        steps = f"{a} {TIMES} 2 = {a} + {a} = {product}"
    else:
        steps = f"{a} {TIMES} {b} = {a} {TIMES} {b - 1} + {a} = {a * (b - 1)} + {a} = {product}"
    return Item(
        kind="choice",
        prompt=f"{a} {TIMES} {b} = ?",
        answer=str(product),
        options=[str(o) for o in options],
        explanation=f"{steps}.",
        tags=[f"table-{a}"],
        skill=f"Table of {a}",
        guid=f"mul-{a}x{b}",
    )


def multiplication_deck() -> Deck:
    items = [multiplication_item(a, b) for a in range(2, 13) for b in range(2, 13)]
    return Deck(
        name="Maths::Multiplication tables",
        description="Every product from 2 \u00d7 2 to 12 \u00d7 12, as multiple choice among near misses.",
        items=items,
    )


# ---------------------------------------------------------------- fractions

@dataclass(frozen=True)
class Wording:
    """The words of the fraction deck's hint and worked steps in one language; worked_steps fills in the numbers."""
    hint: str
    rewrite: str  # the common-denominator step: {d} and the rewrites joined by rewrite_joiner
    rewrite_joiner: str
    subtract: str  # the subtraction step: {chain}
    step_joiner: str


ENGLISH = Wording(
    hint="Answer in simplest form, e.g. 3/4, 1 2/3 or 2.",
    rewrite="Write both over {d}: {rewrites}.",
    rewrite_joiner=" and ",
    subtract="Subtract the numerators: {chain}.",
    step_joiner=" ",
)
# Interface language -> the same texts in it.
TRANSLATIONS = {
    "zh_CN": Wording(
        hint="答案写成最简形式，例如 3/4、1 2/3 或 2。",
        rewrite="把两个数都化成分母是 {d} 的分数：{rewrites}。",
        rewrite_joiner="，",
        subtract="分子相减：{chain}。",
        step_joiner="",
    ),
}

def parse_operand(text: str) -> tuple[Fraction, str]:
    """'a*b/c' (the mixed number a b/c), 'b/c' or 'a' -> (value, how it is written)."""
    text = text.strip()
    if "*" in text:
        whole, frac = text.split("*")
        return int(whole) + Fraction(frac), f"{whole} {frac}"
    return Fraction(text), text


def mixed(value: Fraction) -> str:
    whole, rest = divmod(value.numerator, value.denominator)
    return f"{whole} {rest}/{value.denominator}" if whole else f"{rest}/{value.denominator}"


def answer_forms(value: Fraction, prefer_mixed: bool) -> tuple[str, list[str]]:
    """The simplest-form answer and its other accepted forms (improper fraction / mixed number)."""
    if value.denominator == 1:
        return str(value.numerator), []
    improper = f"{value.numerator}/{value.denominator}"
    if abs(value) < 1:
        return improper, []
    return (mixed(value), [improper]) if prefer_mixed else (improper, [mixed(value)])


def over(value: Fraction, denominator: int) -> str:
    return f"{value * denominator}/{denominator}"


def worked_steps(left: tuple[Fraction, str], right: tuple[Fraction, str], answer: str, wording: Wording) -> str:
    """Convert both sides to fractions over the least common denominator, subtract, reduce."""
    # The denominators as written (4/10 counts as tenths), so a needed reduction shows as a step.
    d = math.lcm(*(int(shown.split("/")[1]) if "/" in shown else 1 for _, shown in (left, right)))
    rewrites = [f"{shown} = {over(value, d)}" for value, shown in (left, right) if shown != over(value, d)]
    difference = left[0] - right[0]
    results = [over(difference, d)]
    for form in (f"{difference.numerator}/{difference.denominator}", answer):
        if form not in results and not (difference.denominator == 1 and form.endswith("/1")):
            results.append(form)
    steps = [wording.rewrite.format(d=d, rewrites=wording.rewrite_joiner.join(rewrites))] if rewrites else []
    chain = f"{over(left[0], d)} {MINUS} {over(right[0], d)} = " + " = ".join(results)
    steps.append(wording.subtract.format(chain=chain))
    return wording.step_joiner.join(steps)


def fraction_texts(left: tuple[Fraction, str], right: tuple[Fraction, str], answer: str,
                   wording: Wording) -> dict[str, str]:
    """An item's hint and explanation in `wording`."""
    return {"hint": wording.hint, "explanation": worked_steps(left, right, answer, wording)}


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))[1:]


def fraction_items(data: Path) -> list[Item]:
    expressions = read_csv(data / "dense-irt" / "items_fractions_text.csv")
    qmatrix = {row[0]: [int(x) for x in row[1:]] for row in read_csv(data / "dense-irt" / "qmatrix_fractions.csv")}
    items: list[Item] = []
    for name, expression in expressions:
        left_text, right_text = expression.split(" - ")
        left, right = parse_operand(left_text), parse_operand(right_text)
        prefer_mixed = any("*" in t or "/" not in t for t in (left_text, right_text))
        answer, accepted = answer_forms(left[0] - right[0], prefer_mixed)
        skills = [ATTRIBUTES[k] for k, needed in enumerate(qmatrix[name]) if needed]
        english = fraction_texts(left, right, answer, ENGLISH)
        items.append(Item(
            kind="typed",
            prompt=f"{left[1]} {MINUS} {right[1]} = ?",
            answer=answer,
            accepted=accepted,
            hint=english["hint"],
            explanation=english["explanation"],
            tags=[tag for _, tag in skills],
            skill=skills[0][0],
            guid=f"fractions-{name}",
            translations={language: fraction_texts(left, right, answer, wording)
                          for language, wording in TRANSLATIONS.items()},
        ))
    return items


def fraction_deck(data: Path) -> Deck:
    return Deck(
        name="Maths::Fraction subtraction",
        description=(
            "Tatsuoka's 20 fraction-subtraction items, the ones answered by 536 students in her classic study. "
            "Type the result in simplest form: a fraction like 3/4, a mixed number like 1 2/3, or a whole number."
        ),
        items=fraction_items(data),
    )


def write(deck: Deck, filename: str, comment: str) -> None:
    header = "".join(f"# {line}\n" for line in comment.splitlines())
    (DECKS / filename).write_text(header + write_deck(deck), encoding="utf-8")
    print(f"wrote {DECKS / filename}: {len(deck.items)} items")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                        help="the shared data folder holding dense-irt/ (default: ../shared/data)")
    args = parser.parse_args(argv)
    generated = "Generated by packaging/tools/make_arithmetic_decks.py; edit that script, not this file."
    write(multiplication_deck(), "multiplication.deck.toml", generated)
    if not (args.data / "dense-irt" / "items_fractions_text.csv").is_file():
        print(f"{args.data} has no dense-irt/items_fractions_text.csv: fraction deck not rebuilt", file=sys.stderr)
        return 1
    write(fraction_deck(args.data), "fraction-subtraction.deck.toml",
          generated + "\nItems: K. K. Tatsuoka's fraction subtraction test, via the edmdata package (MIT).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
