"""An event's title: its most central headline, never a generated one.

Outlets title the same happening in their own words, and the earliest report is often the thinnest
or, in an event that grew by linking, about one side of it.  The headline that shares most with the
other headlines (highest mean TF-IDF cosine to them, IDF counted over the event's own headlines, so
the words every headline has weigh least) is the one that names what the event is.  A tie (always so
with two headlines) goes to the earliest, so a title changes only when a better-supported one arrives.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from kronik.model import Article
from kronik.summarize.vectors import content_tokens, tfidf

TIE = 1e-9


def central_title(articles: Sequence[Article]) -> str | None:
    """The most central title among ``articles`` (pass the event's non-duplicate articles); None without titles.

    Ties go to the earliest published (then the first given)."""
    titled = [a for a in articles if a.title and a.title.strip()]
    if not titled:
        return None
    order = sorted(range(len(titled)), key=lambda i: (titled[i].published or "\uffff", i))
    titled = [titled[i] for i in order]
    if len(titled) <= 2:
        return titled[0].title
    x = tfidf([content_tokens(a.title or "", a.language or "id") for a in titled])
    g = (x @ x.T).toarray()
    np.fill_diagonal(g, 0.0)
    mean = g.sum(axis=1) / (len(titled) - 1)
    best = int(np.flatnonzero(mean >= mean.max() - TIE)[0])
    return titled[best].title
