"""The Chinese translation file is complete and compiled."""

import xml.etree.ElementTree as ET

from PySide6.QtCore import QTranslator

from studyapp.ui.i18n import i18n_dir


def test_every_string_is_translated():
    root = ET.parse(i18n_dir() / "studyapp_zh_CN.ts").getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 150
    untranslated = [m.find("source").text for m in messages
                    if m.find("translation").get("type") == "unfinished" or not m.find("translation").text]
    assert untranslated == []


def test_compiled_file_holds_the_translations(qapp):
    translator = QTranslator()
    assert translator.load("studyapp_zh_CN", str(i18n_dir()))
    assert translator.translate("DecksPage", "Decks") == "牌组"
    assert translator.translate("BrowserPage", "Multiple choice") == "选择题"
    assert translator.translate("MainWindow", "&Backups…") == "备份(&B)…"
    assert translator.translate("ColumnMappingDialog", "(ignore)") == "（忽略）"
