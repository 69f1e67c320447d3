import sqlite3
import time

import pytest

from studyapp.store import queries
from studyapp.store.backup import (
    backup_if_due,
    check_database,
    create_backup,
    list_backups,
    list_pre_restore,
    restore_backup,
)
from studyapp.store.db import StoreError, connect


@pytest.fixture
def live(tmp_path):
    path = tmp_path / "studyapp.sqlite3"
    db = connect(path)
    queries.add_profile(db, "Ana")
    return tmp_path, path, db


def test_backup_is_a_consistent_copy_and_old_ones_are_pruned(live):
    data, path, db = live
    for _ in range(4):
        create_backup(path, data, keep=3)
        time.sleep(0.01)
    backups = list_backups(data)
    assert len(backups) == 3 and backups[0].created >= backups[-1].created
    check_database(backups[0].path)
    copy = sqlite3.connect(backups[0].path)
    assert copy.execute("SELECT name FROM profiles").fetchall() == [("Ana",)]


def test_backup_if_due_makes_at_most_one_a_day(live):
    data, path, _ = live
    assert backup_if_due(path, data, keep=5) is not None
    assert backup_if_due(path, data, keep=5) is None
    assert backup_if_due(path, data, keep=5, min_age_s=0) is not None


def test_restore_replaces_a_damaged_database_and_keeps_the_old_file(live):
    data, path, db = live
    create_backup(path, data, keep=5)
    db.close()
    path.write_bytes(b"garbage" * 1000)
    with pytest.raises(StoreError):
        connect(path)
    done = restore_backup(path, data)
    assert [p["name"] for p in queries.list_profiles(connect(path))] == ["Ana"]
    assert done.kept.read_bytes().startswith(b"garbage") and done.kept in [b.path for b in list_pre_restore(data)]


def test_restore_refuses_unknown_names_and_foreign_files(live):
    data, path, _ = live
    with pytest.raises(StoreError, match="no backups"):
        restore_backup(path, data)
    create_backup(path, data, keep=5)
    with pytest.raises(StoreError, match="no backup named"):
        restore_backup(path, data, "nope.sqlite3")
    foreign = list_backups(data)[0].path
    foreign.unlink()
    sqlite3.connect(foreign).execute("CREATE TABLE other(x)")
    with pytest.raises(StoreError, match="not a StudyApp database"):
        restore_backup(path, data)


def profile_names(path):
    db = connect(path)
    try:
        return [p["name"] for p in queries.list_profiles(db)]
    finally:
        db.close()


@pytest.mark.parametrize("folder", ["class #3", "what?", "caf%41"])
def test_backup_in_a_folder_whose_name_sqlite_would_read_as_a_uri(tmp_path, folder):
    data = tmp_path / folder / "data"
    data.mkdir(parents=True)
    db = connect(data / "studyapp.sqlite3")
    queries.add_profile(db, "Ana")
    before = sorted(p.name for p in tmp_path.rglob("*") if "data" not in p.parts)
    backup = create_backup(data / "studyapp.sqlite3", data, keep=5)
    check_database(backup.path)
    assert profile_names(backup.path) == ["Ana"]  # the real data, not an empty 4 KB file
    assert sorted(p.name for p in tmp_path.rglob("*") if "data" not in p.parts) == before  # no stray file
    db.close()
    restore_backup(data / "studyapp.sqlite3", data, backup.name)
    assert profile_names(data / "studyapp.sqlite3") == ["Ana"]


def test_backup_on_a_full_disk_is_one_sentence_and_leaves_no_part_file(live, monkeypatch):
    data, path, _ = live
    from studyapp.store import backup as module

    monkeypatch.setattr(module, "_stamp", lambda now: "20260101-000000-000000")
    (data / "backups").mkdir()
    part = data / "backups" / "studyapp-20260101-000000-000000.sqlite3.part"
    part.symlink_to("/dev/full")  # every write there fails with ENOSPC, as on a full disk
    with pytest.raises(StoreError, match="^no backup was made: the disk is full"):
        create_backup(path, data, keep=5)
    assert not part.exists() and not part.is_symlink() and list_backups(data) == []


def test_backup_into_a_read_only_folder_is_one_sentence(live):
    data, path, _ = live
    (data / "backups").mkdir()
    (data / "backups").chmod(0o555)
    try:
        with pytest.raises(StoreError, match="^no backup was made: the folder .* is read-only"):
            create_backup(path, data, keep=5)
    finally:
        (data / "backups").chmod(0o755)


