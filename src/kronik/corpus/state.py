"""Saving and loading the corpus state: one compact, pickle-free binary blob.

The blob is a compressed NumPy ``.npz`` archive: ``meta`` holds a UTF-8 JSON
document (settings, ids, maps, every event's and story's scalar fields) and
the other members hold the numeric arrays (document frequencies, the recent
MinHash signatures, and the events' and stories' sparse vectors concatenated
with offsets).  Loading never unpickles anything (``allow_pickle=False``), so
a blob from the store is safe to read.  ``FORMAT`` is bumped on any change.

**Deltas.**  A full blob holds everything the store ever clustered, so writing
one after every pass would make a pass cost what the store costs.  After a
state is saved (or loaded) it keeps a :class:`Journal`: its per-article maps
become :class:`Recording` dicts that note the keys a pass sets, and a cheap
fingerprint of every event and story is kept.  :func:`dump_delta` then writes
only what changed since: the maps' changed entries, the events and stories that
changed or went (whole records), the document-frequency entries that moved and
the near-copy window's new rows, the stories' officials tally, and the kept articles
of revisiting (their order and originals; features only of the ones new since).  :func:`load` applies a full blob and its
deltas in order and gives exactly the state a full blob saved at the end would
give (tests/test_corpus_state.py); :func:`wants_full` says when the deltas
have grown to the size of the full blob, so reading stays bounded.
"""

from __future__ import annotations

import io
import json
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kronik.corpus.cluster import EMPTY_U, ClusterState, EventProfile
from kronik.corpus.dedup import DedupState
from kronik.corpus.features import ArticleFeatures
from kronik.corpus.settings import CorpusSettings
from kronik.corpus.stories import StoryProfile, StoryState
from kronik.corpus.vectors import EMPTY_F, EMPTY_I

FORMAT = "kronik-corpus-state/1"
DELTA_FORMAT = "kronik-corpus-delta/1"
COMPACT_RATIO = 1.0
"""A full blob is written again once the deltas since the last one add up to this share of its size."""
MAX_DELTAS = 200
"""... or when there are this many of them (each is one row to read when the state is loaded)."""

_EV_ARRAYS = (("t_idx", np.int32), ("t_val", np.float32), ("ti_idx", np.int32), ("ti_val", np.float32),
              ("e_idx", np.int32), ("e_val", np.float32), ("x_idx", np.int32), ("x_val", np.float32))
_ST_ARRAYS = (("t_idx", np.int32), ("t_val", np.float32), ("e_idx", np.int32), ("e_val", np.float32))
_ST_MASS = (("m_idx", np.int32), ("m_val", np.float32))
_AR_ARRAYS = (("terms", np.int32), ("weights", np.float32), ("title_terms", np.int32), ("entity_terms", np.int32),
              ("entity_weights", np.float32), ("x_terms", np.int32), ("x_weights", np.float32))



