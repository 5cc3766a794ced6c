"""Sentence tokens and TF-IDF vectors (sparse, L2-normalised) shared by summaries and timelines."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

import numpy as np
from scipy import sparse

from kronik.lang.base import get_pack

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@cache
def stop_words(lang: str) -> frozenset[str]:
    try:
        return get_pack(lang).stop_words
    except KeyError:
        return frozenset()


def content_tokens(text: str, lang: str = "id") -> list[str]:
    """Lowercased word tokens without the language's stop words and one-letter tokens."""
    stop = stop_words(lang)
    return [t for t in _WORD.findall(text.lower()) if len(t) > 1 and t not in stop]


def tfidf(token_lists: Sequence[Sequence[str]], idf_from: Sequence[Sequence[str]] | None = None) -> sparse.csr_matrix:
    """Rows: sublinear TF times smoothed IDF, L2-normalised.  IDF is counted over ``idf_from`` (default: the rows)."""
    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for toks in token_lists:
        for t, n in Counter(toks).items():
            indices.append(vocab.setdefault(t, len(vocab)))
            data.append(1.0 + math.log(n))
        indptr.append(len(indices))
    n_rows = len(token_lists)
    x = sparse.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
                          shape=(n_rows, max(len(vocab), 1)))
    if idf_from is None:
        df = np.bincount(np.asarray(indices, dtype=np.int64), minlength=x.shape[1]).astype(np.float64)
        n_docs = n_rows
    else:
        df = np.zeros(x.shape[1])
        for toks in idf_from:
            for t in set(toks):
                j = vocab.get(t)
                if j is not None:
                    df[j] += 1
        n_docs = len(idf_from)
    idf = np.log((1.0 + n_docs) / (1.0 + df)) + 1.0
    x = x @ sparse.diags(idf)
    return normalize_rows(sparse.csr_matrix(x))


def normalize_rows(x: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ x)


def centroid(x: sparse.csr_matrix, rows: Sequence[int] | None = None) -> np.ndarray:
    """The L2-normalised mean of the given rows (all rows by default) as a dense vector."""
    sub = x if rows is None else x[list(rows)]
    if sub.shape[0] == 0:
        return np.zeros(x.shape[1])
    c = np.asarray(sub.mean(axis=0)).ravel()
    n = float(np.linalg.norm(c))
    return c / n if n else c
