import json

import pytest

from studyapp.classroom.models import active_model_path
from studyapp.classroom.signing import sign_model, teacher_key
from studyapp.classroom.training import class_start, read_class
from studyapp.cli import main
from studyapp.learner.modelfile import card_path, save_model
from studyapp.learner.runtime import Learner
from studyapp.store.db import connect
from studyapp.study.predictor import model_id


@pytest.fixture
def class_model(class_bundles, tmp_path):
    """An (untrained) class model file: the shipped model extended with the class's items."""
    start = class_start(read_class(class_bundles))
    params = dict(start.params)
    params["item_b"] = params["item_b"].clone()
    params["item_b"][-6:] = 0.7  # differs from the shipped start, so its students' states differ too
    path = tmp_path / "incoming" / "class.safetensors"
    save_model(path, params, start.config, start.items, {"name": "class"})
    sign_model(path, teacher_key(tmp_path / "teacher"))
    return path


def states(data):
    db = connect(data / "studyapp.sqlite3")
    rows = {r["model_id"]: r["n_answers"] for r in db.query("SELECT model_id, n_answers FROM learner_state")}
    db.close()
    return rows


def test_import_installs_readapts_and_rolls_back(class_model, laptop, capsys):
    shipped_id = model_id(Learner.load())
    assert main(["--data-dir", str(laptop), "classroom", "import-model", str(class_model), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["profiles"] == 1 and "Ana" not in json.dumps(report)  # no names or answer counts
    installed = active_model_path(laptop)
    assert installed is not None and installed.is_relative_to(laptop)
    class_id = model_id(Learner.load(installed))
    assert class_id != shipped_id and states(laptop) == {class_id: 6}

    assert main(["--data-dir", str(laptop), "classroom", "rollback"]) == 0
    assert active_model_path(laptop) is None and states(laptop) == {class_id: 6, shipped_id: 6}
    assert main(["--data-dir", str(laptop), "classroom", "rollback"]) == 0  # rollback again: undo
    assert active_model_path(laptop) == installed
    class_model.unlink()  # the installed copy does not depend on the file it came from
    assert Learner.load(active_model_path(laptop)).card["name"] == "class"


def test_rollback_with_nothing_installed(laptop, capsys):
    assert main(["--data-dir", str(laptop), "classroom", "rollback"]) == 1
    assert "shipped model is in use" in capsys.readouterr().err


def flip_byte(path):
    data = bytearray(path.read_bytes())
    data[-3] ^= 0x01
    path.write_bytes(bytes(data))


def grow_items(path):
    card = json.loads(card_path(path).read_text())
    card["items"].append("extra#0")
    card["config"]["n_items"] += 1
    card_path(path).write_text(json.dumps(card))


@pytest.mark.parametrize("tamper, message", [
    (flip_byte, "does not match its card"),
    (grow_items, "does not match its card|wrong shape"),
    (lambda p: card_path(p).unlink(), "card .* is missing"),
    (lambda p: p.rename(p.with_suffix(".pt")), "not a .safetensors model file"),
])
def test_tampered_model_is_refused_and_nothing_changes(class_model, laptop, capsys, tamper, message):
    import re

    tamper(class_model)
    target = class_model if class_model.exists() else class_model.with_suffix(".pt")
    before = states(laptop)
    assert main(["--data-dir", str(laptop), "classroom", "import-model", str(target)]) == 1
    err = capsys.readouterr().err
    assert re.search(message, err) and err.count("\n") == 1
    assert not (laptop / "models").exists() and states(laptop) == before


def test_the_study_session_and_the_installer_agree_on_where_the_class_model_is(tmp_path):
    from studyapp.classroom.models import ACTIVE, _weights, models_root
    from studyapp.paths import active_class_model

    weights = _weights(models_root(tmp_path) / ACTIVE)
    weights.parent.mkdir(parents=True)
    weights.write_bytes(b"")
    assert active_class_model(tmp_path) == weights
