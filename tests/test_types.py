"""The core packages type-check: mypy, with the settings and the file list of pyproject.toml's [tool.mypy], finds
no error, so a new type error fails the suite."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None,
                    reason="mypy is not installed (it comes with the `test` extra: pip install -e '.[test]')")
def test_core_packages_type_check(tmp_path: Path) -> None:
    # A fresh cache: nothing left from an earlier run (or another checkout) can hide an error.
    result = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy_cache")],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
