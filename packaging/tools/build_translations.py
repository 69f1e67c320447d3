"""Update the Qt Linguist files from the GUI sources and compile them.

    python packaging/tools/build_translations.py          # lupdate, then lrelease
    python packaging/tools/build_translations.py --release-only

lupdate keeps the translations already in resources/i18n/*.ts and marks new strings unfinished;
translate those (Qt Linguist: pyside6-linguist) and run this again to rebuild the .qm files.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ["zh_CN"]


def tool(name: str) -> str:
    # The tools ship in the PySide6 wheel, next to the Python that runs this script.
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release-only", action="store_true", help="only compile the .ts files to .qm")
    args = parser.parse_args(argv)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "studyapp" / "ui").glob("*.py"))
    for language in LANGUAGES:
        ts = I18N / f"studyapp_{language}.ts"
        if not args.release_only:
            subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-target-language", language,
                            "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
