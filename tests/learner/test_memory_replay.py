"""The vectorised rebuild of memory states equals FSRS-6 folded in one answer at a time."""

import numpy as np

from studyapp.learner import features as feat

DAY = 86400.0


def _one_at_a_time(state, t, correct, grade, day_start_s, fsrs):
    """The per-answer step the learner used before the rebuild was vectorised (the reference)."""
    g = feat.grade_of(correct, grade)
    n = state[0]
    if n == 0:
        s, d = fsrs.initial(g)
    else:
        days = float(feat.day_number(t, day_start_s) - feat.day_number(state[3], day_start_s))
        s, d = fsrs.update(state[6], state[7], days, g)
    state[:] = (n + 1, state[1] + correct, state[2] + (1 if n > 0 and not correct else 0), t, correct, g, s, d)


def _history(rng, n=3000, n_items=60):
    """Answers with same-day repeats (learning steps), lapses, grades 1-4, answers without a grade, and one
    item answered far more often than the others."""
    rows = rng.integers(0, n_items, n)
    rows[rng.random(n) < 0.2] = 0
    gaps = rng.choice([30.0, 600.0, 0.3 * DAY, 2 * DAY, 20 * DAY], n)
    times = np.cumsum(gaps) + 1.7e9
    grades = rng.integers(1, 5, n)
    correct = (grades > 1).astype(np.int64)
    grades[rng.random(n) < 0.1] = 0  # no grade given: right or wrong only
    return rows, times, correct, grades


def test_the_vectorised_rebuild_equals_the_per_answer_step():
    rng = np.random.default_rng(4)
    rows, times, correct, grades = _history(rng)
    fsrs = feat.FsrsState(tuple(np.asarray(feat.FSRS6_DEFAULT) * rng.uniform(0.8, 1.2, 21)))
    day_start = feat.local_day_start_s()
    expected_table = np.zeros((60, feat.STATE_WIDTH))
    expected_before = np.zeros((len(rows), feat.STATE_WIDTH))
    for k in range(len(rows)):
        expected_before[k] = expected_table[rows[k]]
        _one_at_a_time(expected_table[rows[k]], times[k], int(correct[k]), int(grades[k]) or None, day_start, fsrs)
    assert expected_table[:, 2].sum() > 50 and (np.diff(times) < DAY).sum() > 1000  # lapses and same-day repeats

    table = np.zeros((60, feat.STATE_WIDTH))
    before = feat.replay(table, rows, times, correct, feat.grades_of(correct, grades), day_start, fsrs, keep_from=0)
    np.testing.assert_allclose(table, expected_table, rtol=1e-12, atol=0)
    np.testing.assert_allclose(before, expected_before, rtol=1e-12, atol=0)


def test_a_rebuild_in_pieces_equals_one_rebuild_and_keeps_only_the_asked_states():
    rng = np.random.default_rng(5)
    rows, times, correct, grades = _history(rng, n=500, n_items=20)
    g = feat.grades_of(correct, grades)
    whole = np.zeros((20, feat.STATE_WIDTH))
    before = feat.replay(whole, rows, times, correct, g)
    pieces = np.zeros((20, feat.STATE_WIDTH))
    feat.replay(pieces, rows[:200], times[:200], correct[:200], g[:200])
    tail = feat.replay(pieces, rows[200:], times[200:], correct[200:], g[200:], keep_from=250)
    np.testing.assert_array_equal(pieces, whole)
    np.testing.assert_array_equal(tail, before[450:])
