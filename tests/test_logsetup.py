"""Diagnostics go to a rotating log file in the data folder, one line per event, tracebacks kept."""

from __future__ import annotations

import logging

import pytest

from studyapp.cli import main
from studyapp.logsetup import BACKUPS, LOG_FILE, log_dir, setup_logging


@pytest.fixture
def reset_logging():
    yield
    setup_logging(None, console_level=None)  # close the file of the test's data folder


def lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_an_exception_is_one_line_with_its_traceback(tmp_path, reset_logging):
    path = setup_logging(tmp_path, console_level=None)
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        logging.getLogger("studyapp.test").exception("it failed")
    logging.getLogger("studyapp.test").info("next event")
    assert path == log_dir(tmp_path) / LOG_FILE
    first, second = lines(path)
    assert "ERROR" in first and "studyapp.test: it failed" in first
    assert "Traceback (most recent call last):" in first and "ValueError: bad\\nvalue" in first
    assert second.endswith("studyapp.test: next event")


def test_the_log_rotates(tmp_path, reset_logging, monkeypatch):
    monkeypatch.setattr("studyapp.logsetup.MAX_BYTES", 2_000)
    setup_logging(tmp_path, console_level=None)
    for n in range(200):
        logging.getLogger("studyapp.test").info("event %d %s", n, "x" * 50)
    names = sorted(p.name for p in log_dir(tmp_path).iterdir())
    assert names == [LOG_FILE] + [f"{LOG_FILE}.{n}" for n in range(1, BACKUPS + 1)]
    assert lines(log_dir(tmp_path) / LOG_FILE)[-1].endswith("event 199 " + "x" * 50)


def test_warnings_reach_the_console_as_one_sentence(tmp_path, reset_logging, capsys):
    setup_logging(tmp_path)
    try:
        raise OSError("disk full")
    except OSError:
        logging.getLogger("studyapp.ui.worker").warning("no backup was made: disk full", exc_info=True)
    assert capsys.readouterr().err == "studyapp: no backup was made: disk full\n"
    assert "Traceback" in (log_dir(tmp_path) / LOG_FILE).read_text(encoding="utf-8")


def test_an_unwritable_data_folder_leaves_the_program_without_a_log_file(tmp_path, reset_logging):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert setup_logging(blocker, console_level=None) is None


def test_a_command_line_bug_is_one_sentence_and_a_logged_traceback(tmp_path, reset_logging, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("studyapp.study.overview.deck_overview", broken)
    status = main(["--data-dir", str(tmp_path), "decks"])
    err = capsys.readouterr().err
    log_file = log_dir(tmp_path) / LOG_FILE
    assert status == 1
    assert err == f"studyapp: unexpected error (RuntimeError: boom); the details are in {log_file}\n"
    assert any("unexpected error in decks" in line and "Traceback" in line for line in lines(log_file))


def test_a_user_error_is_logged_too(tmp_path, reset_logging, capsys):
    assert main(["--data-dir", str(tmp_path), "export-deck", "No such deck", str(tmp_path / "x.deck.toml")]) == 1
    assert capsys.readouterr().err == "studyapp: there is no deck named 'No such deck'\n"
    assert any("export-deck failed: there is no deck named" in line for line in lines(log_dir(tmp_path) / LOG_FILE))


def test_an_unexpected_gui_error_keeps_its_traceback(caplog):
    from studyapp.ui.worker import describe_error

    try:
        raise KeyError("lost")
    except KeyError as exc:
        with caplog.at_level(logging.ERROR, logger="studyapp"):
            logging.getLogger("studyapp").propagate = True
            message = describe_error(exc)
    assert message == "Unexpected error (KeyError: 'lost')"
    assert caplog.records[-1].exc_info[0] is KeyError
