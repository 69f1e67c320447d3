"""The store thread: one QThread owns the database connection and the study session.

SQLite connections belong to the thread that opened them, and the GUI thread must never wait on
the disk, so every read and write goes through `Backend.request` (a function run in the store
thread, its result delivered back by signal) or the study slots below.
"""

from __future__ import annotations

import itertools
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from studyapp.ui.cards import SummaryView, answer_view, card_view
from studyapp.ui.ops import backup_on_close, newest_backup, set_aside_damaged

if TYPE_CHECKING:
    from studyapp.study.session import StudySession

log = logging.getLogger(__name__)

CJK = re.compile(r"[\u3400-\u9fff]")


class Notice(Exception):
    """A failure of the GUI's own making whose message is already one sentence for the student."""


def user_errors() -> tuple[type[Exception], ...]:
    """Failures that carry one sentence for the student; anything else is a bug and is reported as such.
    (Imported when first needed, in a worker thread, for the reason given in `studyapp.ui.ops`.)"""
    from studyapp.content.model import ContentError
    from studyapp.store.db import StoreError
    from studyapp.study.grading import GradingError
    from studyapp.study.session import SessionError
    from studyapp.study.settings import SettingsError

    return StoreError, ContentError, GradingError, SessionError, SettingsError, Notice


def describe_error(exc: BaseException) -> str:
    """The sentence for the student, in the interface language where the error carries a code (a content
    problem); an unexpected error (a bug) also goes to the log with its traceback."""
    from studyapp.content.model import ContentError
    from studyapp.ui.content_problems import problem_text

    if isinstance(exc, ContentError):
        return problem_text(exc.problem)
    if isinstance(exc, user_errors()):
        return str(exc)
    log.error("unexpected error", exc_info=exc)
    return f"Unexpected error ({type(exc).__name__}: {exc})"


def as_sentence(message: str) -> str:
    """A message from below the GUI as a sentence: capital first letter (unless it starts with a file name),
    full stop (a Chinese one after Chinese text)."""
    first = message.split(" ", 1)[0]
    if not any(mark in first for mark in "./\\"):
        message = message[:1].upper() + message[1:]
    if message.endswith((".", "!", "?", "。", "！", "？")):
        return message
    return message + ("。" if CJK.search(message) else ".")


