import numpy as np

from studyapp.learner import features as feat

DAY = 86400.0
# 2024-03-01 03:00 UTC: an hour before the benchmark's day starts.
BEFORE_ROLLOVER = 1709262000.0


def _state_after(times: list[float], day_start_s: float = feat.BENCHMARK_DAY_START_S) -> np.ndarray:
    state = feat.empty_state()
    for t in times:
        feat.advance(state, t, 1, 3, day_start_s)
    return state


def test_fsrs_memory_state_grows_with_successful_reviews_and_decays():
    state = feat.empty_state()
    feat.advance(state, 0.0, 1, 3)
    s1 = state[6]
    feat.advance(state, 3 * DAY, 1, 3)
    assert state[6] > s1 and state[0] == 2
    f_soon, f_late = feat.features(np.stack([state, state]), np.array([4 * DAY, 400 * DAY]))
    assert f_soon[8] > f_late[8]  # logit of retrievability falls with time
    assert feat.features(feat.empty_state()[None], 0.0)[0][0] == 1  # a new item
    assert feat.FSRS.retrievability(0.0, 5.0) == 1.0


def test_a_review_after_the_rollover_is_a_new_day_however_few_hours_passed():
    two_hours_later = _state_after([BEFORE_ROLLOVER, BEFORE_ROLLOVER + 2 * 3600])
    same_day = _state_after([BEFORE_ROLLOVER - 10 * 3600, BEFORE_ROLLOVER - 8 * 3600])
    # Across the rollover FSRS's long-term update applies; within the day only the short-term one.
    assert two_hours_later[6] > same_day[6] * 1.5


def test_features_count_whole_days_for_recall_and_hours_within_the_day():
    state = _state_after([BEFORE_ROLLOVER])[None]
    next_morning = feat.features(state, BEFORE_ROLLOVER + 2 * 3600)[0]
    assert next_morning[9] == 0 and next_morning[8] != 0  # one whole day later, not the same day
    one_day = feat.features(state, BEFORE_ROLLOVER + DAY)[0]
    assert np.isclose(next_morning[8], one_day[8])  # both are "one day" to the across-day recall
    soon, later = (feat.features(state, BEFORE_ROLLOVER + minutes * 60)[0] for minutes in (6, 50))
    assert soon[9] == later[9] == 1  # still before the rollover: the same day
    assert soon[12] > later[12]  # within the day recall falls with the minutes since the last answer


def test_the_day_start_moves_the_boundary():
    times = [BEFORE_ROLLOVER, BEFORE_ROLLOVER + 2 * 3600]
    local_noon_rollover = feat.BENCHMARK_DAY_START_S + 8 * 3600
    before, after = feat.day_number(times, feat.BENCHMARK_DAY_START_S)
    assert after == before + 1
    before, after = feat.day_number(times, local_noon_rollover)
    assert after == before
