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
    ids = [a.id for a in queries.answer_history(db, profile)]
    assert ids == sorted(ids)


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


# ---------------------------------------------------------------- learning steps in a sitting (issue 16, defect 1)

@pytest.fixture
def big_deck(tmp_path):
    db = connect(tmp_path / "db.sqlite3")
    items = [Item("basic", f"q{n}", f"a{n}", guid=f"g{n}") for n in range(25)]
    import_bundle(db, tmp_path, ImportBundle(decks=[Deck("Big", items=items)]), None)
    return db, queries.add_profile(db, "Ana"), queries.find_deck(db, "Big")["id"]


@pytest.mark.parametrize("with_model", [False, True], ids=["classic", "model"])
def test_after_the_twentieth_new_item_the_sitting_goes_on_until_failed_items_are_learned(big_deck, with_model,
                                                                                         steady_predictor):
    from studyapp.study.policies import ReviewPolicy

    db, profile, deck = big_deck
    clock = FakeClock(START + 12 * 3_600_000)
    predictor = steady_predictor() if with_model else None  # nothing due on recall: only the steps bring items back
    s = StudySession(db, profile, deck, clock=clock, settings=StudySettings(new_per_day=20), predictor=predictor,
                     policy=ReviewPolicy(predictor) if with_model else None)
    failed, shown = set(), []
    while (item := s.next_item()) is not None and len(shown) < 60:
        shown.append(item)
        fail = item.number in (2, 7, 19)
        if fail:
            failed.add(item.item.id)
        s.submit("1" if fail else "3")
        clock.ms += 8000
    assert len(failed) == 3 and len(shown) < 60
    # Each failed item: missed, then right at the 1-minute and the 10-minute steps.
    for item_id in failed:
        assert [p.number for p in shown if p.item.id == item_id].__len__() == 3
    assert shown[0].counts.new == 20 and shown[0].counts.learning == 0
    twentieth = [p.number for p in shown if p.reason.code == "new_item"][19]
    after_twenty = [p for p in shown if p.number > twentieth]
    assert after_twenty and all(p.reason.code in ("learning_step", "learn_ahead") for p in after_twenty)
    assert all(p.counts.learning >= 1 and p.counts.new == 0 for p in after_twenty)
    summary = s.finish()
    assert summary.new_items == 20 and summary.improved == 3


def test_new_flashcard_intervals_differ_for_each_grade(setup):
    # Issue 16, defect 4: Hard and Good both read "1 day" on a new card.
    clock = FakeClock()
    s = session(setup, clock, new_per_day=5)
    shown = s.next_item()
    intervals = s.intervals(shown)
    assert intervals[1] == 60_000 and intervals[2] == 6 * 60_000
    assert intervals[3] >= DAY_MS and intervals[4] > intervals[3]


def test_intervals_after_a_failure_are_the_learning_steps(setup):
    clock = FakeClock()
    s = session(setup, clock, new_per_day=5)
    first = s.next_item()
    s.submit("1")
    clock.ms += 70_000
    s.next_item()
    s.submit("3")
    clock.ms += 8000
    again = s.next_item()
    assert again.item.id == first.item.id
    intervals = s.intervals(again)
    assert intervals[1] == 60_000 and intervals[3] == 10 * 60_000 and intervals[4] >= DAY_MS


@pytest.mark.parametrize("correct, answers, verdict", [
    (0, 0, "none"), (1, 3, "few"), (9, 10, "strong"), (7, 10, "good"), (5, 10, "mixed"), (1, 10, "hard"),
])
def test_the_summary_verdict_follows_the_share_right(correct, answers, verdict):
    from studyapp.study.session import Summary

    assert Summary(answers=answers, correct=correct).verdict == verdict


def test_a_session_in_a_language_shows_grades_and_reports_the_items_in_it(tmp_path):
    db = connect(tmp_path / "db.sqlite3")
    items = [Item("typed", "Capital of Algeria", "Algiers", guid="dz",
                  translations={"zh_CN": {"prompt": "阿尔及利亚的首都", "answer": "阿尔及尔"}}),
             Item("choice", "two times three", "six", options=["five", "six", "eight"], guid="m",
                  translations={"zh_CN": {"prompt": "二乘三", "answer": "六", "options": ["五", "六", "八"]}})]
    import_bundle(db, tmp_path, ImportBundle(decks=[Deck("Mixed", items=items)]), None)
    profile = queries.add_profile(db, "Ana")
    deck = queries.find_deck(db, "Mixed")["id"]
    clock = FakeClock()
    s = StudySession(db, profile, deck, clock=clock, language="zh_CN")
    shown = s.next_item()
    assert (shown.item.prompt, shown.item.answer) == ("阿尔及利亚的首都", "阿尔及尔")
    outcome = s.submit("Algiers")
    assert outcome.correct and outcome.expected == "阿尔及尔"
    clock.ms += 1000
    shown = s.next_item()
    assert (shown.item.prompt, shown.item.options) == ("二乘三", ["五", "六", "八"])
    assert s.submit("2").grade.given == "六"
    english = StudySession(db, queries.add_profile(db, "Ben"), deck, clock=clock)
    assert {i.prompt for i in english.items} == {"Capital of Algeria", "two times three"}
    # The interface changes language mid-session: the item on screen too.
    shown = english.next_item()
    english.show_in("zh_CN")
    assert english.next_item().item.prompt in ("阿尔及利亚的首都", "二乘三")
    assert english.next_item().item.id == shown.item.id and english.current.reason == shown.reason
    english.show_in(None)
    assert english.next_item().item is shown.item
    english.submit("2" if shown.item.kind == "choice" else "Algiers")
    english.show_in("zh_CN")
    assert english.undo().item.prompt in ("阿尔及利亚的首都", "二乘三")  # taken back in the language shown now
