"""What runs on every answer: load the shipped model, build one student's state, adapt, predict."""

from __future__ import annotations

import copy
import json
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import Any

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

__all__ = ["Answer", "AnswerLog", "ItemInfo", "ItemSet", "Learner", "ModelError", "StudentModel",
           "default_model_path"]
STATE_FORMAT = "studyapp-student"
# The saved state's memory tables (per-item memory states, the adaptation window); a state written with
# another version of them is rebuilt from the log.
TABLES_VERSION = "1"
CACHED_ITEM_SETS = 4  # the session scores a few sequences again and again (the deck, its due items)
# The per-student vector (10 numbers) adapts on the student's most recent answers, at most this many: at that
# many its prior weighs next to nothing, an adaptation step costs time in proportion to the answers it reads
# (about 65 ms per answer at 100k, `studyapp bench learner`), and a years-long history's oldest answers speak
# of an earlier student. Shorter histories adapt on every answer, as before.
ADAPT_WINDOW = 100_000
# The memory-curve refit of a huge history reads the whole answer sequences of the cards first answered most
# recently, as many cards as fit in this many answers (counting the first MAX_REVIEWS_PER_CARD of each, the
# ones a fit reads): a fit costs time and memory in proportion to its answers (about 1 s at 100k), a card's
# sequence must start at its first answer, and the newest cards describe how this student remembers now.
FIT_WINDOW = 100_000


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


@dataclass(frozen=True)
class AnswerLog:
    """Answers as columns, oldest first: a long history is read into arrays, not one object per answer.
    `item` indexes `infos`; `grade` holds 0 where an answer has none."""

    infos: list[ItemInfo]
    item: np.ndarray
    t: np.ndarray
    correct: np.ndarray
    grade: np.ndarray

    def __len__(self) -> int:
        return len(self.item)

    @classmethod
    def of(cls, answers: Sequence[Answer]) -> AnswerLog:
        index: dict[ItemInfo, int] = {}
        n = len(answers)
        item = np.fromiter((index.setdefault(a.item, len(index)) for a in answers), dtype=np.int64, count=n)
        return cls(list(index), item, np.fromiter((a.timestamp_s for a in answers), dtype=np.float64, count=n),
                   np.fromiter((a.correct for a in answers), dtype=np.int64, count=n),
                   np.fromiter((a.grade or 0 for a in answers), dtype=np.int64, count=n))


def default_model_path() -> Path:
    from studyapp.resources import models_dir

    return models_dir() / f"{MODEL_NAME}.safetensors"



class Learner:
    """The shared population model; hands out one StudentModel per student."""

    def __init__(self, card: dict[str, Any], params: dict[str, torch.Tensor]):
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

    def student(self, history: Sequence[Answer] | AnswerLog, state: bytes | None = None) -> StudentModel:
        """A student built from the whole history; `state` gives the adapted vector and memory curve
        (its memory tables, if it has them, are not read: every memory state is rebuilt)."""
        return StudentModel(self, history, state)

    def resume(self, state: bytes) -> tuple[StudentModel, dict[str, int]] | None:
        """The student as saved with its memory tables, and the marker of the answers they cover (as given
        to `state_bytes`); None when the state has no tables of this version, or they were built with other
        study days (another time zone): then the student is rebuilt from the log."""
        student = StudentModel(self, (), state)
        tables = student.read_tables(state)
        return (student, tables) if tables is not None else None

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

    def item_set(self, items: Sequence[ItemInfo] | ItemSet) -> ItemSet:
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
            backbone, residual, h = m.memory_terms(self.params, torch.from_numpy(feats), self.h_cols)
        return backbone.numpy(), residual.numpy(), h.numpy()


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


