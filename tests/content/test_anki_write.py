"""Our .apkg writer: what it writes reads back, Anki imports it, and the round trip
StudyApp -> .apkg -> Anki -> .apkg -> StudyApp keeps every item, field and answer."""

from __future__ import annotations

import zipfile

import pytest
from test_anki_support import anki_built  # noqa: F401  (fixture)

from studyapp.content.anki_read import read_anki_package
from studyapp.content.anki_write import rebuild_cloze, write_anki_package
from studyapp.content.cloze import expand_cloze
from studyapp.content.html_sanitize import sanitize_html
from studyapp.content.model import ContentError, Deck, HistoryRow, Item

PNG = b"\x89PNG fake"


def _cloze(text: str, guid: str, explanation: str = "") -> list[Item]:
    return expand_cloze(Item(kind="cloze", prompt=text, answer="", guid=guid, explanation=explanation))


def _decks() -> list[Deck]:
    return [
        Deck("Top::Sub", "about things", [
            Item(kind="basic", prompt="<b>Capital</b> of France? a < b", answer='Paris &amp; <img src="p.png">',
                 tags=["geo", "europe::france"], guid="g-basic", suspended=True, media=["p.png"]),
            Item(kind="reversed", prompt="dog", answer="Hund", guid="g-rev", ord=0),
            Item(kind="reversed", prompt="Hund", answer="dog", guid="g-rev", ord=1),
        ]),
        Deck("Other", "", [
            Item(kind="typed", prompt="2 + 2 =", answer="4", guid="g-typed"),
            *_cloze("{{c1::Paris::city}} is the capital of {{c2::France}}, {{c1::really}}", "g-cloze"),
            *_cloze("{{c1::H2O}} is [not] {{c2::air}}", "g-cloze2", explanation="chemistry"),
        ]),
    ]


def _history() -> list[HistoryRow]:
    return [
        HistoryRow("g-basic", 0, 1_700_000_000_000, 1, 0, 3000, "local:1"),
        HistoryRow("g-basic", 0, 1_700_000_100_000, 3, 1, 2500, "local:2"),
        HistoryRow("g-cloze", 1, 1_700_000_200_000, 4, 1, 900, "local:3"),
        HistoryRow("g-typed", 0, 1_700_000_300_000, None, 0, 5000, "local:4"),
    ]


def _items(bundle) -> dict:
    return {(i.guid, i.ord): (d.name, i.kind, i.prompt, i.answer, i.explanation, sorted(i.tags), i.suspended, i.media)
            for d in bundle.decks for i in d.items}


def _answers(history) -> list:
    return [(h.item_guid, h.item_ord, h.timestamp_ms, h.grade, h.correct, h.response_ms) for h in history]


def _expected_answers() -> list:
    # An app-graded answer without a grade is stored as ease 1 (wrong) or 3 (right).
    return [(g, o, t, grade if grade else (3 if c else 1), c, ms) for g, o, t, grade, c, ms in
            [(h.item_guid, h.item_ord, h.timestamp_ms, h.grade, h.correct, h.response_ms) for h in _history()]]


def test_written_package_reads_back(tmp_path):
    path = tmp_path / "out.apkg"
    write_anki_package(_decks(), _history(), path, {"p.png": PNG})
    assert zipfile.ZipFile(path).namelist()[0] == "collection.anki2"
    bundle = read_anki_package(path)
    # Fields come back as the sanitiser writes them (well-formed HTML: "a < b" as "a &lt; b").
    original = {(i.guid, i.ord): (d.name, i.kind, sanitize_html(i.prompt), sanitize_html(i.answer), i.explanation,
                                  sorted(i.tags), i.suspended, i.media) for d in _decks() for i in d.items}
    assert _items(bundle) == original
    assert {d.name: d.description for d in bundle.decks}["Top::Sub"] == "about things"
    assert bundle.media == {"p.png": PNG}
    assert _answers(bundle.history) == _expected_answers()
    assert not list(tmp_path.glob("*.partial"))


