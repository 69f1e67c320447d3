"""Just enough protobuf decoding for the small messages inside Anki packages.

Anki stores its package metadata, media list, note type, template and deck settings as
protobuf. We only need a handful of fields, so a varint / length-delimited reader suffices
and keeps protobuf out of our dependencies.
"""

from __future__ import annotations

from collections.abc import Iterator

VARINT, FIXED64, LENGTH, FIXED32 = 0, 1, 2, 5


class ProtoError(ValueError):
    """Bytes that are not a well-formed protobuf message."""


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data):
            raise ProtoError("truncated varint")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise ProtoError("varint longer than 10 bytes")


def fields(data: bytes) -> Iterator[tuple[int, int, int | bytes]]:
    """(field number, wire type, value) for each field; value is an int or the raw bytes."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        value: int | bytes
        if wire == VARINT:
            value, pos = _varint(data, pos)
        elif wire in (FIXED64, FIXED32):
            size = 8 if wire == FIXED64 else 4
            if pos + size > len(data):
                raise ProtoError("truncated fixed-width field")
            value, pos = int.from_bytes(data[pos:pos + size], "little"), pos + size
        elif wire == LENGTH:
            size, pos = _varint(data, pos)
            if pos + size > len(data):
                raise ProtoError("truncated length-delimited field")
            value, pos = bytes(data[pos:pos + size]), pos + size
        else:
            raise ProtoError(f"unsupported wire type {wire}")
        yield number, wire, value


def decode(data: bytes) -> dict[int, list[int | bytes]]:
    """All values of each field number, in order (repeated fields give several)."""
    out: dict[int, list[int | bytes]] = {}
    for number, _wire, value in fields(data):
        out.setdefault(number, []).append(value)
    return out


def first_int(message: dict[int, list[int | bytes]], number: int, default: int = 0) -> int:
    values = [v for v in message.get(number, []) if isinstance(v, int)]
    return values[-1] if values else default  # protobuf: the last value of a scalar wins


def first_bytes(message: dict[int, list[int | bytes]], number: int) -> bytes:
    values = [v for v in message.get(number, []) if isinstance(v, bytes)]
    return values[-1] if values else b""


def first_str(message: dict[int, list[int | bytes]], number: int) -> str:
    try:
        return first_bytes(message, number).decode("utf-8")
    except UnicodeDecodeError:
        raise ProtoError(f"field {number} is not UTF-8 text") from None



# Field numbers of the messages we read, named after Anki's .proto definitions (numbers only, no copied text).
META_VERSION = 1                  # PackageMetadata.version
MEDIA_ENTRIES = 1                 # MediaEntries.entries (repeated MediaEntry)
MEDIA_ENTRY_NAME = 1              # MediaEntry.name
MEDIA_ENTRY_LEGACY_MEMBER = 255   # MediaEntry.legacy_zip_filename (the zip member, when not the entry's index)
TEMPLATE_QUESTION = 1             # CardTemplate.Config.q_format
TEMPLATE_ANSWER = 2               # CardTemplate.Config.a_format
NOTETYPE_KIND = 1                 # Notetype.Config.kind (1: cloze)
NOTETYPE_KIND_CLOZE = 1
DECK_KIND_NORMAL = 1              # Deck.kind: the normal (not filtered) deck
DECK_NORMAL_DESCRIPTION = 4       # Deck.Normal.description
