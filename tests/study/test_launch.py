import shutil

from studyapp.classroom.models import ACTIVE, models_root
from studyapp.learner.modelfile import card_path
from studyapp.study.launch import load_learner
from studyapp.learner.runtime import default_model_path


def install_copy(data_dir):
    """The shipped model copied in as an installed class model (what `classroom import-model` leaves)."""
    target = models_root(data_dir) / ACTIVE
    target.mkdir(parents=True)
    weights = target / default_model_path().name
    shutil.copyfile(default_model_path(), weights)
    shutil.copyfile(card_path(default_model_path()), card_path(weights))
    return weights


def test_installed_class_model_is_used(tmp_path):
    weights = install_copy(tmp_path)
    learner, notice = load_learner(tmp_path)
    assert learner is not None and notice is None
    assert learner.card["sha256"]


def test_tampered_class_model_is_refused_and_the_built_in_model_used(tmp_path):
    weights = install_copy(tmp_path)
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    learner, notice = load_learner(tmp_path)
    assert learner is not None and "class model was refused" in notice
    truncated = weights.read_bytes()[:40]
    weights.write_bytes(truncated)
    learner, notice = load_learner(tmp_path)
    assert learner is not None and "class model was refused" in notice
