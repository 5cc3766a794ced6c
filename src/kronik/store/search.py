"""Full-text search over the store: one function for the CLI, the API and the exports.

The index holds *stemmed* title and body (:mod:`kronik.lang.id.stemmer`), and the query is stemmed
the same way, so ``berdialog`` finds ``dialog`` and ``kebijakan`` finds ``bijak`` (and back).  Only the
stemmed form is indexed, not the surface words as well: a query is always stemmed before matching, so a
second, unstemmed column would double the index and never change which articles match.  Snippets are
cut from the original paragraphs (never from the stems), for the page of hits only, with every word
whose stem matches a query term wrapped in ``[[`` and ``]]``.

Ranking is BM25 on SQLite (FTS5 ``bm25``, title weighted 3x the body) and ``ts_rank_cd`` on PostgreSQL
(title terms get weight A, body terms B); ``score`` is reported so that higher is better on both.

Query syntax (small on purpose, same on both back-ends): words are ANDed; ``"two words"`` is a phrase;
``a OR b``; ``-word`` excludes; ``word*`` matches a prefix (of the stem).  Anything else a user types is
treated as words, so no input is a syntax error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import Float, String, and_, cast, column, func, null, select, text

from kronik.lang.id.stemmer import WORD, stem_text, stem_word
from kronik.store import schema

if TYPE_CHECKING:
    from kronik.store.db import Store

MAX_LIMIT = 200
MAX_OFFSET = 10_000
"""Deepest page a search or list serves (like Elasticsearch's result window): every page costs the rows
before it; :func:`kronik.io.writers.export_articles` is the way to everything a query matches."""
MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 32
"""Words, phrases and OR-alternatives of one query: the snippet and the FTS query grow with their product
(a 78 KB query of distinct words took 26 s before these limits)."""
FACET_SIZE = 20
SNIPPET_WORDS = 32
FACETS = ("outlet", "language", "story", "entity")
SORTS = ("relevance", "newest", "oldest")
"""Orders of a search: best match first (without a query: newest first), or by publication time, undated
articles last either way."""


@dataclass
class SearchQuery:
    """What to look for: a query (may be empty: then filters only, newest first) and filters."""

    q: str = ""
    outlet: str | None = None
    language: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None
    speaker: str | None = None
    event: str | None = None
    story: str | None = None
    limit: int = 20
    offset: int = 0
    sort: str = "relevance"

    def __post_init__(self) -> None:
        if self.entity:  # an entity written in any language filters on its one identity ("US" is "Amerika Serikat")
            from kronik.annotate.names import identity

            self.entity = identity(self.entity)

    def filters(self) -> dict[str, str]:
        return {f.name: v for f in fields(self) if f.name not in ("q", "limit", "offset", "sort")
                and (v := getattr(self, f.name)) not in (None, "")}


def check_query(sq: SearchQuery) -> list[_Clause]:
    """The parsed query, or :class:`~kronik.errors.QueryTooLarge` / :class:`~kronik.errors.RequestError`
    when the query or the page is beyond the limits (checked before any work is done)."""
    from kronik.errors import QueryTooLarge, RequestError

    if len(sq.q) > MAX_QUERY_CHARS:
        raise QueryTooLarge(f"query of {len(sq.q)} characters; at most {MAX_QUERY_CHARS}")
    if not 0 <= sq.offset <= MAX_OFFSET:
        raise RequestError(f"offset {sq.offset} out of range 0..{MAX_OFFSET} (export the query for everything)")
    if sq.sort not in SORTS:
        raise RequestError(f"sort={sq.sort[:40]!r}: expected one of {', '.join(SORTS)}")
    clauses = parse(sq.q)
    terms = sum(1 + len(c.alternatives) for c in clauses)
    if terms > MAX_QUERY_TERMS:
        raise QueryTooLarge(f"query of {terms} terms; at most {MAX_QUERY_TERMS}")
    return clauses


def index_row(article_id: str, title: str | None, paragraphs: Sequence[str]) -> dict[str, str]:
    """The search-index row of one article (stemmed title and body)."""
    return {"article_id": article_id, "title": stem_text(title or ""), "body": stem_text("\n".join(paragraphs))}


# --------------------------------------------------------------------------- query parsing

@dataclass
class _Clause:
    stems: list[str]            # one stem: a term; several: a phrase
    prefix: bool = False
    negate: bool = False
    alternatives: list[_Clause] = field(default_factory=list)  # OR-ed with this one
    stop: bool = False          # a lone stop word (dropped when the query has other words)


_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def parse(q: str) -> list[_Clause]:
    """The query as AND-ed clauses (each possibly OR-ed with others)."""
    out: list[_Clause] = []
    pending_or = False
    for m in _TOKEN.finditer(q):
        neg, phrase, word = m.group(1) == "-", m.group(2), m.group(3)
        if word == "OR":
            pending_or = bool(out)
            continue
        prefix = False
        if word is not None:
            if word.startswith("-") and len(word) > 1:
                neg, word = True, word[1:]
            if word.endswith("*"):
                prefix, word = True, word.rstrip("*")
            raw = [w.lower() for w in WORD.findall(word)]
        else:
            raw = [w.lower() for w in WORD.findall(phrase or "")]
        if not raw:
            continue
        stems = [stem_word(w) for w in raw]
        if prefix:  # a prefix is matched against stems as typed (stemming a fragment is meaningless)
            stems[-1] = raw[-1]
        clause = _Clause(stems, prefix=prefix and len(raw) == 1, negate=neg,
                         stop=word is not None and len(raw) == 1 and not prefix and raw[0] in _stop_words())
        if pending_or and not neg and not out[-1].negate:
            out[-1].alternatives.append(clause)
        else:
            out.append(clause)
        pending_or = False
    if any(not c.stop and not c.negate for c in out):  # "yang" or "di" would only add cost, not precision
        out = [c for c in out if not c.stop or c.alternatives]
    return out


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from kronik.lang.en.stop_words import STOP_WORDS as EN
    from kronik.lang.id.stop_words import STOP_WORDS as ID

    return frozenset(ID) | frozenset(EN)


def _fts5_clause(c: _Clause) -> str:
    one = '"' + " ".join(c.stems) + '"' + ("*" if c.prefix else "")
    if c.alternatives:
        return "(" + " OR ".join([one, *(_fts5_clause(a) for a in c.alternatives)]) + ")"
    return one


def to_fts5(clauses: list[_Clause]) -> str | None:
    pos = [_fts5_clause(c) for c in clauses if not c.negate]
    if not pos:
        return None
    neg = [_fts5_clause(c) for c in clauses if c.negate]
    return " AND ".join(pos) + "".join(f" NOT {n}" for n in neg)


def _ts_clause(c: _Clause) -> str:
    one = " <-> ".join(c.stems) + (":*" if c.prefix else "")
    if len(c.stems) > 1:
        one = f"({one})"
    if c.alternatives:
        return "(" + " | ".join([one, *(_ts_clause(a) for a in c.alternatives)]) + ")"
    return one


def to_tsquery(clauses: list[_Clause]) -> str | None:
    pos = [_ts_clause(c) for c in clauses if not c.negate]
    if not pos:
        return None
    return " & ".join(pos + [f"!{_ts_clause(c)}" for c in clauses if c.negate])


# --------------------------------------------------------------------------- SQL

def _next_day(d: str) -> str | None:
    try:
        return (date.fromisoformat(d[:10]) + timedelta(days=1)).isoformat()
    except ValueError:
        return None


def _conditions(sq: SearchQuery) -> list[Any]:
    a = schema.articles
    conds: list[Any] = []
    if sq.outlet:
        conds.append(a.c.outlet == sq.outlet)
    if sq.language:
        conds.append(a.c.language == sq.language)
    if sq.event:
        conds.append(a.c.event == sq.event)
    if sq.story:
        conds.append(a.c.story == sq.story)
    if sq.date_from:
        conds.append(a.c.published >= sq.date_from)
    if sq.date_to:  # inclusive of the whole day when a date is given
        nxt = _next_day(sq.date_to) if len(sq.date_to) == 10 else None
        conds.append(a.c.published < nxt if nxt else a.c.published <= sq.date_to)
    if sq.entity:
        e = schema.entities
        conds.append(a.c.id.in_(select(e.c.article_id).where(e.c.canonical == sq.entity)))
    if sq.speaker:
        qt = schema.quotes
        conds.append(a.c.id.in_(select(qt.c.article_id).where(qt.c.speaker == sq.speaker)))
    return conds


def _matches(store: Store, clauses: list[_Clause]) -> Any | None:
    """A subquery (id, score) of the articles matching the query, or None when nothing can match."""
    if store.dialect == "sqlite":
        expr = to_fts5(clauses)
        if expr is None:
            return None
        t = text("SELECT x.id AS id, -bm25(search_fts, 3.0, 1.0) AS score FROM search_fts "
                 "JOIN articles x ON x.num = search_fts.rowid WHERE search_fts MATCH :fts").bindparams(fts=expr)
    else:
        expr = to_tsquery(clauses)
        if expr is None:
            return None
        t = text("SELECT d.article_id AS id, ts_rank_cd(d.tsv, to_tsquery('simple', :tsq)) AS score "
                 "FROM search_docs d WHERE d.tsv @@ to_tsquery('simple', :tsq)").bindparams(tsq=expr)
    return t.columns(column("id", String), column("score", Float)).subquery("m")


def _base(store: Store, sq: SearchQuery, clauses: list[_Clause], *cols: Any) -> tuple[Any, list[Any]] | None:
    """(select of the matching articles' id, score and ``cols``; its order), or None when nothing can match."""
    a = schema.articles
    conds = _conditions(sq)
    if clauses:
        m = _matches(store, clauses)
        if m is None:
            return None
        q = select(a.c.id, m.c.score, *cols).select_from(m.join(a, a.c.id == m.c.id))
        order = [m.c.score.desc(), a.c.id]
    else:
        q = select(a.c.id, cast(null(), Float).label("score"), *cols).select_from(a)
        order = [a.c.published.desc().nulls_last(), a.c.id]
    if sq.sort == "newest":
        order = [a.c.published.desc().nulls_last(), a.c.id]
    elif sq.sort == "oldest":
        order = [a.c.published.asc().nulls_last(), a.c.id]
    if conds:
        q = q.where(and_(*conds))
    return q, order


def search(store: Store, sq: SearchQuery, *, facets: bool = True, snippets: bool = True) -> dict[str, Any]:
    """Search the store.

    Returns ``{"results": [...], "total": n, "limit": L, "offset": O, "facets": {...}}`` (see the API
    contract): each result has ``id, title, outlet, published, language, event, story, snippet, score``.
    Facet counts of outlet, language and story are over every hit; the entity facet counts the
    ``ENTITY_FACET_HITS`` best hits (an entity join per hit would dominate the cost of common words).
    """
    clauses = check_query(sq)
    limit = max(0, min(sq.limit, MAX_LIMIT))
    offset = sq.offset
    with store.engine.connect() as conn:  # one connection for the whole search
        if store.dialect == "sqlite" and _cacheable(sq):
            rows, total, fac = _search_columns(store, conn, sq, clauses, limit, offset, facets)
        else:
            rows, total, fac = _search_sql(store, sq, clauses, limit, offset, facets)
        if rows:
            info, bodies = _page_rows(conn, store.dialect, [r["id"] for r in rows], snippets)
    if rows:
        terms = _highlight_terms(clauses)
        for r in rows:
            r.update(info.get(r["id"], {}))
            r["snippet"] = snippet(bodies.get(r["id"], []), terms) if snippets else ""
            if r["score"] is not None:
                r["score"] = float(f"{float(r['score']):.4g}")
    out: dict[str, Any] = {"results": rows, "total": total, "limit": limit, "offset": offset}
    if facets:
        out["facets"] = fac if fac is not None else {k: [] for k in FACETS}
    return out


ENTITY_FACET_HITS = 100
_PAGE_COLS = ("id", "title", "outlet", "published", "language", "event", "story")


def _page_rows(conn: Any, dialect: str, ids: list[str],
               snippets: bool) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]]]:
    """The listed fields and (for snippets) the paragraphs of a page of hits; on SQLite straight
    through the driver, since at a few ms per search the ORM's per-statement cost shows."""
    if dialect != "sqlite":
        a = schema.articles
        info = {r["id"]: dict(r) for r in conn.execute(select(*(a.c[k] for k in _PAGE_COLS))
                                                       .where(a.c.id.in_(ids))).mappings()}
        return info, (_paragraphs(conn, ids) if snippets else {})
    raw = _raw(conn)
    marks = ",".join("?" * len(ids))
    info = {r[0]: dict(zip(_PAGE_COLS, r, strict=True)) for r in raw.execute(
        f"SELECT {', '.join(_PAGE_COLS)} FROM articles WHERE id IN ({marks})", ids)}
    bodies: dict[str, list[str]] = {}
    if snippets:
        for aid, txt in raw.execute(f"SELECT article_id, text FROM paragraphs WHERE article_id IN ({marks}) "
                                    "ORDER BY article_id, idx", ids):
            bodies.setdefault(aid, []).append(txt)
    return info, bodies


