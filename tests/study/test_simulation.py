import math

import numpy as np
import pytest

from studyapp.content.model import Deck, Item
from studyapp.learner.simulate import Population
from studyapp.study.simulation import SimStudent, SimulationError, make_students, simulate

DAY_MS = 86_400_000


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

    def observe(self, item, answer):
        self.answers.setdefault(item.id, []).append((answer.answered_ms, answer.correct))

    def forget_last(self):
        pass

    def save(self):
        pass


@pytest.fixture
def deck():
    items = [Item("basic", f"q{n}", f"a{n}", guid=f"g{n}") for n in range(12)]
    items += [Item("choice", f"c{n}", "x", options=["x", "y", "z"], guid=f"c{n}") for n in range(4)]
    return Deck("Sim::Deck", items=items)


def test_every_policy_runs_on_the_same_students_within_the_budget(deck):
    result = simulate(["ours", "sm2", "fsrs6", "random"], deck, days=3, minutes=2, students=2, seed=3,
                      predictor_factory=lambda db, profile: RecencyPredictor())
    assert set(result["policies"]) == {"ours", "sm2", "fsrs6", "random"}
    for figures in result["policies"].values():
        assert 0 <= figures["knowledge"] <= 1
        assert 0 <= figures["items_above_90"] <= len(deck.items)
        assert figures["reviews"] > 0
        # The last answer of a day may run past the budget by at most one answer (under a minute here).
        assert figures["minutes"] <= 3 * (2 + 1)
        assert figures["knowledge_per_minute"] == pytest.approx(
            figures["knowledge"] * len(deck.items) / figures["minutes"], rel=0.05)
    # Random studies until the budget is spent every day; it never runs out of items.
    assert result["policies"]["random"]["minutes"] >= 3 * 2


def test_the_same_seed_gives_the_same_figures(deck):
    a = simulate(["sm2", "random"], deck, days=2, minutes=1, students=2, seed=5)
    b = simulate(["sm2", "random"], deck, days=2, minutes=1, students=2, seed=5)
    for figures in (a, b):
        for policy in figures["policies"].values():
            policy.pop("run_seconds")
    assert a == b


def test_students_are_drawn_once_for_all_policies():
    first = make_students(3, seed=7, population=Population())
    again = make_students(3, seed=7, population=Population())
    assert all(np.array_equal(x[0], y[0]) and x[1] == y[1] for x, y in zip(first, again))
    assert not np.array_equal(first[0][0], first[1][0])


def test_the_hidden_memory_fades_and_a_never_seen_item_is_unknown(deck):
    w, seed = make_students(1, seed=1, population=Population())[0]
    student = SimStudent(w, ["g0#0", "g1#0"], seed)
    assert student.recall("g0#0", 0) == 0.0
    item = type("I", (), {"key": "g0#0", "kind": "basic", "answer": "a", "options": []})()
    student.answer(item, 0.0)
    assert student.recall("g0#0", 3600) > student.recall("g0#0", 30 * 86400) > 0


def test_bad_policies_are_refused(deck):
    with pytest.raises(SimulationError, match="unknown policy 'anki'"):
        simulate(["anki"], deck, days=1, minutes=1, students=1)
    with pytest.raises(SimulationError, match="needs the learner model"):
        simulate(["ours"], deck, days=1, minutes=1, students=1)


def run_cli(*argv):
    import argparse

    from studyapp.study.commands import register

    parser = argparse.ArgumentParser(prog="studyapp")
    sub = parser.add_subparsers(dest="command")
    register(sub, sub.add_parser("bench").add_subparsers(dest="target"))
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_the_simulate_command_prints_json_figures_per_policy(capsys):
    import json

    assert run_cli("simulate", "--deck", "true or false", "--policy", "sm2,random", "--days", "3",
                   "--students", "2", "--minutes", "2", "--population", "absent.json", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["policies"]) == {"sm2", "random"}
    assert set(out["policies"]["sm2"]) >= {"knowledge", "items_above_90", "reviews", "minutes", "knowledge_per_minute"}


def test_the_simulate_command_refuses_an_unknown_deck_in_one_sentence(capsys):
    assert run_cli("simulate", "--deck", "no such deck", "--policy", "sm2", "--days", "1", "--students", "1") == 1
    assert "no built-in deck named 'no such deck'" in capsys.readouterr().err


def test_bench_select_reports_percentiles_by_size(capsys):
    import json

    assert run_cli("bench", "select", "--sizes", "300,600", "--no-model", "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["select_ms"]) == {"300", "600"}
    assert all(f["p50"] <= f["p95"] for f in out["select_ms"].values())


class RecencyPredictors:
    """A picklable factory of stand-in predictors, so worker processes can build their own."""

    def __call__(self, db, profile):
        return RecencyPredictor()


def test_worker_processes_give_the_same_figures(deck):
    args = (["ours", "sm2", "random"], deck)
    kwargs = dict(days=3, minutes=2, students=3, seed=5, predictor_factory=RecencyPredictors())
    alone = simulate(*args, **kwargs)
    pooled = simulate(*args, **kwargs, workers=2)
    for name in ("ours", "sm2", "random"):
        a, b = alone["policies"][name], pooled["policies"][name]
        assert {k: v for k, v in a.items() if k != "run_seconds"} == {k: v for k, v in b.items() if k != "run_seconds"}


def test_ours_is_compared_with_fsrs6_on_the_same_students():
    from studyapp.study.simulation import PolicyResult, versus

    ours = PolicyResult(knowledge=[0.9, 0.8], minutes=[90.0, 100.0])
    fsrs = PolicyResult(knowledge=[0.9, 0.9], minutes=[100.0, 100.0])
    out = versus(ours, fsrs)
    assert out["minutes_percent"] == -5.0 and out["knowledge_difference"] == -0.05
    assert out["knowledge_per_minute_percent"] == round(100 * ((0.85 / 95) / (0.9 / 100) - 1), 1)
    assert out["students_better_per_minute"] == 0.5 and out["students_less_time"] == 0.5
