"""The learner as the study session uses it: the student's adapted model, fed after every answer.

The torch model is reached only through `studyapp.learner.runtime`; this module maps the store's
rows to the learner's items and answers, and keeps the adapted state in the profile's database.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Sequence

from sqlite_utils import Database

from studyapp.content.model import option_count
from studyapp.store import queries
from studyapp.store.queries import ItemRow, LoggedAnswer

# Before each choice the session scores its whole deck; an item answered days ago barely moves in a few
# seconds, so the learner reuses its memory terms until the time since its last answer grows by 0.1%
# (p moves by well under 0.001) and computes again only what changed: the items just answered.
RESCORE_TOLERANCE = 0.001
DAY_S = 86400
# The student's own memory curve is refitted when a session is saved with this many answers since the last fit
# (a fit takes about a second on a long history, so not after every answer).
REFIT_AFTER_ANSWERS = 100


def item_info(item: ItemRow):
    from studyapp.learner.runtime import ItemInfo

    return ItemInfo(key=item.key, kind=item.kind, n_options=option_count(item.kind, item.options), skill=item.skill)


def _answer(info, answered_ms: int, correct: int, grade: int | None):
    from studyapp.learner.runtime import Answer

    return Answer(item=info, timestamp_s=answered_ms / 1000, correct=int(correct), grade=grade)


def model_id(learner) -> str:
    """Adapted states belong to one model file: a new model starts each student again from its own start."""
    return learner.card.get("sha256", "unknown")[:16]


@contextmanager
def one_thread():
    """Run torch on one intra-op thread, then restore the setting. A student's scoring and adaptation are
    small tensor operations: a second thread saves nothing and, when the other core is busy (another
    program, a simulation worker), each operation waits for it (measured: 0.4 ms on one thread, 6 ms on two
    with the other core loaded). Switching costs microseconds and leaves heavier work (training) alone."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def history_of(db: Database, profile_id: int) -> list:
    """The profile's answers (undone ones left out) as the learner reads them, oldest first."""
    from studyapp.learner.runtime import ItemInfo

    return [_answer(ItemInfo(f"{r['guid']}#{r['ord']}", r["kind"], option_count(r["kind"], json.loads(r["options"])),
                             r["skill"]), r["answered_ms"], r["correct"], r["grade"])
            for r in queries.answers_with_items(db, profile_id)]


class LearnerPredictor:
    """Implements the session's Predictor: p(correct) now, and adaptation after each answer."""

    def __init__(self, db: Database, profile_id: int, learner) -> None:
        self.db, self.profile_id, self.learner = db, profile_id, learner
        self.model_id = model_id(learner)
        self.history = history_of(db, profile_id)
        saved = queries.load_learner_state(db, profile_id, self.model_id)
        self._infos: dict[tuple, object] = {}
        self._deck: tuple | None = None  # (list, its length, its ItemSet): the list a session scores each time
        self._state_bytes: tuple | None = None  # (the adapted parameters, saved): what curve_after starts from
        with one_thread():
            self.student = learner.student(self.history, state=saved)
            if saved is None and self.history:
                self.student.refit_memory()
                self.student.adapt()
            self._start_state = self.student.state_bytes()

    def _infos_of(self, items: Sequence[ItemRow]) -> list:
        """The learner's ItemInfo per row, made once per item: the same objects each call also let the
        learner recognise a deck it has scored before. Keyed by what the ItemInfo is made of, so an
        edited item gets a new one."""
        infos, out = self._infos, []
        for item in items:
            key = (item.id, item.guid, item.ord, item.kind, item.skill, len(item.options))
            info = infos.get(key)
            if info is None:
                info = infos[key] = item_info(item)
            out.append(info)
        return out

    def _scored(self, items: Sequence[ItemRow]):
        """What the learner scores for `items`. A session passes the same list of its deck on every
        choice (it never changes it), so that list's ItemSet is kept and found without reading the
        20k rows again; any other list (or that list grown or shrunk) is read item by item."""
        deck = self._deck
        if deck is not None and deck[0] is items and deck[1] == len(items):
            return deck[2]
        with one_thread():
            scored = self.learner.item_set(self._infos_of(items))
        if len(items) > 1:  # a single item (the one about to be shown) is not the deck
            self._deck = (items, len(items), scored)
        return scored

    def predict(self, items: Sequence[ItemRow], now_ms: int):
        """p(correct) now per item, as a numpy array."""
        with one_thread():
            return self.student.predict(self._scored(items), now_ms / 1000, tolerance=RESCORE_TOLERANCE)

    def knowledge(self, items: Sequence[ItemRow], now_ms: int) -> list[float]:
        """What the student knows: p(correct) tomorrow, from each item's own answers. Tomorrow, because an
        item answered minutes ago is recalled now whether it was learned or not; from its own answers,
        because otherwise every item the population does not know would get the same number."""
        with one_thread():
            return self.student.predict(self._scored(items), now_ms / 1000 + DAY_S).tolist()

    def curve_after(self, item: ItemRow, extra: Sequence[tuple[int, int, int | None]]):
        """p(correct) of `item` at any later moment had it also been answered as `extra` says ((answered_ms,
        correct, grade) each, after its logged answers): a function of time in ms. An item's memory comes
        from its own answers and the student's adapted parameters, so a learner given only this item's
        answers and this student's state predicts the item exactly as the student's own would."""
        info = item_info(item)
        own = [a for a in self.history if a.item.key == info.key]
        own += [_answer(info, at, correct, grade) for at, correct, grade in extra]
        if self._state_bytes is None or self._state_bytes[0] is not self.student.phi:
            self._state_bytes = (self.student.phi, self.student.state_bytes())
        with one_thread():
            scratch = self.learner.student(own, state=self._state_bytes[1])
            items = self.learner.item_set([info])

        def curve(at_ms: int) -> float:
            with one_thread():
                return float(scratch.predict(items, at_ms / 1000)[0])
        return curve

    def observe(self, item: ItemRow, answer: LoggedAnswer) -> None:
        new = _answer(item_info(item), answer.answered_ms, answer.correct, answer.grade)
        self.history.append(new)
        with one_thread():
            self.student.observe(new)
            self.student.adapt()

    def forget_last(self) -> None:
        """Undo: rebuild the student from the history without its last answer."""
        self.history.pop()
        with one_thread():
            self.student = self.learner.student(self.history, state=self._start_state)
            if self.history:
                self.student.adapt()

    def save(self) -> None:
        """Keep the adapted state; then, every REFIT_AFTER_ANSWERS answers, refit the student's memory curve
        and keep that too (the session's answers are already committed: a refit never delays them)."""
        queries.save_learner_state(self.db, self.profile_id, self.model_id, self.student.state_bytes(),
                                   len(self.history))
        if len(self.history) - self.student.memory_answers >= REFIT_AFTER_ANSWERS:
            with one_thread():
                self.student.refit_memory()
            queries.save_learner_state(self.db, self.profile_id, self.model_id, self.student.state_bytes(),
                                       len(self.history))
