import argparse
import csv
import json

import numpy as np
import pytest

from studyapp.learner.lab import bench, commands, evaluate_memory, evaluate_quiz, metrics
from studyapp.learner.lab.data import DataError, read_akt, read_dense, read_reviews
from studyapp.learner.lab.simulate import Population, simulate_quiz


def write_events(path, logs):
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["student_id", "item_id", "timestamp", "correct", "grade", "response_ms", "kind", "skill_id"])
        for log in logs:
            for item, t, c, g in zip(log.items, log.times, log.correct, log.grades):
                out.writerow([log.student_id, item, int(t * 1000) + 1_700_000_000_000, c, g, "", "flashcard", ""])


def test_population_draws_are_positive_and_within_the_quantile_range():
    q = {"0.01": [0.1] * 19, "0.5": [1.0] * 19, "0.99": [5.0] * 19}
    draws = np.array([Population(q, np.eye(19).tolist()).draw(np.random.default_rng(k)) for k in range(20)])
    assert draws.min() >= 0.1 and draws.max() <= 5.0 and draws.std() > 0


def test_simulated_logs_are_in_time_order_with_plausible_recall(sim_logs):
    for log in sim_logs:
        assert log.times == sorted(log.times)
        assert all(g in (1, 2, 3, 4) and (g > 1) == bool(c) for g, c in zip(log.grades, log.correct))
    assert 0.5 < np.mean([c for lg in sim_logs for c in lg.correct]) < 0.98


def test_metrics_on_known_cases():
    y = np.array([0, 0, 1, 1])
    assert metrics.auc(y, np.array([0.1, 0.2, 0.8, 0.9])) == 1.0
    assert metrics.auc(y, np.array([0.5, 0.5, 0.5, 0.5])) == 0.5
    assert metrics.log_loss(y, np.full(4, 0.5)) == pytest.approx(np.log(2))
    ones = np.ones(4)
    assert metrics.rmse_bins(y, y.astype(float), ones, ones, ones * 0) == 0.0
    assert metrics.rmse_bins(y, np.full(4, 0.5), ones, ones, ones * 0) == 0.0  # one bin, mean matches


def test_readers_accept_the_three_review_formats(tmp_path):
    pyfsrs = tmp_path / "p.csv"
    pyfsrs.write_text("card_id,review_rating,review_time,review_duration\n"
                      "1,3,2024-03-29T20:32:39+00:00,7241\n1,1,2024-03-30T20:32:39+00:00,100\n")
    revlog = tmp_path / "r.csv"
    revlog.write_text("id,cid,usn,ease,ivl,lastIvl,factor,time,type\n1711684180217,5,0,3,1,0,2500,100,0\n"
                      "1711684190217,5,0,0,1,0,2500,100,4\n")
    (log,) = read_reviews(pyfsrs)
    assert log.correct == [1, 0] and log.grades == [3, 1]
    (log,) = read_reviews(revlog)
    assert len(log) == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("what,ever\n1,2\n")
    with pytest.raises(DataError, match="bad.csv"):
        read_reviews(bad)


def test_quiz_readers_collapse_duplicates(tmp_path):
    akt = tmp_path / "a.csv"
    akt.write_text("3,s1\n7,7,8\n1,2,3\n1,1,0\n")
    ((sid, responses),) = read_akt(akt, with_pid=True)
    assert sid == "s1" and responses == [("7", 1), ("8", 0)]
    dense = tmp_path / "d.txt"
    dense.write_text("0 1\n1 1\n")
    assert read_dense(dense)[1][1] == [("Item01", 1), ("Item02", 1)]


def test_evaluate_memory_scores_every_model_on_the_same_rows(tmp_path, tiny_model, sim_logs):
    events = tmp_path / "events.csv"
    write_events(events, sim_logs[:2])
    preds = tmp_path / "preds.csv"
    args = argparse.Namespace(events=[events], predictions=preds, model=tiny_model, pooled_model=tiny_model,
                              no_fsrs_fit=False, plot=None, json=True)
    assert evaluate_memory.main(args) == 0
    rows = list(csv.DictReader(preds.open()))
    assert set(rows[0]) == {"protocol", "model", "split", "student_id", "item_id", "timestamp", "correct", "p"}
    by_model = {}
    for r in rows:
        by_model.setdefault(r["model"], []).append((r["protocol"], r["split"], r["item_id"], r["timestamp"]))
    assert set(by_model) == {"ours", "ours-population", "pooled-finetune", "fsrs6-default", "fsrs6-fitted",
                             "fsrs6-map", "constant"}
    assert len({tuple(v) for v in by_model.values()}) == 1
    assert all(0 <= float(r["p"]) <= 1 for r in rows)


