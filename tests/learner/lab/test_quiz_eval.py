"""The quiz evaluation at full strength: skill-pooled IRT baselines, every fold or seed in one command with
mean +- standard error, and a quiz model that starts from the baseline it has to beat."""

import argparse
import json

import numpy as np
import pytest

from studyapp.learner.lab import evaluate_quiz as q
from studyapp.learner.lab.baselines import IRT
from studyapp.learner.lab.data import DataError
from studyapp.learner.lab.simulate import simulate_quiz


def _akt_pid_folds(folder, n_folds=5, per_fold=14, n_items=12):
    """Fold files in the akt-pid format (4 lines per student), items tagged with one of three skills."""
    folder.mkdir()
    students = simulate_quiz(np.linspace(-1.5, 1.5, n_items), np.ones(n_items), n_folds * per_fold, seed=5)
    for f in range(n_folds):
        lines = []
        for k, (_, responses) in enumerate(students[f * per_fold:(f + 1) * per_fold]):
            items = [i[4:] for i, _ in responses]
            lines += [f"{len(items)},f{f}s{k}", ",".join(items), ",".join(str(int(i) % 3) for i in items),
                      ",".join(str(c) for _, c in responses)]
        (folder / f"quiz_pid_test{f + 1}.csv").write_text("\n".join(lines) + "\n")
    return folder


def _args(data, fmt, **kw):
    base = dict(data=data, format=fmt, train=None, test=None, answers=None, steps=3, seed=0, json=True,
                folds=None, seeds=None, score_on="test")
    return argparse.Namespace(**(base | kw))


def test_fold_k_tests_file_k_and_validates_on_the_next(tmp_path):
    folder = _akt_pid_folds(tmp_path / "folds")
    split = q.split_data(folder, "akt-pid", seed=0, fold=5)
    assert "test quiz_pid_test5.csv, validation quiz_pid_test1.csv" in split.description
    ids = lambda students: {s for s, _ in students}  # noqa: E731
    assert ids(split.test) == {f"f4s{k}" for k in range(14)} and ids(split.validation) == {f"f0s{k}" for k in range(14)}
    assert ids(split.train) == {f"f{f}s{k}" for f in (1, 2, 3) for k in range(14)}
    with pytest.raises(DataError, match="fold 6 does not exist"):
        q.split_data(folder, "akt-pid", seed=0, fold=6)


def test_folds_option_runs_every_fold_with_skill_baselines_and_reports_mean_and_se(tmp_path, capsys):
    folder = _akt_pid_folds(tmp_path / "folds")
    assert q.main(_args(folder, "akt-pid", folds="1-3")) == 0
    out = json.loads(capsys.readouterr().out)
    assert [r["run"] for r in out["runs"]] == ["fold 1", "fold 2", "fold 3"]
    assert set(out["runs"][0]["auc"]) == set(q.MODELS)  # the data has skill tags: both skill baselines run
    summary = out["summary"]
    assert summary["runs"] == 3
    ours = [r["auc"]["ours"]["1"] for r in out["runs"]]
    assert summary["auc"]["ours"]["1"]["mean"] == pytest.approx(np.mean(ours))
    assert summary["auc"]["ours"]["1"]["se"] == pytest.approx(np.std(ours, ddof=1) / np.sqrt(3))
    best = summary["ours_minus_best"]["1"]
    diffs = [r["auc"]["ours"]["1"] - r["auc"][best["baseline"]]["1"] for r in out["runs"]]
    assert best["mean"] == pytest.approx(np.mean(diffs))
    assert all(summary["auc"][best["baseline"]]["1"]["mean"] >= summary["auc"][b]["1"]["mean"]
               for b in q.MODELS if b != "ours")


def test_seeds_option_and_the_table_of_means(tmp_path, capsys):
    grid = np.array([[c for _, c in sorted(r)] for _, r in simulate_quiz(np.linspace(-1, 1, 8), np.ones(8), 40)])
    data = tmp_path / "dense.txt"
    np.savetxt(data, grid, fmt="%d")
    assert q.main(_args(data, "dense", seeds="0,1", json=False)) == 0
    out = capsys.readouterr().out
    assert "AUC % over 2 seeds (seed 0, seed 1)" in out and "ours - best baseline" in out
    assert "irt2pl-skills-active" not in out  # no skill tags in a dense grid: no skill rows


