"""The Classroom menu: a student's answers written for the teacher, and the class model the teacher trained
installed (or taken back). The model work imports torch and re-adapts every profile, so it runs in the pool
with its own database connection."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from studyapp.ui.worker import Notice

# studyapp.classroom.bundle.SUFFIX, not imported at start-up: that module's own imports take about 25 ms.
BUNDLE_SUFFIX = ".studybundle"


def export_bundle(ws, profile_id: int, path: str, with_name: bool) -> dict:
    """Store-thread operation: the profile's pseudonymous bundle (its name only if chosen); returns the manifest."""
    from studyapp.classroom.bundle import SUFFIX, BundleError
    from studyapp.classroom.bundle import export_bundle as write

    out = Path(path if path.endswith(SUFFIX) else path + SUFFIX)
    try:
        return dict(write(ws.db, ws.db["profiles"].get(profile_id), out, with_name=with_name), out=str(out))
    except BundleError as exc:
        raise Notice(str(exc)) from None


def _readapt(data_dir: Path) -> int:
    """Adapt every profile to the model now in use; returns how many."""
    from studyapp.classroom.models import active_model_path, readapt_profiles
    from studyapp.learner.runtime import Learner
    from studyapp.paths import db_path
    from studyapp.store.db import connect

    db = connect(db_path(data_dir))
    try:
        return len(readapt_profiles(db, Learner.load(active_model_path(data_dir))))
    finally:
        db.close()


def _model_errors():
    from studyapp.classroom.errors import ClassroomError
    from studyapp.learner.modelfile import ModelError

    return ClassroomError, ModelError


def install_model_work(data_dir: Path, source: Path):
    """Pool job: check and install the class model, then re-adapt the profiles; returns (items, profiles,
    the signing key's fingerprint, whether that key is trusted only from now on)."""

    def work(report):
        from studyapp.classroom.models import install_model

        try:
            installed = install_model(data_dir, source)
            return len(installed.card["items"]), _readapt(data_dir), installed.fingerprint, installed.newly_trusted
        except _model_errors() as exc:
            raise Notice(str(exc)) from None

    return work


def rollback_work(data_dir: Path):
    """Pool job: swap back to the model used before; returns (shipped model in use?, profiles re-adapted)."""

    def work(report):
        from studyapp.classroom.models import rollback

        try:
            now = rollback(data_dir)
            return now is None, _readapt(data_dir)
        except _model_errors() as exc:
            raise Notice(str(exc)) from None

    return work


def learner_loader(data_dir):
    """Pool job: (learner, notice or None) with the class model installed in this data dir, else the shipped
    one (the notice says why a damaged class model was refused)."""

    def load(report):
        from studyapp import paths
        from studyapp.study.launch import check_learner, load_learner

        learner, notice = load_learner(paths.data_dir(data_dir))
        if learner is None:
            raise Notice(notice)
        # The first adaptation imports torch.func's machinery (about a second, in long GIL-holding stretches
        # that stall the window); done here, before the learner is handed over, no answer waits on it.
        check_learner(learner)
        return learner, notice

    return load


class BundleExportDialog(QDialog):
    """What the teacher will get, and the opt-in for the student's name."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.with_name = QCheckBox()
        self.with_name.setChecked(False)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.with_name)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Answers for the teacher"))
        self.hint.setText(self.tr("Writes a file with your answers (which item, right or wrong, when) for your "
                                  "teacher. It holds no other data from this computer."))
        self.with_name.setText(self.tr("Include my &name (otherwise the teacher sees a code, not who you are)"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