def test_choice_and_truefalse_list_options_on_the_front(tmp_path):
    deck = Deck("Quiz", "", [
        Item(kind="choice", prompt="Pick one", answer="b", options=["a", "b", "c"], guid="q1"),
        Item(kind="truefalse", prompt="The sky is blue", answer="true", guid="q2"),
    ])
    path = tmp_path / "quiz.apkg"
    write_anki_package([deck], [], path)
    items = {i.guid: i for d in read_anki_package(path).decks for i in d.items}
    assert items["q1"].kind == "basic"
    assert items["q1"].prompt == 'Pick one<ol type="A"><li>a</li><li>b</li><li>c</li></ol>'
    assert items["q1"].answer == "b"
    assert items["q2"].prompt == "The sky is blue<br>(true or false)"


def test_media_only_listed_is_shown_in_the_prompt(tmp_path):
    deck = Deck("M", "", [Item(kind="basic", prompt="Listen", answer="bell", guid="m1", media=["bell.mp3"])])
    path = tmp_path / "m.apkg"
    write_anki_package([deck], [], path, {"bell.mp3": b"ID3"})
    (item,) = read_anki_package(path).decks[0].items
    assert item.prompt == "Listen[sound:bell.mp3]"
    assert item.media == ["bell.mp3"]


def test_rebuild_cloze_keeps_hints_repeats_and_brackets():
    text = "{{c1::Paris::city}} is the capital of {{c2::France}} [sic], {{c1::really}}"
    assert rebuild_cloze(_cloze(text, "g")) == text
    only_second = [i for i in _cloze(text, "g") if i.ord == 1]
    assert rebuild_cloze(only_second) == "Paris is the capital of {{c2::France}} [sic], really"


def test_refuses_unsafe_media_names_and_items_without_id(tmp_path):
    with pytest.raises(ContentError, match="folder separator"):
        write_anki_package(_decks(), [], tmp_path / "x.apkg", {"../evil.png": b""})
    with pytest.raises(ContentError, match="has no id"):
        write_anki_package([Deck("D", "", [Item(kind="basic", prompt="q", answer="a")])], [], tmp_path / "y.apkg")
    assert list(tmp_path.iterdir()) == []


def _through_anki(package, tmp_path):
    """Import `package` into a fresh Anki collection and export it again (latest version)."""
    from anki.collection import Collection, ExportAnkiPackageOptions, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=True, merge_notetypes=False)
        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options))
        out = tmp_path / "from-anki.apkg"
        export = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False, with_media=True, legacy=False)
        col.export_anki_package(out_path=str(out), options=export, limit=None)
    finally:
        col.close()
    return out


def test_round_trip_through_anki_keeps_items_fields_and_answers(tmp_path):
    pytest.importorskip("anki")
    ours = tmp_path / "ours.apkg"
    write_anki_package(_decks(), _history(), ours, {"p.png": PNG})
    bundle = read_anki_package(_through_anki(ours, tmp_path))
    assert _items(bundle) == _items(read_anki_package(ours))
    assert bundle.media == {"p.png": PNG}
    assert _answers(bundle.history) == _expected_answers()


def test_anki_deck_survives_our_export_and_anki(anki_built, tmp_path):
    """Items read from a real Anki package, written by us, imported by Anki, exported and read
    again are the same (custom note types with several cards, and Image Occlusion read as basic
    cards, become one note per card)."""
    first = read_anki_package(anki_built.apkg_latest)
    ours = tmp_path / "ours.apkg"
    write_anki_package(first.decks, first.history, ours, first.media)
    again = read_anki_package(_through_anki(ours, tmp_path))
    vocab = anki_built.guids["vocab"]

    def comparable(bundle):
        return {key: v for key, v in _items(bundle).items()
                if not key[0].startswith((vocab, anki_built.guids["occlusion"]))}

    assert comparable(again) == comparable(first)
    assert {k: v[2:4] for k, v in _items(again).items() if k[0].startswith(vocab)} == {
        (f"{vocab}#0", 0): ("Haus<br><i>Das Haus ist alt.</i>", "house"),
        (f"{vocab}#1", 0): ("<b>house</b>", "Haus / Haus / Lang::German / Recall"),
    }
    assert _answers(again.history) == _answers(first.history)
    assert again.media == first.media
