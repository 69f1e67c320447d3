import numpy as np
import pytest

from studyapp.content.model import Item
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.store.queries import ItemRow, LoggedAnswer
from studyapp.study.clock import DAY_MS
from studyapp.study.policies import PracticePolicy, ReviewPolicy, fisher_information, make_policy
from studyapp.study.policies import TestPolicy as AdaptiveTest
from studyapp.study.reasons import Code
from studyapp.study.selection import ClassicPolicy, Counts, StudyContext
from studyapp.study.session import StudySession
from studyapp.study.settings import StudySettings

NOW = 1_767_225_600_000  # 2026-01-01T00:00Z
HOUR = 3_600_000


class FakePredictor:
    """p(correct) per item id, fixed; unknown items get `default`."""

    def __init__(self, table, default=0.5):
        self.table, self.default = dict(table), default
        self.observed = []

    def predict(self, items, now_ms):
        return [self.table.get(i.id, self.default) for i in items]

    knowledge = predict

    def observe(self, item, answer):
        self.observed.append(item.id)

    def forget_last(self):
        self.observed.pop()

    def save(self):
        pass


def rows(n, deck_id=1, start=1, **kw):
    return [ItemRow(kind=kw.get("kind", "basic"), prompt=f"q{k}", answer=f"a{k}", guid=f"g{k}", id=k,
                    deck_id=deck_id, skill=kw.get("skill", ""), options=kw.get("options", []))
            for k in range(start, start + n)]


def answered(*item_ids, at=NOW - 5 * 24 * HOUR, correct=1):
    history = {}
    for n, item_id in enumerate(item_ids):
        history.setdefault(item_id, []).append(LoggedAnswer(n + 1, item_id, at + n, correct, 3 if correct else 1))
    return history


def context(items, history=None, **kw):
    settings = kw.pop("settings", StudySettings())
    return StudyContext(items=items, history=history or {}, now_ms=NOW, settings=settings, **kw)


# ---------------------------------------------------------------- review

def test_due_reviews_come_by_knowledge_per_second_with_reasons():
    # A review keeps what the student holds (its recall) at its expected cost (a miss costs relearning):
    # the likeliest recalled of the due items buys the most per second.
    items = rows(4)
    policy = ReviewPolicy(FakePredictor({1: 0.95, 2: 0.71, 3: 0.50, 4: 0.89}))
    ctx = context(items, answered(1, 2, 3, 4), settings=StudySettings(new_per_day=0))
    choice = policy.choose(ctx)
    assert choice.item.id == 4 and choice.reason.text == "Recall fell to 89%, your target is 90%"
    assert choice.counts.due == 3 and choice.counts.new == 0
    ctx.history[4].append(LoggedAnswer(9, 4, NOW, 1, 3))
    ctx.last_item_id = 4
    choice = policy.choose(ctx)
    assert choice.item.id == 2 and choice.reason.text == "Recall fell to 71%, your target is 90%"


def test_review_follows_the_target_retention_setting_without_a_model_that_predicts_answers():
    items = rows(3)
    predictor = FakePredictor({1: 0.95, 2: 0.85, 3: 0.75})
    low_target = context(items, answered(1, 2, 3), settings=StudySettings(target_retention=0.8, new_per_day=0))
    assert ReviewPolicy(predictor).choose(low_target).item.id == 3
    low_target.history[3].append(LoggedAnswer(9, 3, NOW, 1, 3))
    low_target.last_item_id = 3
    assert ReviewPolicy(predictor).choose(low_target) is None  # 0.85 and 0.95 are above 80%
    high_target = context(items, answered(1, 2, 3), settings=StudySettings(target_retention=0.97, new_per_day=0))
    assert ReviewPolicy(predictor).choose(high_target).item.id == 1


def test_review_introduces_new_items_within_the_daily_limit():
    items = rows(5)
    policy = ReviewPolicy(FakePredictor({}, default=0.3))
    choice = policy.choose(context(items, new_today=2))
    assert choice.item.id == 1 and choice.reason.text == "New item, 3 of 20 today"
    assert policy.choose(context(items, new_today=20)) is None
    assert policy.choose(context(items, settings=StudySettings(new_per_day=0))) is None


