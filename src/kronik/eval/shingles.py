"""The shingle scorer of the Zyte article-extraction-benchmark, reimplemented exactly.

Follows ``evaluate.py`` of scrapinghub/article-extraction-benchmark so our
figures compare with the published table:

* tokens are the ``\\w+`` runs of the text (Unicode);
* shingles are consecutive 4-token tuples counted with multiplicity; a text
  with fewer than 4 tokens (but at least one) yields ONE shorter shingle of all
  its tokens, an empty text none;
* per page, tp / fp / fn are the shared / extra predicted / missing true
  shingle counts, divided by their sum so every page weighs the same;
* precision is the mean per-page precision over pages with ``tp + fp > 0``,
  recall the mean per-page recall over pages with ``tp + fn > 0``; F1 comes
  from the two means;
* the per-page score functions return 1 when ``fp == fn == 0`` (this includes a
  page where both texts are empty: such a page scores 1, but in the aggregate
  it is excluded from both means exactly as in the original, since it has
  ``tp + fp == 0`` and ``tp + fn == 0``);
* bootstrap: resample pages with replacement, recompute the metrics, report
  the sample standard deviation.  The original uses the global ``random``
  module without a seed; we use a seeded ``random.Random`` so runs repeat.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter

TpFpFn = tuple[float, float, float]

_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def tokenize(text: str | None) -> list[str]:
    return _TOKEN_RE.findall(text or "")


def ngrams(text: str | None, n: int = 4) -> list[tuple[str, ...]]:
    tokens = tokenize(text)
    result = []
    for i in range(0, max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[i: i + n])
        if shingle:
            result.append(shingle)
    return result


def shingle_matching(true: str | None, pred: str | None, ngram_n: int = 4) -> TpFpFn:
    """Normalised (tp, fp, fn) of one page."""
    true_sh = Counter(ngrams(true, ngram_n))
    pred_sh = Counter(ngrams(pred, ngram_n))
    tp = fp = fn = 0.0
    for key in set(true_sh) | set(pred_sh):
        t = true_sh.get(key, 0)
        p = pred_sh.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    s = tp + fp + fn
    if s > 0:
        return (tp / s, fp / s, fn / s)
    return (tp, fp, fn)


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def accuracy(true: str | None, pred: str | None) -> float:
    """The benchmark's exact-match 'accuracy': identical token sequences."""
    return float(tokenize(true) == tokenize(pred))


def metrics_from_counts(counts: list[TpFpFn]) -> dict[str, float]:
    """Mean precision / recall over pages and F1 of the means, as the original.

    Unlike the original (which raises on an empty mean), a set with no page
    eligible for precision or recall gets 0.0 for it.
    """
    ps = [precision_score(*c) for c in counts if c[0] + c[1] > 0]
    rs = [recall_score(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(ps) if ps else 0.0
    recall = statistics.mean(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def bootstrap_std(counts: list[TpFpFn], n_bootstrap: int = 200, seed: int = 0) -> dict[str, float]:
    """Sample standard deviation of f1 / precision / recall over page resamples."""
    if len(counts) < 2 or n_bootstrap < 2:
        return {"f1": 0.0, "precision": 0.0, "recall": 0.0}
    rng = random.Random(seed)
    n = len(counts)
    values: dict[str, list[float]] = {}
    for _ in range(n_bootstrap):
        sample = [counts[rng.randint(0, n - 1)] for _ in range(n)]
        for key, v in metrics_from_counts(sample).items():
            values.setdefault(key, []).append(v)
    return {key: statistics.stdev(v) for key, v in values.items()}
