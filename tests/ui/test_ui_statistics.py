"""The statistics screen after some study: totals, charts filled, forecast counts the items answered, and
mastery per deck and skill (or why there is none)."""

import sqlite3

import pytest
from PySide6.QtCore import Qt

from studyapp.paths import db_path


def test_statistics_after_answers(qtbot, window, start_studying):
    page = start_studying("Mixed")
    for grade in (Qt.Key_1, Qt.Key_3, Qt.Key_4):
        qtbot.waitUntil(lambda: page.state == "question")
        qtbot.keyClick(page, Qt.Key_Space)
        qtbot.keyClick(page, grade)
    qtbot.waitUntil(lambda: page.state == "question")
    qtbot.keyClick(page, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    qtbot.keyClick(window.summary, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.decks)
    with qtbot.waitSignal(window.stats.loaded, timeout=10000) as blocker:
        qtbot.keyClick(window.decks.buttons["stats"], Qt.Key_Space)
    stats = blocker.args[0]
    assert stats.answers == 3 and stats.correct == 2 and stats.items_seen == 3
    assert sum(stats.forecast) == 3 and stats.forecast[4] == 1   # "Easy" on a new card: four days
    assert window.stack.currentWidget() is window.stats
    assert "3 answers" in window.stats.totals.text()
    chart = window.stats.charts["per_day"].chart()
    assert chart.series()[0].barSets()[0].at(29) == 3
    qtbot.keyClick(window.stats, Qt.Key_Escape)
    assert window.stack.currentWidget() is window.decks


@pytest.fixture
def answered(data_dir):
    """Ada has answered two basic items (twice and once) and a multiple-choice one."""
    with sqlite3.connect(db_path(data_dir)) as db:
        ada = db.execute("SELECT id FROM profiles WHERE name = 'Ada'").fetchone()[0]
        for n, guid in enumerate(("b0", "b0", "b1", "c0")):
            item = db.execute("SELECT id FROM items WHERE guid = ?", [guid]).fetchone()[0]
            db.execute("INSERT INTO answers (profile_id, item_id, answered_ms, correct, grade, shown_ms) "
                       "VALUES (?, ?, ?, 1, 3, 1699999998000)", [ada, item, 1700000000000 + n])


def open_statistics(qtbot, window, signal):
    with qtbot.waitSignal(signal, timeout=10000) as blocker:
        qtbot.keyClick(window.decks.buttons["stats"], Qt.Key_Space)
    return blocker.args[0]


def test_mastery_per_deck_and_skill_with_its_range(qtbot, window, open_profile, select_deck, answered,
                                                   knowing_learner):
    window.learner_loading._done((object(), None))
    open_profile("Ada")
    select_deck("Mixed")
    report = open_statistics(qtbot, window, window.stats.mastery_loaded)
    page = window.stats
    assert [g.name for g in report.decks] == ["Mixed"]
    mixed = report.decks[0]
    assert mixed.items == 3 and mixed.asked == 3
    assert mixed.low < mixed.mastery < mixed.high
    assert page.mastery_note.isHidden() and not page.charts["mastery_decks"].isHidden()
    chart = page.charts["mastery_decks"].chart()
    dots = chart.series()[-1]
    assert dots.count() == 1 and dots.at(0).x() == round(100 * mixed.mastery)
    band = chart.series()[0]
    assert band.at(0).x() == pytest.approx(100 * mixed.low) and band.at(1).x() == pytest.approx(100 * mixed.high)
    assert chart.axes(Qt.Vertical)[0].categoriesLabels() == ["Mixed"]
    assert "no skills" in page.charts["mastery_skills"].chart().title()


def test_without_the_model_mastery_says_why(qtbot, window, open_profile, answered):
    open_profile("Ada")
    assert open_statistics(qtbot, window, window.stats.mastery_loaded) is None
    page = window.stats
    assert "not available" in page.mastery_note.text() and not page.mastery_note.isHidden()
    assert page.charts["mastery_decks"].isHidden() and page.charts["mastery_skills"].isHidden()


def test_no_answers_no_mastery_charts(qtbot, window, open_profile, knowing_learner):
    window.learner_loading._done((object(), None))
    open_profile("Ben")
    report = open_statistics(qtbot, window, window.stats.mastery_loaded)
    assert report.decks == []
    assert "answered some items" in window.stats.mastery_note.text()
    assert window.stats.charts["mastery_decks"].isHidden()


def test_mastery_follows_once_the_model_has_loaded(qtbot, window, open_profile, select_deck, answered,
                                                   knowing_learner):
    window.stats.set_learner(None, "loading")
    open_profile("Ada")
    select_deck("Mixed")
    assert open_statistics(qtbot, window, window.stats.mastery_loaded) is None
    assert "once the learner model has loaded" in window.stats.mastery_note.text()
    with qtbot.waitSignal(window.stats.mastery_loaded, timeout=10000) as blocker:
        window.learner_loading._done((object(), None))
    assert [g.name for g in blocker.args[0].decks] == ["Mixed"]
    assert window.stats.mastery_note.isHidden()


def log_answers(data_dir, profile: str, rows: list[tuple[str, int, int]]) -> None:
    """(guid, days ago, correct) per answer, at noon of that day."""
    from datetime import datetime, time, timedelta

    noon = datetime.combine(datetime.now().date(), time(12))
    with sqlite3.connect(db_path(data_dir)) as db:
        who = db.execute("SELECT id FROM profiles WHERE name = ?", [profile]).fetchone()[0]
        for n, (guid, days_ago, correct) in enumerate(rows):
            item = db.execute("SELECT id FROM items WHERE guid = ?", [guid]).fetchone()[0]
            at = int((noon - timedelta(days=days_ago)).timestamp() * 1000) + n
            db.execute("INSERT INTO answers (profile_id, item_id, answered_ms, correct, grade, shown_ms) "
                       "VALUES (?, ?, ?, ?, 3, ?)", [who, item, at, correct, at - 2000])


def test_statistics_on_the_first_day_draw_a_point(qtbot, window, open_profile, select_deck, data_dir):
    """One day of answers: the accuracy chart shows it as a marker (a line needs two points to draw)."""
    log_answers(data_dir, "Ada", [("b0", 0, 1), ("b1", 0, 0), ("c0", 0, 1)])
    open_profile("Ada")
    select_deck("Mixed")
    stats = open_statistics(qtbot, window, window.stats.loaded)
    assert stats.study_days == 1 and stats.answers == 3
    chart = window.stats.charts["accuracy"].chart()
    markers = [s for s in chart.series() if s.type() == s.type().SeriesTypeScatter]
    assert len(markers) == 1 and markers[0].count() == 1
    assert markers[0].at(0).y() == pytest.approx(100 * 2 / 3) and markers[0].markerSize() >= 6
    assert markers[0].isVisible() and chart.axes(Qt.Horizontal)[0].max() >= markers[0].at(0).x()


def test_period_and_deck_chosen_on_the_statistics_screen(qtbot, window, open_profile, select_deck, data_dir):
    log_answers(data_dir, "Ada", [("b0", 0, 1), ("b1", 50, 0), ("c0", 200, 1), ("c1", 400, 1)])
    with sqlite3.connect(db_path(data_dir)) as db:
        capital = db.execute("SELECT guid FROM items JOIN decks d ON d.id = items.deck_id "
                             "WHERE d.name = 'Geography::World capitals' LIMIT 1").fetchone()[0]
    log_answers(data_dir, "Ada", [(capital, 1, 1)])
    open_profile("Ada")
    select_deck("Mixed")
    page = window.stats
    assert open_statistics(qtbot, window, page.loaded).answers == 1       # the last month: today's answer
    assert page.period_box.currentText() == "Last month" and page.deck_box.currentText().strip() == "Mixed"

    answers = {}
    for days, text in ((91, "Last 3 months"), (365, "Last year"), (None, "All time")):
        index = page.period_box.findData(days)
        assert page.period_box.itemText(index) == text
        page.period_box.setCurrentIndex(index)
        with qtbot.waitSignal(page.loaded, timeout=10000) as blocker:
            page.period_box.activated.emit(index)
        answers[days] = blocker.args[0].answers
    assert answers == {91: 2, 365: 3, None: 4}
    per_week = page.charts["per_day"].chart()
    assert "per week" in per_week.title() and sum(per_week.series()[0].barSets()[0].at(n)
                                                  for n in range(per_week.series()[0].barSets()[0].count())) == 4

    index = page.deck_box.findData(None)
    assert page.deck_box.itemText(index) == "All decks"
    page.deck_box.setCurrentIndex(index)
    with qtbot.waitSignal(page.loaded, timeout=10000) as blocker:
        page.deck_box.activated.emit(index)
    assert blocker.args[0].answers == 5 and page.title.text() == "Statistics"
    index = next(n for n in range(page.deck_box.count()) if page.deck_box.itemText(n).strip() == "World capitals")
    page.deck_box.setCurrentIndex(index)
    with qtbot.waitSignal(page.loaded, timeout=10000) as blocker:
        page.deck_box.activated.emit(index)
    assert blocker.args[0].answers == 1 and page.title.text() == "Statistics: Geography::World capitals"