def test_a_new_item_comes_before_a_review_only_when_it_buys_more_per_second():
    items = rows(3)
    kept = ReviewPolicy(FakePredictor({1: 0.5}, default=0.3))
    assert kept.choose(context(items, answered(1))).item.id == 1
    forgotten = ReviewPolicy(FakePredictor({1: 0.1}, default=0.3))  # all but lost: relearning costs more
    choice = forgotten.choose(context(items, answered(1)))
    assert choice.item.id == 2 and choice.reason.text == "New item, 1 of 20 today: it adds more per minute than " \
                                                         "the reviews left"


def test_no_new_item_once_the_time_budget_cannot_hold_one():
    items = rows(3)
    policy = ReviewPolicy(FakePredictor({}, default=0.5))
    assert policy.choose(context(items, budget_left_ms=60_000)).item.id == 1
    assert policy.choose(context(items, budget_left_ms=5_000)) is None


def test_time_left_in_a_budget_reviews_the_item_closest_to_its_target_early():
    items = rows(2)
    policy = ReviewPolicy(FakePredictor({1: 0.97, 2: 0.93}))
    settings = StudySettings(new_per_day=0)
    assert policy.choose(context(items, answered(1, 2), settings=settings)) is None
    early = policy.choose(context(items, answered(1, 2), settings=settings, budget_left_ms=60_000,
                                  day_start_ms=NOW - HOUR))
    assert early.item.id == 2 and early.reason.code == Code.REVIEW_EARLY


def test_a_failed_item_returns_after_its_learning_step_and_the_sitting_waits_for_it():
    items = rows(2)
    day = NOW - HOUR
    history = {1: [LoggedAnswer(1, 1, NOW - 70_000, 0, 1)], 2: [LoggedAnswer(2, 2, NOW - 30_000, 0, 1)]}
    policy = ReviewPolicy(FakePredictor({1: 0.95, 2: 0.95}))
    settings = StudySettings(new_per_day=0)
    due = policy.choose(context(items, history, last_item_id=2, settings=settings, day_start_ms=day))
    assert due.item.id == 1 and due.reason.text == "Learning step: you had trouble with this 1 min ago"
    assert due.counts == Counts(0, 2, 0)
    history[1].append(LoggedAnswer(3, 1, NOW, 1, 3))  # right: its next step is 10 minutes away
    ahead = policy.choose(context(items, history, last_item_id=1, settings=settings, day_start_ms=day))
    assert ahead.item.id == 2 and ahead.reason.code == Code.LEARN_AHEAD  # nothing else: shown early, not dropped


class StrongStudent(FakePredictor):
    """Recalls everything for years: every grade's wait runs past the longest interval the buttons measure."""

    def curve_after(self, item, extra):
        return lambda at_ms: 0.99


def test_hard_good_and_easy_never_show_the_same_interval_for_a_strong_student():
    # A finding of issue 16: all three read "365 days" (the cap of the interval search).
    items = rows(1)
    intervals = ReviewPolicy(StrongStudent({})).intervals(context(items, answered(1)), items[0], NOW)
    days = [intervals[grade] / DAY_MS for grade in (2, 3, 4)]
    assert days == sorted(set(days)) and days[0] >= 365
    assert all(d == round(d) for d in days)  # whole days, so the buttons' labels differ too


def test_review_interleaves_sub_decks_of_a_parent():
    items = rows(2, deck_id=1, start=1) + rows(2, deck_id=2, start=3)
    policy = ReviewPolicy(FakePredictor({1: 0.3, 2: 0.4, 3: 0.6, 4: 0.7}))
    history = answered(1, 2, 3, 4)
    history[9] = []
    chosen = policy.choose(context(items, history, last_item_id=2, settings=StudySettings(new_per_day=0)))
    assert chosen.item.id == 4  # deck 2, though item 1 of deck 1 is lower
    chosen = policy.choose(context(items, history, last_item_id=3, settings=StudySettings(new_per_day=0)))
    assert chosen.item.id == 2


# ---------------------------------------------------------------- practice

def test_practice_picks_the_desirable_difficulty_band():
    items = rows(4)
    policy = PracticePolicy(FakePredictor({1: 0.98, 2: 0.72, 3: 0.3, 4: 0.95}))
    settings = StudySettings(target_retention=0.7)
    choice = policy.choose(context(items, answered(1, 2, 3, 4), settings=settings))
    assert choice.item.id == 2
    assert choice.reason.text == "Practice at the right level: you get this right about 72% of the time"


