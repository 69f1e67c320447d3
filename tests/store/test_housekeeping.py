import subprocess
import sys

from studyapp.store.housekeeping import leftovers
from studyapp.workspace import open_workspace


def make_leftovers(data):
    staging = data / "media" / ".import-k1ll3d"
    staging.mkdir(parents=True)
    (staging / "picture.png").write_bytes(b"half an import")
    (data / "backups").mkdir(exist_ok=True)
    part = data / "backups" / "studyapp-20260101-000000-000000.sqlite3.part"
    part.write_bytes(b"half a backup")
    return [staging, part]


def test_start_up_removes_what_killed_imports_and_backups_left(tmp_path):
    data = tmp_path / "data"
    open_workspace(data).close()
    found = make_leftovers(data)
    assert sorted(leftovers(data)) == sorted(found)
    ws = open_workspace(data)
    assert not any(p.exists() for p in found) and leftovers(data) == []
    assert (data / "media").is_dir() and (data / "backups").is_dir()
    ws.close()


def test_leftovers_are_kept_while_another_process_uses_the_folder(tmp_path):
    # Its import may be running: its staging folder is not a leftover yet.
    data = tmp_path / "data"
    open_workspace(data).close()
    other = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from studyapp.workspace import open_workspace; "
                               "ws = open_workspace(sys.argv[1]); print('open', flush=True); time.sleep(60)",
         str(data)], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "open"
        found = make_leftovers(data)
        open_workspace(data).close()
        assert all(p.exists() for p in found)
    finally:
        other.kill()
        other.wait()
    open_workspace(data).close()  # the other process is gone: now they are leftovers
    assert not any(p.exists() for p in found)
