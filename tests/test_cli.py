import csv
import json
import os
import subprocess
import sys

import pytest

from studyapp.cli import build_parser, gui_args, main
from studyapp.content.native import read_deck
from studyapp.resources import decks_dir


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def decks_json(capsys, data_dir):
    status, out, _ = run(capsys, "--data-dir", str(data_dir), "decks", "--json")
    assert status == 0
    return json.loads(out)


def test_decks_lists_every_builtin_deck_with_counts(capsys, tmp_path):
    decks = {d["name"]: d for d in decks_json(capsys, tmp_path)}
    for path in decks_dir().glob("*.deck.toml"):
        deck = read_deck(path)
        assert decks[deck.name]["items"] == len(deck.items)
        assert decks[deck.name]["new"] == len(deck.items)
        assert decks[deck.name]["answers"] == 0 and decks[deck.name]["due"] == 0


@pytest.mark.parametrize("argv", [[], ["--smoke-test"], ["--data-dir", "d"], ["--data-dir=d", "--smoke-test"],
                                  ["--data", "d", "--smoke"]])
def test_a_gui_start_is_read_as_the_full_parser_reads_it(argv):
    assert vars(gui_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["decks"], ["--data-dir", "d", "profiles"], ["-h"], ["--help"], ["--data-dir"],
                                  ["--smoke-test=1"], ["--bogus"], ["--"]])
def test_a_command_help_or_a_mistake_is_left_to_the_full_parser(argv):
    assert gui_args(argv) is None


def test_data_dir_from_the_environment(capsys, isolated_data_dir):
    status, _, _ = run(capsys, "profiles", "add", "Ana")
    assert status == 0 and (isolated_data_dir / "studyapp.sqlite3").exists()


def test_profiles_add_and_list(capsys, tmp_path):
    assert run(capsys, "--data-dir", str(tmp_path), "profiles", "add", "Ana")[0] == 0
    status, _, err = run(capsys, "--data-dir", str(tmp_path), "profiles", "add", "ana")
    assert status == 1 and "already exists" in err
    status, out, _ = run(capsys, "--data-dir", str(tmp_path), "profiles", "--json")
    assert [p["name"] for p in json.loads(out)] == ["Ana"]


def test_tsv_of_30_rows_imports_and_a_bad_file_changes_nothing(capsys, tmp_path):
    data = tmp_path / "data"
    tsv = tmp_path / "words.tsv"
    tsv.write_text("".join(f"term {n}\tdefinition {n}\n" for n in range(30)), encoding="utf-8")
    status, out, _ = run(capsys, "--data-dir", str(data), "import", str(tsv), "--json")
    assert status == 0 and json.loads(out)["items_added"] == 30
    before = decks_json(capsys, data)
    assert {d["name"]: d["items"] for d in before}["words"] == 30

    bad = tmp_path / "bad.tsv"
    bad.write_bytes(b"\x00\x01garbage\xff" * 50)
    status, out, err = run(capsys, "--data-dir", str(data), "import", str(bad))
    assert status == 1 and "bad.tsv is not a text file" in err and err.count("\n") == 1
    assert decks_json(capsys, data) == before


