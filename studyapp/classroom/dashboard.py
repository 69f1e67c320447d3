"""What a teacher sees from the class's bundles: mastery per student, deck and skill; the hardest items;
who has not studied lately. Plain data, shared by the CLI report and the GUI dashboard."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from studyapp.classroom.bundle import StudentBundle

WEEK_MS = 7 * 86_400_000


@dataclass(frozen=True)
class Mastery:
    student: str
    group: str       # a deck name or a skill
    items: int       # distinct items answered
    mastery: float   # share of those items whose latest answer was right
    margin: float    # half-width of a 95% interval (normal approximation, at least 1/items)


@dataclass(frozen=True)
class HardItem:
    key: str
    prompt: str
    deck: str
    students: int
    first_try_correct: float


@dataclass
class ClassReport:
    by_deck: list[Mastery]
    by_skill: list[Mastery]
    hardest: list[HardItem]
    inactive: list[str]


def _mastery(student: str, group: str, latest: list[int]) -> Mastery:
    n = len(latest)
    p = sum(latest) / n
    return Mastery(student, group, n, p, max(1.96 * math.sqrt(p * (1 - p) / n), 1 / n))


def _latest_by_item(bundle: StudentBundle) -> dict[str, int]:
    latest: dict[str, tuple[int, int]] = {}
    for answer in bundle.answers:
        if answer.item_key not in latest or answer.timestamp_ms >= latest[answer.item_key][0]:
            latest[answer.item_key] = (answer.timestamp_ms, answer.correct)
    return {key: correct for key, (_, correct) in latest.items()}


def class_report(bundles: list[StudentBundle], now_ms: int, hardest: int = 10, min_students: int = 3) -> ClassReport:
    by_deck, by_skill = [], []
    first_tries: dict[str, list[int]] = defaultdict(list)
    items = {}
    inactive = []
    for bundle in bundles:
        latest = _latest_by_item(bundle)
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for key, correct in latest.items():
            item = bundle.items[key]
            groups[("deck", item.deck)].append(correct)
            if item.skill:
                groups[("skill", item.skill)].append(correct)
        for (kind, name), values in sorted(groups.items()):
            (by_deck if kind == "deck" else by_skill).append(_mastery(bundle.label, name, values))
        seen = set()
        for answer in sorted(bundle.answers, key=lambda a: a.timestamp_ms):
            if answer.item_key not in seen:
                seen.add(answer.item_key)
                first_tries[answer.item_key].append(answer.correct)
                items[answer.item_key] = bundle.items[answer.item_key]
        last = max((a.timestamp_ms for a in bundle.answers), default=0)
        if now_ms - last > WEEK_MS:
            inactive.append(bundle.label)
    hard = [HardItem(key, items[key].prompt, items[key].deck, len(v), sum(v) / len(v))
            for key, v in first_tries.items() if len(v) >= min_students]
    hard.sort(key=lambda h: (h.first_try_correct, -h.students))
    return ClassReport(by_deck, by_skill, hard[:hardest], sorted(inactive))
