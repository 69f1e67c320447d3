"""What runs on every answer: load the shipped model, build one student's state, adapt, predict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

from studyapp.learner import features as feat
from studyapp.learner import model as m
from studyapp.learner.modelfile import MODEL_NAME, ModelError, read_model

__all__ = ["Answer", "ItemInfo", "Learner", "ModelError", "StudentModel", "default_model_path"]
STATE_FORMAT = "studyapp-student"


@dataclass(frozen=True)
class ItemInfo:
    key: str
    kind: str
    n_options: int
    skill: str = ""


@dataclass(frozen=True)
class Answer:
    item: ItemInfo
    timestamp_s: float
    correct: int
    grade: int | None


def default_model_path() -> Path:
    from studyapp.resources import models_dir

    return models_dir() / f"{MODEL_NAME}.safetensors"


def guess_of(kind: str, n_options: int) -> float:
    """The chance of a correct answer by guessing: 1/options for multiple choice, 1/2 for true/false."""
    if kind == "choice" and n_options >= 2:
        return 1.0 / n_options
    if kind == "truefalse":
        return 0.5
    return 0.0


class Learner:
    """The shared population model; hands out one StudentModel per student."""

    def __init__(self, card: dict, params: dict[str, torch.Tensor]):
        self.card = card
        self.params = params
        self.config = card["config"]
        self.item_index = {key: i for i, key in enumerate(card["items"])}
        self.h_cols = tuple(self.config["h_cols"])

    @classmethod
    def load(cls, path: Path | None = None) -> Learner:
        card, params = read_model(Path(path) if path is not None else default_model_path())
        return cls(card, params)

    def student(self, history: Sequence[Answer], state: bytes | None = None) -> StudentModel:
        return StudentModel(self, history, state)

    def encode(self, items: Sequence[ItemInfo]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Population item index (-1 unknown), kind index and guess floor per item."""
        index, kinds = self.item_index, m.KIND_INDEX
        rows = [(index.get(it.key, -1), kinds.get(it.kind, m.OTHER_KIND), guess_of(it.kind, it.n_options))
                for it in items]
        if not rows:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
        a = np.asarray(rows, dtype=np.float64)
        return a[:, 0].astype(np.int64), a[:, 1].astype(np.int64), a[:, 2].astype(np.float32)

    def terms(self, feats: np.ndarray, item: np.ndarray, kind: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with torch.no_grad():
            base, design = m.row_terms(self.params, torch.from_numpy(feats), torch.from_numpy(item),
                                       torch.from_numpy(kind), self.h_cols)
        return base.numpy(), design.numpy()


class _Growable:
    """A numpy array that grows by doubling, so appending one answer is cheap."""

    def __init__(self, width: int | None, dtype):
        shape = (64,) if width is None else (64, width)
        self.data = np.zeros(shape, dtype=dtype)
        self.n = 0

    def extend(self, rows: np.ndarray) -> None:
        need = self.n + len(rows)
        if need > len(self.data):
            new = np.zeros((max(need, 2 * len(self.data)),) + self.data.shape[1:], dtype=self.data.dtype)
            new[: self.n] = self.data[: self.n]
            self.data = new
        self.data[self.n: need] = rows
        self.n = need

    @property
    def view(self) -> np.ndarray:
        return self.data[: self.n]


class StudentModel:
    """One student: per-item memory states from the history, and the adapted per-student parameters."""

    def __init__(self, learner: Learner, history: Sequence[Answer], state: bytes | None):
        self.learner = learner
        params = learner.params
        self.phi0 = params["phi0"].detach().clone()
        self.tau = params["log_tau"].exp()
        self.phi = self._read_state(state) if state is not None else self.phi0.clone()
        self.steps = int(learner.config["steps"])
        self._rows: dict[str, int] = {}
        self._states = _Growable(feat.STATE_WIDTH, np.float64)
        width = len(self.phi0)
        self._base, self._design = _Growable(None, np.float32), _Growable(width, np.float32)
        self._guess, self._y = _Growable(None, np.float32), _Growable(None, np.float32)
        self._extend(list(history))

    def _read_state(self, state: bytes) -> torch.Tensor:
        try:
            phi = load_tensors(bytes(state))["phi"]
        except (SafetensorError, KeyError, TypeError, ValueError):
            raise ModelError("the saved student state cannot be decoded") from None
        if phi.shape != self.phi0.shape or phi.dtype != torch.float32 or not torch.isfinite(phi).all():
            raise ModelError("the saved student state does not fit this model (wrong shape or values)")
        return phi.clone()

    def _extend(self, answers: list[Answer]) -> None:
        if not answers:
            return
        rows = np.empty(len(answers), dtype=np.int64)
        for k, answer in enumerate(answers):
            row = self._rows.get(answer.item.key)
            if row is None:
                row = self._rows[answer.item.key] = self._states.n
                self._states.extend(np.zeros((1, feat.STATE_WIDTH)))
            rows[k] = row
        table = self._states.view
        before = np.empty((len(answers), feat.STATE_WIDTH))
        times = np.empty(len(answers))
        for k, (row, answer) in enumerate(zip(rows.tolist(), answers)):
            before[k] = table[row]
            times[k] = answer.timestamp_s
            feat.advance(table[row], float(answer.timestamp_s), int(answer.correct), answer.grade)
        item, kind, guess = self.learner.encode([a.item for a in answers])
        base, design = self.learner.terms(feat.features(before, times), item, kind)
        self._base.extend(base)
        self._design.extend(design)
        self._guess.extend(guess)
        self._y.extend(np.asarray([a.correct for a in answers], dtype=np.float32))

    def observe(self, answer: Answer) -> None:
        self._extend([answer])

    def _tensors(self):
        return (torch.from_numpy(self._base.view), torch.from_numpy(self._design.view),
                torch.from_numpy(self._guess.view), torch.from_numpy(self._y.view))

    def adapt(self) -> None:
        if self._y.n == 0:
            return
        base, design, guess, y = self._tensors()
        self.phi = m.safe_adapt(self.phi, self.phi0, self.tau, base, design, guess, y, self.steps)

    def _item_terms(self, items: Sequence[ItemInfo], now_s: float, fresh: bool = False):
        rows = {} if fresh else self._rows
        idx = np.fromiter((rows.get(it.key, -1) for it in items), dtype=np.int64, count=len(items))
        table = np.vstack([self._states.view, np.zeros((1, feat.STATE_WIDTH))])  # row -1: a new item
        feats = feat.features(table[idx], float(now_s))
        item, kind, guess = self.learner.encode(items)
        base, design = self.learner.terms(feats, item, kind)
        return base, design, guess

    def predict(self, items: Sequence[ItemInfo], now_s: float, fresh: bool = False) -> np.ndarray:
        """p(correct) now. With `fresh`, as if the student had never met these items: what the student
        knows, without the short-term memory of having just answered them (a test's mastery)."""
        if not items:
            return np.zeros(0, dtype=np.float64)
        base, design, guess = self._item_terms(items, now_s, fresh)
        z = base.astype(np.float64) + design.astype(np.float64) @ self.phi.double().numpy()
        return guess + (1.0 - guess) / (1.0 + np.exp(-z))

    def information(self, items: Sequence[ItemInfo], now_s: float) -> np.ndarray:
        """How much asking each item would tell about this student (for choosing test questions)."""
        from studyapp.learner.policy import information

        if not items:
            return np.zeros(0, dtype=np.float64)
        base, design, guess = (torch.from_numpy(a) for a in self._item_terms(items, now_s))
        h_base, h_design, h_guess, _ = self._tensors()
        return information(self.phi, self.tau, h_base, h_design, h_guess, base, design, guess).double().numpy()

    def state_bytes(self) -> bytes:
        return save_tensors({"phi": self.phi.float().contiguous()}, metadata={"format": STATE_FORMAT})

    @property
    def n_answers(self) -> int:
        return self._y.n
