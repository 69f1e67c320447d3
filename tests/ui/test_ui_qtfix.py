"""Many Qt calls must not use up the references of None and True (PySide6 6.12 on Python 3.11)."""

import sys

from PySide6.QtCore import QObject, Signal

import studyapp.ui  # noqa: F401 - installs the work-around


class Sender(QObject):
    value = Signal(object)


def test_many_calls_and_emits_leave_none_and_true_alive(qtbot):
    sender = Sender()
    received = []
    sender.value.connect(received.append)
    for n in range(20000):
        sender.value.emit(None)
        sender.setObjectName("x")
    assert len(received) == 20000
    assert sys.getrefcount(None) > 20000 and sys.getrefcount(True) > 20000
