"""The classroom evaluation compares the class model with IRT fitted on the same pooled class, not only with the
model it started from."""

import json

import numpy as np

from studyapp.classroom import evaluate_class
from studyapp.learner.lab.simulate import simulate_quiz


def test_class_model_is_compared_with_irt_on_the_same_pooled_class(tmp_path, capsys):
    students = simulate_quiz(np.linspace(-1.5, 1.5, 14), np.ones(14), 30, seed=3)
    lines = []
    for k, (_, responses) in enumerate(students):
        items = [i[4:] for i, _ in responses]
        lines += [f"{len(items)},s{k}", ",".join(items), ",".join(str(int(i) % 4) for i in items),
                  ",".join(str(c) for _, c in responses)]
    (tmp_path / "assist2009_pid_test1.csv").write_text("\n".join(lines) + "\n")
    assert evaluate_class.main(["--data", str(tmp_path), "--class-size", "25", "--steps", "2", "--classes", "2",
                                "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    first = out["classes"][0]
    assert set(first["auc"]) == set(evaluate_class.MODELS)
    for n in ("1", "3", "5", "10"):
        best = out["mean_gain"]["over_best_irt"][n]
        assert best["baseline"] in evaluate_class.IRT_MODELS
        gains = [c["auc"]["pooled"][n] - c["auc"][best["baseline"]][n] for c in out["classes"]]
        assert best["mean"] == np.mean(gains) and best["se"] is not None
