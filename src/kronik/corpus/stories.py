"""Storylines: events linked over weeks or months by shared key entities and topic.

Events without a story are taken in order of their start; each joins the best
candidate story or opens a new one.  The similarity of an event *e* and a
story *S* is

    (s_body * cos(e.terms, S.terms) + s_entities * cos(e.entities, S.entities)) / (weights used)

taken as the better of the story's centroid and its latest
``story_recent_events`` events one by one (so a storyline can move on, one
episode to the next), times a time factor
``floor + (1 - floor) * exp(-gap / story_tau_days)`` where *gap* is the days
to the story's nearest event (a storyline with a months-long pause can still
continue, but needs stronger evidence).  Weights are TF-IDF with the
clusterer's running document frequencies, the IDF raised to
``story_idf_power`` (below 1, a storyline's own frequent words, its topic,
keep their say even in a stream that is all about that topic).

The event joins the best story when its score reaches ``story_threshold``
and either reaches ``story_strong`` or is at least ``story_ratio`` times the
second-best candidate's (at least ``story_ratio_floor``): a weak match must
also be a clear one, which keeps generic topics (every earthquake, every
football final) from gathering into one "story".  The score is first
multiplied by :meth:`Linker.specificity`: a story is one case, policy or
dispute, so the link needs names specific to it; public bodies and the people
in office for them (:mod:`kronik.corpus.generic_names`) are generic, and a
link they alone carry gets the lower ``story_generic_floor``.  Decisions are not frozen:
a pass links the events it touched again, with their story mates within
``story_revisit_days`` (see :func:`link`), so articles arriving one by one or
out of order end close to where one pass over all of them would put them.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from kronik.corpus.cluster import DAY, ClusterState, EventProfile
from kronik.corpus.features import ArticleFeatures, entity_bucket
from kronik.corpus.generic_names import is_public_body
from kronik.corpus.settings import CorpusSettings
from kronik.corpus.vectors import EMPTY_F, EMPTY_I, PostingIndex, Scratch, add, ranked

BUCKET = 182 * DAY  # the story index is keyed by (term, half-year)


@dataclass
class StoryProfile:
    id: str
    seq: int
    start: float | None = None
    end: float | None = None
    events: list[str] = field(default_factory=list)
    t_idx: np.ndarray = field(default_factory=lambda: EMPTY_I)
    t_val: np.ndarray = field(default_factory=lambda: EMPTY_F)
    e_idx: np.ndarray = field(default_factory=lambda: EMPTY_I)
    e_val: np.ndarray = field(default_factory=lambda: EMPTY_F)
    m_idx: np.ndarray = field(default_factory=lambda: EMPTY_I)
    m_val: np.ndarray = field(default_factory=lambda: EMPTY_F)
    """Entity mass: the summed entity weights of all its events' articles (how much of the stream's
    mentions of each name fall in this story)."""
    keys: list[int] = field(default_factory=list)

    def gap_days(self, start: float | None, end: float | None) -> float:
        if start is None or end is None or self.start is None or self.end is None:
            return 0.0
        if end < self.start:
            return (self.start - end) / DAY
        if start > self.end:
            return (start - self.end) / DAY
        return 0.0


@dataclass
class StoryState:
    seq: int = 0
    stories: dict[str, StoryProfile] = field(default_factory=dict)
    index: PostingIndex | None = None  # derived from stories[*].keys (rebuilt on load)
    terms: PostingIndex | None = None
    """Derived too: each indexed term (whatever its half-year) -> the stories indexed under it, uncapped, so
    an undated event's candidates are the stories sharing its terms, not a scan of every story."""
    by_seq: dict[int, str] = field(default_factory=dict)
    officials: dict[str, int] = field(default_factory=dict)
    """Persons the stream has named in an office that speaks for a public body, with how many articles did
    (a minister stays generic in an article that gives no role)."""

    def note_officials(self, feats: list[ArticleFeatures]) -> None:
        """Count the officials of new articles (each article once)."""
        for f in feats:
            for name in f.officials:
                self.officials[name] = self.officials.get(name, 0) + 1

    def rebuild_index(self, cap: int) -> None:
        self.index = PostingIndex(cap)
        self.terms = PostingIndex(_UNCAPPED)
        self.by_seq = {}
        for st in sorted(self.stories.values(), key=lambda s: s.seq):
            self.by_seq[st.seq] = st.id
            self.index.add(st.keys, st.seq)
            self.terms.add(_terms(st.keys), st.seq)

    def reindex(self, story: StoryProfile, keys: list[int]) -> None:
        """The story indexed under ``keys`` instead of its current keys (none: out of both indexes)."""
        assert self.index is not None and self.terms is not None
        # only the keys that change (a join mostly keeps them); counted, as a key listed twice is posted twice
        old, new = Counter(story.keys), Counter(keys)
        self.index.remove(sorted((old - new).elements()), story.seq)
        self.index.add(sorted((new - old).elements()), story.seq)
        old_t, new_t = {k >> 16 for k in old}, {k >> 16 for k in new}
        self.terms.remove(old_t - new_t, story.seq)
        self.terms.add(new_t - old_t, story.seq)
        story.keys = keys


