"""Undo any number of steps: each answer taken back in turn, the session's state as if it had not been given."""

from test_session import FakeClock, session, setup  # noqa: F401  (fixture)

from studyapp.store import queries
from studyapp.study.classic import LAPSE_MS


def test_undo_goes_back_step_by_step_and_after_finish(setup):  # noqa: F811
    clock = FakeClock()
    s = session(setup, clock, new_per_day=1)
    missed = s.next_item().item
    s.submit("1")
    clock.ms += LAPSE_MS
    assert s.next_item().item.id == missed.id
    s.submit("3")
    assert s.session_wrong == [] and s.can_undo

    assert s.undo().item.id == missed.id
    assert s.session_wrong == [missed.id]          # the right answer taken back: missed again
    assert s.undo().item.id == missed.id and s.current.number == 1
    assert s.session_wrong == [] and not s.can_undo and s.undo() is None
    db, profile, _ = setup
    assert queries.answer_history(db, profile) == []
    assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 2            # the log only grows
    assert db.execute("SELECT COUNT(*) FROM answer_voids").fetchone()[0] == 2

    s.submit("3")
    summary = s.finish()
    assert summary.answers == 1
    assert s.undo().item.id == missed.id             # from the summary: the session goes on
    assert s.finish().answers == 0
