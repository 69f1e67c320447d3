import pytest

from studyapp.content.model import ContentError, Deck, HistoryRow, ImportBundle, Item
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.store.importer import import_bundle

T0 = 1_700_000_000_000  # answer times must lie between 2000-01-01 and tomorrow


@pytest.fixture
def db(tmp_path):
    return connect(tmp_path / "db.sqlite3")


def bundle(history=(), media=None, answer="Paris"):
    items = [Item("basic", "France", answer, guid="fr"), Item("basic", "Spain", "Madrid", guid="es")]
    return ImportBundle(decks=[Deck("Geo::Capitals", items=items)], media=media or {}, history=list(history))


def test_import_then_reimport_updates_without_duplicates(db, tmp_path):
    profile = queries.add_profile(db, "Ana")
    history = [HistoryRow("fr", 0, T0 + 1_000, 3, 1, 1200, "anki:1"),
               HistoryRow("es", 0, T0 + 2_000, 1, 0, 900, "anki:2")]
    first = import_bundle(db, tmp_path, bundle(history), profile)
    assert (first.items_added, first.answers_added) == (2, 2)
    second = import_bundle(db, tmp_path, bundle(history, answer="Paris (France)"), profile)
    assert (second.items_added, second.items_updated, second.answers_added, second.answers_skipped) == (0, 2, 0, 2)
    assert db["items"].count == 2 and db["answers"].count == 2
    assert next(db.query("SELECT answer FROM items WHERE guid = 'fr'"))["answer"] == "Paris (France)"


def test_failed_import_changes_nothing(db, tmp_path):
    profile = queries.add_profile(db, "Ana")
    broken = bundle([HistoryRow("missing", 0, T0 + 1_000, 3, 1, None, "x:1")], media={"a.png": b"png"})
    with pytest.raises(ContentError, match="not in the file"):
        import_bundle(db, tmp_path, broken, profile)
    assert db["items"].count == 0 and db["decks"].count == 0 and db["media"].count == 0
    assert list((tmp_path / "media").iterdir()) == []


def test_media_is_stored_and_hostile_names_are_refused(db, tmp_path):
    import_bundle(db, tmp_path, bundle(media={"flag.png": b"\x89PNG"}), None)
    assert (tmp_path / "media" / "flag.png").read_bytes() == b"\x89PNG"
    for name in ("../evil.png", "/etc/passwd", "a\\b.png", "..", "x" * 300):
        with pytest.raises(ContentError, match="not allowed"):
            import_bundle(db, tmp_path, bundle(media={name: b"x"}), None)
    assert not (tmp_path / "evil.png").exists()


def test_history_needs_a_profile(db, tmp_path):
    with pytest.raises(ContentError, match="profile"):
        import_bundle(db, tmp_path, bundle([HistoryRow("fr", 0, T0, 3, 1)]), None)


def test_history_that_comes_back_under_another_source_id_is_not_duplicated(db, tmp_path):
    profile = queries.add_profile(db, "Ana")
    import_bundle(db, tmp_path, bundle([HistoryRow("fr", 0, T0 + 1_000, 3, 1, 1200, "studyapp:1")]), profile)
    again = import_bundle(db, tmp_path, bundle([HistoryRow("fr", 0, T0 + 1_000, 3, 1, 1200, "anki:1000")]), profile)
    assert (again.answers_added, again.answers_skipped) == (0, 1)