def _metadata(state: bytes) -> dict[str, str]:
    """The metadata of a safetensors blob (its header is a JSON object after an 8-byte length)."""
    (length,) = struct.unpack("<Q", state[:8])
    metadata = json.loads(bytes(state[8: 8 + length])).get("__metadata__") or {}
    return metadata if isinstance(metadata, dict) else {}


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
        stale: np.ndarray = ~fresh_enough
        return stale

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

    def __init__(self, width: int | None, dtype: type[np.generic]):
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

    def keep_last(self, n: int) -> None:
        """Drop all but the last n rows."""
        if self.n > n:
            self.data[:n] = self.data[self.n - n: self.n]
            self.n = n

    def copy(self) -> _Growable:
        twin = copy.copy(self)
        twin.data = self.data.copy()
        return twin

    @property
    def view(self) -> np.ndarray:
        return self.data[: self.n]


class StudentModel:
    """One student: per-item memory states from the history, and the adapted per-student parameters.

    Two time scales: `phi` (a small vector) is adapted after every answer, on the most recent ADAPT_WINDOW
    answers; the student's own FSRS-6 memory parameters (`memory_w`) are refitted now and then by
    `refit_memory` (slower: run it off the GUI thread), and every memory state is then rebuilt with them."""

    def __init__(self, learner: Learner, history: Sequence[Answer] | AnswerLog, state: bytes | None):
        self.learner = learner
        params = learner.params
        self.phi0 = params["phi0"].detach().clone()
        self.tau = params["log_tau"].exp()
        self.phi, self.memory_w, self.memory_answers = (self._read_state(state) if state is not None
                                                        else (self.phi0.clone(), feat.FSRS6_DEFAULT, 0))
        # A vector saved before adaptation was projected (or a prior mean outside the bounds) is brought in
        # before it predicts anything: recall must never rise with time (model.project).
        self.phi = m.project(self.phi, self.phi0)
        self.memory = feat.FsrsState(self.memory_w)
        self.steps = int(learner.config["steps"])
        self.day_start_s = feat.local_day_start_s()
        self._reset_rows()
        self.observe_all(history if isinstance(history, AnswerLog) else AnswerLog.of(history))

    def _reset_rows(self) -> None:
        self._rows: dict[str, int] = {}
        self._row_keys: list[str] = []  # the key of each memory row, in row order
        self._slots: dict[int, tuple[ItemSet, _Slots]] = {}  # by id(item set): rows follow new answers
        self._states = _Growable(feat.STATE_WIDTH, np.float64)
        self._count = 0  # answers folded into the memory states
        # Per answer of the adaptation window (and up to as many before it, dropped in one go now and then).
        width = len(self.phi0)
        self._base, self._design = _Growable(None, np.float32), _Growable(width, np.float32)
        self._guess, self._y = _Growable(None, np.float32), _Growable(None, np.float32)

    def _window(self) -> tuple[_Growable, ...]:
        return self._base, self._design, self._guess, self._y

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

    def read_tables(self, state: bytes) -> dict[str, int] | None:
        """Take the memory tables saved in `state` (which this student's parameters were read from) and
        return the marker saved with them; None, changing nothing, when there are none of this version or
        they cannot be used (the caller rebuilds them from the log)."""
        tensors, metadata = load_tensors(bytes(state)), _metadata(state)
        if metadata.get("tables") != TABLES_VERSION or "covers" not in metadata:
            return None
        try:
            names = json.loads(metadata["covers"])
            states, keys = tensors["states"].numpy(), json.loads(bytes(tensors["row_keys"].numpy()))
            window = [tensors[name].numpy() for name in ("base", "design", "guess", "y")]
            count, day_start = int(tensors["n_answers"].item()), float(tensors["day_start"].item())
            covers = dict(zip(names, tensors["covers"].tolist()))
        except (KeyError, TypeError, ValueError, RuntimeError):
            return None  # the tables are a cache of the log: rebuilt, not refused
        n_window = min(count, ADAPT_WINDOW)
        fits = (states.ndim == 2 and states.shape[1] == feat.STATE_WIDTH and isinstance(keys, list)
                and len(keys) == len(states) and all(isinstance(key, str) for key in keys)
                and len(set(keys)) == len(keys) and np.isfinite(states).all()
                and window[1].shape == (n_window, len(self.phi0))
                and all(len(part) == n_window and np.isfinite(part).all() for part in window))
        if not fits or len(covers) != len(names) or day_start != self.day_start_s:
            return None  # damaged, or built with study days that start at another hour (the time zone changed)
        self._row_keys = keys
        self._rows = {key: row for row, key in enumerate(self._row_keys)}
        self._states.extend(states)
        for part, saved in zip(self._window(), window):
            part.extend(saved)
        self._count = count
        return covers

    def fit_memory(self, history: AnswerLog) -> bool:
        """Fit the student's own FSRS-6 parameters to `history` (the student's whole history: MAP, the
        population's prior; a huge one by its most recent cards, see FIT_WINDOW); False when they did not
        change. The memory states are left as they were: see refit_memory."""
        _, card_of_info = np.unique(np.array([info.key for info in history.infos], dtype=object),
                                    return_inverse=True)
        codes = card_of_info.reshape(-1)[history.item]  # by key: an edited item is still the same card
        cards = memory_fit.recent_cards(codes, FIT_WINDOW)
        grades = feat.grades_of(history.correct, history.grade)
        w = memory_fit.fit_answers(codes[cards], history.t[cards], grades[cards], self.day_start_s,
                                   start=self.memory_w)
        self.memory_answers = len(history)
        if w == self.memory_w:
            return False
        self.memory_w, self.memory = w, feat.FsrsState(w)
        return True

    def refit_memory(self, history: AnswerLog) -> bool:
        """fit_memory, then (when the parameters changed) rebuild every memory state from `history` with them
        and adapt phi again."""
        if not self.fit_memory(history):
            return False
        self._reset_rows()
        self.observe_all(history)
        self.adapt()
        return True

    def _rows_of(self, log: AnswerLog) -> np.ndarray:
        """The memory row of each of `log.infos`, new rows (never answered) added for the items that have none."""
        rows = np.empty(len(log.infos), dtype=np.int32)
        for k, info in enumerate(log.infos):
            row = self._rows.get(info.key)
            if row is None:
                row = self._rows[info.key] = len(self._row_keys)
                self._row_keys.append(info.key)
            rows[k] = row
        if len(self._row_keys) > self._states.n:
            self._states.extend(np.zeros((len(self._row_keys) - self._states.n, feat.STATE_WIDTH)))
        return rows

    def observe_all(self, log: AnswerLog) -> None:
        """Fold answers (after all those already folded in) into the memory states, and keep the adaptation
        terms of those that fall in the window. Not adapted here: call adapt()."""
        n = len(log)
        if not n:
            return
        rows = self._rows_of(log)[log.item]
        recent = max(0, n - ADAPT_WINDOW)  # older answers only move memory states: their terms are never read
        grades = feat.grades_of(log.correct, log.grade)
        before = feat.replay(self._states.view, rows, log.t, log.correct, grades, self.day_start_s, self.memory,
                             keep_from=recent)
        item, kind, guess = self.learner.encode(log.infos)
        which = log.item[recent:]
        base, design = self.learner.terms(feat.features(before, log.t[recent:], self.day_start_s, self.memory),
                                          item[which], kind[which])
        for part, rows_part in zip(self._window(), (base, design, guess[which],
                                                    log.correct[recent:].astype(np.float32))):
            part.extend(rows_part)
            if part.n >= 2 * ADAPT_WINDOW:
                part.keep_last(ADAPT_WINDOW)
        self._count += n

    def observe(self, answer: Answer) -> None:
        self.observe_all(AnswerLog.of([answer]))

    def copy(self) -> StudentModel:
        """An independent copy (the model and item sets shared): what a session keeps to undo answers."""
        twin = copy.copy(self)
        twin._rows, twin._row_keys, twin._slots = dict(self._rows), list(self._row_keys), {}
        twin._states = self._states.copy()
        twin._base, twin._design, twin._guess, twin._y = (part.copy() for part in self._window())
        twin.phi = self.phi.clone()
        return twin

    def item_student(self, key: str, extra: AnswerLog) -> StudentModel:
        """A student who knows only item `key`'s own answers (its memory state here) and then `extra`, with
        this student's adapted and memory parameters: it predicts `key` exactly as this one would after
        `extra`, at the cost of one memory row."""
        scratch = copy.copy(self)
        scratch._reset_rows()
        row = self._rows.get(key)
        if row is not None:
            scratch._rows, scratch._row_keys = {key: 0}, [key]
            scratch._states.extend(self._states.view[row: row + 1])
        scratch.observe_all(extra)
        return scratch

    def _tensors(self) -> tuple[torch.Tensor, ...]:
        """Base, design, guess and outcome rows of the adaptation window."""
        return tuple(torch.from_numpy(part.view[-ADAPT_WINDOW:]) for part in self._window())

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

    def _terms(self, items: Sequence[ItemInfo] | ItemSet, now_s: float,
               tolerance: float = 0.0) -> tuple[ItemSet, np.ndarray, np.ndarray, np.ndarray]:
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

    def _item_terms(self, items: Sequence[ItemInfo], now_s: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        item_set, inverse, base, memory = self._terms(items, now_s)
        design = np.concatenate([np.ones((len(inverse), 1), np.float32), item_set.loadings, memory[inverse]], axis=1)
        return base, design, item_set.guess

    def predict(self, items: Sequence[ItemInfo] | ItemSet, now_s: float, tolerance: float = 0.0) -> np.ndarray:
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
        p: np.ndarray = guess + (1.0 - guess) / (1.0 + np.exp(-z))
        return p

    def information(self, items: Sequence[ItemInfo], now_s: float) -> np.ndarray:
        """How much asking each item would tell about this student (for choosing test questions)."""
        from studyapp.learner.policy import information

        if not items:
            return np.zeros(0, dtype=np.float64)
        base, design, guess = (torch.from_numpy(a) for a in self._item_terms(items, now_s))
        h_base, h_design, h_guess, _ = self._tensors()
        return information(self.phi, self.tau, h_base, h_design, h_guess, base, design, guess).double().numpy()

    def state_bytes(self, covers: dict[str, int] | None = None) -> bytes:
        """The adapted vector and memory curve; with `covers` (a marker of the answers folded in, handed back
        by Learner.resume), the memory tables too, so that a session opens without reading the history."""
        tensors = {"phi": self.phi.float().contiguous(),
                   "memory": torch.tensor(self.memory_w, dtype=torch.float64),
                   "memory_answers": torch.tensor([self.memory_answers], dtype=torch.int64)}
        metadata = {"format": STATE_FORMAT}
        if covers is not None:
            keys = json.dumps(self._row_keys).encode("utf-8")
            tensors |= {"states": torch.from_numpy(self._states.view.copy()),
                        "row_keys": torch.frombuffer(bytearray(keys), dtype=torch.uint8),
                        "n_answers": torch.tensor([self._count], dtype=torch.int64),
                        "day_start": torch.tensor([self.day_start_s], dtype=torch.float64),
                        "covers": torch.tensor(list(covers.values()), dtype=torch.int64)}
            tensors |= {name: torch.from_numpy(part.view[-ADAPT_WINDOW:].copy())
                        for name, part in zip(("base", "design", "guess", "y"), self._window())}
            metadata |= {"tables": TABLES_VERSION, "covers": json.dumps(list(covers))}
        return save_tensors(tensors, metadata=metadata)

    @property
    def n_answers(self) -> int:
        return self._count