def test_study_script_logs_answers_and_export_log_shows_them(tmp_path):
    data = tmp_path / "data"
    study = subprocess.run(
        [sys.executable, "-m", "studyapp.cli", "--data-dir", str(data), "study", "--deck",
         "Geography::World capitals", "--script"],
        input="3\n3\n1\n", capture_output=True, text=True, timeout=120,
    )
    assert study.returncode == 0, study.stderr
    lines = [json.loads(line) for line in study.stdout.splitlines()]
    presented = [m for m in lines if "prompt" in m]
    logged = [m for m in lines if m.get("logged")]
    assert len(logged) == 3 and [m["grade"] for m in logged] == [3, 3, 1]
    assert all({"item_id", "kind", "prompt", "reason", "reason_code"} <= set(m) for m in presented)
    assert presented[0]["reason_code"] == "new_item" and presented[0]["reason"].startswith("New item, 1 of")
    assert lines[-1]["done"] and lines[-1]["summary"]["answers"] == 3

    out = tmp_path / "log.csv"
    export = subprocess.run([sys.executable, "-m", "studyapp.cli", "--data-dir", str(data), "export-log", str(out)],
                            capture_output=True, text=True, timeout=60)
    assert export.returncode == 0, export.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["grade"] for r in rows] == ["3", "3", "1"] and [r["correct"] for r in rows] == ["1", "1", "0"]
    assert set(rows[0]) == {"student_id", "item_id", "timestamp", "correct", "grade", "response_ms", "kind",
                            "skill_id"}
    assert rows[0]["kind"] == "flashcard" and rows[0]["timestamp"].endswith("+00:00")


def test_unreadable_answer_is_not_logged_and_can_be_retried(capsys, tmp_path, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("9\n3\n"))
    status, out, _ = run(capsys, "--data-dir", str(tmp_path), "study", "--deck", "Geography::World capitals",
                         "--script")
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert lines[1] == {"logged": False, "error": "a flashcard is graded 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)"}
    assert lines[2]["item_id"] == lines[0]["item_id"] and lines[3]["logged"] is True


def test_study_now_runs_at_the_given_moment(capsys, tmp_path, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("3\n"))
    run(capsys, "--data-dir", str(tmp_path), "study", "--deck", "Geography::World capitals", "--script",
        "--now", "2025-01-01T12:00:00Z")
    out = tmp_path / "log.csv"
    run(capsys, "--data-dir", str(tmp_path), "export-log", str(out))
    assert next(csv.DictReader(out.open()))["timestamp"].startswith("2025-01-01T12:00")


TRANSLATED_DECK = '''format = 1
[deck]
name = "Capitals"

[[items]]
id = "dz"
kind = "typed"
prompt = "Capital of Algeria"
answer = "Algiers"

[items.translations.zh_CN]
prompt = "阿尔及利亚的首都"
answer = "阿尔及尔"
'''


@pytest.mark.parametrize("language, prompt, expected", [
    (["--language", "zh_CN"], "阿尔及利亚的首都", "阿尔及尔"), ([], "Capital of Algeria", "Algiers"),
    (["--language", "fr"], "Capital of Algeria", "Algiers"),  # no French text: the deck's own
])
def test_study_shows_the_cards_in_the_language_asked_for(capsys, tmp_path, monkeypatch, language, prompt, expected):
    import io

    deck = tmp_path / "capitals.deck.toml"
    deck.write_text(TRANSLATED_DECK, encoding="utf-8")
    assert run(capsys, "--data-dir", str(tmp_path), "import", str(deck))[0] == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("Algiers\n"))
    status, out, _ = run(capsys, "--data-dir", str(tmp_path), "study", "--deck", "Capitals", "--script", *language)
    shown, logged = (json.loads(line) for line in out.splitlines()[:2])
    assert status == 0 and shown["prompt"] == prompt
    assert logged["correct"] is True and logged["expected"] == expected


@pytest.mark.parametrize("argv, message", [
    (["study", "--deck", "No such deck"], "no deck named 'No such deck'"),
    (["study", "--profile", "Nobody"], "no profile named 'Nobody'"),
    (["study", "--now", "yesterday"], "--now"),
    (["study", "--language", "chinese"], "--language: 'chinese' is not a language code such as zh_CN"),
    (["import", "missing.tsv"], "does not exist"),
])
def test_errors_are_one_sentence_and_non_zero(capsys, tmp_path, argv, message):
    status, _, err = run(capsys, "--data-dir", str(tmp_path), *argv)
    assert status == 1 and message in err


