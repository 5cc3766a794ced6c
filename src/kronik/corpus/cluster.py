"""Online event clustering in publication order (after Miranda et al. 2018, simplified).

Each article, in publication order, is scored against the candidate events
near it in time; it joins the best one whose score reaches
``event_threshold``, or it opens a new event.  The score of article *a* and
event *E* is

    (w_body * cos(a.terms, E.centroid) + w_title * cos(a.title, E.titles)
     + w_entities * cos(a.entities, E.entities)) / (sum of the weights used)
    + w_dates * jaccard(days a mentions, days E mentions)

multiplied by ``exp(-gap / event_tau_days)``, where *gap* is how many days
*a* lies outside *E*'s time span.  A match below ``event_strong`` must also
stand out: at least ``event_ratio`` times the second-best candidate's score.
On a dense day many events share the window's frequent names and words (the
president, a ministry, "setahun pemerintahan"), and the best of many
look-alikes is no evidence of the same happening; a real follow-up scores far
above the rest.  An event in another language (only names and dates
compared) needs ``event_threshold_cross``.

After each pass the events it touched are compared with their window (as one
article each, :func:`_as_query`) and one that now clearly belongs to another
event by the same rules is **merged** into the older one, so articles that
arrive out of publication order end closer to where one pass would put them;
the merged events are reported so a store rewrites their articles.  Then the pass **revisits** its
neighbourhood (:meth:`Clusterer.revisit`): its touched events, their look-alikes and the new articles'
look-alikes (small events whose members' features the state still keeps) are taken apart and their
articles placed again in publication order, so an article that opened an event or joined a look-alike
before its real event arrived moves, and an event splits or merges as one pass would have made it; ids
follow the largest overlap, so what did not change keeps its id.  Cosines use TF-IDF weights whose IDF comes
from document frequencies counted as the stream goes (hashed buckets, no
fitted vocabulary).  A title or entity part that one side lacks is left out
(its weight too), so English pages with no title and no entities still work;
words are only compared within one language.  Across languages, the
entities (the alias table shares them) and dates are compared as above, and
the words through **pivot vectors** (:mod:`kronik.corpus.crosslingual`: the
Indonesian words carried into English stems by our lexicon) with weight
``w_crossling`` in place of the body and title: an Indonesian rewrite of an
English wire joins its event.  Pivot vectors have their own document
frequencies and are indexed under their own keys (bucket + 2**hash_bits), so
a stream in one language is clustered exactly as without them.

**Candidates** come from an inverted index keyed by (term bucket, week): an
event is indexed under its top TF-IDF terms and entities for each week of its
span, an article looks up its own top terms in the weeks within
``event_window_days`` (reading at most ``posting_cap`` newest events per key),
and the ``max_candidates`` events sharing most keys are scored.  So the active
set is bounded by time and the work per article is bounded however dense the
stream, and a late article (earlier than events already seen) still finds the
events of its own days.  The index is always a function of the events' stored
keys, so a state saved and loaded continues exactly as an uninterrupted run.

**Duplicates** (``duplicate_of`` set by dedup) join their original's event
directly and do not move its centroid or the document frequencies.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from kronik.corpus.features import ArticleFeatures, iso_day
from kronik.corpus.linkmodel import link_decider
from kronik.corpus.settings import CorpusSettings
from kronik.corpus.vectors import EMPTY_F, EMPTY_I, PostingIndex, Scratch, add, ranked

EMPTY_U = np.zeros(0, np.uint32)

DAY = 86400.0
WEEK = 7 * DAY


@dataclass
class EventProfile:
    id: str
    seq: int
    start: float | None = None
    end: float | None = None
    n: int = 0  # articles in the centroid (duplicates excluded)
    articles: list[str] = field(default_factory=list)  # every member, duplicates included, in arrival order
    title: str | None = None
    title_time: float | None = None
    start_text: str | None = None  # ISO strings as published (offset kept), for the output
    end_text: str | None = None
    t_idx: np.ndarray = field(default_factory=lambda: EMPTY_I)
    t_val: np.ndarray = field(default_factory=lambda: EMPTY_F)
    ti_idx: np.ndarray = field(default_factory=lambda: EMPTY_I)
    ti_val: np.ndarray = field(default_factory=lambda: EMPTY_F)
    e_idx: np.ndarray = field(default_factory=lambda: EMPTY_I)
    e_val: np.ndarray = field(default_factory=lambda: EMPTY_F)
    x_idx: np.ndarray = field(default_factory=lambda: EMPTY_I)  # pivot centroid (cross-language words)
    x_val: np.ndarray = field(default_factory=lambda: EMPTY_F)
    names: dict[str, int] = field(default_factory=dict)
    days: dict[int, int] = field(default_factory=dict)
    outlets: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    keys: list[int] = field(default_factory=list)  # posting keys it is indexed under
    story: str | None = None

    def gap_days(self, t: float | None) -> float:
        if t is None or self.start is None or self.end is None:
            return 0.0
        if t < self.start:
            return (self.start - t) / DAY
        if t > self.end:
            return (t - self.end) / DAY
        return 0.0


@dataclass
class ClusterState:
    df: np.ndarray
    n_docs: int = 0
    seq: int = 0
    events: dict[str, EventProfile] = field(default_factory=dict)
    article_event: dict[str, str] = field(default_factory=dict)
    index: PostingIndex | None = None  # derived from events[*].keys (rebuilt on load)
    by_seq: dict[int, str] = field(default_factory=dict)  # event number -> id (derived)
    xdf: np.ndarray | None = None  # document frequencies of the pivot buckets (None: none counted yet)
    recent: dict[str, tuple[ArticleFeatures, str | None]] = field(default_factory=dict)
    """Features (MinHash dropped) and dedup original of the latest ``event_revisit_keep`` placed articles, in
    arrival order: what :meth:`Clusterer.revisit` needs to place them again (saved with the state)."""

    @classmethod
    def empty(cls, s: CorpusSettings) -> ClusterState:
        return cls(df=np.zeros(1 << s.hash_bits, np.int32), xdf=np.zeros(1 << s.hash_bits, np.int32))

    def rebuild_index(self, cap: int) -> None:
        self.index = PostingIndex(cap)
        self.by_seq = {}
        for ev in sorted(self.events.values(), key=lambda e: e.seq):
            self.by_seq[ev.seq] = ev.id
            self.index.add(ev.keys, ev.seq)


def _week(t: float) -> int:
    return math.floor(t / WEEK)


def _keys(buckets: np.ndarray, w0: int, w1: int) -> list[int]:
    """Posting keys (bucket << 16 | week) for every bucket and week in [w0, w1]."""
    weeks = np.arange(w0, w1 + 1, dtype=np.int64) & 0xFFFF
    return ((buckets.astype(np.int64)[:, None] << 16) | weeks[None, :]).ravel().tolist()


class Clusterer:
    """Runs the online clustering over a batch, updating a :class:`ClusterState` in place."""

    def __init__(self, state: ClusterState, settings: CorpusSettings) -> None:
        self.st = state
        self.s = settings
        self.scratch = Scratch(1 << settings.hash_bits)
        self.escratch = Scratch(1 << settings.hash_bits)
        self.tscratch = Scratch(1 << settings.hash_bits)
        self.xscratch = Scratch(1 << settings.hash_bits)
        if state.xdf is None:
            state.xdf = np.zeros(1 << settings.hash_bits, np.int32)
        self.xlogdf = np.log(state.xdf.astype(np.float32) + np.float32(1.0))
        self.xoffset = 1 << settings.hash_bits  # pivot posting keys never meet plain term keys
        self.logdf = np.log(state.df.astype(np.float32) + np.float32(1.0))
        self.base = np.float32(math.log(state.n_docs + 1.0) + settings.event_idf_offset)
        self.merged: dict[str, tuple[str, str | None]] = {}
        self.moved: dict[str, str] = {}  # articles a revisit moved, or members of an event it changed -> event
        self.parts: dict[str, np.ndarray] = {}  # the last scores' components (a learned link decision reads them)
        self.link = link_decider(settings)  # None: the hand-set rule below decides (settings.event_model)
        if state.index is None:
            state.rebuild_index(settings.posting_cap)

    # ---- weights
    def idf(self, idx: np.ndarray) -> np.ndarray:
        """log((N + 1) / (df + 1)) + event_idf_offset with the running document frequencies, raised to
        ``event_idf_power`` (above 1, the window's frequent names and words weigh even less)."""
        w = np.maximum(self.base - self.logdf[idx], np.float32(1e-3))
        return w if self.s.event_idf_power == 1.0 else w ** np.float32(self.s.event_idf_power)

    def xidf(self, idx: np.ndarray) -> np.ndarray:
        """The same IDF over the pivot buckets' own document frequencies."""
        w = np.maximum(self.base - self.xlogdf[idx], np.float32(1e-3))
        return w if self.s.event_idf_power == 1.0 else w ** np.float32(self.s.event_idf_power)

    def _top(self, idx: np.ndarray, val: np.ndarray, k: int) -> np.ndarray:
        if len(idx) <= k:
            return idx
        w = val * self.idf(idx)
        return idx[np.sort(np.argsort(-w, kind="stable")[:k])]

    def _xtop(self, idx: np.ndarray, val: np.ndarray, k: int) -> np.ndarray:
        """The top pivot buckets, moved past the plain buckets (their own posting keys)."""
        if self.s.w_crossling <= 0 or len(idx) == 0:
            return EMPTY_I.astype(np.int64)
        if len(idx) > k:
            w = val * self.xidf(idx)
            idx = idx[np.sort(np.argsort(-w, kind="stable")[:k])]
        return idx.astype(np.int64) + self.xoffset

    # ---- index
    def _index_event(self, ev: EventProfile) -> None:
        index = self.st.index
        assert index is not None
        index.remove(ev.keys, ev.seq)
        if ev.start is None or ev.end is None:
            ev.keys = []
            return
        buckets = np.concatenate([self._top(ev.t_idx, ev.t_val, self.s.index_terms),
                                  self._top(ev.e_idx, ev.e_val, self.s.index_terms),
                                  self._xtop(ev.x_idx, ev.x_val, self.s.index_terms)])
        w1 = _week(ev.end)
        ev.keys = _keys(buckets, max(_week(ev.start), w1 - 52), w1)
        index.add(ev.keys, ev.seq)

    def candidates(self, f: ArticleFeatures) -> list[EventProfile]:
        q = np.concatenate([self._top(f.terms, f.weights, self.s.query_terms),
                            self._top(f.entity_terms, f.entity_weights, self.s.query_terms)])
        hits: Counter[int] = Counter()
        if f.time is None:  # undated: every event, ranked by shared top terms
            qs = set(q.tolist())
            for ev in self.st.events.values():
                c = len(qs & {k >> 16 for k in ev.keys})
                if c:
                    hits[ev.seq] = c
        else:
            assert self.st.index is not None
            hits = self.st.index.hits(_keys(q, _week(f.time - self.s.event_window_days * DAY),
                                            _week(f.time + self.s.event_window_days * DAY)))
            xq = self._xtop(f.x_terms, f.x_weights, self.s.query_terms)
            if len(xq):  # events in another language found by the pivot words (same-language ranking unchanged)
                lang = f.language or ""
                xhits = self.st.index.hits(_keys(xq, _week(f.time - self.s.event_window_days * DAY),
                                                 _week(f.time + self.s.event_window_days * DAY)))
                for seq, c in xhits.items():
                    ev = self.st.events[self.st.by_seq[seq]]
                    if ev.languages and lang not in ev.languages:
                        hits[seq] += c
        events, by_seq = self.st.events, self.st.by_seq
        out = []
        for seq in ranked(hits):
            ev = events[by_seq[seq]]
            if ev.gap_days(f.time) <= self.s.event_window_days:
                out.append(ev)
                if len(out) >= self.s.max_candidates:
                    break
        return out

    # ---- scoring
    @staticmethod
    def _segsum(x: np.ndarray, lens: np.ndarray) -> np.ndarray:
        c = np.concatenate([[0.0], np.cumsum(x, dtype=np.float64)])
        ends = np.cumsum(lens)
        return c[ends] - c[ends - lens]

    def _cosines(self, scratch: Scratch, idxs: list[np.ndarray], vals: list[np.ndarray],
                 q_norm: float, idf: Callable[[np.ndarray], np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Dot products / (q_norm * norm) of the loaded query with each vector, and whether each vector is non-empty."""
        lens = np.array([len(i) for i in idxs], np.int64)
        if lens.sum() == 0 or q_norm <= 0:
            return np.zeros(len(idxs)), lens > 0
        idx = np.concatenate(idxs)
        w = np.concatenate(vals) * (idf or self.idf)(idx)
        dots = self._segsum(scratch.dense[idx] * w, lens)
        norms = np.sqrt(self._segsum(w * w, lens))
        cos = np.divide(dots, q_norm * norms, out=np.zeros(len(idxs)), where=norms > 0)
        return cos, lens > 0

    def scores(self, f: ArticleFeatures, events: list[EventProfile], q_norm: float, e_norm: float,
               t_norm: float, x_norm: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
        """Scores of the loaded article against each candidate event (see the module docstring), and the
        threshold each must reach: ``event_threshold`` when words were compared (same language), else
        ``event_threshold_cross`` (only names and dates can be compared, and they are sparser)."""
        s = self.s
        n = len(events)
        lang = f.language or ""
        same = np.array([not ev.languages or lang in ev.languages for ev in events])
        num = np.zeros(n)
        den = np.zeros(n)
        keep = self.link is not None  # the components are kept only for a learned decision (or its recorder)
        parts = self.parts = {"same": same}
        if q_norm > 0:
            cos, has = self._cosines(self.scratch, [ev.t_idx for ev in events], [ev.t_val for ev in events], q_norm)
            use = same & has
            if keep:
                parts["body"] = np.where(use, cos, 0.0)
            num[use] += s.w_body * cos[use]
            den[use] += s.w_body
        if t_norm > 0:
            cos, has = self._cosines(self.tscratch, [ev.ti_idx for ev in events], [ev.ti_val for ev in events], t_norm)
            use = same & has
            if keep:
                parts["title"] = np.where(use, cos, 0.0)
            num[use] += s.w_title * cos[use]
            den[use] += s.w_title
        if x_norm > 0 and s.w_crossling > 0:  # another language: the words through the pivot vectors
            cos, has = self._cosines(self.xscratch, [ev.x_idx for ev in events], [ev.x_val for ev in events],
                                     x_norm, self.xidf)
            use = ~same & has
            if keep:
                parts["crossling"] = np.where(use, cos, 0.0)
            num[use] += s.w_crossling * cos[use]
            den[use] += s.w_crossling
        if e_norm > 0:
            cos, has = self._cosines(self.escratch, [ev.e_idx for ev in events], [ev.e_val for ev in events], e_norm)
            if keep:
                parts["entities"] = np.where(has, cos, 0.0)
            num[has] += s.w_entities * cos[has]
            den[has] += s.w_entities
        base = np.divide(num, den, out=np.zeros(n), where=den > 0)
        jac = parts["dates"] = np.zeros(n)
        if f.days and s.w_dates:
            a = set(f.days)
            for i, ev in enumerate(events):
                if ev.days:
                    inter, union = sum(1 for d in a if d in ev.days), len(a | ev.days.keys())
                    jac[i] = inter / union
                    base[i] += s.w_dates * inter / union
        gaps = parts["gap"] = np.array([ev.gap_days(f.time) for ev in events])
        worded = same & ((q_norm > 0) | (t_norm > 0))
        return base * np.exp(-gaps / s.event_tau_days), np.where(worded, s.event_threshold, s.event_threshold_cross)

    # ---- updates
    def _new_event(self, f: ArticleFeatures) -> EventProfile:
        self.st.seq += 1
        ev = EventProfile(id=f"ev-{f.id[:12]}", seq=self.st.seq)
        if ev.id in self.st.events:
            ev.id = f"ev-{f.id[:12]}-{self.st.seq}"
        self.st.events[ev.id] = ev
        self.st.by_seq[ev.seq] = ev.id
        return ev

    def _join(self, ev: EventProfile, f: ArticleFeatures, duplicate: bool) -> None:
        s = self.s
        ev.articles.append(f.id)
        if f.time is not None:
            text = f.published if f.dated else iso_day(f.time)
            if ev.start is None or f.time < ev.start:
                ev.start, ev.start_text = f.time, text
            if ev.end is None or f.time > ev.end:
                ev.end, ev.end_text = f.time, text
        if f.outlet:
            ev.outlets[f.outlet] = ev.outlets.get(f.outlet, 0) + 1
        lang = f.language or ""
        ev.languages[lang] = ev.languages.get(lang, 0) + 1
        if f.title and (ev.title is None or (f.time is not None and (ev.title_time is None or f.time < ev.title_time))):
            ev.title, ev.title_time = f.title, f.time
        if not duplicate:
            ev.n += 1
            ev.t_idx, ev.t_val = add(ev.t_idx, ev.t_val, f.terms, f.weights, cap=s.centroid_terms)
            if len(f.title_terms):
                ev.ti_idx, ev.ti_val = add(ev.ti_idx, ev.ti_val, f.title_terms, np.ones(len(f.title_terms), np.float32),
                                           cap=s.centroid_terms)
            if len(f.entity_terms):
                ev.e_idx, ev.e_val = add(ev.e_idx, ev.e_val, f.entity_terms, f.entity_weights, cap=s.centroid_terms)
            if len(f.x_terms):
                ev.x_idx, ev.x_val = add(ev.x_idx, ev.x_val, f.x_terms, f.x_weights, cap=s.centroid_terms)
            for name, c in f.entities.items():
                ev.names[name] = ev.names.get(name, 0) + c
            if len(ev.names) > 60:
                ev.names = dict(sorted(ev.names.items(), key=lambda kv: (-kv[1], kv[0]))[:40])
            for d in f.days:
                ev.days[d] = ev.days.get(d, 0) + 1
        self.st.article_event[f.id] = ev.id
        self._index_event(ev)

    def _count_df(self, f: ArticleFeatures) -> None:
        st = self.st
        st.n_docs += 1
        self.base = np.float32(math.log(st.n_docs + 1.0) + self.s.event_idf_offset)
        for idx in (f.terms, f.entity_terms, np.setdiff1d(f.title_terms, f.terms, assume_unique=True)):
            if len(idx):
                st.df[idx] += 1
                self.logdf[idx] = np.log(st.df[idx].astype(np.float32) + np.float32(1.0))
        if len(f.x_terms) and st.xdf is not None:
            st.xdf[f.x_terms] += 1
            self.xlogdf[f.x_terms] = np.log(st.xdf[f.x_terms].astype(np.float32) + np.float32(1.0))

    def add(self, f: ArticleFeatures, root: str | None = None) -> str:
        """Place one article; ``root`` is its original when dedup found it to be a copy."""
        st = self.st
        if f.id in st.article_event:
            return st.article_event[f.id]
        dup = bool(root and root != f.id and root in st.article_event)
        self._remember(f, root if dup else None)
        if not dup:
            self._count_df(f)
        return self._place(f, root if dup else None)

    def _place(self, f: ArticleFeatures, root: str | None) -> str:
        """Join the article to its original's event (a copy) or to its best event, else open one."""
        if root is not None and root in self.st.article_event:
            ev = self.st.events[self.st.article_event[root]]
            self._join(ev, f, duplicate=True)
            return ev.id
        best = self.best_event(f)
        if best is None:
            best = self._new_event(f)
        self._join(best, f, duplicate=False)
        return best.id

    def _remember(self, f: ArticleFeatures, root: str | None) -> None:
        """Keep the article's features for revisiting; the oldest beyond ``event_revisit_keep`` are dropped
        (their events are no longer regrouped: decisions that old stay)."""
        recent = self.st.recent
        if self.s.event_revisit_keep <= 0:
            return
        recent[f.id] = (replace(f, minhash=EMPTY_U), root)
        while len(recent) > self.s.event_revisit_keep:
            del recent[next(iter(recent))]

    def _scored(self, f: ArticleFeatures, exclude: str | None = None) -> tuple[list[EventProfile], np.ndarray, np.ndarray]:
        """The candidate events of the article (or an event seen as one), their scores and thresholds."""
        q = f.weights * self.idf(f.terms)
        q_norm = float(np.sqrt(q @ q)) if len(q) else 0.0
        self.scratch.load(f.terms, q)
        e = f.entity_weights * self.idf(f.entity_terms)
        e_norm = float(np.sqrt(e @ e)) if len(e) else 0.0
        self.escratch.load(f.entity_terms, e)
        t = self.idf(f.title_terms)
        t_norm = float(np.sqrt(t @ t)) if len(t) else 0.0
        self.tscratch.load(f.title_terms, t)
        x = f.x_weights * self.xidf(f.x_terms)
        x_norm = float(np.sqrt(x @ x)) if len(x) else 0.0
        self.xscratch.load(f.x_terms, x)
        cands = [ev for ev in self.candidates(f) if ev.id != exclude]
        if not cands:
            return cands, np.zeros(0), np.zeros(0)
        sc, thr = self.scores(f, cands, q_norm, e_norm, t_norm, x_norm)
        return cands, sc, thr

    def best_event(self, f: ArticleFeatures, exclude: str | None = None) -> EventProfile | None:
        """The event the article (or an event seen as one, :func:`_as_query`) joins by the rules above."""
        best, best_score = None, -1.0
        cands, sc, thr = self._scored(f, exclude)
        if cands:
            if self.link is not None:  # a learned decision (kronik.corpus.linkmodel); None leaves it to the rule
                k = self.link.choose(self, f, cands, sc, thr)
                if k is not None:
                    return cands[k] if k >= 0 else None
            i = int(np.argmax(sc - thr))  # first of the best: candidates come in a fixed order
            best, best_score = cands[i], float(sc[i] - thr[i])
            if best_score >= 0 and sc[i] < self.s.event_strong and len(cands) > 1:
                # a weak match must also stand out: on a dense day many events share the window's
                # generic names and words, and the best of many look-alikes is no evidence
                second = float(np.partition(sc, -2)[-2]) if sc[i] == sc.max() else float(sc.max())
                if sc[i] < self.s.event_ratio * max(second, self.s.event_ratio_floor):
                    best_score = -1.0
        return best if best is not None and best_score >= 0 else None

    def merge_touched(self, event_ids: Iterable[str]) -> None:
        """Events a pass touched are compared with the events of their window, and one that now clearly
        belongs to another (articles arriving out of order can open two events that one pass in
        publication order makes one) is merged into the older.  Bounded by the touched events."""
        for eid in list(dict.fromkeys(event_ids)):
            ev = self.st.events.get(eid)
            if ev is None or ev.n == 0:
                continue
            other = self.best_event(_as_query(ev), exclude=ev.id)
            if other is None:
                continue
            keep, gone = (other, ev) if other.seq < ev.seq else (ev, other)
            self._absorb(keep, gone)

    def _revisable(self, ev: EventProfile) -> bool:
        """An event is regrouped only while every member's features are kept and it is small: a bounded
        neighbourhood, and decisions older than the kept features stay as they are."""
        return len(ev.articles) <= self.s.event_revisit_size and all(a in self.st.recent for a in ev.articles)

    def _plausible(self, f: ArticleFeatures, exclude: str | None = None) -> list[EventProfile]:
        """The events the article (or an event as one) reaches the threshold with, best first, at most
        ``event_revisit_max``: the look-alikes a decision chose among."""
        cands, sc, thr = self._scored(f, exclude)
        order = [i for i in np.argsort(-sc, kind="stable").tolist() if sc[i] >= thr[i]]
        return [cands[i] for i in order[:self.s.event_revisit_max]]

    def revisit(self, event_ids: Iterable[str], fresh: Sequence[ArticleFeatures] = ()) -> None:
        """Recent decisions are made again with what is known now (issue 14: arrival order must not decide
        what is one happening).  The touched events, the events each could be (its look-alikes) and the
        look-alikes of the pass's new articles, as far as :meth:`_revisable`, are taken apart and their
        articles placed again in publication order by the same rules, against every event: an article
        that opened an event or joined a look-alike before its real event existed moves, an event whose
        members now form two groups splits, two that are one merge.  Each new group keeps the id (and
        number and story) of the old event it shares most articles with, so ids of what did not change
        stay put.  Moved articles, the members of changed events and the events gone are reported
        (:attr:`moved`, :attr:`merged`) so a store rewrites exactly those."""
        st = self.st
        group: dict[str, EventProfile] = {}

        def take(ev: EventProfile | None) -> None:
            if ev is not None and ev.id not in group and self._revisable(ev):
                group[ev.id] = ev

        touched = [ev for e in dict.fromkeys(event_ids) if (ev := st.events.get(e)) is not None]
        for ev in touched:
            take(ev)
        for ev in touched:
            if ev.id in st.events and ev.n:
                for m in self._plausible(_as_query(ev), exclude=ev.id):
                    take(m)
        for f in fresh:
            if f.id in st.recent and st.recent[f.id][1] is None:
                for m in self._plausible(f):
                    take(m)
        new = {f.id for f in fresh}
        if all(a in new for ev in group.values() for a in ev.articles):
            return  # decisions of this pass only: already made in publication order with its evidence
        old = {e: (ev.seq, ev.story, list(ev.articles)) for e, ev in group.items()}
        was = {a: e for e, ev in group.items() for a in ev.articles}
        assert st.index is not None
        for ev in group.values():
            st.index.remove(ev.keys, ev.seq)
            del st.events[ev.id]
            st.by_seq.pop(ev.seq, None)
        for a in was:
            del st.article_event[a]
        inf = float("inf")
        items = [st.recent[a] for a in was]
        before = set(st.events)
        for f, _ in sorted((x for x in items if x[1] is None),
                           key=lambda x: (x[0].time if x[0].time is not None else inf, x[0].id)):
            self._place(f, None)
        for f, root in items:
            if root is not None:
                self._place(f, root if root in st.article_event else None)
        created = [st.events[e] for e in dict.fromkeys(st.article_event[a] for a in was) if e not in before]
        self._restore_ids(created, old)
        now = {a: st.article_event[a] for a in was}
        for a, e in now.items():  # moved, also into an event outside the group
            if e != was[a]:
                self.moved[a] = e
        for ev in created:  # every member of an event whose members changed (its row is rewritten)
            if ev.id not in old or set(old[ev.id][2]) != set(ev.articles):
                self.moved.update(dict.fromkeys(ev.articles, ev.id))
        for e, (_, story, arts) in old.items():
            if e not in st.events:
                self.merged[e] = (Counter(now[a] for a in arts).most_common(1)[0][0], story)
        for gone, (into, story) in list(self.merged.items()):  # an earlier merge's target regrouped away
            seen = {gone}
            while into not in st.events and into in self.merged and into not in seen:
                seen.add(into)
                into = self.merged[into][0]
            self.merged[gone] = (into, story)

    def _restore_ids(self, created: list[EventProfile], old: dict[str, tuple[int, str | None, list[str]]]) -> None:
        """Give each regrouped event the id, number and story of the old event it shares most articles with
        (one each, largest overlaps first, then the older event); the others keep their own new ids."""
        st = self.st
        assert st.index is not None
        pairs = []
        for ev in created:
            mine = set(ev.articles)
            for e, (seq, _, arts) in old.items():
                k = sum(1 for a in arts if a in mine)
                if k:
                    pairs.append((-k, seq, ev.seq, e, ev))
        pairs.sort(key=lambda p: p[:3])
        name: dict[int, str] = {}
        used: set[str] = set()
        for _, _, _, e, ev in pairs:
            if ev.seq not in name and e not in used:
                name[ev.seq] = e
                used.add(e)
        for ev in created:
            st.index.remove(ev.keys, ev.seq)
            del st.events[ev.id]
            st.by_seq.pop(ev.seq, None)
        for ev in created:
            was = name.get(ev.seq)
            if was is not None:
                ev.id, ev.seq, ev.story = was, old[was][0], old[was][1]
            elif ev.id in used or ev.id in st.events:
                ev.id = f"{ev.id}-{ev.seq}"
            st.events[ev.id] = ev
            st.by_seq[ev.seq] = ev.id
            st.index.add(ev.keys, ev.seq)
            for a in ev.articles:
                st.article_event[a] = ev.id

    def _absorb(self, keep: EventProfile, gone: EventProfile) -> None:
        s, st = self.s, self.st
        assert st.index is not None
        st.index.remove(gone.keys, gone.seq)
        del st.events[gone.id]
        st.by_seq.pop(gone.seq, None)
        for aid in gone.articles:
            st.article_event[aid] = keep.id
        keep.articles.extend(gone.articles)
        keep.n += gone.n
        for a, b in ((gone.start, gone.start_text), (gone.end, gone.end_text)):
            if a is not None and (keep.start is None or a < keep.start):
                keep.start, keep.start_text = a, b
            if a is not None and (keep.end is None or a > keep.end):
                keep.end, keep.end_text = a, b
        if gone.title and (keep.title is None or (gone.title_time is not None and
                                                  (keep.title_time is None or gone.title_time < keep.title_time))):
            keep.title, keep.title_time = gone.title, gone.title_time
        keep.t_idx, keep.t_val = add(keep.t_idx, keep.t_val, gone.t_idx, gone.t_val, cap=s.centroid_terms)
        keep.ti_idx, keep.ti_val = add(keep.ti_idx, keep.ti_val, gone.ti_idx, gone.ti_val, cap=s.centroid_terms)
        keep.e_idx, keep.e_val = add(keep.e_idx, keep.e_val, gone.e_idx, gone.e_val, cap=s.centroid_terms)
        keep.x_idx, keep.x_val = add(keep.x_idx, keep.x_val, gone.x_idx, gone.x_val, cap=s.centroid_terms)
        for mine, theirs in ((keep.names, gone.names), (keep.days, gone.days), (keep.outlets, gone.outlets),
                             (keep.languages, gone.languages)):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v  # type: ignore[index]
        self.merged[gone.id] = (keep.id, gone.story)
        self._index_event(keep)


def _as_query(ev: EventProfile) -> ArticleFeatures:
    """An event seen as one article (its centroid, titles, names, days and time), to find its look-alikes."""
    lang = max(ev.languages.items(), key=lambda kv: kv[1])[0] if ev.languages else None
    mid = None if ev.start is None or ev.end is None else (ev.start + ev.end) / 2.0
    return ArticleFeatures(id=ev.id, time=mid, dated=mid is not None, published=None, language=lang or None,
                           outlet=None, title=ev.title, body_hash="", n_shingles=0, minhash=EMPTY_U,
                           terms=ev.t_idx, weights=ev.t_val, title_terms=ev.ti_idx, entities=dict(ev.names),
                           entity_terms=ev.e_idx, entity_weights=ev.e_val, days=tuple(sorted(ev.days)),
                           x_terms=ev.x_idx, x_weights=ev.x_val)


def cluster(feats: Sequence[ArticleFeatures], roots: dict[str, str], state: ClusterState,
            settings: CorpusSettings) -> tuple[dict[str, str], dict[str, tuple[str, str | None]], dict[str, str]]:
    """Events of the articles (id -> event id), in publication order (undated ones last), then the
    touched events merged where one now clearly belongs to another and their neighbourhood revisited
    (:meth:`Clusterer.revisit`); also the events gone: gone event id -> (the event that took most of its
    articles, its former story or None), and the earlier articles whose event or event's members changed
    (article -> its event now)."""
    c = Clusterer(state, settings)
    inf = float("inf")
    order = sorted(feats, key=lambda f: (f.time if f.time is not None else inf, f.id))
    # an original always precedes its copies (its root); copies whose original is undated wait for it
    for f in order:
        c.add(f, roots.get(f.id))
    if settings.event_merge:
        c.merge_touched(state.article_event[f.id] for f in order)
    if settings.event_revisit:
        c.revisit([state.article_event[f.id] for f in order], order)
    return {f.id: state.article_event[f.id] for f in feats}, c.merged, c.moved


def top_entities(ev: EventProfile, k: int = 8) -> list[str]:
    return [n for n, _ in sorted(ev.names.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


def event_members(events: Iterable[EventProfile]) -> dict[str, list[str]]:
    return {ev.id: list(ev.articles) for ev in events}
