"""Class models signed by the teacher's key (Ed25519, `cryptography`), pinned by each student laptop.

The teacher's StudyApp makes a key pair once (the private key in the teacher's data folder, readable by the
teacher alone) and signs every class model it writes: the signature covers the model's card, and the card
holds the SHA-256 of the weights, so changing either breaks it. A laptop trusts the key of the first class
model it installs (after the teacher reads out its fingerprint) and from then on refuses a model that is
unsigned, changed after signing, or signed by any other key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from studyapp.classroom.training import ClassroomError
from studyapp.learner.modelfile import card_path

FOLDER = "classroom"
PRIVATE_KEY = "teacher-signing-key.pem"
PINNED_KEY = "trusted-teacher-key.json"
SIGNATURE_FORMAT, SIGNATURE_VERSION = "studyapp-signature", 1
CONTEXT = b"studyapp class model card\x00"  # a signature made for anything else never verifies here
MAX_SIGNATURE_BYTES = 4096


def signature_path(weights: Path) -> Path:
    return Path(weights).with_suffix(".sig")


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public_raw: bytes) -> str:
    """16 hex digits in four groups: short enough to read out to a class, long enough that no one forges it."""
    digest = hashlib.sha256(public_raw).hexdigest()[:16].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def teacher_key(data_dir: Path) -> Ed25519PrivateKey:
    """The teacher's signing key, made on first use and kept private to the user (0600)."""
    path = Path(data_dir) / FOLDER / PRIVATE_KEY
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        partial = path.with_name(path.name + ".part")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise ClassroomError(f"the signing key {path} cannot be read ({exc.__class__.__name__}); restore it from "
                             "a backup (a new key would not be trusted by the class's laptops)") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ClassroomError(f"the signing key {path} is not an Ed25519 key")
    return key


def teacher_fingerprint(data_dir: Path) -> str:
    return fingerprint(_raw(teacher_key(data_dir).public_key()))


def sign_model(weights: Path, key: Ed25519PrivateKey) -> str:
    """Write the signature beside the model; returns the key's fingerprint."""
    card = card_path(weights).read_bytes()
    public = _raw(key.public_key())
    record = {"format": SIGNATURE_FORMAT, "version": SIGNATURE_VERSION,
              "public_key": base64.b64encode(public).decode(),
              "signature": base64.b64encode(key.sign(CONTEXT + card)).decode()}
    signature_path(weights).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return fingerprint(public)


def _read_signature(weights: Path) -> tuple[bytes, bytes]:
    path = signature_path(weights)
    unsigned = ClassroomError(f"{weights} is not signed (no valid {path.name} beside it); only a class model "
                              "written by your teacher's StudyApp is installed")
    try:
        if path.stat().st_size > MAX_SIGNATURE_BYTES:
            raise unsigned
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("format") != SIGNATURE_FORMAT or record.get("version") != SIGNATURE_VERSION:
            raise unsigned
        public, signature = base64.b64decode(record["public_key"]), base64.b64decode(record["signature"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise unsigned from None
    if len(public) != 32 or len(signature) != 64:
        raise unsigned
    return public, signature


def pinned_key(data_dir: Path) -> bytes | None:
    """The teacher's public key this laptop trusts, or None before the first class model."""
    path = Path(data_dir) / FOLDER / PINNED_KEY
    try:
        return base64.b64decode(json.loads(path.read_text(encoding="utf-8"))["public_key"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        raise ClassroomError(f"the trusted teacher key {path} is damaged; delete it to trust the next class "
                             "model's key (check its fingerprint with your teacher)") from None


def pin_key(data_dir: Path, public_raw: bytes) -> None:
    path = Path(data_dir) / FOLDER / PINNED_KEY
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps({"public_key": base64.b64encode(public_raw).decode(),
                                   "fingerprint": fingerprint(public_raw)}) + "\n", encoding="utf-8")
    os.replace(partial, path)


def verify_model(weights: Path, trusted: bytes | None) -> bytes:
    """The signer's public key when `weights` carries a valid signature by `trusted` (None: any key, the first
    model a laptop sees); ClassroomError in one sentence otherwise."""
    public, signature = _read_signature(weights)
    if trusted is not None and public != trusted:
        raise ClassroomError(f"{weights} is signed by another key ({fingerprint(public)}), not by your teacher's "
                             f"({fingerprint(trusted)}); it was not installed")
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, CONTEXT + card_path(weights).read_bytes())
    except (InvalidSignature, OSError, ValueError):
        raise ClassroomError(f"{weights} was changed after it was signed (its signature does not match); "
                             "it was not installed") from None
    return public
