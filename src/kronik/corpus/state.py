"""Saving and loading the corpus state: one compact, pickle-free binary blob.

The blob is a compressed NumPy ``.npz`` archive: ``meta`` holds a UTF-8 JSON
document (settings, ids, maps, every event's and story's scalar fields) and
the other members hold the numeric arrays (document frequencies, the recent
MinHash signatures, and the events' and stories' sparse vectors concatenated
with offsets).  Loading never unpickles anything (``allow_pickle=False``), so
a blob from the store is safe to read.  ``FORMAT`` is bumped on any change.
"""

from __future__ import annotations

import io
import json
import math
from typing import Any

import numpy as np

from kronik.corpus.cluster import EMPTY_U, ClusterState, EventProfile
from kronik.corpus.dedup import DedupState
from kronik.corpus.features import ArticleFeatures
from kronik.corpus.settings import CorpusSettings
from kronik.corpus.stories import StoryProfile, StoryState
from kronik.corpus.vectors import EMPTY_F, EMPTY_I

FORMAT = "kronik-corpus-state/1"

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


def dump(state: Any) -> bytes:
    """The :class:`~kronik.corpus.CorpusState` as bytes."""
    d: DedupState = state.dedup
    c: ClusterState = state.clusters
    s: StoryState = state.stories
    events = sorted(c.events.values(), key=lambda e: e.seq)
    stories = sorted(s.stories.values(), key=lambda x: x.seq)
    meta = {
        "format": FORMAT,
        "settings": state.settings.to_dict(),
        "dedup": {"exact": d.exact, "root": d.root, "time": {k: _num(v) for k, v in d.time.items()}, "ids": d.ids},
        "clusters": {"n_docs": c.n_docs, "seq": c.seq, "article_event": c.article_event},
        "events": [{
            "id": e.id, "seq": e.seq, "start": e.start, "end": e.end, "n": e.n, "articles": e.articles,
            "title": e.title, "title_time": e.title_time, "start_text": e.start_text, "end_text": e.end_text,
            "names": e.names, "days": {str(k): v for k, v in e.days.items()}, "outlets": e.outlets,
            "languages": e.languages, "story": e.story,
        } for e in events],
        "stories": {"seq": s.seq, "officials": s.officials,
                    "items": [{"id": x.id, "seq": x.seq, "start": x.start, "end": x.end, "events": x.events}
                              for x in stories]},
        "recent": [{"id": f.id, "root": root, "time": f.time, "dated": f.dated, "published": f.published,
                    "language": f.language, "outlet": f.outlet, "title": f.title, "entities": f.entities,
                    "days": list(f.days)} for f, root in c.recent.values()],
    }
    arrays: dict[str, np.ndarray] = {
        "meta": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), np.uint8),
        "df": c.df,
        "xdf": c.xdf if c.xdf is not None else np.zeros_like(c.df),
        "dedup.times": np.nan_to_num(d.times, posinf=np.nan),
        "dedup.sizes": d.sizes,
        "dedup.sigs": d.sigs if d.sigs is not None else np.zeros((0, state.settings.num_perm), np.uint32),
    }
    _pack(events, _EV_ARRAYS, "ev", arrays)
    _pack([f for f, _ in c.recent.values()], _AR_ARRAYS, "ar", arrays, with_keys=False)
    _pack(stories, _ST_ARRAYS, "st", arrays)
    _pack(stories, _ST_MASS, "sm", arrays)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def load(data: bytes) -> Any:
    """A :class:`~kronik.corpus.CorpusState` from :func:`dump`'s bytes."""
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
        events = []
        for em in meta["events"]:
            ev = EventProfile(id=em["id"], seq=em["seq"], start=em["start"], end=em["end"], n=em["n"],
                              articles=em["articles"], title=em["title"], title_time=em["title_time"],
                              start_text=em["start_text"], end_text=em["end_text"], names=em["names"],
                              days={int(k): v for k, v in em["days"].items()}, outlets=em["outlets"],
                              languages=em["languages"], story=em["story"])
            events.append(ev)
        _unpack(events, _EV_ARRAYS, "ev", z)
        clusters.events = {e.id: e for e in events}
        recent = [ArticleFeatures(id=r["id"], time=r["time"], dated=r["dated"], published=r["published"],
                                  language=r["language"], outlet=r["outlet"], title=r["title"], body_hash="",
                                  n_shingles=0, minhash=EMPTY_U, terms=EMPTY_I, weights=EMPTY_F,
                                  title_terms=EMPTY_I, entities=r["entities"], days=tuple(r["days"]))
                  for r in meta.get("recent", ())]  # a state saved before revisiting kept none
        _unpack(recent, _AR_ARRAYS, "ar", z, with_keys=False)
        clusters.recent = {f.id: (f, r["root"]) for f, r in zip(recent, meta.get("recent", ()), strict=True)}
        clusters.rebuild_index(settings.posting_cap)
        sm = meta["stories"]
        stories = [StoryProfile(id=x["id"], seq=x["seq"], start=x["start"], end=x["end"], events=x["events"])
                   for x in sm["items"]]
        _unpack(stories, _ST_ARRAYS, "st", z)
        if "sm.m_idx" in z.files:
            _unpack(stories, _ST_MASS, "sm", z)
        else:  # a state saved before stories kept their entity mass: sum it from their events once
            _story_mass(stories, clusters, settings)
        story_state = StoryState(seq=sm["seq"], stories={x.id: x for x in stories},
                                 officials=dict(sm.get("officials", {})))
        story_state.rebuild_index(settings.posting_cap)
    return CorpusState(settings, dedup, clusters, story_state)
