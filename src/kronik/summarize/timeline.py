"""Dated timelines in the manner of DATEWISE (Ghalandari and Ifrim, ACL 2020), every sentence sourced.

1. **Dates.** Each body sentence's day-level time expressions (``Article.times``
   values ``YYYY-MM-DD``, resolved against the publication date by the time
   tagger) are its date mentions.  A date scores the number of articles that
   mention it plus ``pub_weight`` times the number of articles published that
   day (the two signals of DATEWISE's date ranker; counting articles rather
   than sentences keeps one long retrospective from outvoting the coverage).  The best ``n`` dates are
   kept, then shown in calendar order.
2. **Sentences per date.** The candidates of a date are the sentences that
   mention it and the first ``lead_sentences`` sentences of the articles
   published on that day or the next (which report it) that mention no other
   date.  Their centroid is the normalised sum of the two groups' normalised
   means; the candidates closest to it are taken, skipping any more similar
   than ``redundancy_max`` to one already on the timeline, any shorter than
   ``min_words`` or longer than ``max_words``.  A date left without a sentence
   gives its place to the next best date.
3. **Happened or scheduled.** A mention is forward-looking when the date lies
   after its article's publication date, or when the language's future cue
   (``akan``, ``dijadwalkan``, ``will``, ``scheduled`` ...: ``FUTURE_CUES`` of
   the time-word data) is the nearest tense cue around it and the date is not
   before publication.  A date whose every mention is forward-looking is
   ``"scheduled"``; otherwise ``"happened"``.

Defaults: ``lead_sentences=5`` and ``pub_days=2`` are news-tls's; counting
articles (not sentences) and ``max_words=40`` were chosen on the Timeline17
topics ``H1N1`` and ``MJ`` only (``pub_weight`` 0.25-2 made no difference
there); ``bpoil`` and ``haiti`` were never used to choose anything.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from kronik.summarize.space import Sims, ensure_space, rows_of
from kronik.summarize.summary import Doc

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass
class TimelineSettings:
    pub_weight: float = 0.5
    lead_sentences: int = 5
    pub_days: int = 2
    redundancy_max: float = 0.5
    min_words: int = 5
    max_words: int = 40


@dataclass
class _Mention:
    day: date
    future: bool


def _day(value: str | None) -> date | None:
    if not value:
        return None
    m = _DAY.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def published_day(doc: Doc) -> date | None:
    from kronik.annotate.times import parse_published

    pub = doc.article.published
    return parse_published(pub)[0] if pub else None


def sentence_mentions(doc: Doc) -> list[list[_Mention]]:
    """Day-level date mentions of each sentence of the doc (cached on the doc)."""
    if doc._mentions is not None:
        return doc._mentions  # type: ignore[no-any-return]
    from kronik.annotate.times import grammar

    out: list[list[_Mention]] = [[] for _ in doc.sentences]
    if doc.article.times and doc.sentences:
        pub = published_day(doc)
        try:
            gram = grammar(doc.lang)
        except KeyError:
            gram = None
        by_para: dict[int, list[int]] = defaultdict(list)
        for i, s in enumerate(doc.sentences):
            by_para[s.paragraph].append(i)
        for t in doc.article.times:
            if t.type not in ("DATE", "TIME"):
                continue
            d = _day(t.value)
            if d is None:
                continue
            idx = None
            for i in by_para.get(t.paragraph, ()):
                if doc.sentences[i].start <= t.start:
                    idx = i
            if idx is None:
                continue
            future = False
            if pub is not None:
                if d > pub:
                    future = True
                elif d == pub and gram is not None:
                    para = doc.article.paragraphs[t.paragraph]
                    future = gram.tense(para, t.start, t.end) > 0
            if not any(m.day == d for m in out[idx]):
                out[idx].append(_Mention(d, future))
    doc._mentions = out
    return out


def build_timeline(docs: Sequence[Doc], n_dates: int, per_date: int = 1, start: date | None = None,
                   end: date | None = None, settings: TimelineSettings | None = None,
                   sims: Sims | None = None) -> list[dict[str, Any]]:
    """A timeline of up to ``n_dates`` dates with up to ``per_date`` sentences each, in calendar order.

    ``start``/``end`` (inclusive) restrict both the articles (by publication day) and the dates.
    ``sims`` may be passed when there is no range: a view of the rows of ``docs`` (those with sentences), in order.
    Each entry: ``{"date", "status", "mentions", "articles", "sentences": [{"text", "article",
    "paragraph", "start", "end"}]}``.
    """
    s = settings or TimelineSettings()
    if n_dates <= 0:
        return []
    ranged = start is not None or end is not None

    def in_range(d: date | None) -> bool:
        return d is not None and (start is None or d >= start) and (end is None or d <= end)

    used: list[tuple[Doc, date | None]] = []
    for doc in docs:
        pub = published_day(doc)
        if doc.sentences and (not ranged or in_range(pub)):
            used.append((doc, pub))
    if not used:
        return []
    used_docs = [d for d, _ in used]
    if sims is None or ranged:
        sims = Sims(ensure_space(used_docs), rows_of(used_docs))
    offsets = np.cumsum([0] + [len(d.sentences) for d in used_docs])
    ment_rows: dict[date, list[int]] = defaultdict(list)
    ment_articles: dict[date, set[int]] = defaultdict(set)
    future_all: dict[date, bool] = {}
    mentioned: list[list[_Mention]] = []
    for di, doc in enumerate(used_docs):
        ms = sentence_mentions(doc)
        for si, mlist in enumerate(ms):
            for m in mlist:
                if ranged and not in_range(m.day):
                    continue
                ment_rows[m.day].append(int(offsets[di]) + si)
                ment_articles[m.day].add(di)
                future_all[m.day] = future_all.get(m.day, True) and m.future
        mentioned.extend(ms)
    pub_docs: dict[date, list[int]] = defaultdict(list)
    for di, (_doc, pub) in enumerate(used):
        if pub is not None:
            pub_docs[pub].append(di)
    candidates = set(ment_rows) | set(pub_docs)
    score = {d: len(ment_articles.get(d, ())) + s.pub_weight * len(pub_docs.get(d, ())) for d in candidates}
    ranked = sorted(candidates, key=lambda d: (-score[d], -len(ment_articles.get(d, ())), d))

    words = np.array([t.words for d in used_docs for t in d.sentences])
    length_ok = (words >= s.min_words) & (words <= s.max_words)
    picked_rows: list[int] = []
    entries = []
    for d in ranked:
        if len(entries) >= n_dates:
            break
        ment = sorted(set(ment_rows.get(d, ())))
        pub_rows: list[int] = []
        for k in range(s.pub_days):
            for di in pub_docs.get(d + timedelta(days=k), ()):
                for si in range(min(s.lead_sentences, len(used_docs[di].sentences))):
                    r = int(offsets[di]) + si
                    if all(m.day == d for m in mentioned[r]):
                        pub_rows.append(r)
        cand = sorted(set(ment) | set(pub_rows))
        chosen = _select(sims, ment, pub_rows, cand, per_date, picked_rows, length_ok, s.redundancy_max)
        if not chosen:
            continue  # nothing left to say about this date: the next one takes its place
        picked_rows.extend(chosen)
        items = []
        for r in chosen:
            di = int(np.searchsorted(offsets, r, side="right")) - 1
            sent = used_docs[di].sentences[r - int(offsets[di])]
            items.append({"text": sent.text, "article": sent.article, "paragraph": sent.paragraph, "start": sent.start,
                          "end": sent.end})
        status = "scheduled" if ment and future_all.get(d, False) else "happened"
        n_articles = len(ment_articles.get(d, set()) | set(pub_docs.get(d, ())))
        entries.append({"date": d.isoformat(), "status": status, "mentions": len(ment), "articles": n_articles,
                        "sentences": items})
    entries.sort(key=lambda e: e["date"])
    return entries


def _select(sims: Sims, ment: list[int], pub: list[int], cand: list[int], k: int, taken: list[int],
            length_ok: np.ndarray, max_sim: float) -> list[int]:
    """Up to ``k`` candidate rows closest to the date's centroid, skipping redundant ones."""
    if not cand or k <= 0:
        return []
    pool = [r for r in cand if length_ok[r]] or cand
    closeness = sims.to_centroid(pool, [ment, pub])
    chosen: list[int] = []
    for i in np.argsort(-closeness, kind="stable"):
        if len(chosen) >= k:
            break
        r = pool[int(i)]
        if sims.max_to(r, taken + chosen) > max_sim:
            continue
        chosen.append(r)
    return chosen
