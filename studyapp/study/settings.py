"""A profile's study settings, with their allowed ranges."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class StudySettings:
    target_retention: float = 0.90
    new_per_day: int = 20
    test_length: int = 10
    rollover_hour: int = 4
    backups_keep: int = 10

    RANGES = {
        "target_retention": (0.70, 0.97),
        "new_per_day": (0, 9999),
        "test_length": (1, 200),
        "rollover_hour": (0, 23),
        "backups_keep": (1, 1000),
    }

    def __post_init__(self) -> None:
        for name, (low, high) in self.RANGES.items():
            value = getattr(self, name)
            if not low <= value <= high:
                raise SettingsError(f"{name.replace('_', ' ')} must be between {low} and {high}, not {value}")

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> "StudySettings":
        known = {f.name for f in fields(cls)}
        kwargs: dict[str, Any] = {}
        for name, value in values.items():
            if name in known:
                kwargs[name] = float(value) if name == "target_retention" else int(value)
        return cls(**kwargs)

    def to_dict(self) -> dict[str, int | float]:
        return asdict(self)
