"""Locations of the files shipped with StudyApp (decks, models, translations).

The source of truth is the top-level `resources/` folder of the source tree. A wheel carries the same files
as package data in `studyapp/resources/` (pyproject.toml maps that folder there), read through
importlib.resources; a frozen build unpacks them next to the bundled modules.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)  # PyInstaller's unpacked bundle
    if frozen_root:
        return Path(frozen_root) / "resources"
    packaged = resources.files("studyapp") / "resources"
    # An installed wheel is unpacked on disk, so its package data is a real folder (Qt and glob need paths).
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "resources"


def decks_dir() -> Path:
    return resources_dir() / "decks"


def models_dir() -> Path:
    return resources_dir() / "models"
