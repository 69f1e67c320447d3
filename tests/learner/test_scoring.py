"""Scoring reuses per-deck arrays between calls: its results must equal the model's formula item by item."""

import numpy as np
import torch

from studyapp.content.model import guess_chance
from studyapp.learner import features as feat
from studyapp.learner import model as m
from studyapp.learner.runtime import Answer, ItemInfo, Learner

DAY = 86400.0
KINDS = ("basic", "choice", "truefalse", "typed", "unknown-kind")


def _expected(learner, student, history, items, now_s):
    """p(correct) straight from the formula: each item's own memory state, row_terms, base + design @ phi."""
    states = {}
    for answer in history:
        feat.advance(states.setdefault(answer.item.key, feat.empty_state()), answer.timestamp_s,
                     answer.correct, answer.grade, student.day_start_s)
    table = np.array([states.get(it.key, feat.empty_state()) for it in items])
    item = torch.tensor([learner.item_index.get(it.key, -1) for it in items])
    kind = torch.tensor([m.KIND_INDEX.get(it.kind, m.OTHER_KIND) for it in items])
    with torch.no_grad():
        feats = feat.features(table, now_s, student.day_start_s, student.memory)
        base, design = m.row_terms(learner.params, torch.from_numpy(feats), item, kind, learner.h_cols)
    z = base.double().numpy() + design.double().numpy() @ student.phi.double().numpy()
    guess = np.array([guess_chance(it.kind, it.n_options) for it in items], dtype=np.float32)
    return guess + (1.0 - guess) / (1.0 + np.exp(-z))


def _deck(learner, rng, n):
    known = list(learner.card["items"])
    pool = [ItemInfo(known[k % len(known)] if k % 4 == 0 else f"card{k}#0", KINDS[k % 5], k % 6) for k in range(60)]
    return pool, [pool[i] for i in rng.integers(0, len(pool), n)] + [ItemInfo("never#0", "choice", 3)]


def test_repeated_scoring_matches_the_formula_as_answers_arrive(tiny_model):
    learner = Learner.load(tiny_model)
    rng = np.random.default_rng(5)
    pool, deck = _deck(learner, rng, 300)  # items repeat in the deck, as in a test over the same cards
    times = np.sort(rng.uniform(0, 30 * DAY, 200))
    history = [Answer(pool[i], float(t), int(c), [None, 1, 2, 3, 4][g]) for i, t, c, g in
               zip(rng.integers(0, 40, 200), times, rng.random(200) < 0.7, rng.integers(0, 5, 200))]
    student = learner.student(history[:120])
    student.adapt()
    for k, answer in enumerate(history[120:]):
        student.observe(answer)  # new items get memory rows between calls over the same deck
        if k % 20 == 0:
            student.adapt()
        now = answer.timestamp_s + 60.0
        seen = history[: 121 + k]
        np.testing.assert_allclose(student.predict(deck, now), _expected(learner, student, seen, deck, now),
                                   rtol=0, atol=1e-6)
    now = 31 * DAY
    np.testing.assert_allclose(student.predict(list(reversed(deck)), now),
                               _expected(learner, student, history, deck, now)[::-1], rtol=0, atol=1e-6)


def test_an_item_set_scores_like_its_items(tiny_model):
    learner = Learner.load(tiny_model)
    _, deck = _deck(learner, np.random.default_rng(1), 50)
    student = learner.student([Answer(deck[0], 0.0, 1, 3)])
    item_set = learner.item_set(deck)
    assert learner.item_set(tuple(deck)) is item_set  # equal items in the same order: the cached arrays
    np.testing.assert_array_equal(student.predict(item_set, DAY), student.predict(deck, DAY))
    assert student.predict([], DAY).shape == (0,)


def test_changing_a_scored_list_in_place_is_seen(tiny_model):
    learner = Learner.load(tiny_model)
    student = learner.student([])
    deck = [ItemInfo("a#0", "basic", 0), ItemInfo("b#0", "choice", 4)]
    student.predict(deck, DAY)
    deck[1] = ItemInfo("b#0", "truefalse", 2)
    deck.append(ItemInfo("c#0", "choice", 2))
    p = student.predict(deck, DAY)
    np.testing.assert_allclose(p, _expected(learner, student, [], deck, DAY), rtol=0, atol=1e-6)
    assert p[1] >= 0.5 and p[2] >= 0.5
