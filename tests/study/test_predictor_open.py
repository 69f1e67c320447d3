"""Opening a session from the saved memory tables and the answers logged since gives the student a rebuild from
the whole log gives; a state that does not match the log is rebuilt; undo after reopening stays exact."""

import numpy as np
import pytest
import torch
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

from studyapp.learner import runtime
from studyapp.learner.runtime import Learner
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.study import predictor as pred
from studyapp.study.bench_history import make_profile
from studyapp.study.predictor import LearnerPredictor

MINUTE_MS = 60_000


@pytest.fixture(scope="module")
def learner():
    return Learner.load()


@pytest.fixture
def profile(tmp_path, monkeypatch):
    """600 answers over 40 items; the adaptation window and the refit's window shorter than the log, so
    that both are exercised."""
    monkeypatch.setattr(runtime, "ADAPT_WINDOW", 150)
    monkeypatch.setattr(runtime, "FIT_WINDOW", 300)
    path = tmp_path / "profile.sqlite3"
    profile_id, deck = make_profile(path, 600, 40, 1.0, seed=3)
    db = connect(path)
    items = queries.items_in_decks(db, [deck])
    return db, profile_id, items


def _log(db, profile_id, item, correct, after_ms=None):
    at = (after_ms or queries.latest_answer_ms(db, profile_id)) + 3 * MINUTE_MS
    answer_id = queries.log_answer(db, {"profile_id": profile_id, "item_id": item.id, "answered_ms": at,
                                        "correct": correct, "grade": 3 if correct else 1, "source": "study"})
    return queries.LoggedAnswer(answer_id, item.id, at, correct, 3 if correct else 1)


def _study(predictor, db, profile_id, items, picks):
    for k in picks:
        predictor.observe(items[k], _log(db, profile_id, items[k], int(k % 3 != 0)))


def _rebuilt(db, profile_id, learner, monkeypatch):
    """A predictor built from the whole log with the saved state's parameters (its tables not read)."""
    with monkeypatch.context() as patch:
        patch.setattr(Learner, "resume", lambda self, state: None)
        return LearnerPredictor(db, profile_id, learner)


def _reads(monkeypatch) -> list:
    """Where each read of the log starts (its marker; None: the whole log)."""
    calls, read = [], pred.read_log

    def spy(db, profile_id, since=None):
        calls.append(since)
        return read(db, profile_id, since)
    monkeypatch.setattr(pred, "read_log", spy)
    return calls


def _same_student(a, b, items, now_ms):
    """The same answers folded in, the same memory states, window and parameters. The window's terms are
    float32 and computed in batches of other sizes (an answer at a time, or the log's last part at once), so
    they agree to float32 rounding, which adaptation's Newton steps magnify to about 1e-5 in phi."""
    assert a.student.n_answers == b.student.n_answers
    assert a.student.memory_w == b.student.memory_w
    torch.testing.assert_close(a.student.phi, b.student.phi, rtol=0, atol=1e-4)
    np.testing.assert_allclose(a.predict(items, now_ms), b.predict(items, now_ms), rtol=0, atol=2e-5)
    for part_a, part_b in zip(a.student._tensors(), b.student._tensors()):
        np.testing.assert_allclose(part_a.numpy(), part_b.numpy(), rtol=1e-5, atol=1e-5)
    rows_a, rows_b = a.student._rows, b.student._rows
    assert rows_a.keys() == rows_b.keys()
    keys = sorted(rows_a)
    np.testing.assert_allclose(a.student._states.view[[rows_a[k] for k in keys]],
                               b.student._states.view[[rows_b[k] for k in keys]], rtol=1e-12)


def test_a_reopened_session_reads_only_the_new_answers_and_predicts_as_a_rebuild(profile, learner, monkeypatch):
    db, profile_id, items = profile
    first = LearnerPredictor(db, profile_id, learner)
    assert first.student.memory_answers == 600  # the first open fitted the memory curve
    _study(first, db, profile_id, items, [1, 2, 1, 5, 7])
    first.save()
    for k in (3, 1, 9):  # logged since the save (another session that was not saved, say)
        _log(db, profile_id, items[k], 1)
    reads = _reads(monkeypatch)
    reopened = LearnerPredictor(db, profile_id, learner)
    assert len(reads) == 1 and reads[0]["n"] == 605  # only the three answers after the saved ones were read
    assert reopened.student.n_answers == 608
    now = queries.latest_answer_ms(db, profile_id) + 2 * 86_400_000
    _same_student(reopened, _rebuilt(db, profile_id, learner, monkeypatch), items, now)
    # And on, answer by answer, as a session goes: adaptation reads the same window of answers.
    rebuilt = _rebuilt(db, profile_id, learner, monkeypatch)
    for k in (4, 4, 11):
        logged = _log(db, profile_id, items[k], 0)
        for p in (reopened, rebuilt):
            p.observe(items[k], logged)
    _same_student(reopened, rebuilt, items, now)


