from studyapp.study.bench_crash import run_crash_check


def test_killed_sessions_lose_no_acknowledged_answer(tmp_path):
    result = run_crash_check(kills=2, seed=3, data_dir=tmp_path)
    assert result["answers_acknowledged"] > 0
    assert result["answers_lost"] == 0 and result["integrity_failures"] == 0
