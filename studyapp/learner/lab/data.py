"""Answer logs for training and evaluation: the shared event CSV, Anki/py-fsrs review logs, quiz response files."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from studyapp.content.model import correct_of


class DataError(ValueError):
    """Input that cannot be used; the message is one sentence naming the file and the problem."""


@dataclass
class StudentLog:
    """One student's answers in time order."""

    student_id: str
    items: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)  # seconds
    correct: list[int] = field(default_factory=list)
    grades: list[int | None] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    n_options: list[int] = field(default_factory=list)

    def add(self, item: str, t: float, correct: int, grade: int | None = None, kind: str = "",
            n_options: int = 0) -> None:
        self.items.append(item)
        self.times.append(float(t))
        self.correct.append(int(correct))
        self.grades.append(grade)
        self.kinds.append(kind)
        self.n_options.append(n_options)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> StudentLog:
        order = sorted(range(len(self)), key=lambda k: self.times[k])
        out = StudentLog(self.student_id)
        for k in order:
            out.add(self.items[k], self.times[k], self.correct[k], self.grades[k], self.kinds[k], self.n_options[k])
        return out


# One answer read from a review file: student, item, time (s), correct, grade, item kind, options.
ReviewRow = tuple[str, str, float, int, int | None, str, int]
EVENT_KIND_TO_ITEM_KIND = {"flashcard": "basic", "choice": "choice", "typed": "typed",
                           "truefalse": "truefalse", "cloze": "cloze"}


def _parse_time(text: str, path: Path, line: int) -> float:
    text = text.strip()
    if text.lstrip("-").isdigit():
        return int(text) / 1000.0
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise DataError(f"{path}, line {line}: the timestamp {text!r} is neither ISO-8601 "
                        "nor Unix milliseconds") from None
    if stamp.tzinfo is None:
        raise DataError(f"{path}, line {line}: the timestamp {text!r} has no UTC offset")
    return stamp.timestamp()


def _grade(text: str, path: Path, line: int) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if text not in ("1", "2", "3", "4"):
        raise DataError(f"{path}, line {line}: grade {text!r} is not 1-4")
    return int(text)


