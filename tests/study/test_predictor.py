"""The session's learner: rescoring the deck with a tolerance stays next to the exact scores."""

import numpy as np
import pytest

from studyapp.learner.runtime import Answer, ItemInfo, Learner
from studyapp.study.predictor import RESCORE_TOLERANCE

DAY = 86400.0


@pytest.fixture(scope="module")
def learner():
    return Learner.load()


def test_rescoring_with_the_tolerance_follows_the_exact_scores_through_a_session(learner):
    rng = np.random.default_rng(2)
    deck = [ItemInfo(f"card{k}#0", "basic", 0) for k in range(300)] + [ItemInfo("q#0", "choice", 4, "s")]
    past = np.sort(rng.uniform(0, 40 * DAY, 400))
    history = [Answer(deck[int(k)], float(t), int(rng.random() < 0.8), 3)
               for k, t in zip(rng.integers(0, 200, 400), past)]
    kept, exact = learner.student(history), learner.student(history)
    now = 41 * DAY + 9 * 3600
    for step in range(60):  # a session: an answer every few seconds, sometimes a pause, sometimes a new item
        item = deck[int(rng.integers(0, 260))]
        now += float(rng.choice([8.0, 15.0, 600.0]))
        answer = Answer(item, now, int(rng.random() < 0.7), 3)
        for student in (kept, exact):
            student.observe(answer)
            if step % 10 == 0:
                student.adapt()
        now += 5.0
        close = kept.predict(deck, now, tolerance=RESCORE_TOLERANCE)
        np.testing.assert_allclose(close, exact.predict(deck, now), rtol=0, atol=2e-4)  # measured: 2e-5 at most
        assert close[deck.index(item)] == pytest.approx(exact.predict([item], now)[0], abs=1e-6)
    # A new study day recomputes everything: the scores are exact again.
    np.testing.assert_allclose(kept.predict(deck, now + DAY, tolerance=RESCORE_TOLERANCE),
                               exact.predict(deck, now + DAY), rtol=0, atol=1e-6)
