"""The modules packaging/studyapp.spec leaves out of the frozen bundle are never imported by what a student or a
teacher runs: a terminal study session with the learner (prediction and adaptation after each answer), a teacher's
`classroom train` (an optimizer step imports torch._dynamo, and through it sympy and parts of torch._inductor), and
every GUI module. Runs them in a fresh interpreter and compares its sys.modules with the spec's EXCLUDED_MODULES."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "studyapp.spec"

RUN = """
import io, json, pkgutil, sys
sys.path.insert(0, {classroom_tests!r})
from pathlib import Path
from conftest import NOW, PATTERNS, make_db, study
from studyapp.classroom.bundle import export_bundle
from studyapp.cli import main
import studyapp.ui

work = Path({work!r})
sys.stdin = io.StringIO("3\\n1\\n3\\n")
assert main(["--data-dir", str(work / "student"), "study", "--deck", "Geography::World capitals", "--script"]) == 0
db = make_db(work / "teacher.sqlite3")
bundles = []
for k, pattern in enumerate(PATTERNS):
    bundles.append(str(work / f"s{{k}}.studybundle"))
    export_bundle(db, study(db, f"S{{k}}", pattern, NOW + k * 60_000), Path(bundles[-1]))
db.close()
assert main(["--data-dir", str(work / "teacher"), "classroom", "train", *bundles, "--out",
             str(work / "class.safetensors"), "--steps", "2", "--json"]) == 0
for module in pkgutil.walk_packages(studyapp.ui.__path__, "studyapp.ui."):
    __import__(module.name)
(work / "modules.json").write_text(json.dumps(sorted(sys.modules)))
"""


def excluded_modules() -> list[str]:
    """The spec's EXCLUDED_MODULES list, evaluated on its own (the spec needs PyInstaller to run)."""
    for node in ast.parse(SPEC.read_text()).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "EXCLUDED_MODULES":
            return eval(compile(ast.Expression(node.value), str(SPEC), "eval"), {})
    raise AssertionError("the spec has no EXCLUDED_MODULES")


def test_the_spec_leaves_out_torch_parts_and_bindings():
    excluded = excluded_modules()
    assert {"torch._inductor.codegen", "torch.distributed.elastic", "PySide6.QtOpenGL", "PySide6.QtWebEngineCore"} \
        <= set(excluded)


def test_studying_training_and_the_gui_import_nothing_the_bundle_leaves_out(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STUDYAPP_DATA_DIR": str(tmp_path / "default")}
    script = RUN.format(classroom_tests=str(ROOT / "tests" / "classroom"), work=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600, env=env,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    imported = json.loads((tmp_path / "modules.json").read_text())
    assert "torch._dynamo" in imported and "studyapp.ui.study" in imported  # the runs reached what they should
    excluded = excluded_modules()
    ours = [name for name in imported if name.split(".")[0] not in ("pytest", "_pytest")]  # the classroom conftest's
    left_out = [name for name in ours if any(name == x or name.startswith(x + ".") for x in excluded)]
    assert left_out == []