def read_reviews(path: Path) -> list[StudentLog]:
    """Answer logs: the shared event CSV, the py-fsrs CSV, an Anki revlog CSV, or an Anki .apkg/.colpkg;
    one log per student."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path} does not exist or is not a file")
    if path.suffix.lower() in (".apkg", ".colpkg"):
        return [_anki_package_log(path)]
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = set(reader.fieldnames or [])
        if {"student_id", "item_id", "timestamp", "correct"} <= header:
            row_fn: Callable[[dict[str, str], Path, int], ReviewRow | None] = _event_row
        elif {"card_id", "review_rating", "review_time"} <= header:
            row_fn = _pyfsrs_row
        elif {"id", "cid", "ease", "type"} <= header:
            row_fn = _revlog_row
        else:
            raise DataError(f"{path} is not an event CSV, a py-fsrs review log or an Anki revlog CSV (unknown header)")
        logs: dict[str, StudentLog] = {}
        for line, row in enumerate(reader, start=2):
            parsed = row_fn(row, path, line)
            if parsed is None:
                continue
            student, item, t, correct, grade, kind, n_options = parsed
            logs.setdefault(student, StudentLog(student)).add(item, t, correct, grade, kind, n_options)
    if not logs:
        raise DataError(f"{path} holds no answers")
    return [log.sorted() for log in logs.values()]


def _anki_package_log(path: Path) -> StudentLog:
    """The review log (revlog) of an Anki package or collection export, as one user."""
    from studyapp.content.anki_read import read_anki_package
    from studyapp.content.model import ContentError

    try:
        history = read_anki_package(path).history
    except ContentError as exc:
        raise DataError(f"{path}: {exc}") from None
    if not history:
        raise DataError(f"{path} holds no reviews")
    log = StudentLog("user")
    for row in history:
        log.add(f"{row.item_guid}#{row.item_ord}", row.timestamp_ms / 1000.0, row.correct, row.grade, "basic", 0)
    return log.sorted()


def _event_row(row: dict[str, str], path: Path, line: int) -> ReviewRow:
    correct = (row.get("correct") or "").strip()
    if correct not in ("0", "1"):
        raise DataError(f"{path}, line {line}: correct must be 0 or 1, not {correct!r}")
    kind = EVENT_KIND_TO_ITEM_KIND.get((row.get("kind") or "").strip(), "")
    return (row["student_id"], row["item_id"], _parse_time(row["timestamp"], path, line), int(correct),
            _grade(row.get("grade", ""), path, line), kind, 0)


def _pyfsrs_row(row: dict[str, str], path: Path, line: int) -> ReviewRow:
    grade = _grade(row["review_rating"], path, line)
    if grade is None:
        raise DataError(f"{path}, line {line}: review_rating is empty")
    return ("user", row["card_id"], _parse_time(row["review_time"], path, line), correct_of(grade), grade, "basic", 0)


def _revlog_row(row: dict[str, str], path: Path, line: int) -> ReviewRow | None:
    # Anki revlog type 4 (manual reschedule) and ease 0 or empty are not answers.
    if row.get("type", "").strip() in ("4", "5") or row.get("ease", "").strip() == "0":
        return None
    grade = _grade(row["ease"], path, line)
    if grade is None:
        return None
    return ("user", row["cid"], int(row["id"]) / 1000.0, correct_of(grade), grade, "basic", 0)


# Quiz response files: one list of (item, correct) per student, first answer per distinct item.

def _first_answers(student: str, pairs: Iterable[tuple[str, str | int]]) -> tuple[str, list[tuple[str, int]]]:
    seen: set[str] = set()
    out: list[tuple[str, int]] = []
    for item, correct in pairs:
        if item not in seen:
            seen.add(item)
            out.append((item, int(correct)))
    return student, out


def read_akt(path: Path, with_pid: bool) -> list[tuple[str, list[tuple[str, int]]]]:
    """AKT-style files: 3 lines per student (length, question ids, correctness) or 4 with problem ids (akt-pid)."""
    path = Path(path)
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    width = 4 if with_pid else 3
    if len(lines) % width:
        raise DataError(f"{path} does not hold {width} lines per student")
    students = []
    for k in range(0, len(lines), width):
        head = lines[k].split(",")
        items = lines[k + 1].split(",")
        correct = lines[k + width - 1].split(",")
        if len(items) != len(correct) or any(c not in ("0", "1") for c in correct):
            raise DataError(f"{path}, line {k + 2}: item and correctness lists do not match")
        student = head[-1] if with_pid else f"{path.stem}:{k // width}"
        # Consecutive duplicates are one response tagged with several skills: keep one.
        pairs = [(i, c) for n, (i, c) in enumerate(zip(items, correct))
                 if n == 0 or (i, c) != (items[n - 1], correct[n - 1])]
        students.append(_first_answers(student, pairs))
    return students


def read_akt_skills(path: Path) -> dict[str, str]:
    """Each problem's first skill tag in an akt-pid file (4 lines per student: the third lists skill ids)."""
    path = Path(path)
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if len(lines) % 4:
        raise DataError(f"{path} does not hold 4 lines per student")
    skills: dict[str, str] = {}
    for k in range(0, len(lines), 4):
        items, tags = lines[k + 1].split(","), lines[k + 2].split(",")
        if len(items) != len(tags):
            raise DataError(f"{path}, line {k + 3}: problem and skill lists do not match")
        for item, tag in zip(items, tags):
            skills.setdefault(item, tag)
    return skills


def read_dense(path: Path) -> list[tuple[str, list[tuple[str, int]]]]:
    """A complete student x item 0/1 grid, whitespace separated; item ids are column numbers from 1."""
    path = Path(path)
    try:
        grid = np.loadtxt(path, dtype=np.int64, ndmin=2)
    except ValueError:
        raise DataError(f"{path} is not a whitespace-separated 0/1 grid") from None
    if grid.size == 0 or not np.isin(grid, (0, 1)).all():
        raise DataError(f"{path} is not a 0/1 grid")
    return [(f"{path.stem}:{s}", [(f"Item{j + 1:02d}", int(v)) for j, v in enumerate(row)])
            for s, row in enumerate(grid)]


def read_quiz_jsonl(path: Path, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    path = Path(path)
    out = []
    for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            row = json.loads(text)
        except json.JSONDecodeError:
            raise DataError(f"{path}, line {line}: not valid JSON") from None
        if not isinstance(row, dict) or any(f not in row for f in fields):
            raise DataError(f"{path}, line {line}: needs the fields {', '.join(fields)}")
        out.append(row)
    return out
