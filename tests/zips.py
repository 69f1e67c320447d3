"""Zip files altered as someone tampering with them would: members read, replaced, added or removed.

The tests of every zip-based format (assignments, class bundles, Anki packages) import these; the test folders
are on sys.path, as pytest puts them there for their conftest.py files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path


def members(zipped: Path | bytes) -> dict[str, bytes]:
    """Every member of a zip (a file, or its bytes) by name, in the zip's order."""
    with zipfile.ZipFile(io.BytesIO(zipped) if isinstance(zipped, bytes) else zipped) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezipped(zipped: Path | bytes, changed: dict[str, bytes | None],
             compression: int = zipfile.ZIP_STORED) -> bytes:
    """The zip's bytes with the `changed` members replaced in place or added at the end (None: removed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in (members(zipped) | changed).items():
            if data is not None:
                archive.writestr(name, data)
    return buffer.getvalue()


def rewrite(path: Path, changed: dict[str, bytes | None], out: Path | None = None,
            compression: int = zipfile.ZIP_STORED) -> Path:
    """The zip file at `path` rewritten with the `changed` members (see `rezipped`), over itself or to `out`."""
    target = path if out is None else out
    target.write_bytes(rezipped(path, changed, compression))
    return target