def _cacheable(sq: SearchQuery) -> bool:
    """Date filters the in-memory columns answer: plain ISO dates (a timestamp bound goes to SQL)."""
    return all(d is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in (sq.date_from, sq.date_to))


RANK_BUDGET = 2000
"""At most this many of the most recently stored matches are scored with BM25 (FTS5 spends ~2 µs per
scored row).  Queries matching more still count, filter and facet every match exactly; their matches
beyond the budget (older ones) follow the ranked ones, newest first."""


def _raw(conn: Any) -> Any:
    return conn.connection.driver_connection


def _fts_nums(raw: Any, expr: str) -> np.ndarray:
    """Every match's rowid (= articles.num), ascending; concatenated inside SQLite (no per-row Python)."""
    got = raw.execute("SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH ?", (expr,)).fetchone()[0]
    if not got:
        return np.zeros(0, np.int64)
    return np.sort(np.fromstring(got, dtype=np.int64, sep=","))


def _fts_scores(raw: Any, expr: str, min_rowid: int) -> tuple[np.ndarray, np.ndarray]:
    """(rowids ascending, -bm25) of the matches with rowid >= ``min_rowid`` (FTS5 takes the range itself;
    at most about ``RANK_BUDGET`` rows, so a plain fetch is cheaper than formatting them in SQL)."""
    rows = raw.execute("SELECT rowid, bm25(search_fts, 3.0, 1.0) FROM search_fts WHERE search_fts MATCH ? "
                       "AND rowid >= ? ORDER BY rowid", (expr, min_rowid)).fetchall()
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0)
    arr = np.array(rows, dtype=np.float64)
    return arr[:, 0].astype(np.int64), -arr[:, 1]


