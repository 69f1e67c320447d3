"""The adaptation's projection and the network's correction: what keeps recall from rising with time."""

import numpy as np
import torch

from studyapp.learner import features as feat
from studyapp.learner import model as m
from studyapp.learner.runtime import Learner

P = 1 + 3 + len(m.H_COLS)
ACROSS, SAME_DAY, ELAPSED = (P + k for k in (m.RECALL_ACROSS, m.RECALL_SAME_DAY, m.LOG_ELAPSED))


def readings(phi, phi0):
    """The memory weights rows see: phi where the population predicts, phi - phi0 on anchored flashcards."""
    return phi, phi - phi0


def test_projection_bounds_both_readings_and_keeps_what_already_fits():
    gen = torch.Generator().manual_seed(0)
    for _ in range(200):
        phi0 = torch.randn(P, generator=gen)
        phi = 3 * torch.randn(P, generator=gen)
        out = m.project(phi, phi0)
        for u in readings(out, phi0):
            assert u[ACROSS] >= -1 - 1e-6 and u[SAME_DAY] >= -1 - 1e-6 and u[ELAPSED] <= 1e-6
        others = [k for k in range(P) if k not in (ACROSS, SAME_DAY, ELAPSED)]
        assert torch.equal(out[others], phi[others])
        assert torch.equal(m.project(out, phi0), out)


def test_projection_is_the_nearest_point():
    phi0 = torch.zeros(P)
    phi = torch.zeros(P)
    phi[ACROSS], phi[SAME_DAY], phi[ELAPSED] = -1.7, 0.4, 0.3
    out = m.project(phi, phi0)
    assert out[ACROSS] == -1.0 and out[SAME_DAY] == 0.4 and out[ELAPSED] == 0.0


def test_every_adaptation_step_stays_within_the_bounds():
    """Answers that reward recall rising with time (wrong soon after, right long after) pull the weights
    out of bounds; each step is projected back."""
    n = 200
    rng = np.random.default_rng(1)
    elapsed = rng.uniform(0, 5, n)
    h = np.zeros((n, len(m.H_COLS)), np.float32)
    h[:, m.LOG_ELAPSED] = elapsed
    h[:, m.RECALL_ACROSS] = 3 - elapsed
    design = torch.from_numpy(np.concatenate([np.ones((n, 1)), np.zeros((n, 3)), h], 1).astype(np.float32))
    y = torch.from_numpy((elapsed > 2.5).astype(np.float32))
    phi0 = torch.zeros(P)
    tau = torch.full((P,), 0.01)
    phi = phi0
    for _ in range(5):
        phi = m.newton_step(phi, phi0, tau, torch.zeros(n), design, torch.zeros(n), y, torch.ones(n))
        assert phi[ACROSS] >= -1 and phi[ELAPSED] <= 0
    free = m.adapt(phi0, phi0, tau, torch.zeros(n), design, torch.zeros(n), y, torch.ones(n), 0)
    assert torch.equal(free, phi0)


def test_a_coordinate_held_at_its_bound_does_not_spoil_the_others():
    """Answers right more often long after (the weight on log elapsed time wants to be positive): the bounded
    adaptation reaches what adapting without that column reaches, the weight held at 0."""
    n = 300
    rng = np.random.default_rng(2)
    design = np.zeros((n, P), np.float32)
    design[:, 0] = 1
    design[:, 1:4] = rng.normal(size=(n, 3))
    design[:, ELAPSED] = rng.uniform(0, 4, n)
    design[:, ACROSS] = rng.uniform(-1, 4, n)
    y = torch.from_numpy((rng.random(n) < 1 / (1 + np.exp(-0.8 * design[:, ELAPSED] + 1))).astype(np.float32))
    phi0, tau, zeros = torch.zeros(P), torch.full((P,), 0.5), torch.zeros(n)
    bounded = m.adapt(phi0, phi0, tau, zeros, torch.from_numpy(design), zeros, y, torch.ones(n), 5)
    design[:, ELAPSED] = 0
    without = m.adapt(phi0, phi0, tau, zeros, torch.from_numpy(design), zeros, y, torch.ones(n), 5)
    assert bounded[ELAPSED] == 0
    torch.testing.assert_close(bounded, without, rtol=0, atol=1e-5)


def test_the_correction_does_not_change_with_time():
    params = Learner.load().params
    states = np.zeros((4, feat.STATE_WIDTH))
    states[:3, 0], states[:3, 1], states[:3, 3] = 3, 2, 1e9
    states[:3, 6], states[:3, 7] = [0.5, 5.0, 300.0], 5.0
    residuals = []
    for wait in (60.0, 3600.0, 86400.0, 30 * 86400.0, 365 * 86400.0):
        feats = torch.from_numpy(feat.features(states, 1e9 + wait))
        residuals.append(m.memory_terms(params, feats)[1])
    for later in residuals[1:]:
        assert torch.equal(later, residuals[0])


def test_frozen_features_are_those_at_the_last_answer():
    states = np.zeros((3, feat.STATE_WIDTH))
    states[:2, 0], states[:2, 3], states[:2, 6] = 2, 1e9, [0.3, 40.0]
    at_answer = feat.features(states, 1e9)
    later = torch.from_numpy(feat.features(states, 1e9 + 9 * 86400.0))
    np.testing.assert_array_equal(m.frozen_in_time(later).numpy(), at_answer)
