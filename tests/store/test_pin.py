import pytest

from studyapp.store import queries
from studyapp.store.db import StoreError, connect
from studyapp.store.pin import check_profile_pin, delay_after, hash_pin, set_pin, try_pin, verify_pin


def test_pin_is_stored_salted_and_slow_never_in_clear(tmp_path):
    db = connect(tmp_path / "a.sqlite3")
    profile_id = queries.add_profile(db, "Ana")
    set_pin(db, profile_id, "4321")
    stored = db["profiles"].get(profile_id)["pin_hash"]
    assert "4321" not in stored and stored.startswith("scrypt$")
    assert hash_pin("4321") != hash_pin("4321")  # salted
    assert verify_pin(stored, "4321") and not verify_pin(stored, "1234")


def test_protected_profile_needs_its_pin(tmp_path):
    db = connect(tmp_path / "a.sqlite3")
    profile_id = queries.add_profile(db, "Ana")
    set_pin(db, profile_id, "4321")
    profile = db["profiles"].get(profile_id)
    check_profile_pin(db, profile, "4321")
    with pytest.raises(StoreError, match="type it when asked, or set STUDYAPP_PIN"):
        check_profile_pin(db, profile, None)
    with pytest.raises(StoreError, match="wrong"):
        check_profile_pin(db, profile, "0000")
    set_pin(db, profile_id, None)
    check_profile_pin(db, db["profiles"].get(profile_id), None)


def test_pin_length_is_checked():
    with pytest.raises(StoreError, match="4 to 32"):
        hash_pin("12")


def test_wrong_pins_slow_down_further_tries_even_after_a_restart(tmp_path):
    path = tmp_path / "a.sqlite3"
    db = connect(path)
    profile_id = queries.add_profile(db, "Ana")
    set_pin(db, profile_id, "4321")
    profile = db["profiles"].get(profile_id)
    t = 1_800_000_000_000
    for n in range(3):  # three free tries
        assert not try_pin(db, profile, "0000", now_ms=t + n)
    db.close()
    db = connect(path)  # a restart does not reset the count
    with pytest.raises(StoreError, match="too many wrong PINs for 'Ana': wait 1 s"):
        try_pin(db, profile, "4321", now_ms=t + 10)  # refused unchecked, even the right PIN
    assert not try_pin(db, profile, "1111", now_ms=t + 1_010)
    with pytest.raises(StoreError, match="wait 2 s"):
        try_pin(db, profile, "4321", now_ms=t + 1_020)
    assert try_pin(db, profile, "4321", now_ms=t + 3_100)  # the right PIN after the wait clears the count
    assert not try_pin(db, profile, "0000", now_ms=t + 3_200)


def test_delay_doubles_up_to_five_minutes():
    assert [delay_after(n) for n in (0, 2, 3, 4, 5, 10, 30)] == [0, 0, 1, 2, 4, 128, 300]
