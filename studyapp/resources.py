"""Locations of the files shipped with StudyApp (decks, models, translations)."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    # A frozen build unpacks resources next to the bundled modules (PyInstaller's _MEIPASS).
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def decks_dir() -> Path:
    return resources_dir() / "decks"


def models_dir() -> Path:
    return resources_dir() / "models"
