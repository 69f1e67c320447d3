import json

import numpy as np
import pytest
import torch
from safetensors.torch import save as save_tensors

from studyapp.learner import model as m
from studyapp.learner.modelfile import card_path, save_model
from studyapp.learner.runtime import Answer, ItemInfo, Learner, ModelError, default_model_path

DAY = 86400.0


def card(key, kind="basic", n_options=0):
    return ItemInfo(key, kind, n_options)


def test_shipped_model_loads_and_knows_the_fraction_deck():
    learner = Learner.load()
    assert learner.card["format"] == "studyapp-learner"
    keys = [f"fractions-Item{j:02d}#0" for j in range(1, 21)]
    assert set(keys) <= set(learner.card["items"])
    assert default_model_path().stat().st_size <= 5 * 1024 * 1024
    p = learner.student([]).predict([card(k, "typed") for k in keys], 0.0)
    assert p.dtype == np.float64 and p.shape == (20,)
    assert np.all((p > 0) & (p < 1))
    assert p.std() > 0.02  # learned difficulties differ between items


def test_no_history_gives_the_population_model(tiny_model):
    learner = Learner.load(tiny_model)
    student = learner.student([])
    student.adapt()  # nothing to adapt on: stays at the meta-learned start
    assert torch.equal(student.phi, learner.params["phi0"])
    p = student.predict([card("fractions-Item01#0"), card("never-seen#0")], 100.0)
    assert p.shape == (2,) and np.all((p > 0) & (p < 1))


def test_choice_items_never_fall_below_the_guessing_rate(tiny_model):
    student = Learner.load(tiny_model).student([])
    failures = [Answer(card(f"c{k}#0", "choice", 4), k * 60.0, 0, None) for k in range(30)]
    for answer in failures:
        student.observe(answer)
    student.adapt()
    p = student.predict([card("new#0", "choice", 4), card("tf#0", "truefalse", 2)], 3600.0)
    assert p[0] >= 0.25 and p[1] >= 0.5


def test_adaptation_follows_the_student(tiny_model):
    learner = Learner.load(tiny_model)
    item = [card("fractions-Item03#0")]
    history = [Answer(card(f"x{k}#0"), k * 30.0, 0, 1) for k in range(40)]
    weak = learner.student(history)
    before = weak.predict(item, 2000.0)[0]
    weak.adapt()
    assert weak.predict(item, 2000.0)[0] < before
    strong = learner.student([Answer(card(f"x{k}#0"), k * 30.0, 1, 3) for k in range(40)])
    strong.adapt()
    assert strong.predict(item, 2000.0)[0] > weak.predict(item, 2000.0)[0]


def test_observe_is_the_same_as_building_from_history(tiny_model):
    learner = Learner.load(tiny_model)
    history = [Answer(card(f"c{k % 3}#0"), k * DAY, k % 2, None) for k in range(9)]
    whole = learner.student(history)
    incremental = learner.student(history[:4])
    for answer in history[4:]:
        incremental.observe(answer)
    whole.adapt()
    incremental.adapt()
    items = [card("c0#0"), card("c1#0"), card("c2#0"), card("new#0")]
    np.testing.assert_allclose(whole.predict(items, 10 * DAY), incremental.predict(items, 10 * DAY), rtol=1e-5)
    assert whole.n_answers == 9


def test_forgetting_lowers_recall_over_time(sim_logs, tiny_model):
    learner = Learner.load(tiny_model)
    student = learner.student([Answer(card("a#0"), 0.0, 1, 3), Answer(card("a#0"), 2 * DAY, 1, 3)])
    p = student.predict([card("a#0")], 3 * DAY), student.predict([card("a#0")], 300 * DAY)
    assert p[0][0] != p[1][0]


def test_state_bytes_round_trip(tiny_model):
    learner = Learner.load(tiny_model)
    history = [Answer(card(f"c{k}#0"), k * 60.0, 0, 1) for k in range(20)]
    student = learner.student(history)
    student.adapt()
    data = student.state_bytes()
    assert isinstance(data, bytes) and b"phi" in data
    restored = learner.student(history, data)
    items = [card("c1#0"), card("fractions-Item02#0")]
    np.testing.assert_allclose(restored.predict(items, 5000.0), student.predict(items, 5000.0))


