"""Size caps on the files we import, checked before a byte is read (a file may also grow while it is read)."""

from __future__ import annotations

from pathlib import Path

from studyapp.content.model import ContentError

MAX_DELIMITED_BYTES = 64 << 20  # CSV/TSV/Mnemosyne text: a million rows of flashcards fit easily
MAX_DECK_BYTES = 16 << 20       # a hand-written .deck.toml: far more than a teacher types


def read_capped(path: Path, cap: int) -> bytes:
    """The bytes of `path`, refused with one sentence when it is (or grows) larger than `cap`."""
    path = Path(path)
    too_large = ContentError(f"{path} is larger than {cap >> 20} MB; it was not imported")
    try:
        if path.stat().st_size > cap:
            raise too_large
        with open(path, "rb") as handle:
            data = handle.read(cap + 1)
    except FileNotFoundError:
        raise ContentError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise ContentError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise ContentError(f"{path} cannot be read ({exc.strerror})") from None
    if len(data) > cap:
        raise too_large
    return data