def test_export_deck_round_trips_through_import(capsys, tmp_path):
    out = tmp_path / "capitals.deck.toml"
    assert run(capsys, "--data-dir", str(tmp_path / "a"), "export-deck", "Geography::World capitals", str(out))[0] == 0
    status, result, _ = run(capsys, "--data-dir", str(tmp_path / "b"), "import", str(out), "--json")
    assert status == 0 and json.loads(result)["items_updated"] == read_deck(out).items.__len__()


def test_a_native_export_keeps_the_translations_and_an_anki_export_has_the_deck_own_text(capsys, tmp_path):
    from studyapp.content.anki_read import read_anki_package
    from studyapp.content.native import parse_deck

    deck = tmp_path / "capitals.deck.toml"
    deck.write_text(TRANSLATED_DECK, encoding="utf-8")
    assert run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(deck))[0] == 0
    native, anki = tmp_path / "out.deck.toml", tmp_path / "out.apkg"
    assert run(capsys, "--data-dir", str(tmp_path / "d"), "export-deck", "Capitals", str(native))[0] == 0
    assert read_deck(native).items == parse_deck(TRANSLATED_DECK).items
    assert run(capsys, "--data-dir", str(tmp_path / "d"), "export-deck", "Capitals", str(anki))[0] == 0
    (item,) = read_anki_package(anki).decks[0].items
    assert (item.prompt, item.answer) == ("Capital of Algeria", "Algiers")


def test_damaged_database_is_reported_and_a_backup_restores_it(capsys, tmp_path):
    data = str(tmp_path)
    run(capsys, "--data-dir", data, "profiles", "add", "Ana")
    assert run(capsys, "--data-dir", data, "backup", "create")[0] == 0
    (tmp_path / "studyapp.sqlite3").write_bytes(b"\x00garbage" * 500)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"studyapp.sqlite3{suffix}").unlink(missing_ok=True)
    status, _, err = run(capsys, "--data-dir", data, "profiles")
    assert status == 1 and "studyapp backup restore" in err
    assert run(capsys, "--data-dir", data, "backup", "restore")[0] == 0
    status, out, _ = run(capsys, "--data-dir", data, "profiles", "--json")
    assert [p["name"] for p in json.loads(out)] == ["Ana"]


def test_pin_protects_a_profile_on_the_command_line(capsys, tmp_path, monkeypatch):
    data = str(tmp_path)
    run(capsys, "--data-dir", data, "profiles", "add", "Ana")
    monkeypatch.setenv("STUDYAPP_NEW_PIN", "2468")
    assert run(capsys, "--data-dir", data, "profiles", "pin", "Ana")[0] == 0
    status, _, err = run(capsys, "--data-dir", data, "decks", "--profile", "Ana")
    assert status == 1 and "protected by a PIN" in err
    monkeypatch.setenv("STUDYAPP_PIN", "2468")
    assert run(capsys, "--data-dir", data, "decks", "--profile", "Ana")[0] == 0


def test_export_deck_to_anki_package_with_history_reads_back(capsys, tmp_path, monkeypatch):
    import io

    from studyapp.content.anki_read import read_anki_package

    data = str(tmp_path / "d")
    monkeypatch.setattr(sys, "stdin", io.StringIO("3\n1\n"))
    run(capsys, "--data-dir", data, "study", "--deck", "Science::Chemical elements", "--script")
    out = tmp_path / "science.apkg"
    status, result, _ = run(capsys, "--data-dir", data, "export-deck", "Science", str(out), "--with-history",
                            "--json")
    assert status == 0
    bundle = read_anki_package(out)
    assert {d.name for d in bundle.decks} >= {"Science::Chemical elements"}
    assert sum(len(d.items) for d in bundle.decks) == json.loads(result)["items"]
    assert sorted(h.grade for h in bundle.history) == [1, 3]


def test_mnemosyne_and_quizlet_formats_by_flag(capsys, tmp_path):
    export = tmp_path / "cards.txt"
    export.write_text("question<br>two lines\tanswer\tgeo,maps\n", encoding="utf-8")
    status, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "import", str(export), "--format",
                         "mnemosyne", "--json")
    assert status == 0 and json.loads(out)["items_added"] == 1


