"""Sentence vectors shared by everything one ``describe`` call builds.

Articles are split and tokenised once (:func:`kronik.summarize.summary.prepare`),
then :func:`build_space` puts all their sentences in one TF-IDF matrix (IDF
counted over all of them) and computes every sentence's scorer features.  An
event or a story then works on a :class:`Sims` view of its rows: a dense
cosine matrix when it is small (most events), sparse products otherwise (a
large story), behind the same three questions: similarities between rows,
similarity to a centroid of row groups, and redundancy against chosen rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from kronik.summarize.scorer import QUOTES, sentence_features
from kronik.summarize.vectors import idf_weighted, normalize_rows, stop_words, term_counts

if TYPE_CHECKING:
    from kronik.summarize.summary import Doc

DENSE_LIMIT = 1200
"""Up to this many rows a view keeps the full cosine matrix (1200^2 floats = 11 MB)."""


class Space:
    """The TF-IDF rows of some docs' sentences, docs in order (``doc.row0`` is a doc's first row)."""

    def __init__(self, docs: Sequence[Doc]) -> None:
        sents = [t for d in docs for t in d.sentences]
        stop = frozenset().union(*(stop_words(lang) for lang in {d.lang for d in docs}))
        tf = term_counts([t.tokens for t in sents], stop)
        self.x = idf_weighted(tf)
        self.rows = len(sents)
        sizes = np.array([len(d.sentences) for d in docs], dtype=np.int64)
        doc_of_row = np.repeat(np.arange(len(docs)), sizes)
        positions = np.array([(t.index, t.paragraph, t.in_paragraph) for t in sents], dtype=np.float64).reshape(-1, 3)
        lengths = np.array([t.words for t in sents], dtype=np.float64)
        overlap = np.zeros(len(sents))
        quote = np.zeros(len(sents))
        row = 0
        for d in docs:
            title = d.title_tokens
            for i, t in enumerate(d.sentences):
                if title:
                    overlap[row + i] = len(title.intersection(t.tokens)) / len(title)
                quote[row + i] = t.text[:1] in QUOTES
            row += len(d.sentences)
        doc_sizes = np.array([d.size or len(d.sentences) for d in docs], dtype=np.int64)
        feats = sentence_features(doc_of_row, positions, lengths, doc_sizes, normalize_rows(tf), overlap, quote)
        row = 0
        for d, n in zip(docs, sizes, strict=True):
            d.space, d.row0 = self, row
            d.features = feats[row:row + n]
            row += int(n)


def build_space(docs: Sequence[Doc]) -> Space:
    return Space(docs)


def ensure_space(docs: Sequence[Doc]) -> Space:
    """The docs' common space, building one when they have none or different ones."""
    spaces = {id(d.space) for d in docs}
    if len(spaces) == 1 and docs and docs[0].space is not None:
        return docs[0].space
    return Space(docs)


def rows_of(docs: Sequence[Doc]) -> np.ndarray:
    return np.concatenate([np.arange(d.row0, d.row0 + len(d.sentences)) for d in docs]) if docs else np.zeros(0, int)


class Sims:
    """Cosine similarities among some rows of a space (local indices 0..n-1)."""

    def __init__(self, space: Space, rows: np.ndarray, dense_limit: int = DENSE_LIMIT) -> None:
        self.n = len(rows)
        contiguous = self.n > 0 and int(rows[-1]) - int(rows[0]) + 1 == self.n and bool(np.all(np.diff(rows) == 1))
        self.x = space.x[int(rows[0]):int(rows[-1]) + 1] if contiguous else space.x[rows]
        self.g = (self.x @ self.x.T).toarray() if self.n <= dense_limit else None

    def block(self, a: Sequence[int], b: Sequence[int]) -> np.ndarray:
        if self.g is not None:
            return self.g[np.ix_(a, b)]
        return (self.x[list(a)] @ self.x[list(b)].T).toarray()

    def to_centroid(self, cand: Sequence[int], groups: Sequence[Sequence[int]]) -> np.ndarray:
        """Cosine of each candidate to the sum of the groups' normalised mean vectors (one group: its centroid)."""
        out = np.zeros(len(cand))
        if self.g is not None:
            for grp in groups:
                if len(grp):
                    g = self.g[np.ix_(cand, grp)].sum(axis=1)
                    norm = np.sqrt(max(self.g[np.ix_(grp, grp)].sum(), 1e-12))
                    out += g / norm
            return out
        c = np.zeros(self.x.shape[1])
        for grp in groups:
            if len(grp):
                m = np.asarray(self.x[list(grp)].sum(axis=0)).ravel()
                nm = float(np.sqrt(np.sum(m * m)))  # not np.linalg.norm: BLAS threads thrash on a busy box
                if nm:
                    c += m / nm
        return np.asarray(self.x[list(cand)] @ c).ravel()

    def centrality(self) -> np.ndarray:
        """Cosine of every row to the centroid of all rows."""
        return self.to_centroid(list(range(self.n)), [list(range(self.n))]) if self.n else np.zeros(0)

    def max_to(self, r: int, others: Sequence[int]) -> float:
        if not len(others):
            return 0.0
        return float(self.block([r], others).max())
