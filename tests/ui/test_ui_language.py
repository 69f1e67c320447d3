"""Switching to Simplified Chinese at run time: our strings and Qt's own strings change without a restart."""

import re

from PySide6.QtWidgets import QDialogButtonBox

from studyapp.study.clock import DAY_MS
from studyapp.study.reasons import (
    COUNT,
    DURATION,
    FORMS,
    PERCENT,
    Code,
    Reason,
    due_scheduled,
    new_item,
    practice,
    recall_below_target,
)
from studyapp.ui.ops import UiPrefs


def test_switch_to_chinese_and_back(qtbot, window, open_profile):
    open_profile("Ada")
    assert window.decks.buttons["review"].text() == "&Study"
    window.preferences.apply(UiPrefs(language="zh_CN"))
    assert window.translations.language == "zh_CN"
    qtbot.waitUntil(lambda: window.decks.buttons["review"].text() == "学习(&S)")
    assert window.decks.tree.headerItem().text(0) == "牌组"
    assert window.file_menu.title() == "文件(&F)"
    window.preferences.open_dialog()
    qtbot.waitUntil(lambda: window.preferences.dialog is not None)
    buttons = window.preferences.dialog.findChild(QDialogButtonBox)
    assert buttons.button(QDialogButtonBox.Cancel).text() == "取消"
    window.preferences.dialog.reject()
    window.preferences.apply(UiPrefs(language="en"))
    qtbot.waitUntil(lambda: window.decks.buttons["review"].text() == "&Study")


def test_reasons_are_translated(window):
    window.preferences.apply(UiPrefs(language="zh_CN"))
    page = window.study
    assert page.reason_text(new_item(3, 20)) == "新条目，今天第 3 个（共 20 个）"
    assert page.reason_text(due_scheduled(3 * DAY_MS)) == "到期复习（计划于 3 天 前）"


def test_model_reasons_are_translated(window):
    window.preferences.apply(UiPrefs(language="zh_CN"))
    page = window.study
    assert page.reason_text(recall_below_target(0.71, 0.9)) == "记忆概率降到 71%，你的目标是 90%"
    assert page.reason_text(practice(0.75, True, (2, 20))) == \
        "难度合适的练习：你大约 75% 的时间能答对（新条目，今天第 2 个，共 20 个）"


def sample(code: Code) -> Reason:
    """A reason of `code` with an argument of the right kind in each place."""
    values = {PERCENT: 0.71, COUNT: 3, DURATION: 3 * DAY_MS}
    return Reason(code, tuple(values[kind] for kind in FORMS[code][1]))


def test_every_reason_has_a_translation(window):
    page = window.study
    english = {code: page.reason_text(sample(code)) for code in Code}
    # The GUI's source strings are the study layer's English: untranslated, both read the same.
    assert english == {code: sample(code).text for code in Code}
    window.preferences.apply(UiPrefs(language="zh_CN"))
    for code in Code:
        chinese = page.reason_text(sample(code))
        assert chinese and chinese != english[code] and code.value not in chinese
        assert not re.search(r"%\d", chinese), chinese
