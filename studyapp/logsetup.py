"""Diagnostics: `logging` to a rotating file in the data folder, one line per event, tracebacks kept.

Modules log through `logging.getLogger(__name__)`; the GUI and the command line call `setup_logging` once
they know the data folder. Messages meant for the student are not diagnostics: the GUI shows them, the
command line prints them on stderr as one sentence.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

LOG_FOLDER = "logs"
LOG_FILE = "studyapp.log"
MAX_BYTES = 1_000_000
BACKUPS = 3  # studyapp.log.1 .. .3: at most 4 MB of history
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


class OneLineFormatter(logging.Formatter):
    """Each event on one line: the newlines of a message or traceback are written as a literal "\\n", so the
    file stays greppable and a traceback stays with the event that caused it."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\r", "").replace("\n", "\\n")


class SentenceFormatter(logging.Formatter):
    """On the console only the sentence: the traceback is in the log file."""

    def format(self, record: logging.LogRecord) -> str:
        return f"studyapp: {record.getMessage()}"


def log_dir(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_FOLDER


def setup_logging(data_dir: Path | None, console_level: int | None = logging.WARNING) -> Path | None:
    """Send the `studyapp` loggers to DATA_DIR/logs/studyapp.log (rotating) and, when there is a console
    (a windowed program has no stderr), warnings and worse to stderr. Returns the log file, or None when
    the folder cannot be written (the program works on without a log file). Calling it again replaces
    the handlers of an earlier call."""
    import logging.handlers  # sockets, pickle, queues: 10-80 ms that `studyapp --help` need not pay

    logger = logging.getLogger("studyapp")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.INFO)
    logger.propagate = False
    path = None
    if data_dir is not None:
        try:
            log_dir(data_dir).mkdir(parents=True, exist_ok=True)
            path = log_dir(data_dir) / LOG_FILE
            handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                           encoding="utf-8")
        except OSError:
            path = None
        else:
            handler.setFormatter(OneLineFormatter(FORMAT))
            logger.addHandler(handler)
    if console_level is not None and sys.stderr is not None:
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(console_level)
        console.setFormatter(SentenceFormatter())
        logger.addHandler(console)
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())  # not Python's last-resort handler, which prints tracebacks
    return path


def log_uncaught(kind, value, traceback) -> None:
    """A sys.excepthook: an exception nothing caught (in the GUI, one raised in a slot) goes to the log with
    its traceback."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, traceback)
        return
    logging.getLogger("studyapp").critical("uncaught exception", exc_info=(kind, value, traceback))
