"""Write resources/checkset/answers.csv: the small check set a class model must not predict far worse on
than the shipped model (studyapp/classroom/plausibility.py).

The answers are generated, not real data: 48 students of varied ability answer items of the built-in
decks over a few days, with first tries and reviews. A student's chance of being right follows a logistic
curve in ability minus the item's difficulty (from what the item asks: larger products, longer fractions,
rarer capitals are harder), raised by earlier right answers, floored by guessing on choice and true/false.
Deterministic: run it again and the file is the same.
"""

from __future__ import annotations

import csv
import math
import random
import zlib
from pathlib import Path

from studyapp.content.native import read_deck
from studyapp.resources import decks_dir, resources_dir

SEED = 20261202
STUDENTS = 48
START_S = 1_740_787_200  # 2025-03-01T00:00Z
DECKS = ("multiplication", "fraction-subtraction", "world-capitals", "true-or-false")
COLUMNS = ["student", "item", "kind", "n_options", "time_s", "correct", "grade"]


def difficulty(deck: str, item) -> float:
    """From what the item asks, plus a fixed per-item spread (the item's own quirks)."""
    spread = (zlib.crc32(item.guid.encode()) % 1000) / 1000 - 0.5
    if deck == "multiplication":
        a, b = (int(x) for x in item.guid.split("-")[1].split("x"))
        return (a * b) / 40 - 1.2 + 0.5 * spread
    if deck == "fraction-subtraction":
        return 0.3 + 0.08 * int(item.guid[-2:]) + 0.8 * spread
    if deck == "world-capitals":
        return 0.4 + 1.6 * spread
    return 0.6 * spread


def guess(item) -> float:
    if item.kind == "choice":
        return 1 / len(item.options)
    return 0.5 if item.kind == "truefalse" else 0.0


def main(out: Path | None = None) -> None:
    rng = random.Random(SEED)
    pool = [(deck, item) for deck in DECKS for item in read_deck(decks_dir() / f"{deck}.deck.toml").items]
    rows = []
    for s in range(STUDENTS):
        ability = rng.gauss(0.3, 1.0)
        deck = rng.choice(DECKS)
        items = rng.sample([it for d, it in pool if d == deck], 5) + rng.sample([it for _, it in pool], 1)
        right_before: dict[str, int] = {}
        t = START_S + rng.randrange(86_400)
        for day, visit in ((0, items), (1, items[:3]), (3, items[:2])):
            for item in visit:
                t = max(t, START_S + day * 86_400) + rng.randrange(8, 40)
                deck_name = next(d for d, it in pool if it is item)
                logit = ability - difficulty(deck_name, item) + 0.8 * right_before.get(item.guid, 0)
                p = guess(item) + (1 - guess(item)) / (1 + math.exp(-logit))
                correct = int(rng.random() < p)
                right_before[item.guid] = right_before.get(item.guid, 0) + correct
                grade = (3 if correct else 1) if item.kind in ("basic", "reversed") else ""
                rows.append([f"check-{s:02d}", f"{item.guid}#{item.ord}", item.kind, len(item.options), t, correct,
                             grade])
    out = out or resources_dir() / "checkset" / "answers.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"wrote {len(rows)} answers of {STUDENTS} students to {out}")


if __name__ == "__main__":
    main()
