"""Launch budget: the command line and the GUI's start path import nothing their first screen does not need.

pandas came in through sqlite-utils (when the bench extra is installed) and cost about 1.1 s of every start;
the store (sqlite-utils, numpy) came in with the command line's parser. The signing code (cryptography) stays out
too: the GUI names assignment files by studyapp.classroom.assignment_format, not by the module that checks them."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

HEAVY = ("pandas", "sqlite_utils", "numpy", "torch", "matplotlib", "cryptography")


def loaded_after(code: str) -> list[str]:
    script = textwrap.dedent(code) + textwrap.dedent(f"""
        import json, sys
        print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_help_imports_neither_the_store_nor_pandas():
    assert loaded_after("""
        import contextlib, io
        from studyapp.cli import main
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            main(["--help"])
    """) == []


def test_the_gui_start_path_imports_neither_the_store_nor_pandas():
    # What `studyapp` imports on the GUI thread before the first window: the program's options, then the GUI module.
    assert loaded_after("""
        from studyapp.cli import gui_args
        gui_args([])
        import studyapp.ui.app
    """) == []


def test_the_gui_start_path_builds_no_command_parser():
    # Each command's parser comes from its own module; importing them took about 40 ms before the first window.
    script = textwrap.dedent("""
        import sys
        from studyapp.cli import gui_args
        gui_args(["--smoke-test"])
        import studyapp.ui.app
        command_modules = ("commands", "bench_crash", "bench_history", "bench_import")
        print(sorted(m for m in sys.modules if m.endswith(command_modules)))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_sqlite_utils_loads_without_pandas_and_pandas_still_imports_elsewhere():
    pytest.importorskip("pandas")  # the bench extra
    done = subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import sys
        import studyapp
        import sqlite_utils.db
        assert sqlite_utils.db.pd is None and "pandas" not in sys.modules
        import pandas  # anything else that wants pandas still gets it
        print(pandas.Timestamp(0).year)
    """)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1970"


def test_the_assignments_on_the_deck_screen_do_not_import_torch():
    # The deck screen asks the store thread for the assignments before the first card: importing torch there
    # (through the signing code) held the first card back by seconds.
    assert "torch" not in loaded_after("""
        import studyapp.classroom.assignments
        import studyapp.ui.assignments
    """)


def test_listing_the_assignments_imports_no_cryptography(tmp_path):
    # The deck screen lists the assignments in the store thread before a card can be opened: cryptography's import
    # (20-30 ms) is left to signing and checking.
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from studyapp.classroom.assignments import progress
        from studyapp.workspace import open_workspace, resolve_profile
        ws = open_workspace(Path({str(tmp_path)!r}))
        print(progress(ws.db, resolve_profile(ws.db, None)["id"]), "cryptography" in sys.modules)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[]", "False"]


def test_the_statistics_and_the_browser_are_made_when_first_opened():
    # Neither is on the way to the first card; their modules and widgets cost about a tenth of a second of a start.
    script = textwrap.dedent("""
        import sys
        import studyapp.ui.app
        print(sorted(m for m in ("studyapp.ui.browser", "studyapp.ui.statistics") if m in sys.modules))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