@pytest.mark.parametrize("state", [b"garbage", save_tensors({"phi": torch.zeros(3)}),
                                   save_tensors({"phi": torch.full((8,), float("nan"))})])
def test_bad_state_is_a_model_error(tiny_model, state):
    with pytest.raises(ModelError):
        Learner.load(tiny_model).student([], state)


def test_diverging_adaptation_keeps_the_last_good_state(tiny_model, monkeypatch):
    student = Learner.load(tiny_model).student([Answer(card("a#0"), 0.0, 1, 3)])
    good = student.phi.clone()
    monkeypatch.setattr(m, "newton_step", lambda phi, *args: phi * float("nan"))
    student.adapt()
    assert torch.equal(student.phi, good)
    assert np.all(np.isfinite(student.predict([card("a#0")], 10.0)))


def _copy(tiny_model, tmp_path):
    target = tmp_path / "m.safetensors"
    target.write_bytes(tiny_model.read_bytes())
    card_path(target).write_text(card_path(tiny_model).read_text())
    return target


@pytest.mark.parametrize("damage, words", [
    (lambda p: p.unlink(), "missing"),
    (lambda p: card_path(p).unlink(), "missing"),
    (lambda p: p.write_bytes(p.read_bytes()[:-10]), "truncated"),
    (lambda p: p.write_bytes(p.read_bytes()[:-1] + b"\x00"), "tampered"),
    (lambda p: card_path(p).write_text("{not json"), "cannot be read"),
])
def test_damaged_model_files_raise_one_clear_error(tiny_model, tmp_path, damage, words):
    path = _copy(tiny_model, tmp_path)
    damage(path)
    with pytest.raises(ModelError, match=words):
        Learner.load(path)


def test_wrong_version_and_out_of_range_values_are_refused(tiny_model, tmp_path):
    path = _copy(tiny_model, tmp_path)
    data = json.loads(card_path(path).read_text())
    data["version"] = 99
    card_path(path).write_text(json.dumps(data))
    with pytest.raises(ModelError, match="version"):
        Learner.load(path)
    learner = Learner.load(tiny_model)
    params = dict(learner.params, phi0=torch.full_like(learner.params["phi0"], 1e6))
    save_model(path, params, learner.config, learner.card["items"], {})
    with pytest.raises(ModelError, match="out of range"):
        Learner.load(path)
    params = dict(learner.params, w1=torch.zeros(3, 3))
    save_model(path, params, learner.config, learner.card["items"], {})
    with pytest.raises(ModelError, match="shape"):
        Learner.load(path)
    # The adaptation's projection knows which memory columns change with time: other columns are refused.
    save_model(path, learner.params, dict(learner.config, h_cols=[12, 8, 7, 0, 3, 9]), learner.card["items"], {})
    with pytest.raises(ModelError, match="configuration"):
        Learner.load(path)


def test_runtime_imports_no_offline_tooling():
    import subprocess
    import sys

    code = ("import sys, studyapp.learner.runtime; "
            "print(' '.join(m for m in sys.modules if m.startswith(('studyapp', 'fsrs', 'matplotlib'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert not {"fsrs", "matplotlib"} & set(loaded)
    offline = ("meta", "training", "evaluate_memory", "evaluate_quiz", "baselines", "simulate", "bench", "data")
    assert not [m for m in loaded if m.rsplit(".", 1)[-1] in offline]


def test_measured_figures_go_into_the_card_without_touching_the_weights(tiny_model, tmp_path):
    from studyapp.learner.modelfile import record_metrics

    path = _copy(tiny_model, tmp_path)
    record_metrics(path, "memory:x.csv", {"folds": {"ours": {"logloss": 0.4}}})
    assert Learner.load(path).card["metrics"]["memory:x.csv"]["folds"]["ours"]["logloss"] == 0.4


def test_information_prefers_items_the_model_is_unsure_about(tiny_model):
    student = Learner.load(tiny_model).student([Answer(card("fractions-Item01#0", "typed"), 0.0, 1, None)])
    info = student.information([card("fractions-Item02#0", "typed"), card("x#0", "choice", 2)], 10.0)
    assert info.shape == (2,) and np.all(info >= 0)
