"""Offline for real: a study session with the learner, an import, an adaptation and a training run, with every
socket call blocked and recorded."""

import io
import json
import socket
import sys

import pytest

from studyapp.cli import main


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append((name, args[1:] if name.startswith("socket.") else args))
            raise OSError(f"network use blocked in tests: {name}")
        return blocked

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_study_import_adapt_and_train_never_touch_the_network(no_network, tmp_path, monkeypatch, capsys):
    data = str(tmp_path / "data")
    deck = tmp_path / "words.tsv"
    deck.write_text("".join(f"word {n}\tmeaning {n}\n" for n in range(5)), encoding="utf-8")
    assert main(["--data-dir", data, "import", str(deck)]) == 0

    monkeypatch.setattr(sys, "stdin", io.StringIO("3\n1\n3\n"))
    assert main(["--data-dir", data, "study", "--deck", "Maths::Fraction subtraction", "--script"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    shown = [m for m in lines if "prompt" in m]
    assert shown and all(m["predicted"] is not None for m in shown)  # the learner predicted and adapted

    out = tmp_path / "tiny.safetensors"
    assert main(["train", "--data", str(tmp_path / "no-data"), "--out", str(out), "--steps", "2",
                 "--batch", "4", "--simulated", "4"]) == 0
    assert out.exists()
    assert no_network == []
