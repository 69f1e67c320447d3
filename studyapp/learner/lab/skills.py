"""Item difficulty pooled by skill: what the items of a skill share is learned from all their answers together.

Used where a model learns the difficulty of many rarely answered items: the quiz track's training students and
a class's pooled answers (whose new students mostly meet items no classmate answered, but skills they did).
"""

from __future__ import annotations

import numpy as np

STEADY_ANSWERS = 50  # items answered this often show how far a skill's items really spread around its mean


def skill_index(items: list[str], skills: dict[str, str], only: np.ndarray | None = None) -> np.ndarray:
    """Each item's skill as an index (-1: untagged, or not among `only`, a boolean mask over the items)."""
    tags = {tag: k for k, tag in enumerate(sorted(set(skills.values())))}
    index = np.array([tags.get(skills.get(item, ""), -1) for item in items], dtype=np.int64)
    if only is not None:
        index[~only] = -1
    return index


def shrink_to_skills(b: np.ndarray, counts: np.ndarray, skill: np.ndarray, accuracy: float,
                     default: float = 0.0) -> np.ndarray:
    """Empirical Bayes: each item's difficulty (logit, higher = easier) moved towards its skill's mean as far as
    its few answers leave it uncertain. An item answered n times is known to about 1 / (n p (1 - p)) in
    variance; the items of a skill spread around its mean by a variance measured on well-answered items.
    An unanswered item takes its skill's mean, and a skill nobody answered has mean `default`."""
    out = b.copy()
    tagged = skill >= 0
    if not tagged.any():
        return out
    with np.errstate(divide="ignore"):
        noise = 1.0 / (counts * accuracy * (1.0 - accuracy))
    weights = np.bincount(skill[tagged], weights=counts[tagged].astype(np.float64))
    sums = np.bincount(skill[tagged], weights=(b * counts)[tagged])
    mean = np.full_like(sums, default)
    np.divide(sums, weights, out=mean, where=weights > 0)
    offset = b - np.where(tagged, mean[np.maximum(skill, 0)], 0.0)
    steady = tagged & (counts >= STEADY_ANSWERS)
    spread = max(float(np.mean(offset[steady] ** 2 - noise[steady])), 0.05) if steady.any() else 1.0
    keep = spread / (spread + noise)
    out[tagged] = mean[skill[tagged]] + keep[tagged] * offset[tagged]
    return out