def test_every_restore_keeps_its_own_pre_restore_copy(live):
    data, path, db = live
    backup = create_backup(path, data, keep=5)
    kept = []
    for name in ("Ben", "Cy"):
        queries.add_profile(db, name)  # new data since the backup, which each restore replaces
        db.close()
        kept.append(restore_backup(path, data, backup.name).kept)
        db = connect(path)
    assert [profile_names(k) for k in kept] == [["Ana", "Ben"], ["Ana", "Cy"]]  # both kept, none overwritten
    assert sorted(b.path for b in list_pre_restore(data)) == sorted(kept)
    assert len(list_backups(data)) == 1  # pre-restore copies are not pruned with the backups


def test_restore_needs_the_pin_of_each_protected_profile_it_would_overwrite(live):
    from studyapp.store.pin import pin_checker, set_pin

    data, path, db = live
    ana = queries.find_profile(db, "Ana")["id"]
    ben = queries.add_profile(db, "Ben")
    set_pin(db, ana, "1111")
    set_pin(db, ben, "2222")
    backup = create_backup(path, data, keep=5)
    queries.add_profile(db, "Cy")
    db.execute("UPDATE profiles SET settings = '{\"new_per_day\": 5}' WHERE id = ?", [ben])  # Ben changes; Ana not
    db.close()
    asked = []

    def ask(name):
        asked.append(name)
        return {"Ben": "0000"}.get(name)

    with pytest.raises(StoreError, match="'Ben' is protected by a PIN; that PIN is wrong"):
        restore_backup(path, data, backup.name, check_pins=pin_checker(path, ask))
    assert asked == ["Ben"] and profile_names(path) == ["Ana", "Ben", "Cy"]  # nothing restored
    restore_backup(path, data, backup.name, check_pins=pin_checker(path, {"Ben": "2222"}.get))
    assert profile_names(path) == ["Ana", "Ben"]


KILL_AT_STEP = """
import os, shutil, signal, sys
from pathlib import Path
from studyapp.store.backup import restore_backup

steps = [0]
def step(fn):
    def wrapped(*args, **kwargs):
        steps[0] += 1
        if steps[0] == int(sys.argv[2]):
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*args, **kwargs)
    return wrapped
os.replace, os.rename, os.unlink, shutil.copyfile, os.fsync = (
    step(os.replace), step(os.rename), step(os.unlink), step(shutil.copyfile), step(os.fsync))
data = Path(sys.argv[1])
restore_backup(data / "studyapp.sqlite3", data, sys.argv[3])
print("finished")
"""


def test_restore_killed_at_any_step_leaves_the_old_or_the_restored_database(tmp_path):
    import subprocess
    import sys

    from studyapp.workspace import open_workspace

    data = tmp_path / "data"
    ws = open_workspace(data)
    queries.add_profile(ws.db, "Ana")
    backup = create_backup(ws.db_path, data, keep=5)
    queries.add_profile(ws.db, "Ben")  # only in the current database
    ws.close()
    outcomes = set()
    for kill_at in range(1, 40):
        run = subprocess.run([sys.executable, "-c", KILL_AT_STEP, str(data), str(kill_at), backup.name],
                             capture_output=True, text=True)
        assert run.returncode in (0, -9), run.stderr
        ws = open_workspace(data)  # the next start: never an empty database in place of the data
        names = [p["name"] for p in queries.list_profiles(ws.db)]
        assert names in (["Ana"], ["Ana", "Ben"]), (kill_at, names)
        outcomes.add(tuple(names))
        if names == ["Ana"]:
            queries.add_profile(ws.db, "Ben")  # back to the state before the restore, for the next kill
        ws.close()
        if run.returncode == 0:
            break
    assert run.returncode == 0 and outcomes == {("Ana",), ("Ana", "Ben")}


def test_a_missing_database_after_an_interrupted_restore_is_not_replaced_by_an_empty_one(tmp_path):
    import json

    from studyapp.workspace import open_workspace

    data = tmp_path / "data"
    ws = open_workspace(data)
    queries.add_profile(ws.db, "Ana")
    ws.close()
    (data / "restore-in-progress.json").write_text(json.dumps({"backup": "studyapp-x.sqlite3"}))
    for suffix in ("", "-wal", "-shm"):
        (data / f"studyapp.sqlite3{suffix}").unlink(missing_ok=True)
    with pytest.raises(StoreError, match="a restore of studyapp-x.sqlite3 was interrupted and studyapp.sqlite3 is "
                                         "missing; run it again: studyapp backup restore studyapp-x.sqlite3"):
        open_workspace(data)
    assert not (data / "studyapp.sqlite3").exists()
