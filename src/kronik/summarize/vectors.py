"""Sentence tokens and TF-IDF vectors (sparse, L2-normalised) shared by summaries and timelines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import numpy as np
from scipy import sparse

from kronik.lang.base import get_pack

_WORD = re.compile(r"\w+")


@cache
def stop_words(lang: str) -> frozenset[str]:
    try:
        return get_pack(lang).stop_words
    except KeyError:
        return frozenset()


def content_tokens(text: str, lang: str = "id") -> list[str]:
    """Lowercased word tokens without the language's stop words and one-character tokens."""
    stop = stop_words(lang)
    return [t for t in _WORD.findall(text.lower()) if len(t) > 1 and t not in stop]


def word_tokens(text: str) -> list[str]:
    """All lowercased word tokens (``term_counts`` drops stop words per vocabulary entry, which is cheaper)."""
    return _WORD.findall(text.lower())


def term_counts(token_lists: Sequence[Sequence[str]], stop: frozenset[str] = frozenset()) -> sparse.csr_matrix:
    """Rows of sublinear term frequencies (1 + log count); stop words and one-character tokens are not terms."""
    flat = [t for toks in token_lists for t in toks]
    vocab: dict[str, int] = dict.fromkeys(flat, -1)
    n_terms = 0
    for term in vocab:
        if len(term) > 1 and term not in stop:
            vocab[term] = n_terms
            n_terms += 1
    ids = np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
    lengths = np.fromiter((len(t) for t in token_lists), dtype=np.int64, count=len(token_lists))
    rows = np.repeat(np.arange(len(token_lists)), lengths)
    keep = ids >= 0
    x = sparse.csr_matrix((np.ones(int(keep.sum())), (rows[keep], ids[keep])), shape=(len(token_lists), max(n_terms, 1)))
    x.sum_duplicates()
    x.data = 1.0 + np.log(x.data)
    return x


def idf_weighted(tf: sparse.csr_matrix) -> sparse.csr_matrix:
    """TF rows times smoothed IDF counted over the rows, L2-normalised."""
    df = np.bincount(tf.indices, minlength=tf.shape[1]).astype(np.float64)
    idf = np.log((1.0 + tf.shape[0]) / (1.0 + df)) + 1.0
    x = tf.copy()
    x.data = x.data * idf[x.indices]
    return normalize_rows(x)


def tfidf(token_lists: Sequence[Sequence[str]], stop: frozenset[str] = frozenset()) -> sparse.csr_matrix:
    """Rows: sublinear TF times smoothed IDF (counted over the rows), L2-normalised."""
    return idf_weighted(term_counts(token_lists, stop))


def normalize_rows(x: sparse.csr_matrix) -> sparse.csr_matrix:
    x = sparse.csr_matrix(x, copy=True)
    counts = np.diff(x.indptr)
    rows = np.repeat(np.arange(x.shape[0]), counts)
    norms = np.sqrt(np.bincount(rows, weights=x.data ** 2, minlength=x.shape[0]))
    norms[norms == 0] = 1.0
    x.data = x.data / np.repeat(norms, counts)
    return x
