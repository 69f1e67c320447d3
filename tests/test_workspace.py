"""Opening a data folder installs the shipped decks, and installs one again when its file changed."""

from studyapp import workspace
from studyapp.content.model import in_language
from studyapp.store import queries

CAPITALS = '''format = 1
[deck]
name = "Geography::World capitals"

[[items]]
id = "cap-benin"
prompt = "Benin"
answer = "Porto-Novo"
'''
TRANSLATION = '''
[items.translations.zh_CN]
prompt = "贝宁"
answer = "波多诺伏"
'''


def test_a_shipped_deck_that_gains_translations_brings_them_into_an_existing_data_folder(tmp_path, monkeypatch):
    shipped = tmp_path / "decks"
    shipped.mkdir()
    (shipped / "world-capitals.deck.toml").write_text(CAPITALS, encoding="utf-8")
    monkeypatch.setattr(workspace, "decks_dir", lambda: shipped)
    ws = workspace.open_workspace(tmp_path / "data")
    profile = queries.add_profile(ws.db, "Ana")
    deck = queries.find_deck(ws.db, "Geography::World capitals")["id"]
    (before,) = queries.items_in_decks(ws.db, [deck])
    ws.db["answers"].insert({"profile_id": profile, "item_id": before.id, "answered_ms": 5, "correct": 1})
    ws.close()

    (shipped / "world-capitals.deck.toml").write_text(CAPITALS + TRANSLATION, encoding="utf-8")
    ws = workspace.open_workspace(tmp_path / "data")
    (after,) = queries.items_in_decks(ws.db, [deck])
    assert after.id == before.id  # the same item, its answers kept
    assert (in_language(after, "zh_CN").prompt, in_language(after, "zh_CN").answer) == ("贝宁", "波多诺伏")
    assert [a.item_id for a in queries.answer_history(ws.db, profile)] == [after.id]
    assert workspace.install_builtin_decks(ws.db, ws.data_dir) == []  # unchanged since: nothing to do
    ws.close()