def _num(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else x


def _pack(objs: list[Any], names: tuple[tuple[str, Any], ...], prefix: str, arrays: dict[str, np.ndarray],
          with_keys: bool = True) -> None:
    for name, dtype in names:
        parts = [np.asarray(getattr(o, name), dtype) for o in objs]
        arrays[f"{prefix}.{name}"] = np.concatenate(parts) if parts else np.zeros(0, dtype)
        arrays[f"{prefix}.{name}.len"] = np.array([len(p) for p in parts], np.int64)
    if not with_keys:
        return
    keys = [np.asarray(o.keys, np.int64) for o in objs]
    arrays[f"{prefix}.keys"] = np.concatenate(keys) if keys else np.zeros(0, np.int64)
    arrays[f"{prefix}.keys.len"] = np.array([len(k) for k in keys], np.int64)


def _unpack(objs: list[Any], names: tuple[tuple[str, Any], ...], prefix: str, z: Any,
            with_keys: bool = True) -> None:
    for name, _ in (*names, *((("keys", np.int64),) if with_keys else ())):
        if f"{prefix}.{name}" not in z.files:  # a state saved before the array existed (pivot vectors): empty
            continue
        flat = z[f"{prefix}.{name}"]
        bounds = np.concatenate([[0], np.cumsum(z[f"{prefix}.{name}.len"])])
        for i, o in enumerate(objs):
            part = flat[bounds[i]:bounds[i + 1]]
            setattr(o, name, part.tolist() if name == "keys" else part.copy())


def _story_mass(stories: list[StoryProfile], clusters: ClusterState, settings: CorpusSettings) -> None:
    from kronik.corpus.vectors import add

    for st in stories:
        for e in st.events:
            ev = clusters.events.get(e)
            if ev is not None:
                st.m_idx, st.m_val = add(st.m_idx, st.m_val, ev.e_idx, ev.e_val, cap=settings.story_terms)


def _event_meta(e: EventProfile) -> dict[str, Any]:
    return {"id": e.id, "seq": e.seq, "start": e.start, "end": e.end, "n": e.n, "articles": e.articles,
            "title": e.title, "title_time": e.title_time, "start_text": e.start_text, "end_text": e.end_text,
            "names": e.names, "days": {str(k): v for k, v in e.days.items()}, "outlets": e.outlets,
            "languages": e.languages, "story": e.story}


def _story_meta(x: StoryProfile) -> dict[str, Any]:
    return {"id": x.id, "seq": x.seq, "start": x.start, "end": x.end, "events": x.events}


def _recent_meta(f: ArticleFeatures) -> dict[str, Any]:
    """The scalar fields of a kept article (revisiting); its vectors go into the ``ar.*`` arrays."""
    return {"id": f.id, "time": f.time, "dated": f.dated, "published": f.published, "language": f.language,
            "outlet": f.outlet, "title": f.title, "entities": f.entities, "days": list(f.days)}


def _recent_from(items: list[dict[str, Any]], z: Any) -> list[ArticleFeatures]:
    feats = [ArticleFeatures(id=r["id"], time=r["time"], dated=r["dated"], published=r["published"],
                             language=r["language"], outlet=r["outlet"], title=r["title"], body_hash="",
                             n_shingles=0, minhash=EMPTY_U, terms=EMPTY_I, weights=EMPTY_F, title_terms=EMPTY_I,
                             entities=r["entities"], days=tuple(r["days"])) for r in items]
    _unpack(feats, _AR_ARRAYS, "ar", z, with_keys=False)
    return feats


def _archive(meta: dict[str, Any], arrays: dict[str, np.ndarray], events: list[EventProfile],
             stories: list[StoryProfile], recent: list[ArticleFeatures]) -> bytes:
    arrays = {"meta": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), np.uint8), **arrays}
    _pack(events, _EV_ARRAYS, "ev", arrays)
    _pack(recent, _AR_ARRAYS, "ar", arrays, with_keys=False)
    _pack(stories, _ST_ARRAYS, "st", arrays)
    _pack(stories, _ST_MASS, "sm", arrays)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def dump(state: Any, *, journal: bool = True) -> bytes:
    """The :class:`~kronik.corpus.CorpusState` as bytes (the whole of it); starts a new :class:`Journal`
    (unless ``journal`` is false: a copy for comparison, the next delta still continues the last save)."""
    d: DedupState = state.dedup
    c: ClusterState = state.clusters
    s: StoryState = state.stories
    events = sorted(c.events.values(), key=lambda e: e.seq)
    stories = sorted(s.stories.values(), key=lambda x: x.seq)
    snap = uuid.uuid4().hex
    meta = {
        "format": FORMAT,
        "snap": snap,
        "settings": state.settings.to_dict(),
        "dedup": {"exact": d.exact, "root": d.root, "time": {k: _num(v) for k, v in d.time.items()}, "ids": d.ids},
        "clusters": {"n_docs": c.n_docs, "seq": c.seq, "article_event": c.article_event},
        "events": [_event_meta(e) for e in events],
        "stories": {"seq": s.seq, "officials": s.officials, "items": [_story_meta(x) for x in stories]},
        "recent": [{**_recent_meta(f), "root": root} for f, root in c.recent.values()],
    }
    arrays: dict[str, np.ndarray] = {
        "df": c.df,
        "xdf": c.xdf if c.xdf is not None else np.zeros_like(c.df),
        "dedup.times": np.nan_to_num(d.times, posinf=np.nan),
        "dedup.sizes": d.sizes,
        "dedup.sigs": d.sigs if d.sigs is not None else np.zeros((0, state.settings.num_perm), np.uint32),
    }
    blob = _archive(meta, arrays, events, stories, [f for f, _ in c.recent.values()])
    if journal:
        state.journal = Journal.start(state, snap, len(blob))
    return blob


