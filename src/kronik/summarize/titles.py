"""An event's title: its most central headline, never a generated one.

Outlets title the same happening in their own words; the earliest report may be the thinnest or, in
an event that grew by linking, about one side of it.  The headline chosen is that of the most central
report: the mean of (a) its headline's TF-IDF cosine to the other headlines (IDF counted over the
event's own headlines, so the words every headline has weigh least) and (b) its body's cosine to the
other bodies (the summary candidates' TF-IDF rows, summed per article), averaged over the other
articles.  A headline alone is a dozen words and rewards the one that repeats the common words while
telling a side story; the body says what the report is about.  A tie (always so with two reports) goes
to the earliest, so a title changes only when a better-supported one arrives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from kronik.corpus.features import parse_time
from kronik.summarize.vectors import content_tokens, normalize_rows, tfidf

if TYPE_CHECKING:
    from kronik.summarize.summary import Doc

TIE = 1e-9


def _bodies(docs: Sequence[Doc]) -> np.ndarray | None:
    """Cosines between the docs' bodies (their candidate sentences' rows summed); None without a common space."""
    space = docs[0].space
    if space is None or any(d.space is not space or not d.sentences for d in docs):
        return None
    rows = [np.asarray(space.x[d.row0:d.row0 + len(d.sentences)].sum(axis=0)).ravel() for d in docs]
    x = normalize_rows(sparse.csr_matrix(np.vstack(rows)))
    return np.asarray((x @ x.T).toarray(), dtype=np.float64)


def central_title(docs: Sequence[Doc]) -> str | None:
    """The most central title among ``docs`` (the event's non-duplicate articles); None without titles.

    Ties go to the earliest published (then the first given)."""
    titled = [d for d in docs if d.article.title and d.article.title.strip()]
    if not titled:
        return None
    inf = float("inf")
    order = sorted(range(len(titled)), key=lambda i: (parse_time(titled[i].article.published) or inf, i))
    titled = [titled[i] for i in order]
    if len(titled) <= 2:
        return titled[0].article.title
    x = tfidf([content_tokens(d.article.title or "", d.lang) for d in titled])
    g = (x @ x.T).toarray()
    bodies = _bodies(titled)
    if bodies is not None:
        g = (g + bodies) / 2
    np.fill_diagonal(g, 0.0)
    mean = g.sum(axis=1) / (len(titled) - 1)
    best = int(np.flatnonzero(mean >= mean.max() - TIE)[0])
    return titled[best].article.title
