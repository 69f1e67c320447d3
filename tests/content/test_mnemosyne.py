"""Mnemosyne's tab-separated export."""

from __future__ import annotations

import pytest

from studyapp.content.mnemosyne import read_mnemosyne_tsv
from studyapp.content.model import ContentError


def _write(tmp_path, text: str, name: str = "french.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_questions_answers_tags_and_line_breaks(tmp_path):
    path = _write(tmp_path, "\ufeffchat\tcat\tanimals, french\nle<br>chien\tthe<br>dog\n\nmaison\thouse\n")
    bundle = read_mnemosyne_tsv(path)
    (deck,) = bundle.decks
    assert deck.name == "french"
    assert [(i.kind, i.prompt, i.answer, i.tags) for i in deck.items] == [
        ("basic", "chat", "cat", ["animals", "french"]),
        ("basic", "le<br>chien", "the<br>dog", []),
        ("basic", "maison", "house", []),
    ]
    assert bundle.media == {} and bundle.history == []


def test_guids_are_stable_and_distinct(tmp_path):
    path = _write(tmp_path, "a\t1\na\t2\na\t2\nb\t3\n")
    first = [i.guid for i in read_mnemosyne_tsv(path).decks[0].items]
    assert len(first) == 3 and len(set(first)) == 3  # the exact duplicate line is dropped
    assert first == [i.guid for i in read_mnemosyne_tsv(path).decks[0].items]


def test_html_is_sanitised(tmp_path):
    path = _write(tmp_path, '<script>x()</script>Q<img src="http://e.com/a.png">\t<b onclick="x">A</b>\n')
    (item,) = read_mnemosyne_tsv(path).decks[0].items
    assert (item.prompt, item.answer) == ("Q", "<b>A</b>")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no tab here\n", "line 1 .* 1 tab-separated columns"),
        ("q\ta\n\tanswer\n", "line 2 .* empty question"),
        ("q\t \n", "empty answer"),
        ("a\tb\tc\td\n", "4 tab-separated columns"),
        ("\n\n", "has no cards"),
    ],
)
def test_bad_files_are_refused_with_one_sentence(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ContentError, match=message) as info:
        read_mnemosyne_tsv(path)
    assert str(path) in str(info.value)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("caf\xe9\tcoffee\n".encode("latin-1"))
    with pytest.raises(ContentError, match="not UTF-8"):
        read_mnemosyne_tsv(path)
