"""Starting a study session the same way from the CLI and the GUI: learner if it loads, classical schedule if not."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from sqlite_utils import Database

from studyapp.study.clock import system_clock
from studyapp.study.selection import Policy
from studyapp.study.session import Predictor, StudySession

if TYPE_CHECKING:
    from studyapp.learner.runtime import Learner

CLASSIC_NOTICE = "Using the classical schedule: {reason}"


def load_learner(data_dir: Path | None = None) -> tuple[Learner | None, str | None]:
    """(learner, notice): the class model installed in `data_dir` if there is one, else the shipped model.
    A damaged or tampered class model is refused with a notice and the shipped model used instead; if no
    model loads, (None, notice) and the classical schedule. A model never stops a student from studying."""
    try:
        from studyapp.learner.runtime import Learner, ModelError
    except ImportError as exc:  # torch missing or broken in this installation
        return None, CLASSIC_NOTICE.format(reason=f"the learner cannot be imported ({exc})")
    notice = None
    if data_dir is not None:
        from studyapp.paths import active_class_model

        class_model = active_class_model(data_dir)
        if class_model is not None:
            try:
                return Learner.load(class_model), None
            except ModelError as exc:
                notice = f"The class model was refused ({exc}); using the built-in model."
    try:
        return Learner.load(), notice
    except ModelError as exc:
        return None, CLASSIC_NOTICE.format(reason=exc)


def check_learner(learner: Learner) -> float:
    """Adapt a fresh student on one answer and predict: the model works end to end (packaging smoke checks)."""
    import math
    import time

    from studyapp.learner.runtime import Answer, ItemInfo

    item = ItemInfo("smoke-check#0", "basic", 0)
    student = learner.student([Answer(item, time.time() - 86_400, 1, 3)])
    student.adapt()
    p = float(student.predict([item], time.time())[0])
    if not math.isfinite(p) or not 0.0 < p < 1.0:
        raise ValueError(f"the learner predicted {p} after adapting")
    return p


def open_session(db: Database, profile_id: int, deck_id: int, mode: str = "review", learner: Learner | None = None,
                 clock: Callable[[], int] = system_clock, language: str | None = None) -> StudySession:
    """`language`: the language the cards are shown in where the deck has a translation (StudySession)."""
    policy, predictor = _choosers(db, profile_id, mode, learner)
    return StudySession(db, profile_id, deck_id, mode=mode, policy=policy, predictor=predictor, clock=clock,
                        language=language)


def attach_learner(session: StudySession, learner: Learner | None) -> None:
    """A learner that arrives while a classically scheduled session is open (a student who started in the
    first seconds after launch) chooses and predicts from the next item on, from the whole logged history."""
    if session.predictor is None and learner is not None:
        session.policy, session.predictor = _choosers(session.db, session.profile_id, session.mode, learner)


def _choosers(db: Database, profile_id: int, mode: str,
              learner: Learner | None) -> tuple[Policy, Predictor | None]:
    """The policy and predictor of a session: the model's when there is a learner, else the classical schedule."""
    from studyapp.study.policies import make_policy
    from studyapp.study.predictor import LearnerPredictor

    predictor = LearnerPredictor(db, profile_id, learner) if learner is not None else None
    return make_policy(mode, predictor), predictor