def test_classroom_export_and_report(capsys, tmp_path, monkeypatch):
    import io

    data = str(tmp_path / "d")
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n2\n"))
    run(capsys, "--data-dir", data, "study", "--deck", "Maths::Multiplication tables", "--script")
    bundle = tmp_path / "me.studybundle"
    status, out, _ = run(capsys, "--data-dir", data, "classroom", "export", str(bundle), "--json")
    assert status == 0 and json.loads(out)["answers"] == 2 and json.loads(out)["name"] is None
    status, out, _ = run(capsys, "--data-dir", data, "classroom", "report", str(bundle), "--json")
    report = json.loads(out)
    assert status == 0 and report["by_deck"][0]["group"] == "Maths::Multiplication tables"
    status, out, err = run(capsys, "--data-dir", data, "classroom", "report", str(bundle), str(bundle), "--json")
    # The second is a copy: named and left out, the report of the rest goes on.
    assert status == 0 and "is a copy of" in err and json.loads(out)["by_deck"] == report["by_deck"]


def test_one_profile_never_sees_another_profiles_answers(capsys, tmp_path, monkeypatch):
    import io

    data = str(tmp_path / "d")
    for name in ("Ana", "Bo"):
        run(capsys, "--data-dir", data, "profiles", "add", name)
    monkeypatch.setattr(sys, "stdin", io.StringIO("3\n1\n3\n"))
    run(capsys, "--data-dir", data, "study", "--profile", "Ana", "--deck", "Geography::World capitals", "--script")
    capsys.readouterr()
    status, out, _ = run(capsys, "--data-dir", data, "decks", "--profile", "Bo", "--json")
    assert all(d["answers"] == 0 and d["due"] == 0 for d in json.loads(out))
    log = tmp_path / "bo.csv"
    run(capsys, "--data-dir", data, "export-log", "--profile", "Bo", str(log))
    assert log.read_text().count("\n") == 1  # the header only
    status, out, _ = run(capsys, "--data-dir", data, "classroom", "export", "--profile", "Bo",
                         str(tmp_path / "bo.studybundle"), "--json")
    assert json.loads(out)["answers"] == 0
    status, out, _ = run(capsys, "--data-dir", data, "decks", "--profile", "Ana", "--json")
    assert sum(d["answers"] for d in json.loads(out) if d["name"] == "Geography") == 3


# ---------------------------------------------------------------- issue 17: reliability and privacy

def test_pin_comes_from_the_environment_or_a_hidden_prompt_never_from_an_argument(capsys, tmp_path, monkeypatch):
    data = str(tmp_path)
    run(capsys, "--data-dir", data, "profiles", "add", "Ana")
    with pytest.raises(SystemExit):  # an argument would show in the process list
        main(["--data-dir", data, "--pin", "2468", "decks"])
    capsys.readouterr()
    monkeypatch.setenv("STUDYAPP_NEW_PIN", "2468")
    assert run(capsys, "--data-dir", data, "profiles", "pin", "Ana")[0] == 0
    monkeypatch.delenv("STUDYAPP_NEW_PIN")
    status, _, err = run(capsys, "--data-dir", data, "decks", "--profile", "Ana")
    assert status == 1 and "protected by a PIN; type it when asked, or set STUDYAPP_PIN" in err
    monkeypatch.setenv("STUDYAPP_PIN", "2468")
    assert run(capsys, "--data-dir", data, "decks", "--profile", "Ana")[0] == 0
    monkeypatch.delenv("STUDYAPP_PIN")
    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "2468")
    assert run(capsys, "--data-dir", data, "decks", "--profile", "Ana")[0] == 0
    assert asked == ["PIN of Ana: "]


