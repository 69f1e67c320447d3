"""Log loss, AUC, accuracy and the srs-benchmark's RMSE(bins)."""

from __future__ import annotations

import numpy as np


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    y = np.asarray(y, dtype=np.float64)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def auc(y: np.ndarray, p: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney, ties counted half); NaN when only one class is present."""
    y = np.asarray(y)
    p = np.asarray(p, dtype=np.float64)
    n_pos, n_neg = int((y == 1).sum()), int((y == 0).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p), dtype=np.float64)
    sorted_p = p[order]
    # Average ranks over ties.
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_p)) + 1]
    ends = np.r_[starts[1:], len(p)]
    for s, e in zip(starts, ends):
        ranks[order[s:e]] = (s + e + 1) / 2.0
    return float((ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def accuracy(y: np.ndarray, p: np.ndarray) -> float:
    return float(np.mean((np.asarray(p) >= 0.5) == (np.asarray(y) == 1)))


def _bin(x: np.ndarray, scale: float, base: float, digits: int) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    out = np.zeros_like(x)
    pos = x > 0
    out[pos] = np.round(scale * base ** np.floor(np.log(x[pos]) / np.log(base)), digits)
    return out


def rmse_bins(y: np.ndarray, p: np.ndarray, delta_days: np.ndarray, review_no: np.ndarray, lapses: np.ndarray) -> float:
    """RMSE between mean prediction and mean outcome over bins of (days since last review, review number, lapses),
    weighted by bin size, with the srs-benchmark's geometric binning."""
    keys = np.stack([_bin(delta_days, 2.48, 3.62, 2), _bin(review_no, 1.99, 1.89, 0), _bin(lapses, 1.65, 1.73, 0)], 1)
    _, inverse, counts = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    mean_y = np.bincount(inverse, weights=np.asarray(y, dtype=np.float64)) / counts
    mean_p = np.bincount(inverse, weights=np.asarray(p, dtype=np.float64)) / counts
    return float(np.sqrt(np.sum(counts * (mean_y - mean_p) ** 2) / counts.sum()))
