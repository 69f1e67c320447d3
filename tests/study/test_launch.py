from studyapp.classroom.models import ACTIVE, models_root
from studyapp.learner.modelfile import read_model, save_model
from studyapp.learner.runtime import default_model_path
from studyapp.study.launch import load_learner


def install_copy(data_dir):
    """The shipped model's weights installed as a class model (what `classroom import-model` leaves), under a
    card of its own so that a test can tell which model loaded."""
    weights = models_root(data_dir) / ACTIVE / default_model_path().name
    card, params = read_model(default_model_path())
    save_model(weights, params, card["config"], card["items"], {"name": "class"})
    return weights


def test_installed_class_model_is_used(tmp_path):
    install_copy(tmp_path)
    learner, notice = load_learner(tmp_path)
    assert learner is not None and notice is None
    assert learner.card["name"] == "class"


def test_tampered_class_model_is_refused_and_the_built_in_model_used(tmp_path):
    weights = install_copy(tmp_path)
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    learner, notice = load_learner(tmp_path)
    assert learner is not None and "class model was refused" in notice
    truncated = weights.read_bytes()[:40]
    weights.write_bytes(truncated)
    learner, notice = load_learner(tmp_path)
    assert learner is not None and "class model was refused" in notice


def test_a_learner_arriving_mid_session_takes_over_from_the_next_item(tmp_path):
    from studyapp.content.model import Deck, ImportBundle, Item
    from studyapp.learner.runtime import Learner
    from studyapp.store import queries
    from studyapp.store.db import connect
    from studyapp.store.importer import import_bundle
    from studyapp.study.launch import attach_learner, open_session

    db = connect(tmp_path / "db.sqlite3")
    items = [Item("basic", f"q{n}", f"a{n}", guid=f"g{n}") for n in range(4)]
    import_bundle(db, tmp_path, ImportBundle(decks=[Deck("Words", items=items)]), None)
    profile = queries.add_profile(db, "Ana")
    session = open_session(db, profile, queries.find_deck(db, "Words")["id"])
    first = session.next_item()
    assert first.predicted is None  # the classical schedule predicts nothing
    attach_learner(session, Learner.load())
    session.submit("3")  # the card shown before the model arrived is still answered and logged
    second = session.next_item()
    assert second.predicted is not None and second.item.id != first.item.id
    session.submit("1")
    assert session.undo().item.id == second.item.id  # undo goes through the learner's history too
    logged = list(db.query("SELECT predicted FROM answers ORDER BY id"))
    assert logged[0]["predicted"] is None and len(logged) == 2
