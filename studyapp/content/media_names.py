"""The one rule for a media file name: a plain file name inside the media folder on every platform.

Readers (Anki packages, decks), writers (Anki export) and the store's importer (just before the
filesystem) all ask this module, so a name that one of them refuses is refused by all.
"""

from __future__ import annotations

from studyapp.content.model import ContentError
from studyapp.content.problems import Code, Problem

MAX_NAME_BYTES = 255  # the longest file name common filesystems store
# Names Windows maps to devices whatever their extension ("nul.png" opens the null device).
WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{n}" for n in "0123456789¹²³"} | {f"LPT{n}" for n in "0123456789¹²³"}
)


def media_name_problem(name: str) -> Problem | None:
    """Why `name` cannot be a media file name, or None when it is a plain, portable file name."""
    if not name or not name.strip():
        return Problem(Code.NAME_EMPTY)
    if name in (".", ".."):
        return Problem(Code.NAME_IS_FOLDER)
    if any(ch in name for ch in "/\\"):
        return Problem(Code.NAME_SEPARATOR)
    if ":" in name:
        return Problem(Code.NAME_COLON)
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return Problem(Code.NAME_CONTROL)
    if name != name.strip() or name.endswith("."):
        return Problem(Code.NAME_SPACE_OR_DOT)
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return Problem(Code.NAME_TOO_LONG, (MAX_NAME_BYTES,))
    if name.split(".")[0].rstrip().upper() in WINDOWS_DEVICES:
        return Problem(Code.NAME_DEVICE)
    return None


def is_safe_media_name(name: str) -> bool:
    return media_name_problem(name) is None


def check_media_name(name: str) -> str:
    """`name` itself, or ContentError in one sentence naming it."""
    problem = media_name_problem(name)
    if problem:
        raise ContentError(Code.MEDIA_NAME_NOT_ALLOWED, repr(name), problem)
    return name
