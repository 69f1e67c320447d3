"""A profile's answers per item and its answer times, read from the log as arrays: a long history opens
without one Python object per answer.

Each item's answers are an ItemAnswers sequence over shared columns; an answer becomes a LoggedAnswer only
when a policy looks at it (most look at an item's first or last answer, or today's), and the sequence turns
into a plain list the first time the session changes it (an answer logged or taken back).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, MutableSequence, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, overload

import numpy as np
import numpy.typing as npt
from sqlite_utils import Database

from studyapp.store import queries
from studyapp.store.queries import LoggedAnswer
from studyapp.study.selection import AnswerTimes

READ_CHUNK = 65_536  # rows per fetch: the chunk's tuples are the only per-answer Python objects, briefly
NO_GRADE = -1        # how answer_columns gives a NULL grade


@dataclass(frozen=True)
class Columns:
    """Answers as arrays (id, time, right or wrong, grade or NO_GRADE), each item's answers contiguous."""

    ids: npt.NDArray[np.int64]
    answered_ms: npt.NDArray[np.int64]
    correct: npt.NDArray[np.int8]
    grade: npt.NDArray[np.int8]


class ItemAnswers(MutableSequence[LoggedAnswer]):
    """One item's answers, oldest first: rows start..stop of `columns`, as LoggedAnswer on reading."""

    def __init__(self, item_id: int, columns: Columns, start: int, stop: int) -> None:
        self.item_id, self._columns, self._start, self._stop = item_id, columns, start, stop
        self._list: list[LoggedAnswer] | None = None

    def _at(self, row: int) -> LoggedAnswer:
        c = self._columns
        grade = int(c.grade[row])
        return LoggedAnswer(int(c.ids[row]), self.item_id, int(c.answered_ms[row]), int(c.correct[row]),
                            None if grade == NO_GRADE else grade)

    def _materialised(self) -> list[LoggedAnswer]:
        if self._list is None:
            self._list = list(self)
        return self._list

    def __len__(self) -> int:
        return len(self._list) if self._list is not None else self._stop - self._start

    @overload
    def __getitem__(self, index: int) -> LoggedAnswer: ...
    @overload
    def __getitem__(self, index: slice) -> list[LoggedAnswer]: ...

    def __getitem__(self, index: int | slice) -> LoggedAnswer | list[LoggedAnswer]:
        if self._list is not None:
            return self._list[index]
        n = self._stop - self._start
        if isinstance(index, slice):
            return [self._at(self._start + k) for k in range(*index.indices(n))]
        k = index + n if index < 0 else index
        if not 0 <= k < n:
            raise IndexError("answer index out of range")
        return self._at(self._start + k)

    def __iter__(self) -> Iterator[LoggedAnswer]:
        if self._list is not None:
            return iter(self._list)
        return (self._at(row) for row in range(self._start, self._stop))

    @overload
    def __setitem__(self, index: int, value: LoggedAnswer) -> None: ...
    @overload
    def __setitem__(self, index: slice, value: Iterable[LoggedAnswer]) -> None: ...

    def __setitem__(self, index: int | slice, value: LoggedAnswer | Iterable[LoggedAnswer]) -> None:
        self._materialised()[index] = value  # type: ignore[index,assignment]  # list checks the pairing

    def __delitem__(self, index: int | slice) -> None:
        del self._materialised()[index]

    def insert(self, index: int, value: LoggedAnswer) -> None:
        self._materialised().insert(index, value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list

    def __repr__(self) -> str:
        return f"ItemAnswers({list(self)!r})"


@dataclass(frozen=True)
class Log:
    """A profile's counted answers as columns (answer_columns' rows), oldest first: 30 bytes an answer."""

    ids: npt.NDArray[np.int64]
    item_ids: npt.NDArray[np.int64]
    answered_ms: npt.NDArray[np.int64]
    correct: npt.NDArray[np.int8]
    grade: npt.NDArray[np.int8]
    response_ms: npt.NDArray[np.int32]


_DTYPES = (np.int64, np.int64, np.int64, np.int8, np.int8, np.int32)


def read_log(db: Database, profile_id: int) -> Log:
    """The profile's counted answers, fetched in parts and kept as narrow columns. One pass over the log
    serves both the history and the answer times: on a long log the pass is the cost."""
    parts: list[list[npt.NDArray[Any]]] = [[np.zeros(0, dtype)] for dtype in _DTYPES]
    cursor = queries.answer_columns(db, profile_id)
    while chunk := cursor.fetchmany(READ_CHUNK):
        # fromiter over the flattened rows: about twice as fast as np.array over the tuples.
        block = np.fromiter(chain.from_iterable(chunk), np.int64, len(chunk) * len(_DTYPES)).reshape(-1, len(_DTYPES))
        del chunk
        for k, (part, dtype) in enumerate(zip(parts, _DTYPES)):
            # A response time outside 0..int32 (24 days) is clipped: answer times count only those above 0,
            # and at most a minute.
            column = np.clip(block[:, k], 0, np.iinfo(np.int32).max) if dtype is np.int32 else block[:, k]
            part.append(column.astype(dtype))
    return Log(*(np.concatenate(part) for part in parts))


def history_of(log: Log, item_ids: Collection[int] | None = None) -> dict[int, MutableSequence[LoggedAnswer]]:
    """The answers of `log` (to `item_ids` if given) per answered item, oldest first."""
    kept = (np.arange(len(log.ids)) if item_ids is None else
            np.flatnonzero(np.isin(log.item_ids, np.fromiter(item_ids, np.int64, len(item_ids)))))
    # A stable sort by item keeps each item's answers in the log's order (time, then id); only the columns
    # the answers need are copied, once.
    order = kept[np.argsort(log.item_ids[kept], kind="stable")]
    del kept
    columns = Columns(log.ids[order], log.answered_ms[order], log.correct[order], log.grade[order])
    by_item = log.item_ids[order]
    del order
    starts = np.flatnonzero(np.diff(by_item, prepend=-1))
    stops = np.append(starts[1:], len(by_item))
    return {item_id: ItemAnswers(item_id, columns, start, stop)
            for item_id, start, stop in zip(by_item[starts].tolist(), starts.tolist(), stops.tolist())}


def answer_times_of(db: Database, log: Log) -> AnswerTimes:
    """The student's AnswerTimes from the response times in `log`, by the kind of their item."""
    timed = log.response_ms > 0
    item_ids, correct, response_ms = log.item_ids[timed], log.correct[timed], log.response_ms[timed]
    del timed
    kinds_by_id = queries.item_kinds(db)
    names = sorted(set(kinds_by_id.values()))
    code = {name: k for k, name in enumerate(names)}
    ids = np.fromiter(kinds_by_id, np.int64, len(kinds_by_id))
    lookup = np.full(int(ids.max(initial=0)) + 1, -1, np.int16)  # a handful of kinds
    lookup[ids] = np.fromiter((code[kinds_by_id[i]] for i in ids.tolist()), np.int16, len(ids))
    # An answer whose item row is gone does not count (answers_with_items joins the items).
    known = item_ids < len(lookup)
    kind_of = np.full(len(item_ids), -1, np.int16)
    kind_of[known] = lookup[item_ids[known]]
    kept = kind_of >= 0
    return AnswerTimes.from_columns(names, kind_of[kept], correct[kept] != 0, response_ms[kept].astype(np.int64))


def read_history(db: Database, profile_id: int) -> dict[int, MutableSequence[LoggedAnswer]]:
    """The profile's counted answers per answered item, oldest first (answer_history's)."""
    return history_of(read_log(db, profile_id))
