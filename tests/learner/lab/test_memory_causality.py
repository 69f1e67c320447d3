"""The memory track scores predictions it did not see being made: changing the answer of a scored row, or of
any later row, leaves that row's prediction unchanged, for every model."""

import numpy as np
import pytest

from studyapp.learner.lab import evaluate_memory as em
from studyapp.learner.lab.data import StudentLog
from studyapp.learner.runtime import Learner

pytest.importorskip("fsrs")


def _flipped_from(log: StudentLog, first: int) -> StudentLog:
    out = StudentLog(log.student_id)
    for k in range(len(log)):
        correct = log.correct[k] if k < first else 1 - log.correct[k]
        grade = log.grades[k] if k < first else (3 if correct else 1)
        out.add(log.items[k], log.times[k], correct, grade, log.kinds[k], log.n_options[k])
    return out


def _fold_predictions(log: StudentLog, learners) -> dict[tuple[int, str], dict[int, float]]:
    user = em.prepare(log, learners)
    default = em.baselines.fsrs_predict(log, em.baselines.fsrs_default_parameters())
    out = {}
    for protocol, split, train, test in em.splits(user):
        if protocol == "folds":
            preds = em.predict_split(user, learners, train, test, default, fit_fsrs=True)
            for name, p in preds.items():
                out[(split, name)] = dict(zip(test.tolist(), p.tolist()))
    return out


def test_a_rows_prediction_ignores_its_own_and_later_answers(tiny_model, sim_logs):
    log = sim_logs[0]
    learners = {"ours": Learner.load(tiny_model), "pooled": Learner.load(tiny_model)}
    before = _fold_predictions(log, learners)
    user = em.prepare(log, learners)
    _, _, train, test = next(s for s in em.splits(user) if s[0] == "folds" and s[1] == 3)
    row = int(test[len(test) // 2])
    after = _fold_predictions(_flipped_from(log, row), learners)
    for (split, name), preds in before.items():
        if split == 3:
            assert after[(split, name)][row] == pytest.approx(preds[row], abs=1e-9), name
    # Earlier folds never see the changed rows at all.
    for (split, name), preds in before.items():
        if split < 3:
            assert np.allclose(list(after[(split, name)].values()), list(preds.values())), name
