"""The class model on a student's laptop: checked, installed in the data dir, rolled back; profiles re-adapted.

<data_dir>/models/class/learner.safetensors (+ .json card, .sig signature) is the model in use when present, else
the shipped one. The model it replaced waits in models/previous/ (absent: the shipped model); `rollback` swaps the two.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from studyapp.classroom.errors import ClassroomError
from studyapp.classroom.plausibility import check_plausible
from studyapp.classroom.signing import fingerprint, pin_key, pinned_key, signature_path, verify_model
from studyapp.learner.modelfile import MODEL_NAME, card_path, read_model
from studyapp.paths import active_class_model, class_models_dir

MAX_MODEL_BYTES = 64 * 2**20
MAX_CARD_BYTES = 64 * 2**20
SUFFIX = ".safetensors"
ACTIVE, PREVIOUS = "class", "previous"


models_root = class_models_dir
# The installed class model, or None for the shipped one (what `Learner.load` should be given); the study
# session finds it through studyapp.paths, which is below both it and this package.
active_model_path = active_class_model


def _weights(folder: Path) -> Path:
    return folder / f"{MODEL_NAME}{SUFFIX}"


def check_model_file(path: Path) -> dict:
    """The card of a model file that passes every check, or ClassroomError/ModelError naming the problem."""
    path = Path(path)
    if path.suffix != SUFFIX:
        raise ClassroomError(f"{path} is not a .safetensors model file (only safetensors models are accepted)")
    for file, cap in ((path, MAX_MODEL_BYTES), (card_path(path), MAX_CARD_BYTES)):
        if file.is_file() and file.stat().st_size > cap:
            raise ClassroomError(f"{file} is larger than {cap // 2**20} MB")
    card, _ = read_model(path)
    return card


def _stage(source: Path, root: Path) -> Path:
    """Copy the model into a fresh folder beside its destination, then check the copy (what gets used)."""
    root.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(prefix=".incoming-", dir=root))
    try:
        shutil.copyfile(source, _weights(staged))
        shutil.copyfile(card_path(source), card_path(_weights(staged)))
        if signature_path(source).is_file():
            shutil.copyfile(signature_path(source), signature_path(_weights(staged)))
        check_model_file(_weights(staged))
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


@dataclass(frozen=True)
class Installed:
    card: dict
    fingerprint: str      # of the teacher's key that signed it
    newly_trusted: bool   # the first class model on this laptop: its key is now the one trusted


def _verify(data_dir: Path, staged: Path, source: Path) -> tuple[bytes, bool]:
    """The signer's key (and whether it is trusted only from now on) of a signed, plausible model."""
    trusted = pinned_key(data_dir)
    signer = verify_model(_weights(staged), trusted)
    card, params = read_model(_weights(staged))
    check_plausible(card, params, source)
    return signer, trusted is None


def install_model(data_dir: Path, source: Path) -> Installed:
    """Install a checked class model signed by the teacher's key; the model in use before it is kept for
    rollback. The first class model a laptop installs pins its signer's key."""
    check_model_file(source)
    root = models_root(data_dir)
    staged = _stage(Path(source), root)
    try:
        signer, first = _verify(data_dir, staged, Path(source))
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    active, previous = root / ACTIVE, root / PREVIOUS
    if previous.exists():
        shutil.rmtree(previous)
    if active.exists():
        os.replace(active, previous)
    os.replace(staged, active)
    if first:
        pin_key(data_dir, signer)
    return Installed(read_model(_weights(active))[0], fingerprint(signer), first)


def rollback(data_dir: Path) -> Path | None:
    """Swap the model in use with the one before it; returns the path now in use (None: the shipped model)."""
    root = models_root(data_dir)
    active, previous = root / ACTIVE, root / PREVIOUS
    if not active.exists() and not previous.exists():
        raise ClassroomError("no class model was ever installed here; the shipped model is in use")
    swap = root / ".swap"
    if swap.exists():
        shutil.rmtree(swap)
    if active.exists():
        os.replace(active, swap)
    if previous.exists():
        os.replace(previous, active)
    if swap.exists():
        os.replace(swap, previous)
    return active_model_path(data_dir)


def readapt_profiles(db: Database, learner) -> dict[str, int]:
    """Adapt every profile from the model's start on its own answers (the student's memory curve refitted too)
    and store the state under this model's id."""
    from studyapp.store import queries
    from studyapp.study.predictor import model_id, read_log

    done = {}
    for profile in queries.list_profiles(db):
        history, marker = read_log(db, profile["id"])
        student = learner.student(history)
        student.refit_memory(history)
        student.adapt()
        queries.save_learner_state(db, profile["id"], model_id(learner), student.state_bytes(marker), len(history))
        done[profile["name"]] = len(history)
    return done