class StoreWorker(QObject):
    """Lives in the store thread; every slot runs there."""

    opened = Signal(object)          # the Workspace's data dir
    open_failed = Signal(str)
    locked = Signal(str)             # another StudyApp holds this data dir (the lock's message)
    foreign_lock = Signal(str)       # the lock was taken on another computer: the user may take it over
    damaged = Signal(str, object)    # the database cannot be opened: message, newest backup (dict) or None
    result = Signal(int, object)
    failed = Signal(int, str)
    presented = Signal(object)       # CardView, or None when there is nothing to study
    answered = Signal(object)        # AnswerView
    undone = Signal(object)          # CardView of the item taken back
    relabelled = Signal(object)      # CardView of the item on screen (or next, after feedback) in a new language
    finished = Signal(object)        # SummaryView
    study_failed = Signal(str)
    closed = Signal()

    def __init__(self, data_dir) -> None:
        super().__init__()
        self._data_dir = data_dir
        self.workspace = None
        self.lock = None
        self.learner = None
        self.session: StudySession | None = None
        # The session last finished, kept until the next one starts: undo on the summary takes its last
        # answer back and reopens it.
        self.ended: StudySession | None = None

    @Slot()
    def open(self, take_over: bool = False) -> None:
        """Take the data dir's lock (one window per folder), then open the database."""
        from studyapp import paths
        from studyapp.store.db import DataUnavailable, StoreError, check_writable, describe_sqlite_error
        from studyapp.store.lock import DataDirLock, ForeignLock, other_users
        from studyapp.workspace import DamagedDatabase, open_workspace

        try:  # a folder that cannot be written is said to be so, not taken for a locked or damaged one
            directory = paths.data_dir(self._data_dir)
            check_writable(paths.db_path(directory))
        except DataUnavailable as exc:
            self.open_failed.emit(str(exc))
            return
        except OSError as exc:
            self.open_failed.emit(describe_sqlite_error(exc, self._data_dir))
            return
        try:
            if self.lock is None:
                lock = DataDirLock(directory)
                lock.acquire(take_over)
                self.lock = lock
                if take_over:  # that computer's study sessions are gone with it
                    other_users(lock.data_dir, take_over=True)
        except ForeignLock as exc:
            self.foreign_lock.emit(str(exc))
            return
        except (StoreError, OSError) as exc:
            self.locked.emit(str(exc))
            return
        try:
            self.workspace = open_workspace(self._data_dir, role="window")
        except DamagedDatabase as exc:
            self.damaged.emit(str(exc), newest_backup(exc.data_dir))
            return
        except Exception as exc:  # noqa: BLE001 - any failure to open is shown to the student
            self.open_failed.emit(describe_error(exc))
            return
        self.opened.emit(self.workspace.data_dir)

    @Slot()
    def take_over(self) -> None:
        """The user confirmed that StudyApp no longer runs on the computer that left the lock."""
        self.open(take_over=True)

    @Slot(str)
    def recover(self, how: str) -> None:
        """After a damaged database: "restore" the newest backup or start "fresh" (the file kept aside), then open."""
        from studyapp import paths
        from studyapp.store.backup import restore_backup

        directory = paths.data_dir(self._data_dir)
        try:
            if how == "restore":
                restore_backup(paths.db_path(directory), directory)
            else:
                set_aside_damaged(directory)
        except Exception as exc:  # noqa: BLE001
            self.open_failed.emit(describe_error(exc))
            return
        self.open()

    @Slot(int, object, object)
    def call(self, request_id: int, fn: Callable, args: tuple) -> None:
        try:
            value = fn(self.workspace, *args)
        except Exception as exc:  # noqa: BLE001 - reported to the caller, never lost
            self.failed.emit(request_id, describe_error(exc))
            return
        self.result.emit(request_id, value)

    def _backup(self) -> None:
        """The daily backup, made as the program closes; a failure must not keep it from closing."""
        try:
            backup_on_close(self.workspace)
        except Exception as exc:  # noqa: BLE001 - nobody is left to show it to: the log keeps it
            log.warning("no backup was made: %s", describe_error(exc))

    # ------------------------------------------------------------ study

    @Slot(object)
    def set_learner(self, learner) -> None:
        """Sessions use the model from now on, an open one from its next item (prediction and adaptation run
        here, not in the GUI)."""
        from studyapp.study.launch import attach_learner

        self.learner = learner
        if self.session is not None:
            attach_learner(self.session, learner)

    @Slot(int, int, str, str)
    def start_session(self, profile_id: int, deck_id: int, mode: str, language: str) -> None:
        """A session on the deck, its cards in `language` (the interface's) where the deck has a translation."""
        from studyapp.study.launch import open_session

        try:
            if self.session is not None:
                self.session.finish()
            self.ended = None
            self.session = open_session(self.workspace.db, profile_id, deck_id, mode, learner=self.learner,
                                        language=language)
            self.presented.emit(card_view(self.session, self.session.next_item(), self.workspace.data_dir))
        except Exception as exc:  # noqa: BLE001
            self.session = None
            self.study_failed.emit(describe_error(exc))

    @Slot(str)
    def submit(self, response: str) -> None:
        try:
            outcome = self.session.submit(response)
            self.answered.emit(answer_view(self.session, outcome, self.workspace.data_dir))
        except Exception as exc:  # noqa: BLE001
            self.study_failed.emit(describe_error(exc))

    @Slot(str)
    def set_language(self, language: str) -> None:
        """The interface language changed: the open session's items are shown in it from the item on screen
        on, which comes back (`relabelled`) to be drawn again."""
        if self.session is None:
            return
        try:
            self.session.show_in(language)
            self.relabelled.emit(card_view(self.session, self.session.current, self.workspace.data_dir))
        except Exception as exc:  # noqa: BLE001
            self.study_failed.emit(describe_error(exc))

    @Slot()
    def undo(self) -> None:
        try:
            if self.session is None and self.ended is not None:
                self.session, self.ended = self.ended, None
            shown = self.session.undo() if self.session is not None else None
            if shown is not None:
                self.undone.emit(card_view(self.session, shown, self.workspace.data_dir))
        except Exception as exc:  # noqa: BLE001
            self.study_failed.emit(describe_error(exc))

    @Slot()
    def finish(self) -> None:
        session, self.session = self.session, None
        if session is None:
            return
        try:
            report = session.test_report()
            self.ended = session
            self.finished.emit(SummaryView(session.finish(), session.mode, report, session.can_undo))
        except Exception as exc:  # noqa: BLE001
            self.study_failed.emit(describe_error(exc))

    @Slot()
    def close(self) -> None:
        if self.session is not None:
            self.session.finish()
            self.session = None
        if self.workspace is not None:
            self._backup()
            self.workspace.close()
            self.workspace = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        self.closed.emit()
        QThread.currentThread().quit()


