"""Data-parallel gradient sums (studyapp.learner.lab.parallel), on a one-process gloo group."""

import pytest
import torch
import torch.distributed as dist

from studyapp.learner.lab import parallel

pytestmark = pytest.mark.skipif(not dist.is_available(), reason="torch.distributed is not available")


@pytest.fixture
def group(tmp_path):
    dist.init_process_group("gloo", init_method=f"file://{tmp_path / 'store'}", rank=0, world_size=1)
    yield
    dist.destroy_process_group()


def test_a_tensor_without_a_gradient_counts_as_zero(group):
    # A parameter this rank's loss did not reach has grad None: sum_gradients crashed on it (found by mypy),
    # which under torchrun leaves the other ranks waiting in the collective.
    used, unused = torch.ones(3, requires_grad=True), torch.ones(2, requires_grad=True)
    (2 * used).sum().backward()
    parallel.sum_gradients([used, unused])
    assert used.grad.tolist() == [2.0, 2.0, 2.0]
    assert unused.grad is not None and unused.grad.tolist() == [0.0, 0.0]
