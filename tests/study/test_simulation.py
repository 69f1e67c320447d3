import json
import math

import numpy as np
import pytest

from studyapp.content.model import Deck, Item
from studyapp.learner.lab.simulate import POWERLAW_MEAN, Population, PowerLawMemory
from studyapp.study.settings import StudySettings
from studyapp.study.simulation import (
    SIM_SEED_OFFSET,
    SimStudent,
    SimulationError,
    StudentRun,
    check_disjoint,
    generated_deck,
    make_students,
    run_student,
    simulate,
)

DAY_MS = 86_400_000
DAY_S = 86_400


class RecencyPredictor:
    """A stand-in for the learner model: recall decays with a half-life that doubles with each right answer."""

    def __init__(self):
        self.answers = {}

    def predict(self, items, now_ms):
        out = []
        for item in items:
            past = self.answers.get(item.id)
            if not past:
                out.append(0.3)
                continue
            half_life = DAY_MS * 2 ** sum(c for _, c in past) / 2
            out.append(math.exp(-math.log(2) * (now_ms - past[-1][0]) / half_life))
        return out

    knowledge = predict

    def observe(self, item, answer):
        self.answers.setdefault(item.id, []).append((answer.answered_ms, answer.correct))

    def forget_last(self):
        pass

    def save(self):
        pass


class RecencyPredictors:
    """A picklable factory of stand-in predictors, so worker processes can build their own."""

    def __call__(self, db, profile):
        return RecencyPredictor()


@pytest.fixture
def deck():
    items = [Item("basic", f"q{n}", f"a{n}", guid=f"g{n}") for n in range(12)]
    items += [Item("choice", f"c{n}", "x", options=["x", "y", "z"], guid=f"c{n}") for n in range(4)]
    return Deck("Sim::Deck", items=items)


def without_timings(result):
    for family in result["memory"].values():
        for figures in family["policies"].values():
            figures.pop("run_seconds")
    return result


# ---------------------------------------------------------------- equal study time

@pytest.mark.parametrize("family", ["fsrs", "powerlaw"])
def test_every_policy_uses_the_whole_budget_every_day(deck, tmp_path, family):
    # 16 items and 3 minutes a day: every policy runs out of due and new items and must review ahead.
    student = make_students(1, seed=2, family=family, population=Population())[0]
    for policy in ("ours", "fsrs6", "sm2", "random"):
        run = StudentRun(policy, student, deck, days=4, minutes=3, settings=StudySettings(), refit_days=30, fill=True)
        result = run_student(run, tmp_path, RecencyPredictors())
        assert len(result.day_minutes) == 4
        # Each day ends with the answer that crosses the budget: at most one answer (here under 2 minutes) over.
        assert all(3 <= m < 3 + 2 for m in result.day_minutes), (policy, result.day_minutes)


def test_without_fill_a_day_ends_when_the_policy_has_nothing_to_show(deck, tmp_path):
    student = make_students(1, seed=2, family="fsrs", population=Population())[0]
    run = StudentRun("sm2", student, deck, days=3, minutes=30, settings=StudySettings(), refit_days=30, fill=False)
    result = run_student(run, tmp_path, None)
    assert all(m < 30 for m in result.day_minutes) and result.extra_minutes == 0


def test_every_policy_runs_on_the_same_students_and_is_compared_with_fsrs6(deck):
    result = simulate(["ours", "sm2", "fsrs6", "random"], deck, days=3, minutes=2, students=2, seeds=2, seed=3,
                      predictor_factory=RecencyPredictors())
    assert set(result["memory"]) == {"fsrs", "powerlaw"}
    for family in result["memory"].values():
        assert set(family["policies"]) == {"ours", "sm2", "fsrs6", "random"}
        for figures in family["policies"].values():
            assert figures["students"] == 4
            assert 0 <= figures["knowledge"]["mean"] <= 1 and figures["knowledge"]["se"] is not None
            assert figures["knowledge_after"]["mean"] <= figures["knowledge"]["mean"]
            assert 2 <= figures["minutes"]["mean"] < 4
        versus = family["ours_vs_fsrs6"]
        assert versus["knowledge_ratio_lowest_seed"] <= versus["knowledge_ratio"]["mean"]
        assert 0.5 < versus["minutes_ratio"]["mean"] < 2  # equal budgets, used by both
        assert 0 <= versus["students_better_knowledge"] <= 1


def test_the_same_seed_gives_the_same_figures(deck):
    a = simulate(["sm2", "random"], deck, days=2, minutes=1, students=2, seeds=1, seed=5)
    b = simulate(["sm2", "random"], deck, days=2, minutes=1, students=2, seeds=1, seed=5)
    assert without_timings(a) == without_timings(b)


def test_worker_processes_give_the_same_figures(deck):
    args = (["ours", "fsrs6", "sm2", "random"], deck)
    kwargs = dict(days=3, minutes=2, students=2, seeds=2, seed=5, predictor_factory=RecencyPredictors())
    alone = simulate(*args, **kwargs)
    pooled = simulate(*args, **kwargs, workers=2)
    assert without_timings(alone) | {"workers": 0} == without_timings(pooled) | {"workers": 0}