_UNCAPPED = 1 << 62


def _terms(keys: list[int]) -> list[int]:
    """The distinct terms of index keys (a key is a term and a half-year)."""
    return sorted({k >> 16 for k in keys})


def _bucket(t: float) -> int:
    return math.floor(t / BUCKET)


def _keys(buckets: np.ndarray, q0: int, q1: int) -> list[int]:
    qs = np.arange(q0, q1 + 1, dtype=np.int64) & 0xFFFF
    return ((buckets.astype(np.int64)[:, None] << 16) | qs[None, :]).ravel().tolist()


@dataclass
class _Weighted:
    """A vector pair (terms, entities) with IDF applied, and norms; valid while the IDF stays put."""

    t_idx: np.ndarray
    t_w: np.ndarray
    t_norm: float
    e_idx: np.ndarray
    e_w: np.ndarray
    e_norm: float


@dataclass
class _Pack:
    t_idx: np.ndarray
    t_w: np.ndarray
    t_len: np.ndarray
    t_norm: np.ndarray
    e_idx: np.ndarray
    e_w: np.ndarray
    e_len: np.ndarray
    e_norm: np.ndarray
    starts: np.ndarray
    ends: np.ndarray


class Linker:
    """Assigns stories to events.  The IDF is fixed for the lifetime of one Linker (one :func:`link` call)."""

    def __init__(self, state: StoryState, clusters: ClusterState, settings: CorpusSettings) -> None:
        self.st = state
        self.cl = clusters
        self.s = settings
        if state.index is None:
            state.rebuild_index(settings.posting_cap)
        base = np.float32(math.log(clusters.n_docs + 1.0) + 1.0)
        self._base = base
        self._idf: dict[float, np.ndarray] = {}
        self._cache: dict[tuple[str, str], _Weighted] = {}
        self._packs: dict[str, _Pack] = {}
        self.tq = Scratch(1 << settings.hash_bits)
        self.eq = Scratch(1 << settings.hash_bits)
        self._mark = np.zeros(1 << settings.hash_bits, np.int8)
        self._generic: dict[str, np.ndarray] = {}

    # ---- weights
    def idf(self, idx: np.ndarray, power: float = 1.0) -> np.ndarray:
        table = self._idf.get(power)
        if table is None:  # the IDF is fixed for this Linker: one vectorised table per power, then lookups
            w = self._base - np.log(self.cl.df.astype(np.float32) + np.float32(1.0))
            table = self._idf[power] = w if power == 1.0 else w ** np.float32(power)
        return table[idx]

    def _top(self, idx: np.ndarray, val: np.ndarray, k: int, power: float) -> np.ndarray:
        if len(idx) <= k:
            return idx
        w = val * self.idf(idx, power)
        return idx[np.sort(np.argsort(-w, kind="stable")[:k])]

    def _weighted(self, kind: str, obj: EventProfile | StoryProfile) -> _Weighted:
        key = (kind, obj.id)
        w = self._cache.get(key)
        if w is None:
            tw = obj.t_val * self.idf(obj.t_idx, self.s.story_idf_power)
            ew = obj.e_val * self.idf(obj.e_idx, self.s.story_entity_idf_power)
            w = _Weighted(obj.t_idx, tw, float(np.sqrt(tw @ tw)), obj.e_idx, ew, float(np.sqrt(ew @ ew)))
            self._cache[key] = w
        return w

    # ---- index
    def _index(self, story: StoryProfile) -> None:
        if story.start is None or story.end is None:
            self.st.reindex(story, [])
            return
        buckets = np.concatenate([
            self._top(story.t_idx, story.t_val, self.s.index_terms, self.s.story_idf_power),
            self._top(story.e_idx, story.e_val, self.s.index_terms, self.s.story_entity_idf_power)])
        q1 = _bucket(story.end)
        self.st.reindex(story, _keys(buckets, max(_bucket(story.start), q1 - 4), q1))

    def candidates(self, ev: EventProfile) -> list[StoryProfile]:
        q = np.concatenate([self._top(ev.t_idx, ev.t_val, self.s.query_terms, self.s.story_idf_power),
                            self._top(ev.e_idx, ev.e_val, self.s.query_terms, self.s.story_entity_idf_power)])
        hits: Counter[int] = Counter()
        if ev.start is None or ev.end is None:  # an undated event: the stories sharing its terms, any time
            assert self.st.terms is not None
            hits = self.st.terms.hits(sorted(set(q.tolist())))
        else:
            assert self.st.index is not None
            hits = self.st.index.hits(_keys(q, _bucket(ev.start - self.s.story_window_days * DAY),
                                            _bucket(ev.end + self.s.story_window_days * DAY)))
        if self.s.story_min_hits > 1 and len(hits) > self.s.story_candidates:
            hits = Counter({k: v for k, v in hits.items() if v >= self.s.story_min_hits})
        stories, by_seq = self.st.stories, self.st.by_seq
        out = []
        for seq in ranked(hits):
            sid = by_seq[seq]
            story = stories[sid]
            if story.gap_days(ev.start, ev.end) <= self.s.story_window_days:
                out.append(story)
                if len(out) >= self.s.story_candidates:
                    break
        return out

    # ---- scoring
    def _pack(self, story: StoryProfile) -> _Pack:
        """The story's centroid and latest events, concatenated for one vectorised pass (cached)."""
        pack = self._packs.get(story.id)
        if pack is not None:
            return pack
        n = self.s.story_recent_events
        vecs = [self._weighted("s", story)]
        vecs += [self._weighted("e", self.cl.events[e]) for e in (story.events[-n:] if n > 0 else ())
                 if e in self.cl.events]
        spans = [(e.start, e.end) for e in (self.cl.events.get(x) for x in story.events)
                 if e is not None and e.start is not None and e.end is not None] or [(-math.inf, math.inf)]
        pack = _Pack(
            t_idx=np.concatenate([v.t_idx for v in vecs]), t_w=np.concatenate([v.t_w for v in vecs]),
            t_len=np.array([len(v.t_idx) for v in vecs], np.int64), t_norm=np.array([v.t_norm for v in vecs]),
            e_idx=np.concatenate([v.e_idx for v in vecs]), e_w=np.concatenate([v.e_w for v in vecs]),
            e_len=np.array([len(v.e_idx) for v in vecs], np.int64), e_norm=np.array([v.e_norm for v in vecs]),
            starts=np.array([a for a, _ in spans], np.float64), ends=np.array([b for _, b in spans], np.float64),
        )
        self._packs[story.id] = pack
        return pack

    def _dots(self, scratch: Scratch, idx: np.ndarray, w: np.ndarray, lens: np.ndarray) -> np.ndarray:
        if len(idx) == 0:
            return np.zeros(len(lens))
        c = np.concatenate([[0.0], np.cumsum(scratch.dense[idx] * w, dtype=np.float64)])
        ends = np.cumsum(lens)
        return c[ends] - c[ends - lens]

    def scores(self, ev: EventProfile, stories: list[StoryProfile], q: _Weighted) -> np.ndarray:
        """Scores of the event (loaded as ``q``) against each story, in one vectorised pass."""
        s = self.s
        packs = [self._pack(st) for st in stories]
        nvec = np.array([len(p.t_len) for p in packs], np.int64)
        t_norm = np.concatenate([p.t_norm for p in packs])
        e_norm = np.concatenate([p.e_norm for p in packs])
        num = np.zeros(len(t_norm))
        den = np.zeros(len(t_norm))
        if q.t_norm > 0:
            dots = self._dots(self.tq, np.concatenate([p.t_idx for p in packs]), np.concatenate([p.t_w for p in packs]),
                              np.concatenate([p.t_len for p in packs]))
            has = t_norm > 0
            num[has] += s.s_body * dots[has] / (q.t_norm * t_norm[has])
            den[has] += s.s_body
        if q.e_norm > 0:
            dots = self._dots(self.eq, np.concatenate([p.e_idx for p in packs]), np.concatenate([p.e_w for p in packs]),
                              np.concatenate([p.e_len for p in packs]))
            has = e_norm > 0
            num[has] += s.s_entities * dots[has] / (q.e_norm * e_norm[has])
            den[has] += s.s_entities
        sims = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
        first = np.concatenate([[0], np.cumsum(nvec)[:-1]])
        best = np.maximum.reduceat(sims, first)
        if ev.start is None or ev.end is None:
            return best
        starts = np.concatenate([p.starts for p in packs])
        ends = np.concatenate([p.ends for p in packs])
        nspan = np.array([len(p.starts) for p in packs], np.int64)
        g = np.maximum(0.0, np.maximum(starts - ev.end, ev.start - ends))
        gaps = np.minimum.reduceat(g, np.concatenate([[0], np.cumsum(nspan)[:-1]])) / DAY
        f = s.story_decay_floor
        return best * (f + (1.0 - f) * np.exp(-gaps / s.story_tau_days))

    def generic(self, ev: EventProfile) -> np.ndarray:
        """The buckets of the event's names that are generic for stories: public bodies and the people in
        office for them (see :mod:`kronik.corpus.generic_names`); none when ``story_generic_floor`` is 1."""
        if self.s.story_generic_floor >= 1.0 or not ev.names:
            return EMPTY_I
        got = self._generic.get(ev.id)  # names and the officials tally are fixed during one link()
        if got is None:
            mask = (1 << self.s.hash_bits) - 1
            langs = list(ev.languages) or [None]
            out = {entity_bucket(n, mask) for n in ev.names if n in self.st.officials or is_public_body(n, langs)}
            got = self._generic[ev.id] = np.array(sorted(out), np.int32) if out else EMPTY_I
        return got

    def specificity(self, ev: EventProfile, stories: list[StoryProfile]) -> np.ndarray:
        """Per story, ``floor + (1 - floor) * c``: *c* is the largest share, over the names the event
        shares with the story, of the stream's articles naming it that lie in the story.

        A case, policy or dispute is carried by names that are specific to it: nearly every mention of
        the suspect, the project or the company is in that story, while the window's generic names (the
        president, a ministry, the country) are spread over many stories.  So sharing only generic
        names, or only topic words, is weak evidence of the same story, wherever the stream comes from
        (a day of all news, or months of one topic where the topic's names are frequent but stay in
        one story).  An event without names is not penalised.

        Public bodies and their officials are generic however their mentions fall: on a day when one
        story has gathered every mention of a ministry, the ministry's share in it is high, yet the
        ministry's next event is as likely another case.  So *c* is taken over the other shared names,
        and when a generic name would have been the most specific one shared, the floor is
        ``story_generic_floor`` (the link is carried by the institution alone)."""
        f = self.s.story_specific_floor
        out = np.ones(len(stories))
        if f >= 1.0 or len(ev.e_idx) == 0 or not stories:
            return out
        # one vectorised pass over the candidates' entity mass: a dense mark of the event's names
        # (1 specific, 2 generic) is read at every mass entry; the work is the candidates' capped mass
        mark = self._mark
        mark[ev.e_idx] = 1
        gen = self.generic(ev)
        if len(gen):
            mark[gen] = np.where(mark[gen] == 1, 2, 0).astype(np.int8)
        try:
            lens = np.array([len(st.m_idx) for st in stories], np.int64)
            idx = np.concatenate([st.m_idx for st in stories])
            code = mark[idx]
            hit = code > 0
            owner = np.repeat(np.arange(len(stories)), lens)[hit]
            idx, code = idx[hit], code[hit]
            val = np.concatenate([st.m_val for st in stories])[hit]
            share = np.minimum(1.0, val / np.maximum(self.cl.df[idx], 1))
            c = np.zeros(len(stories))
            c_gen = np.zeros(len(stories))
            spec = code == 1
            np.maximum.at(c, owner[spec], share[spec])
            np.maximum.at(c_gen, owner[~spec], share[~spec])
        finally:
            mark[ev.e_idx] = 0
            if len(gen):
                mark[gen] = 0
        floor = np.where(c_gen > c, min(f, self.s.story_generic_floor), f)
        return floor + (1.0 - floor) * c

    def best_story(self, ev: EventProfile) -> StoryProfile | None:
        """The story the event joins by the rule above, or None."""
        q = self._weighted("e", ev)
        self.tq.load(q.t_idx, q.t_w)
        self.eq.load(q.e_idx, q.e_w)
        cands = self.candidates(ev)
        best, best_score, second = None, -1.0, 0.0
        if cands:
            sc = self.scores(ev, cands, q) * self.specificity(ev, cands)
            order = np.argsort(-sc, kind="stable")
            best, best_score = cands[int(order[0])], float(sc[order[0]])
            second = float(sc[order[1]]) if len(order) > 1 else 0.0
        s = self.s
        joins = best is not None and best_score >= s.story_threshold and (
            best_score >= s.story_strong or best_score >= s.story_ratio * max(second, s.story_ratio_floor))
        return best if joins else None

    def plausible(self, ev: EventProfile) -> list[StoryProfile]:
        """Candidate stories the event scores at least ``story_threshold`` with (it may bridge them)."""
        q = self._weighted("e", ev)
        self.tq.load(q.t_idx, q.t_w)
        self.eq.load(q.e_idx, q.e_w)
        cands = self.candidates(ev)
        if not cands:
            return []
        sc = self.scores(ev, cands, q) * self.specificity(ev, cands)
        return [st for st, x in zip(cands, sc.tolist(), strict=True) if x >= self.s.story_threshold]

    def assign(self, ev: EventProfile) -> str:
        best = self.best_story(ev)
        if best is None:
            self.st.seq += 1
            sid = ev.id.replace("ev-", "st-", 1)
            if sid in self.st.stories:
                sid = f"{sid}-{self.st.seq}"
            best = StoryProfile(id=sid, seq=self.st.seq)
            self.st.stories[sid] = best
            self.st.by_seq[best.seq] = sid
        self._join(best, ev)
        return best.id

    def _join(self, story: StoryProfile, ev: EventProfile) -> None:
        story.events.append(ev.id)
        ev.story = story.id
        self._add_vectors(story, ev)
        self._index(story)

    def _add_vectors(self, story: StoryProfile, ev: EventProfile) -> None:
        if ev.start is not None and ev.end is not None:
            story.start = ev.start if story.start is None else min(story.start, ev.start)
            story.end = ev.end if story.end is None else max(story.end, ev.end)
        n = max(ev.n, 1)
        story.t_idx, story.t_val = add(story.t_idx, story.t_val, ev.t_idx, ev.t_val / n, cap=self.s.story_terms)
        story.e_idx, story.e_val = add(story.e_idx, story.e_val, ev.e_idx, ev.e_val / n, cap=self.s.story_terms)
        story.m_idx, story.m_val = add(story.m_idx, story.m_val, ev.e_idx, ev.e_val, cap=self.s.story_terms)
        self._cache.pop(("s", story.id), None)
        self._packs.pop(story.id, None)

    def detach(self, ev: EventProfile) -> str | None:
        """The event leaves its story (whose profile is rebuilt by :meth:`rebuild`); returns that story's id."""
        story = self.st.stories.get(ev.story or "")
        ev.story = None
        self._cache.pop(("e", ev.id), None)
        if story is None or ev.id not in story.events:
            return None
        story.events.remove(ev.id)
        return story.id

    def rebuild(self, sid: str) -> None:
        """A story's profile again from its events now (events left it or changed); an empty story goes."""
        story = self.st.stories.get(sid)
        if story is None:
            return
        self._cache.pop(("s", sid), None)
        self._packs.pop(sid, None)
        if not story.events:
            self.st.reindex(story, [])
            del self.st.stories[sid]
            self.st.by_seq.pop(story.seq, None)
            return
        story.t_idx, story.t_val, story.e_idx, story.e_val = EMPTY_I, EMPTY_F, EMPTY_I, EMPTY_F
        story.m_idx, story.m_val = EMPTY_I, EMPTY_F
        story.start = story.end = None
        for e in story.events:
            ev = self.cl.events.get(e)
            if ev is not None:
                self._add_vectors(story, ev)
        self._index(story)


