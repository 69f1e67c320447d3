"""Class models are signed by the teacher's key; a laptop pins the key of its first class model and refuses
models that are unsigned, changed after signing, signed by another key, or far worse than the shipped one."""

from __future__ import annotations

import hashlib
import json
import stat

import pytest
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

from studyapp.classroom import plausibility
from studyapp.classroom.models import active_model_path
from studyapp.classroom.signing import (
    FOLDER,
    PINNED_KEY,
    PRIVATE_KEY,
    sign_model,
    signature_path,
    teacher_fingerprint,
    teacher_key,
)
from studyapp.cli import main
from studyapp.learner.modelfile import card_path


@pytest.fixture(scope="module")
def trained(class_bundles, tmp_path_factory):
    """A class model trained by the teacher's CLI (signed with the teacher's key) and the teacher's data dir."""
    folder = tmp_path_factory.mktemp("teacher")
    out = folder / "class.safetensors"
    code = main(["--data-dir", str(folder / "data"), "classroom", "train", *map(str, class_bundles),
                 "--out", str(out), "--steps", "10", "--holdout", "0.25", "--json"])
    assert code == 0
    return out, folder / "data"


def copy_model(source, target_dir):
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / source.name
    for path in (source, card_path(source), signature_path(source)):
        if path.exists():
            (target_dir / path.name).write_bytes(path.read_bytes())
    return target


def set_difficulties(path, value):
    """Every item difficulty set to `value`, the card's checksum recomputed: a file that passes every check
    but its signature."""
    params = load_tensors(path.read_bytes())
    params["item_b"] = params["item_b"].clone().fill_(value)
    params["new_b"] = params["new_b"].clone().fill_(value)
    data = save_tensors(params)
    path.write_bytes(data)
    card = json.loads(card_path(path).read_text())
    card.update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    card_path(path).write_text(json.dumps(card))


def install(laptop, model, capsys):
    code = main(["--data-dir", str(laptop), "classroom", "import-model", str(model)])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_teacher_key_is_made_once_and_private(tmp_path):
    first = teacher_fingerprint(tmp_path)
    assert teacher_fingerprint(tmp_path) == first and len(first) == 19
    mode = (tmp_path / FOLDER / PRIVATE_KEY).stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_train_signs_and_the_first_import_pins_the_key(trained, laptop, capsys, tmp_path):
    model, teacher = trained
    fingerprint = teacher_fingerprint(teacher)
    assert signature_path(model).is_file()
    code, out, _ = install(laptop, model, capsys)
    assert code == 0 and f"Signed by the key {fingerprint}: check with your teacher" in out
    assert json.loads((laptop / FOLDER / PINNED_KEY).read_text())["fingerprint"] == fingerprint
    assert main(["--data-dir", str(laptop), "classroom", "key", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["trusted_teacher_key"] == fingerprint
    code, out, _ = install(laptop, model, capsys)  # the same teacher's next model
    assert code == 0 and f"Signed by your teacher's key {fingerprint}." in out


def test_a_model_signed_by_another_key_is_refused(trained, laptop, capsys, tmp_path):
    model, teacher = trained
    assert install(laptop, model, capsys)[0] == 0
    installed = active_model_path(laptop).read_bytes()
    other = copy_model(model, tmp_path / "other")
    sign_model(other, teacher_key(tmp_path / "impostor"))
    code, _, err = install(laptop, other, capsys)
    assert code == 1 and err.count("\n") == 1
    assert f"is signed by another key ({teacher_fingerprint(tmp_path / 'impostor')}), not by your teacher's " \
           f"({teacher_fingerprint(teacher)})" in err
    assert active_model_path(laptop).read_bytes() == installed


@pytest.mark.parametrize("tamper, message", [
    (lambda p: signature_path(p).unlink(), "is not signed"),
    (lambda p: signature_path(p).write_text("{}"), "is not signed"),
    (lambda p: set_difficulties(p, 99.0), "was changed after it was signed"),
])
def test_unsigned_or_tampered_models_are_refused_even_first(trained, laptop, capsys, tmp_path, tamper, message):
    model = copy_model(trained[0], tmp_path / "usb")
    tamper(model)
    code, _, err = install(laptop, model, capsys)
    assert code == 1 and message in err and err.count("\n") == 1
    assert active_model_path(laptop) is None and not (laptop / FOLDER / PINNED_KEY).exists()


def test_a_signed_model_far_worse_than_the_shipped_one_is_refused(trained, laptop, capsys, tmp_path):
    """The teacher's own key (stolen, or a training gone wrong): the check set still catches it."""
    model, teacher = trained
    bad = copy_model(model, tmp_path / "bad")
    set_difficulties(bad, 99.0)
    sign_model(bad, teacher_key(teacher))
    code, _, err = install(laptop, bad, capsys)
    assert code == 1 and "predicts far worse than the model StudyApp came with on its check set" in err
    assert active_model_path(laptop) is None


def test_the_trained_model_is_close_to_the_shipped_one_on_the_check_set(trained):
    from studyapp.learner.modelfile import read_model

    card, params = read_model(trained[0])
    extra = plausibility.check_set_log_loss(card, params) - plausibility.shipped_log_loss()
    assert extra < plausibility.MAX_EXTRA_LOG_LOSS / 3


def test_the_check_set_is_made_up_and_reproducible(tmp_path):
    """Generated by the script beside the build tools (nothing from shared/ data): running it again gives the
    same file."""
    import runpy
    from pathlib import Path

    shipped = plausibility.check_set_path().read_bytes()
    script = Path(__file__).resolve().parents[2] / "packaging" / "tools" / "make_check_set.py"
    runpy.run_path(str(script), run_name="make_check_set")["main"](tmp_path / "answers.csv")
    assert (tmp_path / "answers.csv").read_bytes() == shipped
    assert len(shipped.splitlines()) > 300