class Backend(QObject):
    """The GUI thread's handle on the store thread."""

    opened = Signal(object)
    open_failed = Signal(str)
    locked = Signal(str)
    foreign_lock = Signal(str)
    damaged = Signal(str, object)
    recover = Signal(str)            # "restore" or "fresh", after `damaged`
    take_over = Signal()             # after `foreign_lock`, once the user agreed
    _call = Signal(int, object, object)
    _open = Signal()
    _close = Signal()
    start_session = Signal(int, int, str, str)   # profile, deck, mode, language
    submit = Signal(str)
    undo = Signal()
    finish = Signal()
    set_learner = Signal(object)
    set_language = Signal(str)

    def __init__(self, data_dir, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir: Path | None = None
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Callable | None, Callable | None]] = {}
        self._thread = QThread()
        self._thread.setObjectName("studyapp-store")
        self.worker = StoreWorker(data_dir)
        self.worker.moveToThread(self._thread)
        self._open.connect(self.worker.open)
        self._close.connect(self.worker.close)
        self._call.connect(self.worker.call)
        self.start_session.connect(self.worker.start_session)
        self.submit.connect(self.worker.submit)
        self.undo.connect(self.worker.undo)
        self.finish.connect(self.worker.finish)
        self.set_learner.connect(self.worker.set_learner)
        self.set_language.connect(self.worker.set_language)
        self.worker.result.connect(self._on_result)
        self.worker.failed.connect(self._on_failed)
        self.worker.opened.connect(self._on_opened)
        self.worker.open_failed.connect(self.open_failed)
        self.worker.locked.connect(self.locked)
        self.worker.foreign_lock.connect(self.foreign_lock)
        self.take_over.connect(self.worker.take_over)
        self.worker.damaged.connect(self.damaged)
        self.recover.connect(self.worker.recover)
        self._thread.start()
        self._open.emit()

    def _on_opened(self, data_dir) -> None:
        self.data_dir = Path(data_dir)
        self.opened.emit(self.data_dir)

    def request(self, fn: Callable, *args, done: Callable | None = None, failed: Callable | None = None) -> None:
        """Run fn(workspace, *args) in the store thread; done(value) or failed(message) runs in the GUI thread."""
        request_id = next(self._ids)
        self._pending[request_id] = (done, failed)
        self._call.emit(request_id, fn, args)

    def _on_result(self, request_id: int, value) -> None:
        done, _ = self._pending.pop(request_id, (None, None))
        if done is not None:
            done(value)

    def _on_failed(self, request_id: int, message: str) -> None:
        _, failed = self._pending.pop(request_id, (None, None))
        if failed is not None:
            failed(message)

    def stop(self) -> None:
        """Close the database in its own thread, then wait for the thread to end (only at exit)."""
        if self._thread.isRunning():
            self._close.emit()
            self._thread.wait()
