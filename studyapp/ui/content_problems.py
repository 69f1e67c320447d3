"""Content problems (studyapp/content/problems.py: why a file, deck or item cannot be used) in the interface
language: each code's English text translated here, its arguments filled in as the English fills them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studyapp.content.problems import Code, Problem
from studyapp.placeholders import fill


def templates() -> dict[Code, str]:
    """Each code's text in the interface language (spelled out call by call so that lupdate finds each)."""
    return {
        Code.FIELD_TOO_LONG: QCoreApplication.translate(
            "ContentProblem", "the item %1 has a field (%2) longer than %3 MB"),
        Code.UNKNOWN_ITEM_KIND: QCoreApplication.translate(
            "ContentProblem", "unknown item kind %1 (expected one of %2)"),
        Code.EMPTY_PROMPT: QCoreApplication.translate("ContentProblem", "an item has an empty prompt"),
        Code.ITEM_EMPTY_ANSWER: QCoreApplication.translate("ContentProblem", "the item %1 has an empty answer"),
        Code.TOO_FEW_OPTIONS: QCoreApplication.translate(
            "ContentProblem", "the multiple-choice item %1 needs at least 2 options"),
        Code.ANSWER_NOT_AN_OPTION: QCoreApplication.translate(
            "ContentProblem", "the answer of %1 is not one of its options"),
        Code.TOO_MANY_OPTIONS: QCoreApplication.translate(
            "ContentProblem", "the multiple-choice item %1 has more than 9 options"),
        Code.TRUE_FALSE_ANSWER: QCoreApplication.translate(
            "ContentProblem", "the true/false item %1 must have the answer true or false"),
        Code.INVALID_DECK_NAME: QCoreApplication.translate("ContentProblem", "invalid deck name %1"),
        Code.NO_CLOZE_DELETION: QCoreApplication.translate(
            "ContentProblem", "the cloze item %1 has no {{c1::...}} deletion"),
        Code.TRANSLATION_LANGUAGE: QCoreApplication.translate(
            "ContentProblem", "the item %1 has a translation for %2, which is not a language code such as zh_CN"),
        Code.TRANSLATION_OPTIONS_COUNT: QCoreApplication.translate(
            "ContentProblem", "the %2 translation of %1 must list as many options as the item (%4), not %3"),
        Code.TRANSLATION_ANSWER_PLACE: QCoreApplication.translate(
            "ContentProblem", "the answer of the %2 translation of %1 is not its option %3, which stands where the "
            "answer stands among the item's options"),
        Code.TRANSLATION_CLOZE_GAPS: QCoreApplication.translate(
            "ContentProblem", "the %2 translation of %1 has other gaps than the item: it has %3, the item %4"),
        Code.IN_TRANSLATION: QCoreApplication.translate("ContentProblem", "in the %1 translation: %2"),
        Code.LINE_OF: QCoreApplication.translate("ContentProblem", "%1 line %2"),
        Code.ITEM_NUMBER: QCoreApplication.translate("ContentProblem", "item %1"),
        Code.FIELD_OF: QCoreApplication.translate("ContentProblem", "%1 field %2"),
        Code.DECK_TAGS: QCoreApplication.translate("ContentProblem", "the deck's tags"),
        Code.AT: QCoreApplication.translate("ContentProblem", "%1: %2"),
        Code.FILE_MISSING: QCoreApplication.translate("ContentProblem", "%1 does not exist"),
        Code.NOT_A_FILE: QCoreApplication.translate("ContentProblem", "%1 does not exist or is not a file"),
        Code.IS_A_FOLDER: QCoreApplication.translate("ContentProblem", "%1 is a folder, not a file"),
        Code.UNREADABLE: QCoreApplication.translate("ContentProblem", "%1 cannot be read (%2)"),
        Code.TOO_LARGE: QCoreApplication.translate("ContentProblem", "%1 is larger than %2 MB; it was not imported"),
        Code.UNKNOWN_FILE_TYPE: QCoreApplication.translate(
            "ContentProblem", "%1 has a file type StudyApp cannot import (use .deck.toml, .csv, .tsv, .txt, .apkg or "
            ".colpkg)"),
        Code.UNKNOWN_FILE_FORMAT: QCoreApplication.translate("ContentProblem", "unknown file format %1 (one of %2)"),
        Code.NOT_UTF8: QCoreApplication.translate("ContentProblem", "%1 is not UTF-8 text"),
        Code.EMPTY_FILE: QCoreApplication.translate("ContentProblem", "%1 is empty"),
        Code.BINARY_FILE: QCoreApplication.translate(
            "ContentProblem", "%1 is not a text file (it contains binary data)"),
        Code.NOT_UTF8_SAVE_AS: QCoreApplication.translate(
            "ContentProblem", "%1 is not UTF-8 text; save it as UTF-8 and import it again"),
        Code.UNKNOWN_KIND_AT: QCoreApplication.translate(
            "ContentProblem", "%1 has unknown kind %2 (expected one of %3)"),
        Code.EMPTY_PROMPT_AT: QCoreApplication.translate("ContentProblem", "%1 has an empty prompt"),
        Code.EMPTY_ANSWER_AT: QCoreApplication.translate("ContentProblem", "%1 has an empty answer"),
        Code.NOT_CSV: QCoreApplication.translate("ContentProblem", "%1 is not a readable CSV/TSV file (%2)"),
        Code.NO_CELL_TEXT: QCoreApplication.translate("ContentProblem", "%1 is empty (no cell has any text)"),
        Code.UNKNOWN_HEADER_COLUMN: QCoreApplication.translate(
            "ContentProblem", "%1: unknown column %2 in the header"),
        Code.UNKNOWN_COLUMN_NAME: QCoreApplication.translate("ContentProblem", "unknown column name %1 (known: %2)"),
        Code.HEADER_WITHOUT_ROWS: QCoreApplication.translate("ContentProblem", "%1 has a header but no rows"),
        Code.TOO_FEW_COLUMNS: QCoreApplication.translate(
            "ContentProblem", "%1 has 1 column; expected at least a prompt and an answer"),
        Code.TOO_MANY_COLUMNS: QCoreApplication.translate(
            "ContentProblem", "%1 has %2 columns but only %3 are named"),
        Code.PROMPT_TWICE: QCoreApplication.translate("ContentProblem", "%1 has the prompt %2 twice"),
        Code.MNEMOSYNE_COLUMNS: QCoreApplication.translate(
            "ContentProblem", "line %1 of %2 has %3 tab-separated columns (expected question, answer and optional "
            "tags)"),
        Code.MNEMOSYNE_EMPTY_QUESTION: QCoreApplication.translate(
            "ContentProblem", "line %1 of %2 has an empty question"),
        Code.MNEMOSYNE_EMPTY_ANSWER: QCoreApplication.translate(
            "ContentProblem", "line %1 of %2 has an empty answer"),
        Code.NO_CARDS: QCoreApplication.translate("ContentProblem", "%1 has no cards"),
        Code.NOT_A_STRING_LIST: QCoreApplication.translate("ContentProblem", "%1 must be a list of strings"),
        Code.UNKNOWN_FIELDS: QCoreApplication.translate("ContentProblem", "unknown fields in %1: %2"),
        Code.NO_PROMPT: QCoreApplication.translate("ContentProblem", "%1 has no prompt"),
        Code.ANSWER_NOT_TEXT: QCoreApplication.translate("ContentProblem", "%1 has an answer that is not text"),
        Code.MEDIA_NOT_ALLOWED_AT: QCoreApplication.translate(
            "ContentProblem", "%1 names the media file %2, which is not allowed (%3)"),
        Code.ORD_NOT_WHOLE: QCoreApplication.translate("ContentProblem", "%1 has an ord that is not a whole number"),
        Code.DECK_SYNTAX: QCoreApplication.translate("ContentProblem", "%1 is not a valid deck file: %2"),
        Code.DECK_SYNTAX_AT: QCoreApplication.translate(
            "ContentProblem", "%1 is not a valid deck file: %2 (at line %3, column %4)"),
        Code.DECK_SYNTAX_AT_END: QCoreApplication.translate(
            "ContentProblem", "%1 is not a valid deck file: %2 (at end of document)"),
        Code.DECK_TOO_DEEP: QCoreApplication.translate(
            "ContentProblem", "%1 is not a valid deck file: it nests tables or arrays too deeply"),
        Code.DECK_FORMAT: QCoreApplication.translate(
            "ContentProblem", "deck format %1 is not supported (this StudyApp reads format %2)"),
        Code.NO_DECK_TABLE: QCoreApplication.translate("ContentProblem", "it has no [deck] table with a name"),
        Code.NO_ITEMS_TABLE: QCoreApplication.translate("ContentProblem", "it has no [[items]]"),
        Code.ITEM_NOT_A_TABLE: QCoreApplication.translate("ContentProblem", "item %1 is not a table"),
        Code.TRANSLATIONS_NOT_A_TABLE: QCoreApplication.translate(
            "ContentProblem", "%1: translations must be a table of languages, each a table of fields"),
        Code.TRANSLATION_UNKNOWN_FIELDS: QCoreApplication.translate(
            "ContentProblem", "%1: unknown fields in the %2 translation: %3 (a translation may have %4)"),
        Code.TRANSLATION_NOT_TEXT: QCoreApplication.translate(
            "ContentProblem", "%1: %3 of the %2 translation must be a string"),
        Code.TRANSLATION_NOT_A_LIST: QCoreApplication.translate(
            "ContentProblem", "%1: %3 of the %2 translation must be a list of strings"),
        Code.SHARED_ID: QCoreApplication.translate("ContentProblem", "%1: two items share the same id"),
        Code.MEDIA_NAME_NOT_ALLOWED: QCoreApplication.translate(
            "ContentProblem", "the media file name %1 is not allowed (%2)"),
        Code.NAME_EMPTY: QCoreApplication.translate("ContentProblem", "it is empty"),
        Code.NAME_IS_FOLDER: QCoreApplication.translate("ContentProblem", "it names a folder"),
        Code.NAME_SEPARATOR: QCoreApplication.translate("ContentProblem", "it contains a folder separator"),
        Code.NAME_COLON: QCoreApplication.translate(
            "ContentProblem", "it contains a colon (a drive, a stream or a web address)"),
        Code.NAME_CONTROL: QCoreApplication.translate("ContentProblem", "it contains a control character"),
        Code.NAME_SPACE_OR_DOT: QCoreApplication.translate(
            "ContentProblem", "it starts or ends with a space or ends with a dot"),
        Code.NAME_TOO_LONG: QCoreApplication.translate("ContentProblem", "it is longer than %1 bytes"),
        Code.NAME_DEVICE: QCoreApplication.translate("ContentProblem", "it is a device name on Windows"),
        Code.DATED_OUTSIDE: QCoreApplication.translate("ContentProblem", "is dated %1, outside 2000-01-01 to %2"),
        Code.NOT_A_ZIP: QCoreApplication.translate(
            "ContentProblem", "%1 is not an Anki package (it is not a zip archive)"),
        Code.PACKAGE_REFUSED: QCoreApplication.translate("ContentProblem", "%1 %2; it was not imported"),
        Code.UNSAFE_MEMBER: QCoreApplication.translate("ContentProblem", "has a member with an unsafe name (%1)"),
        Code.MEMBER_TOO_LARGE: QCoreApplication.translate("ContentProblem", "has a member larger than %1 MiB (%2)"),
        Code.EXPANDS_TOO_MUCH: QCoreApplication.translate("ContentProblem", "expands to more than %1 MiB"),
        Code.ZIP_BOMB: QCoreApplication.translate(
            "ContentProblem", "looks like a zip bomb (member %1 expands more than %2 times)"),
        Code.DAMAGED_MEMBER: QCoreApplication.translate(
            "ContentProblem", "is damaged (member %1 cannot be read: %2)"),
        Code.DAMAGED_META: QCoreApplication.translate("ContentProblem", "has a damaged meta member"),
        Code.PACKAGE_VERSION: QCoreApplication.translate(
            "ContentProblem", "uses package version %1, which this StudyApp does not know (it reads versions 1 to "
            "%2; a newer StudyApp may read it)"),
        Code.DAMAGED_MEDIA_LIST: QCoreApplication.translate("ContentProblem", "has a damaged media list"),
        Code.UNSAFE_MEDIA_NAME: QCoreApplication.translate(
            "ContentProblem", "has a media file with an unsafe name (%1)"),
        Code.NO_COLLECTION: QCoreApplication.translate(
            "ContentProblem", "has no collection (the member %1 is missing)"),
        Code.NOT_SQLITE: QCoreApplication.translate(
            "ContentProblem", "has a collection that is not an SQLite database"),
        Code.DAMAGED_DATABASE: QCoreApplication.translate("ContentProblem", "has a damaged collection database"),
        Code.NOT_ANKI_COLLECTION: QCoreApplication.translate(
            "ContentProblem", "is not an Anki collection (its database lacks the notes, cards and revlog tables)"),
        Code.SCHEMA_TOO_NEW: QCoreApplication.translate(
            "ContentProblem", "has a collection of schema %1, newer than this StudyApp reads (%2)"),
        Code.DAMAGED_SETTINGS: QCoreApplication.translate("ContentProblem", "has damaged note type or deck settings"),
        Code.REVIEW_TIME: QCoreApplication.translate("ContentProblem", "has a review (revlog id %1) that %2"),
        Code.DAMAGED_NOTES: QCoreApplication.translate(
            "ContentProblem", "has damaged notes, cards or card templates"),
        Code.HISTORY_TIME: QCoreApplication.translate("ContentProblem", "an answer to the item (%1, %2) %3"),
        Code.HISTORY_UNKNOWN_ITEM: QCoreApplication.translate(
            "ContentProblem", "a history row refers to an item (%1, %2) that is not in the file"),
        Code.HISTORY_NEEDS_PROFILE: QCoreApplication.translate(
            "ContentProblem", "the file contains answer history, so it must be imported into a profile"),
        Code.EXPORT_MEDIA: QCoreApplication.translate("ContentProblem", "cannot export the media file %1: %2"),
        Code.EXPORT_ITEM_WITHOUT_ID: QCoreApplication.translate(
            "ContentProblem", "cannot export deck %1: the item %2 has no id"),
        Code.NOTHING_TO_EXPORT: QCoreApplication.translate(
            "ContentProblem", "the deck and its sub-decks have no items to export"),
        Code.NO_ITEMS_OF_ITS_OWN: QCoreApplication.translate(
            "ContentProblem", "the deck %1 has no items of its own; export one of its sub-decks"),
        Code.NOT_AN_ASSIGNMENT: QCoreApplication.translate("ContentProblem", "%1 is not a StudyApp assignment file"),
        Code.ASSIGNMENT_TOO_LARGE: QCoreApplication.translate(
            "ContentProblem", "%1 is larger than an assignment may be (%2 MB); it was not imported"),
        Code.ASSIGNMENT_UNSIGNED: QCoreApplication.translate(
            "ContentProblem", "%1 is not signed; only an assignment written by your teacher's StudyApp is imported"),
        Code.ASSIGNMENT_OTHER_KEY: QCoreApplication.translate(
            "ContentProblem", "%1 is signed by another key (%2), not by your teacher's (%3); it was not imported"),
        Code.ASSIGNMENT_CHANGED: QCoreApplication.translate(
            "ContentProblem", "%1 was changed after it was signed; it was not imported"),
        Code.ASSIGNMENT_BAD_DECK: QCoreApplication.translate("ContentProblem", "a deck in %1 cannot be read (%2)"),
        Code.DUE_NOT_A_DATE: QCoreApplication.translate(
            "ContentProblem", "the due date %1 is not a date written YYYY-MM-DD"),
        Code.DUE_DATE_PASSED: QCoreApplication.translate("ContentProblem", "the due date %1 has passed"),
        Code.TITLE_LENGTH: QCoreApplication.translate(
            "ContentProblem", "the assignment's title must be 1 to %1 characters"),
        Code.TARGET_OUT_OF_RANGE: QCoreApplication.translate(
            "ContentProblem", "the number of answers asked for must be 1 to %1, not %2"),
        Code.ASSIGNMENT_SUFFIX: QCoreApplication.translate(
            "ContentProblem", "the assignment file must end in %1, not %2"),
        Code.ASSIGNMENT_EXISTS: QCoreApplication.translate(
            "ContentProblem", "%1 already exists; choose a new name (nothing is overwritten)"),
        Code.ASSIGNMENT_NO_ITEMS: QCoreApplication.translate("ContentProblem", "the assignment's decks have no items"),
        Code.NOT_A_DECK_HERE: QCoreApplication.translate(
            "ContentProblem", "%1 is neither a deck file nor a deck here"),
    }


def problem_text(problem: Problem) -> str:
    """The problem's sentence in the interface language, nested problems (a place, a cause) translated too."""
    return _filled(problem, templates())


def _filled(problem: Problem, texts: dict[Code, str]) -> str:
    arguments = [_filled(arg, texts) if isinstance(arg, Problem) else str(arg) for arg in problem.args]
    return fill(texts[problem.code], arguments)
