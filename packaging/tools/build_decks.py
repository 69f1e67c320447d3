"""Compile the built-in decks (resources/decks/*.deck.toml) into resources/decks/compiled-decks.json, which a
first start installs from instead of parsing the TOML. Run it after changing a deck, as build_translations.py is
run after changing a string (tests/content/test_compiled_decks.py fails while the file is out of date).

    python packaging/tools/build_decks.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from studyapp.content.compiled_decks import COMPILED_NAME, compile_decks  # noqa: E402

DECKS = ROOT / "resources" / "decks"


def main() -> int:
    (DECKS / COMPILED_NAME).write_text(compile_decks(DECKS), encoding="utf-8")
    print(f"wrote {DECKS / COMPILED_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
