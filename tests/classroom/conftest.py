import pytest

from studyapp.classroom.bundle import export_bundle
from studyapp.content.model import Deck, ImportBundle, Item
from studyapp.store import queries
from studyapp.store.db import connect
from studyapp.store.importer import import_bundle
from studyapp.study.session import StudySession
from studyapp.study.settings import StudySettings

NOW = 1_767_225_600_000
N_ITEMS = 6
# Per student, which of the six items they get right: items 0-2 are easy for the class, 3-5 hard.
PATTERNS = ["111100", "111000", "110100", "111010", "101000", "111001", "011100", "111000"]


def make_db(path):
    db = connect(path)
    items = [Item("choice", f"{n} x 7", str(7 * n), options=[str(7 * n), str(7 * n + 1), str(7 * n + 2)],
                  guid=f"mul{n}", skill="times") for n in range(N_ITEMS)]
    import_bundle(db, path.parent, ImportBundle(decks=[Deck("Maths::Times", items=items)]), None)
    return db


def study(db, name, pattern, at_ms=NOW):
    """The profile answers each new item once: right where the pattern says 1 (option 1), else wrong."""
    profile_id = queries.add_profile(db, name)
    deck = queries.find_deck(db, "Maths")["id"]
    session = StudySession(db, profile_id, deck, clock=lambda: at_ms, settings=StudySettings(new_per_day=10))
    for _ in range(N_ITEMS):
        n = int(session.next_item().item.prompt.split()[0])
        session.submit("1" if pattern[n] == "1" else "2")
    return db["profiles"].get(profile_id)


@pytest.fixture(scope="session")
def class_bundles(tmp_path_factory):
    """Bundles of eight students of one class (built once: studying through sessions takes a moment)."""
    folder = tmp_path_factory.mktemp("class")
    db = make_db(folder / "teacher-test.sqlite3")
    paths = []
    for k, pattern in enumerate(PATTERNS):
        path = folder / f"student{k}.studybundle"
        export_bundle(db, study(db, f"S{k}", pattern, NOW + k * 60_000), path)
        paths.append(path)
    db.close()
    return paths


@pytest.fixture
def laptop(tmp_path):
    """A student's data dir with one profile that has studied."""
    data = tmp_path / "laptop"
    data.mkdir()
    db = make_db(data / "studyapp.sqlite3")
    study(db, "Ana", "110100")
    db.close()
    return data
