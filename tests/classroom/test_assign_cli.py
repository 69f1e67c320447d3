"""`studyapp classroom assign / import-assignment / assignments`: the teacher writes, the laptop imports and lists."""

from __future__ import annotations

import json

from zips import members, rewrite

from studyapp.classroom.signing import teacher_fingerprint
from studyapp.cli import main

DECK_FILE = """format = 1

[deck]
name = "Class::Fractions"

[[items]]
id = "f1"
prompt = "1/2 + 1/4"
answer = "3/4"

[[items]]
id = "f2"
prompt = "2/3 - 1/3"
answer = "1/3"
"""


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_assign_import_and_list(tmp_path, capsys):
    teacher, laptop = tmp_path / "teacher", tmp_path / "laptop"
    (tmp_path / "fractions.deck.toml").write_text(DECK_FILE, encoding="utf-8")
    out = tmp_path / "week3.studyassign"
    status, text, err = run(capsys, "--data-dir", teacher, "classroom", "assign", tmp_path / "fractions.deck.toml",
                            "Maths::Multiplication tables", "--title", "Week 3", "--due", "2099-01-15",
                            "--min-answers", "5", "--out", out, "--json")
    assert status == 0, err
    written = json.loads(text)
    assert written["signed_by"] == teacher_fingerprint(teacher) and written["target"] == 5
    assert written["decks"][0] == "Class::Fractions" and "Maths::Multiplication tables" in written["decks"]

    status, text, err = run(capsys, "--data-dir", laptop, "classroom", "import-assignment", out)
    assert status == 0, err
    assert "Week 3" in text and teacher_fingerprint(teacher) in text and "check with your teacher" in text

    status, text, err = run(capsys, "--data-dir", laptop, "classroom", "assignments", "--json")
    assert status == 0, err
    (row,) = json.loads(text)["assignments"]
    assert (row["title"], row["due"], row["answers"], row["target"], row["done"], row["overdue"]) == \
        ("Week 3", "2099-01-15", 0, 5, False, False)
    status, text, _ = run(capsys, "--data-dir", laptop, "decks", "--json")
    assert any(d["name"] == "Class::Fractions" and d["items"] == 2 for d in json.loads(text))

    status, text, _ = run(capsys, "--data-dir", laptop, "classroom", "assignments")
    assert status == 0 and "Week 3" in text and "0/5" in text and "2099-01-15" in text


def test_a_changed_file_is_refused_in_one_sentence(tmp_path, capsys):
    teacher, laptop = tmp_path / "teacher", tmp_path / "laptop"
    (tmp_path / "fractions.deck.toml").write_text(DECK_FILE, encoding="utf-8")
    out = tmp_path / "week3.studyassign"
    assert run(capsys, "--data-dir", teacher, "classroom", "assign", tmp_path / "fractions.deck.toml", "--title",
               "Week 3", "--due", "2099-01-15", "--out", out)[0] == 0
    rewrite(out, {"decks/1.deck.toml": members(out)["decks/1.deck.toml"].replace(b"3/4", b"1/4")})
    status, text, err = run(capsys, "--data-dir", laptop, "classroom", "import-assignment", out)
    assert status == 1 and text == ""
    assert err.count("\n") == 1 and "changed after it was signed" in err and "Traceback" not in err
    status, text, _ = run(capsys, "--data-dir", laptop, "decks", "--json")
    assert not any(d["name"].startswith("Class") for d in json.loads(text))
    assert json.loads(run(capsys, "--data-dir", laptop, "classroom", "assignments", "--json")[1])["assignments"] == []


def test_assign_refuses_an_unknown_deck_and_a_past_due_date(tmp_path, capsys):
    out = tmp_path / "week3.studyassign"
    status, _, err = run(capsys, "--data-dir", tmp_path / "teacher", "classroom", "assign", "No such deck",
                         "--title", "Week 3", "--due", "2099-01-15", "--out", out)
    assert status == 1 and "neither a deck file nor a deck here" in err
    status, _, err = run(capsys, "--data-dir", tmp_path / "teacher", "classroom", "assign",
                         "Maths::Multiplication tables", "--title", "Week 3", "--due", "2001-01-15", "--out", out)
    assert status == 1 and "has passed" in err and not out.exists()
