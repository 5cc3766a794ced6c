"""The corpus pass over a store: incremental duplicates, events and stories.

Ingest writes each article with its compact features and ``event`` NULL; this
pass takes those pending articles in publication order, continues the online
clusterer from the state saved by the previous pass, and writes back, in one
transaction per chunk, the articles' ``duplicate_of``/``event``/``story``, the
events and stories they touched, and the new state.  So ingesting new files
into an existing database extends events and stories and never re-clusters
from scratch (``reset=True`` does that on purpose, from the stored features,
without touching any text).  A run that stops between chunks leaves every
article either assigned together with the state that knows it, or pending.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from kronik.corpus import CorpusState, load_state, run_features, save_state, save_state_delta, to_event, to_story
from kronik.corpus.features import (
    ArticleFeatures,
    article_features,
    dump_features,
    iso_day,
    load_features,
    with_entities,
)
from kronik.corpus.settings import CorpusSettings
from kronik.model import Event, Story
from kronik.store.db import Store
from kronik.store.overrides import Overrides

CHUNK = 20_000
STORY_ARTICLES = 2_000
"""At most this many articles (spread over its events) feed one story's timeline in a pass."""
DESCRIBE_ARTICLES = 4_000
"""Articles held in memory at once while describing (whole stories; one bigger story is its own group)."""