def test_practice_mixes_in_the_most_urgent_due_review():
    items = rows(3)
    policy = PracticePolicy(FakePredictor({1: 0.75, 2: 0.4, 3: 0.8}), review_every=3)
    history = answered(1, 2, 3)
    assert policy.choose(context(items, history, session_answers=1)).item.id == 1
    third = policy.choose(context(items, history, session_answers=2))
    assert third.item.id == 2 and third.reason.text.startswith("Due review")


def test_practice_brings_a_missed_item_back_a_few_items_later_and_never_twice_in_a_row():
    items = rows(6)
    predictor = FakePredictor({k: 0.75 for k in range(1, 7)})
    policy = PracticePolicy(predictor, comeback_after=3, review_every=99)
    history, sequence, wrong = {}, [], []
    for step in range(8):
        ctx = context(items, history, session_answers=step, session_wrong=list(wrong),
                      last_item_id=sequence[-1] if sequence else None, new_today=len(history))
        choice = policy.choose(ctx)
        assert not sequence or choice.item.id != sequence[-1]
        correct = 0 if step == 0 else 1
        history.setdefault(choice.item.id, []).append(LoggedAnswer(step + 1, choice.item.id, NOW + step, correct, None))
        if correct:
            wrong = [w for w in wrong if w != choice.item.id]
        else:
            wrong.append(choice.item.id)
        sequence.append(choice.item.id)
        if step == 4:
            assert choice.reason.text == "You missed this a few items ago: try it again"
    first = sequence[0]
    assert sequence.index(first, 1) == 4  # three other items in between


def test_practice_respects_the_new_item_limit():
    items = rows(3)
    policy = PracticePolicy(FakePredictor({k: 0.7 for k in range(1, 4)}))
    assert policy.choose(context(items, new_today=20)) is None
    assert "new item, 1 of 20 today" in policy.choose(context(items)).reason.text


# ---------------------------------------------------------------- test

def test_information_is_corrected_for_guessing():
    p = np.array([0.5, 0.625])
    assert fisher_information(p[:1], np.zeros(1))[0] == pytest.approx(0.25)
    # A 4-option question at p = 0.625 (half way above the guess floor) tells less than a free answer at 0.5.
    assert fisher_information(p[1:], np.array([0.25]))[0] < 0.25


def test_test_policy_prefers_questions_near_even_odds_with_a_reason():
    items = rows(5)
    policy = AdaptiveTest(FakePredictor({1: 0.97, 2: 0.5, 3: 0.03, 4: 0.95, 5: 0.9}), top_k=1)
    choice = policy.choose(context(items))
    assert choice.item.id == 2
    assert choice.reason.text == "Most informative question: students like you get this right about half the time"


def test_test_exposure_control_spreads_the_first_question():
    items = rows(20)
    predictor = FakePredictor({k: 0.45 + 0.005 * k for k in range(1, 21)})
    first = {AdaptiveTest(predictor, top_k=4, seed=seed).choose(context(items)).item.id for seed in range(30)}
    assert 2 <= len(first) <= 4


@pytest.fixture
def quiz_db(tmp_path, add_parent_deck):
    db = connect(tmp_path / "db.sqlite3")
    deck = add_parent_deck(db, tmp_path)
    return db, queries.add_profile(db, "Ana"), deck


def test_a_test_session_stops_after_n_questions_without_repeats_and_reports(quiz_db):
    db, profile, deck = quiz_db
    clock = iter(range(NOW, NOW + 10**9, 20_000))
    predictor = FakePredictor({}, default=0.6)
    policy = make_policy("test", predictor, seed=1)
    session = StudySession(db, profile, deck, mode="test", policy=policy, predictor=predictor,
                           clock=lambda: next(clock), settings=StudySettings(test_length=5))
    shown = []
    while (item := session.next_item()) is not None:
        shown.append(item.item.id)
        assert item.reason.text.startswith("Most informative question")
        session.submit("b")
    assert len(shown) == 5 and len(set(shown)) == 5
    report = policy.report(deck_names={d["id"]: d["name"] for d in queries.list_decks(db)})
    assert report.questions == 5
    assert {m.name for m in report.decks} == {"Quiz::Algebra", "Quiz::Geometry"}
    assert {m.name for m in report.skills} == {"Equations", "Angles", "Areas", "Volumes"}
    assert sum(m.asked for m in report.skills) == 5
    for m in report.decks + report.skills:
        assert 0 <= m.low <= m.mastery <= m.high <= 1
    assert all(line.startswith("Study ") for line in report.study_next)
    reasons = [r["reason"] for r in db.query("SELECT reason FROM answers ORDER BY id")]
    assert len(reasons) == 5 and all(r.startswith("Most informative") for r in reasons)


