"""Driving a StudySession from a terminal: JSON lines for programs, prompts for people."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from studyapp.content.model import SELF_GRADED
from studyapp.study.grading import GradingError
from studyapp.study.session import Presented, StudySession, Summary

GRADE_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def item_message(shown: Presented) -> dict[str, Any]:
    item = shown.item
    message: dict[str, Any] = {
        "item_id": item.id, "key": item.key, "kind": item.kind, "prompt": item.prompt,
        "reason": shown.reason.text, "reason_code": str(shown.reason.code), "predicted": shown.predicted,
        "number": shown.number,
    }
    if item.options:
        message["options"] = item.options
    if item.kind == "truefalse":
        message["options"] = ["true", "false"]
    if item.hint:
        message["hint"] = item.hint
    return message


def summary_message(summary: Summary) -> dict[str, Any]:
    return {"answers": summary.answers, "correct": summary.correct, "accuracy": round(summary.accuracy, 3),
            "minutes": round(summary.minutes, 2), "new_items": summary.new_items, "improved": summary.improved}


def _write(out: TextIO, message: dict[str, Any]) -> None:
    out.write(json.dumps(message, ensure_ascii=False) + "\n")
    out.flush()


def run_script(session: StudySession, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """One JSON line per presented item; one answer per input line; `logged: true` only after the commit."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    while (shown := session.next_item()) is not None:
        _write(stdout, item_message(shown))
        line = stdin.readline()
        if not line:
            break
        try:
            outcome = session.submit(line.rstrip("\n"))
        except GradingError as exc:
            _write(stdout, {"logged": False, "error": str(exc)})
            continue
        _write(stdout, {"logged": True, "answer_id": outcome.answer_id, "item_id": outcome.item.id,
                        "correct": outcome.correct, "grade": outcome.grade.grade, "expected": outcome.expected})
    done = {"done": True, "summary": summary_message(session.finish())}
    report = session.test_report()
    if report is not None:
        done["test"] = report.to_dict()
    _write(stdout, done)
    return 0


def _ask(prompt: str) -> str | None:
    try:
        return input(prompt)
    except EOFError:
        return None


def run_human(session: StudySession) -> int:
    """A plain terminal study loop: u undoes the last answer, q quits."""
    print("Studying. Type q to stop, u to undo the last answer.\n")
    while (shown := session.next_item()) is not None:
        item = shown.item
        print(f"— {shown.reason.text}")
        print(item.prompt)
        if item.kind in SELF_GRADED:
            if (_ask("[Enter] to show the answer ") or "").strip().lower() == "q":
                break
            print(f"  {item.answer}")
            question = "Grade 1 Again, 2 Hard, 3 Good, 4 Easy: "
        else:
            for n, option in enumerate(item.options or (["true", "false"] if item.kind == "truefalse" else []), 1):
                print(f"  {n}. {option}")
            question = "Your answer: "
        response = _ask(question)
        if response is None or response.strip().lower() == "q":
            break
        if response.strip().lower() == "u":
            session.undo()
            continue
        try:
            outcome = session.submit(response)
        except GradingError as exc:
            print(f"  {exc}")
            continue
        if item.kind not in SELF_GRADED:
            print("  Right!" if outcome.correct else f"  Not quite: {outcome.expected}")
            if not outcome.correct and item.explanation:
                print(f"  {item.explanation}")
        print()
    summary = session.finish()
    print(f"Done: {summary.answers} answer(s), {summary.accuracy:.0%} right, {summary.minutes:.1f} min.")
    report = session.test_report()
    if report is not None:
        print("\n".join(report.lines()))
    return 0
