import pytest

from studyapp.content.delimited import read_delimited
from studyapp.content.model import ContentError
from studyapp.content.readers import read_file


def write(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding)
    return path


def test_quizlet_style_tsv_without_header(tmp_path):
    rows = "".join(f"word{n}\tmeaning {n}\n" for n in range(30))
    bundle = read_delimited(write(tmp_path, "vocab.tsv", rows))
    deck = bundle.decks[0]
    assert deck.name == "vocab" and len(deck.items) == 30
    assert (deck.items[0].prompt, deck.items[0].answer, deck.items[0].kind) == ("word0", "meaning 0", "basic")


def test_csv_with_header_kinds_options_and_tags(tmp_path):
    text = (
        "Question,Answer,Type,Options,Tags,Hint\n"
        "2 x 3,6,choice,5|6|8|9,maths times,think of pairs\n"
        "Capital of Peru,Lima,typed,,geo,\n"
        "The Moon is a planet,false,truefalse,,,\n"
        '"{{c1::Lima}} is in Peru",,cloze,,,\n'
    )
    deck = read_file(write(tmp_path, "mixed.csv", text), deck_name="Mixed").decks[0]
    choice, typed, tf, cloze = deck.items
    assert deck.name == "Mixed"
    assert choice.options == ["5", "6", "8", "9"] and choice.tags == ["maths", "times"]
    assert choice.hint == "think of pairs"
    assert (typed.kind, tf.answer, cloze.prompt, cloze.answer) == ("typed", "false", "[...] is in Peru", "Lima")


def test_explicit_columns_override(tmp_path):
    path = write(tmp_path, "a.txt", "Paris\tFrance\n")
    item = read_delimited(path, columns=["answer", "prompt"]).decks[0].items[0]
    assert (item.prompt, item.answer) == ("France", "Paris")


def test_utf8_bom_and_chinese(tmp_path):
    path = write(tmp_path, "zh.tsv", "\ufeffapple\t苹果\n")
    assert read_delimited(path).decks[0].items[0].answer == "苹果"


@pytest.mark.parametrize("name, content, message", [
    ("empty.tsv", "", "is empty"),
    ("blank.tsv", "\n\n  \n", "is empty"),
    # A spreadsheet's empty rows saved as CSV: separators but no text (an IndexError before).
    ("separators-only.csv", ",,\n, ,\n", "is empty"),
    ("garbage.tsv", bytes(range(256)) * 4, "not a text file"),
    ("latin1.tsv", "café\tcoffee\n".encode("latin-1"), "not UTF-8"),
    ("one-column.tsv", "just a word\n", "line 1 has 1 column"),
    ("too-many.tsv", "a\tb\tc\td\n", "line 1 has 4 columns"),
    ("no-answer.tsv", "a\t\n", "line 1 has an empty answer"),
    ("header-only.csv", "front,back\n", "header but no rows"),
    ("bad-header.csv", "front,back,colour\na,b,red\n", "unknown column 'colour'"),
    ("bad-kind.csv", "front,back,kind\na,b,essay\n", "unknown kind"),
    ("dupe.tsv", "a\tb\na\tc\n", "twice"),
])
def test_bad_files_are_refused_with_the_file_and_problem(tmp_path, name, content, message):
    path = write(tmp_path, name, content)
    with pytest.raises(ContentError, match=message) as err:
        read_file(path)
    assert name in str(err.value) or "line" in str(err.value)


def test_unknown_file_type_is_refused(tmp_path):
    with pytest.raises(ContentError, match="cannot import"):
        read_file(write(tmp_path, "deck.pdf", "x"))


def test_a_header_the_reader_does_not_know_can_be_skipped(tmp_path):
    path = write(tmp_path, "spanish.csv", "Spanish,English\nperro,dog\ngato,cat\n")
    assert [i.prompt for i in read_file(path).decks[0].items] == ["Spanish", "perro", "gato"]
    assert [i.prompt for i in read_file(path, header_row=True).decks[0].items] == ["perro", "gato"]
    words = write(tmp_path, "words.csv", "prompt,answer\n")
    with pytest.raises(ContentError, match="header but no rows"):
        read_file(words, header_row=True)
