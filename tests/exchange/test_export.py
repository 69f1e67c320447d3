"""Exporting a deck tree to an Anki package (shared by the CLI and the GUI): items, media, optional history."""

import pytest

from studyapp.content.anki_read import read_anki_package
from studyapp.content.model import ContentError, Deck, HistoryRow, ImportBundle, Item
from studyapp.exchange.export import export_deck_apkg
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.store.importer import import_bundle

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")


@pytest.fixture
def store(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    db = connect(data_dir / "studyapp.sqlite3")
    profile = queries.add_profile(db, "Ada")
    other = queries.add_profile(db, "Ben")
    items = [Item("basic", "dog", "chien", guid="w1", media=["dog.png"]), Item("basic", "cat", "chat", guid="w2")]
    bundle = ImportBundle(decks=[Deck("Words::Animals", items=items)], media={"dog.png": PNG},
                          history=[HistoryRow("w1", 0, 1_700_000_000_000, 3, 1, 2500, "r1")])
    import_bundle(db, data_dir, bundle, profile)
    import_bundle(db, data_dir, ImportBundle(history=[HistoryRow("w2", 0, 1_700_000_100_000, 1, 0, None, "r2")]),
                  other)
    yield db, data_dir, profile
    db.close()


def deck_id(db, name):
    return queries.find_deck(db, name)["id"]


def test_parent_deck_exported_with_sub_decks_media_and_the_profiles_history(store, tmp_path):
    db, data_dir, profile = store
    out = tmp_path / "words.apkg"
    assert export_deck_apkg(db, data_dir, deck_id(db, "Words"), out, profile) == 2
    bundle = read_anki_package(out)
    assert [d.name for d in bundle.decks] == ["Words::Animals"]
    assert {i.answer for i in bundle.decks[0].items} == {"chien", "chat"}
    assert bundle.media == {"dog.png": PNG}
    assert [(h.item_guid, h.grade) for h in bundle.history] == [("w1", 3)]   # not Ben's answer


def test_without_a_profile_no_history(store, tmp_path):
    db, data_dir, _ = store
    out = tmp_path / "animals.apkg"
    export_deck_apkg(db, data_dir, deck_id(db, "Words::Animals"), out, None)
    assert read_anki_package(out).history == []


def test_a_deck_tree_without_items_is_refused_and_nothing_written(store, tmp_path):
    db, data_dir, profile = store
    empty = db["decks"].insert({"name": "Empty", "created_ms": 0}).last_pk
    out = tmp_path / "empty.apkg"
    with pytest.raises(ContentError, match="no items to export"):
        export_deck_apkg(db, data_dir, empty, out, profile)
    assert not out.exists()
