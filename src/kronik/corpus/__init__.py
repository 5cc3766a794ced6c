"""Corpus stages: near-duplicates, online event clustering and storylines.

One entry point, :func:`run_corpus`, takes extracted (ideally annotated)
articles and fills ``duplicate_of``, ``event`` and ``story``; it returns the
events and stories those articles belong to and the state to continue from
next time (``save_state`` / ``load_state`` turn it into bytes for the store).

The stages work on compact per-article features (:mod:`kronik.corpus.features`),
never on full texts, so features can be computed anywhere (a pool, Dask) and
the corpus pass itself stays light.  Feeding the same articles again is a
no-op; feeding new ones extends the events and stories (it never re-clusters
from scratch).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kronik.corpus.cluster import ClusterState, EventProfile, cluster, top_entities
from kronik.corpus.dedup import DedupState, deduplicate
from kronik.corpus.features import ArticleFeatures, article_features
from kronik.corpus.settings import CorpusSettings
from kronik.corpus.stories import StoryProfile, StoryState, link, unlink
from kronik.model import Article, Event, Story

__all__ = [
    "ArticleFeatures", "CorpusSettings", "CorpusState", "article_features", "load_state", "run_corpus",
    "run_features", "save_state",
]


@dataclass
class CorpusState:
    """Everything the corpus stages remember between runs."""

    settings: CorpusSettings
    dedup: DedupState
    clusters: ClusterState
    stories: StoryState
    changed: dict[str, str | None] = field(default_factory=dict)
    """After a run: earlier articles whose ``duplicate_of`` changed (a late arrival became their original)."""
    merged: dict[str, str] = field(default_factory=dict)
    """After a run: articles of events that were merged into another or regrouped (article -> its event now)."""
    removed_events: set[str] = field(default_factory=set)
    removed_stories: set[str] = field(default_factory=set)
    """After a run: events merged away and stories left empty or given up (a store deletes their rows)."""
    moved: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    """After a run: events whose story changed (event -> (story before, story now)); their earlier articles
    follow, and a story they left that still has events gets its row rewritten."""
    journal: Any = None
    """What the state was when last saved or loaded (:class:`kronik.corpus.state.Journal`): the base of the
    next delta save; None until then."""

    @classmethod
    def empty(cls, settings: CorpusSettings | None = None) -> CorpusState:
        s = settings or CorpusSettings()
        return cls(s, DedupState(), ClusterState.empty(s), StoryState())


def run_features(feats: Sequence[ArticleFeatures], state: CorpusState | None = None,
                 settings: CorpusSettings | None = None) -> tuple[dict[str, tuple[str | None, str, str]], CorpusState]:
    """The corpus pass on features: id -> (duplicate_of, event, story) for every given article, and the state."""
    if state is None:
        state = CorpusState.empty(settings)
    s = state.settings
    state.changed = {}
    known = state.clusters.article_event
    seen: set[str] = set()
    fresh = []
    for f in feats:
        if f.id not in known and f.id not in seen:
            fresh.append(f)
            seen.add(f.id)
    roots, changed = deduplicate(fresh, state.dedup, s)
    _, merged, regrouped = cluster(fresh, roots, state.clusters, s)
    state.merged, state.removed_events, state.removed_stories = {}, set(merged), set()
    for gone, (_into, story) in merged.items():  # the merged event leaves its story (an emptied story goes)
        if story is not None and unlink(gone, story, state.stories):
            state.removed_stories.add(story)
    for _gone, (into, _) in merged.items():
        for aid in state.clusters.events[into].articles if into in state.clusters.events else ():
            state.merged[aid] = state.clusters.article_event[aid]
    state.stories.note_officials(fresh)
    for aid, eid in regrouped.items():  # articles a revisit moved, and members of events it changed
        state.merged[aid] = eid
    touched = list(dict.fromkeys(known[f.id] for f in feats))
    touched += [e for e in dict.fromkeys(state.merged.values()) if e not in touched]
    dropped, state.moved = link(touched, state.stories, state.clusters, s)
    state.removed_stories |= dropped
    # what this pass removed and did not bring back (set by the removed ids, not by the store's size)
    state.removed_events = {e for e in state.removed_events if e not in state.clusters.events}
    state.removed_stories = {x for x in state.removed_stories if x not in state.stories.stories}
    for aid in changed:
        r = state.dedup.root.get(aid)
        state.changed[aid] = r if r != aid else None
    out: dict[str, tuple[str | None, str, str]] = {}
    for f in feats:
        root = state.dedup.root.get(f.id, f.id)
        eid = known[f.id]
        out[f.id] = (root if root != f.id else None, eid, state.clusters.events[eid].story or "")
    return out, state


def run_corpus(articles: list[Article], state: CorpusState | None = None, settings: CorpusSettings | None = None,
               feats: Sequence[ArticleFeatures] | None = None) -> tuple[list[Article], list[Event], list[Story], CorpusState]:
    """Fill ``duplicate_of``, ``event`` and ``story`` on the articles (in place) and return them with the
    events and stories they belong to (in order of start), and the state to continue from."""
    if state is None:
        state = CorpusState.empty(settings)
    if feats is None:
        feats = [article_features(a, state.settings) for a in articles]
    assign, state = run_features(feats, state)
    for a in articles:
        a.duplicate_of, a.event, a.story = assign[a.id]
    event_ids = list(dict.fromkeys(a.event for a in articles if a.event))
    events = [state.clusters.events[e] for e in event_ids]
    inf = float("inf")
    events.sort(key=lambda e: (e.start if e.start is not None else inf, e.seq))
    story_ids = list(dict.fromkeys(e.story for e in events if e.story))
    stories = [state.stories.stories[s] for s in story_ids]
    return articles, [to_event(e) for e in events], [to_story(s, state.clusters) for s in stories], state


def to_event(ev: EventProfile) -> Event:
    return Event(id=ev.id, title=ev.title, start=ev.start_text, end=ev.end_text, articles=list(ev.articles),
                 entities=top_entities(ev), story=ev.story)


def to_story(story: StoryProfile, clusters: ClusterState) -> Story:
    evs = [clusters.events[e] for e in story.events if e in clusters.events]
    main = max(evs, key=lambda e: (len(e.articles), -e.seq), default=None)
    return Story(id=story.id, title=main.title if main else None, events=list(story.events))


def save_state(state: CorpusState) -> bytes:
    """The whole state as bytes (see :mod:`kronik.corpus.state`)."""
    from kronik.corpus.state import dump

    return dump(state)


def save_state_delta(state: CorpusState) -> bytes | None:
    """What changed since the state was last saved or loaded, as bytes for :func:`load_state` to apply
    after the blobs before it; None when a whole blob is due instead (:func:`kronik.corpus.state.wants_full`)."""
    from kronik.corpus.state import dump_delta, wants_full

    return None if wants_full(state) else dump_delta(state)


def load_state(data: bytes, deltas: Sequence[bytes] = ()) -> CorpusState:
    """A state from :func:`save_state`'s bytes and the :func:`save_state_delta` bytes saved after them."""
    from kronik.corpus.state import load

    return load(data, deltas)
