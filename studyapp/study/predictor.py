"""The learner as the study session uses it: the student's adapted model, fed after every answer.

The torch model is reached only through `studyapp.learner.runtime`; this module maps the store's
rows to the learner's items and answers, and keeps the adapted state in the profile's database.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlite_utils import Database

from studyapp.content.model import option_count
from studyapp.store import queries
from studyapp.store.queries import ItemRow, LoggedAnswer

if TYPE_CHECKING:  # the learner (torch) is imported when first used, not with the session
    from studyapp.learner.runtime import Answer, AnswerLog, ItemInfo, ItemSet, Learner, StudentModel

# Before each choice the session scores its whole deck; an item answered days ago barely moves in a few
# seconds, so the learner reuses its memory terms until the time since its last answer grows by 0.1%
# (p moves by well under 0.001) and computes again only what changed: the items just answered.
RESCORE_TOLERANCE = 0.001
DAY_S = 86400
# The student's own memory curve is refitted when a session is saved with this many answers since the last fit
# (a fit takes about a second on a long history, so not after every answer).
REFIT_AFTER_ANSWERS = 100


# A long log is read from SQLite this many rows at a time, each part into arrays at once: a Python row
# object per answer of a 2-million-answer log would hold gigabytes.
READ_CHUNK = 20_000


def item_info(item: ItemRow) -> ItemInfo:
    from studyapp.learner.runtime import ItemInfo

    return ItemInfo(key=item.key, kind=item.kind, n_options=option_count(item.kind, item.options), skill=item.skill)


def _info_of_row(row: dict[str, Any]) -> ItemInfo:
    from studyapp.learner.runtime import ItemInfo

    return ItemInfo(f"{row['guid']}#{row['ord']}", row["kind"], option_count(row["kind"], json.loads(row["options"])),
                    row["skill"])


def _answer(info: ItemInfo, answered_ms: int, correct: int, grade: int | None) -> Answer:
    from studyapp.learner.runtime import Answer

    return Answer(item=info, timestamp_s=answered_ms / 1000, correct=int(correct), grade=grade)


def model_id(learner: Learner) -> str:
    """Adapted states belong to one model file: a new model starts each student again from its own start."""
    return str(learner.card.get("sha256", "unknown"))[:16]


@contextmanager
def one_thread() -> Iterator[None]:
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


def read_log(db: Database, profile_id: int, since: dict[str, int] | None = None) -> tuple[AnswerLog, dict[str, int]]:
    """(log, marker): the profile's counted answers, oldest first, as the learner's AnswerLog (only those
    logged after the answers of the marker `since`, if given), and the MARKER of these and `since`'s."""
    from studyapp.learner.runtime import AnswerLog

    after_id = since["last_id"] if since else 0
    cursor = queries.counted_answers(db, profile_id, after_id)
    # Kept per answer: its item (int32), time (float64), right or wrong and grade (int8): 2 million answers
    # take 28 MB; ids and times in ms only go into the marker, part by part.
    marker = dict(since) if since else dict.fromkeys(MARKER, 0)
    parts: list[list[np.ndarray]] = [[np.zeros(0, dtype)] for dtype in (np.int32, np.float64, np.int8, np.int8)]
    while chunk := cursor.fetchmany(READ_CHUNK):
        block = np.array(chunk, dtype=np.int64)
        marker = covers(block[:, 0], block[:, 2], marker)
        columns: tuple[np.ndarray, ...] = (block[:, 1].astype(np.int32), block[:, 2] / 1000,
                                           block[:, 3].astype(np.int8), block[:, 4].astype(np.int8))
        for part, column in zip(parts, columns):
            part.append(column)
        del chunk, block
    item_ids, t, correct, grade = (np.concatenate(part) for part in parts)
    del parts
    answered, codes = np.unique(item_ids, return_inverse=True)
    del item_ids
    rows = {row["id"]: row for row in queries.answered_items(db, profile_id, after_id)} if len(answered) else {}
    log = AnswerLog([_info_of_row(rows[k]) for k in answered.tolist()], codes.reshape(-1).astype(np.int32), t,
                    correct, grade)
    return log, _with_voids(db, profile_id, marker)


# How a student's memory tables name the answers they were built from, to recognise that log at the next
# open: how many, the sum of their ids, the last id, the latest answer time, and the voids (taken-back
# answers) among the ids up to the last when they were saved. The log is append-only and ids only grow, so
# below the last id only a void can change it, and a void is found by reading the voids alone.
MARKER = ("n", "id_sum", "last_id", "last_ms", "voids", "void_sum")


def covers(ids: Sequence[int] | np.ndarray, answered_ms: Sequence[int] | np.ndarray,
           before: dict[str, int] | None = None) -> dict[str, int]:
    """The MARKER of answers `ids` after those of the marker `before` (its voids as they were)."""
    marker = dict(before) if before else dict.fromkeys(MARKER, 0)
    if len(ids):
        marker["n"] += len(ids)
        marker["id_sum"] += int(np.sum(ids, dtype=np.int64))
        marker["last_id"] = max(marker["last_id"], int(np.max(ids)))
        marker["last_ms"] = max(marker["last_ms"], int(np.max(answered_ms)))
    return marker


def _with_voids(db: Database, profile_id: int, marker: dict[str, int]) -> dict[str, int]:
    voids, void_sum = queries.voided_upto(db, profile_id, marker["last_id"])
    return marker | {"voids": voids, "void_sum": void_sum}