@dataclass
class PassReport:
    articles: int = 0
    events_touched: int = 0
    stories_touched: int = 0
    events_total: int = 0
    stories_total: int = 0
    backfilled: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall-clock seconds per stage (``load``, ``link``, ``describe``, ``write``, ``state``): where a pass's
    time goes, for ``kronik bench cluster``; accumulated over chunks."""

    def _add(self, stage: str, t0: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - t0
        return now


def _decoded(rows: Iterable[tuple[str, bytes]], fix: Overrides | None = None,
             settings: CorpusSettings | None = None) -> Iterator[ArticleFeatures]:
    """Stored features; with curated corrections (``fix``), entity names merged as corrected (features were
    computed when the article was stored, perhaps before the correction)."""
    for _, data in rows:
        f = load_features(data)
        if fix and settings is not None and fix.merges:
            f = with_entities(f, fix.counts(f.entities), settings)
        yield f


def backfill_features(store: Store, settings: CorpusSettings) -> int:
    """Compute features for stored articles that have none (stored before features existed)."""
    missing = store.missing_features()
    for i in range(0, len(missing), 500):
        arts = list(store.articles(missing[i:i + 500]))
        store.write_features({a.id: dump_features(article_features(a, settings)) for a in arts})
    return len(missing)


def event_row(ev: Event, outlets: dict[str, int]) -> dict[str, Any]:
    return {"id": ev.id, "story": ev.story, "title": ev.title, "start": ev.start, "end": ev.end,
            "n_articles": len(ev.articles), "outlets": outlets, "entities": ev.entities,
            "summary": ev.summary, "timeline": ev.timeline}


def update_store(store: Store, settings: CorpusSettings | None = None, *, reset: bool = False,
                 chunk: int = CHUNK, describe: bool = True) -> PassReport:
    """Cluster the store's pending articles (all of them again with ``reset``); see the module docstring.

    The settings live in the saved state: without ``reset`` they are the store's (passing different
    ones is an error, since half a corpus clustered one way and half another is no result); with
    ``reset`` new thresholds may be given, but not new feature fields (the stored features depend on them).

    With ``describe`` (the default) every touched story gets its timeline, and each of its events its
    summary and timeline, rebuilt from the stored articles (:func:`kronik.summarize.describe`), so a
    story page is read, not computed, when it is opened.
    """
    report = PassReport()
    t0 = time.perf_counter()
    saved = store.corpus_state() if reset else None
    state = None if reset else _stored_state(store)
    if state is None:
        state = CorpusState.empty(settings)
    elif settings is not None and settings != state.settings:
        raise ValueError("these corpus settings differ from the ones the store was clustered with; "
                         "cluster again from scratch (reset) to change them")
    if reset and saved and settings is not None:
        old = load_state(saved).settings
        if old.feature_fields() != settings.feature_fields():
            raise ValueError(f"the stored features were computed with {old.feature_fields()}; "
                             "these fields cannot change on an existing store")
    report.backfilled = backfill_features(store, state.settings)
    rows = store.all_features() if reset else store.pending_features()
    feats_iter = _decoded(rows, store.corrections(), state.settings)
    t0 = report._add("load", t0)
    try:
        state = _passes(store, state, feats_iter, chunk, reset, describe, report, t0)
    except BaseException:
        _HELD.pop(store.url, None)  # the state in memory may be ahead of the store's now
        raise
    report.events_total = len(state.clusters.events)
    report.stories_total = len(state.stories.stories)
    return report


_HELD: dict[str, tuple[bytes, CorpusState]] = {}
"""The state the last pass in this process left, per store URL, with the stamp it was written under: the
next pass (a ``watch`` feed, ingest's passes every N articles) continues it instead of reading the store's
state blobs again, as long as the stamp is still the store's (no other process wrote a state since)."""


def _stored_state(store: Store) -> CorpusState | None:
    """The store's corpus state: the one this process holds if it is still current, else loaded (full blob
    and deltas); None when the store was never clustered."""
    held = _HELD.get(store.url)
    if held is not None and held[0] == store.corpus_stamp():
        return held[1]
    _HELD.pop(store.url, None)
    blobs = store.corpus_states()
    return load_state(blobs[0], blobs[1:]) if blobs else None


def _passes(store: Store, state: CorpusState, feats_iter: Iterator[ArticleFeatures], chunk: int, reset: bool,
            describe: bool, report: PassReport, t0: float) -> CorpusState:
    """The pending features, ``chunk`` at a time: cluster, describe, write (see :func:`update_store`)."""
    first = True
    while feats := list(islice(feats_iter, chunk)):
        t0 = report._add("load", t0)
        assign, state = run_features(feats, state)
        report.articles += len(feats)
        for aid, root in state.changed.items():  # earlier copies whose original is now a late arrival
            ev = state.clusters.article_event.get(aid)
            if ev is not None:
                assign[aid] = (root, ev, state.clusters.events[ev].story)
        for aid, ev in state.merged.items():  # earlier articles of an event merged into another
            if aid not in assign:
                r = state.dedup.root.get(aid, aid)
                assign[aid] = (r if r != aid else None, ev, state.clusters.events[ev].story)
        for eid in state.moved:  # events moved to another story (link reports them): their earlier articles too
            prof = state.clusters.events.get(eid)
            if prof is None:
                continue
            for aid in prof.articles:
                if aid not in assign:
                    r = state.dedup.root.get(aid, aid)
                    assign[aid] = (r if r != aid else None, eid, prof.story)
        touched = list(dict.fromkeys(e for _, e, _ in assign.values()))
        story_ids = list(dict.fromkeys([*(st for e in touched if (st := state.clusters.events[e].story)),
                                        *(old for old, _ in state.moved.values()
                                          if old is not None and old in state.stories.stories)]))
        stories = [to_story(state.stories.stories[s], state.clusters) for s in story_ids]
        profiles = [state.clusters.events[e] for e in touched]
        events = [to_event(p) for p in profiles]
        t0 = report._add("link", t0)
        if describe:
            # an event is described again only when its articles changed (new ones, merged ones, a copy's
            # original): one that only moved to another story keeps its stored summary and timeline
            grown = {*(assign[f.id][1] for f in feats), *state.merged.values(),
                     *(e for a in state.changed if (e := state.clusters.article_event.get(a)))}
            kept = store.event_descriptions([e.id for e in events if e.id not in grown])
            for e in events:
                e.summary, e.timeline = kept.get(e.id, (e.summary, e.timeline))
            # a story's timeline reads all of its events (the untouched ones only lend their articles)
            shown = {e.id for e in events}
            context = [to_event(state.clusters.events[e]) for st in stories for e in st.events
                       if e not in shown and e in state.clusters.events]
            _describe(store, state, [*events, *context], stories, grown)
        t0 = report._add("describe", t0)
        ev_rows = [event_row(e, dict(p.outlets)) for e, p in zip(events, profiles, strict=True)]
        st_rows = [_story_row(s, state) for s in stories]
        delta = save_state_delta(state)
        blob = save_state(state) if delta is None else delta
        t0 = report._add("state", t0)
        stamp = os.urandom(16)
        store.apply_corpus({k: (d, e, s or None) for k, (d, e, s) in assign.items()}, ev_rows, st_rows,
                           blob, len(state.clusters.article_event), reset=reset and first,
                           removed=(sorted(state.removed_events), sorted(state.removed_stories)),
                           delta=delta is not None, stamp=stamp)
        _HELD.clear()  # one store's state at a time is held
        _HELD[store.url] = (stamp, state)
        t0 = report._add("write", t0)
        first = False
        report.events_touched += len(events)
        report.stories_touched += len(stories)
    if reset and first:  # nothing stored: still clear what an earlier pass left
        store.apply_corpus({}, [], [], None, 0, reset=True)
    return state


def _describe(store: Store, state: CorpusState, events: list[Event], stories: list[Story], grown: set[str]) -> None:
    """Summaries and timelines of the ``grown`` events among ``events`` and of the stories, from their stored
    articles (the other events are there for their stories' timelines).

    Stories are described in groups of at most ``DESCRIBE_ARTICLES`` articles, each group's articles
    loaded, used and dropped before the next, so memory stays bounded however much one pass touched.
    """
    from kronik.summarize import describe

    by_event = {e.id: e for e in events}
    root = state.dedup.root

    def wanted_of(evs: list[Event]) -> list[str]:
        total = sum(len(e.articles) for e in evs)
        per = max(1, -(-STORY_ARTICLES // max(len(evs), 1)))
        ids: dict[str, None] = {}
        for ev in evs:
            if total > STORY_ARTICLES:
                ids.update(dict.fromkeys([a for a in ev.articles if root.get(a, a) == a][:per]))
            else:
                ids.update(dict.fromkeys(ev.articles))
        return list(ids)

    def run(group: list[tuple[Story | None, list[Event], list[str]]]) -> None:
        ids = list(dict.fromkeys(a for _, _, w in group for a in w))
        articles = list(store.articles(ids))
        for a in articles:  # the stored rows predate this pass: give them its answers
            r = root.get(a.id, a.id)
            a.duplicate_of = r if r != a.id else None
        group_events = [e for _, evs, _ in group for e in evs]
        describe(articles, group_events, [st for st, _, _ in group if st is not None],
                 only={e.id for e in group_events} & grown)

    units: list[tuple[Story | None, list[Event], list[str]]] = []
    for st in stories:
        evs = [by_event[e] for e in st.events if e in by_event]
        units.append((st, evs, wanted_of(evs)))
    loose = [e for e in events if e.story is None]
    units += [(None, [e], wanted_of([e])) for e in loose]
    group: list[tuple[Story | None, list[Event], list[str]]] = []
    size = 0
    for unit in units:
        if group and size + len(unit[2]) > DESCRIBE_ARTICLES:
            run(group)
            group, size = [], 0
        group.append(unit)
        size += len(unit[2])
    if group:
        run(group)


def _story_row(story: Story, state: CorpusState) -> dict[str, Any]:
    prof = state.stories.stories[story.id]
    evs = [state.clusters.events[e] for e in story.events if e in state.clusters.events]
    return {"id": story.id, "title": story.title, "start": _bound(evs, min) or iso_day(prof.start),
            "end": _bound(evs, max) or iso_day(prof.end),
            "n_events": len(evs), "n_articles": sum(len(e.articles) for e in evs), "events": story.events,
            "timeline": story.timeline}


def _bound(evs: list[Any], pick: Any) -> str | None:
    """The first start (``pick=min``) or last end (``max``) of these events as published: an ISO datetime with
    the outlet's offset, like the events' own ``start``/``end`` (not a bare day)."""
    key = "start" if pick is min else "end"
    dated = [e for e in evs if getattr(e, key) is not None and getattr(e, key + "_text")]
    if not dated:
        return None
    return str(getattr(pick(dated, key=lambda e: getattr(e, key)), key + "_text"))
