"""The "ignore" column role (used by the GUI's column mapping): the column is read past, whatever it holds."""

import pytest

from studyapp.content.delimited import read_delimited
from studyapp.content.model import ContentError


def test_ignored_columns_are_skipped(tmp_path):
    path = tmp_path / "words.csv"
    path.write_text("no,term,comment,definition\n1,chien,my note,dog\n2,chat,,cat\n", encoding="utf-8")
    deck = read_delimited(path, columns=["ignore", "prompt", "ignore", "answer"]).decks[0]
    assert [(i.prompt, i.answer, i.tags) for i in deck.items] == [("chien", "dog", []), ("chat", "cat", [])]


def test_unknown_role_is_still_refused(tmp_path):
    path = tmp_path / "words.csv"
    path.write_text("chien,dog\n", encoding="utf-8")
    with pytest.raises(ContentError, match="unknown column name 'skip'"):
        read_delimited(path, columns=["prompt", "answer", "skip"])