@pytest.mark.parametrize("kw, message", [({"folds": "1-2"}, "--folds is for a folder"),
                                         ({"seeds": "a,b"}, "is not a list of numbers")])
def test_bad_run_lists_are_refused_in_one_sentence(tmp_path, kw, message):
    data = tmp_path / "dense.txt"
    np.savetxt(data, np.eye(4, dtype=int), fmt="%d")
    with pytest.raises(DataError, match=message):
        q.main(_args(data, "dense", **kw))


def test_skill_pooling_moves_rare_items_towards_their_skill_and_bank_items_join_at_its_mean():
    answers = [[("common1", 1), ("common2", 1), ("rare", 0)]] + [[("common1", 1), ("common2", 1)]] * 200 \
        + [[("common1", 0), ("common2", 1)]] * 50
    irt = IRT(two_pl=False).fit(answers, epochs=200)
    skills = {"common1": "s", "common2": "s", "rare": "s", "unseen": "s"}
    pooled = irt.with_skills(skills, bank=["unseen"])
    (_, b_rare), (_, b_pooled) = irt.params(["rare"]), pooled.params(["rare"])
    (_, b_common), (_, b_common_pooled) = irt.params(["common1"]), pooled.params(["common1"])
    assert b_rare[0] > 1.0 and b_pooled[0] < b_rare[0] - 1.0  # answered once, wrong: pulled most of the way
    assert b_common_pooled[0] == pytest.approx(b_common[0], abs=0.05)
    assert pooled.params(["unseen"])[1][0] < 0 and irt.params(["unseen"])[1][0] == 0.0
    assert irt.with_skills({}).b.tolist() == irt.b.tolist()


def test_ours_starts_as_the_irt_fit_it_competes_with():
    students = simulate_quiz(np.linspace(-2, 2, 10), np.linspace(0.6, 1.8, 10), 80, seed=2)
    irt = IRT(two_pl=True).fit([r for _, r in students], epochs=100)
    ours = q.Ours(students, steps=0, seed=0, log=lambda _: None, start=irt, skill_offsets=False)
    items = [f"item{j}" for j in range(10)]
    _, _, p = next(ours.run([("item0", 1)], items[1:], asked_counts=(1,), adaptive=False))
    a, b = irt.params(items[1:])
    np.testing.assert_allclose(p, 1 / (1 + np.exp(b)), rtol=1e-5)  # ability 0: IRT's own prediction
    base, design, _ = ours.terms(items)
    np.testing.assert_allclose(design[:, 1].numpy(), irt.params(items)[0], rtol=1e-6)  # ability loads on a


def test_skill_columns_give_each_tagged_item_its_skill_and_untagged_items_none():
    cols = q.skill_columns(["a", "b", "c"], {"a": "x", "c": "y"})
    assert cols.tolist() == [[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]]
    assert q.skill_columns(["a"], None).shape == (1, 0)


def test_1pl_learns_the_spread_of_abilities_through_one_shared_discrimination():
    students = simulate_quiz(np.linspace(-2, 2, 12), np.full(12, 2.0), 400, seed=9)
    irt = IRT(two_pl=False).fit([r for _, r in students])
    assert len(set(irt.a.tolist())) == 1 and 1.6 < irt.a[0] < 2.4  # a fixed 1 would misstate every ability step


def test_runs_dir_keeps_each_run_and_a_later_command_summarises_them(tmp_path, capsys):
    folder = _akt_pid_folds(tmp_path / "folds")
    runs = tmp_path / "runs"
    for fold in ("1", "2"):  # as separate processes would
        assert q.main(_args(folder, "akt-pid", folds=fold, runs_dir=runs)) == 0
    capsys.readouterr()
    assert len(list(runs.iterdir())) == 2
    (runs / "unrelated.json").write_text("{}")
    assert q.main(_args(folder, "akt-pid", folds="1-2", runs_dir=runs)) == 0
    out = json.loads(capsys.readouterr().out)
    stored = json.loads((q.run_file(runs, _args(folder, "akt-pid"), "fold 2", "test")).read_text())
    assert out["runs"][1] == stored and out["summary"]["runs"] == 2
