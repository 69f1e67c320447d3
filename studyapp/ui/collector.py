"""Garbage collection on the GUI thread only, in pieces small enough not to freeze the window.

Python's cyclic collector runs in whichever thread happens to allocate. When it frees a cycle that
holds Qt wrappers inside a worker thread, PySide6 6.12 hands the deletion to the main thread and
can crash there. So automatic collection is switched off and a timer collects on the GUI thread.

A collection holds the GIL for as long as it walks its objects: half a million after torch has
loaded, a fifth of a second. So the youngest generation is collected as soon as it has grown by
YOUNG objects (checked often), and once start-up is over (`startup_done`) everything alive then is
frozen: the full collections once a minute only walk what was made after it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 100
YOUNG = 10_000        # new container objects that trigger a collection of the youngest generation
FULL_EVERY = 600      # ticks: a full collection once a minute


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ticks = 0
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> None:
        self.ticks += 1
        if self.ticks % FULL_EVERY == 0:
            gc.collect(2)
        elif gc.get_count()[0] >= YOUNG:
            gc.collect(0)


_frozen = False


def startup_done() -> None:
    """The program's long-lived objects (Qt, torch, the model) now exist: keep them out of every later
    collection. Once per process; what is garbage at this moment stays (a little memory, once)."""
    global _frozen
    if not _frozen:
        gc.freeze()
        _frozen = True
