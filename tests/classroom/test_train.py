import json
import sys

import numpy as np
import pytest
import torch
from zips import rewrite

from studyapp.classroom import training
from studyapp.classroom.distributed import FitSpec
from studyapp.classroom.errors import ClassroomError
from studyapp.classroom.training import (
    bundle_log,
    class_start,
    load_start,
    prefix_metrics,
    read_class,
    start_from_quiz,
    train_class,
)
from studyapp.cli import main
from studyapp.learner.lab.meta import task_from_log
from studyapp.learner.modelfile import card_path, read_model
from studyapp.learner.runtime import Learner


def test_starting_class_model_predicts_as_the_shipped_one(class_bundles):
    bundles = read_class(class_bundles)
    start = class_start(bundles)
    shipped = Learner.load()
    as_shipped = [task_from_log(bundle_log(b), shipped.item_index) for b in bundles]
    assert start.items[: len(shipped.card["items"])] == shipped.card["items"]
    assert {k.split("#")[0] for k in start.items[len(shipped.card["items"]):]} == {f"mul{n}" for n in range(6)}
    same = prefix_metrics(shipped.params, shipped.card["config"], as_shipped)
    extended = prefix_metrics(start.params, start.config, start.tasks)
    assert extended["log_loss"] == pytest.approx(same["log_loss"], rel=1e-6)


def test_train_writes_a_checked_model_with_before_and_after(class_bundles, tmp_path, capsys):
    out = tmp_path / "class.safetensors"
    assert main(["classroom", "train", *map(str, class_bundles), "--out", str(out), "--steps", "10",
                 "--holdout", "0.25", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["students"] == 6 and summary["held_out"] == 2 and summary["written"]
    assert summary["after"]["log_loss"] <= summary["before"]["log_loss"]
    card, params = read_model(out)
    assert card["name"] == "class" and card["config"]["n_items"] == len(card["items"])
    assert card["metrics"]["class_held_out"]["after"]["log_loss"] == summary["after"]["log_loss"]
    assert "S0" not in card_path(out).read_text()  # no names or pseudonyms travel in the card
    # the class learned that items 3-5 are harder than items 0-2 for this class
    index = {k.split("#")[0]: i for i, k in enumerate(card["items"])}
    easy = params["item_b"][[index[f"mul{n}"] for n in range(3)]].mean()
    hard = params["item_b"][[index[f"mul{n}"] for n in range(3, 6)]].mean()
    assert easy > hard


def test_a_worse_model_is_refused_and_nothing_is_written(class_bundles, tmp_path, monkeypatch, capsys):
    def sabotage(start, config, tasks, spec, **_):
        """Items the class mostly gets right become very hard, and the other way round."""
        item = torch.cat([torch.from_numpy(t.item) for t in tasks])
        y = torch.cat([torch.from_numpy(t.y) for t in tasks])
        params = {k: v.clone() for k, v in start.items()}
        for i in item.unique().tolist():
            params["item_b"][i] = -8.0 if y[item == i].mean() > 0.5 else 8.0
        params["log_tau"] = params["log_tau"] + 5.0  # and little room to adapt
        return params

    monkeypatch.setattr(training, "fit", sabotage)
    out = tmp_path / "class.safetensors"
    assert main(["classroom", "train", *map(str, class_bundles), "--out", str(out), "--steps", "1"]) == 1
    err = capsys.readouterr().err
    assert "worse" in err and "nothing was written" in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_train_refuses_to_overwrite(class_bundles, tmp_path, capsys):
    existing = tmp_path / "class.safetensors"
    existing.write_bytes(b"keep me")
    assert main(["classroom", "train", *map(str, class_bundles), "--out", str(existing)]) == 1
    assert "already exists" in capsys.readouterr().err and existing.read_bytes() == b"keep me"
    assert main(["classroom", "train", str(class_bundles[0]), "--out", str(tmp_path / "x.bin")]) == 1
    assert ".safetensors" in capsys.readouterr().err


def test_too_few_students(class_bundles, tmp_path):
    start = class_start(read_class(class_bundles[:1]))
    with pytest.raises(ClassroomError, match="at least 2 students"):
        train_class(start, FitSpec(steps=1), 0.2)


def test_bundles_are_never_written_or_extracted(class_bundles, tmp_path, capsys):
    """A bundle whose zip names paths outside it is only read; training cannot write over a bundle."""
    evil = rewrite(class_bundles[0], {"../escaped.txt": b"should never appear",
                                      "/tmp/absolute-escape.txt": b"should never appear"},
                   out=tmp_path / "evil.studybundle")
    before = {p: p.read_bytes() for p in class_bundles}
    assert main(["classroom", "report", str(evil), *map(str, class_bundles[1:])]) == 0
    assert not (tmp_path.parent / "escaped.txt").exists() and not (tmp_path / "escaped.txt").exists()
    target = class_bundles[0].with_suffix(".safetensors")
    target.symlink_to(class_bundles[0])
    assert main(["classroom", "train", *map(str, class_bundles), "--out", str(target)]) == 1
    assert {p: p.read_bytes() for p in class_bundles} == before
    target.unlink()


def test_items_only_keeps_the_population_parameters(class_bundles):
    start = class_start(read_class(class_bundles))
    trained = training.fit(start.params, start.config, start.tasks, FitSpec(steps=5, batch=4, items_only=True))
    for name in ("w1", "phi0", "log_tau", "new_b"):
        assert torch.equal(trained[name], start.params[name])
    assert not torch.equal(trained["item_b"], start.params["item_b"])


def test_items_no_classmate_answered_take_their_skills_difficulty():
    """Fractions are hard for this class and sums easy: an unanswered item of each skill is placed accordingly,
    at its skill's answer-weighted mean; the loadings stay as they start."""
    rng = np.random.default_rng(0)
    students = [[(f"frac{k}", int(rng.random() < 0.2)) for k in range(3)] +
                [(f"sum{k}", int(rng.random() < 0.9)) for k in range(3)] for _ in range(20)]
    skills = {**{f"frac{k}": "fractions" for k in range(4)}, **{f"sum{k}": "sums" for k in range(4)}}
    card, params = load_start(None)
    start = start_from_quiz(card, params, students, skills)
    fitted = start.fit(start.tasks, FitSpec(steps=20))
    b = fitted["item_b"].double().numpy()
    index = {k: i for i, k in enumerate(start.items)}
    assert b[index["sum3"]] > b[index["frac3"]] + 0.5
    answered = [index[f"sum{k}"] for k in range(3)]  # each answered 20 times: the mean is the plain mean
    assert b[index["sum3"]] == pytest.approx(b[answered].mean(), abs=1e-5)
    assert torch.equal(fitted["item_s"], start.params["item_s"])


def test_train_shows_a_progress_bar_on_a_terminal(class_bundles, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["classroom", "train", *map(str, class_bundles), "--out", str(tmp_path / "c.safetensors"),
                 "--steps", "4", "--holdout", "0.25"]) == 0
    err = capsys.readouterr().err
    assert "training" in err and "4/4" in err and "loss=" in err
