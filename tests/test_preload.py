"""The GUI's start imports its store thread's modules in the background, before Qt, and never fails because of it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from studyapp import preload


def run_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1]


def test_the_store_modules_load_in_the_background_without_qt():
    loaded = json.loads(run_python("""
        import json, sys
        from studyapp import preload
        preload.start().join()
        print(json.dumps([sorted(m for m in preload.STORE_MODULES if m in sys.modules), "PySide6" in sys.modules]))
    """))
    assert loaded == [sorted(preload.STORE_MODULES), False]


def test_a_module_that_fails_to_import_is_left_to_the_store_thread(monkeypatch):
    monkeypatch.setattr(preload, "STORE_MODULES", ("studyapp.no_such_module",))
    preload.import_store_modules()  # no exception here: the store thread's own import reports it
    assert "studyapp.no_such_module" not in sys.modules


def test_a_gui_start_begins_the_preload_before_qt_is_imported():
    # The GUI module is replaced by one that reports, when the GUI would start, what has begun by then.
    started = json.loads(run_python("""
        import json, sys, threading, types
        from studyapp import preload

        def run_gui(args):
            began = any(t.name == "studyapp-preload" for t in threading.enumerate()) or all(
                m in sys.modules for m in preload.STORE_MODULES)
            print(json.dumps([began, "PySide6" in sys.modules]))
            return 0

        sys.modules["studyapp.ui"] = types.ModuleType("studyapp.ui")
        sys.modules["studyapp.ui.app"] = types.SimpleNamespace(run_gui=run_gui)
        from studyapp.cli import main
        main([])
    """))
    assert started == [True, False]
