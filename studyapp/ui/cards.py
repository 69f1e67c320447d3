"""What the study screen needs about an item, built in the worker thread (no Qt, may read the disk)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.content.html_sanitize import image_sources
from studyapp.content.media_names import is_safe_media_name
from studyapp.content.model import SELF_GRADED
from studyapp.paths import media_dir
from studyapp.study.grading import answer_diff

if TYPE_CHECKING:  # the session module pulls in sqlite-utils, which the GUI thread does not import
    from studyapp.study.session import Outcome, Presented, StudySession, Summary

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg")
SOUND_SUFFIXES = (".mp3", ".ogg", ".wav", ".m4a", ".opus", ".flac")


@dataclass(frozen=True)
class CardView:
    presented: Presented
    intervals: dict[int, int] = field(default_factory=dict)  # flashcards: grade -> next interval in ms
    images: list[bytes] = field(default_factory=list)
    sounds: list[str] = field(default_factory=list)          # absolute paths, played by the GUI's media player
    missing: list[str] = field(default_factory=list)         # media names the item refers to that are not there
    can_undo: bool = False                                   # an answer of this session can be taken back
    media_folder: Path | None = None                         # where the rich-text views may load inline images

    @property
    def item(self):
        return self.presented.item


@dataclass(frozen=True)
class AnswerView:
    outcome: Outcome
    diff: list[tuple[str, str]]      # typed answers: how the response differs from the expected one
    next_card: CardView | None       # already chosen, so the GUI shows it without another round trip


@dataclass(frozen=True)
class SummaryView:
    summary: Summary
    mode: str
    report: object = None   # the adaptive test's TestReport (mastery per deck and skill), for a test session
    can_undo: bool = False  # Ctrl+Z on the summary takes the last answer back and reopens the session


def card_view(session: StudySession, shown: Presented | None, data_dir: Path) -> CardView | None:
    if shown is None:
        return None
    images, sounds, missing = [], [], []
    folder = media_dir(data_dir)
    item = shown.item
    # Pictures inside the texts are drawn there (the answer's only once it is shown); the row below the
    # prompt shows the others, such as a native deck's `media = [...]`.
    inline = {name for text in (item.prompt, item.answer, item.hint, item.explanation) for name in image_sources(text)}
    for name in item.media:
        path = folder / name
        if not is_safe_media_name(name) or not path.is_file():
            missing.append(name)
        elif path.suffix.lower() in IMAGE_SUFFIXES:
            if name in inline:
                continue
            images.append(path.read_bytes())
        elif path.suffix.lower() in SOUND_SUFFIXES:
            sounds.append(str(path))
        else:
            missing.append(name)
    intervals = session.intervals(shown) if shown.item.kind in SELF_GRADED else {}
    return CardView(shown, intervals, images, sounds, missing, session.can_undo, folder)


def answer_view(session: StudySession, outcome: Outcome, data_dir: Path) -> AnswerView:
    kind = outcome.item.kind
    diff = answer_diff(outcome.grade.given, outcome.item.answer) if kind in ("typed", "cloze") else []
    return AnswerView(outcome, diff, card_view(session, session.next_item(), data_dir))
