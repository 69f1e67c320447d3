"""What runs on every answer: load the shipped model, build one student's state, adapt, predict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter
from pathlib import Path

import numpy as np
import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

from studyapp.content.model import guess_chance
from studyapp.learner import features as feat
from studyapp.learner import memory_fit
from studyapp.learner import model as m
from studyapp.learner.modelfile import MODEL_NAME, ModelError, read_model

__all__ = ["Answer", "ItemInfo", "ItemSet", "Learner", "ModelError", "StudentModel", "default_model_path"]
STATE_FORMAT = "studyapp-student"
CACHED_ITEM_SETS = 4  # the session scores a few sequences again and again (the deck, its due items)


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



class Learner:
    """The shared population model; hands out one StudentModel per student."""

    def __init__(self, card: dict, params: dict[str, torch.Tensor]):
        self.card = card
        self.params = params
        self.config = card["config"]
        self.item_index = {key: i for i, key in enumerate(card["items"])}
        self.h_cols = tuple(self.config["h_cols"])
        self._item_sets: list[ItemSet] = []

    @classmethod
    def load(cls, path: Path | None = None) -> Learner:
        card, params = read_model(Path(path) if path is not None else default_model_path())
        return cls(card, params)

    def student(self, history: Sequence[Answer], state: bytes | None = None) -> StudentModel:
        return StudentModel(self, history, state)

    def encode(self, items: Sequence[ItemInfo]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Population item index (-1 unknown), kind index and guess floor per item."""
        n = len(items)
        keys = map(attrgetter("key"), items)
        item = np.fromiter(map(self.item_index.get, keys, repeat(-1, n)), dtype=np.int64, count=n)
        kinds = list(map(attrgetter("kind"), items))
        kind = np.fromiter(map(m.KIND_INDEX.get, kinds, repeat(m.OTHER_KIND, n)), dtype=np.int64, count=n)
        options = map(attrgetter("n_options"), items)
        return item, kind, np.fromiter(map(guess_chance, kinds, options), dtype=np.float32, count=n)

    def terms(self, feats: np.ndarray, item: np.ndarray, kind: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with torch.no_grad():
            base, design = m.row_terms(self.params, torch.from_numpy(feats), torch.from_numpy(item),
                                       torch.from_numpy(kind), self.h_cols)
        return base.numpy(), design.numpy()

    def item_set(self, items: Sequence[ItemInfo]) -> ItemSet:
        """The static arrays of `items`, reused when the same items (equal, in the same order) come again."""
        if isinstance(items, ItemSet):
            return items
        items = items if isinstance(items, list) else list(items)
        for k, cached in enumerate(self._item_sets):
            # Lists compare element identity first, so the same ItemInfo objects compare at C speed.
            if len(cached.items) == len(items) and cached.items == items:
                self._item_sets.insert(0, self._item_sets.pop(k))
                return cached
        made = ItemSet(self, items)
        self._item_sets = [made] + self._item_sets[: CACHED_ITEM_SETS - 1]
        return made

    def memory_terms(self, feats: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        with torch.no_grad():
            terms = m.memory_terms(self.params, torch.from_numpy(feats), self.h_cols)
        return tuple(t.numpy() for t in terms)


class ItemSet:
    """A sequence of items with what scoring needs of each that never changes: computed once, so scoring
    the same deck again only computes the memory features (per memory row, not per item)."""

    def __init__(self, learner: Learner, items: Sequence[ItemInfo]):
        self.items = list(items)  # a copy: the caller may change its list later
        items = self.items
        self.keys = [it.key for it in items]
        item, kind, self.guess = learner.encode(items)
        with torch.no_grad():
            base, loadings = m.item_terms(learner.params, torch.from_numpy(item), torch.from_numpy(kind))
        self.base = base.numpy()  # float32, as the population model computes it
        self.anchored = m.anchored(torch.from_numpy(item), torch.from_numpy(kind)).numpy()
        self.loadings = loadings.numpy()
        self.loadings64 = self.loadings.astype(np.float64)
        self._positions: dict[str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.items)

    def positions(self, key: str) -> list[int]:
        """Where `key` occurs in the sequence (an item may be listed twice)."""
        if self._positions is None:
            self._positions = {}
            for k, item_key in enumerate(self.keys):
                self._positions.setdefault(item_key, []).append(k)
        return self._positions.get(key, [])


class _Slots:
    """Which memory row each item of an item set reads (-1: never answered). Items share rows, so the
    features are computed once per slot and spread to the items through `inverse`."""

    def __init__(self, slots: np.ndarray, inverse: np.ndarray, n_rows: int):
        self.slots, self.inverse, self.n_rows = slots, inverse, n_rows
        # Terms kept for predict(..., tolerance=...): per slot the backbone, correction and memory columns,
        # the moment they were computed for (NaN: never), the row's answer count and the study day then.
        self.kept: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self.at = self.count = self.day = np.zeros(0)

    def stale(self, table: np.ndarray, now_s: float, day: float, tolerance: float) -> np.ndarray:
        """Slots whose kept terms may have moved by more than `tolerance` allows: never computed, answered
        since, another study day, or a time since the last answer that moved by more than that fraction
        (a slot never answered does not depend on time)."""
        grow = len(self.slots) - len(self.at)
        if grow > 0:
            self.at = np.concatenate([self.at, np.full(grow, np.nan)])
            self.count = np.concatenate([self.count, np.zeros(grow)])
            self.day = np.concatenate([self.day, np.zeros(grow)])
        seen = self.slots >= 0
        count = np.zeros(len(self.slots))
        last = np.zeros(len(self.slots))
        count[seen] = table[self.slots[seen], 0]
        last[seen] = table[self.slots[seen], 3]
        since = np.where(seen, self.at - last, np.inf)
        fresh_enough = (np.abs(now_s - self.at) <= tolerance * since) & (self.count == count) & (self.day == day)
        self.count = count
        return ~fresh_enough

    @classmethod
    def of(cls, item_set: ItemSet, rows: dict[str, int]) -> _Slots:
        n = len(item_set)
        rows_of = np.fromiter(map(rows.get, item_set.keys, repeat(-1, n)), dtype=np.int64, count=n)
        slots, inverse = np.unique(rows_of, return_inverse=True)
        return cls(slots, inverse.reshape(-1), len(rows))

    def follow(self, item_set: ItemSet, row_keys: list[str]) -> None:
        """Give the items answered since the last call their new memory rows (rows are only ever added)."""
        for row in range(self.n_rows, len(row_keys)):
            where = item_set.positions(row_keys[row])
            if where:
                self.inverse[where] = len(self.slots)
                self.slots = np.append(self.slots, row)
        self.n_rows = len(row_keys)


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
    """One student: per-item memory states from the history, and the adapted per-student parameters.

    Two time scales: `phi` (a small vector) is adapted after every answer; the student's own FSRS-6 memory
    parameters (`memory_w`) are refitted now and then by `refit_memory` (slower: run it off the GUI thread),
    and every memory state is then rebuilt with them."""

    def __init__(self, learner: Learner, history: Sequence[Answer], state: bytes | None):
        self.learner = learner
        params = learner.params
        self.phi0 = params["phi0"].detach().clone()
        self.tau = params["log_tau"].exp()
        self.phi, self.memory_w, self.memory_answers = (self._read_state(state) if state is not None
                                                        else (self.phi0.clone(), feat.FSRS6_DEFAULT, 0))
        self.memory = feat.FsrsState(self.memory_w)
        self.steps = int(learner.config["steps"])
        self.day_start_s = feat.local_day_start_s()
        self._answers: list[Answer] = []
        self._reset_rows()
        self._extend(list(history))

    def _reset_rows(self) -> None:
        self._rows: dict[str, int] = {}
        self._row_keys: list[str] = []  # the key of each memory row, in row order
        self._slots: dict[int, tuple[ItemSet, _Slots]] = {}  # by id(item set): rows follow new answers
        self._states = _Growable(feat.STATE_WIDTH, np.float64)
        width = len(self.phi0)
        self._base, self._design = _Growable(None, np.float32), _Growable(width, np.float32)
        self._guess, self._y = _Growable(None, np.float32), _Growable(None, np.float32)

    def _read_state(self, state: bytes) -> tuple[torch.Tensor, tuple[float, ...], int]:
        try:
            tensors = load_tensors(bytes(state))
            phi = tensors["phi"]
        except (SafetensorError, KeyError, TypeError, ValueError):
            raise ModelError("the saved student state cannot be decoded") from None
        if phi.shape != self.phi0.shape or phi.dtype != torch.float32 or not torch.isfinite(phi).all():
            raise ModelError("the saved student state does not fit this model (wrong shape or values)")
        memory, fitted_on = tensors.get("memory"), tensors.get("memory_answers")
        if memory is None or fitted_on is None:  # saved before memory curves were fitted per student
            return phi.clone(), feat.FSRS6_DEFAULT, 0
        w = tuple(memory.double().tolist()) if memory.dim() == 1 else ()
        if not memory_fit.is_valid(w) or fitted_on.numel() != 1 or not 0 <= int(fitted_on.item()) < 2 ** 40:
            raise ModelError("the saved student state holds memory parameters out of range")
        return phi.clone(), w, int(fitted_on.item())

    def refit_memory(self) -> bool:
        """Fit the student's own FSRS-6 parameters to the whole history (MAP, the population's prior), rebuild
        every memory state with them and adapt phi again; False when they did not change."""
        answers = self._answers
        w = memory_fit.fit_answers([a.item.key for a in answers], [a.timestamp_s for a in answers],
                                   [feat.grade_of(a.correct, a.grade) for a in answers], self.day_start_s,
                                   start=self.memory_w)
        self.memory_answers = len(answers)
        if w == self.memory_w:
            return False
        self.memory_w, self.memory = w, feat.FsrsState(w)
        self._answers = []
        self._reset_rows()
        self._extend(answers)
        self.adapt()
        return True

    def _extend(self, answers: list[Answer]) -> None:
        if not answers:
            return
        self._answers.extend(answers)
        rows = np.empty(len(answers), dtype=np.int64)
        for k, answer in enumerate(answers):
            row = self._rows.get(answer.item.key)
            if row is None:
                row = self._rows[answer.item.key] = self._states.n
                self._row_keys.append(answer.item.key)
                self._states.extend(np.zeros((1, feat.STATE_WIDTH)))
            rows[k] = row
        table = self._states.view
        before = np.empty((len(answers), feat.STATE_WIDTH))
        times = np.empty(len(answers))
        for k, (row, answer) in enumerate(zip(rows.tolist(), answers)):
            before[k] = table[row]
            times[k] = answer.timestamp_s
            feat.advance(table[row], float(answer.timestamp_s), int(answer.correct), answer.grade, self.day_start_s,
                         self.memory)
        item, kind, guess = self.learner.encode([a.item for a in answers])
        base, design = self.learner.terms(feat.features(before, times, self.day_start_s, self.memory), item, kind)
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

    def _slots_for(self, item_set: ItemSet) -> _Slots:
        cached = self._slots.get(id(item_set))
        if cached is None or cached[0] is not item_set:
            if len(self._slots) >= CACHED_ITEM_SETS:
                self._slots.pop(next(iter(self._slots)))
            cached = self._slots[id(item_set)] = (item_set, _Slots.of(item_set, self._rows))
        cached[1].follow(item_set, self._row_keys)
        return cached[1]

    def _rows_terms(self, rows: np.ndarray, now_s: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Backbone, correction and memory columns of memory rows (-1: never answered) at `now_s`."""
        states = np.zeros((len(rows), feat.STATE_WIDTH))
        seen = rows >= 0
        states[seen] = self._states.view[rows[seen]]
        return self.learner.memory_terms(feat.features(states, float(now_s), self.day_start_s, self.memory))

    def _slot_terms(self, slots: _Slots, now_s: float, tolerance: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Backbone, correction and memory columns per slot at `now_s`; with a tolerance, only the stale
        slots are computed again and the others keep their terms."""
        if tolerance <= 0:
            return self._rows_terms(slots.slots, now_s)
        day = float(feat.day_number(now_s, self.day_start_s))
        stale = slots.stale(self._states.view, float(now_s), day, tolerance)
        if slots.kept is None or len(slots.kept[0]) < len(slots.slots):
            old, n = slots.kept, len(slots.slots)
            width = len(self.learner.h_cols)
            slots.kept = (np.zeros(n, np.float32), np.zeros(n, np.float32), np.zeros((n, width), np.float32))
            if old is not None:
                for new_part, old_part in zip(slots.kept, old):
                    new_part[: len(old_part)] = old_part
        if stale.any():
            where = np.flatnonzero(stale)
            for kept, fresh in zip(slots.kept, self._rows_terms(slots.slots[where], now_s)):
                kept[where] = fresh
            slots.at[where] = now_s
            slots.day[where] = day
        return slots.kept

    def _terms(self, items: Sequence[ItemInfo], now_s: float, tolerance: float = 0.0):
        """The item set, each item's slot, the population logit (N,) and the memory columns per slot."""
        item_set = self.learner.item_set(items)
        slots = self._slots_for(item_set)
        backbone, residual, memory = self._slot_terms(slots, now_s, tolerance)
        inverse = slots.inverse
        correction = residual[inverse]
        if item_set.anchored.any():
            with torch.no_grad():  # per memory row, then picked per item
                anchor = torch.ones(len(memory), dtype=torch.bool)
                cancel = m.memory_correction(self.learner.params, anchor, torch.from_numpy(residual),
                                             torch.from_numpy(memory)).numpy()
            correction = np.where(item_set.anchored, cancel[inverse], correction)
        base = item_set.base + backbone[inverse] + correction  # summed in row_terms' order
        return item_set, inverse, base, memory

    def _item_terms(self, items: Sequence[ItemInfo], now_s: float):
        item_set, inverse, base, memory = self._terms(items, now_s)
        design = np.concatenate([np.ones((len(inverse), 1), np.float32), item_set.loadings, memory[inverse]], axis=1)
        return base, design, item_set.guess

    def predict(self, items: Sequence[ItemInfo], now_s: float, tolerance: float = 0.0) -> np.ndarray:
        """p(correct) at `now_s`. `items` may be an ItemSet; scoring the same items again reuses their static arrays.

        With a `tolerance` (a session scoring its deck before every choice), an item's memory terms
        computed at an earlier call are reused while the time since its last answer has grown by less
        than that fraction, with no answer and no new study day since: recall then moves by about the
        tolerance times its slope in log time (0.001: well under 0.001 in p), and rescoring a deck costs
        only the items answered in the last moments. The adapted parameters always apply exactly."""
        if not len(items):
            return np.zeros(0, dtype=np.float64)
        item_set, inverse, base, memory = self._terms(items, now_s, tolerance)
        phi = self.phi.double().numpy()
        d = item_set.loadings.shape[1]
        # base + design @ phi, with the memory columns' share computed once per slot.
        memory_z = memory.astype(np.float64) @ phi[1 + d:]
        z = base.astype(np.float64) + phi[0] + item_set.loadings64 @ phi[1: 1 + d] + memory_z[inverse]
        guess = item_set.guess
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
        return save_tensors({"phi": self.phi.float().contiguous(),
                             "memory": torch.tensor(self.memory_w, dtype=torch.float64),
                             "memory_answers": torch.tensor([self.memory_answers], dtype=torch.int64)},
                            metadata={"format": STATE_FORMAT})

    @property
    def n_answers(self) -> int:
        return self._y.n
