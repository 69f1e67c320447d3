"""A work-around for PySide6 6.12 on Python 3.11: its calls return None, True and False without a reference.

Each call of a method returning void or bool then takes one reference from that object, and after some
thousands of calls the interpreter aborts ("deallocating None"). Python 3.12 made these objects
immortal, which hides the fault there. We measure the fault once and, only where it shows, give the
three objects so many references that no session can use them up (what 3.12 does), so a fixed PySide
or a newer Python leaves this inert.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject

PINNED_REFERENCES = 1 << 40


def calls_lose_references() -> bool:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - 100


def install() -> bool:
    """Pin None, True and False if this PySide needs it; True when pinned."""
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > PINNED_REFERENCES or not calls_lose_references():
        return False
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += PINNED_REFERENCES
    return True
