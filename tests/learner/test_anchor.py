"""Flashcards on items the population does not know start at FSRS-6 default recall: nothing learned elsewhere
moves them, only the student's own answers."""

import numpy as np

from studyapp.learner import features as feat
from studyapp.learner.runtime import Answer, ItemInfo, Learner

DAY = 86400.0


def _fsrs_recall(history, key, now_s):
    state = feat.empty_state()
    for a in history:
        if a.item.key == key:
            feat.advance(state, a.timestamp_s, a.correct, a.grade)
    return feat.FSRS.retrievability((now_s - state[3]) / DAY, state[6])


def _history():
    return [Answer(ItemInfo("card1#0", "basic", 0), 0.0, 1, 3),
            Answer(ItemInfo("card2#0", "reversed", 0), 0.0, 0, 1),
            Answer(ItemInfo("card1#0", "basic", 0), 2 * DAY, 1, 3),
            Answer(ItemInfo("card2#0", "reversed", 0), 2 * DAY, 1, 2)]


def test_a_new_student_gets_fsrs6_default_recall_on_unknown_flashcards(tiny_model):
    learner = Learner.load(tiny_model)
    learner.params["new_b"] += 1.5  # learned offsets, whatever they are, must not reach these rows
    learner.params["kind_b"] += 0.7
    learner.params["b2"] += 2.0
    history = _history()
    student = learner.student(history)  # observed but not adapted: still at the prior mean
    items = [ItemInfo("card1#0", "basic", 0), ItemInfo("card2#0", "reversed", 0)]
    now = 9 * DAY
    expected = [_fsrs_recall(history, it.key, now) for it in items]
    np.testing.assert_allclose(student.predict(items, now), expected, rtol=0, atol=1e-4)


def test_learned_terms_still_apply_to_other_kinds_and_known_items(tiny_model):
    plain, shifted = Learner.load(tiny_model), Learner.load(tiny_model)
    shifted.params["kind_b"] += 1.0
    items = [ItemInfo(next(iter(plain.card["items"])), "basic", 0), ItemInfo("card3#0", "typed", 0)]
    before = plain.student([]).predict(items, 0.0)
    assert (shifted.student([]).predict(items, 0.0) > before + 0.01).all()


def test_own_answers_move_a_flashcard_away_from_the_backbone(tiny_model):
    learner = Learner.load(tiny_model)
    item = ItemInfo("card9#0", "basic", 0)
    wrong = [Answer(ItemInfo(f"c{k}#0", "basic", 0), k * DAY, 0, 1) for k in range(10)]
    wrong += [Answer(ItemInfo(f"c{k}#0", "basic", 0), (k + 12) * DAY, 0, 1) for k in range(10)]
    student = learner.student(wrong)
    start = student.predict([item], 30 * DAY)
    student.adapt()
    assert student.predict([item], 30 * DAY)[0] < start[0]
