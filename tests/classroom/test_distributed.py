import os
import subprocess
import sys

import pytest
import torch
from safetensors.torch import load_file

from studyapp.classroom.distributed import FitSpec
from studyapp.classroom.training import class_start, read_class

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.skipif(not torch.distributed.is_available(), reason="this torch build has no torch.distributed")
def test_two_processes_train_the_same_model_as_one(class_bundles, tmp_path):
    out = tmp_path / "two.safetensors"
    env = dict(os.environ, PYTHONPATH=ROOT, OMP_NUM_THREADS="1", CUDA_VISIBLE_DEVICES="")
    done = subprocess.run(
        [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
         "-m", "studyapp.classroom.distributed", *map(str, class_bundles), "--steps", "4", "--batch", "5",
         "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "2 process(es)" in done.stdout
    two = load_file(str(out))
    start = class_start(read_class(class_bundles))
    one = start.fit(start.tasks, FitSpec(steps=4, batch=5))
    assert set(two) == set(one)
    moved = max(float((one[k] - start.params[k]).abs().max()) for k in one)
    assert moved > 1e-3  # training did something, so agreeing means something
    for name in one:
        torch.testing.assert_close(two[name], one[name], rtol=1e-4, atol=1e-5)