def student_of(db: Database, profile_id: int, learner: Learner,
               state: bytes | None) -> tuple[StudentModel, dict[str, int]]:
    """(student, marker): the profile's student from its saved `state`, reading only the answers logged
    since it was saved; rebuilt from the whole log when the state has no memory tables (or older ones),
    the log before that point changed (an answer taken back, or answers imported among the old ones), or
    there is no state (the memory curve is then fitted first)."""
    if state is not None:
        resumed = learner.resume(state)
        if resumed is not None:
            student, marker = resumed
            if set(marker) == set(MARKER) and student.n_answers == marker["n"] \
                    and _with_voids(db, profile_id, marker) == marker:
                since, after = read_log(db, profile_id, marker)
                if not len(since) or round(float(since.t[0]) * 1000) >= marker["last_ms"]:
                    student.observe_all(since)
                    return student, after
    log, marker = read_log(db, profile_id)
    student = learner.student([], state=state)
    if state is None:
        student.fit_memory(log)  # before the memory states are built: they are built once, with the fit
    student.observe_all(log)
    if state is None:
        student.adapt()
    return student, marker


class LearnerPredictor:
    """Implements the session's Predictor: p(correct) now, and adaptation after each answer."""

    def __init__(self, db: Database, profile_id: int, learner: Learner) -> None:
        self.db, self.profile_id, self.learner = db, profile_id, learner
        self.model_id = model_id(learner)
        saved = queries.load_learner_state(db, profile_id, self.model_id)
        self._infos: dict[tuple[int, str, int, str, str, int], ItemInfo] = {}
        # (list, its length, its ItemSet): the list a session scores each time
        self._deck: tuple[Sequence[ItemRow], int, ItemSet] | None = None
        with one_thread():
            self.student, self._start_marker = student_of(db, profile_id, learner, saved)
            self._start = self.student.copy()  # what undo replays this session's answers on
        self._session: list[tuple[Answer, int, int]] = []  # this session's answers: (Answer, id, answered_ms)

    def _infos_of(self, items: Sequence[ItemRow]) -> list[ItemInfo]:
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

    def _scored(self, items: Sequence[ItemRow]) -> ItemSet:
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

    def predict(self, items: Sequence[ItemRow], now_ms: int) -> np.ndarray:
        """p(correct) now per item, as a numpy array."""
        with one_thread():
            return self.student.predict(self._scored(items), now_ms / 1000, tolerance=RESCORE_TOLERANCE)

    def knowledge(self, items: Sequence[ItemRow], now_ms: int) -> list[float]:
        """What the student knows: p(correct) tomorrow, from each item's own answers. Tomorrow, because an
        item answered minutes ago is recalled now whether it was learned or not; from its own answers,
        because otherwise every item the population does not know would get the same number."""
        with one_thread():
            return [float(p) for p in self.student.predict(self._scored(items), now_ms / 1000 + DAY_S)]

    def curve_after(self, item: ItemRow, extra: Sequence[tuple[int, int, int | None]]) -> Callable[[int], float]:
        """p(correct) of `item` at any later moment had it also been answered as `extra` says ((answered_ms,
        correct, grade) each, after its logged answers): a function of time in ms. An item's memory comes
        from its own answers and the student's adapted parameters, so a student holding only this item's
        memory state and this student's parameters predicts the item exactly as the student's own would."""
        from studyapp.learner.runtime import AnswerLog

        info = item_info(item)
        n = len(extra)
        answers = AnswerLog([info], np.zeros(n, dtype=np.int64), np.array([at / 1000 for at, _, _ in extra]),
                            np.array([c for _, c, _ in extra], dtype=np.int64),
                            np.array([g or 0 for _, _, g in extra], dtype=np.int64))
        with one_thread():
            scratch = self.student.item_student(info.key, answers)
            items = self.learner.item_set([info])

        def curve(at_ms: int) -> float:
            with one_thread():
                return float(scratch.predict(items, at_ms / 1000)[0])
        return curve

    def observe(self, item: ItemRow, answer: LoggedAnswer) -> None:
        new = _answer(item_info(item), answer.answered_ms, answer.correct, answer.grade)
        self._session.append((new, answer.id, answer.answered_ms))
        with one_thread():
            self.student.observe(new)
            self.student.adapt()

    def forget_last(self) -> None:
        """Undo: the student as the session found it, with this session's answers but the last."""
        from studyapp.learner.runtime import AnswerLog

        self._session.pop()
        with one_thread():
            self.student = self._start.copy()
            self.student.observe_all(AnswerLog.of([answer for answer, _, _ in self._session]))
            if self.student.n_answers:
                self.student.adapt()

    def _marker(self) -> dict[str, int] | None:
        """The marker to save with the memory tables; None (no tables: the next open rebuilds them) when the
        log up to it is not what the student holds (another process logged answers among these meanwhile)."""
        marker = covers([k for _, k, _ in self._session], [ms for _, _, ms in self._session], self._start_marker)
        if queries.counted_answers_upto(self.db, self.profile_id, marker["last_id"]) != (marker["n"], marker["id_sum"]):
            return None
        return _with_voids(self.db, self.profile_id, marker)

    def save(self) -> None:
        """Keep the adapted state with the memory tables; then, every REFIT_AFTER_ANSWERS answers, refit the
        student's memory curve on the whole log and keep that too (the session's answers are already
        committed: a refit never delays them)."""
        marker = self._marker()
        queries.save_learner_state(self.db, self.profile_id, self.model_id, self.student.state_bytes(marker),
                                   self.student.n_answers)
        if self.student.n_answers - self.student.memory_answers >= REFIT_AFTER_ANSWERS:
            log, read = read_log(self.db, self.profile_id)
            with one_thread():
                rebuilt = self.student.refit_memory(log)
            if rebuilt:  # every memory state now comes from the log as it is
                marker = read
            queries.save_learner_state(self.db, self.profile_id, self.model_id, self.student.state_bytes(marker),
                                       self.student.n_answers)
