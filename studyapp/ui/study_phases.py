"""The study screen's phases and the one table of moves between them (Qt-free, so it is tested on its own).

A move that does not apply in the current phase is ignored: a key pressed at the wrong moment (Esc while an answer
is being logged, Ctrl+Z with the summary's undo already on its way).
"""

from __future__ import annotations

from enum import Enum, StrEnum


class Phase(StrEnum):
    """What the study screen is doing. A StrEnum, so a phase reads as its name in logs and test messages."""

    IDLE = "idle"            # no session open: before the first one, or its summary is shown
    LOADING = "loading"      # the session's first item is being chosen
    QUESTION = "question"    # an item waits for its answer (a flashcard: for Space, to show its back)
    REVEALED = "revealed"    # a flashcard's back is shown; it waits for a grade
    BUSY = "busy"            # an answer, an undo or the session's end is with the store thread
    FEEDBACK = "feedback"    # a checked answer's verdict is shown until Continue


class Move(Enum):
    START = "start"                # a session on a deck is asked for
    SHOW_ITEM = "show item"        # an item goes on screen: the first, the next, or one taken back
    REVEAL = "reveal"              # the student shows a flashcard's back
    SUBMIT = "submit"              # an answer or a grade goes to the store thread
    VERDICT = "verdict"            # the store thread checked a (non-flashcard) answer
    NO_ITEM_LEFT = "no item left"  # the session has nothing more to ask: it ends
    UNDO = "undo"                  # the student takes back the last answer
    REOPEN = "reopen"              # undo on the summary: the ended session reopens on its last item
    END = "end"                    # the student ends the session (Esc)
    FINISHED = "finished"          # the store thread closed the session: the summary is shown
    RETRY_GRADE = "retry grade"    # the store thread failed: the flashcard waits for its grade again
    RETRY_ANSWER = "retry answer"  # the store thread failed: the item waits for its answer again


ANY = frozenset(Phase)
ANSWERING = frozenset({Phase.QUESTION, Phase.REVEALED})
ON_ITEM = ANSWERING | {Phase.FEEDBACK}

# move: (the phases it applies in, the phase it leads to). The store thread's replies (SHOW_ITEM, VERDICT,
# NO_ITEM_LEFT, FINISHED) apply in any phase: they come in the order of the requests, and one may follow a key that
# already moved the screen on (Esc while the first item is being chosen: that item, then the summary).
MOVES: dict[Move, tuple[frozenset[Phase], Phase]] = {
    Move.START: (ANY, Phase.LOADING),
    Move.SHOW_ITEM: (ANY, Phase.QUESTION),
    Move.REVEAL: (frozenset({Phase.QUESTION}), Phase.REVEALED),
    Move.SUBMIT: (ANSWERING, Phase.BUSY),
    Move.VERDICT: (ANY, Phase.FEEDBACK),
    Move.NO_ITEM_LEFT: (ANY, Phase.BUSY),
    Move.UNDO: (ON_ITEM, Phase.BUSY),
    Move.REOPEN: (frozenset({Phase.IDLE}), Phase.BUSY),
    Move.END: (ON_ITEM | {Phase.LOADING}, Phase.BUSY),
    Move.FINISHED: (ANY, Phase.IDLE),
    Move.RETRY_GRADE: (frozenset({Phase.BUSY}), Phase.REVEALED),
    Move.RETRY_ANSWER: (frozenset({Phase.BUSY}), Phase.QUESTION),
}


def allows(phase: Phase, move: Move) -> bool:
    return phase in MOVES[move][0]


def after(phase: Phase, move: Move) -> Phase | None:
    """The phase `move` leads to from `phase`, or None where it does not apply (and is ignored)."""
    sources, target = MOVES[move]
    return target if phase in sources else None