def test_the_band_narrows_as_more_of_a_skill_is_asked():
    items = rows(4, skill="s") + rows(4, start=5, skill="t")
    predictor = FakePredictor({}, default=0.6)
    policy = AdaptiveTest(predictor)
    history = answered(1, 2, 3, at=NOW - 1000)
    report = policy.report(context(items, history, session_answers=3))
    s, t = report.skills
    assert s.asked == 3 and t.asked == 0
    assert (s.high - s.low) < (t.high - t.low)


def test_a_test_on_a_parent_deck_balances_its_questions_across_sub_decks_and_skills(tmp_path, add_parent_deck):
    # Issue 16, defect 3: a test on "Maths" asked only fraction items. Here the fraction items are the most
    # informative (even odds), yet the tables get their share of the questions.
    db = connect(tmp_path / "db.sqlite3")
    fractions = [Item("typed", f"f{n}", "1", guid=f"f{n}", skill="Fractions") for n in range(40)]
    tables = [Item("typed", f"{k} x {n}", str(k * n), guid=f"t{k}-{n}", skill=f"Table of {k}")
              for k in (2, 10) for n in range(1, 13)]
    deck = add_parent_deck(db, tmp_path, {"Fractions": fractions, "Multiplication tables": tables})
    profile = queries.add_profile(db, "Ana")
    keys = {i.id: i.guid for i in queries.items_in_decks(db, queries.deck_and_descendants(db, deck))}
    predictor = FakePredictor({i: 0.5 if g.startswith("f") else 0.95 for i, g in keys.items()})
    clock = iter(range(NOW, NOW + 10**9, 20_000))
    policy = make_policy("test", predictor, seed=3)
    session = StudySession(db, profile, deck, mode="test", policy=policy, predictor=predictor,
                           clock=lambda: next(clock), settings=StudySettings(test_length=8))
    asked = []
    while (shown := session.next_item()) is not None:
        asked.append(shown.item)
        session.submit(shown.item.answer)
    by_deck = {name: sum(1 for i in asked if i.guid.startswith(name[0])) for name in ("fractions", "tables")}
    assert by_deck == {"fractions": 4, "tables": 4}
    # Within the tables, both skills are asked; every reported group with questions shows them.
    assert {i.skill for i in asked} == {"Fractions", "Table of 2", "Table of 10"}
    report = session.test_report()
    assert [m.name for m in report.skills] == ["Fractions", "Table of 2", "Table of 10"]  # natural order
    assert all(m.asked > 0 and not m.predicted_only for m in report.decks)


def test_groups_never_asked_are_marked_and_never_recommended():
    items = rows(4, skill="Table of 10") + rows(4, start=5, skill="Table of 2")
    policy = AdaptiveTest(FakePredictor({}, default=0.3))
    report = policy.report(context(items, answered(1, at=NOW - 1000), session_answers=1))
    asked, unasked = report.skills[1], report.skills[0]
    assert (unasked.name, unasked.asked, unasked.predicted_only) == ("Table of 2", 0, True)
    assert (asked.name, asked.predicted_only) == ("Table of 10", False)
    assert report.study_next == ["Study Table of 10: mastery about 30% (between 7% and 72%)"]
    assert "Skill Table of 2: not asked (0 of 4 items), predicted 30%" in report.lines()


def test_natural_sort_reads_numbers_as_numbers():
    from studyapp.study.policies import natural_key

    names = ["Table of 10", "table of 2", "Table of 1", "Fractions", "Table of 12b", "Table of 12a"]
    assert sorted(names, key=natural_key) == ["Fractions", "Table of 1", "table of 2", "Table of 10",
                                              "Table of 12a", "Table of 12b"]


