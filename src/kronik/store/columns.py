"""Compact in-memory columns of every article (outlet, language, day, story, event, date order), by ``num``.

Search on SQLite asks FTS5 only for (rowid, bm25) of the matches; filters, totals, ordering and the
outlet/language/story facets are then numpy operations over these columns, so their cost is a few
vector operations over the hits instead of one table lookup per hit (at 100k articles a common word
matches tens of thousands).  About 30 bytes per article.

The columns are rebuilt when the store changes: writes through the same :class:`Store` object bump its
``generation``, writes from other processes change a cheap stamp (largest ``num``, the corpus state's
time and article count); both are checked at most every ``RECHECK`` seconds, so new articles reach
search results within a second.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import func, select

from kronik.store import schema

if TYPE_CHECKING:
    from kronik.store.db import Store

RECHECK = 1.0
MEMO = 128  # FTS answers kept per store (rowid arrays: a few hundred KB at most each)


class _Codes:
    """Strings to small integers (0 = none)."""

    def __init__(self) -> None:
        self.names: list[str | None] = [None]
        self.index: dict[str, int] = {}

    def rank(self) -> np.ndarray:
        """Each code's position in name order (facet ties are broken by name, as in SQL)."""
        r = getattr(self, "_rank", None)
        if r is None or r.shape[0] != len(self.names):
            order = sorted(range(1, len(self.names)), key=lambda i: self.names[i] or "")
            r = np.zeros(len(self.names), np.int64)
            r[np.array(order, dtype=np.int64)] = np.arange(1, len(self.names))
            self._rank = r
        return r

    def code(self, v: str | None) -> int:
        if v is None:
            return 0
        c = self.index.get(v)
        if c is None:
            c = self.index[v] = len(self.names)
            self.names.append(v)
        return c


@dataclass
class Columns:
    valid: np.ndarray      # bool, by num
    outlet: np.ndarray     # int32 codes
    language: np.ndarray
    story: np.ndarray
    event: np.ndarray
    day: np.ndarray        # int32 YYYYMMDD of the publication (local date as stored), 0 unknown
    recency: np.ndarray    # int32: 0 for the newest article (published desc, nulls last, id)
    outlets: _Codes
    languages: _Codes
    stories: _Codes
    events: _Codes

    memo: OrderedDict[Any, Any] = field(default_factory=OrderedDict)  # recent FTS answers (dropped with these columns)

    @property
    def size(self) -> int:
        return int(self.valid.shape[0])

    def remembered(self, key: Any, compute: Any) -> Any:
        """``compute()``, remembered for the last ``MEMO`` keys (the columns are rebuilt when the store changes,
        which forgets them)."""
        try:
            got = self.memo[key]
            self.memo.move_to_end(key)
            return got
        except KeyError:
            pass
        got = compute()
        self.memo[key] = got
        while len(self.memo) > MEMO:
            try:
                self.memo.popitem(last=False)
            except KeyError:
                break
        return got


def _day(published: str | None) -> int:
    if not published or len(published) < 10:
        return 0
    try:
        return int(published[0:4]) * 10000 + int(published[5:7]) * 100 + int(published[8:10])
    except ValueError:
        return 0


def load_columns(store: Store) -> Columns:
    a = schema.articles
    outlets, languages, stories, events = _Codes(), _Codes(), _Codes(), _Codes()
    with store.engine.connect() as conn:
        rows = conn.execute(select(a.c.num, a.c.outlet, a.c.language, a.c.story, a.c.event, a.c.published, a.c.id)
                            .where(a.c.num.is_not(None))).all()
    size = (max((r[0] for r in rows), default=0)) + 1
    valid = np.zeros(size, bool)
    cols = {k: np.zeros(size, np.int32) for k in ("outlet", "language", "story", "event", "day", "recency")}
    nums = np.fromiter((r[0] for r in rows), np.int64, len(rows))
    valid[nums] = True
    cols["outlet"][nums] = [outlets.code(r[1]) for r in rows]
    cols["language"][nums] = [languages.code(r[2]) for r in rows]
    cols["story"][nums] = [stories.code(r[3]) for r in rows]
    cols["event"][nums] = [events.code(r[4]) for r in rows]
    cols["day"][nums] = [_day(r[5]) for r in rows]
    # newest first, undated last, then by id: the order of a search without a query
    order = sorted(range(len(rows)), key=lambda i: rows[i][6])
    order.sort(key=lambda i: rows[i][5] or "", reverse=True)  # stable: ties stay in id order; undated ("") last
    rec = np.empty(len(rows), np.int32)
    rec[np.array(order, dtype=np.int64)] = np.arange(len(rows), dtype=np.int32)
    cols["recency"][nums] = rec
    return Columns(valid=valid, outlets=outlets, languages=languages, stories=stories, events=events, **cols)


class ColumnCache:
    """The :class:`Columns` of one store, reloaded when it changes (see the module docstring)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._cols: Columns | None = None
        self._generation = -1
        self._stamp: tuple[Any, ...] | None = None
        self._checked = 0.0

    def _db_stamp(self) -> tuple[Any, ...]:
        a, cs, o = schema.articles, schema.corpus_state, schema.entity_overrides
        with self.store.engine.connect() as conn:
            top = conn.execute(select(func.max(a.c.num))).scalar()
            # every state written (full or delta) rewrites the stamp row, with a token of its own
            state = conn.execute(select(cs.c.data, cs.c.articles).where(cs.c.name == schema.STATE_STAMP)).first()
            # a correction made by another process renames entities: the remembered entity filters go too
            fixes = tuple(conn.execute(select(func.max(o.c.id), func.count()).select_from(o)).one())
        return (top, *(tuple(state) if state else (None, None)), *fixes)

    def get(self) -> Columns:
        now = time.monotonic()
        cols = self._cols
        if cols is not None and now - self._checked < RECHECK:
            # at most one check (and reload) per RECHECK seconds, even while an ingest writes batch after
            # batch: a reload costs ~0.7 s at 100k articles; articles newer than the columns are left out
            # of search results until then
            return cols
        with self._lock:
            stamp = self._db_stamp()
            self._checked = time.monotonic()
            if self._cols is None or stamp != self._stamp or self._generation != self.store.generation:
                gen = self.store.generation
                self._cols = load_columns(self.store)
                self._stamp, self._generation = stamp, gen
            return self._cols


def forget_names(store: Store) -> None:
    """Drop the remembered entity and speaker filters of this process (a correction renamed entities: the
    next search must see it at once, not after ``RECHECK``; other processes notice through the stamp)."""
    cache = getattr(store, "_column_cache", None)
    cols = cache._cols if cache is not None else None
    if cols is not None:
        for key in [k for k in list(cols.memo) if isinstance(k, tuple) and k and k[0] in ("entity", "speaker")]:
            cols.memo.pop(key, None)


def cache_of(store: Store) -> ColumnCache:
    cache = getattr(store, "_column_cache", None)
    if cache is None:
        cache = ColumnCache(store)
        store._column_cache = cache  # type: ignore[attr-defined]
    return cache
