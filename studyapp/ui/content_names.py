"""The built-in decks' names, skills and tags in the interface language.

They are content, stored in English in every data folder, but the student reads them as part of the
interface: each is looked up in the BuiltinContent context of the installed translations
(resources/i18n/builtin_LANG.ts, made from resources/decks by packaging/tools/build_translations.py).
A text that no translation knows (a deck or skill of the student's own) is shown as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studyapp.content.model import DECK_SEPARATOR

CONTEXT = "BuiltinContent"


def display_text(text: str) -> str:
    """A deck-name part, a skill, a tag or a description, translated where the built-in decks have it."""
    return QCoreApplication.translate(CONTEXT, text) if text else text


def deck_path(name: str) -> str:
    """A full deck name ("Maths::Multiplication tables"), each part translated."""
    return DECK_SEPARATOR.join(display_text(part) for part in name.split(DECK_SEPARATOR))


def deck_leaf(name: str) -> str:
    """The last part of a deck name, as the deck tree shows it under its parent."""
    return display_text(name.split(DECK_SEPARATOR)[-1])
