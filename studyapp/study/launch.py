"""Starting a study session the same way from the CLI and the GUI: learner if it loads, classical schedule if not."""

from __future__ import annotations

from typing import Callable

from sqlite_utils import Database

from studyapp.study.clock import system_clock
from studyapp.study.session import StudySession

CLASSIC_NOTICE = "Using the classical schedule: {reason}"


def load_learner(path=None):
    """(learner, None) or (None, notice): a missing or damaged model never stops a student from studying."""
    try:
        from studyapp.learner.runtime import Learner, ModelError
    except ImportError as exc:  # torch missing or broken in this installation
        return None, CLASSIC_NOTICE.format(reason=f"the learner cannot be imported ({exc})")
    try:
        return Learner.load(path), None
    except ModelError as exc:
        return None, CLASSIC_NOTICE.format(reason=exc)


def open_session(db: Database, profile_id: int, deck_id: int, mode: str = "review", learner=None,
                 clock: Callable[[], int] = system_clock) -> StudySession:
    from studyapp.study.policies import make_policy
    from studyapp.study.predictor import LearnerPredictor

    predictor = LearnerPredictor(db, profile_id, learner) if learner is not None else None
    return StudySession(db, profile_id, deck_id, mode=mode, policy=make_policy(mode, predictor),
                        predictor=predictor, clock=clock)