def test_data_folder_and_database_are_private_to_their_owner(capsys, tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    assert run(capsys, "--data-dir", str(data), "backup", "create")[0] == 0
    assert data.stat().st_mode & 0o777 == 0o700
    for path in [data / "studyapp.sqlite3", *(data / "backups").iterdir()]:
        assert path.stat().st_mode & 0o077 == 0, path


def test_read_only_folder_is_reported_as_read_only_not_as_damaged(capsys, tmp_path):
    data = tmp_path / "data"
    assert run(capsys, "--data-dir", str(data), "profiles", "add", "Ana")[0] == 0
    data.chmod(0o500)
    try:
        status, _, err = run(capsys, "--data-dir", str(data), "profiles", "add", "Ben")
    finally:
        data.chmod(0o700)
    assert status == 1 and "is read-only" in err and "damaged" not in err and "backup" not in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_database_locked_too_long_is_one_sentence(capsys, tmp_path, monkeypatch):
    import sqlite3

    from studyapp.store import db as store_db

    data = tmp_path / "data"
    assert run(capsys, "--data-dir", str(data), "profiles", "add", "Ana")[0] == 0
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_S", 0.1)
    monkeypatch.setattr(store_db, "WRITE_PATIENCE_S", 0.3)
    holder = sqlite3.connect(data / "studyapp.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    try:
        status, _, err = run(capsys, "--data-dir", str(data), "profiles", "add", "Ben")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert status == 1 and "stayed locked by another StudyApp process" in err and "Traceback" not in err


@pytest.mark.parametrize("now", ["99999999999999999", "-99999999999999", "0001-01-01T00:00:00Z"])
def test_an_extreme_now_is_one_sentence(capsys, tmp_path, now):
    status, _, err = run(capsys, "--data-dir", str(tmp_path), "study", "--script", f"--now={now}")
    assert status == 1 and "--now:" in err and "outside the years 1970-9998" in err


def test_deeply_nested_toml_is_one_sentence(capsys, tmp_path):
    deck = tmp_path / "deep.deck.toml"
    deck.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    status, _, err = run(capsys, "--data-dir", str(tmp_path / "data"), "import", str(deck))
    assert status == 1 and "too deeply" in err


def test_restore_refuses_while_a_session_runs_and_asks_each_overwritten_profiles_pin(capsys, tmp_path, monkeypatch):
    data = str(tmp_path / "data")
    run(capsys, "--data-dir", data, "profiles", "add", "Ana")
    monkeypatch.setenv("STUDYAPP_NEW_PIN", "2468")
    run(capsys, "--data-dir", data, "profiles", "pin", "Ana")
    assert run(capsys, "--data-dir", data, "backup", "create")[0] == 0
    env = dict(os.environ, STUDYAPP_PIN="2468")
    session = subprocess.Popen([sys.executable, "-m", "studyapp.cli", "--data-dir", data, "study", "--profile", "Ana",
                                "--deck", "Geography::World capitals", "--script"], env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    try:
        assert "prompt" in json.loads(session.stdout.readline())
        status, _, err = run(capsys, "--data-dir", data, "backup", "restore")
        assert status == 1 and f"in use by process {session.pid} on " in err
        session.stdin.write("3\n")
        session.stdin.flush()
        assert json.loads(session.stdout.readline())["logged"]  # the session goes on writing the same file
    finally:
        session.stdin.close()
        session.wait()
    status, _, err = run(capsys, "--data-dir", data, "backup", "restore")  # Ana's answer would be overwritten
    assert status == 1 and "'Ana' is protected by a PIN" in err
    monkeypatch.setenv("STUDYAPP_PIN", "2468")
    status, out, _ = run(capsys, "--data-dir", data, "backup", "restore", "--json")
    kept = json.loads(out)["kept"]
    assert status == 0 and "before-restore-" in kept
    status, out, _ = run(capsys, "--data-dir", data, "backup", "list", "--json")
    assert [b["kind"] for b in json.loads(out)] == ["backup", "before restore"]
