"""Several real processes writing one data folder at once (issue 17, case 1)."""

from studyapp.study.bench_crash import run_soak


def test_study_sessions_and_an_import_loop_on_one_folder_wait_for_each_other(tmp_path):
    # Two `study --script` processes answering as fast as they can while `import` runs again and again: a
    # writer that finds the database locked must wait its turn, never fail or drop the answer just typed.
    result = run_soak(40, studies=2, kill_every=0, data_dir=tmp_path / "data")
    assert result["tracebacks"] == [] and result["sentences"] == []
    assert result["answers_acknowledged"] >= 10 and result["imports_done"] >= 1
    assert result["typed_dropped"] == 0 and result["acknowledged_lost"] == 0
    assert result["integrity"] == "ok"


def test_with_kills_every_acknowledged_answer_survives(tmp_path):
    result = run_soak(40, studies=2, kill_every=3, seed=3, data_dir=tmp_path / "data")
    assert result["kills"] >= 3 and result["answers_acknowledged"] >= 10
    assert result["acknowledged_lost"] == 0 and result["typed_dropped"] == 0
    assert result["failures_as_tracebacks"] == 0 and result["integrity"] == "ok"
