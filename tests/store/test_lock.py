import os
import subprocess
import sys

import pytest

from studyapp.store.db import StoreError
from studyapp.store.lock import LOCK_NAME, DataDirLock


def test_second_lock_on_the_same_folder_is_refused_with_a_clear_message(tmp_path):
    with DataDirLock(tmp_path):
        with pytest.raises(StoreError, match="already open on this data folder"):
            DataDirLock(tmp_path).acquire()
    DataDirLock(tmp_path).acquire()  # released: free again


def test_lock_left_by_a_dead_process_is_taken_over(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    import socket

    (tmp_path / LOCK_NAME).write_text(f"{dead.stdout.strip()}\n{socket.gethostname()}")
    lock = DataDirLock(tmp_path)
    lock.acquire()
    assert (tmp_path / LOCK_NAME).read_text().startswith(str(os.getpid()))
