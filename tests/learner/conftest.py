import pytest

from studyapp.learner import model as m
from studyapp.learner.lab import meta
from studyapp.learner.lab.simulate import simulate_population, simulate_quiz
from studyapp.learner.modelfile import save_model

FRACTION_KEYS = [f"fractions-Item{j:02d}#0" for j in range(1, 6)]


@pytest.fixture(scope="session")
def sim_logs():
    return simulate_population(12, seed=3, n_cards=40, max_reviews=200, days=40)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, sim_logs):
    """A model meta-trained for a few steps on simulated flashcards and a 5-item simulated quiz."""
    import numpy as np

    vocab = {k: i for i, k in enumerate(FRACTION_KEYS)}
    quiz = simulate_quiz(np.linspace(-2, 2, 5), np.ones(5), 40, seed=1, prefix="q")
    quiz_tasks = [meta.task_from_quiz([(FRACTION_KEYS[int(i[1:])], c) for i, c in r], vocab) for _, r in quiz]
    groups = [([meta.task_from_log(lg) for lg in sim_logs], 0.5), (quiz_tasks, 0.5)]
    config = m.default_config(len(vocab), hidden=8)
    params = meta.train(groups, config, meta.TrainSpec(steps=12, batch=8, seed=0))
    path = tmp_path_factory.mktemp("model") / "learner.safetensors"
    save_model(path, params, config, FRACTION_KEYS, {"name": "tiny"})
    return path
