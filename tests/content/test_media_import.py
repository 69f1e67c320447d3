"""The store's importer refuses unsafe media names with the same rule as the readers, writing nothing."""

from __future__ import annotations

import pytest

from studyapp.content.model import ContentError, Deck, ImportBundle, Item
from studyapp.paths import media_dir
from studyapp.store.importer import import_bundle
from studyapp.workspace import open_workspace


@pytest.mark.parametrize("name", ["C:evil.png", "..", "/tmp/abs.png", "a\x00.png", "NUL.png", "com1"])
def test_unsafe_media_name_is_refused_and_nothing_written(tmp_path, name):
    ws = open_workspace(tmp_path / "data")
    bundle = ImportBundle(decks=[Deck("D", items=[Item("basic", "q", "a", guid="g")])], media={name: b"x"})
    with pytest.raises(ContentError, match="is not allowed"):
        import_bundle(ws.db, ws.data_dir, bundle, None)
    assert ws.db["items"].count_where("guid = ?", ["g"]) == 0
    assert [p.name for p in media_dir(ws.data_dir).iterdir()] == []
    ws.close()
