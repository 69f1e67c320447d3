"""Model files: safetensors weights beside a JSON card; reading checks everything and never unpickles."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

from studyapp.learner.features import N_FEATURES
from studyapp.learner.model import H_COLS, N_KINDS, ModelConfig, param_shapes

FORMAT = "studyapp-learner"
VERSION = 1
MODEL_NAME = "learner"
# Plausible ranges: values outside them mean a damaged or hostile file, not a model.
LIMITS = {"log_tau": 12.0, "phi0": 50.0}
DEFAULT_LIMIT = 100.0


class ModelError(Exception):
    """A model or state that cannot be used; the message is one sentence for the user."""


def card_path(weights: Path) -> Path:
    return weights.with_suffix(".json")


def save_model(path: Path, params: dict[str, torch.Tensor], config: ModelConfig, items: list[str],
               card: dict[str, Any]) -> dict[str, Any]:
    data = save_tensors({k: v.detach().float().contiguous() for k, v in params.items()})
    card = dict(card, format=FORMAT, version=VERSION, config=config, items=items,
                sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    card_path(path).write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return card


def _read_card(path: Path) -> dict[str, Any]:
    cpath = card_path(path)
    try:
        card = json.loads(cpath.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"the model card {cpath} is missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"the model card {cpath} cannot be read ({exc.__class__.__name__})") from None
    if not isinstance(card, dict) or card.get("format") != FORMAT:
        raise ModelError(f"{cpath} is not a StudyApp learner model card")
    if card.get("version") != VERSION:
        raise ModelError(f"{cpath} has model version {card.get('version')!r}; this StudyApp reads version {VERSION}")
    config, items = card.get("config"), card.get("items")
    if not isinstance(config, dict) or not isinstance(items, list) or config.get("n_items") != len(items):
        raise ModelError(f"{cpath} has an invalid configuration or item list")
    if not _config_ok(config) or not all(isinstance(k, str) for k in items):
        raise ModelError(f"{cpath} has an invalid configuration or item list")
    return card


def _config_ok(config: dict[str, Any]) -> bool:
    ints = ("n_items", "dim", "hidden", "n_features", "steps", "n_kinds")
    if not all(isinstance(config.get(k), int) and config[k] >= 0 for k in ints):
        return False
    cols = config.get("h_cols")
    return (config["steps"] <= 5 and config["n_features"] == N_FEATURES and config["n_kinds"] == N_KINDS
            and cols == list(H_COLS))  # the adaptation's monotone projection knows where the time columns sit


def read_model(path: Path) -> tuple[dict[str, Any], dict[str, torch.Tensor]]:
    """The card and the parameter tensors of a model file, or ModelError with one clear sentence."""
    card = _read_card(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ModelError(f"the model file {path} is missing") from None
    except OSError as exc:
        raise ModelError(f"the model file {path} cannot be read ({exc.strerror})") from None
    if len(data) != card.get("bytes"):
        raise ModelError(f"the model file {path} is truncated or the wrong size")
    if hashlib.sha256(data).hexdigest() != card.get("sha256"):
        raise ModelError(f"the model file {path} does not match its card (damaged or tampered)")
    try:
        params = load_tensors(data)
        expected = param_shapes(card["config"])
    except (SafetensorError, KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"the model file {path} cannot be decoded ({exc.__class__.__name__})") from None
    if set(params) != set(expected):
        raise ModelError(f"the model file {path} does not hold the expected tensors")
    for name, shape in expected.items():
        tensor = params[name]
        if tuple(tensor.shape) != shape or tensor.dtype != torch.float32:
            raise ModelError(f"the tensor {name} in {path} has the wrong shape or type")
        limit = LIMITS.get(name, DEFAULT_LIMIT)
        if tensor.numel() and not (torch.isfinite(tensor).all() and tensor.abs().max() <= limit):
            raise ModelError(f"the tensor {name} in {path} holds values out of range")
    return card, params


def record_metrics(path: Path, name: str, metrics: dict[str, Any]) -> None:
    """Store measured figures in a model's card (the weights and their checksum are untouched)."""
    card = _read_card(path)
    card.setdefault("metrics", {})[name] = metrics
    card_path(path).write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")
