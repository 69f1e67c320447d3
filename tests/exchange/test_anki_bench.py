"""The import benchmark runs end to end on a tiny package (figures are printed, never asserted)."""

from __future__ import annotations

from studyapp.exchange.bench_import import main, measure


def test_measure_small_package():
    figures = measure(notes=20, revlog=60, runs=1, seed=1)
    assert figures["items"] == 24  # 16 basic, 2 two-way pairs, 2 clozes of 2 deletions
    assert figures["answers_imported"] == 60
    assert figures["peak_traced_mb"] > 0


def test_json_output(capsys):
    assert main(["--notes", "10", "--revlog", "10", "--runs", "1", "--json"]) == 0
    assert '"total_s_median"' in capsys.readouterr().out


def test_measure_beside_a_writer():
    figures = measure(notes=20, revlog=60, runs=1, seed=1, writer=True)
    assert figures["answers_imported"] == 60 and figures["longest_write_wait_s_median"] >= 0
