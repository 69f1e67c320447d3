"""Issue 16, defect 1: three failed cards come back in the same session, and the screen says what is left."""

from PySide6.QtCore import Qt
from test_ui_study import answer_current


def test_three_failed_cards_come_back_in_the_same_session(qtbot, window, study):
    failed, seen_again = [], []
    while window.stack.currentWidget() is not window.summary and study.card is not None:
        qtbot.waitUntil(lambda: study.state == "question" or window.stack.currentWidget() is window.summary)
        if window.stack.currentWidget() is window.summary:
            break
        card = study.card
        key = (card.item.id, card.item.prompt)
        counter = study.counter.text()
        assert "New" in counter and "Learning" in counter and "Due" in counter
        if key in failed:
            seen_again.append(key)
            assert study.reason.text().startswith("Learning step")
        fail = len(failed) < 3 and card.item.kind in ("basic", "reversed") and key not in failed
        if fail:
            failed.append(key)
        answer_current(qtbot, study, right=not fail)
        assert card.presented.number < 60
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=10000)
    assert len(failed) == 3 and set(seen_again) == set(failed)
    assert window.summary.figures["improved"][0].text() == "3"
    assert window.summary.figures["new"][0].text() == "20"


def test_the_summary_words_follow_the_result(qtbot, window, study):  # noqa: F811
    # Issue 16, defect 3: "Well done" at 10% correct.
    for _ in range(5):
        answer_current(qtbot, study, right=False)
    qtbot.waitUntil(lambda: study.state == "question")
    qtbot.keyClick(study, Qt.Key_Escape)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    message = window.summary.message.text()
    assert message.startswith("A hard session: 0 of 5 right.") and "Well done" not in message
