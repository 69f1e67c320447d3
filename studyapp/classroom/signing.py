"""What the teacher sends the class, signed by the teacher's key (Ed25519, `cryptography`), pinned by each laptop.

The teacher's StudyApp makes a key pair once (the private key in the teacher's data folder, readable by the
teacher alone) and signs every class model and class assignment it writes: for a model the signature covers
its card, which holds the SHA-256 of the weights; for an assignment its manifest, which holds the SHA-256 of
every other file in it. Changing any byte breaks it. A laptop trusts the key of the first signed file it takes
in (after the teacher reads out its fingerprint) and from then on refuses one that is unsigned, changed after
signing, or signed by any other key. Each kind of file signs under its own context, so a signature made for
one never verifies as the other.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.classroom.errors import ClassroomError

# cryptography is imported by the functions that sign or verify: listing assignments on the deck screen imports
# this module, and cryptography's import (20-30 ms) held the first card back.
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FOLDER = "classroom"
PRIVATE_KEY = "teacher-signing-key.pem"
PINNED_KEY = "trusted-teacher-key.json"
SIGNATURE_FORMAT, SIGNATURE_VERSION = "studyapp-signature", 1
CONTEXT = b"studyapp class model card\x00"  # a signature made for anything else never verifies here
MAX_SIGNATURE_BYTES = 4096


class SignatureProblem(ClassroomError):
    """Why a signature was refused: `kind` is "unsigned", "other_key" (`signer` is the key that signed) or
    "changed"; the caller says it in its own words."""

    def __init__(self, kind: str, signer: bytes | None = None) -> None:
        super().__init__(kind)
        self.kind, self.signer = kind, signer



def _card_bytes(weights: Path) -> bytes:
    """The model card that a model's signature covers. Imported here: the model file module brings torch, which
    checking an assignment or listing assignments must not wait for."""
    from studyapp.learner.modelfile import card_path

    return card_path(weights).read_bytes()

def signature_path(weights: Path) -> Path:
    return Path(weights).with_suffix(".sig")


def _raw(public: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public_raw: bytes) -> str:
    """16 hex digits in four groups: short enough to read out to a class, long enough that no one forges it."""
    digest = hashlib.sha256(public_raw).hexdigest()[:16].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def teacher_key(data_dir: Path) -> Ed25519PrivateKey:
    """The teacher's signing key, made on first use and kept private to the user (0600)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

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


def signature_record(key: Ed25519PrivateKey, context: bytes, data: bytes) -> str:
    """The signature of `data` under `context`, with the signer's public key, as the JSON text kept beside it."""
    record = {"format": SIGNATURE_FORMAT, "version": SIGNATURE_VERSION,
              "public_key": base64.b64encode(_raw(key.public_key())).decode(),
              "signature": base64.b64encode(key.sign(context + data)).decode()}
    return json.dumps(record, indent=1) + "\n"


def check_signature(record: bytes | None, context: bytes, data: bytes, trusted: bytes | None) -> bytes:
    """The signer's public key when `record` (signature_record's text; None: there is none) signs `data` under
    `context` with `trusted` (None: any key, the first signed file a laptop sees); SignatureProblem otherwise."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if record is None or len(record) > MAX_SIGNATURE_BYTES:
        raise SignatureProblem("unsigned")
    try:
        fields = json.loads(record.decode("utf-8"))
        if fields.get("format") != SIGNATURE_FORMAT or fields.get("version") != SIGNATURE_VERSION:
            raise SignatureProblem("unsigned")
        public, signature = base64.b64decode(fields["public_key"]), base64.b64decode(fields["signature"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SignatureProblem("unsigned") from None
    if len(public) != 32 or len(signature) != 64:
        raise SignatureProblem("unsigned")
    if trusted is not None and public != trusted:
        raise SignatureProblem("other_key", public)
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, context + data)
    except (InvalidSignature, ValueError):
        raise SignatureProblem("changed") from None
    return public


def sign_model(weights: Path, key: Ed25519PrivateKey) -> str:
    """Write the signature beside the model; returns the key's fingerprint."""
    signature_path(weights).write_text(signature_record(key, CONTEXT, _card_bytes(weights)),
                                       encoding="utf-8")
    return fingerprint(_raw(key.public_key()))


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
    path = signature_path(weights)
    changed = ClassroomError(f"{weights} was changed after it was signed (its signature does not match); "
                             "it was not installed")
    try:
        record = path.read_bytes() if path.stat().st_size <= MAX_SIGNATURE_BYTES else None
    except OSError:
        record = None
    try:
        return check_signature(record, CONTEXT, _card_bytes(weights), trusted)
    except OSError:
        raise changed from None
    except SignatureProblem as problem:
        if problem.kind == "unsigned":
            raise ClassroomError(f"{weights} is not signed (no valid {path.name} beside it); only a class model "
                                 "written by your teacher's StudyApp is installed") from None
        if problem.kind == "other_key" and problem.signer is not None and trusted is not None:
            raise ClassroomError(f"{weights} is signed by another key ({fingerprint(problem.signer)}), not by your "
                                 f"teacher's ({fingerprint(trusted)}); it was not installed") from None
        raise changed from None
