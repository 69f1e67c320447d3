"""FSRS-6 at full strength: our memory state matches the `fsrs` package's scheduler, the baseline's optimizer
fits on the same 4 a.m. days it is scored on, and it really fits (parameters leave the defaults)."""

from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest

from studyapp.content.model import grade_of
from studyapp.learner import features as feat
from studyapp.learner.lab import baselines
from studyapp.learner.lab.data import StudentLog, read_reviews
from studyapp.learner.lab.evaluate_memory import review_facts
from studyapp.learner.lab.simulate import simulate_population

fsrs = pytest.importorskip("fsrs")
JOSH = Path(__file__).resolve().parents[4] / "shared" / "data" / "anki-revlog-josh" / "review_logs_josh.csv"


@pytest.fixture(scope="module")
def long_log() -> StudentLog:
    """One simulated learner, a few thousand reviews over six months."""
    (log,) = simulate_population(1, seed=11, n_cards=400, max_reviews=3000, days=180)
    assert len(log) >= 2500
    return log


def test_day_snapping_puts_a_review_in_its_4am_day():
    late = datetime(2024, 5, 1, 23, 0, tzinfo=timezone.utc).timestamp()
    morning = datetime(2024, 5, 2, 5, 0, tzinfo=timezone.utc).timestamp()
    before_four = datetime(2024, 5, 2, 3, 0, tzinfo=timezone.utc).timestamp()
    snapped = baselines.day_snapped([late, morning, before_four])
    assert snapped[1] - snapped[0] == 86400.0  # 6 hours apart, but the next study day
    assert snapped[2] == snapped[0]  # 3 a.m. still belongs to the day before
    assert datetime.fromtimestamp(snapped[0], tz=timezone.utc).hour == 4


def _scheduler_states(log: StudentLog, parameters) -> list[tuple[float, float]]:
    """Stability and difficulty after every answer, by the fsrs package's own scheduler on snapped times."""
    scheduler = fsrs.Scheduler(parameters=parameters, enable_fuzzing=False)
    cards: dict[str, object] = {}
    out = []
    times = baselines.day_snapped(np.asarray(log.times))
    for item, t, correct, grade in zip(log.items, times.tolist(), log.correct, log.grades):
        card = cards.get(item) or fsrs.Card()
        when = datetime.fromtimestamp(t, tz=timezone.utc)
        card, _ = scheduler.review_card(card, fsrs.Rating(grade_of(correct, grade)), review_datetime=when)
        cards[item] = card
        out.append((card.stability, card.difficulty))
    return out


def _our_states(log: StudentLog, parameters) -> list[tuple[float, float]]:
    memory = feat.FsrsState(tuple(parameters))
    table: dict[str, np.ndarray] = {}
    out = []
    for item, t, correct, grade in zip(log.items, log.times, log.correct, log.grades):
        state = table.setdefault(item, feat.empty_state())
        feat.advance(state, t, correct, grade, fsrs=memory)
        out.append((state[6], state[7]))
    return out


def _assert_same_states(log: StudentLog, parameters) -> None:
    ours = np.array(_our_states(log, parameters))
    theirs = np.array(_scheduler_states(log, parameters))
    np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-6)


def test_memory_state_matches_the_fsrs_scheduler_on_a_generated_log(long_log):
    short = StudentLog(long_log.student_id)
    for k in range(800):
        short.add(long_log.items[k], long_log.times[k], long_log.correct[k], long_log.grades[k], "basic")
    _assert_same_states(short, baselines.fsrs_default_parameters())
    tilted = np.clip(np.array(feat.FSRS6_DEFAULT) * 1.3, 0.0, None)
    tilted[7], tilted[20] = 0.05, 0.4
    _assert_same_states(short, list(tilted))


@pytest.mark.skipif(not JOSH.exists(), reason="the shared real review log is not beside the project")
def test_memory_state_matches_the_fsrs_scheduler_on_a_real_log():
    (log,) = read_reviews(JOSH)
    _assert_same_states(log, baselines.fsrs_default_parameters())


def test_fitted_fsrs6_leaves_the_defaults_on_a_long_log(long_log):
    fitted = np.array(baselines.fsrs_fit(long_log, np.arange(len(long_log))))
    assert np.abs(fitted - np.array(feat.FSRS6_DEFAULT)).max() > 0.05
    scored = review_facts(long_log)[0]  # what the optimizer fits: a card's later answers on a new day
    y = np.asarray(long_log.correct, float)

    def loss(parameters):
        q = np.clip(baselines.fsrs_predict(long_log, list(parameters))[scored], 1e-6, 1 - 1e-6)
        y_rows = y[scored]
        return -np.mean(y_rows * np.log(q) + (1 - y_rows) * np.log1p(-q))

    assert loss(fitted) < loss(feat.FSRS6_DEFAULT)
