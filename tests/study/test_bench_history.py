"""`studyapp bench history` opens a generated profile in fresh processes: first from the log, then from the saved
state and the answers logged since."""

from studyapp.cli import main
from studyapp.study.bench_history import bench_history


def test_the_usual_open_resumes_the_saved_state_and_reads_the_answers_since():
    result = bench_history(300, 30, 1.0, repeats=1, session=True, since=7)
    assert result["first_open"]["n_answers"] == 300 and result["usual_open"]["n_answers"] == 307
    for figures in (result["first_open"], result["usual_open"]):
        assert figures["session_s"] >= figures["learner_s"] >= 0 and figures["peak_rss_mb"] >= figures["before_rss_mb"]


def test_bad_sizes_are_one_sentence(capsys):
    assert main(["bench", "history", "--answers", "0"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("--answers") and "\n" not in err
