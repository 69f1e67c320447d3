"""The student's own memory curve: FSRS-6 replayed in torch equals the scalar FSRS-6, the MAP fit moves towards
what the answers say and stays at the population's start without evidence, and the laptop keeps the fit."""

import numpy as np
import pytest
import torch
from safetensors.torch import save as save_tensors

from studyapp.content.model import grade_of
from studyapp.learner import features as feat
from studyapp.learner import memory_fit
from studyapp.learner.features import BENCHMARK_DAY_START_S
from studyapp.learner.lab import baselines
from studyapp.learner.lab.simulate import simulate_population
from studyapp.learner.runtime import Answer, AnswerLog, ItemInfo, Learner, ModelError


@pytest.fixture(scope="module")
def long_log():
    (log,) = simulate_population(1, seed=5, n_cards=300, max_reviews=2500, days=150)
    return log


def _grades(log):
    return [grade_of(c, g) for c, g in zip(log.correct, log.grades)]


def _replay_order(log, seq):
    rows_of = {}
    for k, item in enumerate(log.items):
        rows_of.setdefault(item, []).append(k)
    cards = sorted(rows_of.values(), key=len, reverse=True)
    return [cards[c][j] for j, n in enumerate(seq.active) if j for c in range(n)]


def test_torch_replay_equals_scalar_fsrs6(long_log):
    rng = np.random.default_rng(1)
    w = np.clip(np.array(feat.FSRS6_DEFAULT) * np.exp(rng.normal(0, 0.3, 21)), memory_fit.LOWER, memory_fit.UPPER)
    seq = memory_fit.card_sequences(long_log.items, long_log.times, _grades(long_log), BENCHMARK_DAY_START_S,
                                    max_reviews=10 ** 6)
    ours = memory_fit.replay_recall(w, seq)
    reference = baselines.fsrs_predict(long_log, list(w))[_replay_order(long_log, seq)]
    np.testing.assert_allclose(ours, reference, rtol=1e-9, atol=1e-12)


def test_the_gradient_is_the_objectives(long_log):
    seq = memory_fit.card_sequences(long_log.items[:1500], long_log.times[:1500], _grades(long_log)[:1500],
                                    BENCHMARK_DAY_START_S)
    rng = np.random.default_rng(2)
    w = np.clip(np.array(feat.FSRS6_DEFAULT) * np.exp(rng.normal(0, 0.3, 21)), memory_fit.LOWER, memory_fit.UPPER)
    w = np.clip(w, np.array(memory_fit.LOWER) + 0.01, np.array(memory_fit.UPPER) - 0.01)  # inside the bounds
    prior = memory_fit.population_prior()
    _, grad = memory_fit.loss_and_gradient(w, seq, prior)
    for k in range(21):
        h = 1e-6 * max(1.0, abs(w[k]))
        up, down = w.copy(), w.copy()
        up[k] += h
        down[k] -= h
        numeric = (memory_fit.loss_and_gradient(up, seq, prior)[0]
                   - memory_fit.loss_and_gradient(down, seq, prior)[0]) / (2 * h)
        assert grad[k] == pytest.approx(numeric, rel=1e-4, abs=1e-4), k


def test_fit_improves_on_the_defaults_and_keeps_them_without_evidence(long_log):
    grades = _grades(long_log)
    seq = memory_fit.card_sequences(long_log.items, long_log.times, grades, BENCHMARK_DAY_START_S)
    fitted = memory_fit.fit(seq)
    assert fitted != feat.FSRS6_DEFAULT and memory_fit.is_valid(fitted)
    assert memory_fit.loss_and_gradient(fitted, seq, None)[0] < memory_fit.loss_and_gradient(
        feat.FSRS6_DEFAULT, seq, None)[0]
    # Three first answers: nothing is scored, so nothing moves.
    few = memory_fit.card_sequences(["a", "b", "c"], [0.0, 10.0, 20.0], [3, 1, 3], BENCHMARK_DAY_START_S)
    assert memory_fit.fit(few) == feat.FSRS6_DEFAULT


def test_the_prior_holds_a_short_history_near_the_population(long_log):
    grades = _grades(long_log)
    short = memory_fit.card_sequences(long_log.items[:150], long_log.times[:150], grades[:150], BENCHMARK_DAY_START_S)
    full = memory_fit.card_sequences(long_log.items, long_log.times, grades, BENCHMARK_DAY_START_S)
    start = np.log(np.array(feat.FSRS6_DEFAULT) + 1e-4)
    moved_short = np.abs(np.log(np.array(memory_fit.fit(short)) + 1e-4) - start).sum()
    moved_full = np.abs(np.log(np.array(memory_fit.fit(full)) + 1e-4) - start).sum()
    assert moved_short < moved_full


def _answers(log):
    return [Answer(ItemInfo(k, "basic", 0), t, c, g) for k, t, c, g in zip(log.items, log.times, log.correct,
                                                                           log.grades)]


def test_a_student_keeps_the_refitted_memory_curve(tiny_model, long_log):
    learner = Learner.load(tiny_model)
    history = _answers(long_log)
    student = learner.student(history)
    items = [ItemInfo(k, "basic", 0) for k in sorted(set(long_log.items))[:50]]
    now = long_log.times[-1] + 3 * 86400
    before = student.predict(items, now)
    assert student.refit_memory(AnswerLog.of(history))
    assert student.memory_w != feat.FSRS6_DEFAULT and student.memory_answers == len(history)
    assert not np.allclose(student.predict(items, now), before)
    again = learner.student(history, state=student.state_bytes())
    assert again.memory_w == student.memory_w
    np.testing.assert_allclose(again.predict(items, now), student.predict(items, now), atol=1e-6)


def test_a_state_with_memory_parameters_out_of_range_is_refused(tiny_model):
    learner = Learner.load(tiny_model)
    phi = learner.params["phi0"].clone()
    bad = save_tensors({"phi": phi, "memory": torch.full((21,), 1e9, dtype=torch.float64),
                        "memory_answers": torch.tensor([5])})
    with pytest.raises(ModelError, match="memory parameters"):
        learner.student([], state=bad)
    old = save_tensors({"phi": phi})  # a state saved before memory curves were fitted
    assert learner.student([], state=old).memory_w == feat.FSRS6_DEFAULT


def test_a_huge_history_is_fitted_on_its_newest_cards_whole():
    # Cards a, b, c first answered in that order; each answer of a card counts up to MAX_REVIEWS_PER_CARD.
    items = np.array(["a", "b", "a", "c", "b", "c", "a", "c"])
    assert memory_fit.recent_cards(items, 5).tolist() == [False, True, False, True, True, True, False, True]
    assert memory_fit.recent_cards(items, 8).all()
    many = np.array(["old"] * 3 + ["new"] * 200)
    assert memory_fit.recent_cards(many, memory_fit.MAX_REVIEWS_PER_CARD).tolist() == [False] * 3 + [True] * 200
