import sqlite3
import time

import pytest

from studyapp.store import queries
from studyapp.store.backup import backup_if_due, check_database, create_backup, list_backups, restore_backup
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
    restore_backup(path, data)
    assert [p["name"] for p in queries.list_profiles(connect(path))] == ["Ana"]
    assert (data / "studyapp.sqlite3.before-restore").read_bytes().startswith(b"garbage")


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