def test_the_curve_after_an_item_is_the_students_own(profile, learner):
    db, profile_id, items = profile
    p = LearnerPredictor(db, profile_id, learner)
    at = queries.latest_answer_ms(db, profile_id) + 86_400_000
    extra = [(at, 1, 3), (at + 3 * 86_400_000, 0, 1)]
    curve = p.curve_after(items[2], extra)
    own = p.student.copy()
    for answered, correct, grade in extra:
        own.observe(runtime.Answer(pred.item_info(items[2]), answered / 1000, correct, grade))
    later = at + 10 * 86_400_000
    assert curve(later) == pytest.approx(float(own.predict([pred.item_info(items[2])], later / 1000)[0]), abs=1e-9)


def _without_tables(state: bytes) -> bytes:
    tensors = load_tensors(state)
    return save_tensors({k: tensors[k] for k in ("phi", "memory", "memory_answers")},
                        metadata={"format": runtime.STATE_FORMAT})


def _changed_day_start(state: bytes) -> bytes:
    tensors = load_tensors(state)
    tensors["day_start"] = tensors["day_start"] + 3600
    return save_tensors(tensors, metadata=runtime._metadata(state))


def _damaged_tables(state: bytes) -> bytes:
    tensors = load_tensors(state)
    tensors["states"][3, 6] = float("nan")
    return save_tensors(tensors, metadata=runtime._metadata(state))


@pytest.mark.parametrize("change", ["older format", "other day start", "damaged tables", "answer taken back",
                                    "older answer imported", "logged by another process meanwhile",
                                    "another model"])
def test_a_state_that_does_not_match_the_log_is_rebuilt(profile, learner, monkeypatch, change):
    db, profile_id, items = profile
    first = LearnerPredictor(db, profile_id, learner)
    if change == "logged by another process meanwhile":  # not seen by `first`, and before its answers
        _log(db, profile_id, items[7], 1)
    _study(first, db, profile_id, items, [1, 2, 3])
    first.save()
    model = pred.model_id(learner)
    saved = queries.load_learner_state(db, profile_id, model)
    if change == "older format":
        queries.save_learner_state(db, profile_id, model, _without_tables(saved), 603)
    elif change == "other day start":
        queries.save_learner_state(db, profile_id, model, _changed_day_start(saved), 603)
    elif change == "damaged tables":
        queries.save_learner_state(db, profile_id, model, _damaged_tables(saved), 603)
    elif change == "answer taken back":
        old = queries.answer_history(db, profile_id)[100]
        queries.void_answer(db, old.id)
    elif change == "older answer imported":
        _log(db, profile_id, items[5], 1, after_ms=queries.answer_history(db, profile_id)[0].answered_ms)
    elif change == "another model":
        db.execute("UPDATE learner_state SET model_id = 'another-model'")
    reads = _reads(monkeypatch)
    reopened = LearnerPredictor(db, profile_id, learner)
    assert reads[-1] is None  # the whole log was read
    assert reopened.student.n_answers == len(queries.answer_history(db, profile_id))
    if change == "another model":
        assert reopened.student.memory_answers == reopened.student.n_answers  # a first open: fitted again
        return
    now = queries.latest_answer_ms(db, profile_id) + 86_400_000
    _same_student(reopened, _rebuilt(db, profile_id, learner, monkeypatch), items, now)


def test_undo_after_reopening_is_exact(profile, learner, monkeypatch):
    db, profile_id, items = profile
    first = LearnerPredictor(db, profile_id, learner)
    _study(first, db, profile_id, items, [1, 2])
    first.save()
    reopened, rebuilt = LearnerPredictor(db, profile_id, learner), _rebuilt(db, profile_id, learner, monkeypatch)
    for k in (6, 6, 8):
        logged = _log(db, profile_id, items[k], int(k == 8))
        for p in (reopened, rebuilt):
            p.observe(items[k], logged)
    last = queries.answer_history(db, profile_id)[-1]
    queries.void_answer(db, last.id)
    for p in (reopened, rebuilt):
        p.forget_last()
    now = queries.latest_answer_ms(db, profile_id) + 86_400_000
    _same_student(reopened, rebuilt, items, now)
    # Saved after the undo, the state covers the answers still standing: the next open reads nothing old.
    reopened.save()
    reads = _reads(monkeypatch)
    again = LearnerPredictor(db, profile_id, learner)
    assert reads[-1] is not None and again.student.n_answers == 604
    _same_student(again, reopened, items, now)
