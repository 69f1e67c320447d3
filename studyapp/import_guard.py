"""Keeps sqlite-utils from importing pandas: about 1.1 s of every start when pandas is installed (the bench
extra brings it), only for a pandas.Timestamp column type that StudyApp never writes.

sqlite-utils tries `import pandas` when its `db` module loads and works without it. The finder below refuses
that one import, recognised by the importing module on the calling thread's stack, so pandas stays
importable everywhere else (the benchmarks use it) and nothing depends on which thread imports first.
"""

from __future__ import annotations

import sys

GUARDED_IMPORTER = "sqlite_utils.db"
REFUSED = "pandas"


class _RefusePandasToSqliteUtils:
    """A meta path finder (only find_spec is needed; importlib.abc costs 10 ms to import)."""

    def find_spec(self, fullname, path, target=None):
        if fullname != REFUSED:
            return None
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_globals.get("__name__") == GUARDED_IMPORTER and frame.f_code.co_name == "<module>":
                raise ModuleNotFoundError(f"StudyApp does not give {REFUSED} to sqlite-utils", name=REFUSED)
            frame = frame.f_back
        return None


def install() -> None:
    """Put the finder first on sys.meta_path (once)."""
    if not any(isinstance(finder, _RefusePandasToSqliteUtils) for finder in sys.meta_path):
        sys.meta_path.insert(0, _RefusePandasToSqliteUtils())