# ---------------------------------------------------------------------------------------------- deltas

_MISSING = object()


class Recording(dict):  # type: ignore[type-arg]
    """A dict that notes every key set or deleted since it was made (for :func:`dump_delta`)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.noted: dict[Any, None] = {}

    def __setitem__(self, k: Any, v: Any) -> None:
        self.noted[k] = None
        super().__setitem__(k, v)

    def __delitem__(self, k: Any) -> None:
        self.noted[k] = None
        super().__delitem__(k)

    def pop(self, k: Any, *default: Any) -> Any:
        self.noted[k] = None
        return super().pop(k, *default)

    def setdefault(self, k: Any, v: Any = None) -> Any:
        if k not in self:
            self[k] = v
        return self[k]

    def update(self, *args: Any, **kw: Any) -> None:
        for k, v in dict(*args, **kw).items():
            self[k] = v

    def popitem(self) -> Any:
        k, v = super().popitem()
        self.noted[k] = None
        return k, v

    def clear(self) -> None:
        self.noted.update(dict.fromkeys(self))
        super().clear()

    def __reduce__(self) -> Any:  # a copy (pickle, deepcopy) is a plain dict: its changes go unnoted, so the
        return dict, (dict(self),)  # state holding it writes a full blob next (Journal.tracking)


_MAPS = (("dedup", "exact"), ("dedup", "root"), ("dedup", "time"), ("clusters", "article_event"))


def _event_print(e: EventProfile) -> tuple[Any, ...]:
    """What changes when an event changes at all (members, story, span, title, vector sizes): a cheap check
    that catches a change no map recorded (a vector rebuilt, a story set by the linker)."""
    return (e.n, len(e.articles), e.articles[-1] if e.articles else None, e.story, e.start, e.end, e.title,
            len(e.keys), len(e.t_idx), len(e.e_idx), len(e.x_idx))


def _story_print(x: StoryProfile) -> tuple[Any, ...]:
    return (hash(tuple(x.events)), x.start, x.end, len(x.keys), len(x.t_idx), len(x.e_idx), len(x.m_idx))


@dataclass
class Journal:
    """What the state looked like when it was last saved (or loaded): the base its next delta is relative to."""

    snap: str
    """Id of the full blob the deltas continue."""
    deltas: int = 0
    delta_bytes: int = 0
    snap_bytes: int = 0
    df: np.ndarray | None = None
    xdf: np.ndarray | None = None
    window: set[str] = field(default_factory=set)
    events: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    stories: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    recent: set[str] = field(default_factory=set)
    """Ids of the kept articles (revisiting) the last save held: a delta carries only the others' features."""

    @classmethod
    def start(cls, state: Any, snap: str, snap_bytes: int, deltas: int = 0, delta_bytes: int = 0,
              prints: tuple[dict[str, Any], dict[str, Any]] | None = None) -> Journal:
        """Journal the state from here on: its maps become :class:`Recording` (or forget what they noted),
        fingerprints taken (or the ones just computed, ``prints``)."""
        for obj, name in (*((getattr(state, p), n) for p, n in _MAPS), (state.clusters, "events"),
                          (state.stories, "stories")):
            m = getattr(obj, name)
            if isinstance(m, Recording):
                m.noted = {}
            else:
                setattr(obj, name, Recording(m))
        c = state.clusters
        if prints is None:
            prints = ({k: _event_print(e) for k, e in c.events.items()},
                      {k: _story_print(x) for k, x in state.stories.stories.items()})
        return cls(snap, deltas, delta_bytes, snap_bytes, c.df.copy(), None if c.xdf is None else c.xdf.copy(),
                   set(state.dedup.ids), *prints, recent=set(c.recent))

    def tracking(self, state: Any) -> bool:
        """Whether every journalled map is still the one it watches (code that replaced a map wholesale
        leaves changes no delta can describe: then a full blob is written)."""
        return all(isinstance(getattr(getattr(state, p), n), Recording) for p, n in _MAPS) and isinstance(
            state.clusters.events, Recording) and isinstance(state.stories.stories, Recording)


