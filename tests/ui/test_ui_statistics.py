"""The statistics screen after some study: totals, charts filled, forecast counts the items answered."""

from PySide6.QtCore import Qt


def test_statistics_after_answers(qtbot, window, open_profile, select_deck):
    open_profile("Ada")
    select_deck("Mixed")
    page = window.study
    with qtbot.waitSignal(page.card_shown, timeout=10000):
        qtbot.keyClick(window.decks.tree, Qt.Key_Return)
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
