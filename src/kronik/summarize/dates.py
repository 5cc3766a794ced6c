"""Which dates a timeline shows: DATEWISE's supervised date ranker, small and shipped as data.

A timeline's hardest step is choosing its dates: on long, dense stories the
day with most articles published is rarely the day something happened, and a
date mentioned once in passing is noise.  DATEWISE (Ghalandari and Ifrim, ACL
2020) ranks candidate dates with a classifier over evidence that does not
depend on the topic: how many articles mention the date, how many were
published on it and the day after, whether the mentions look back from
later articles (an event worth recalling) or forward (a schedule), where in
the article they stand.  We do the same with a logistic regression
(:func:`kronik.summarize.scorer.fit_logistic`), trained by ``kronik train
dates`` on Timeline17 and shipped as ``kronik/data/date_ranker.json``.

**Why counts are normalised per timeline.**  A topic of 80 articles and one of
800 give raw counts ten times apart; a model trained on raw counts learns the
size of its training topics.  Every count therefore enters twice: as a
share of the candidate set's largest count (relative importance within the
story) and as ``log1p`` (absolute evidence).  That is what lets a ranker tuned
on some topics hold on topics it never saw (``kronik eval tls`` measures it
leave-one-topic-out).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

RETRO_DAYS = 2
"""A mention from an article published at least this many days after the date looks back at it."""

LEAD = 3
"""Sentences counted as an article's lead (a date mentioned there is what the article reports)."""

COUNTS = ("mention_articles", "mention_sentences", "lead_mentions", "retro_articles", "published", "published_next",
          "neighbour_mentions", "ahead_articles")
FEATURES = ("bias", *(f"rel_{c}" for c in COUNTS), *(f"log_{c}" for c in COUNTS),
            "future_share", "retro_share", "log_mean_lag", "first_mention_share", "edge", "mentioned", "published_only")


@dataclass
class DateEvidence:
    """What the articles say about each candidate date (counts over articles and sentences)."""

    mention_articles: dict[date, set[int]] = field(default_factory=lambda: defaultdict(set))
    mention_sentences: dict[date, int] = field(default_factory=lambda: defaultdict(int))
    lead_mentions: dict[date, int] = field(default_factory=lambda: defaultdict(int))
    future: dict[date, int] = field(default_factory=lambda: defaultdict(int))
    lag_days: dict[date, list[int]] = field(default_factory=lambda: defaultdict(list))
    first_mention: dict[date, int] = field(default_factory=lambda: defaultdict(int))
    published: dict[date, list[int]] = field(default_factory=lambda: defaultdict(list))


def gather(mentions: Sequence[Sequence[Sequence[Any]]], pubs: Sequence[date | None],
           keep: Callable[[date], bool] | None = None) -> DateEvidence:
    """Evidence per date from each doc's per-sentence mentions (``.day``, ``.future``) and publication days."""
    ev = DateEvidence()
    for di, (per_sent, pub) in enumerate(zip(mentions, pubs, strict=True)):
        if pub is not None:
            ev.published[pub].append(di)
        seen: set[date] = set()
        for si, ms in enumerate(per_sent):
            for m in ms:
                d = m.day
                if keep is not None and not keep(d):
                    continue
                ev.mention_sentences[d] += 1
                ev.future[d] += bool(m.future)
                if si < LEAD:
                    ev.lead_mentions[d] += 1
                if d not in seen:
                    seen.add(d)
                    ev.mention_articles[d].add(di)
                    if not seen - {d}:
                        ev.first_mention[d] += 1
                    if pub is not None:
                        ev.lag_days[d].append(pub.toordinal() - d.toordinal())
    return ev


def features(ev: DateEvidence, cands: Sequence[date]) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate date (counts normalised within the candidate set)."""
    n = len(cands)
    if not n:
        return np.zeros((0, len(FEATURES)))
    one = 1.0
    counts = np.zeros((n, len(COUNTS)))
    other = np.zeros((n, 7))
    lo, hi = min(cands).toordinal(), max(cands).toordinal()
    for i, d in enumerate(cands):
        arts = ev.mention_articles.get(d, set())
        lags = ev.lag_days.get(d, [])
        retro = sum(1 for x in lags if x >= RETRO_DAYS)
        ahead = sum(1 for x in lags if x < 0)
        nxt = date.fromordinal(d.toordinal() + 1)
        prv = date.fromordinal(d.toordinal() - 1)
        neigh = len(ev.mention_articles.get(prv, ())) + len(ev.mention_articles.get(nxt, ()))
        counts[i] = (len(arts), ev.mention_sentences.get(d, 0), ev.lead_mentions.get(d, 0), retro,
                     len(ev.published.get(d, ())), len(ev.published.get(nxt, ())), neigh, ahead)
        ms = ev.mention_sentences.get(d, 0)
        pos = (d.toordinal() - lo) / (hi - lo) if hi > lo else 0.5
        other[i] = (ev.future.get(d, 0) / ms if ms else 0.0, retro / len(lags) if lags else 0.0,
                    float(np.log1p(max(sum(lags) / len(lags), 0.0))) if lags else 0.0,
                    ev.first_mention.get(d, 0) / len(arts) if arts else 0.0,
                    1.0 - 2 * min(pos, 1 - pos), float(bool(arts)), float(not arts))
    top = counts.max(axis=0)
    rel = counts / np.where(top > 0, top, 1.0)
    return np.hstack([np.full((n, 1), one), rel, np.log1p(counts), other])


def score_dates(ev: DateEvidence, weights: np.ndarray | str = "count") -> tuple[list[date], np.ndarray]:
    """Candidate dates (mentioned or published on) best first, with their scores.

    ``weights``: the ranker's weights over :data:`FEATURES`; ``"count"``: articles mentioning the date
    plus half the articles published on it (the ranker-free fallback); ``"mentions"``: the MentionCount
    baseline (articles mentioning it; dates only published on come last).
    """
    cands = sorted(set(ev.mention_articles) | set(ev.published))
    if not cands:
        return [], np.zeros(0)
    if isinstance(weights, str):
        pw = 0.5 if weights == "count" else 1e-3
        score = np.array([len(ev.mention_articles.get(d, ())) + pw * len(ev.published.get(d, ()))
                          + 1e-6 * ev.mention_sentences.get(d, 0) for d in cands], dtype=float)
    else:
        score = features(ev, cands) @ weights
    order = sorted(range(len(cands)), key=lambda i: (-score[i], cands[i]))
    return [cands[i] for i in order], score[order]
