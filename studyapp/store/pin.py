"""Optional per-profile PINs for shared classroom laptops, stored as slow salted scrypt hashes.

A PIN keeps students on one laptop out of each other's profiles; it does not encrypt anything. Wrong PINs
slow further tries down (the count is kept in the database, so restarting the program does not reset it).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from pathlib import Path
from typing import Any, Callable

from sqlite_utils import Database

from studyapp.store.db import StoreError, connect

# scrypt cost: about 50 ms per check on a laptop, so guessing a 4-digit PIN offline takes minutes, not milliseconds.
N, R, P = 2**14, 8, 1
# Wrong PINs allowed before the delay starts; the delay then doubles with each one, up to the cap.
FREE_TRIES, MAX_DELAY_S = 3, 300
FAILURES_KEY = "pin_failures:{}"


def _hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)


def hash_pin(pin: str) -> str:
    if not 4 <= len(pin) <= 32:
        raise StoreError("a PIN must have 4 to 32 characters")
    salt = secrets.token_bytes(16)
    return f"scrypt${N}${R}${P}${salt.hex()}${_hash(pin, salt, N, R, P).hex()}"


def verify_pin(stored: str, pin: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        return hmac.compare_digest(_hash(pin, bytes.fromhex(salt), int(n), int(r), int(p)), bytes.fromhex(digest))
    except ValueError:
        return False


def set_pin(db: Database, profile_id: int, pin: str | None) -> None:
    """Set, change or (with None) remove a profile's PIN."""
    with db.atomic():
        db.table("profiles").update(profile_id, {"pin_hash": hash_pin(pin) if pin else None})
        _record_failures(db, profile_id, 0, 0)


def delay_after(failures: int) -> int:
    """Seconds to wait before the next try after `failures` wrong PINs in a row."""
    return 0 if failures < FREE_TRIES else min(2 ** (failures - FREE_TRIES), MAX_DELAY_S)


def _failures(db: Database, profile_id: int) -> tuple[int, int]:
    row = next(db.query("SELECT value FROM app_meta WHERE key = ?", [FAILURES_KEY.format(profile_id)]), None)
    try:
        data = json.loads(row["value"]) if row else {}
        return int(data.get("count", 0)), int(data.get("last_ms", 0))
    except (ValueError, TypeError, AttributeError):
        return 0, 0


def _record_failures(db: Database, profile_id: int, count: int, last_ms: int) -> None:
    db.table("app_meta").upsert({"key": FAILURES_KEY.format(profile_id),
                           "value": json.dumps({"count": count, "last_ms": last_ms})}, pk="key")


def try_pin(db: Database, profile: dict[str, Any], pin: str | None, now_ms: int | None = None) -> bool:
    """Whether `pin` opens the profile. Raises StoreError, without checking, while the delay after earlier
    wrong PINs runs; a wrong PIN lengthens it, a right one clears it."""
    if not profile.get("pin_hash"):
        return True
    now_ms = int(time.time() * 1000) if now_ms is None else now_ms
    count, last_ms = _failures(db, profile["id"])
    wait_s = (last_ms + delay_after(count) * 1000 - now_ms + 999) // 1000
    if wait_s > 0:
        raise StoreError(f"too many wrong PINs for {profile['name']!r}: wait {wait_s} s before trying again")
    right = bool(pin and verify_pin(profile["pin_hash"], pin))
    if right or pin:  # an empty answer is no guess: it neither counts nor clears
        with db.atomic():
            _record_failures(db, profile["id"], 0 if right else count + 1, 0 if right else now_ms)
    return right


def check_profile_pin(db: Database, profile: dict[str, Any], pin: str | None) -> None:
    """Raise StoreError unless `pin` opens the profile."""
    if not try_pin(db, profile, pin):
        raise StoreError(f"the profile {profile['name']!r} is protected by a PIN; "
                         + ("that PIN is wrong" if pin else "type it when asked, or set STUDYAPP_PIN"))


def pin_checker(db_path: Path, ask: Callable[[str], str | None]) -> Callable[[list[tuple[int, str, str]]], None]:
    """For a restore: asks (`ask(profile name)`) and checks the PIN of each protected profile it would overwrite,
    on a connection of its own that is closed again before the restore swaps the file."""
    def check(protected: list[tuple[int, str, str]]) -> None:
        if not protected:
            return
        db = connect(db_path)
        try:
            for profile_id, name, pin_hash in protected:
                check_profile_pin(db, {"id": profile_id, "name": name, "pin_hash": pin_hash}, ask(name))
        finally:
            db.close()
    return check
