"""packaging/linux/size-report, which ends build-linux: exit status 0 on a bundle of many files.

With `sort -rn | head -8` under pipefail, head closed the pipe while sort still wrote, and the build script
exited 141 (SIGPIPE) after a successful build."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "linux" / "size-report"

pytestmark = pytest.mark.skipif(shutil.which("bash") is None or shutil.which("du") is None,
                                reason="needs bash and GNU coreutils")


def test_size_report_exits_0_on_a_bundle_of_many_files(tmp_path):
    bundle = tmp_path / "studyapp"
    internal = bundle / "_internal"
    for n in range(60):  # far more lines than a pipe buffer holds once sorted
        folder = internal / f"package_{n:02d}"
        folder.mkdir(parents=True)
        for m in range(60):
            (folder / f"module_with_a_long_name_{m:03d}.py").write_bytes(b"x" * (n * 60 + m))
    (bundle / "studyapp").write_bytes(b"\x7fELF" + b"\0" * 50)
    tarball, deb = tmp_path / "studyapp.tar.gz", tmp_path / "studyapp.deb"
    tarball.write_bytes(b"\0" * 1000)
    deb.write_bytes(b"\0" * 800)

    done = subprocess.run(["bash", str(SCRIPT), str(bundle), str(tarball), str(deb)], capture_output=True, text=True,
                          timeout=60)

    assert done.returncode == 0, done.stderr
    largest_files = done.stdout.split("-- largest files\n", 1)[1].splitlines()
    assert len(largest_files) == 8
    assert largest_files[0].split()[0] == "_internal/package_59/module_with_a_long_name_059.py"
    assert "target <= 700 MB" in done.stdout
