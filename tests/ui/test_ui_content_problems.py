"""Why a file cannot be imported, in the interface language: the GUI translates each content problem by its code."""

import re

import pytest
from PySide6.QtCore import Qt
from test_ui_chinese_walkthrough import english_in, visible_texts

from studyapp.content.model import ContentError
from studyapp.content.problems import FORMS, Code, Problem
from studyapp.placeholders import placeholder_count
from studyapp.ui.content_problems import problem_text
from studyapp.ui.i18n import Translations
from studyapp.ui.ops import UiPrefs
from studyapp.ui.worker import as_sentence, describe_error


def sample(code: Code) -> Problem:
    return Problem(code, tuple(range(7, 7 + placeholder_count(FORMS[code]))))


@pytest.fixture
def chinese(qapp):
    translations = Translations(qapp)
    yield translations.apply("zh_CN")
    translations.apply("en")


def test_every_problem_has_a_translation(qapp, chinese):
    assert chinese
    for code in Code:
        text = problem_text(sample(code))
        assert text != sample(code).text and code.value not in text, code
        assert not re.search(r"%\d", text), (code, text)


def test_the_english_interface_shows_the_content_layers_own_sentence(qapp):
    # The GUI's source strings are the content layer's English: a change on one side only fails here.
    Translations(qapp).apply("en")
    assert {code: problem_text(sample(code)) for code in Code} == {code: sample(code).text for code in Code}


def test_errors_reach_the_screen_translated_and_nested_parts_too(qapp, chinese):
    error = ContentError(Code.AT, Problem(Code.ITEM_NUMBER, (3,)), Problem(Code.NO_PROMPT, (Problem(Code.ITEM_NUMBER,
                                                                                                  (3,)),)))
    assert describe_error(error) == "第 3 个条目：第 3 个条目 没有题目"
    assert as_sentence(describe_error(ContentError(Code.NOTHING_TO_EXPORT))) == "此牌组及其子牌组没有可导出的条目。"


def bad_files(folder):
    """Files a student may well try to import, each refused for another reason; none has an English name."""
    files = {
        "分号.csv": "问题一;答案一;标签;备注\n问题二;答案二;标签;备注\n",   # four columns, three by default
        "空.csv": "",
        "语法.deck.toml": "format = 1\n[deck\nname = \"测验\"\n",
        "无题.deck.toml": "format = 1\n[deck]\nname = \"测验\"\n[[items]]\nanswer = \"答\"\n",
    }
    paths = []
    for name, text in files.items():
        paths.append(folder / name)
        paths[-1].write_text(text, encoding="utf-8")
    paths.append(folder / "损坏.apkg")
    paths[-1].write_bytes(b"\x00\x01 not a zip archive" * 10)
    paths.append(folder / "太大.deck.toml")
    with open(paths[-1], "wb") as handle:
        handle.truncate(17 << 20)  # past the 16 MB cap, without writing it
    return paths


def test_bad_files_are_refused_in_chinese(qtbot, window, open_profile, tmp_path):
    window.preferences.apply(UiPrefs(language="zh_CN"))
    qtbot.waitUntil(lambda: window.decks.buttons["review"].text() == "学习(&S)")  # LanguageChange is posted
    open_profile("Ada")
    folder = tmp_path / "导入"
    folder.mkdir()
    paths = bad_files(folder)
    with qtbot.waitSignal(window.import_export.import_finished, timeout=20000):
        # the spreadsheet as the header or the defaults read it
        window.import_export.import_files(paths, map_columns=False)
    dialog = window.import_export.dialog
    report = dialog.report.text().splitlines()
    assert len(report) == len(paths) and dialog.status.text() == "没有导入任何内容。"
    for path, line in zip(paths, report):
        assert line.startswith(f"{path.name} 未导入：{path}"), line
    assert "第 1 行 有 4 列，但只有 3 列指定了内容" in report[0]
    assert "第 2 行第 6 列有语法错误" in report[2] and "第 1 个条目 没有题目" in report[3]
    texts = visible_texts(dialog)
    for path in paths:  # file names and folders are the disk's, not the interface's
        texts = [text.replace(str(path), " ").replace(path.name, " ") for text in texts]
    assert english_in(texts) == set()
    qtbot.keyClick(dialog, Qt.Key_Escape)
