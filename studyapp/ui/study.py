"""The study screen: one item at a time, answered by keyboard (or mouse), graded and logged in the store thread.

Keys: Space reveals a flashcard; 1-4 grade it (Space/Enter = Good); 1-9 choose an option; 1/T and 2/F answer
true/false; Enter checks a typed answer and moves on after feedback; Ctrl+Z takes back the last answer (and the one
before, each time it is pressed; on the summary it reopens the session); Esc ends the session.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studyapp.content.model import SELF_GRADED
from studyapp.study.clock import DAY_MS
from studyapp.study.grading import accepted_answers
from studyapp.study.reasons import Code, Reason, fill
from studyapp.ui.cards import AnswerView, CardView
from studyapp.ui.content_names import deck_path
from studyapp.ui.i18n import interface_language
from studyapp.ui.richtext import RichTextLabel
from studyapp.ui.study_phases import ANSWERING, ON_ITEM, Move, Phase, after, allows
from studyapp.ui.theme import colours, current_theme

GRADE_KEYS = {Qt.Key_1: 1, Qt.Key_2: 2, Qt.Key_3: 3, Qt.Key_4: 4}
DIGIT_KEYS = {getattr(Qt, f"Key_{n}"): n for n in range(1, 10)}
MAX_IMAGE_HEIGHT = 260


def interval_text(ms: int) -> str:
    """A time span as the study screen and the browser show it: minutes, hours or days."""
    minutes = ms / 60000
    if minutes < 60:
        return QCoreApplication.translate("StudyPage", "%1 min").replace("%1", str(max(1, round(minutes))))
    if ms < DAY_MS:
        return QCoreApplication.translate("StudyPage", "%1 h").replace("%1", str(round(minutes / 60)))
    days = round(ms / DAY_MS)
    if days == 1:
        return QCoreApplication.translate("StudyPage", "1 day")
    return QCoreApplication.translate("StudyPage", "%1 days").replace("%1", str(days))


def grade_names() -> dict[int, str]:
    """The flashcard grades' names, on the study screen and in the browser's answer history."""
    # Spelled out call by call so that lupdate finds each string.
    return {1: QCoreApplication.translate("StudyPage", "Again"), 2: QCoreApplication.translate("StudyPage", "Hard"),
            3: QCoreApplication.translate("StudyPage", "Good"), 4: QCoreApplication.translate("StudyPage", "Easy")}


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class StudyPage(QWidget):
    summary_ready = Signal(object)     # SummaryView
    failed = Signal(str)
    card_shown = Signal(object)        # CardView, once it is on screen

    def __init__(self, backend, parent=None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.state = Phase.IDLE   # changed only by _go, along study_phases.MOVES
        self.card: CardView | None = None
        self.pending_next: CardView | None = None
        self.can_undo = False
        self.deck_name = ""
        self.mode = "review"
        self.language = ""  # of the open session's cards
        self._player = None
        self.setFocusPolicy(Qt.StrongFocus)
        self._build()
        worker = backend.worker
        worker.presented.connect(self._on_presented)
        worker.answered.connect(self._on_answered)
        worker.undone.connect(self._on_undone)
        worker.relabelled.connect(self._on_relabelled)
        worker.finished.connect(self._on_finished)
        worker.study_failed.connect(self._on_failed)
        self.retranslate()

    # ------------------------------------------------------------ layout

    def _button(self, on_click) -> QPushButton:
        button = QPushButton()
        # The page keeps the keyboard focus, so Space and digits always reach the study keys.
        button.setFocusPolicy(Qt.NoFocus)
        button.clicked.connect(on_click)
        return button

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("quiet")
        self.counter = QLabel()
        self.counter.setObjectName("quiet")
        self.reason = QLabel()
        self.reason.setObjectName("quiet")
        self.reason.setWordWrap(True)
        # Item texts are rich text (Anki fields carry bold, lists, pictures): sanitised, media-folder images only.
        self.prompt = RichTextLabel()
        self.prompt.setObjectName("prompt")
        self.hint = RichTextLabel()
        self.hint.setObjectName("quiet")
        self.images = QLabel()
        self.images.setAlignment(Qt.AlignCenter)
        self.sound_button = self._button(self.play_sound)
        self.media_note = QLabel()
        self.media_note.setObjectName("quiet")

        self.inputs = QStackedWidget()
        self.inputs.addWidget(self._flash_input())
        self.inputs.addWidget(self._options_input())
        self.inputs.addWidget(self._typed_input())
        self.inputs.addWidget(QWidget())            # nothing to answer (loading, feedback)

        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setAlignment(Qt.AlignCenter)
        self.expected = RichTextLabel()
        self.expected.setObjectName("answer")
        self.explanation = RichTextLabel()
        self.explanation.setObjectName("quiet")
        self.continue_button = self._button(self.continue_after_feedback)

        card = QFrame()
        card.setObjectName("card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.addStretch(1)
        inner.addWidget(self.prompt)
        inner.addWidget(self.hint)
        inner.addWidget(self.images)
        media_row = QHBoxLayout()
        media_row.addStretch(1)
        media_row.addWidget(self.sound_button)
        media_row.addWidget(self.media_note)
        media_row.addStretch(1)
        inner.addLayout(media_row)
        inner.addSpacing(12)
        inner.addWidget(self.verdict)
        inner.addWidget(self.expected)
        inner.addWidget(self.explanation)
        inner.addStretch(1)

        self.undo_button = self._button(self.undo)
        self.end_button = self._button(self.end_session)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.counter)
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo_button)
        bottom.addStretch(1)
        bottom.addWidget(self.continue_button)
        bottom.addStretch(1)
        bottom.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(card, 1)
        layout.addWidget(self.inputs)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

    def _flash_input(self) -> QWidget:
        page = QWidget()
        self.reveal_button = self._button(self.reveal)
        self.grade_buttons = {g: self._button(lambda _=False, g=g: self.grade(g)) for g in (1, 2, 3, 4)}
        row = QHBoxLayout(page)
        row.addWidget(self.reveal_button)
        for button in self.grade_buttons.values():
            row.addWidget(button)
        return page

    def _options_input(self) -> QWidget:
        page = QWidget()
        self.option_box = QVBoxLayout(page)
        self.option_buttons: list[QPushButton] = []
        return page

    def _typed_input(self) -> QWidget:
        page = QWidget()
        self.typed = QLineEdit()
        self.typed.returnPressed.connect(self.check_typed)
        self.check_button = self._button(self.check_typed)
        row = QHBoxLayout(page)
        row.addWidget(self.typed, 1)
        row.addWidget(self.check_button)
        return page

    # ------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.reveal_button.setText(self.tr("Show answer  [Space]"))
        self.check_button.setText(self.tr("Check  [Enter]"))
        self.typed.setPlaceholderText(self.tr("Type your answer and press Enter"))
        self.undo_button.setText(self.tr("Undo  [Ctrl+Z]"))
        self.end_button.setText(self.tr("End session  [Esc]"))
        self.continue_button.setText(self.tr("Continue  [Enter]"))
        self.sound_button.setText(self.tr("Play sound  [R]"))
        self.heading.setText(self._heading_text())
        if self.card is not None:
            self._fill_card_texts()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
            # The cards follow the interface: the one on screen is drawn again in the new language.
            if self.state is not Phase.IDLE and self.language != interface_language():
                self.language = interface_language()
                self.backend.set_language.emit(self.language)
        super().changeEvent(event)

    def _heading_text(self) -> str:
        modes = {"review": self.tr("Study"), "practice": self.tr("Practice"), "test": self.tr("Test")}
        return f"{deck_path(self.deck_name)} · {modes.get(self.mode, self.mode)}" if self.deck_name else ""

    def counter_text(self, presented) -> str:
        """The item's number and what is left, as Anki's new + learning + due (this item included)."""
        number = self.tr("Item %1").replace("%1", str(presented.number))
        counts = presented.counts
        if counts is None:
            return number
        left = self.tr("New %1 · Learning %2 · Due %3")
        for n, value in enumerate((counts.new, counts.learning, counts.due), 1):
            left = left.replace(f"%{n}", str(value))
        return f"{number}   {left}"

    def reason_text(self, reason: Reason) -> str:
        """The selection's reason in the interface language."""
        templates = {
            Code.NEW_ITEM: self.tr("New item, %1 of %2 today"),
            Code.DUE_SCHEDULED_NOW: self.tr("Due for review (scheduled now)"),
            Code.DUE_SCHEDULED: self.tr("Due for review (scheduled %1 ago)"),
            Code.FSRS_DUE: self.tr("Due for review (FSRS-6)"),
            Code.RANDOM: self.tr("Random item"),
            Code.TAKEN_BACK: self.tr("Answer taken back: try it again"),
            Code.RECALL_BELOW_TARGET: self.tr("Recall fell to %1, your target is %2"),
            Code.DUE_REVIEW_IN_PRACTICE: self.tr("Due review: recall fell to %1, your target is %2"),
            Code.MISSED_COMEBACK: self.tr("You missed this a few items ago: try it again"),
            Code.PRACTICE_BAND: self.tr("Practice at the right level: you get this right about %1 of the time"),
            Code.PRACTICE_BAND_NEW: self.tr("Practice at the right level: you get this right about %1 of the time "
                                            "(new item, %2 of %3 today)"),
            Code.PRACTICE_CLOSEST: self.tr("Closest to the right level: you get this right about %1 of the time"),
            Code.PRACTICE_CLOSEST_NEW: self.tr("Closest to the right level: you get this right about %1 of the time "
                                               "(new item, %2 of %3 today)"),
            Code.MOST_INFORMATIVE_HALF: self.tr("Most informative question: students like you get this right about "
                                                "half the time"),
            Code.MOST_INFORMATIVE: self.tr("Most informative question: students like you get this right about %1 of "
                                           "the time"),
            Code.LEARNING_STEP: self.tr("Learning step: you had trouble with this %1 ago"),
            Code.LEARN_AHEAD: self.tr("Learning step, shown early so your session can end: you had trouble with "
                                      "this %1 ago"),
            Code.REVIEW_EARLY: self.tr("Reviewed early while time is left: recall is %1, your target is %2"),
            Code.NEW_OVER_REVIEW: self.tr("New item, %1 of %2 today: it adds more per minute than the reviews left"),
        }
        return fill(templates[reason.code], reason.arguments(duration=interval_text))

    # ------------------------------------------------------------ session control

    def start(self, profile_id: int, deck_id: int, deck_name: str, mode: str) -> None:
        self.deck_name, self.mode = deck_name, mode
        self.heading.setText(self._heading_text())
        self.card, self.pending_next, self.can_undo = None, None, False
        self._go(Move.START)
        self.prompt.setText(self.tr("Choosing the first item…"))
        self.language = interface_language()
        self.backend.start_session.emit(profile_id, deck_id, mode, self.language)

    def _on_presented(self, card: CardView | None) -> None:
        if card is None:
            self._go(Move.NO_ITEM_LEFT)
            self.backend.finish.emit()
            return
        self._show_card(card)

    def _show_card(self, card: CardView) -> None:
        self.card = card
        self.can_undo = card.can_undo
        self.error.clear()
        self._fill_card_texts()
        kind = card.item.kind
        if kind in SELF_GRADED:
            self._go(Move.SHOW_ITEM)
        elif kind in ("choice", "truefalse"):
            self._build_options(card)
            self._go(Move.SHOW_ITEM)
        else:
            self.typed.clear()
            self.typed.setReadOnly(False)
            self._go(Move.SHOW_ITEM)
            self.typed.setFocus()
        self.card_shown.emit(card)

    def _fill_card_texts(self) -> None:
        card = self.card
        item = card.item
        for view in (self.prompt, self.hint, self.expected, self.explanation):
            view.set_media_folder(card.media_folder)
        self.prompt.setText(item.prompt)
        self.hint.setText(self.tr("Hint: %1").replace("%1", item.hint) if item.hint else "")
        self.hint.setVisible(bool(item.hint))
        self.reason.setText(self.reason_text(card.presented.reason))
        self.counter.setText(self.counter_text(card.presented))
        names = grade_names()
        for g, button in self.grade_buttons.items():
            when = interval_text(card.intervals[g]) if g in card.intervals else ""
            button.setText(f"{g}  {names[g]}\n{when}")
        if item.kind == "truefalse" and self.option_buttons:
            self.option_buttons[0].setText("[1]   " + self.tr("True"))
            self.option_buttons[1].setText("[2]   " + self.tr("False"))
        self._show_media(card)

    def _show_media(self, card: CardView) -> None:
        pixmaps = [QPixmap.fromImage(QImage.fromData(data)) for data in card.images]
        pixmaps = [p for p in pixmaps if not p.isNull()]
        if pixmaps:
            p = pixmaps[0]
            if p.height() > MAX_IMAGE_HEIGHT:
                p = p.scaledToHeight(MAX_IMAGE_HEIGHT, Qt.SmoothTransformation)
            self.images.setPixmap(p)
        else:
            self.images.clear()
        self.images.setVisible(bool(pixmaps))
        self.sound_button.setVisible(bool(card.sounds))
        missing = card.missing
        self.media_note.setText(self.tr("Missing media: %1").replace("%1", ", ".join(missing)) if missing else "")
        self.media_note.setVisible(bool(missing))

    def _build_options(self, card: CardView) -> None:
        for button in self.option_buttons:
            self.option_box.removeWidget(button)
            button.setParent(None)  # dropped here, on the GUI thread
        item = card.item
        labels = [self.tr("True"), self.tr("False")] if item.kind == "truefalse" else item.options
        responses = ["true", "false"] if item.kind == "truefalse" else [str(n) for n in range(1, len(labels) + 1)]
        self.option_buttons = []
        for n, (label, response) in enumerate(zip(labels, responses), 1):
            button = self._button(lambda _=False, r=response: self.answer(r))
            button.setObjectName("option")
            button.setText(f"[{n}]   {label}")
            button.setProperty("response", response)
            self.option_box.addWidget(button)
            self.option_buttons.append(button)

    def _go(self, move: Move) -> bool:
        """Make `move` if it applies in the current phase, and show the phase it leads to; False if it does not."""
        phase = after(self.state, move)
        if phase is None:
            return False
        self._show_phase(phase)
        return True

    def _show_phase(self, state: Phase) -> None:
        self.state = state
        kind = self.card.item.kind if self.card else None
        answering = state in ANSWERING
        if not answering:
            page = 3
        elif kind in SELF_GRADED:
            page = 0
        elif kind in ("choice", "truefalse"):
            page = 1
        else:
            page = 2
        if state is Phase.FEEDBACK and kind in ("choice", "truefalse"):
            page = 1  # keep the options visible, coloured right and wrong
        self._show_input(page)
        self.reveal_button.setVisible(state is Phase.QUESTION)
        for button in self.grade_buttons.values():
            button.setVisible(state is Phase.REVEALED)
        for button in self.option_buttons:
            button.setEnabled(state is Phase.QUESTION)
        revealed = state in (Phase.REVEALED, Phase.FEEDBACK)
        self.expected.setVisible(revealed)
        self.explanation.setVisible(revealed and bool(self.card and self.card.item.explanation))
        self.verdict.setVisible(state is Phase.FEEDBACK)
        self.continue_button.setVisible(state is Phase.FEEDBACK)
        self.undo_button.setEnabled(self.can_undo and state in ON_ITEM)
        self.end_button.setEnabled(state is not Phase.BUSY)
        if state in ON_ITEM and not (state is Phase.QUESTION and kind not in SELF_GRADED
                                     and kind not in ("choice", "truefalse")):
            self.setFocus()
        if state is Phase.REVEALED:
            self.expected.setText(self.card.item.answer)
            self.explanation.setText(self.card.item.explanation)

    def _show_input(self, page: int) -> None:
        """A stacked widget is as tall as its tallest page; only the page shown may claim room, so the card
        keeps its height after a question with many options."""
        for index in range(self.inputs.count()):
            policy = QSizePolicy.Preferred if index == page else QSizePolicy.Ignored
            self.inputs.widget(index).setSizePolicy(policy, policy)
        self.inputs.setCurrentIndex(page)
        # The parent layout gives the stack its width and the new height; resizing the stack to its own size
        # hint here (adjustSize) squeezed a page shown for the first time to its hint, the typed-answer box
        # to about 150 px, until the window was next laid out.
        self.inputs.updateGeometry()

    # ------------------------------------------------------------ answering

    def reveal(self) -> None:
        if self.card and self.card.item.kind in SELF_GRADED:
            self._go(Move.REVEAL)

    def grade(self, grade: int) -> None:
        if self.state is Phase.REVEALED:
            self.answer(str(grade))

    def check_typed(self) -> None:
        if self.state is Phase.QUESTION and self.inputs.currentIndex() == 2:
            text = self.typed.text()
            if not text.strip():
                self.error.setText(self.tr("Type an answer first (or press Esc to end the session)."))
                return
            self.answer(text)

    def answer(self, response: str) -> None:
        if not allows(self.state, Move.SUBMIT):
            return
        self._chosen = response
        self.typed.setReadOnly(True)
        self._go(Move.SUBMIT)
        self.backend.submit.emit(response)

    def _on_answered(self, view: AnswerView) -> None:
        self.can_undo = True
        if view.outcome.item.kind in SELF_GRADED:
            self._advance(view.next_card)
            return
        self.pending_next = view.next_card
        self._show_feedback(view)

    def _show_feedback(self, view: AnswerView) -> None:
        outcome = view.outcome
        right = outcome.correct
        self.verdict.setText(self.tr("Correct") if right else self.tr("Not quite"))
        self.verdict.setProperty("result", "right" if right else "wrong")
        _repolish(self.verdict)
        kind = outcome.item.kind
        if kind in ("choice", "truefalse"):
            for button in self.option_buttons:
                response = button.property("response")
                chosen = response == self._chosen
                option = self._option_value(response)
                is_answer = option.casefold() == outcome.item.answer.casefold()
                button.setProperty("result", "right" if is_answer else ("wrong" if chosen else ""))
                _repolish(button)
            self.expected.setText(self.tr("Answer: %1").replace("%1", html.escape(self._display_answer(outcome))))
        elif view.diff and not right:
            self.expected.setText(self._diff_html(view.diff, self._expected_text(outcome)))
        else:
            self.expected.setText(self.tr("Answer: %1").replace("%1", html.escape(self._expected_text(outcome))))
        self.explanation.setText(outcome.item.explanation)
        self._go(Move.VERDICT)

    def _option_value(self, response: str) -> str:
        item = self.card.item
        if item.kind == "truefalse":
            return response
        return item.options[int(response) - 1]

    def _expected_text(self, outcome) -> str:
        """A typed answer's right forms, as the card shows them (the item's own text in another language is
        graded right too, but not listed)."""
        return self.tr(" or ").join(accepted_answers(outcome.item))

    def _display_answer(self, outcome) -> str:
        if outcome.item.kind == "truefalse":
            return self.tr("True") if outcome.item.answer.lower() == "true" else self.tr("False")
        return outcome.item.answer

    def _diff_html(self, diff: list[tuple[str, str]], expected: str) -> str:
        """The typed answer with extra letters struck out in red and missing ones in green."""
        c = colours(current_theme())
        parts = []
        for tag, text in diff:
            text = html.escape(text)
            if tag == "same":
                parts.append(text)
            elif tag == "extra":
                parts.append(f'<span style="color:{c["wrong"]}; text-decoration: line-through">{text}</span>')
            else:
                parts.append(f'<span style="color:{c["right"]}; text-decoration: underline">{text}</span>')
        heading = html.escape(self.tr("Your answer, corrected:"))
        answer = html.escape(self.tr("Answer: %1").replace("%1", expected))
        return f'<div style="font-size:small">{heading}</div><div>{"".join(parts)}</div>' \
               f'<div style="font-size:small">{answer}</div>'

    def continue_after_feedback(self) -> None:
        if self.state is Phase.FEEDBACK:
            for button in self.option_buttons:
                button.setProperty("result", "")
                _repolish(button)
            self._advance(self.pending_next)

    def _advance(self, card: CardView | None) -> None:
        self.pending_next = None
        if card is None:
            self._go(Move.NO_ITEM_LEFT)
            self.backend.finish.emit()
        else:
            self._show_card(card)

    def undo(self) -> None:
        """Take back the last answer still standing; again and again, back to the session's first."""
        if self.can_undo and self._go(Move.UNDO):
            self.backend.undo.emit()

    def reopen(self) -> None:
        """From the summary: take back the session's last answer, which reopens the session on its item."""
        if self._go(Move.REOPEN):
            self.backend.undo.emit()

    def _on_relabelled(self, card: CardView | None) -> None:
        """The item on screen in the interface's new language: its texts (and options) drawn again in the phase
        it is in; after a checked answer, the next item, still to come."""
        if self.state is Phase.FEEDBACK:
            self.pending_next = card
        elif card is not None and self.state in (Phase.QUESTION, Phase.REVEALED):
            self.card = card
            self._fill_card_texts()
            if card.item.kind in ("choice", "truefalse"):
                self._build_options(card)
                self._show_phase(self.state)  # the new buttons take the phase's state
            elif self.state is Phase.REVEALED:
                self._show_phase(self.state)  # the answer and explanation, drawn again

    def _on_undone(self, card: CardView) -> None:
        for button in self.option_buttons:
            button.setProperty("result", "")
            _repolish(button)
        self._show_card(card)

    def end_session(self) -> None:
        if self._go(Move.END):
            self.backend.finish.emit()

    def _on_finished(self, summary) -> None:
        self.card = None
        self._go(Move.FINISHED)
        self.summary_ready.emit(summary)

    def _on_failed(self, message: str) -> None:
        self.error.setText(message)
        if self.card is not None and self._go(Move.RETRY_GRADE if self.card.item.kind in SELF_GRADED
                                              else Move.RETRY_ANSWER):
            self.typed.setReadOnly(False)
        else:
            self.failed.emit(message)

    # ------------------------------------------------------------ media

    def play_sound(self) -> None:
        if not (self.card and self.card.sounds):
            return
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer  # only when a card has sound

        if self._player is None:
            self._player = QMediaPlayer(self)
            self._player.setAudioOutput(QAudioOutput(self._player))
        self._player.setSource(QUrl.fromLocalFile(self.card.sounds[0]))
        self._player.play()

    # ------------------------------------------------------------ keys

    def keyPressEvent(self, event) -> None:
        key, modifiers = event.key(), event.modifiers()
        if key == Qt.Key_Z and modifiers & Qt.ControlModifier:
            self.undo()
        elif key == Qt.Key_Escape:
            self.end_session()
        elif key == Qt.Key_R and self.card and self.card.sounds:
            self.play_sound()
        elif self.state is Phase.FEEDBACK and key in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.continue_after_feedback()
        elif self.state is Phase.QUESTION and self.card and self.card.item.kind in SELF_GRADED:
            if key in (Qt.Key_Space, Qt.Key_Return, Qt.Key_Enter):
                self.reveal()
        elif self.state is Phase.REVEALED:
            if key in GRADE_KEYS:
                self.grade(GRADE_KEYS[key])
            elif key in (Qt.Key_Space, Qt.Key_Return, Qt.Key_Enter):
                self.grade(3)
        elif self.state is Phase.QUESTION and self.card and self.card.item.kind == "truefalse":
            if key in (Qt.Key_1, Qt.Key_T):
                self.answer("true")
            elif key in (Qt.Key_2, Qt.Key_F):
                self.answer("false")
        elif self.state is Phase.QUESTION and self.card and self.card.item.kind == "choice":
            n = DIGIT_KEYS.get(key)
            if n is not None and n <= len(self.card.item.options):
                self.answer(str(n))
        else:
            super().keyPressEvent(event)