def wants_full(state: Any) -> bool:
    """Whether the next save should be a full blob: nothing to continue from, a map replaced, or the deltas
    since the last full blob as big as it (or as many as ``MAX_DELTAS``)."""
    j: Journal | None = getattr(state, "journal", None)
    return (j is None or not j.tracking(state) or j.deltas >= MAX_DELTAS
            or j.delta_bytes >= COMPACT_RATIO * j.snap_bytes)


def _changes(m: Recording) -> tuple[dict[str, Any], list[str]]:
    return {k: m[k] for k in m.noted if k in m}, [k for k in m.noted if k not in m]


def _sparse(now: np.ndarray | None, base: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    if now is None:
        return np.zeros(0, np.int64), np.zeros(0, np.int32)
    idx = np.flatnonzero(now != base) if base is not None and base.shape == now.shape else np.arange(len(now))
    return idx.astype(np.int64), now[idx]


def _reprinted(objs: dict[str, Any], fingerprint: Any, before: dict[str, Any], changed: set[Any]) -> dict[str, Any]:
    """Every object's fingerprint now; those that differ from ``before`` are added to ``changed``."""
    now = {}
    for k, x in objs.items():
        fp = now[k] = fingerprint(x)
        if before.get(k) != fp:
            changed.add(k)
    return now


def dump_delta(state: Any) -> bytes:
    """What changed since the state was last saved or loaded, as bytes for :func:`load` to apply after the
    blobs it continues; call only when :func:`wants_full` is false.  Starts the next delta from here."""
    j: Journal = state.journal
    d: DedupState = state.dedup
    c: ClusterState = state.clusters
    s: StoryState = state.stories
    maps = {f"{p}.{n}": _changes(getattr(getattr(state, p), n)) for p, n in _MAPS}
    ev_gone = [k for k in c.events.noted if k not in c.events]
    touched = set(c.events.noted)
    for k in c.article_event.noted:
        touched.add(c.article_event.get(k))
    ev_prints = _reprinted(c.events, _event_print, j.events, touched)
    events = sorted((c.events[k] for k in touched if k in c.events), key=lambda e: e.seq)
    st_touched = set(s.stories.noted) | {e.story for e in events}
    st_prints = _reprinted(s.stories, _story_print, j.stories, st_touched)
    stories = sorted((s.stories[k] for k in st_touched if k in s.stories), key=lambda x: x.seq)
    st_gone = [k for k in s.stories.noted if k not in s.stories]
    new_rows = [i for i, a in enumerate(d.ids) if a not in j.window]
    new_recent = [f for a, (f, _) in c.recent.items() if a not in j.recent]
    meta = {
        "format": DELTA_FORMAT, "snap": j.snap, "delta": j.deltas + 1,
        "maps": {k: {"set": {a: _num(v) if isinstance(v, float) else v for a, v in st.items()}, "del": gone}
                 for k, (st, gone) in maps.items()},
        "window": d.ids, "window_new": new_rows,
        "clusters": {"n_docs": c.n_docs, "seq": c.seq},
        "events": [_event_meta(e) for e in events], "events_gone": ev_gone,
        "stories": {"seq": s.seq, "officials": s.officials, "items": [_story_meta(x) for x in stories],
                    "gone": st_gone},
        # the kept articles in their order with their originals (bounded by event_revisit_keep); features of new ones
        "recent": [[a, root] for a, (_, root) in c.recent.items()],
        "recent_new": [_recent_meta(f) for f in new_recent],
    }
    df_i, df_v = _sparse(c.df, j.df)
    xdf_i, xdf_v = _sparse(c.xdf, j.xdf)
    sel = np.asarray(new_rows, np.int64)
    arrays = {
        "df.idx": df_i, "df.val": df_v, "xdf.idx": xdf_i, "xdf.val": xdf_v,
        "dedup.times": np.nan_to_num(d.times[sel] if len(sel) else np.zeros(0), posinf=np.nan),
        "dedup.sizes": d.sizes[sel] if len(sel) else np.zeros(0, np.int32),
        "dedup.sigs": d.sigs[sel] if len(sel) and d.sigs is not None else np.zeros((0, state.settings.num_perm), np.uint32),
    }
    blob = _archive(meta, arrays, events, stories, new_recent)
    state.journal = Journal.start(state, j.snap, j.snap_bytes, j.deltas + 1, j.delta_bytes + len(blob),
                                  (ev_prints, st_prints))
    return blob


def _events_from(items: list[dict[str, Any]], z: Any) -> list[EventProfile]:
    events = [EventProfile(id=em["id"], seq=em["seq"], start=em["start"], end=em["end"], n=em["n"],
                           articles=em["articles"], title=em["title"], title_time=em["title_time"],
                           start_text=em["start_text"], end_text=em["end_text"], names=em["names"],
                           days={int(k): v for k, v in em["days"].items()}, outlets=em["outlets"],
                           languages=em["languages"], story=em["story"]) for em in items]
    _unpack(events, _EV_ARRAYS, "ev", z)
    return events


def _stories_from(items: list[dict[str, Any]], z: Any) -> list[StoryProfile]:
    stories = [StoryProfile(id=x["id"], seq=x["seq"], start=x["start"], end=x["end"], events=x["events"])
               for x in items]
    _unpack(stories, _ST_ARRAYS, "st", z)
    if "sm.m_idx" in z.files:
        _unpack(stories, _ST_MASS, "sm", z)
    return stories


def load(data: bytes, deltas: Sequence[bytes] = ()) -> Any:
    """A :class:`~kronik.corpus.CorpusState` from :func:`dump`'s bytes and the :func:`dump_delta` bytes
    saved after it, in order; the state journals its changes from here on."""
    from kronik.corpus import CorpusState

    with np.load(io.BytesIO(data), allow_pickle=False) as z:
        meta = json.loads(z["meta"].tobytes().decode("utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"unsupported corpus state format {meta.get('format')!r} (expected {FORMAT})")
        settings = CorpusSettings.from_dict(meta["settings"])
        dm = meta["dedup"]
        times = z["dedup.times"].astype(np.float64)
        times[np.isnan(times)] = np.inf
        dedup = DedupState(exact=dm["exact"], root=dm["root"],
                           time={k: (math.inf if v is None else v) for k, v in dm["time"].items()},
                           ids=list(dm["ids"]), times=times, sizes=z["dedup.sizes"].astype(np.int32),
                           sigs=z["dedup.sigs"].astype(np.uint32) if len(dm["ids"]) else None)
        cm = meta["clusters"]
        clusters = ClusterState(df=z["df"].astype(np.int32), n_docs=cm["n_docs"], seq=cm["seq"],
                                article_event=cm["article_event"],
                                xdf=z["xdf"].astype(np.int32) if "xdf" in z.files else None)
        clusters.events = {e.id: e for e in _events_from(meta["events"], z)}
        kept = meta.get("recent", [])  # a state saved before revisiting kept none
        clusters.recent = {f.id: (f, r["root"]) for f, r in zip(_recent_from(kept, z), kept, strict=True)}
        sm = meta["stories"]
        stories = _stories_from(sm["items"], z)
        if "sm.m_idx" not in z.files:  # a state saved before stories kept their entity mass: sum it from their events once
            _story_mass(stories, clusters, settings)
        story_state = StoryState(seq=sm["seq"], stories={x.id: x for x in stories},
                                 officials=dict(sm.get("officials", {})))
    state = CorpusState(settings, dedup, clusters, story_state)
    snap, delta_bytes = meta.get("snap"), 0
    for i, blob in enumerate(deltas, 1):
        _apply(state, blob, snap, i)
        delta_bytes += len(blob)
    clusters.events = dict(sorted(clusters.events.items(), key=lambda kv: kv[1].seq))
    story_state.stories = dict(sorted(story_state.stories.items(), key=lambda kv: kv[1].seq))
    clusters.rebuild_index(settings.posting_cap)
    story_state.rebuild_index(settings.posting_cap)
    state.journal = Journal.start(state, snap, len(data), len(deltas), delta_bytes) if snap else None
    return state


def _apply(state: Any, blob: bytes, snap: str | None, number: int) -> None:
    """Apply one delta to a loaded state (in place)."""
    d, c, s = state.dedup, state.clusters, state.stories
    with np.load(io.BytesIO(blob), allow_pickle=False) as z:
        meta = json.loads(z["meta"].tobytes().decode("utf-8"))
        if meta.get("format") != DELTA_FORMAT or meta.get("snap") != snap or meta.get("delta") != number:
            raise ValueError(f"corpus state delta {number} does not continue this state "
                             f"({meta.get('format')!r}, {meta.get('snap')!r}, {meta.get('delta')!r})")
        for key, ch in meta["maps"].items():
            part, name = key.split(".")
            m = getattr(getattr(state, part), name)
            for k in ch["del"]:
                m.pop(k, None)
            sets = ch["set"]
            m.update({k: math.inf if v is None else v for k, v in sets.items()} if name == "time" else sets)
        for k in meta["events_gone"]:
            c.events.pop(k, None)
        c.events.update({e.id: e for e in _events_from(meta["events"], z)})
        sm = meta["stories"]
        for k in sm["gone"]:
            s.stories.pop(k, None)
        s.stories.update({x.id: x for x in _stories_from(sm["items"], z)})
        c.n_docs, c.seq, s.seq = meta["clusters"]["n_docs"], meta["clusters"]["seq"], sm["seq"]
        s.officials = dict(sm.get("officials", {}))
        fresh = {f.id: f for f in _recent_from(meta.get("recent_new", []), z)}
        c.recent = {a: (fresh[a] if a in fresh else c.recent[a][0], root) for a, root in meta.get("recent", [])}
        c.df[z["df.idx"]] = z["df.val"]
        if len(z["xdf.idx"]):
            if c.xdf is None:
                c.xdf = np.zeros_like(c.df)
            c.xdf[z["xdf.idx"]] = z["xdf.val"]
        # the near-copy window: rows kept from before (by id) and the new ones
        old = {a: i for i, a in enumerate(d.ids)}
        new_at = {meta["window"][i]: j for j, i in enumerate(meta["window_new"])}
        times = z["dedup.times"].astype(np.float64)
        times[np.isnan(times)] = np.inf
        sizes, sigs = z["dedup.sizes"].astype(np.int32), z["dedup.sigs"].astype(np.uint32)
        ids = meta["window"]
        n_perm = state.settings.num_perm
        old_sigs = d.sigs if d.sigs is not None else np.zeros((0, n_perm), np.uint32)
        d.times = np.array([times[new_at[a]] if a in new_at else d.times[old[a]] for a in ids], np.float64)
        d.sizes = np.array([sizes[new_at[a]] if a in new_at else d.sizes[old[a]] for a in ids], np.int32)
        d.sigs = (np.stack([sigs[new_at[a]] if a in new_at else old_sigs[old[a]] for a in ids]).astype(np.uint32)
                  if ids else None)
        d.ids = list(ids)
