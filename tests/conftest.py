import os

import pytest

# Tests never touch the real user directories, and Qt never needs a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PARENT_DECK = "Quiz"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("STUDYAPP_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return data


class SteadyPredictor:
    """A stand-in learner (no torch): every item has the same chance, 0.6, so policies, sessions and the test's
    report run without the model, and nothing is due on recall alone."""

    def predict(self, items, now_ms):
        return [0.6] * len(items)

    knowledge = predict

    def observe(self, item, answer):
        pass

    def forget_last(self):
        pass

    def save(self):
        pass


@pytest.fixture
def steady_predictor():
    """Makes SteadyPredictors."""
    return SteadyPredictor


def two_sub_decks(per_deck: int = 6) -> dict[str, list]:
    """Multiple-choice questions (answer "b") in two sub-decks: "Algebra" (skill "Equations") and "Geometry"
    (skills "Angles", "Areas" and "Volumes" in turn)."""
    from studyapp.content.model import Item

    def question(deck: str, n: int, skill: str):
        return Item("choice", f"{deck.lower()} question {n}", "b", options=["a", "b", "c", "d"],
                    guid=f"{deck[0].lower()}{n}", skill=skill)

    return {"Algebra": [question("Algebra", n, "Equations") for n in range(per_deck)],
            "Geometry": [question("Geometry", n, ("Angles", "Areas", "Volumes")[n % 3]) for n in range(per_deck)]}


@pytest.fixture
def add_parent_deck():
    """Imports a parent deck (PARENT_DECK) with sub-decks into a database: by default the two of
    `two_sub_decks`, else the given {name: items}; returns the parent's deck id."""
    from studyapp.content.model import Deck, ImportBundle
    from studyapp.store import queries
    from studyapp.store.importer import import_bundle

    def add(db, folder, sub_decks: dict[str, list] | None = None, parent: str = PARENT_DECK) -> int:
        decks = [Deck(f"{parent}::{name}", items=items) for name, items in (sub_decks or two_sub_decks()).items()]
        import_bundle(db, folder, ImportBundle(decks=decks), None)
        return queries.find_deck(db, parent)["id"]

    return add
