"""The Classroom menu: answers for the teacher (the name only when chosen), and the class model installed or
taken back in the pool (the model work itself is studyapp.classroom's, tested there; here it is stood in for)."""

import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from studyapp.classroom.bundle import SUFFIX, read_bundle
from studyapp.paths import db_path
from studyapp.ui import classroom
from studyapp.ui.worker import Notice


def add_answer(data_dir, profile="Ada"):
    with sqlite3.connect(db_path(data_dir)) as db:
        profile_id = db.execute("SELECT id FROM profiles WHERE name = ?", [profile]).fetchone()[0]
        item = db.execute("SELECT id FROM items WHERE guid = 'b0'").fetchone()[0]
        db.execute("INSERT INTO answers (profile_id, item_id, answered_ms, correct, grade, shown_ms) "
                   "VALUES (?, ?, 1700000000000, 1, 3, 1699999998000)", [profile_id, item])


def test_bundle_suffix_matches_the_classroom_module():
    assert classroom.BUNDLE_SUFFIX == SUFFIX


def test_answers_for_the_teacher_without_then_with_the_name(qtbot, window, open_profile, data_dir, tmp_path):
    add_answer(data_dir)
    open_profile("Ada")
    window.act_bundle.trigger()
    qtbot.waitUntil(lambda: window.classroom.bundle_dialog is not None and window.classroom.bundle_dialog.isVisible())
    assert not window.classroom.bundle_dialog.with_name.isChecked()
    window.classroom.bundle_dialog.reject()
    with qtbot.waitSignal(window.classroom.finished, timeout=10000):
        window.classroom.export_for_teacher(str(tmp_path / "ada"), False)
    assert "Wrote 1 answer to " in window.classroom.box.text()
    anonymous = read_bundle(tmp_path / f"ada{SUFFIX}")
    assert anonymous.name is None and len(anonymous.answers) == 1
    window.classroom.box.accept()
    with qtbot.waitSignal(window.classroom.finished, timeout=10000):
        window.classroom.export_for_teacher(str(tmp_path / f"named{SUFFIX}"), True)
    assert read_bundle(tmp_path / f"named{SUFFIX}").name == "Ada"
    window.classroom.box.accept()


@pytest.fixture
def stand_in_model_work(monkeypatch):
    loads = []

    def loader(data_dir):
        def load(report):
            loads.append(data_dir)
            raise Notice("no model in this test")
        return load

    monkeypatch.setattr(classroom, "learner_loader", loader)
    return loads


def test_installed_class_model_is_reported_and_the_learner_reloaded(qtbot, window, monkeypatch,
                                                                    stand_in_model_work, data_dir):
    monkeypatch.setattr(classroom, "install_model_work",
                        lambda directory, source: lambda report: (12, 2, "AB12-CD34-EF56-7890", True))
    with qtbot.waitSignal(window.learner_loading.loaded, timeout=10000):
        window.classroom.install_class_model(str(data_dir / "class.safetensors"))
    assert window.classroom.box.icon() == QMessageBox.Information
    assert "knows 12 items); 2 profiles adapted" in window.classroom.box.text()
    assert "signed by the key AB12-CD34-EF56-7890: check with your teacher" in window.classroom.box.text()
    assert stand_in_model_work == [data_dir]
    window.classroom.box.accept()


def test_refused_model_is_one_sentence_and_nothing_reloaded(qtbot, window, monkeypatch, stand_in_model_work):
    def refuse(directory, source):
        def work(report):
            raise Notice(f"{source} is not a .safetensors model file")
        return work

    monkeypatch.setattr(classroom, "install_model_work", refuse)
    with qtbot.waitSignal(window.classroom.finished, timeout=10000):
        window.classroom.install_class_model("notes.txt")
    assert window.classroom.box.icon() == QMessageBox.Warning
    assert window.classroom.box.text() == "notes.txt is not a .safetensors model file."
    assert stand_in_model_work == []
    window.classroom.box.accept()


def test_teachers_dashboard_opens_from_the_menu(qtbot, window):
    window.act_dashboard.trigger()
    dashboard = window.classroom.dashboard
    qtbot.waitUntil(dashboard.isVisible)
    assert dashboard.isWindow() and dashboard.windowTitle() == "Class dashboard"
    window.act_dashboard.trigger()
    assert window.classroom.dashboard is dashboard
    dashboard.close()