def test_evaluate_quiz_protocol_on_simulated_students(tmp_path, capsys):
    quiz = simulate_quiz(np.linspace(-1.5, 1.5, 12), np.ones(12), 60, seed=4)
    grid = np.zeros((60, 12), dtype=int)
    for s, (_, responses) in enumerate(quiz):
        for item, c in responses:
            grid[s, int(item[4:])] = c
    data = tmp_path / "dense.txt"
    np.savetxt(data, grid, fmt="%d")
    args = argparse.Namespace(data=data, format="dense", train=None, test=None, answers=None, steps=5, seed=0,
                              json=True)
    assert evaluate_quiz.main(args) == 0
    result = json.loads(capsys.readouterr().out)
    # A dense grid has no skill tags, so the skill-pooled IRT rows (identical to the plain ones) are left out.
    assert set(result["auc"]) == set(result["models"]) == set(evaluate_quiz.MODELS) - set(evaluate_quiz.SKILL_BASELINES)
    assert result["test_students"] == 12


def test_quiz_answer_file_asks_only_pool_items(tmp_path):
    train = tmp_path / "train.jsonl"
    train.write_text("\n".join(json.dumps({"student_id": k, "responses": [[f"i{j}", (j + k) % 2] for j in range(6)]})
                               for k in range(10)))
    test = tmp_path / "test.jsonl"
    test.write_text(json.dumps({"student_id": "t", "pool": [["i0", 1], ["i1", 0], ["i2", 1]], "query": ["i4", "i5"]}))
    out = tmp_path / "answers.jsonl"
    args = argparse.Namespace(data=None, format=None, train=train, test=test, answers=out, steps=3, seed=0, json=False)
    assert evaluate_quiz.main(args) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["n"] for r in rows] == [1, 3, 5, 10]
    assert all(set(r["asked"]) <= {"i0", "i1", "i2"} and len(r["p"]) == 2 for r in rows)
    assert len(rows[-1]["asked"]) == 3  # the pool runs out


def test_register_adds_the_commands():
    parser = commands.build_parser()
    args = parser.parse_args(["evaluate", "quiz", "--data", "x", "--format", "dense", "--json"])
    assert args.func is commands.run_evaluate_quiz and args.json
    assert parser.parse_args(["bench", "learner"]).func is commands.run_bench
    assert parser.parse_args(["train", "--out", "m.safetensors"]).func is commands.run_train


def test_bench_reports_latency_figures(tiny_model):
    result = bench.measure(tiny_model, repeats=2, histories=(50,), scored=(20,))
    assert set(result["adapt_ms"]["50"]) == {"p50", "p95"} and "20" in result["score_ms"]


def test_reviews_from_an_anki_package(tmp_path):
    from studyapp.content.anki_write import write_anki_package
    from studyapp.content.model import Deck, HistoryRow, Item

    deck = Deck("D", items=[Item("basic", "q", "a", guid="g1")])
    history = [HistoryRow("g1", 0, 1_700_000_000_000 + k * 86_400_000, 3 if k % 2 else 1, k % 2) for k in range(4)]
    path = tmp_path / "d.apkg"
    write_anki_package([deck], history, path)
    (log,) = read_reviews(path)
    assert log.items == ["g1#0"] * 4 and log.correct == [0, 1, 0, 1] and log.grades == [1, 3, 1, 3]


def test_skill_tags_are_read_from_akt_pid_files(tmp_path):
    from studyapp.learner.lab.data import read_akt_skills

    path = tmp_path / "assist2009_pid_test1.csv"
    path.write_text("3,77\n10,10,11\n5,6,5\n1,1,0\n", encoding="utf-8")
    assert read_akt_skills(path) == {"10": "5", "11": "5"}
    path.write_text("3,77\n10,11\n5\n1,0\n", encoding="utf-8")
    with pytest.raises(DataError, match="problem and skill lists"):
        read_akt_skills(path)