# ---------------------------------------------------------------- choosing a policy

def test_make_policy_by_mode_and_fallback():
    predictor = FakePredictor({})
    assert isinstance(make_policy("review", predictor), ReviewPolicy)
    assert isinstance(make_policy("practice", predictor), PracticePolicy)
    assert isinstance(make_policy("test", predictor), AdaptiveTest)
    assert all(isinstance(make_policy(m, None), ClassicPolicy) for m in ("review", "practice", "test"))
    with pytest.raises(ValueError, match="unknown study mode"):
        make_policy("cram", predictor)


def test_the_report_reads_as_lines():
    items = rows(2, skill="fractions")
    policy = AdaptiveTest(FakePredictor({}, default=0.3))
    lines = policy.report(context(items, answered(1, at=NOW - 1000), session_answers=1)).lines()
    assert lines[0] == "1 question(s)."
    assert any(line.startswith("Skill fractions: mastery 30% (") and "1 of 2 items asked" in line for line in lines)
    assert lines[-1].startswith("Study fractions: mastery about 30%")


# ---------------------------------------------------------------- kept state between choices

def test_a_new_item_answered_in_the_session_is_seen_by_the_next_choice():
    items = rows(3)
    policy = ReviewPolicy(FakePredictor({1: 0.5, 2: 0.5, 3: 0.5}))
    ctx = context(items, settings=StudySettings(new_per_day=5))
    history = ctx.history
    first = policy.choose(ctx)
    assert first.reason.text == "New item, 1 of 5 today" and first.predicted == 0.5
    history[first.item.id] = [LoggedAnswer(1, first.item.id, NOW, 1, 3)]
    ctx.last_item_id, ctx.session_answers, ctx.new_today = first.item.id, 1, 1
    ctx.now_ms = NOW + 20 * 60_000
    assert policy.choose(ctx).reason.text == "New item, 2 of 5 today"
    # An item answered elsewhere (not the last one) is noticed too: the arrays are rebuilt.
    history[3] = [LoggedAnswer(2, 3, NOW, 0, 1)]
    ctx.session_answers, ctx.new_today = 2, 2
    assert policy.choose(ctx).item.id == 3  # due (50% < 90%) and the only review: it comes before a new item


def test_best_first_matches_a_stable_sort_of_the_whole_deck():
    from studyapp.study.policies import best_first

    rng = np.random.default_rng(1)
    score = rng.integers(0, 5, 200).astype(float)  # many ties
    candidates = np.flatnonzero(rng.random(200) < 0.7)
    for n in (1, 4, 10, len(candidates)):
        expected = candidates[np.argsort(-score[candidates], kind="stable")][:n]
        assert best_first(candidates, score, n).tolist() == expected.tolist()


# ---------------------------------------------------------------- time_to_recall

def test_time_to_recall_finds_where_a_falling_curve_crosses_the_target():
    from studyapp.study.policies import time_to_recall

    stability_ms = 10 * DAY_MS  # p = 0.9 exactly at 10 days on this FSRS-like curve
    curve = lambda t: (1 + (19 / 81) * t / stability_ms) ** -0.5  # noqa: E731
    assert time_to_recall(curve, 0, 0.9) == pytest.approx(10 * DAY_MS, rel=0.005)


def test_time_to_recall_takes_the_first_crossing_of_a_curve_that_rises_again():
    """The learner's curve can fall below the target within days and rise above it months later; the item is
    due (and its button says so) at the first crossing, not a year later."""
    from studyapp.study.policies import time_to_recall

    def curve(t):  # below 0.9 from about 2 to 40 days, above it again from then on
        days = t / DAY_MS
        return 0.95 - 0.03 * min(days, 2) + 0.002 * max(days - 30, 0)

    wait = time_to_recall(curve, 0, 0.9)
    assert DAY_MS < wait < 2 * DAY_MS


def test_time_to_recall_stays_within_its_bounds():
    from studyapp.study.policies import LONGEST_INTERVAL_MS, STEPS_MS, time_to_recall

    assert time_to_recall(lambda t: 0.99, 0, 0.9) == LONGEST_INTERVAL_MS
    assert time_to_recall(lambda t: 0.5, 0, 0.9) == STEPS_MS[-1]
