import pytest

from studyapp.content.model import ContentError, Item
from studyapp.store import items, queries
from studyapp.store.db import connect


@pytest.fixture
def db(tmp_path):
    db = connect(tmp_path / "db.sqlite3")
    queries.ensure_deck(db, "A::B")
    return db


def deck(db, name):
    return queries.find_deck(db, name)["id"]


def test_add_expands_cloze_and_two_way_cards(db):
    cloze = items.add_item(db, deck(db, "A::B"), Item("cloze", "{{c1::Rome}} is in {{c2::Italy}}", ""))
    pair = items.add_item(db, deck(db, "A"), Item("reversed", "Fe", "Iron", accepted=["Ferrum"]))
    assert len(cloze) == 2 and len(pair) == 2
    back = queries.get_item(db, pair[1])
    assert (back.prompt, back.answer, back.accepted) == ("Iron", "Fe", [])
    with pytest.raises(ContentError):
        items.add_item(db, deck(db, "A"), Item("choice", "2+2", "5", options=["3", "4"]))
    assert db["items"].count == 4


def test_search_edit_delete_and_move(db):
    [item_id] = items.add_item(db, deck(db, "A::B"), Item("basic", "France", "Paris", tags=["europe"]))
    assert [r["id"] for r in items.search_items(db, "EUROPE", deck(db, "A"))] == [item_id]
    before = items.update_item(db, item_id, deck(db, "A::B"), Item("basic", "France", "Paris, France"))
    assert before.answer == "Paris" and queries.get_item(db, item_id).guid == before.guid
    where = items.move_items(db, {item_id: deck(db, "A")})
    assert where == {item_id: deck(db, "A::B")} and queries.get_item(db, item_id).deck_id == deck(db, "A")
    items.set_deleted(db, [item_id], True)
    assert items.search_items(db, "France") == []
    items.set_deleted(db, [item_id], False)
    assert len(items.search_items(db, "france")) == 1
