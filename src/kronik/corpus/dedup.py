"""Exact and near-duplicate detection: ``duplicate_of`` = the earliest published copy.

* **Exact copies**: the same normalised body (lowercased word tokens) hash; found at any time distance.
* **Near copies** (syndicated wire text with light edits, dropped or added
  paragraphs, different boilerplate left by extraction): MinHash LSH over word
  shingles, then every candidate pair is **verified** on the full signature:
  estimated Jaccard at least ``dup_jaccard``, or estimated containment of the
  shorter body in the longer at least ``dup_containment`` when the shorter has
  at least ``dup_min_ratio`` of the longer's shingles; and the later article
  adds at most ``dup_max_new_share`` of its shingles that the earlier lacks
  (a follow-up that reuses the first report's paragraphs as background and
  adds the new fact is not a copy: it joins the event instead).  Only pairs
  published within ``dup_window_days`` are considered.

LSH is vectorised over a whole batch: for every band the band keys of the
batch (and of the recent articles kept in the state) are sorted; within a run
of equal keys each article is paired with the run's earliest member and with
its predecessor, which finds the group's original without generating every
pair of a large group.  Articles are then settled in publication order: an
article's root is the earliest root among its verified earlier matches; a
late arrival that is earlier than an existing group's root becomes that
group's root (and the group's members are reported as changed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from kronik.corpus.features import ArticleFeatures, _mix
from kronik.corpus.settings import CorpusSettings

DAY = 86400.0


@dataclass
class DedupState:
    """What dedup remembers between runs (all plain data; see :mod:`kronik.corpus.state`)."""

    exact: dict[str, str] = field(default_factory=dict)  # body hash -> id of the earliest copy
    root: dict[str, str] = field(default_factory=dict)  # article id -> its original (self for originals)
    time: dict[str, float] = field(default_factory=dict)  # article id -> time (for re-rooting)
    # recent articles (within the window), rows aligned:
    ids: list[str] = field(default_factory=list)
    times: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float64))
    sigs: np.ndarray | None = None  # uint32 [n, num_perm]
    sizes: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """uint64 key per (article, band): a hash of the band's ``rows`` signature values."""
    n = sigs.shape[0]
    s = sigs[:, : bands * rows].astype(np.uint64).reshape(n, bands, rows)
    with np.errstate(over="ignore"):
        acc = np.zeros((n, bands), np.uint64)
        for r in range(rows):
            acc = _mix(acc * np.uint64(0x100000001B3) + s[:, :, r] + np.uint64(r + 1))
        acc = acc + np.arange(bands, dtype=np.uint64)[None, :] * np.uint64(0x9E3779B97F4A7C15)
    return acc


def candidate_pairs(keys: np.ndarray, times: np.ndarray, is_new: np.ndarray, window: float) -> np.ndarray:
    """Pairs (i, j), i before j in time, sharing a band key; at least one of them new.  Shape [m, 2].

    Within a run of equal keys (sorted by time) each member is paired with its predecessor and with
    the run's earliest member published at most ``window`` seconds before it.  ``times`` must be
    distinct (add a tiny tie-breaker); undated rows carry ``inf``.
    """
    n, bands = keys.shape
    finite = np.isfinite(times)
    t0 = times[finite].min() if finite.any() else 0.0
    minutes = np.where(finite, (np.where(finite, times, t0) - t0) / 60.0, 9.0e7)
    out = []
    for b in range(bands):
        k = keys[:, b]
        idx = np.lexsort((times, k))  # by key, then time
        ks = k[idx]
        same = ks[1:] == ks[:-1]
        if not same.any():
            continue
        start_flag = np.ones(n, bool)
        start_flag[1:] = ~same
        run_id = np.cumsum(start_flag) - 1
        pos = np.flatnonzero(same) + 1  # members that have a predecessor in their run
        j = idx[pos]
        out.append(np.stack([idx[pos - 1], j], 1))
        comp = run_id * 1.0e8 + minutes[idx]
        target = np.maximum(comp[pos] - window / 60.0, run_id[pos] * 1.0e8)
        q = np.searchsorted(comp, target, side="left")
        keep = q < pos - 1
        if keep.any():
            out.append(np.stack([idx[q[keep]], j[keep]], 1))
    if not out:
        return np.zeros((0, 2), np.int64)
    pairs = np.unique(np.concatenate(out), axis=0)
    return pairs[is_new[pairs[:, 0]] | is_new[pairs[:, 1]]]


