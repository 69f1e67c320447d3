"""Reading real Anki packages of every version, written by Anki's own library and genanki."""

from __future__ import annotations

import pytest
from test_anki_support import MP3, PNG, anki_built, build_genanki  # noqa: F401  (fixture)
from zips import rewrite

from studyapp.content.anki_read import read_anki_package

pytest.importorskip("anki")


def _by_key(bundle):
    return {(i.guid, i.ord): (deck.name, i) for deck in bundle.decks for i in deck.items}


@pytest.fixture(scope="module", params=["apkg_latest", "apkg_legacy", "colpkg_latest", "colpkg_legacy"])
def read(request, anki_built):
    return read_anki_package(getattr(anki_built, request.param)), anki_built.guids


def test_basic_card_with_tags_deck_media_and_suspension(read):
    bundle, guids = read
    deck, item = _by_key(bundle)[(guids["basic"], 0)]
    assert deck == "Geo::Europe"
    assert item.kind == "basic"
    assert item.prompt == "<b>Capital</b> of France?"
    assert item.answer == 'Paris <img src="paris.png">'
    assert sorted(item.tags) == ["europe::france", "geo"]
    assert item.suspended
    assert item.media == ["paris.png"]
    assert bundle.media["paris.png"] == PNG


def test_deck_hierarchy_and_description(read):
    bundle, _ = read
    decks = {d.name: d for d in bundle.decks}
    assert {"Geo", "Geo::Europe", "Lang::German", "Maths"} <= set(decks)
    assert decks["Geo::Europe"].description == "European capitals"


def test_reversed_and_optional_reversed(read):
    bundle, guids = read
    items = _by_key(bundle)
    front, back = items[(guids["reversed"], 0)][1], items[(guids["reversed"], 1)][1]
    assert (front.kind, front.prompt, front.answer) == ("reversed", "dog", "Hund")
    assert (back.kind, back.prompt, back.answer) == ("reversed", "Hund", "dog")
    assert items[(guids["optional_yes"], 1)][1].prompt == "Katze"
    only = [key for key in items if key[0] == guids["optional_no"]]
    assert only == [(guids["optional_no"], 0)]
    assert items[only[0]][1].kind == "basic"


def test_typed_answer(read):
    bundle, guids = read
    item = _by_key(bundle)[(guids["typed"], 0)][1]
    assert (item.kind, item.prompt, item.answer) == ("typed", "2 + 2 =", "4")


def test_cloze_one_item_per_number_with_hint_and_sound(read):
    bundle, guids = read
    items = _by_key(bundle)
    first, second = items[(guids["cloze"], 0)][1], items[(guids["cloze"], 1)][1]
    assert first.kind == second.kind == "cloze"
    assert first.prompt.startswith("[city] is the capital of France")
    assert first.answer == "Paris"
    assert second.prompt.startswith("Paris is the capital of [...]")
    assert second.answer == "France"
    assert first.media == ["bell.mp3"]
    assert bundle.media["bell.mp3"] == MP3
    extra = items[(guids["cloze_extra"], 0)][1]
    assert (extra.prompt, extra.answer, extra.explanation) == ("[...] is water", "H2O", "chemistry")


def test_custom_note_type_renders_templates(read):
    bundle, guids = read
    items = _by_key(bundle)
    recognise, recall = items[(guids["vocab"], 0)][1], items[(guids["vocab"], 1)][1]
    assert recognise.prompt == "Haus<br><i>Das Haus ist alt.</i>"  # {{#Example}} section shown
    assert recognise.answer == "house"  # {{text:Meaning}} strips the <b>
    assert recall.prompt == "<b>house</b>"  # {{^Example}} section hidden
    assert recall.answer == "Haus / Haus / Lang::German / Recall"  # unknown filter shows the field; {{Deck}}, {{Card}}


def test_image_occlusion_names_the_masked_region(read):
    bundle, guids = read
    items = _by_key(bundle)
    first, second = items[(guids["occlusion"], 0)][1], items[(guids["occlusion"], 1)][1]
    assert first.kind == "basic"
    assert first.prompt == ('Europe<br><img src="paris.png"><br>'
                            "What is hidden under the rect at 10% from the left and 20% from the top?")
    assert "ellipse at 50% from the left and 60% from the top" in second.prompt
    assert first.answer == "Seine"
    assert first.media == ["paris.png"]


def test_hostile_html_is_sanitised(read):
    bundle, guids = read
    item = _by_key(bundle)[(guids["hostile"], 0)][1]
    text = item.prompt + item.answer
    for bad in ("script", "alert", "onerror", "onclick", "iframe", "evil.example", "url(", "javascript", "href"):
        assert bad not in text
    assert item.prompt == "Q<b>bold</b>"
    assert item.answer == "<div>A</div>link"


def test_only_referenced_media_is_read(read):
    bundle, _ = read
    assert set(bundle.media) == {"paris.png", "bell.mp3"}


def test_revlog_becomes_history_without_manual_rows(read):
    bundle, guids = read
    rows = [(h.item_guid, h.item_ord, h.timestamp_ms, h.grade, h.correct, h.response_ms, h.source_id)
            for h in bundle.history]
    assert rows == [
        (guids["basic"], 0, 1_700_000_000_000, 1, 0, 4200, "anki:1700000000000"),
        (guids["basic"], 0, 1_700_000_100_000, 3, 1, 4200, "anki:1700000100000"),
    ]


def test_versions_agree_and_rereading_is_stable(anki_built):
    paths = (anki_built.apkg_latest, anki_built.apkg_legacy, anki_built.colpkg_latest, anki_built.colpkg_legacy)
    bundles = [read_anki_package(p) for p in paths]
    again = read_anki_package(anki_built.apkg_latest)
    assert all(_by_key(bundle) == _by_key(again) for bundle in bundles)
    for bundle in bundles:
        for deck in bundle.decks:
            deck.validate()


def test_oldest_version_written_by_genanki(tmp_path):
    pytest.importorskip("genanki")
    path, guids = build_genanki(tmp_path)
    bundle = read_anki_package(path)
    assert [d.name for d in bundle.decks] == ["Old::Deck"]
    items = _by_key(bundle)
    basic = items[(guids["basic"], 0)][1]
    assert (basic.prompt, basic.answer, basic.tags, basic.media) == (
        "Front <i>old</i>", 'Back <img src="paris.png">', ["old"], ["paris.png"])
    assert bundle.media == {"paris.png": PNG}
    assert items[(guids["reversed"], 1)][1].prompt == "Sonne"
    assert items[(guids["typed"], 0)][1].kind == "typed"
    assert items[(guids["cloze"], 1)][1].prompt == "Rome is in [country]"
    assert items[(guids["cloze"], 1)][1].answer == "Italy"


def test_legacy_package_without_meta_uses_anki21(anki_built, tmp_path):
    """Anki 2.1 before 2.1.50 wrote no meta member: collection.anki21 beside a stub anki2."""
    path = rewrite(anki_built.apkg_legacy, {"meta": None}, out=tmp_path / "old21.apkg")
    assert _by_key(read_anki_package(path)) == _by_key(read_anki_package(anki_built.apkg_legacy))