def _nums_where(conn: Any, table: Any, col: Any, value: str) -> np.ndarray:
    a = schema.articles
    got = [r[0] for r in conn.execute(select(a.c.num).select_from(table.join(a, a.c.id == table.c.article_id))
                                      .where(col == value).distinct())]
    return np.array(got, dtype=np.int64)


def _search_columns(store: Store, conn: Any, sq: SearchQuery, clauses: list[_Clause], limit: int, offset: int,
                    facets: bool) -> tuple[list[dict[str, Any]], int, dict[str, Any] | None]:
    from kronik.store.columns import cache_of

    cols = cache_of(store).get()
    expr = to_fts5(clauses) if clauses else None
    if clauses and expr is None:
        return [], 0, None
    raw = _raw(conn)
    if expr is not None:
        all_nums = cols.remembered(("nums", expr), lambda: _fts_nums(raw, expr))
        nums = all_nums[all_nums < cols.size]
        keep = cols.valid[nums]
    else:
        all_nums = nums = np.flatnonzero(cols.valid)
        keep = np.ones(nums.shape[0], bool)
    scored: tuple[np.ndarray, np.ndarray] | None = None
    filtered = _filter(conn, sq, cols, nums, keep)
    if filtered is None:
        return [], 0, None
    nums = filtered
    if expr is not None and nums.shape[0]:
        floor = 0
        if all_nums.shape[0] > RANK_BUDGET:  # score the most recent matches only (see RANK_BUDGET)
            floor = int(max(all_nums[-RANK_BUDGET], nums[-RANK_BUDGET] if nums.shape[0] > RANK_BUDGET else nums[0]))
        scored = cols.remembered(("scores", expr, floor), lambda: _fts_scores(raw, expr, floor))
    total = int(nums.shape[0])
    if not total:
        return [], 0, None
    if scored is not None:
        pos = np.searchsorted(scored[0], nums)
        pos[pos >= scored[0].shape[0]] = 0
        has = scored[0][pos] == nums if scored[0].shape[0] else np.zeros(total, bool)
        scores = np.where(has, scored[1][pos] if scored[0].shape[0] else 0.0, 0.0)
        # ranked matches first (by score), then the unscored ones newest first
        key = np.where(has, -scores - 1e9, cols.recency[nums].astype(np.float64))
    else:
        scores = None
        key = cols.recency[nums].astype(np.float64)
    if sq.sort != "relevance":  # by time: recency is 0 for the newest, undated articles last
        rec = cols.recency[nums].astype(np.float64)
        key = rec if sq.sort == "newest" else np.where(cols.day[nums] > 0, -rec, rec + cols.size)
    want = min(total, offset + max(limit, ENTITY_FACET_HITS if facets else 0))
    part = np.argpartition(key, want - 1)[:want] if want < total else np.arange(total)
    ranked = part[np.lexsort((nums[part], key[part]))]
    page = ranked[offset:offset + limit]
    rows = [{"id": None, "score": None if scores is None else float(scores[i]), "_num": int(nums[i])} for i in page]
    fac = _column_facets(raw, cols, nums, nums[ranked[:ENTITY_FACET_HITS]]) if facets else None
    if rows:
        want_nums = [r["_num"] for r in rows]
        ids = dict(raw.execute(f"SELECT num, id FROM articles WHERE num IN ({','.join('?' * len(want_nums))})",
                               want_nums).fetchall())
        for r in rows:
            r["id"] = ids.get(r.pop("_num"))
        rows = [r for r in rows if r["id"] is not None]
    return rows, total, fac


