"""A wheel built from the project (not an editable install) carries the decks, models and translations and
runs: built offline from a copy of the source, installed into a fresh virtual environment that borrows the
already-installed dependencies, then `studyapp --smoke-test` offscreen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["pyproject.toml", "setup.py", "README.md", "LICENSE", "studyapp", "resources"]
SHIPPED = ["decks/world-capitals.deck.toml", "decks/multiplication.deck.toml", "decks/compiled-decks.json",
           "models/learner.safetensors", "models/learner.json", "i18n/studyapp_zh_CN.qm", "icons/studyapp.svg"]


def run(*command, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("setuptools")
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:  # a copy: the build writes build/ and *.egg-info beside the sources
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, source / name)
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
        "-w", str(out), str(source))
    (found,) = out.glob("studyapp-*.whl")
    return found


def test_the_wheel_carries_the_shipped_files_and_the_license(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in SHIPPED:
        assert f"studyapp/resources/{name}" in names
    assert not any(name.endswith((".ts", ".ckpt")) for name in names)  # sources and checkpoints stay behind
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    metadata = next(zipfile.ZipFile(wheel).read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Topic :: Education" in metadata


def test_the_installed_wheel_passes_the_smoke_test(wheel, tmp_path):
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    python = venv / "bin" / "python"
    target = Path(run(str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip())
    # The dependencies (torch, Qt) come from the environment running the tests: a path line appends that
    # site-packages after the new one, without running its .pth files (its editable StudyApp stays out).
    (target / "borrowed-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel))

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home"),
           "XDG_DATA_HOME": str(tmp_path / "home" / "data"), "XDG_CONFIG_HOME": str(tmp_path / "home" / "config")}
    env.pop("STUDYAPP_DATA_DIR", None)
    where = run(str(python), "-c", "import studyapp.resources as r; print(r.resources_dir())", env=env, cwd=tmp_path)
    assert Path(where.stdout.strip()) == target / "studyapp" / "resources"

    smoke = run(str(venv / "bin" / "studyapp"), "--data-dir", str(tmp_path / "data"), "--smoke-test", env=env,
                cwd=tmp_path)
    assert "smoke test passed" in smoke.stdout
    decks = run(str(venv / "bin" / "studyapp"), "--data-dir", str(tmp_path / "data"), "decks", "--json", env=env,
                cwd=tmp_path)
    assert '"Geography::World capitals"' in decks.stdout
