"""Dated timelines in the manner of DATEWISE (Ghalandari and Ifrim, ACL 2020), every sentence sourced.

1. **Dates.** Each body sentence's day-level time expressions (``Article.times``
   values ``YYYY-MM-DD``, resolved against the publication date by the time
   tagger) are its date mentions.  Candidate dates (mentioned, or a day on
   which articles were published) are ranked by :mod:`kronik.summarize.dates`:
   the shipped logistic date ranker over topic-independent evidence (how many
   articles mention the date, publish on it or the day after, look back at it,
   in their lead ...), or the count fallback.  The best ``n`` dates are kept,
   then shown in calendar order.
2. **Sentences per date.** The candidates of a date are the sentences that
   mention it and the first ``lead_sentences`` sentences of the articles
   published on that day or the next (which report it) that mention no other
   date.  Each candidate is scored by the shipped linear sentence scorer over
   :data:`SENTENCE_FEATURES`: its closeness to the centroid of the date's
   sentences (within-date centrality: to the mentions, to the day's reports,
   to both), whether it mentions the date, how many other dates it carries,
   its place in its article, its length, its centrality in the whole story
   and the in-article summary scorer's probability; the scorer was fitted to
   the ROUGE of each candidate against the reference sentences of the date
   (``kronik train dates``).  The best candidates are taken, skipping any
   more similar than ``redundancy_max`` to one already on the timeline
   (redundancy across dates), any shorter than ``min_words`` or longer than
   ``max_words``.  A date left without a sentence gives its place to the
   next best date.  Without a shipped scorer, closeness to the date's
   centroid alone decides.
3. **Happened or scheduled.** A mention is forward-looking when the date lies
   after its article's publication date, or when the language's future cue
   (``akan``, ``dijadwalkan``, ``will``, ``scheduled`` ...: ``FUTURE_CUES`` of
   the time-word data) is the nearest tense cue around it and the date is not
   before publication.  A date whose every mention is forward-looking is
   ``"scheduled"``; otherwise ``"happened"``.

The model (``kronik/data/timeline_model.json``: date ranker weights, sentence
scorer weights, ``lead_sentences``) is written by ``kronik train dates`` from
all Timeline17 topic sets; ``kronik eval tls`` retrains it per held-out topic
(leave-one-topic-out), so no reported figure saw its own topic.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from kronik.summarize.dates import DateEvidence, gather, score_dates
from kronik.summarize.scorer import QUOTES, probabilities, weights_vector
from kronik.summarize.space import Sims, ensure_space, rows_of
from kronik.summarize.summary import Doc

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SPEECH = frozenset("said says say told added according kata katanya ujar ujarnya menurut jelas tutur".split())
"""Reporting verbs (English, Indonesian): a sentence that reports speech rarely states the event itself."""
_NUMBER = re.compile(r"\d")


@dataclass
class TimelineSettings:
    lead_sentences: int | None = None
    """Report sentences per article published on or the day after a date (``None``: the model's)."""
    pub_days: int = 2
    redundancy_max: float = 0.5
    min_words: int = 5
    max_words: int | None = None
    """Longest sentence shown, in words (``None``: the model's)."""


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


SENTENCE_FEATURES = ("bias", "date_centroid", "mention_centroid", "report_centroid", "mentions_date", "reports_date",
                     "log_dates", "inv_position", "log_words", "story_centrality", "summary_score",
                     "centroid_gap", "log_lag", "before_date", "quote", "reported_speech", "number",
                     "mention_x_centroid", "report_x_centroid", "words_x_centroid", "centroid_squared",
                     "other_support", "other_max")
DEFAULT_LEAD = 5


@dataclass
class TimelineModel:
    """What ``kronik train dates`` fits: the date ranker, the sentence scorer and the report lead."""

    dates: np.ndarray | str = "count"
    """Date ranker weights over :data:`kronik.summarize.dates.FEATURES`, or ``"count"``/``"mentions"``."""
    sentences: np.ndarray | None = None
    """Sentence scorer weights over :data:`SENTENCE_FEATURES` (``None``: closeness to the date's centroid)."""
    lead_sentences: int = DEFAULT_LEAD
    max_words: int = 40
    notes: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        from kronik.summarize.dates import FEATURES

        return {"dates": (dict(zip(FEATURES, map(float, self.dates), strict=True)) if not isinstance(self.dates, str)
                          else self.dates),
                "sentences": (dict(zip(SENTENCE_FEATURES, map(float, self.sentences), strict=True))
                              if self.sentences is not None else None),
                "lead_sentences": self.lead_sentences, "max_words": self.max_words, **self.notes}


def model_from_json(raw: dict[str, Any]) -> TimelineModel:
    """A model from its JSON form; parts written for other features fall back (count ranker, centroid)."""
    from kronik.summarize.dates import FEATURES

    dates: np.ndarray | str = "count"
    d = raw.get("dates")
    if isinstance(d, str) and d in ("count", "mentions"):
        dates = d
    elif isinstance(d, dict) and list(d) == list(FEATURES):
        dates = np.array([float(d[f]) for f in FEATURES])
    sw = raw.get("sentences")
    sent = np.array([float(sw[f]) for f in SENTENCE_FEATURES]) if isinstance(sw, dict) and list(sw) == list(
        SENTENCE_FEATURES) else None
    return TimelineModel(dates, sent, int(raw.get("lead_sentences", DEFAULT_LEAD)), int(raw.get("max_words", 40)))


MODEL_FILE = "timeline_model.json"


@cache
def shipped_model() -> TimelineModel:
    """The model shipped in ``kronik/data`` (the count ranker and centroid sentences when absent)."""
    try:
        raw = json.loads(resources.files("kronik.data").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        return TimelineModel()
    return model_from_json(raw)


class TimelineInput:
    """The docs a timeline is built from, with everything date ranking and sentence scoring read.

    Built once per (docs, range); ``kronik eval tls`` reuses one across models and settings.
    """

    def __init__(self, docs: Sequence[Doc], start: date | None = None, end: date | None = None,
                 sims: Sims | None = None) -> None:
        ranged = start is not None or end is not None

        def in_range(d: date | None) -> bool:
            return d is not None and (start is None or d >= start) and (end is None or d <= end)

        used: list[Doc] = []
        pubs: list[date | None] = []
        for doc in docs:
            pub = published_day(doc)
            if doc.sentences and (not ranged or in_range(pub)):
                used.append(doc)
                pubs.append(pub)
        self.docs, self.pubs = used, pubs
        if not used:
            return
        if sims is None or ranged:
            sims = Sims(ensure_space(used), rows_of(used))
        self.sims = sims
        sizes = [len(d.sentences) for d in used]
        self.offsets = np.cumsum([0, *sizes])
        self.doc_of = np.repeat(np.arange(len(used)), sizes)
        per_doc = [sentence_mentions(d) for d in used]
        self.mentioned = [m for ms in per_doc for m in ms]
        keep = in_range if ranged else None
        self.evidence: DateEvidence = gather(per_doc, pubs, keep)
        self.mention_rows: dict[date, list[int]] = defaultdict(list)
        self.future_all: dict[date, bool] = {}
        for r, ms in enumerate(self.mentioned):
            for m in ms:
                if keep is None or keep(m.day):
                    self.mention_rows[m.day].append(r)
                    self.future_all[m.day] = self.future_all.get(m.day, True) and m.future
        self.sents = [t for d in used for t in d.sentences]
        self.words = np.array([t.words for t in self.sents])
        self._story: np.ndarray | None = None
        self._summary: np.ndarray | None = None

    def story_centrality(self) -> np.ndarray:
        if self._story is None:
            self._story = self.sims.centrality()
        return self._story

    def summary_scores(self) -> np.ndarray:
        if self._summary is None:
            feats = [d.features for d in self.docs if d.features is not None]
            self._summary = (probabilities(np.vstack(feats), weights_vector()) if len(feats) == len(self.docs)
                             else np.zeros(len(self.sents)))
        return self._summary

    def candidates(self, d: date, lead: int, pub_days: int) -> tuple[list[int], list[int], list[int]]:
        """(rows mentioning ``d``, report rows of the articles published on ``d`` and after, both)."""
        ment = sorted(set(self.mention_rows.get(d, ())))
        pub_rows: list[int] = []
        for k in range(pub_days):
            for di in self.evidence.published.get(d + timedelta(days=k), ()):
                doc = self.docs[di]
                for si, sent in enumerate(doc.sentences):
                    if sent.index >= lead:
                        break
                    r = int(self.offsets[di]) + si
                    if all(m.day == d for m in self.mentioned[r]):
                        pub_rows.append(r)
        return ment, pub_rows, sorted(set(ment) | set(pub_rows))

    def sentence_features(self, d: date, ment: Sequence[int], pub: Sequence[int], pool: Sequence[int]) -> np.ndarray:
        """One row of :data:`SENTENCE_FEATURES` per candidate row in ``pool``."""
        n = len(pool)
        cm = self.sims.to_centroid(pool, [ment]) if len(ment) else np.zeros(n)
        cp = self.sims.to_centroid(pool, [pub]) if len(pub) else np.zeros(n)
        both = cm + cp  # the two groups' normalised means summed: to_centroid(pool, [ment, pub])
        rows = np.asarray(pool, dtype=np.int64)
        ms, ps = set(ment), set(pub)
        is_m = np.fromiter((r in ms for r in pool), dtype=bool, count=n)
        is_p = np.fromiter((r in ps for r in pool), dtype=bool, count=n)
        pubs = [self.pubs[int(self.doc_of[r])] for r in pool]
        lag = np.array([(p.toordinal() - d.toordinal()) if p is not None else 0 for p in pubs], dtype=float)
        index = np.array([self.sents[r].index for r in pool], dtype=float)
        return np.column_stack([
            np.ones(n), both, cm, cp, is_m, is_p,
            np.log1p([len(self.mentioned[r]) for r in pool]), 1.0 / (1.0 + index), np.log1p(self.words[rows]),
            self.story_centrality()[rows], self.summary_scores()[rows], both - both.max(),
            np.log1p(np.maximum(lag, 0)), lag < 0,
            [self.sents[r].text[:1] in QUOTES for r in pool],
            [not _SPEECH.isdisjoint(self.sents[r].tokens) for r in pool],
            [bool(_NUMBER.search(self.sents[r].text)) for r in pool],
            cm * is_m, cp * is_p, both * np.log1p(self.words[rows]), both ** 2,
            *self._support(pool),
        ]).astype(np.float64)

    def _support(self, pool: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Mean and max similarity of each candidate to the other articles' candidates (agreement across outlets)."""
        g = self.sims.block(pool, pool)
        docs = self.doc_of[np.asarray(pool, dtype=np.int64)]
        other = docs[:, None] != docs[None, :]
        n = other.sum(axis=1)
        mean = np.divide((g * other).sum(axis=1), n, out=np.zeros(len(pool)), where=n > 0)
        return mean, (g * other).max(axis=1) if len(pool) else np.zeros(0)


def build_timeline(docs: Sequence[Doc], n_dates: int, per_date: int = 1, start: date | None = None,
                   end: date | None = None, settings: TimelineSettings | None = None,
                   sims: Sims | None = None, model: TimelineModel | None = None) -> list[dict[str, Any]]:
    """A timeline of up to ``n_dates`` dates with up to ``per_date`` sentences each, in calendar order.

    ``start``/``end`` (inclusive) restrict both the articles (by publication day) and the dates.
    ``sims`` may be passed when there is no range: a view of the rows of ``docs`` (those with sentences), in order.
    ``model``: the shipped one by default.
    Each entry: ``{"date", "status", "mentions", "articles", "sentences": [{"text", "article",
    "paragraph", "start", "end"}]}``.
    """
    if n_dates <= 0:
        return []
    return timeline_from(TimelineInput(docs, start, end, sims), n_dates, per_date, settings, model)


def timeline_from(inp: TimelineInput, n_dates: int, per_date: int = 1, settings: TimelineSettings | None = None,
                  model: TimelineModel | None = None) -> list[dict[str, Any]]:
    """:func:`build_timeline` on a prepared input."""
    s = settings or TimelineSettings()
    m = model or shipped_model()
    if n_dates <= 0 or not inp.docs:
        return []
    lead = s.lead_sentences if s.lead_sentences is not None else m.lead_sentences
    ranked, _ = score_dates(inp.evidence, m.dates)
    ev = inp.evidence
    max_words = s.max_words if s.max_words is not None else m.max_words
    length_ok = (inp.words >= s.min_words) & (inp.words <= max_words)
    picked: list[int] = []
    entries: list[dict[str, Any]] = []
    for d in ranked:
        if len(entries) >= n_dates:
            break
        ment, pub_rows, cand = inp.candidates(d, lead, s.pub_days)
        if not cand:
            continue
        pool = [r for r in cand if length_ok[r]] or cand
        if len(pool) <= per_date:
            score = np.zeros(len(pool))  # every candidate is taken anyway: nothing to rank
        elif m.sentences is not None:
            score = inp.sentence_features(d, ment, pub_rows, pool) @ m.sentences
        else:
            score = inp.sims.to_centroid(pool, [ment, pub_rows])
        chosen: list[int] = []
        for i in np.argsort(-score, kind="stable"):
            if len(chosen) >= per_date:
                break
            r = pool[int(i)]
            if inp.sims.max_to(r, picked + chosen) > s.redundancy_max:
                continue
            chosen.append(r)
        if not chosen:
            continue  # nothing left to say about this date: the next one takes its place
        picked.extend(chosen)
        items = [{"text": t.text, "article": t.article, "paragraph": t.paragraph, "start": t.start, "end": t.end}
                 for t in (inp.sents[r] for r in chosen)]
        status = "scheduled" if ment and inp.future_all.get(d, False) else "happened"
        n_articles = len(ev.mention_articles.get(d, set()) | set(ev.published.get(d, ())))
        entries.append({"date": d.isoformat(), "status": status, "mentions": len(ment), "articles": n_articles,
                        "sentences": items})
    entries.sort(key=lambda e: e["date"])
    return entries
