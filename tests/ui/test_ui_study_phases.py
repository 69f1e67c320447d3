"""The study screen's phases: the moves of a session, undo from the summary, and what each phase refuses."""

import pytest

from studyapp.ui.study_phases import ANY, MOVES, Move, Phase, after, allows


def walk(*moves: Move, start: Phase = Phase.IDLE) -> list[Phase]:
    """The phases a sequence of moves passes through; fails on a move that does not apply."""
    phases = [start]
    for move in moves:
        phase = after(phases[-1], move)
        assert phase is not None, f"{move} does not apply in {phases[-1]}"
        phases.append(phase)
    return phases


def test_a_session_of_a_flashcard_and_a_checked_answer_ends_on_the_summary():
    assert walk(Move.START, Move.SHOW_ITEM,                 # the first item: a flashcard
                Move.REVEAL, Move.SUBMIT, Move.SHOW_ITEM,    # Space, a grade, the next item: a typed one
                Move.SUBMIT, Move.VERDICT,                   # checked: the verdict waits for Continue
                Move.NO_ITEM_LEFT, Move.FINISHED) == [
        Phase.IDLE, Phase.LOADING, Phase.QUESTION,
        Phase.REVEALED, Phase.BUSY, Phase.QUESTION,
        Phase.BUSY, Phase.FEEDBACK,
        Phase.BUSY, Phase.IDLE]


def test_undo_from_the_summary_reopens_the_session_on_its_last_item():
    assert walk(Move.REOPEN, Move.SHOW_ITEM) == [Phase.IDLE, Phase.BUSY, Phase.QUESTION]
    # The summary's undo is on its way: a second Ctrl+Z, or the study screen's own undo, does nothing.
    assert after(Phase.BUSY, Move.REOPEN) is None
    assert after(Phase.IDLE, Move.UNDO) is None
    assert after(Phase.QUESTION, Move.REOPEN) is None   # a session still open is not reopened


@pytest.mark.parametrize("phase", [Phase.QUESTION, Phase.REVEALED, Phase.FEEDBACK])
def test_undo_and_esc_apply_wherever_an_item_is_on_screen(phase):
    assert walk(Move.UNDO, Move.SHOW_ITEM, start=phase)[-1] is Phase.QUESTION
    assert walk(Move.END, Move.FINISHED, start=phase)[-1] is Phase.IDLE


def test_esc_while_the_first_item_is_chosen_ends_the_session():
    assert walk(Move.START, Move.END) == [Phase.IDLE, Phase.LOADING, Phase.BUSY]
    # The first item may still arrive before the summary; both are taken, in that order.
    assert walk(Move.SHOW_ITEM, Move.FINISHED, start=Phase.BUSY)[-1] is Phase.IDLE


def test_while_the_store_thread_works_no_key_applies():
    for move in (Move.REVEAL, Move.SUBMIT, Move.UNDO, Move.REOPEN, Move.END):
        assert not allows(Phase.BUSY, move), move


def test_answers_are_taken_only_while_an_item_waits_for_one():
    assert {phase for phase in Phase if allows(phase, Move.SUBMIT)} == {Phase.QUESTION, Phase.REVEALED}
    assert {phase for phase in Phase if allows(phase, Move.REVEAL)} == {Phase.QUESTION}
    assert not allows(Phase.FEEDBACK, Move.SUBMIT)      # a verdict is shown: Enter continues, it does not answer


def test_a_failure_in_the_store_thread_gives_the_item_back():
    assert walk(Move.REVEAL, Move.SUBMIT, Move.RETRY_GRADE, start=Phase.QUESTION)[-1] is Phase.REVEALED
    assert walk(Move.SUBMIT, Move.RETRY_ANSWER, start=Phase.QUESTION)[-1] is Phase.QUESTION
    assert after(Phase.QUESTION, Move.RETRY_ANSWER) is None   # nothing was with the store thread


def test_every_move_has_a_rule_and_every_phase_can_be_reached():
    assert set(MOVES) == set(Move)
    reached, frontier = {Phase.IDLE}, [Phase.IDLE]
    while frontier:
        phase = frontier.pop()
        for move in Move:
            target = after(phase, move)
            if target is not None and target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(ANY) == set(Phase)


def test_a_phase_reads_as_its_name():
    assert [str(phase) for phase in Phase] == ["idle", "loading", "question", "revealed", "busy", "feedback"]
