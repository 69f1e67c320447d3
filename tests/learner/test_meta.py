import torch

from studyapp.learner import meta
from studyapp.learner import model as m


def _groups(sim_logs):
    return [([meta.task_from_log(lg) for lg in sim_logs], 1.0)]


def test_interrupted_training_resumes_to_the_same_model(tmp_path, sim_logs):
    config = m.default_config(0, hidden=8)
    whole = meta.train(_groups(sim_logs), config, meta.TrainSpec(steps=6, batch=4))
    checkpoint = tmp_path / "run.ckpt"
    meta.train(_groups(sim_logs), config, meta.TrainSpec(steps=3, batch=4), checkpoint)  # "interrupted" at 3
    resumed = meta.train(_groups(sim_logs), config, meta.TrainSpec(steps=6, batch=4), checkpoint)
    for name in whole:
        torch.testing.assert_close(resumed[name], whole[name])


def test_training_from_a_start_keeps_frozen_parameters_and_moves_the_rest(sim_logs):
    config = m.default_config(0, hidden=8)
    start = m.init_params(config, seed=1)
    frozen = ("w1", "w2")
    trained = meta.train(_groups(sim_logs), config, meta.TrainSpec(steps=3, batch=4, frozen=frozen), start=start)
    for name in frozen:
        assert torch.equal(trained[name], start[name])
    assert not torch.equal(trained["phi0"], start["phi0"])
