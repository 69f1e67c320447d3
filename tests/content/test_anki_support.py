"""Builders for real Anki packages, made at test time with Anki's own library and genanki.

`anki` (AGPL) and `genanki` are test-only dependencies; nothing outside tests imports them.
One collection holds every note type the reader supports; it is exported in each version.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

PNG = b"\x89PNG\r\n\x1a\n fake image"
MP3 = b"ID3 fake sound"
HOSTILE_FRONT = (
    '<script>alert(1)</script>Q<img src="http://evil.example/x.png" onerror="steal()">'
    '<iframe src="https://evil.example"></iframe><b onclick="x()">bold</b>'
)
HOSTILE_BACK = (
    '<div style="background:url(http://evil.example/a)">A</div><a href="javascript:alert(1)">link</a>'
    "[sound:https://evil.example/a.mp3]"
)
# (revlog id, ease, type): a failed and a passed review; a manual and a rescheduling entry to skip.
REVLOG = [(1_700_000_000_000, 1, 1), (1_700_000_100_000, 3, 1), (1_700_000_200_000, 0, 4), (1_700_000_300_000, 3, 5)]


@dataclass
class Built:
    apkg_latest: Path
    apkg_legacy: Path
    colpkg_latest: Path
    colpkg_legacy: Path
    guids: dict[str, str]  # label -> note guid


def _custom_note_type(col):
    mm = col.models
    model = mm.new("Vocab")
    for name in ("Word", "Meaning", "Example"):
        mm.add_field(model, mm.new_field(name))
    t1 = mm.new_template("Recognise")
    t1["qfmt"] = "{{Word}}{{#Example}}<br><i>{{Example}}</i>{{/Example}}"
    t1["afmt"] = "{{FrontSide}}<hr id=answer>{{text:Meaning}}"
    t2 = mm.new_template("Recall")
    t2["qfmt"] = "{{^Example}}(no example) {{/Example}}{{Meaning}}"
    t2["afmt"] = "{{FrontSide}}<hr id=answer>{{Word}} / {{furigana:Word}} / {{Deck}} / {{Card}}"
    mm.add_template(model, t1)
    mm.add_template(model, t2)
    mm.add(model)
    return mm.by_name("Vocab")


def build_collection(directory: Path) -> tuple[object, dict[str, str]]:
    from anki.collection import Collection

    col = Collection(str(directory / "collection.anki2"))
    col.media.write_data("paris.png", PNG)
    col.media.write_data("bell.mp3", MP3)
    col.media.write_data("unused.png", PNG)
    guids: dict[str, str] = {}

    def add(label: str, model_name: str, deck: str, tags=(), **values):
        model = _custom_note_type(col) if model_name == "Vocab" and not col.models.by_name("Vocab") else None
        note = col.new_note(model or col.models.by_name(model_name))
        for key, value in values.items():
            note[key.replace("_", " ")] = value
        note.tags = list(tags)
        col.add_note(note, col.decks.id(deck))
        guids[label] = note.guid
        return note

    basic = add("basic", "Basic", "Geo::Europe", tags=["geo", "europe::france"],
                Front="<b>Capital</b> of France?", Back='Paris <img src="paris.png">')
    add("reversed", "Basic (and reversed card)", "Lang::German", Front="dog", Back="Hund")
    add("optional_yes", "Basic (optional reversed card)", "Lang::German", Front="cat", Back="Katze", Add_Reverse="y")
    add("optional_no", "Basic (optional reversed card)", "Lang::German", Front="mouse", Back="Maus")
    add("typed", "Basic (type in the answer)", "Maths", Front="2 + 2 =", Back="4")
    add("cloze", "Cloze", "Geo::Europe", Text="{{c1::Paris::city}} is the capital of {{c2::France}} [sound:bell.mp3]")
    add("cloze_extra", "Cloze", "Geo", Text="{{c1::H2O}} is water", Back_Extra="chemistry")
    add("vocab", "Vocab", "Lang::German", Word="Haus", Meaning="<b>house</b>", Example="Das Haus ist alt.")
    add("hostile", "Basic", "Geo", Front=HOSTILE_FRONT, Back=HOSTILE_BACK)
    add("occlusion", "Image Occlusion", "Geo", Header="Europe", Image='<img src="paris.png">', Back_Extra="Seine",
        Occlusion="{{c1::image-occlusion:rect:left=.1:top=.2:width=.3:height=.4:oi=1}}"
                  "{{c2::image-occlusion:ellipse:left=.5:top=.6:rx=.1:ry=.1:oi=1}}")
    deck = col.decks.get(col.decks.id("Geo::Europe"))
    deck["desc"] = "European capitals"
    col.decks.save(deck)
    cards = basic.cards()
    col.sched.suspend_cards([cards[0].id])
    for rid, ease, kind in REVLOG:
        col.db.execute(
            "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?,?,?,?,?,?,?,?,?)",
            rid, cards[0].id, -1, ease, 1, 0, 2500, 4200, kind,
        )
    return col, guids


def export(col, path: Path, legacy: bool) -> Path:
    from anki.collection import ExportAnkiPackageOptions

    options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False, with_media=True, legacy=legacy)
    col.export_anki_package(out_path=str(path), options=options, limit=None)
    return path


def build_genanki(directory: Path) -> tuple[Path, dict[str, str]]:
    """The oldest version (collection.anki2, no meta member), as genanki writes it."""
    import genanki

    (directory / "paris.png").write_bytes(PNG)
    deck = genanki.Deck(2059400110, "Old::Deck")
    notes = {
        "basic": genanki.Note(model=genanki.BASIC_MODEL, fields=["Front <i>old</i>", 'Back <img src="paris.png">'],
                              tags=["old"]),
        "reversed": genanki.Note(model=genanki.BASIC_AND_REVERSED_CARD_MODEL, fields=["sun", "Sonne"]),
        "typed": genanki.Note(model=genanki.BASIC_TYPE_IN_THE_ANSWER_MODEL, fields=["3 + 3 =", "6"]),
        "cloze": genanki.Note(model=genanki.CLOZE_MODEL, fields=["{{c1::Rome}} is in {{c2::Italy::country}}", ""]),
    }
    for note in notes.values():
        deck.add_note(note)
    package = genanki.Package(deck)
    package.media_files = [str(directory / "paris.png")]
    path = directory / "genanki.apkg"
    cwd = os.getcwd()
    try:
        os.chdir(directory)  # genanki stores media by the path it is given
        package.write_to_file(str(path))
    finally:
        os.chdir(cwd)
    return path, {label: note.guid for label, note in notes.items()}


@pytest.fixture(scope="session")
def anki_built(tmp_path_factory) -> Built:
    pytest.importorskip("anki")
    directory = tmp_path_factory.mktemp("anki")
    col, guids = build_collection(directory)
    try:
        latest = export(col, directory / "latest.apkg", legacy=False)
        legacy = export(col, directory / "legacy.apkg", legacy=True)
        colpkg = directory / "all.colpkg"
        col.export_collection_package(str(colpkg), include_media=True, legacy=False)  # closes the collection
    finally:
        col.close()
    from anki.collection import Collection

    col = Collection(str(directory / "collection.anki2"))
    colpkg_legacy = directory / "all-legacy.colpkg"
    col.export_collection_package(str(colpkg_legacy), include_media=True, legacy=True)
    col.close()
    return Built(latest, legacy, colpkg, colpkg_legacy, guids)
