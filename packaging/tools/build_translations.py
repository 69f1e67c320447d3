"""Update the Qt Linguist files from the GUI sources and the built-in decks, and compile them.

    python packaging/tools/build_translations.py          # lupdate, the built-in content, then lrelease
    python packaging/tools/build_translations.py --release-only

For each language in LANGUAGES:
* studyapp_LANG.ts: the GUI's strings. lupdate keeps the translations already there and marks new strings
  unfinished.
* builtin_LANG.ts: what the interface shows of the built-in decks in resources/decks (the parts of each deck
  name, the descriptions, the skills and the tags that stand in for skills), in the context BuiltinContent
  (studyapp/ui/content_names.py looks them up there). Rebuilt from the decks, keeping existing translations.
* qtbase_extra_LANG.ts (by hand): Qt's own strings that Qt's qtbase_LANG.qm lacks.
And studyapp_en.ts: the English plural forms of the strings that count ("1 item", "2 items"), from lupdate's
-pluralonly.
Translate what is unfinished (Qt Linguist: pyside6-linguist) and run this again to rebuild the .qm files.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from studyapp.content.model import DECK_SEPARATOR  # noqa: E402
from studyapp.content.native import SUFFIX, read_deck  # noqa: E402

I18N = ROOT / "resources" / "i18n"
DECKS = ROOT / "resources" / "decks"
LANGUAGES = ["zh_CN"]
BUILTIN_CONTEXT = "BuiltinContent"


def tool(name: str) -> str:
    # The tools ship in the PySide6 wheel, next to the Python that runs this script.
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def builtin_strings() -> list[str]:
    """Every text of the built-in decks that the interface shows, once each, in deck order."""
    found: dict[str, None] = {}
    for path in sorted(DECKS.glob(f"*{SUFFIX}")):
        deck = read_deck(path)
        found.update(dict.fromkeys(deck.name.split(DECK_SEPARATOR)))
        found.update(dict.fromkeys([deck.description]))
        for item in deck.items:
            found.update(dict.fromkeys([item.skill, *item.tags]))
    return [text for text in found if text]


def update_builtin_ts(ts: Path, language: str) -> None:
    """Write ts with one message per built-in text, keeping the translations it already has."""
    known: dict[str, str] = {}
    if ts.exists():
        for message in ET.parse(ts).getroot().iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.text and translation.get("type") != "unfinished":
                known[message.findtext("source")] = translation.text
    root = ET.Element("TS", version="2.1", language=language)
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = BUILTIN_CONTEXT
    for text in builtin_strings():
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = text
        translation = ET.SubElement(message, "translation")
        if text in known:
            translation.text = known[text]
        else:
            translation.set("type", "unfinished")
    ET.indent(root, space="    ")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                  + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")


def release(ts: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release-only", action="store_true", help="only compile the .ts files to .qm")
    args = parser.parse_args(argv)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "studyapp" / "ui").glob("*.py"))
    if not args.release_only:
        english = I18N / "studyapp_en.ts"
        subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-pluralonly", "-source-language", "en",
                        "-target-language", "en", "-ts", str(english.relative_to(ROOT))], cwd=ROOT, check=True)
        for language in LANGUAGES:
            ts = I18N / f"studyapp_{language}.ts"
            subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-target-language", language,
                            "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
            update_builtin_ts(I18N / f"builtin_{language}.ts", language)
    for ts in sorted(I18N.glob("*.ts")):  # those above, and hand-written ones (qtbase_extra_LANG.ts)
        release(ts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