def verify(sigs: np.ndarray, sizes: np.ndarray, pairs: np.ndarray, s: CorpusSettings) -> np.ndarray:
    """Boolean mask of the candidate pairs that are near-copies."""
    if len(pairs) == 0:
        return np.zeros(0, bool)
    jac = np.empty(len(pairs))
    for i in range(0, len(pairs), 20000):
        p = pairs[i:i + 20000]
        jac[i:i + 20000] = (sigs[p[:, 0]] == sigs[p[:, 1]]).mean(axis=1)
    a = sizes[pairs[:, 0]].astype(np.float64)
    b = sizes[pairs[:, 1]].astype(np.float64)
    small, large = np.minimum(a, b), np.maximum(a, b)
    inter = jac * (a + b) / (1.0 + jac)
    contain = np.where(small > 0, inter / np.maximum(small, 1), 0.0)
    ok = (jac >= s.dup_jaccard) | ((contain >= s.dup_containment) & (small >= s.dup_min_ratio * large))
    # a copy's own body is contained in its original: a later article with a substantial share of
    # new text (a follow-up that reuses the earlier report as background) is news, not a copy
    new_share = 1.0 - np.where(b > 0, inter / np.maximum(b, 1), 0.0)
    return ok & (small >= s.dup_min_shingles) & (new_share <= s.dup_max_new_share)


def deduplicate(feats: Sequence[ArticleFeatures], state: DedupState, s: CorpusSettings) -> tuple[dict[str, str], set[str]]:
    """Roots of the new articles (id -> id of its original, itself for originals), and the ids of
    earlier articles whose root changed because a late arrival predates their group's original.

    ``feats`` must be new articles (not in the state); ``state`` is updated in place.
    """
    changed: set[str] = set()
    if not feats:
        return {}, changed
    inf = float("inf")

    def t_of(f: ArticleFeatures) -> float:
        return f.time if f.time is not None else inf

    order = sorted(range(len(feats)), key=lambda i: (t_of(feats[i]), feats[i].id))
    new = [feats[i] for i in order]

    # ---- near-copy edges over (recent state rows + new rows)
    n_old = len(state.ids)
    new_sigs = np.stack([f.minhash for f in new]).astype(np.uint32)
    sigs = new_sigs if state.sigs is None or n_old == 0 else np.concatenate([state.sigs, new_sigs])
    sizes = np.concatenate([state.sizes, np.array([f.n_shingles for f in new], np.int32)])
    times = np.concatenate([state.times, np.array([t_of(f) for f in new], np.float64)])
    ids = state.ids + [f.id for f in new]
    is_new = np.zeros(len(ids), bool)
    is_new[n_old:] = True
    order_t = times + np.arange(len(ids), dtype=np.float64) * 1e-6  # distinct, stable among equal times
    pairs = candidate_pairs(band_keys(sigs, s.lsh_bands, s.lsh_rows), order_t, is_new, s.dup_window_days * DAY)
    if len(pairs):
        both_timed = np.isfinite(times[pairs[:, 0]]) & np.isfinite(times[pairs[:, 1]])
        with np.errstate(invalid="ignore"):  # inf - inf for two undated articles: not compared on time
            dt = np.abs(times[pairs[:, 0]] - times[pairs[:, 1]])
        pairs = pairs[~both_timed | (dt <= s.dup_window_days * DAY)]
    ok = verify(sigs, sizes, pairs, s)
    neighbours: dict[int, list[int]] = {}
    for i, j in pairs[ok]:
        neighbours.setdefault(int(i), []).append(int(j))
        neighbours.setdefault(int(j), []).append(int(i))

    def earlier(a: str, b: str) -> bool:  # a published before b (ties: id order)
        return (state.time.get(a, inf), a) < (state.time.get(b, inf), b)

    def group_of(root_id: str) -> list[str]:
        return [a for a, r in state.root.items() if r == root_id]

    roots: dict[str, str] = {}
    for k, f in enumerate(new):
        row = n_old + k
        state.time[f.id] = t_of(f)
        cands: set[str] = set()
        ex = state.exact.get(f.body_hash)
        if ex is not None and ex != f.id:
            cands.add(state.root.get(ex, ex))
        for nb in neighbours.get(row, ()):
            other = ids[nb]
            if other in state.root:  # settled (older, or earlier in this batch)
                cands.add(state.root[other])
        if not cands:
            root = f.id
        else:
            root = min(cands, key=lambda r: (state.time.get(r, inf), r))
            if earlier(f.id, root):  # a late arrival predating the group's original: it becomes the original
                for r in cands:
                    for member in group_of(r):
                        state.root[member] = f.id
                        changed.add(member)
                root = f.id
        state.root[f.id] = root
        roots[f.id] = root
        if ex is None or earlier(f.id, ex):
            state.exact[f.body_hash] = f.id

    # ---- keep only the recent rows (the near-copy window) in the state
    finite = times[np.isfinite(times)]
    horizon = (finite.max() - s.dup_window_days * DAY) if len(finite) else -inf
    keep = np.flatnonzero((times >= horizon) | ~np.isfinite(times))
    state.ids = [ids[i] for i in keep]
    state.sigs = sigs[keep]
    state.sizes = sizes[keep]
    state.times = times[keep]
    changed -= set(roots)
    return roots, changed
