import pytest

from studyapp.content.model import Deck, ImportBundle, Item
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.store.importer import import_bundle
from studyapp.study.classic import LAPSE_MS
from studyapp.study.clock import DAY_MS
from studyapp.study.session import SessionError, StudySession
from studyapp.study.settings import StudySettings

START = 1_767_225_600_000  # 2026-01-01T00:00Z


class FakeClock:
    def __init__(self, ms=START):
        self.ms = ms

    def __call__(self):
        return self.ms


@pytest.fixture
def setup(tmp_path):
    db = connect(tmp_path / "db.sqlite3")
    items = [Item("basic", f"q{n}", f"a{n}", guid=f"g{n}") for n in range(5)]
    items.append(Item("choice", "2+2", "4", options=["3", "4", "5"], guid="c"))
    import_bundle(db, tmp_path, ImportBundle(decks=[Deck("Parent::Child", items=items)]), None)
    profile = queries.add_profile(db, "Ana")
    parent = queries.find_deck(db, "Parent")["id"]
    return db, profile, parent


def session(setup, clock, **settings):
    db, profile, parent = setup
    return StudySession(db, profile, parent, clock=clock, settings=StudySettings(**settings))


def test_new_items_in_order_within_the_daily_limit_with_reasons(setup):
    clock = FakeClock()
    s = session(setup, clock, new_per_day=3)
    reasons = []
    while (shown := s.next_item()) is not None:
        reasons.append(shown.reason.text)
        s.submit("3")
        clock.ms += 1000
    assert reasons == ["New item, 1 of 3 today", "New item, 2 of 3 today", "New item, 3 of 3 today"]
    db, profile, _ = setup
    rows = list(db.query("SELECT reason, grade, correct, session_id FROM answers ORDER BY id"))
    assert [r["reason"] for r in rows] == reasons and all(r["session_id"] == s.session_id for r in rows)


def test_the_limit_counts_items_started_earlier_the_same_day(setup):
    clock = FakeClock()
    first = session(setup, clock, new_per_day=2)
    first.next_item()
    first.submit("3")
    second = session(setup, clock, new_per_day=2)
    assert second.next_item().reason.text == "New item, 2 of 2 today"


def test_missed_item_comes_back_after_the_lapse_and_due_items_come_first(setup):
    clock = FakeClock()
    s = session(setup, clock, new_per_day=10)
    first = s.next_item().item
    s.submit("1")
    clock.ms += 1000
    assert s.next_item().item.id != first.id  # never the same item twice in a row
    s.submit("3")
    clock.ms += LAPSE_MS
    shown = s.next_item()
    assert shown.item.id == first.id and shown.reason.text.startswith("Learning step")


def test_reviews_become_due_after_their_interval(setup):
    clock = FakeClock()
    s = session(setup, clock, new_per_day=1)
    item = s.next_item().item
    s.submit("3")
    assert s.next_item() is None
    clock.ms += DAY_MS + 1
    later = session(setup, clock, new_per_day=0)
    assert later.next_item().item.id == item.id


def test_choice_item_is_graded_by_the_app(setup):
    clock = FakeClock()
    s = session(setup, clock, new_per_day=10)
    for _ in range(5):
        s.next_item()
        s.submit("3")
        clock.ms += 1000
    shown = s.next_item()
    assert shown.item.kind == "choice"
    outcome = s.submit("2")
    assert outcome.correct and outcome.grade.grade is None and outcome.expected == "4"


def test_undo_voids_the_answer_and_shows_the_item_again(setup):
    clock = FakeClock()
    s = session(setup, clock, new_per_day=10)
    item = s.next_item().item
    s.submit("1")
    again = s.undo()
    assert again.item.id == item.id
    assert s.summary.answers == 0 and s.session_wrong == []
    db, profile, _ = setup
    assert queries.answer_history(db, profile) == []
    s.submit("4")
    assert [a.grade for a in queries.answer_history(db, profile)] == [4]


def test_summary_counts_accuracy_and_improvement(setup):
    clock = FakeClock()
    s = session(setup, clock, new_per_day=1)
    s.next_item()
    s.submit("1")
    clock.ms += LAPSE_MS
    s.next_item()
    s.submit("3")
    summary = s.finish()
    assert (summary.answers, summary.correct, summary.improved, summary.new_items) == (2, 1, 1, 1)


def test_submit_without_an_item_is_an_error(setup):
    s = session(setup, FakeClock(), new_per_day=0)
    assert s.next_item() is None
    with pytest.raises(SessionError):
        s.submit("3")


def test_a_clock_moved_back_never_reorders_the_log(setup):
    clock = FakeClock(START + DAY_MS)
    s = session(setup, clock, new_per_day=10)
    s.next_item()
    s.submit("3")
    clock.ms = START  # the laptop's clock is set back a day
    s.next_item()
    s.submit("3")
    db, profile, _ = setup
    times = [a.answered_ms for a in queries.answer_history(db, profile)]
    assert times == sorted(times) and times[1] >= START + DAY_MS
    assert [a.id for a in queries.answer_history(db, profile)] == sorted(a.id for a in queries.answer_history(db, profile))


def test_the_new_item_count_follows_answers_and_undo(setup):
    clock = FakeClock()
    s = session(setup, clock, new_per_day=3)
    s.next_item()
    s.submit("3")
    clock.ms += 1000
    assert s.next_item().reason.text == "New item, 2 of 3 today"
    s.submit("3")
    s.undo()
    clock.ms += 1000
    s.submit("3")
    clock.ms += 1000
    assert s.next_item().reason.text == "New item, 3 of 3 today"
    clock.ms += DAY_MS  # a new study day starts the count again
    s.submit("3")
    s.current = None
    shown = s.next_item()
    assert shown is None or shown.reason.text != "New item, 4 of 3 today"
