"""Optional per-profile PINs for shared classroom laptops, stored as slow salted scrypt hashes."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlite_utils import Database

from studyapp.store.db import StoreError

# scrypt cost: about 50 ms per check on a laptop, so guessing a 4-digit PIN offline takes minutes, not milliseconds.
N, R, P = 2**14, 8, 1


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
        db["profiles"].update(profile_id, {"pin_hash": hash_pin(pin) if pin else None})


def check_profile_pin(profile: dict, pin: str | None) -> None:
    if profile.get("pin_hash") and not (pin and verify_pin(profile["pin_hash"], pin)):
        raise StoreError(f"the profile {profile['name']!r} is protected by a PIN; "
                         + ("that PIN is wrong" if pin else "give it with --pin"))
