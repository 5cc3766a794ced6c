"""Small sparse-vector helpers over hashed buckets (sorted int32 indices + float32 values)."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

import numpy as np

EMPTY_I = np.zeros(0, np.int32)
EMPTY_F = np.zeros(0, np.float32)


def add(ai: np.ndarray, av: np.ndarray, bi: np.ndarray, bv: np.ndarray, cap: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """a + b, optionally keeping only the ``cap`` largest entries (ties: smaller index first)."""
    if len(ai) == 0:
        idx, val = bi.copy(), bv.astype(np.float32, copy=True)
    elif len(bi) == 0:
        idx, val = ai, av
    else:
        cat_i = np.concatenate([ai, bi])
        cat_v = np.concatenate([av, bv]).astype(np.float64)
        idx, inv = np.unique(cat_i, return_inverse=True)
        val = np.bincount(inv, weights=cat_v, minlength=len(idx)).astype(np.float32)
    if cap is not None and len(idx) > cap:
        keep = np.sort(np.argsort(-val, kind="stable")[:cap])
        idx, val = idx[keep], val[keep]
    return idx, val


class Scratch:
    """A dense array to dot one sparse query against many sparse vectors quickly."""

    def __init__(self, size: int) -> None:
        self.dense = np.zeros(size, np.float32)
        self.idx = EMPTY_I

    def load(self, idx: np.ndarray, val: np.ndarray) -> None:
        self.dense[self.idx] = 0.0
        self.idx = idx
        self.dense[idx] = val

    def dot(self, idx: np.ndarray, val: np.ndarray) -> float:
        if len(idx) == 0:
            return 0.0
        return float(self.dense[idx] @ val)


def weighted(idx: np.ndarray, val: np.ndarray, idf: np.ndarray) -> tuple[np.ndarray, float]:
    """Values times IDF, and their norm."""
    w = val * idf[idx]
    return w, float(np.sqrt(w @ w)) if len(w) else 0.0


class PostingIndex:
    """Inverted index: posting key -> creation numbers (``seq``) of the items indexed under it, sorted.

    A lookup reads at most the ``cap`` newest items of each posting list, so the work per query is
    bounded however dense the stream gets; the contents are always a function of the items' keys
    (rebuilding from them gives the same index), so a resumed state behaves like an uninterrupted run.
    """

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.lists: dict[int, list[int]] = {}

    def add(self, keys: Iterable[int], seq: int) -> None:
        lists = self.lists
        for k in keys:
            lst = lists.get(k)
            if lst is None:
                lists[k] = [seq]
            elif lst[-1] < seq:
                lst.append(seq)
            else:
                bisect.insort(lst, seq)

    def remove(self, keys: Iterable[int], seq: int) -> None:
        lists = self.lists
        for k in keys:
            lst = lists.get(k)
            if lst is None:
                continue
            i = bisect.bisect_left(lst, seq)
            if i < len(lst) and lst[i] == seq:
                del lst[i]
                if not lst:
                    del lists[k]

    def hits(self, keys: Iterable[int]) -> Counter[int]:
        """How many of ``keys`` each item is indexed under (newest ``cap`` items per key)."""
        out: Counter[int] = Counter()
        get, cap = self.lists.get, self.cap
        for k in keys:
            lst = get(k)
            if lst:
                out.update(lst[-cap:] if len(lst) > cap else lst)
        return out

    def __len__(self) -> int:
        return len(self.lists)


def ranked(hits: Counter[int]) -> list[int]:
    """Item numbers by descending hit count, ties by creation order: a canonical order."""
    if not hits:
        return []
    seq = np.fromiter(hits.keys(), np.int64, len(hits))
    cnt = np.fromiter(hits.values(), np.int64, len(hits))
    return seq[np.lexsort((seq, -cnt))].tolist()