def _filter(conn: Any, sq: SearchQuery, cols: Any, nums: np.ndarray, keep: np.ndarray) -> np.ndarray | None:
    """The nums that pass the filters (None when a filter names an unknown outlet, story, ...)."""
    for value, codes, col in ((sq.outlet, cols.outlets, cols.outlet), (sq.language, cols.languages, cols.language),
                                 (sq.story, cols.stories, cols.story), (sq.event, cols.events, cols.event)):
        if value:
            code = codes.index.get(value)
            if code is None:
                return None
            keep &= col[nums] == code
    if sq.date_from:
        keep &= cols.day[nums] >= int(sq.date_from.replace("-", ""))
    if sq.date_to:
        day = cols.day[nums]
        keep &= (day > 0) & (day <= int(sq.date_to.replace("-", "")))
    if sq.entity:
        ent = cols.remembered(("entity", sq.entity), lambda: _nums_where(conn, schema.entities, schema.entities.c.canonical,
                                                                         sq.entity))
        keep &= np.isin(nums, ent)
    if sq.speaker:
        spk = cols.remembered(("speaker", sq.speaker), lambda: _nums_where(conn, schema.quotes, schema.quotes.c.speaker,
                                                                          sq.speaker))
        keep &= np.isin(nums, spk)
    return nums[keep]


