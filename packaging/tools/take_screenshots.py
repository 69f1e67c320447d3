"""Screenshots of every screen of the real program, light and dark, English and Chinese.

    xvfb-run -a -s "-screen 0 1400x1000x24" .venv/bin/python packaging/tools/take_screenshots.py docs/screenshots

For each language a temporary data dir gets the built-in decks, three profiles and two months of made-up
answers (so the statistics have something to show), with the names and the imported deck of a student who
speaks that language; then the script drives the main window by keyboard and grabs each screen and dialog
as PNG: <screen>-<theme>-<language>.png.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from studyapp.content.model import HistoryRow, ImportBundle  # noqa: E402
from studyapp.store import queries  # noqa: E402
from studyapp.store.backup import create_backup  # noqa: E402
from studyapp.store.importer import import_bundle  # noqa: E402
from studyapp.store.pin import set_pin  # noqa: E402
from studyapp.workspace import open_workspace  # noqa: E402

DAY_MS = 86_400_000
SIZE = (1100, 760)


@dataclass(frozen=True)
class People:
    """What the students of one language call themselves and the deck they import (user content, so not
    translated by the program: each language's screenshots get their own)."""
    student: str  # the profile with two months of answers
    locked: str   # the profile with a PIN
    other: str
    deck_file: str
    deck_rows: str


PEOPLE = {
    "en": People("Mei", "Sam", "Ada", "French verbs.csv", "prompt,answer\nto go,aller\nto be,être\nto have,avoir\n"),
    "zh_CN": People("小梅", "小山", "小爱", "唐诗.csv",
                    "prompt,answer\n床前明月光,疑是地上霜\n白日依山尽,黄河入海流\n春眠不觉晓,处处闻啼鸟\n"),
}


def seed(data_dir: Path, people: People) -> None:
    """Profiles, and about two months of answers for the first one, on two built-in decks."""
    ws = open_workspace(data_dir)
    for name in (people.student, people.locked, people.other):
        queries.add_profile(ws.db, name)
    queries.set_meta(ws.db, "last_profile", people.student)
    student = queries.find_profile(ws.db, people.student)["id"]
    queries.update_profile_settings(ws.db, student, {"new_per_day": 500})  # two rounds of screens use many
    rng = random.Random(7)
    now = queries.now_ms()
    decks = [queries.find_deck(ws.db, n)["id"] for n in ("Geography::World capitals", "Maths::Multiplication tables")]
    items = [i for d in decks for i in queries.items_in_decks(ws.db, [d])][:140]
    rows = []
    for day in range(60, 0, -1):
        if rng.random() < 0.3:
            continue
        for n, item in enumerate(rng.sample(items, rng.randint(5, 40))):
            correct = int(rng.random() < 0.55 + 0.4 * (60 - day) / 60)
            grade = (3 if correct else 1) if item.kind in ("basic", "reversed") else None
            at = now - day * DAY_MS + n * 40_000
            rows.append(HistoryRow(item.guid, item.ord, at, grade, correct, 6000, f"shot-{day}-{n}"))
    import_bundle(ws.db, data_dir, ImportBundle(history=rows), student)
    set_pin(ws.db, queries.find_profile(ws.db, people.locked)["id"], "2468")
    create_backup(ws.db_path, data_dir, keep=10)
    ws.close()


class Driver:
    def __init__(self, app: QApplication, window, out: Path) -> None:
        self.app, self.window, self.out = app, window, out
        self.suffix = ""

    def pump(self, seconds: float = 0.15) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def wait(self, condition, what: str, timeout: float = 20.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise RuntimeError(f"timed out waiting for {what}")
            self.app.processEvents()
            time.sleep(0.01)
        self.pump()

    def shot(self, name: str, widget=None) -> None:
        self.pump(0.3)
        path = self.out / f"{name}-{self.suffix}.png"
        (widget or self.window).grab().save(str(path))
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

    def select_deck(self, name: str) -> dict:
        tree = self.window.decks.tree
        # By the row each tree item carries: the text shown is the deck's name in the interface language.
        for item in tree.findItems("*", Qt.MatchWildcard | Qt.MatchRecursive, 0):
            row = item.data(0, Qt.UserRole)
            if row and row["name"] == name:
                tree.setCurrentItem(item)
                return row
        raise RuntimeError(f"no deck {name}")

    def study(self, deck: str):
        w = self.window
        row = self.select_deck(deck)
        shown = []
        w.study.card_shown.connect(shown.append)
        w.start_study(row["id"], row["name"], "review")
        self.wait(lambda: shown and w.study.state == "question", f"a card of {deck}")
        w.study.card_shown.disconnect(shown.append)
        return w.study

    def end_study(self) -> None:
        w = self.window
        QTest.keyClick(w.study, Qt.Key_Escape)
        self.wait(lambda: w.stack.currentWidget() is w.summary, "the summary")

    def back_to_decks(self) -> None:
        w = self.window
        w.show_decks()
        self.wait(lambda: w.stack.currentWidget() is w.decks, "the deck list")


def take_test(driver: Driver, deck: str) -> None:
    """An adaptive test answered by keyboard: option 1 (or "1" typed) each time, so some answers are wrong."""
    w = driver.window
    row = driver.select_deck(deck)
    page = w.study
    w.start_study(row["id"], row["name"], "test")
    while w.stack.currentWidget() is not w.summary:
        driver.wait(lambda: page.state in ("question", "feedback") or w.stack.currentWidget() is w.summary,
                    "a test question")
        if page.state == "question" and page.card.item.kind == "typed":
            QTest.keyClicks(page.typed, "1")
            QTest.keyClick(page.typed, Qt.Key_Return)
        elif page.state == "question":
            QTest.keyClick(page, Qt.Key_1)
        elif page.state == "feedback":
            QTest.keyClick(page, Qt.Key_Return)


def run(driver: Driver, data_dir: Path, theme: str, language: str, people: People) -> None:
    from studyapp.ui.ops import UiPrefs

    w = driver.window
    driver.suffix = f"{theme}-{language}"
    w.preferences.apply(UiPrefs(theme=theme, font_size=11, language=language))
    w.show_profiles()
    driver.wait(lambda: w.profiles.list.count() == 3, "the profiles")
    student = w.profiles.list.currentRow()
    w.profiles.list.setCurrentRow(next(n for n in range(3) if w.profiles.list.item(n).text() == people.locked))
    QTest.keyClick(w.profiles.list, Qt.Key_Return)
    QTest.keyClicks(w.profiles.pin_edit, "1357")
    QTest.keyClick(w.profiles.pin_edit, Qt.Key_Return)
    driver.wait(lambda: "PIN" in w.profiles.error.text(), "the wrong PIN")
    driver.shot("profiles-pin")
    w.profiles.list.setCurrentRow(student)
    driver.shot("profiles")
    QTest.keyClick(w.profiles.list, Qt.Key_Return)
    driver.wait(lambda: w.stack.currentWidget() is w.decks and w.decks.rows, "the deck tree")

    page = driver.study("Geography::World capitals")
    driver.shot("study-flashcard")
    QTest.keyClick(page, Qt.Key_Space)
    driver.pump()
    driver.shot("study-flashcard-answer")
    QTest.keyClick(page, Qt.Key_3)
    driver.wait(lambda: page.state == "question", "the next card")
    driver.end_study()
    driver.shot("summary")
    driver.back_to_decks()

    page = driver.study("Maths::Multiplication tables")
    item = page.card.item
    wrong = next(n for n, option in enumerate(item.options, 1) if option != item.answer)
    QTest.keyClick(page, getattr(Qt, f"Key_{wrong}"))
    driver.wait(lambda: page.state == "feedback", "choice feedback")
    driver.shot("study-choice-feedback")
    driver.end_study()
    driver.back_to_decks()

    page = driver.study("Maths::Fraction subtraction")
    QTest.keyClicks(page.typed, page.card.item.answer[:-1] + "9")
    QTest.keyClick(page.typed, Qt.Key_Return)
    driver.wait(lambda: page.state == "feedback", "typed feedback")
    driver.shot("study-typed-feedback")
    driver.end_study()
    driver.back_to_decks()

    page = driver.study("Science::True or false")
    driver.shot("study-truefalse")
    driver.end_study()
    driver.back_to_decks()

    driver.wait(lambda: w.learner_loading.state != "loading", "the learner model", timeout=120)
    if w.learner_loading.learner is None:
        print(f"test-report skipped: {w.learner_loading.label.toolTip()}")
    else:
        take_test(driver, "Maths")  # a parent deck: the report has a row per sub-deck and skill asked
        driver.shot("test-report")
        driver.back_to_decks()
        geography = next(r["id"] for r in w.decks.rows if r["name"] == "Geography")
        driver.wait(lambda: w.decks.nodes[geography].text(5), "the mastery column")
    driver.shot("decks")

    driver.select_deck("Geography::World capitals")
    w.show_statistics()
    driver.wait(lambda: w.stats.stats is not None, "the statistics")
    driver.shot("statistics")
    w.stats.stats = None
    driver.back_to_decks()

    w.decks.tree.setCurrentItem(None)   # every deck: mastery per deck and skill over all that was answered
    w.show_statistics()
    driver.wait(lambda: w.stats.stats is not None and (w.stats.report is not None or w.learner_loading.learner is None),
                "mastery per deck and skill")
    w.stats.scroll.ensureWidgetVisible(w.stats.mastery_caption)
    driver.shot("statistics-mastery")
    w.stats.stats = None
    driver.back_to_decks()

    driver.select_deck("Geography::World capitals")
    w.show_browser(1)
    driver.wait(lambda: w.browser.model.rowCount() > 0, "the browser")
    driver.shot("browser")
    w.browser.edit_selected()
    driver.wait(lambda: getattr(w.browser, "editor", None) is not None and w.browser.editor.isVisible(), "the editor")
    driver.shot("editor", w.browser.editor)
    w.browser.editor.reject()
    w.browser.editor = None
    driver.back_to_decks()

    w.preferences.open_dialog()
    driver.wait(lambda: w.preferences.dialog is not None and w.preferences.dialog.isVisible(), "settings")
    driver.shot("settings", w.preferences.dialog)
    w.preferences.dialog.reject()
    w.preferences.dialog = None

    w.backups.open_dialog()
    driver.wait(lambda: w.backups.dialog.isVisible() and w.backups.dialog.list.count(), "the backups")
    driver.shot("backups", w.backups.dialog)
    w.backups.dialog.reject()

    w.act_set_pin.trigger()
    driver.wait(lambda: w.pin.dialog is not None and w.pin.dialog.isVisible(), "the PIN dialog")
    driver.shot("pin", w.pin.dialog)
    w.pin.dialog.reject()

    w.act_bundle.trigger()
    driver.wait(lambda: w.classroom.bundle_dialog is not None and w.classroom.bundle_dialog.isVisible(),
                "the bundle dialog")
    driver.shot("classroom-export", w.classroom.bundle_dialog)
    w.classroom.bundle_dialog.reject()

    # One file for every pass: the deck tree of the later passes shows it as a real deck would look.
    source = data_dir / people.deck_file
    source.write_text(people.deck_rows, encoding="utf-8")
    done = []
    w.import_export.import_finished.connect(lambda: done.append(True))
    w.import_export.import_files([source, data_dir / "notes.docx"])
    driver.wait(lambda: w.import_export.plan is not None and w.import_export.plan.dialog is not None
                and w.import_export.plan.dialog.isVisible(), "the column mapping")
    driver.shot("import-columns", w.import_export.plan.dialog)
    w.import_export.plan.dialog.accept()
    driver.wait(lambda: done, "the import")
    driver.shot("import", w.import_export.dialog)
    w.import_export.dialog.reject()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Take the documentation screenshots (run under Xvfb).")
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from studyapp.ui.app import make_application
    from studyapp.ui.i18n import Translations
    from studyapp.ui.mainwindow import MainWindow

    app = make_application()
    for language, people in PEOPLE.items():
        with tempfile.TemporaryDirectory() as tmp:
            data_dir = Path(tmp) / "data"
            seed(data_dir, people)
            (data_dir / "notes.docx").write_bytes(b"not a deck")
            window = MainWindow(data_dir, Translations(app))
            window.resize(*SIZE)
            window.show()
            driver = Driver(app, window, args.out.resolve())
            driver.wait(lambda: window.stack.currentWidget() is window.profiles, "the window")
            for theme in ("light", "dark"):
                run(driver, data_dir, theme, language, people)
            window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
