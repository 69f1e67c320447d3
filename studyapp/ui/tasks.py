"""Running slow work (model loading, imports) in Qt's thread pool, with results delivered by signals."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from studyapp.ui.worker import describe_error


class TaskSignals(QObject):
    progress = Signal(str)        # a stage the task has reached, for the progress text
    done = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """fn(report) runs in a pool thread; report(stage) sends progress; its return value is sent by `done`."""

    def __init__(self, fn: Callable[[Callable[[str], None]], object]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = TaskSignals()

    def run(self) -> None:
        try:
            value = self.fn(self.signals.progress.emit)
        except Exception as exc:  # noqa: BLE001 - every failure reaches the screen as one sentence
            self.signals.failed.emit(describe_error(exc))
            return
        self.signals.done.emit(value)


def start_task(fn, done: Callable | None = None, failed: Callable | None = None,
               progress: Callable | None = None) -> Task:
    task = Task(fn)
    for signal, slot in ((task.signals.done, done), (task.signals.failed, failed),
                         (task.signals.progress, progress)):
        if slot is not None:
            signal.connect(slot)
    QThreadPool.globalInstance().start(task)
    return task