def _top_codes(codes: Any, column: np.ndarray, nums: np.ndarray) -> list[tuple[str, int]]:
    counts = np.bincount(column[nums], minlength=len(codes.names))
    counts[0] = 0  # unknown
    present = np.flatnonzero(counts)
    top = present[np.lexsort((codes.rank()[present], -counts[present]))][:FACET_SIZE]
    return [(codes.names[i], int(counts[i])) for i in top]


def store_facets(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Articles per outlet and per language over the whole store, shaped like a search's facets (the home
    page's filter choices).  On SQLite, counts over the in-memory columns search already keeps (a
    bincount, under a millisecond at 100k articles, where an empty search would also rank stories and
    count entities); elsewhere two GROUP BYs on indexed columns."""
    if store.dialect == "sqlite":
        from kronik.store.columns import cache_of

        cols = cache_of(store).get()
        nums = np.flatnonzero(cols.valid)
        return {"outlet": [{"value": v, "count": c} for v, c in _top_codes(cols.outlets, cols.outlet, nums)],
                "language": [{"value": v, "count": c} for v, c in _top_codes(cols.languages, cols.language, nums)]}
    a = schema.articles
    out: dict[str, list[dict[str, Any]]] = {}
    with store.engine.connect() as conn:
        for key, col in (("outlet", a.c.outlet), ("language", a.c.language)):
            rows = conn.execute(select(col, func.count()).where(col.is_not(None)).group_by(col)
                                .order_by(func.count().desc(), col).limit(FACET_SIZE))
            out[key] = [{"value": v, "count": int(n)} for v, n in rows]
    return out


def _column_facets(raw: Any, cols: Any, nums: np.ndarray, best: np.ndarray) -> dict[str, Any]:
    out: dict[str, Any] = {
        "outlet": [{"value": v, "count": c} for v, c in _top_codes(cols.outlets, cols.outlet, nums)],
        "language": [{"value": v, "count": c} for v, c in _top_codes(cols.languages, cols.language, nums)],
    }
    stories = _top_codes(cols.stories, cols.story, nums)
    titles = dict(raw.execute(f"SELECT id, title FROM stories WHERE id IN ({','.join('?' * len(stories))})",
                              [v for v, _ in stories]).fetchall()) if stories else {}
    out["story"] = [{"value": v, "label": titles.get(v), "count": c} for v, c in stories]
    best_nums = best.tolist()
    out["entity"] = [{"value": v, "count": c} for v, c in raw.execute(
        "SELECT e.canonical, count(DISTINCT e.article_id) AS n FROM entities e JOIN articles a ON a.id = e.article_id "
        f"WHERE a.num IN ({','.join('?' * len(best_nums))}) GROUP BY e.canonical ORDER BY n DESC, e.canonical "
        f"LIMIT {FACET_SIZE}", best_nums)] if best_nums else []
    return out


def _entity_facet(conn: Any, ids: Any) -> list[dict[str, Any]]:
    e = schema.entities
    n = func.count(e.c.article_id.distinct()).label("n")
    q = (select(e.c.canonical, n).where(e.c.article_id.in_(ids))
         .group_by(e.c.canonical).order_by(n.desc(), e.c.canonical).limit(FACET_SIZE))
    return [{"value": v, "count": c} for v, c in conn.execute(q)]


def _search_sql(store: Store, sq: SearchQuery, clauses: list[_Clause], limit: int, offset: int,
                facets: bool) -> tuple[list[dict[str, Any]], int, dict[str, Any] | None]:
    """The portable path (PostgreSQL, and SQLite with timestamp bounds): filters and facets in SQL."""
    built = _base(store, sq, clauses)
    if built is None:
        return [], 0, None
    q, order = built
    with store.engine.connect() as conn:
        rows = [{"id": r[0], "score": r[1]} for r in conn.execute(q.order_by(*order).limit(limit).offset(offset))]
        if len(rows) < limit and (rows or offset == 0):
            total = offset + len(rows)  # the last page: no need to count
        else:
            total = conn.execute(select(func.count()).select_from(q.subquery("hits"))).scalar_one()
        fac = None
        if facets and total:
            hits = q.subquery("hits")
            best = q.order_by(*order).limit(ENTITY_FACET_HITS).with_only_columns(schema.articles.c.id)
            fac = _facets(conn, hits, best)
    return rows, total, fac


def matching_ids(store: Store, sq: SearchQuery) -> Iterator[str]:
    """Every matching article id, best first (no pagination): what exports of a search read."""
    built = _base(store, sq, check_query(replace(sq, offset=0)))
    if built is None:
        return
    base, order = built
    with store.engine.connect() as conn:
        for row in conn.execution_options(yield_per=2000).execute(base.order_by(*order)):
            yield row[0]


def _paragraphs(conn: Any, ids: list[str]) -> dict[str, list[str]]:
    p = schema.paragraphs
    out: dict[str, list[str]] = {}
    for aid, txt in conn.execute(select(p.c.article_id, p.c.text).where(p.c.article_id.in_(ids)).order_by(p.c.article_id, p.c.idx)):
        out.setdefault(aid, []).append(txt)
    return out


def _facets(conn: Any, hits: Any, best: Any) -> dict[str, list[dict[str, Any]]]:
    a, s = schema.articles, schema.stories
    out: dict[str, list[dict[str, Any]]] = {}
    n = func.count().label("n")
    for name, col in (("outlet", a.c.outlet), ("language", a.c.language)):
        q = (select(col, n).select_from(hits.join(a, a.c.id == hits.c.id)).where(col.is_not(None))
             .group_by(col).order_by(n.desc(), col).limit(FACET_SIZE))
        out[name] = [{"value": v, "count": c} for v, c in conn.execute(q)]
    q = (select(a.c.story, s.c.title, n).select_from(hits.join(a, a.c.id == hits.c.id).join(s, s.c.id == a.c.story))
         .group_by(a.c.story, s.c.title).order_by(n.desc(), a.c.story).limit(FACET_SIZE))
    out["story"] = [{"value": v, "label": lab, "count": c} for v, lab, c in conn.execute(q)]
    out["entity"] = _entity_facet(conn, best)
    return out


# --------------------------------------------------------------------------- snippets

@dataclass
class _Terms:
    stems: frozenset[str]
    prefixes: tuple[str, ...]
    fragments: tuple[str, ...] = ()  # a word can only stem to a query term if it contains one of these

    def __post_init__(self) -> None:
        frags: set[str] = set(self.prefixes)
        for st in self.stems:  # a stem stays inside its affixed forms, minus at most its first letter
            frags.add(st)       # (meN- drops p/t/k/s: memukul -> pukul, menulis -> tulis)
            if len(st) >= 4:
                frags.add(st[1:])
        # drop fragments inside other fragments: their occurrences are found through the shorter one
        self.fragments = tuple(f for f in frags if not any(g != f and g in f for g in frags))
        self._prefix_set = frozenset(self.prefixes)
        self._prefix_lengths = sorted({len(p) for p in self.prefixes})

    def candidates(self, body: str) -> list[tuple[int, int]]:
        """Spans of the words of ``body`` that contain a fragment (``str.find`` scans, no per-word loop)."""
        low = body.lower()
        found: dict[int, int] = {}
        n = len(low)
        for f in self.fragments:
            i = low.find(f)
            while i >= 0:
                s, e = i, i + len(f)
                while s > 0 and low[s - 1].isalnum():
                    s -= 1
                while e < n and low[e].isalnum():
                    e += 1
                found[s] = e
                i = low.find(f, e)
        return sorted(found.items())

    def hit(self, word: str) -> str | None:
        """The query term ``word`` matches (its stem, or a prefix of its stem or of the word itself).
        Prefixes are looked up by length (a set per length), not tried one by one: a query may hold 32."""
        s = stem_word(word)
        if s in self.stems:
            return s
        for k in self._prefix_lengths:
            if s[:k] in self._prefix_set:
                return s[:k]
            if word[:k] in self._prefix_set:
                return word[:k]
        return None


def _highlight_terms(clauses: list[_Clause]) -> _Terms:
    stems: set[str] = set()
    prefixes: list[str] = []
    todo = list(clauses)
    while todo:
        c = todo.pop()
        todo.extend(c.alternatives)
        if c.negate:
            continue
        if c.prefix:
            prefixes.append(c.stems[-1])
        else:
            stems.update(c.stems)
    return _Terms(frozenset(stems), tuple(prefixes))


_CHARS_PER_WORD = 7  # mean Indonesian news word plus its space: sizes the snippet window in characters


def snippet(paragraphs: Sequence[str], terms: _Terms | None = None, words: int = SNIPPET_WORDS) -> str:
    """About ``words`` words of the original text around the densest run of hits (most distinct query
    terms, then most hits), hits wrapped in ``[[``/``]]``; the opening words when nothing matches.
    Plain text, not HTML; ``[[``/``]]`` already in the text are defused."""
    body = " ".join(p.replace("[[", "[ [").replace("]]", "] ]") for p in paragraphs)
    if not body:
        return ""
    hits: list[tuple[int, int, str]] = []
    if terms is not None and terms.fragments:
        for s, e in terms.candidates(body):
            h = terms.hit(body[s:e].lower())
            if h is not None:
                hits.append((s, e, h))
    span = words * _CHARS_PER_WORD
    if not hits:
        return _cut(body, 0, span, [])
    best, first, j = (-1, -1), 0, 0
    for i, (s, _, _) in enumerate(hits):
        while j < len(hits) and hits[j][0] < s + span:
            j += 1
        key = (len({h for _, _, h in hits[i:j]}), j - i)
        if key > best:
            best, first = key, i
    start = hits[first][0]
    lead = body.rfind(" ", 0, max(0, start - 1))  # keep about three words before the first hit
    for _ in range(2):
        if lead > 0:
            lead = body.rfind(" ", 0, lead)
    start = 0 if lead < 0 else lead + 1
    return _cut(body, start, span, hits)


def _cut(body: str, start: int, span: int, hits: list[tuple[int, int, str]]) -> str:
    end = start + span
    if end < len(body):
        sp = body.rfind(" ", start, end)
        end = sp if sp > start else end
    else:
        end = len(body)
    out = ["…" if start > 0 else ""]
    pos = start
    for s, e, _ in hits:
        if s < start or e > end:
            continue
        out.append(body[pos:s])
        out.append(f"[[{body[s:e]}]]")
        pos = e
    out.append(body[pos:end])
    if end < len(body):
        out.append(" …")
    return "".join(out)
