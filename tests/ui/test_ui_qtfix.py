"""Many Qt calls must not abort the interpreter (PySide6 6.12 on Python 3.11 loses a reference of None, True or
False on each call returning void or bool; studyapp.ui pins them, see studyapp/ui/qtfix.py).

Each check runs the calls in a fresh interpreter and looks at how it ends, which means the same on every Python:
the reference counts themselves say nothing on 3.12+, where None, True and False are immortal."""

import subprocess
import sys

from studyapp.ui.qtfix import calls_lose_references

CALLS = """
import sys
from PySide6.QtCore import QObject, Signal

start = sys.getrefcount(None)  # before the work-around; far more than any loop here where they are immortal
{setup}

class Sender(QObject):
    value = Signal(object)

sender = Sender()
received = []
sender.value.connect(received.append)
for _ in range(min(3 * start, 200_000)):  # three times the references None had: enough to use them all up
    sender.setObjectName("x")      # returns void: None
    sender.blockSignals(False)     # returns bool
    sender.value.emit(None)
print(len(received))
"""


def run_calls(setup: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CALLS.format(setup=setup)], capture_output=True, text=True,
                          timeout=300)


def test_many_calls_and_emits_leave_the_interpreter_alive():
    done = run_calls("import studyapp.ui  # installs the work-around")
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout) > 0


def test_without_the_work_around_the_same_calls_abort_exactly_where_the_fault_is_measured():
    # So the test above can fail: its calls are enough to abort an interpreter that has the fault.
    done = run_calls("")
    assert (done.returncode != 0) == calls_lose_references(), (done.returncode, done.stderr[-2000:])
