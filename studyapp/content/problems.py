"""Why a file, a deck or an item cannot be used: a code per kind of problem with its arguments, and the English.

As with the study layer's reasons (studyapp/study/reasons.py), the English text is what the terminal shows and
what is logged; the GUI translates the code and fills in the same arguments, so a change of wording cannot
silently break a translation. An argument may itself be a Problem (a place in a file, the cause of a refusal),
translated in its turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Union

from studyapp.placeholders import fill, placeholder_count


class Code(StrEnum):
    # items and decks
    FIELD_TOO_LONG = "field_too_long"
    UNKNOWN_ITEM_KIND = "unknown_item_kind"
    EMPTY_PROMPT = "empty_prompt"
    ITEM_EMPTY_ANSWER = "item_empty_answer"
    TOO_FEW_OPTIONS = "too_few_options"
    ANSWER_NOT_AN_OPTION = "answer_not_an_option"
    TOO_MANY_OPTIONS = "too_many_options"
    TRUE_FALSE_ANSWER = "true_false_answer"
    INVALID_DECK_NAME = "invalid_deck_name"
    NO_CLOZE_DELETION = "no_cloze_deletion"
    TRANSLATION_LANGUAGE = "translation_language"
    TRANSLATION_OPTIONS_COUNT = "translation_options_count"
    TRANSLATION_ANSWER_PLACE = "translation_answer_place"
    TRANSLATION_CLOZE_GAPS = "translation_cloze_gaps"
    IN_TRANSLATION = "in_translation"
    # places in a file, and a problem found at one
    LINE_OF = "line_of"
    ITEM_NUMBER = "item_number"
    FIELD_OF = "field_of"
    DECK_TAGS = "deck_tags"
    AT = "at"
    # reading any file
    FILE_MISSING = "file_missing"
    NOT_A_FILE = "not_a_file"
    IS_A_FOLDER = "is_a_folder"
    UNREADABLE = "unreadable"
    TOO_LARGE = "too_large"
    UNKNOWN_FILE_TYPE = "unknown_file_type"
    UNKNOWN_FILE_FORMAT = "unknown_file_format"
    NOT_UTF8 = "not_utf8"
    # CSV/TSV and Mnemosyne text
    EMPTY_FILE = "empty_file"
    BINARY_FILE = "binary_file"
    NOT_UTF8_SAVE_AS = "not_utf8_save_as"
    UNKNOWN_KIND_AT = "unknown_kind_at"
    EMPTY_PROMPT_AT = "empty_prompt_at"
    EMPTY_ANSWER_AT = "empty_answer_at"
    NOT_CSV = "not_csv"
    NO_CELL_TEXT = "no_cell_text"
    UNKNOWN_HEADER_COLUMN = "unknown_header_column"
    UNKNOWN_COLUMN_NAME = "unknown_column_name"
    HEADER_WITHOUT_ROWS = "header_without_rows"
    TOO_FEW_COLUMNS = "too_few_columns"
    TOO_MANY_COLUMNS = "too_many_columns"
    PROMPT_TWICE = "prompt_twice"
    MNEMOSYNE_COLUMNS = "mnemosyne_columns"
    MNEMOSYNE_EMPTY_QUESTION = "mnemosyne_empty_question"
    MNEMOSYNE_EMPTY_ANSWER = "mnemosyne_empty_answer"
    NO_CARDS = "no_cards"
    # native decks
    NOT_A_STRING_LIST = "not_a_string_list"
    UNKNOWN_FIELDS = "unknown_fields"
    NO_PROMPT = "no_prompt"
    ANSWER_NOT_TEXT = "answer_not_text"
    MEDIA_NOT_ALLOWED_AT = "media_not_allowed_at"
    ORD_NOT_WHOLE = "ord_not_whole"
    DECK_SYNTAX = "deck_syntax"
    DECK_SYNTAX_AT = "deck_syntax_at"
    DECK_SYNTAX_AT_END = "deck_syntax_at_end"
    DECK_TOO_DEEP = "deck_too_deep"
    DECK_FORMAT = "deck_format"
    NO_DECK_TABLE = "no_deck_table"
    NO_ITEMS_TABLE = "no_items_table"
    ITEM_NOT_A_TABLE = "item_not_a_table"
    TRANSLATIONS_NOT_A_TABLE = "translations_not_a_table"
    TRANSLATION_UNKNOWN_FIELDS = "translation_unknown_fields"
    TRANSLATION_NOT_TEXT = "translation_not_text"
    TRANSLATION_NOT_A_LIST = "translation_not_a_list"
    SHARED_ID = "shared_id"
    # media file names
    MEDIA_NAME_NOT_ALLOWED = "media_name_not_allowed"
    NAME_EMPTY = "name_empty"
    NAME_IS_FOLDER = "name_is_folder"
    NAME_SEPARATOR = "name_separator"
    NAME_COLON = "name_colon"
    NAME_CONTROL = "name_control"
    NAME_SPACE_OR_DOT = "name_space_or_dot"
    NAME_TOO_LONG = "name_too_long"
    NAME_DEVICE = "name_device"
    # answer times
    DATED_OUTSIDE = "dated_outside"
    # Anki packages: PACKAGE_REFUSED names the package and one of the problems after it
    NOT_A_ZIP = "not_a_zip"
    PACKAGE_REFUSED = "package_refused"
    UNSAFE_MEMBER = "unsafe_member"
    MEMBER_TOO_LARGE = "member_too_large"
    EXPANDS_TOO_MUCH = "expands_too_much"
    ZIP_BOMB = "zip_bomb"
    DAMAGED_MEMBER = "damaged_member"
    DAMAGED_META = "damaged_meta"
    PACKAGE_VERSION = "package_version"
    DAMAGED_MEDIA_LIST = "damaged_media_list"
    UNSAFE_MEDIA_NAME = "unsafe_media_name"
    NO_COLLECTION = "no_collection"
    NOT_SQLITE = "not_sqlite"
    DAMAGED_DATABASE = "damaged_database"
    NOT_ANKI_COLLECTION = "not_anki_collection"
    SCHEMA_TOO_NEW = "schema_too_new"
    DAMAGED_SETTINGS = "damaged_settings"
    REVIEW_TIME = "review_time"
    DAMAGED_NOTES = "damaged_notes"
    # importing into the store and exporting
    HISTORY_TIME = "history_time"
    HISTORY_UNKNOWN_ITEM = "history_unknown_item"
    HISTORY_NEEDS_PROFILE = "history_needs_profile"
    EXPORT_MEDIA = "export_media"
    EXPORT_ITEM_WITHOUT_ID = "export_item_without_id"
    NOTHING_TO_EXPORT = "nothing_to_export"
    NO_ITEMS_OF_ITS_OWN = "no_items_of_its_own"
    # class assignments (studyapp/classroom/assignments.py): a file the laptop refuses, one the teacher cannot write
    NOT_AN_ASSIGNMENT = "not_an_assignment"
    ASSIGNMENT_TOO_LARGE = "assignment_too_large"
    ASSIGNMENT_UNSIGNED = "assignment_unsigned"
    ASSIGNMENT_OTHER_KEY = "assignment_other_key"
    ASSIGNMENT_CHANGED = "assignment_changed"
    ASSIGNMENT_BAD_DECK = "assignment_bad_deck"
    DUE_NOT_A_DATE = "due_not_a_date"
    DUE_DATE_PASSED = "due_date_passed"
    TITLE_LENGTH = "title_length"
    TARGET_OUT_OF_RANGE = "target_out_of_range"
    ASSIGNMENT_SUFFIX = "assignment_suffix"
    ASSIGNMENT_EXISTS = "assignment_exists"
    ASSIGNMENT_NO_ITEMS = "assignment_no_items"
    NOT_A_DECK_HERE = "not_a_deck_here"


# Per code: the English text, with %1, %2, ... for the arguments in their order.
FORMS: dict[Code, str] = {
    Code.FIELD_TOO_LONG: "the item %1 has a field (%2) longer than %3 MB",
    Code.UNKNOWN_ITEM_KIND: "unknown item kind %1 (expected one of %2)",
    Code.EMPTY_PROMPT: "an item has an empty prompt",
    Code.ITEM_EMPTY_ANSWER: "the item %1 has an empty answer",
    Code.TOO_FEW_OPTIONS: "the multiple-choice item %1 needs at least 2 options",
    Code.ANSWER_NOT_AN_OPTION: "the answer of %1 is not one of its options",
    Code.TOO_MANY_OPTIONS: "the multiple-choice item %1 has more than 9 options",
    Code.TRUE_FALSE_ANSWER: "the true/false item %1 must have the answer true or false",
    Code.INVALID_DECK_NAME: "invalid deck name %1",
    Code.NO_CLOZE_DELETION: "the cloze item %1 has no {{c1::...}} deletion",
    Code.TRANSLATION_LANGUAGE: "the item %1 has a translation for %2, which is not a language code such as zh_CN",
    Code.TRANSLATION_OPTIONS_COUNT: "the %2 translation of %1 must list as many options as the item (%4), not %3",
    Code.TRANSLATION_ANSWER_PLACE: "the answer of the %2 translation of %1 is not its option %3, which stands where "
                                   "the answer stands among the item's options",
    Code.TRANSLATION_CLOZE_GAPS: "the %2 translation of %1 has other gaps than the item: it has %3, the item %4",
    Code.IN_TRANSLATION: "in the %1 translation: %2",
    Code.LINE_OF: "%1 line %2",
    Code.ITEM_NUMBER: "item %1",
    Code.FIELD_OF: "%1 field %2",
    Code.DECK_TAGS: "the deck's tags",
    Code.AT: "%1: %2",
    Code.FILE_MISSING: "%1 does not exist",
    Code.NOT_A_FILE: "%1 does not exist or is not a file",
    Code.IS_A_FOLDER: "%1 is a folder, not a file",
    Code.UNREADABLE: "%1 cannot be read (%2)",
    Code.TOO_LARGE: "%1 is larger than %2 MB; it was not imported",
    Code.UNKNOWN_FILE_TYPE: "%1 has a file type StudyApp cannot import (use .deck.toml, .csv, .tsv, .txt, .apkg or "
                            ".colpkg)",
    Code.UNKNOWN_FILE_FORMAT: "unknown file format %1 (one of %2)",
    Code.NOT_UTF8: "%1 is not UTF-8 text",
    Code.EMPTY_FILE: "%1 is empty",
    Code.BINARY_FILE: "%1 is not a text file (it contains binary data)",
    Code.NOT_UTF8_SAVE_AS: "%1 is not UTF-8 text; save it as UTF-8 and import it again",
    Code.UNKNOWN_KIND_AT: "%1 has unknown kind %2 (expected one of %3)",
    Code.EMPTY_PROMPT_AT: "%1 has an empty prompt",
    Code.EMPTY_ANSWER_AT: "%1 has an empty answer",
    Code.NOT_CSV: "%1 is not a readable CSV/TSV file (%2)",
    Code.NO_CELL_TEXT: "%1 is empty (no cell has any text)",
    Code.UNKNOWN_HEADER_COLUMN: "%1: unknown column %2 in the header",
    Code.UNKNOWN_COLUMN_NAME: "unknown column name %1 (known: %2)",
    Code.HEADER_WITHOUT_ROWS: "%1 has a header but no rows",
    Code.TOO_FEW_COLUMNS: "%1 has 1 column; expected at least a prompt and an answer",
    Code.TOO_MANY_COLUMNS: "%1 has %2 columns but only %3 are named",
    Code.PROMPT_TWICE: "%1 has the prompt %2 twice",
    Code.MNEMOSYNE_COLUMNS: "line %1 of %2 has %3 tab-separated columns (expected question, answer and optional tags)",
    Code.MNEMOSYNE_EMPTY_QUESTION: "line %1 of %2 has an empty question",
    Code.MNEMOSYNE_EMPTY_ANSWER: "line %1 of %2 has an empty answer",
    Code.NO_CARDS: "%1 has no cards",
    Code.NOT_A_STRING_LIST: "%1 must be a list of strings",
    Code.UNKNOWN_FIELDS: "unknown fields in %1: %2",
    Code.NO_PROMPT: "%1 has no prompt",
    Code.ANSWER_NOT_TEXT: "%1 has an answer that is not text",
    Code.MEDIA_NOT_ALLOWED_AT: "%1 names the media file %2, which is not allowed (%3)",
    Code.ORD_NOT_WHOLE: "%1 has an ord that is not a whole number",
    Code.DECK_SYNTAX: "%1 is not a valid deck file: %2",
    Code.DECK_SYNTAX_AT: "%1 is not a valid deck file: %2 (at line %3, column %4)",
    Code.DECK_SYNTAX_AT_END: "%1 is not a valid deck file: %2 (at end of document)",
    Code.DECK_TOO_DEEP: "%1 is not a valid deck file: it nests tables or arrays too deeply",
    Code.DECK_FORMAT: "deck format %1 is not supported (this StudyApp reads format %2)",
    Code.NO_DECK_TABLE: "it has no [deck] table with a name",
    Code.NO_ITEMS_TABLE: "it has no [[items]]",
    Code.ITEM_NOT_A_TABLE: "item %1 is not a table",
    Code.TRANSLATIONS_NOT_A_TABLE: "%1: translations must be a table of languages, each a table of fields",
    Code.TRANSLATION_UNKNOWN_FIELDS: "%1: unknown fields in the %2 translation: %3 (a translation may have %4)",
    Code.TRANSLATION_NOT_TEXT: "%1: %3 of the %2 translation must be a string",
    Code.TRANSLATION_NOT_A_LIST: "%1: %3 of the %2 translation must be a list of strings",
    Code.SHARED_ID: "%1: two items share the same id",
    Code.MEDIA_NAME_NOT_ALLOWED: "the media file name %1 is not allowed (%2)",
    Code.NAME_EMPTY: "it is empty",
    Code.NAME_IS_FOLDER: "it names a folder",
    Code.NAME_SEPARATOR: "it contains a folder separator",
    Code.NAME_COLON: "it contains a colon (a drive, a stream or a web address)",
    Code.NAME_CONTROL: "it contains a control character",
    Code.NAME_SPACE_OR_DOT: "it starts or ends with a space or ends with a dot",
    Code.NAME_TOO_LONG: "it is longer than %1 bytes",
    Code.NAME_DEVICE: "it is a device name on Windows",
    Code.DATED_OUTSIDE: "is dated %1, outside 2000-01-01 to %2",
    Code.NOT_A_ZIP: "%1 is not an Anki package (it is not a zip archive)",
    Code.PACKAGE_REFUSED: "%1 %2; it was not imported",
    Code.UNSAFE_MEMBER: "has a member with an unsafe name (%1)",
    Code.MEMBER_TOO_LARGE: "has a member larger than %1 MiB (%2)",
    Code.EXPANDS_TOO_MUCH: "expands to more than %1 MiB",
    Code.ZIP_BOMB: "looks like a zip bomb (member %1 expands more than %2 times)",
    Code.DAMAGED_MEMBER: "is damaged (member %1 cannot be read: %2)",
    Code.DAMAGED_META: "has a damaged meta member",
    Code.PACKAGE_VERSION: "uses package version %1, which this StudyApp does not know (it reads versions 1 to %2; "
                          "a newer StudyApp may read it)",
    Code.DAMAGED_MEDIA_LIST: "has a damaged media list",
    Code.UNSAFE_MEDIA_NAME: "has a media file with an unsafe name (%1)",
    Code.NO_COLLECTION: "has no collection (the member %1 is missing)",
    Code.NOT_SQLITE: "has a collection that is not an SQLite database",
    Code.DAMAGED_DATABASE: "has a damaged collection database",
    Code.NOT_ANKI_COLLECTION: "is not an Anki collection (its database lacks the notes, cards and revlog tables)",
    Code.SCHEMA_TOO_NEW: "has a collection of schema %1, newer than this StudyApp reads (%2)",
    Code.DAMAGED_SETTINGS: "has damaged note type or deck settings",
    Code.REVIEW_TIME: "has a review (revlog id %1) that %2",
    Code.DAMAGED_NOTES: "has damaged notes, cards or card templates",
    Code.HISTORY_TIME: "an answer to the item (%1, %2) %3",
    Code.HISTORY_UNKNOWN_ITEM: "a history row refers to an item (%1, %2) that is not in the file",
    Code.HISTORY_NEEDS_PROFILE: "the file contains answer history, so it must be imported into a profile",
    Code.EXPORT_MEDIA: "cannot export the media file %1: %2",
    Code.EXPORT_ITEM_WITHOUT_ID: "cannot export deck %1: the item %2 has no id",
    Code.NOTHING_TO_EXPORT: "the deck and its sub-decks have no items to export",
    Code.NO_ITEMS_OF_ITS_OWN: "the deck %1 has no items of its own; export one of its sub-decks",
    Code.NOT_AN_ASSIGNMENT: "%1 is not a StudyApp assignment file",
    Code.ASSIGNMENT_TOO_LARGE: "%1 is larger than an assignment may be (%2 MB); it was not imported",
    Code.ASSIGNMENT_UNSIGNED: "%1 is not signed; only an assignment written by your teacher's StudyApp is imported",
    Code.ASSIGNMENT_OTHER_KEY: "%1 is signed by another key (%2), not by your teacher's (%3); it was not imported",
    Code.ASSIGNMENT_CHANGED: "%1 was changed after it was signed; it was not imported",
    Code.ASSIGNMENT_BAD_DECK: "a deck in %1 cannot be read (%2)",
    Code.DUE_NOT_A_DATE: "the due date %1 is not a date written YYYY-MM-DD",
    Code.DUE_DATE_PASSED: "the due date %1 has passed",
    Code.TITLE_LENGTH: "the assignment's title must be 1 to %1 characters",
    Code.TARGET_OUT_OF_RANGE: "the number of answers asked for must be 1 to %1, not %2",
    Code.ASSIGNMENT_SUFFIX: "the assignment file must end in %1, not %2",
    Code.ASSIGNMENT_EXISTS: "%1 already exists; choose a new name (nothing is overwritten)",
    Code.ASSIGNMENT_NO_ITEMS: "the assignment's decks have no items",
    Code.NOT_A_DECK_HERE: "%1 is neither a deck file nor a deck here",
}

# An argument: text as it appears in the sentence (names already quoted), a number, or a nested problem.
Argument = Union[str, int, "Problem"]


@dataclass(frozen=True)
class Problem:
    code: Code
    args: tuple[Argument, ...] = ()  # in the order of the text's %1, %2, ...

    def __post_init__(self) -> None:
        expected = placeholder_count(FORMS[self.code])
        if len(self.args) != expected:
            raise ValueError(f"{self.code} takes {expected} argument(s), not {len(self.args)}")

    @property
    def text(self) -> str:
        """The English text, as the terminal shows it and the log keeps it."""
        return fill(FORMS[self.code], [arg.text if isinstance(arg, Problem) else str(arg) for arg in self.args])

    def __str__(self) -> str:
        return self.text