# ---------------------------------------------------------------- the simulated students

def test_students_are_drawn_once_for_all_policies():
    first = make_students(3, seed=7, family="fsrs", population=Population())
    again = make_students(3, seed=7, family="fsrs", population=Population())
    assert all(np.array_equal(x.params, y.params) and x.seed == y.seed for x, y in zip(first, again))
    assert not np.array_equal(first[0].params, first[1].params)


def test_student_seeds_are_disjoint_from_the_training_seeds():
    from studyapp.learner.modelfile import card_path
    from studyapp.learner.runtime import default_model_path

    shipped = json.loads(card_path(default_model_path()).read_text(encoding="utf-8"))
    assert shipped["training"]["seed"] < SIM_SEED_OFFSET
    check_disjoint(shipped)
    with pytest.raises(SimulationError, match="trained with seed"):
        check_disjoint({"training": {"seed": SIM_SEED_OFFSET + 4}})
    students = make_students(3, seed=0, family="fsrs", population=Population())
    assert all(s.seed >= SIM_SEED_OFFSET for s in students)
    # Training's first simulated learner (seed 0) is none of the simulation's seed-0 students.
    rng = np.random.default_rng(0)
    assert not any(np.array_equal(Population().draw(rng), s.params) for s in students)
    for bad in (-1, SIM_SEED_OFFSET):
        with pytest.raises(SimulationError, match="--seed must be between"):
            make_students(1, seed=bad, family="fsrs", population=Population())


def item(key="g0#0"):
    return type("I", (), {"key": key, "kind": "basic", "answer": "a", "options": []})()


@pytest.mark.parametrize("family", ["fsrs", "powerlaw"])
def test_the_hidden_memory_fades_and_a_never_seen_item_is_unknown(family):
    spec = make_students(1, seed=1, family=family, population=Population())[0]
    student = SimStudent(family, spec.params, ["g0#0", "g1#0"], spec.seed)
    assert student.recall("g0#0", 0) == 0.0
    student.answer(item(), 0.0)
    assert student.recall("g0#0", 3600) > student.recall("g0#0", 30 * DAY_S) > 0


def test_the_powerlaw_student_forgets_and_gains_from_spacing():
    def memory():
        m = PowerLawMemory(np.array(POWERLAW_MEAN), ["x"], np.random.default_rng(0))
        m.item_b["x"] = 0.0
        return m

    massed, spaced = memory(), memory()
    for k in range(4):
        massed.update("x", 20 * DAY_S + 60 * k, 3)  # four showings in four minutes
        spaced.update("x", 7 * DAY_S * k, 3)        # four showings a week apart, the last one earlier
    # Within the sitting the massed item is nearly sure; both fade; a month on, spacing kept far more.
    assert massed.recall("x", 20 * DAY_S + 300) > 0.95
    assert massed.recall("x", 21 * DAY_S) < massed.recall("x", 20 * DAY_S + 300)
    assert spaced.recall("x", 50 * DAY_S) > massed.recall("x", 50 * DAY_S) + 0.2
    assert spaced.recall("x", 50 * DAY_S) < spaced.recall("x", 22 * DAY_S)


# ---------------------------------------------------------------- the baselines as Anki runs them

def drive(policy, deck, tmp_path, grades):
    """Study under `policy` with answers from `grades` (item key, showing) -> grade, 10 s each; returns the
    (seconds since start, key, grade) of every answer."""
    from studyapp.content.model import ImportBundle
    from studyapp.store import queries
    from studyapp.store.db import connect
    from studyapp.store.importer import import_bundle
    from studyapp.study.session import StudySession
    from studyapp.study.simulation import START_MS, FakeClock

    db = connect(tmp_path / "drive.sqlite3")
    import_bundle(db, tmp_path, ImportBundle(decks=[deck]), None)
    profile = queries.add_profile(db, "p")
    clock = FakeClock(START_MS)
    session = StudySession(db, profile, queries.find_deck(db, deck.name)["id"], policy=policy, clock=clock,
                           settings=StudySettings(new_per_day=100))
    log, shown = [], {}
    while len(log) < 100 and (presented := session.next_item()) is not None:
        key = presented.item.key
        shown[key] = shown.get(key, 0) + 1
        grade = grades(key, shown[key])
        clock.ms += 10_000
        session.submit(str(grade))
        log.append(((clock.ms - START_MS) / 1000, key, grade))
    return log


@pytest.mark.parametrize("scheduler", ["fsrs6", "sm2"])
def test_a_failed_new_card_comes_back_within_minutes(scheduler, tmp_path):
    from studyapp.study.simulation import make_policy

    deck = Deck("Steps", items=[Item("basic", f"q{n}", f"a{n}", guid=f"s{n}") for n in range(80)])
    policy = make_policy(scheduler, StudySettings(), 1, None, 30)
    log = drive(policy, deck, tmp_path, lambda key, n: 1 if (key == "s0#0" and n == 1) else 3)
    times = [t for t, key, _ in log if key == "s0#0"]
    assert len(times) >= 2 and 60 <= times[1] - times[0] <= 120  # the 1-minute learning step, then its turn
    assert 600 <= times[2] - times[1] <= 660  # then the 10-minute step


