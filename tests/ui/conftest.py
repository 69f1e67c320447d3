"""UI tests run offscreen, each in its own temporary data dir, with a small deck of every item kind."""

from __future__ import annotations

import gc
import os
import shutil

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402
import shiboken6  # noqa: E402
from PySide6.QtCore import Qt, QThreadPool  # noqa: E402
from PySide6.QtWidgets import QTreeWidgetItemIterator  # noqa: E402

from studyapp.content.model import Deck, ImportBundle, Item  # noqa: E402
from studyapp.store import queries  # noqa: E402
from studyapp.store.importer import import_bundle  # noqa: E402
from studyapp.workspace import open_workspace  # noqa: E402

MIXED_DECK = "Mixed"


@pytest.fixture(autouse=True)
def collect_on_main_thread():
    """As the program does (studyapp.ui.collector): no cyclic collection in worker threads."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()


def pytest_configure(config):
    # The offscreen platform says this about every top-level window; it is not a fault of the program.
    config.addinivalue_line("qt_log_ignore", "This plugin does not support propagateSizeHints")


def mixed_items() -> list[Item]:
    """25 items: flashcards both ways, choice, typed, true/false and cloze."""
    items = [Item("basic", f"basic question {n}", f"basic answer {n}", guid=f"b{n}") for n in range(5)]
    for n in range(2):
        items += [Item("reversed", f"front {n}", f"back {n}", guid=f"r{n}", ord=0),
                  Item("reversed", f"back {n}", f"front {n}", guid=f"r{n}", ord=1)]
    items += [Item("choice", f"choose {n}", "right", options=["wrong a", "right", "wrong b"], guid=f"c{n}",
                   explanation="Because it is right.") for n in range(5)]
    items += [Item("typed", f"type {n}", f"Answer {n}", accepted=[f"alt {n}"], guid=f"t{n}") for n in range(4)]
    items += [Item("truefalse", f"statement {n}", "true" if n % 2 else "false", guid=f"tf{n}") for n in range(4)]
    items += [Item("cloze", "The capital of France is [...]", "Paris", guid="z0", ord=0),
              Item("cloze", "[...] is the capital of France", "Paris", guid="z1", ord=0),
              Item("cloze", "Two plus two is [...]", "4", guid="z2", ord=0)]
    return items


@pytest.fixture(scope="session")
def seeded_data_dir(tmp_path_factory):
    """Built once: installing the built-in decks takes seconds, copying the folder does not."""
    directory = tmp_path_factory.mktemp("seed") / "data"
    ws = open_workspace(directory)
    queries.add_profile(ws.db, "Ada")
    queries.add_profile(ws.db, "Ben")
    queries.set_meta(ws.db, "last_profile", "Ben")
    import_bundle(ws.db, ws.data_dir, ImportBundle(decks=[Deck(MIXED_DECK, items=mixed_items())]), None)
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ws.close()
    return directory


@pytest.fixture
def data_dir(tmp_path, seeded_data_dir):
    directory = tmp_path / "data"
    shutil.copytree(seeded_data_dir, directory)
    return directory


@pytest.fixture
def window(qtbot, qapp, data_dir):
    from studyapp.ui.app import make_application
    from studyapp.ui.i18n import Translations
    from studyapp.ui.mainwindow import MainWindow

    make_application()
    win = MainWindow(data_dir, Translations(qapp), load_model=False)
    with qtbot.waitSignal(win.ready, timeout=10000):
        win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)   # shortcuts only fire in the active window
    yield win
    win.translations.apply("en")
    win.close()
    QThreadPool.globalInstance().waitForDone()
    # Closed windows stay alive until deleted, and every later restyle would walk their widgets too.
    shiboken6.delete(win)


@pytest.fixture
def open_profile(qtbot, window):
    """Picks a profile on the first screen by keyboard and waits for the deck tree."""

    def pick(name: str = "Ada") -> None:
        page = window.profiles
        qtbot.waitUntil(lambda: page.list.count() > 0)
        row = next(i for i in range(page.list.count()) if page.list.item(i).text() == name)
        page.list.setCurrentRow(row)
        with qtbot.waitSignal(window.decks.loaded, timeout=10000):
            qtbot.keyClick(page.list, Qt.Key_Return)

    return pick


@pytest.fixture
def select_deck(window):
    def select(name: str) -> None:
        it = QTreeWidgetItemIterator(window.decks.tree)
        while it.value():
            if it.value().data(0, Qt.UserRole)["name"] == name:
                window.decks.tree.setCurrentItem(it.value())
                return
            it += 1
        raise AssertionError(f"no deck {name}")

    return select


class KnowingPredictor:
    """Stands in for the learner: knows basic items well and the rest half."""

    def __init__(self, db, profile_id, learner):
        pass

    def knowledge(self, items, now_ms):
        return [0.9 if i.kind == "basic" else 0.5 for i in items]

    def save(self):
        pass


@pytest.fixture
def knowing_learner(monkeypatch):
    """Sessions and mastery get KnowingPredictor instead of the learner."""
    from studyapp.study import predictor

    monkeypatch.setattr(predictor, "LearnerPredictor", KnowingPredictor)


@pytest.fixture
def start_studying(qtbot, window, open_profile, select_deck):
    """start_studying(deck): Ada studies that deck as a student would (Return on it); the study screen once its
    first card is shown."""
    def start(deck: str):
        open_profile("Ada")
        select_deck(deck)
        page = window.study
        with qtbot.waitSignal(page.card_shown, timeout=10000):
            qtbot.keyClick(window.decks.tree, Qt.Key_Return)
        return page
    return start


@pytest.fixture
def study(start_studying):
    """The study screen on Ada's "Mixed" deck, its first card shown."""
    return start_studying("Mixed")


@pytest.fixture
def steady_tests(monkeypatch, steady_predictor):
    """Adaptive tests in the GUI choose and report with a SteadyPredictor (no torch) and a fixed seed; other
    sessions open as the program opens them."""
    from studyapp.study import launch, policies
    from studyapp.study.session import StudySession

    real = launch.open_session

    def open_session(db, profile_id, deck_id, mode="review", **kwargs):
        if mode != "test":
            return real(db, profile_id, deck_id, mode, **kwargs)
        predictor = steady_predictor()
        return StudySession(db, profile_id, deck_id, mode=mode, policy=policies.TestPolicy(predictor, seed=1),
                            predictor=predictor)

    monkeypatch.setattr(launch, "open_session", open_session)
