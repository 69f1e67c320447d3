"""What a next-item policy sees and returns, and the classical policy used without a model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from studyapp.store.queries import ItemRow, LoggedAnswer
from studyapp.study.classic import replay
from studyapp.study.reasons import Reason, due_scheduled, new_item
from studyapp.study.settings import StudySettings


@dataclass(frozen=True)
class Choice:
    item: ItemRow
    predicted: float | None  # the model's p(correct) when the item is shown, if a model is loaded
    reason: Reason           # shown to the student and logged (as English text) with the answer


@dataclass
class StudyContext:
    """Everything a policy may look at: the deck, the student's own answers, and the session so far."""

    items: list[ItemRow]
    history: dict[int, list[LoggedAnswer]]  # item id -> this profile's answers, oldest first
    now_ms: int
    settings: StudySettings
    new_today: int = 0
    last_item_id: int | None = None
    session_wrong: list[int] = field(default_factory=list)  # item ids missed in this session, oldest first
    session_answers: int = 0

    def seen(self, item: ItemRow) -> bool:
        return bool(self.history.get(item.id))

    def new_items(self) -> list[ItemRow]:
        return [i for i in self.items if not self.seen(i)]

    def new_allowance(self) -> int:
        return max(0, self.settings.new_per_day - self.new_today)


class Policy(Protocol):
    def choose(self, context: StudyContext) -> Choice | None: ...


def new_item_choice(context: StudyContext, predicted: float | None = None) -> Choice | None:
    """The next new item in deck order, within today's limit."""
    if context.new_allowance() <= 0:
        return None
    candidates = [i for i in context.new_items() if i.id != context.last_item_id]
    if not candidates:
        return None
    return Choice(candidates[0], predicted, new_item(context.new_today + 1, context.settings.new_per_day))


class ClassicPolicy:
    """Anki's SM-2 rules: overdue items first (most overdue relative to their interval), then new items."""

    def due_items(self, context: StudyContext) -> list[tuple[float, ItemRow, int]]:
        due = []
        for item in context.items:
            answers = context.history.get(item.id)
            if not answers:
                continue
            state = replay([(a.answered_ms, a.correct, a.grade) for a in answers])
            if state.due_ms <= context.now_ms:
                overdue = context.now_ms - state.due_ms
                due.append((overdue / max(state.interval_ms, 1), item, overdue))
        due.sort(key=lambda entry: -entry[0])
        return due

    def choose(self, context: StudyContext) -> Choice | None:
        due = self.due_items(context)
        others = [(item, overdue) for _, item, overdue in due if item.id != context.last_item_id]
        if others:
            return self._review(*others[0])
        # The item just answered comes again only when nothing else is left.
        return new_item_choice(context) or (self._review(due[0][1], due[0][2]) if due else None)

    @staticmethod
    def _review(item: ItemRow, overdue_ms: int) -> Choice:
        return Choice(item, None, due_scheduled(overdue_ms))
