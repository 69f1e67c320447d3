"""A smaller copy of PySide6's ICU data library (libicudata.so.NN) for the Linux bundle.

Qt links ICU on Linux, and the data library carries everything ICU can do in every language (32 MB). Qt calls
only four parts of ICU: collation (QCollator, the file dialog's sorting), character set conversion
(QStringConverter), time zone names and calendars (QTimeZone) and case mapping (QLocale::toUpper), whose tables are
built into libicuuc. The copy keeps those four complete for every locale, so Chinese (pinyin) sorting, GB18030,
Big5 and the rest behave exactly as before, and drops the data of the ICU services that nothing in the bundle
calls: break iteration and its dictionaries, unit, currency, language and region display names, transliteration,
spelled-out numbers, character names, the NFKC/UTS 46 normalisations, string preparation and confusables (about
half the data).

The work is done by ICU's own tools (icupkg removes items, genccode turns the package into an object file; Debian:
icu-devtools) and the system's gcc, objcopy and nm; the result keeps the original's soname and data symbol.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

# Item names inside the package (without its "icudtNNl/" prefix) that nothing in the bundle reads.
DROPPED_ITEMS = re.compile(
    r"^(brkitr|unit|curr|lang|region|translit|rbnf)/"  # ICU services Qt never calls (see above)
    r"|^unames\.icu$"  # character names (u_charName)
    r"|^(nfkc|nfkc_cf|uts46)\.nrm$"  # NFKC and IDNA normalisation (Qt has its own IDNA code)
    r"|\.spp$|\.cfu$"  # string preparation (StringPrep) and confusables (uspoof)
)


class IcuDataError(Exception):
    pass


def _run(*command: str | Path) -> str:
    try:
        done = subprocess.run([str(part) for part in command], capture_output=True, text=True, check=True)
    except FileNotFoundError as error:
        raise IcuDataError(f"{command[0]} is missing (Debian: icu-devtools for icupkg and genccode, "
                           f"binutils and gcc for the rest)") from error
    except subprocess.CalledProcessError as error:
        raise IcuDataError(f"{command[0]} failed: {error.stderr.strip()}") from error
    return done.stdout


def _data_symbol(library: Path) -> tuple[str, int]:
    """The library's data symbol (icudtNN_dat) and its size; it is the whole .rodata section."""
    for line in _run("nm", "-D", "-S", "--defined-only", library).splitlines():
        fields = line.split()
        if len(fields) == 4 and re.fullmatch(r"icudt\d+_dat", fields[3]):
            return fields[3], int(fields[1], 16)
    raise IcuDataError(f"{library} has no icudtNN_dat symbol")


def slim_icu_data(library: Path, workdir: Path) -> Path:
    """Write workdir/<library's name>: the same library without DROPPED_ITEMS; return its path."""
    symbol, size = _data_symbol(library)
    entry = symbol.removesuffix("_dat")  # icudt73
    package = f"{entry}l.dat"  # icupkg names the items after the file: icudt73l/...
    full, slim = workdir / "full", workdir / "slim"
    for folder in (full, slim):
        folder.mkdir(parents=True, exist_ok=True)
    _run("objcopy", "-O", "binary", "--only-section=.rodata", library, full / package)
    with open(full / package, "r+b") as data:
        data.truncate(size)
    items = _run("icupkg", "-l", full / package).split()
    dropped = [item for item in items if DROPPED_ITEMS.search(item)]
    (workdir / "dropped.txt").write_text("\n".join(dropped) + "\n")
    _run("icupkg", "-r", workdir / "dropped.txt", full / package, slim / package)
    _run("genccode", "-o", "-m", library, "-e", entry, "-d", workdir, slim / package)
    soname = library.name
    out = workdir / soname
    _run("gcc", "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", out, workdir / f"{entry}l_dat.o")
    if _data_symbol(out)[0] != symbol:
        raise IcuDataError(f"{out} does not export {symbol}")
    return out
