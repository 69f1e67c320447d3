"""Where StudyApp keeps its data: an explicit directory, $STUDYAPP_DATA_DIR, portable mode, or the user data dir."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

ENV_VAR = "STUDYAPP_DATA_DIR"
# A file of this name beside the frozen executable keeps all data beside it (USB sticks, locked-down machines).
PORTABLE_MARKER = "studyapp-portable"
DB_NAME = "studyapp.sqlite3"


def portable_dir() -> Path | None:
    if not getattr(sys, "frozen", False):
        return None
    exe_dir = Path(sys.executable).resolve().parent
    return exe_dir / "data" if (exe_dir / PORTABLE_MARKER).exists() else None


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory, created if needed. Precedence: argument, environment, portable marker, platformdirs."""
    if override:
        path = Path(override)
    elif os.environ.get(ENV_VAR):
        path = Path(os.environ[ENV_VAR])
    else:
        path = portable_dir() or Path(platformdirs.user_data_dir("StudyApp", appauthor=False))
    path = path.expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def db_path(directory: Path) -> Path:
    return directory / DB_NAME


def class_models_dir(directory: Path) -> Path:
    """Where a data folder keeps installed class models: class/ is in use, previous/ waits for a rollback."""
    return Path(directory) / "models"


def active_class_model(directory: Path) -> Path | None:
    """The weights of the class model in use (installed by classroom/models.py), or None: the shipped model."""
    path = class_models_dir(directory) / "class" / "learner.safetensors"
    return path if path.is_file() else None


def media_dir(directory: Path) -> Path:
    return directory / "media"
