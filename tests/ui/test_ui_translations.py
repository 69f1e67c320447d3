"""The Chinese translation file is complete and compiled."""

import xml.etree.ElementTree as ET
from pathlib import Path

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


def test_counts_use_plural_forms():
    # "item(s)" in a source string is only allowed as Qt's plural form (%n), which each language resolves.
    for ts in i18n_dir().glob("studyapp_*.ts"):
        for message in ET.parse(ts).getroot().iter("message"):
            source = message.find("source").text
            if "(s)" in source:
                assert message.get("numerus") == "yes" and "%n" in source, (ts.name, source)


def test_english_and_chinese_plurals(qapp):
    from PySide6.QtCore import QCoreApplication

    from studyapp.ui.i18n import Translations

    translations = Translations(qapp)
    try:
        assert QCoreApplication.translate("BrowserPage", "%n item(s)", "", 1) == "1 item"
        assert QCoreApplication.translate("BrowserPage", "%n item(s)", "", 2) == "2 items"
        assert QCoreApplication.translate("StatisticsPage", "on %n day(s)", "", 1) == "on 1 day"
        translations.apply("zh_CN")
        assert QCoreApplication.translate("BrowserPage", "%n item(s)", "", 2) == "2 个条目"
    finally:
        translations.apply("en")


def test_every_builtin_deck_name_skill_and_tag_is_translated():
    import sys

    from studyapp.resources import resources_dir

    sys.path.insert(0, str(resources_dir().parent / "packaging" / "tools"))
    try:
        from build_translations import builtin_strings
    finally:
        sys.path.pop(0)
    root = ET.parse(i18n_dir() / "builtin_zh_CN.ts").getroot()
    translated = {m.find("source").text: m.find("translation").text for m in root.iter("message")
                  if m.find("translation").get("type") != "unfinished"}
    assert set(builtin_strings()) <= set(translated)
    assert all(translated.values())


def test_builtin_names_follow_the_language(qapp):
    from studyapp.ui.content_names import deck_leaf, deck_path, display_text
    from studyapp.ui.i18n import Translations

    translations = Translations(qapp)
    assert deck_path("Maths::Multiplication tables") == "Maths::Multiplication tables"
    try:
        translations.apply("zh_CN")
        assert deck_path("Maths::Multiplication tables") == "数学::乘法表"
        assert deck_path("Maths::My own deck") == "数学::My own deck"   # a student's own name stays
        assert deck_leaf("Geography::World capitals") == "世界各国首都"
        assert display_text("Table of 7") == "7 的乘法" and display_text("Europe") == "欧洲"
    finally:
        translations.apply("en")


def test_the_translation_files_hold_every_string_in_its_context(tmp_path):
    # lupdate's context is the class that calls tr(): a string whose code moved to another class shows in English
    # until its entry moves too (packaging/tools/build_translations.py).
    import subprocess
    import sys

    from studyapp.resources import resources_dir

    ui = resources_dir().parent / "studyapp" / "ui"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *sorted(str(p) for p in ui.glob("*.py")), "-ts", str(fresh)], check=True,
                   capture_output=True)

    def strings(ts, plural_only=False):
        return {(context.findtext("name"), message.findtext("source"))
                for context in ET.parse(ts).getroot().iter("context") for message in context.iter("message")
                if not plural_only or message.get("numerus") == "yes"}

    assert strings(fresh) - strings(i18n_dir() / "studyapp_zh_CN.ts") == set()
    assert strings(fresh, plural_only=True) - strings(i18n_dir() / "studyapp_en.ts") == set()
