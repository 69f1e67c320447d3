import numpy as np
import pytest

from studyapp.study.replay import ReplayError, fit_2pl, questions_needed, replay, run_policy, score_errors


def grid_2pl(n_students=300, n_items=8, seed=0):
    rng = np.random.default_rng(seed)
    a = rng.uniform(0.8, 2.0, n_items)
    d = np.linspace(-2, 2, n_items)
    theta = rng.normal(size=n_students)
    p = 1 / (1 + np.exp(-(np.outer(theta, a) + d)))
    return (rng.random(p.shape) < p).astype(np.int8), a, d


def write_grid(path, grid):
    path.write_text("\n".join(" ".join(str(v) for v in row) for row in grid) + "\n")


def test_fit_recovers_the_item_easiness_order():
    grid, _, d = grid_2pl(n_students=500)
    _, d_hat = fit_2pl(grid)
    assert np.corrcoef(d, d_hat)[0, 1] > 0.95


@pytest.mark.parametrize("policy", ["ours", "maxinfo", "random"])
def test_every_policy_asks_each_item_once_and_the_error_ends_at_zero(policy):
    grid, a, d = grid_2pl(n_students=20)
    order = run_policy(policy, grid[0], a, d, seed=1)
    assert sorted(order.tolist()) == list(range(grid.shape[1]))
    errors = score_errors(order, grid[0], a, d)
    assert len(errors) == grid.shape[1] + 1 and errors[-1] == pytest.approx(0, abs=1e-9)


def test_maxinfo_starts_with_the_most_informative_item_for_an_average_student():
    a, d = np.array([1.0, 2.0, 2.0]), np.array([0.0, 0.0, 3.0])
    assert run_policy("maxinfo", np.array([1, 1, 1]), a, d, seed=0)[0] == 1


def test_questions_needed_is_where_the_error_stays_within_the_tolerance():
    assert questions_needed(np.array([3.0, 0.5, 2.0, 0.4, 0.0]), 1.0) == 3
    assert questions_needed(np.array([0.5, 0.2, 0.0]), 1.0) == 0


def test_replay_reports_every_policy_with_exposure(tmp_path):
    grid, _, _ = grid_2pl(n_students=60)
    write_grid(tmp_path / "items_ecpe.txt", grid)
    result = replay(tmp_path, length=4, seed=2)
    figures = result["datasets"]["items_ecpe"]
    assert figures["students_replayed"] == 24 and figures["length"] == 4
    for name in ("ours", "maxinfo", "random"):
        policy = figures["policies"][name]
        assert len(policy["mae_by_questions"]) == 9 and policy["mae_by_questions"][-1] == 0
        assert 0.5 <= policy["max_exposure"] <= 1  # 4 of 8 items: at least one item reaches half the students
        assert 0 <= policy["questions_needed_mean"] <= 8


def test_bad_data_is_refused_with_the_file_named(tmp_path):
    bad = tmp_path / "items_ecpe.txt"
    bad.write_text("1 0 2\n" * 20)
    with pytest.raises(ReplayError, match="items_ecpe.txt"):
        replay(tmp_path)
    with pytest.raises(ReplayError, match="does not exist"):
        replay(tmp_path / "missing")
    with pytest.raises(ReplayError, match="unknown policy"):
        replay(tmp_path, policies=["bobcat"])


def test_the_replay_command_prints_json(tmp_path, capsys):
    import argparse
    import json

    from studyapp.study.commands import register

    grid, _, _ = grid_2pl(n_students=40)
    write_grid(tmp_path / "fractionsdata.txt", grid)
    parser = argparse.ArgumentParser(prog="studyapp")
    sub = parser.add_subparsers(dest="command")
    register(sub, sub.add_parser("bench").add_subparsers(dest="target"))
    args = parser.parse_args(["replay", "--data", str(tmp_path), "--length", "3", "--json"])
    assert args.func(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["datasets"]["fractionsdata"]["policies"]) == {"ours", "maxinfo", "random"}
    args = parser.parse_args(["replay", "--data", str(tmp_path / "absent")])
    assert args.func(args) == 1 and "absent" in capsys.readouterr().err


def test_replay_over_seeds_gives_means_and_standard_errors(tmp_path):
    from studyapp.study.replay import replay_seeds

    grid, _, _ = grid_2pl(n_students=40)
    write_grid(tmp_path / "items_ecpe.txt", grid)
    result = replay_seeds(tmp_path, ["ours", "maxinfo"], error=0.1, length=3, seeds=3, seed=5)
    assert result["seeds"] == [5, 6, 7]
    figures = result["datasets"]["items_ecpe"]
    per_seed = [ds["policies"]["ours"]["questions_needed_mean"] for ds in figures["per_seed"]]
    assert len(per_seed) == 3
    needed = figures["policies"]["ours"]["questions_needed"]
    assert needed["mean"] == pytest.approx(np.mean(per_seed), abs=1e-3)
    assert needed["se"] == pytest.approx(np.std(per_seed, ddof=1) / np.sqrt(3), abs=1e-3)
    assert "questions_vs_maxinfo_percent" in figures["policies"]["ours"]
    with pytest.raises(ReplayError, match="--seeds"):
        replay_seeds(tmp_path, seeds=0)


def test_a_grid_longer_than_the_longest_test_is_refused_in_one_sentence():
    # TestPolicy stops at the longest test a profile may set (200 questions): the replay crashed with an
    # AttributeError on the None it returned (found by mypy).
    grid, a, d = grid_2pl(n_students=12, n_items=201)
    with pytest.raises(ReplayError, match="stopped after 200 of 201 questions"):
        run_policy("ours", grid[0], a, d, seed=0)


def test_the_irt_predictor_serves_a_test_report():
    # TestPolicy.report asks the predictor for knowledge(); the replay's IRT posterior lacked it (found by mypy).
    from studyapp.store.queries import ItemRow
    from studyapp.study.policies import TestPolicy
    from studyapp.study.replay import IrtPredictor
    from studyapp.study.selection import StudyContext
    from studyapp.study.settings import StudySettings

    _, a, d = grid_2pl(n_items=4)
    policy = TestPolicy(IrtPredictor(a, d), seed=0)
    items = [ItemRow(kind="typed", prompt=f"item {j}", answer="1", guid=f"g{j}", id=j + 1, deck_id=1) for j in range(4)]
    report = policy.report(StudyContext(items=items, history={}, now_ms=0, settings=StudySettings()))
    assert report.questions == 0 and len(report.decks) == 1 and 0 < report.decks[0].mastery < 1