def test_sm2_keeps_ankis_intervals_and_ease():
    from studyapp.study.anki import Sm2Cards

    cards, t = Sm2Cards(seed=0), 1_767_268_800_000
    assert cards.review(1, 1, t).due_ms == t + 60_000           # Again: the first learning step, 1m
    assert cards.review(1, 3, t + 60_000).due_ms == t + 660_000  # Good: the next one, 10m
    graduated = cards.review(1, 3, t + 660_000)
    assert not graduated.learning and cards.cards[1].interval == 1
    cards.review(1, 3, t + DAY_MS)
    assert cards.cards[1].interval in (2, 3, 4) and cards.cards[1].ease == 2.5  # 1 x 250% -> 3 days, fuzzed
    lapse = cards.review(1, 1, t + 5 * DAY_MS)
    assert lapse.learning and lapse.due_ms == t + 5 * DAY_MS + 600_000 and cards.cards[1].ease == pytest.approx(2.3)
    assert cards.review(2, 4, t).due_ms - t > 3 * DAY_MS  # Easy on a new card: 4 days


def test_fsrs6_refits_on_answers_snapped_to_the_rollover(monkeypatch):
    import fsrs

    from studyapp.study.anki import FsrsCards

    seen = {}

    class Recording:
        def __init__(self, logs):
            seen["logs"] = logs

        def compute_optimal_parameters(self):
            return list(fsrs.scheduler.DEFAULT_PARAMETERS[:-1]) + [0.2]

    monkeypatch.setattr(fsrs, "Optimizer", Recording, raising=False)
    cards, t = FsrsCards(0.9, refit_days=30), 1_767_268_800_000  # 12:00 UTC
    cards.before(t)
    for k, grade in enumerate((3, 3, 3)):
        cards.review(7, grade, t + k * 61_000)
    due = cards.cards[7].due
    cards.before(t + 31 * DAY_MS)
    assert cards.fits == ["fitted"]
    assert [(d.review_datetime.hour, d.review_datetime.minute) for d in seen["logs"]] == [(4, 0)] * 3
    assert cards.cards[7].due == due and cards.scheduler.parameters[-1] == pytest.approx(0.2)


# ---------------------------------------------------------------- refusals and the command

def test_bad_requests_are_refused(deck):
    with pytest.raises(SimulationError, match="unknown policy 'anki'"):
        simulate(["anki"], deck, days=1, minutes=1, students=1)
    with pytest.raises(SimulationError, match="needs the learner model"):
        simulate(["ours"], deck, days=1, minutes=1, students=1)
    with pytest.raises(SimulationError, match="unknown memory family 'hlr'"):
        simulate(["sm2"], deck, days=1, minutes=1, students=1, families=("hlr",))
    with pytest.raises(SimulationError, match="--items must be positive"):
        generated_deck(0)


def run_cli(*argv):
    import argparse

    from studyapp.study.commands import register

    parser = argparse.ArgumentParser(prog="studyapp")
    sub = parser.add_subparsers(dest="command")
    register(sub, sub.add_parser("bench").add_subparsers(dest="target"))
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_the_simulate_command_prints_json_figures_per_memory_and_policy(capsys):
    assert run_cli("simulate", "--items", "20", "--policy", "sm2,random", "--days", "2", "--students", "2",
                   "--seeds", "2", "--minutes", "1", "--population", "absent.json", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert out["items"] == 20 and out["seeds"] == [0, 1] and out["new_per_day"] == 20
    assert set(out["memory"]) == {"fsrs", "powerlaw"}
    assert set(out["memory"]["fsrs"]["policies"]["sm2"]) >= {"knowledge", "knowledge_after", "known", "minutes"}


def test_the_simulate_command_prints_a_table(capsys):
    assert run_cli("simulate", "--deck", "true or false", "--policy", "sm2", "--memory", "powerlaw", "--days", "1",
                   "--students", "1", "--seeds", "1", "--minutes", "1", "--population", "absent.json") == 0
    out = capsys.readouterr().out
    assert "memory: powerlaw" in out and "sm2" in out and "memory: fsrs" not in out


@pytest.mark.parametrize("argv, message", [
    (("--deck", "no such deck"), "no built-in deck named 'no such deck'"),
    (("--items", "10", "--deck", "true or false"), "give either --deck or --items"),
    ((), "give either --deck or --items"),
    (("--items", "10", "--memory", "hlr"), "--memory takes some of fsrs, powerlaw"),
    (("--items", "10", "--seeds", "0"), "must be positive"),
    (("--items", "10", "--new-per-day", "-1"), "new per day must be between 0 and 9999"),
])
def test_the_simulate_command_refuses_bad_input_in_one_sentence(capsys, argv, message):
    assert run_cli("simulate", "--policy", "sm2", "--days", "1", "--students", "1", *argv) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bench_select_reports_percentiles_by_size(capsys):
    assert run_cli("bench", "select", "--sizes", "300,600", "--no-model", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["select_ms"]) == {"300", "600"}
    assert all(f["p50"] <= f["p95"] for f in out["select_ms"].values())
