import pytest

from studyapp.study.clock import DAY_MS
from studyapp.study.reasons import (
    Code,
    Reason,
    due_review_in_practice,
    due_scheduled,
    learn_ahead,
    learning_step,
    most_informative,
    new_item,
    new_over_review,
    practice,
    recall_below_target,
    review_early,
)

ENGLISH = [
    (new_item(3, 20), Code.NEW_ITEM, "New item, 3 of 20 today"),
    (due_scheduled(30_000), Code.DUE_SCHEDULED_NOW, "Due for review (scheduled now)"),
    (due_scheduled(5 * 60_000), Code.DUE_SCHEDULED, "Due for review (scheduled 5 min ago)"),
    (due_scheduled(2 * 3_600_000), Code.DUE_SCHEDULED, "Due for review (scheduled 2 h ago)"),
    (due_scheduled(DAY_MS), Code.DUE_SCHEDULED, "Due for review (scheduled 1 day ago)"),
    (due_scheduled(3 * DAY_MS), Code.DUE_SCHEDULED, "Due for review (scheduled 3 days ago)"),
    (Reason(Code.FSRS_DUE), Code.FSRS_DUE, "Due for review (FSRS-6)"),
    (Reason(Code.RANDOM), Code.RANDOM, "Random item"),
    (Reason(Code.TAKEN_BACK), Code.TAKEN_BACK, "Answer taken back: try it again"),
    (recall_below_target(0.714, 0.9), Code.RECALL_BELOW_TARGET, "Recall fell to 71%, your target is 90%"),
    (due_review_in_practice(0.5, 0.85), Code.DUE_REVIEW_IN_PRACTICE,
     "Due review: recall fell to 50%, your target is 85%"),
    (Reason(Code.MISSED_COMEBACK), Code.MISSED_COMEBACK, "You missed this a few items ago: try it again"),
    (practice(0.72, True), Code.PRACTICE_BAND,
     "Practice at the right level: you get this right about 72% of the time"),
    (practice(0.75, True, (2, 20)), Code.PRACTICE_BAND_NEW,
     "Practice at the right level: you get this right about 75% of the time (new item, 2 of 20 today)"),
    (practice(0.95, False), Code.PRACTICE_CLOSEST,
     "Closest to the right level: you get this right about 95% of the time"),
    (practice(0.3, False, (1, 10)), Code.PRACTICE_CLOSEST_NEW,
     "Closest to the right level: you get this right about 30% of the time (new item, 1 of 10 today)"),
    (most_informative(0.55), Code.MOST_INFORMATIVE_HALF,
     "Most informative question: students like you get this right about half the time"),
    (most_informative(0.8), Code.MOST_INFORMATIVE,
     "Most informative question: students like you get this right about 80% of the time"),
    (learning_step(60_000), Code.LEARNING_STEP, "Learning step: you had trouble with this 1 min ago"),
    (learn_ahead(4 * 60_000), Code.LEARN_AHEAD,
     "Learning step, shown early so your session can end: you had trouble with this 4 min ago"),
    (review_early(0.93, 0.85), Code.REVIEW_EARLY,
     "Reviewed early while time is left: recall is 93%, your target is 85%"),
    (new_over_review(4, 20), Code.NEW_OVER_REVIEW,
     "New item, 4 of 20 today: it adds more per minute than the reviews left"),
]


@pytest.mark.parametrize(("reason", "code", "text"), ENGLISH, ids=[text for _, _, text in ENGLISH])
def test_each_reason_reads_in_english(reason, code, text):
    assert reason.code is code and reason.text == text


def test_every_code_has_an_english_text():
    assert {code for _, code, _ in ENGLISH} == set(Code)


def test_durations_go_through_the_given_formatter():
    assert due_scheduled(3 * DAY_MS).arguments(duration=lambda ms: f"{ms // DAY_MS}d") == ["3d"]


def test_a_reason_takes_exactly_its_arguments():
    with pytest.raises(ValueError):
        Reason(Code.NEW_ITEM, (3,))
    with pytest.raises(ValueError):
        Reason(Code.TAKEN_BACK, (1,))
