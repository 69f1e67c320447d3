"""Size caps on the files we import, checked before a byte is read (a file may also grow while it is read)."""

from __future__ import annotations

from pathlib import Path

from studyapp.content.model import ContentError
from studyapp.content.problems import Code

MAX_DELIMITED_BYTES = 64 << 20  # CSV/TSV/Mnemosyne text: a million rows of flashcards fit easily
MAX_DECK_BYTES = 16 << 20       # a hand-written .deck.toml: far more than a teacher types


def read_capped(path: Path, cap: int) -> bytes:
    """The bytes of `path`, refused with one sentence when it is (or grows) larger than `cap`."""
    path = Path(path)
    too_large = ContentError(Code.TOO_LARGE, str(path), cap >> 20)
    try:
        if path.stat().st_size > cap:
            raise too_large
        with open(path, "rb") as handle:
            data = handle.read(cap + 1)
    except FileNotFoundError:
        raise ContentError(Code.FILE_MISSING, str(path)) from None
    except IsADirectoryError:
        raise ContentError(Code.IS_A_FOLDER, str(path)) from None
    except OSError as exc:
        raise ContentError(Code.UNREADABLE, str(path), str(exc.strerror)) from None
    if len(data) > cap:
        raise too_large
    return data
