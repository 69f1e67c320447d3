"""The quiz protocol never lets a model read what it is scored on.

Held-out answers are never read: flipping every held-out answer of the test students leaves every model's
predictions and every policy's questions unchanged. An asked item's answer is read only after it is asked:
flipping it leaves that choice, the choices before it and the predictions made before it unchanged.
"""

import numpy as np
import pytest

from studyapp.learner.lab import evaluate_quiz as q
from studyapp.learner.lab.simulate import simulate_quiz

N_ITEMS = 16


@pytest.fixture(scope="module")
def setup():
    students = simulate_quiz(np.linspace(-2, 2, N_ITEMS), np.linspace(0.6, 1.8, N_ITEMS), 90, seed=7)
    train, test = students[:70], students[70:]
    skills = {f"item{j}": f"skill{j % 3}" for j in range(N_ITEMS)}
    irts = q.fit_baselines(train, skills, log=lambda _: None)
    ours = q.Ours(train, steps=4, seed=0, log=lambda _: None, start=irts["irt2pl-skills"], skills=skills)
    return ours, irts, q.hold_out(test, seed=0)


def _same(a, b):
    (preds_a, asked_a), (preds_b, asked_b) = a, b
    assert preds_a.keys() == preds_b.keys() and asked_a == asked_b
    for key in preds_a:
        for x, y in zip(preds_a[key], preds_b[key], strict=True):
            np.testing.assert_array_equal(x, y)


def test_every_model_covers_the_skill_baselines(setup):
    ours, irts, students = setup
    preds, _ = q.predict(ours, irts, students, seed=0)
    assert {name for name, _ in preds} == set(q.MODELS)


def test_held_out_answers_are_never_read(setup):
    ours, irts, students = setup
    flipped = [(sid, pool, [(i, 1 - c) for i, c in query]) for sid, pool, query in students]
    _same(q.predict(ours, irts, students, seed=0), q.predict(ours, irts, flipped, seed=0))


@pytest.mark.parametrize("step", [0, 2, 4])
def test_an_answer_is_read_only_after_its_item_is_asked(setup, step):
    ours, irts, students = setup
    runs = {"ours": lambda pool, query: ours.run(pool, query),
            **{name: (lambda pool, query, m=m: q.irt_run(m, pool, query, None)) for name, m in irts.items()}}
    for sid, pool, query_pairs in students:
        query = [i for i, _ in query_pairs]
        for name, run in runs.items():
            before = list(run(pool, query))
            asked = before[-1][1]
            flipped_item = asked[step]
            changed = [(i, 1 - c if i == flipped_item else c) for i, c in pool]
            after = list(run(changed, query))
            assert after[-1][1][: step + 1] == asked[: step + 1], name
            for (n, items_b, p_b), (_, items_a, p_a) in zip(before, after, strict=True):
                if n <= step:  # predictions made before the flipped item was asked
                    assert items_a == items_b
                    np.testing.assert_array_equal(p_a, p_b)
