"""packaging/icu_data.py: the slim copy of PySide6's ICU data library is much smaller, and Qt behaves the same with
it as with the original in every part of ICU that Qt calls: collation (Chinese pinyin order, Swedish, numeric),
character set converters (GB18030, Big5, Shift_JIS, the list of codecs), time zone names and case mapping."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from icu_data import slim_icu_data  # noqa: E402

PySide6 = pytest.importorskip("PySide6")
LIBRARIES = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))

pytestmark = pytest.mark.skipif(
    not LIBRARIES or any(shutil.which(tool) is None for tool in ("icupkg", "genccode", "gcc", "objcopy", "nm")),
    reason="needs PySide6's own ICU (Linux) and icu-devtools, gcc and binutils")

PROBE = """
import json
from PySide6.QtCore import QCollator, QLocale, QStringConverter, QStringDecoder, QTimeZone
words = ["赵", "张", "王", "李", "阿", "中文", "Zebra", "apple", "Äpfel", "ábaco", "10", "9"]
out = {}
for name in ["zh_CN", "en_US", "de_DE", "sv_SE"]:
    collator = QCollator(QLocale(name))
    out["sort " + name] = sorted(words, key=collator.sortKey)
    collator.setNumericMode(True)
    out["numeric " + name] = sorted(words, key=collator.sortKey)
out["codecs"] = [QStringDecoder(name).isValid() for name in ("GB18030", "Big5", "Shift_JIS", "windows-1252")]
out["codec count"] = len(QStringConverter.availableCodecs())
zone = QTimeZone(b"Asia/Shanghai")
out["zone"] = [zone.displayName(QTimeZone.StandardTime, QTimeZone.LongName, QLocale(n)) for n in ("zh_CN", "en_US")]
out["case"] = [QLocale("tr_TR").toUpper("istanbul"), QLocale("en_US").toUpper("straße")]
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def probe(preload: Path | None) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if preload:  # loaded first, it stands in for the library of the same soname that Qt's libraries ask for
        env["LD_PRELOAD"] = str(preload)
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_slim_icu_data_is_half_the_size_and_qt_behaves_the_same(tmp_path):
    original = LIBRARIES[0]
    slim = slim_icu_data(original, tmp_path)

    assert slim.name == original.name
    assert slim.stat().st_size < 0.6 * original.stat().st_size
    with_slim = probe(slim)
    assert with_slim == probe(None)
    assert '"sort zh_CN": ["10", "9", "阿", "李", "王", "张", "赵", "中文"' in with_slim  # pinyin: a, li, wang, zhang
