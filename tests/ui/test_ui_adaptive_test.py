"""The adaptive test screen: questions chosen by the test policy, then mastery per deck and skill with its range."""

from PySide6.QtCore import Qt


def test_test_button_waits_for_the_model(window, open_profile):
    open_profile("Ada")
    assert not window.decks.buttons["test"].isEnabled()
    assert "learner model" in window.decks.buttons["test"].toolTip()


def test_adaptive_test_ends_with_mastery_report(qtbot, window, open_profile, select_deck, steady_tests):
    open_profile("Ada")
    select_deck("Mixed")
    deck = window.decks.selected_deck()
    page = window.study
    with qtbot.waitSignal(page.card_shown, timeout=10000):
        window.start_study(deck["id"], deck["name"], "test")
    for _ in range(10):   # the default test length
        qtbot.waitUntil(lambda: page.state == "question" or window.stack.currentWidget() is window.summary)
        if page.card.item.kind in ("basic", "reversed"):
            qtbot.keyClick(page, Qt.Key_Space)
            qtbot.keyClick(page, Qt.Key_3)
        elif page.card.item.kind == "choice":
            qtbot.keyClick(page, Qt.Key_2)
        elif page.card.item.kind == "truefalse":
            qtbot.keyClick(page, Qt.Key_T)
        else:
            qtbot.keyClicks(page.typed, "x")
            qtbot.keyClick(page.typed, Qt.Key_Return)
        assert page.reason.text().startswith("Most informative question")
        qtbot.waitUntil(lambda: page.state in ("feedback", "question", "idle"))
        if page.state == "feedback":
            qtbot.keyClick(page, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    summary = window.summary
    assert summary.figures["answers"][0].text() == "10"
    assert summary.report.isVisible() and summary.title.text() == "Test finished"
    decks = summary.report.topLevelItem(0)
    assert decks.child(0).text(0) == "Mixed" and decks.child(0).text(3) == "10 of 25"
    assert summary.advice.text().startswith("Study ")
