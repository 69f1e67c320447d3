from datetime import timezone

import pytest

from studyapp.study.clock import DAY_MS, parse_timestamp, study_day_start


def test_parse_timestamp_accepts_iso_and_milliseconds():
    assert parse_timestamp("1767225600000") == 1_767_225_600_000
    assert parse_timestamp("2026-01-01T00:00:00Z") == 1_767_225_600_000
    assert parse_timestamp("2026-01-01T08:00:00+08:00") == 1_767_225_600_000
    with pytest.raises(ValueError, match="neither ISO-8601"):
        parse_timestamp("yesterday")


def test_study_day_rolls_over_at_the_given_hour():
    three_am = parse_timestamp("2026-01-02T03:00:00Z")
    five_am = parse_timestamp("2026-01-02T05:00:00Z")
    assert study_day_start(three_am, 4, timezone.utc) == parse_timestamp("2026-01-01T04:00:00Z")
    assert study_day_start(five_am, 4, timezone.utc) == parse_timestamp("2026-01-02T04:00:00Z")
    assert study_day_start(five_am, 4, timezone.utc) - study_day_start(three_am, 4, timezone.utc) == DAY_MS
