"""Switching to Simplified Chinese at run time: our strings and Qt's own strings change without a restart."""

from PySide6.QtWidgets import QDialogButtonBox

from studyapp.ui.ops import UiPrefs


def test_switch_to_chinese_and_back(qtbot, window, open_profile):
    open_profile("Ada")
    assert window.decks.buttons["review"].text() == "&Study"
    window.apply_prefs(UiPrefs(language="zh_CN"))
    assert window.translations.language == "zh_CN"
    qtbot.waitUntil(lambda: window.decks.buttons["review"].text() == "学习(&S)")
    assert window.decks.tree.headerItem().text(0) == "牌组"
    assert window.file_menu.title() == "文件(&F)"
    window.open_settings()
    qtbot.waitUntil(lambda: getattr(window, "settings_dialog", None) is not None)
    buttons = window.settings_dialog.findChild(QDialogButtonBox)
    assert buttons.button(QDialogButtonBox.Cancel).text() == "取消"
    window.settings_dialog.reject()
    window.apply_prefs(UiPrefs(language="en"))
    qtbot.waitUntil(lambda: window.decks.buttons["review"].text() == "&Study")


def test_reasons_are_translated(window):
    window.apply_prefs(UiPrefs(language="zh_CN"))
    page = window.study
    assert page.reason_text("New item, 3 of 20 today") == "新条目，今天第 3 个（共 20 个）"
    assert page.reason_text("Due for review (scheduled 3 days ago)") == "到期复习（计划于 3 天 前）"


def test_model_reasons_are_translated(window):
    window.apply_prefs(UiPrefs(language="zh_CN"))
    page = window.study
    assert page.reason_text("Recall fell to 71%, your target is 90%") == "记忆概率降到 71%，你的目标是 90%"
    assert page.reason_text("Practice at the right level: you get this right about 75% of the time "
                            "(new item, 2 of 20 today)") == "难度合适的练习：你大约 75% 的时间能答对（新条目，今天第 2 个，共 20 个）"
