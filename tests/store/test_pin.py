import pytest

from studyapp.store import queries
from studyapp.store.db import StoreError, connect
from studyapp.store.pin import check_profile_pin, hash_pin, set_pin, verify_pin


def test_pin_is_stored_salted_and_slow_never_in_clear(tmp_path):
    db = connect(tmp_path / "db.sqlite3")
    profile_id = queries.add_profile(db, "Ana")
    set_pin(db, profile_id, "4321")
    stored = db["profiles"].get(profile_id)["pin_hash"]
    assert stored.startswith("scrypt$") and "4321" not in stored
    assert hash_pin("4321") != hash_pin("4321")  # salted
    assert verify_pin(stored, "4321") and not verify_pin(stored, "1234")


def test_protected_profile_needs_its_pin(tmp_path):
    db = connect(tmp_path / "db.sqlite3")
    profile_id = queries.add_profile(db, "Ana")
    set_pin(db, profile_id, "4321")
    profile = db["profiles"].get(profile_id)
    check_profile_pin(profile, "4321")
    with pytest.raises(StoreError, match="give it with --pin"):
        check_profile_pin(profile, None)
    with pytest.raises(StoreError, match="PIN is wrong"):
        check_profile_pin(profile, "0000")
    set_pin(db, profile_id, None)
    check_profile_pin(db["profiles"].get(profile_id), None)


def test_pin_length_is_checked():
    with pytest.raises(StoreError, match="4 to 32"):
        hash_pin("12")
