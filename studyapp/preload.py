"""The GUI's start: the modules its store thread needs on the way to the first card (sqlite-utils, numpy, the
store, study and assignment code) imported in a background thread from the first moment, while the GUI thread
imports Qt and builds the window. The store thread, started with the window, then finds them loaded instead of
importing them itself (about 0.1-0.2 s, most of it after the window was already on screen)."""

from __future__ import annotations

import importlib
import threading

STORE_MODULES = ("studyapp.workspace", "studyapp.study.overview", "studyapp.study.launch",
                 "studyapp.classroom.assignments")


def start() -> threading.Thread:
    thread = threading.Thread(target=import_store_modules, name="studyapp-preload", daemon=True)
    thread.start()
    return thread


def import_store_modules() -> None:
    for name in STORE_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the store thread imports it again and tells the student what failed
            return
