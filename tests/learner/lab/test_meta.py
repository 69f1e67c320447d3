import torch

from studyapp.learner import model as m
from studyapp.learner.lab import meta


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


def test_the_closed_form_gradient_is_the_objective_gradient():
    from torch.func import grad

    gen = torch.Generator().manual_seed(0)
    n, p = 40, 7
    args = (torch.randn(p, generator=gen), torch.rand(p, generator=gen) + 0.5, torch.randn(n, generator=gen),
            torch.randn(n, p, generator=gen), torch.where(torch.arange(n) % 2 == 0, 0.25, 0.0),
            (torch.rand(n, generator=gen) > 0.4).float(), torch.rand(n, generator=gen))
    phi = torch.randn(p, generator=gen)
    torch.testing.assert_close(m.objective_gradient(phi, *args), grad(m.objective)(phi, *args))


def test_items_answered_too_rarely_keep_their_starting_parameters():
    vocab = {"common": 0, "rare": 1}
    tasks = [meta.task_from_quiz([("common", k % 2), ("common", 1), ("rare", 0)] if s == 0 else
                                 [("common", (k + s) % 2), ("common", 1)], vocab) for s, k in enumerate(range(8))]
    config = m.default_config(2, hidden=8)
    start = m.init_params(config, seed=0)
    trained = meta.train([(tasks, 1.0)], config, meta.TrainSpec(steps=4, batch=4, min_item_answers=5), start=start)
    assert torch.equal(trained["item_b"][1], start["item_b"][1])  # answered once
    assert torch.equal(trained["item_s"][1], start["item_s"][1])
    assert not torch.equal(trained["item_b"][0], start["item_b"][0])  # answered 16 times