def unlink(event_id: str, story_id: str, state: StoryState) -> bool:
    """An event (merged into another) leaves its story; a story left without events is dropped (True)."""
    story = state.stories.get(story_id)
    if story is None or event_id not in story.events:
        return False
    story.events.remove(event_id)
    if not story.events:
        if state.index is not None:
            state.reindex(story, [])
        del state.stories[story_id]
        state.by_seq.pop(story.seq, None)
        return True
    return False


def link(event_ids: list[str], state: StoryState, clusters: ClusterState,
         settings: CorpusSettings) -> tuple[set[str], dict[str, tuple[str | None, str | None]]]:
    """Decide the stories of the listed (touched) events again, with the events of their story and of the
    stories they could join (at most ``story_revisit_max`` per touched event, the nearest in time, within
    ``story_revisit_days``): all of them leave their stories and are linked anew in order of
    start, as one pass over them would link them (a decision made on less evidence, or before the
    articles between arrived, is not frozen).  A story that loses every event goes, and an event that
    opens a story again gets the same id, so ids of what did not change stay put.

    Returns the ids of stories this dropped, and the events whose story changed (event -> (story before,
    story now)), so a store rewrites only those and the stories they left, however large it is."""
    linker = Linker(state, clusters, settings)
    inf = float("inf")
    touched = [clusters.events[e] for e in dict.fromkeys(event_ids) if e in clusters.events]
    win = settings.story_revisit_days * DAY
    affected = {ev.id: ev for ev in touched}
    for ev in touched:
        near = [st for sid in (ev.story,) if (st := state.stories.get(sid or "")) is not None]
        near += [st for st in linker.plausible(ev) if st.id != ev.story]
        mates = [m for x in dict.fromkeys(x for st in near for x in st.events)
                 if x not in affected and (m := clusters.events.get(x)) is not None and _gap(m, ev) <= win]
        mates.sort(key=lambda m: (_gap(m, ev), m.seq))
        for m in mates[:settings.story_revisit_max]:
            affected[m.id] = m
    before = {e: ev.story for e, ev in affected.items()}
    left = {sid for ev in affected.values() if (sid := linker.detach(ev)) is not None}
    for sid in sorted(left):
        linker.rebuild(sid)
    for ev in sorted(affected.values(), key=lambda e: (e.start if e.start is not None else inf, e.seq)):
        linker.assign(ev)
    moved = {e: (before[e], ev.story) for e, ev in affected.items() if ev.story != before[e]}
    return {sid for sid in left if sid not in state.stories}, moved


def _gap(a: EventProfile, b: EventProfile) -> float:
    """Seconds between two events' spans (0 when they overlap or one is undated)."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return 0.0
    return max(0.0, a.start - b.end, b.start - a.end)
