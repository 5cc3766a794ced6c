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
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Float, String, and_, cast, column, func, null, select, text

from kronik.lang.id.stemmer import WORD, stem_text, stem_word, tokens
from kronik.store import schema

if TYPE_CHECKING:
    from kronik.store.db import Store

MAX_LIMIT = 200
FACET_SIZE = 20
SNIPPET_WORDS = 32
FACETS = ("outlet", "language", "story", "entity")


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

    def filters(self) -> dict[str, str]:
        return {f.name: v for f in fields(self) if f.name not in ("q", "limit", "offset")
                and (v := getattr(self, f.name)) not in (None, "")}


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
        clause = _Clause(stems, prefix=prefix and len(raw) == 1, negate=neg)
        if pending_or and not neg and not out[-1].negate:
            out[-1].alternatives.append(clause)
        else:
            out.append(clause)
        pending_or = False
    return out


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
        t = text("SELECT article_id AS id, -bm25(search_fts, 0.0, 3.0, 1.0) AS score FROM search_fts "
                 "WHERE search_fts MATCH :fts").bindparams(fts=expr)
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
    if conds:
        q = q.where(and_(*conds))
    return q, order


def search(store: Store, sq: SearchQuery, *, facets: bool = True, snippets: bool = True) -> dict[str, Any]:
    """Search the store.

    Returns ``{"results": [...], "total": n, "limit": L, "offset": O, "facets": {...}}`` (see the API
    contract): each result has ``id, title, outlet, published, language, event, story, snippet, score``.
    """
    limit = max(0, min(sq.limit, MAX_LIMIT))
    offset = max(0, sq.offset)
    clauses = parse(sq.q)
    out: dict[str, Any] = {"results": [], "total": 0, "limit": limit, "offset": offset}
    if facets:
        out["facets"] = {k: [] for k in FACETS}
    a = schema.articles
    built = _base(store, sq, clauses, a.c.title, a.c.outlet, a.c.published, a.c.language, a.c.event, a.c.story)
    if built is None:
        return out
    page_q, order = built
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(page_q.order_by(*order).limit(limit).offset(offset))]
        if len(rows) < limit and (rows or offset == 0):
            total = offset + len(rows)  # the last page: no need to count
        else:
            hits = _base(store, sq, clauses)[0].subquery("hits")  # type: ignore[index]
            total = conn.execute(select(func.count()).select_from(hits)).scalar_one()
        if snippets and rows:
            terms = _highlight_terms(clauses)
            bodies = _paragraphs(conn, [r["id"] for r in rows])
            for r in rows:
                r["snippet"] = snippet(bodies.get(r["id"], []), terms)
        for r in rows:
            r.setdefault("snippet", "")
            if r["score"] is not None:
                r["score"] = float(f"{float(r['score']):.4g}")
        out["results"], out["total"] = rows, total
        if facets and total:
            out["facets"] = _facets(conn, _base(store, sq, clauses)[0].subquery("hits"))  # type: ignore[index]
    return out


def matching_ids(store: Store, sq: SearchQuery) -> Iterator[str]:
    """Every matching article id, best first (no pagination): what exports of a search read."""
    built = _base(store, sq, parse(sq.q))
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


def _facets(conn: Any, hits: Any) -> dict[str, list[dict[str, Any]]]:
    a, s, e = schema.articles, schema.stories, schema.entities
    out: dict[str, list[dict[str, Any]]] = {}
    n = func.count().label("n")
    for name, col in (("outlet", a.c.outlet), ("language", a.c.language)):
        q = (select(col, n).select_from(hits.join(a, a.c.id == hits.c.id)).where(col.is_not(None))
             .group_by(col).order_by(n.desc(), col).limit(FACET_SIZE))
        out[name] = [{"value": v, "count": c} for v, c in conn.execute(q)]
    q = (select(a.c.story, s.c.title, n).select_from(hits.join(a, a.c.id == hits.c.id).join(s, s.c.id == a.c.story))
         .group_by(a.c.story, s.c.title).order_by(n.desc(), a.c.story).limit(FACET_SIZE))
    out["story"] = [{"value": v, "label": lab, "count": c} for v, lab, c in conn.execute(q)]
    ne = func.count(e.c.article_id.distinct()).label("n")
    q = (select(e.c.canonical, ne).select_from(hits.join(e, e.c.article_id == hits.c.id))
         .group_by(e.c.canonical).order_by(ne.desc(), e.c.canonical).limit(FACET_SIZE))
    out["entity"] = [{"value": v, "count": c} for v, c in conn.execute(q)]
    return out


# --------------------------------------------------------------------------- snippets

@dataclass
class _Terms:
    stems: frozenset[str]
    prefixes: tuple[str, ...]

    def hit(self, word: str) -> str | None:
        s = stem_word(word)
        if s in self.stems:
            return s
        for p in self.prefixes:
            if s.startswith(p) or word.startswith(p):
                return p
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


def snippet(paragraphs: Sequence[str], terms: _Terms | None = None, words: int = SNIPPET_WORDS) -> str:
    """A window of about ``words`` words of the original text around the densest run of hits,
    hits wrapped in ``[[``/``]]``; the opening words when nothing matches.  Plain text, not HTML."""
    body = " ".join(p.replace("[[", "[ [").replace("]]", "] ]") for p in paragraphs)
    toks = list(tokens(body))
    if not toks:
        return ""
    hits: list[tuple[int, str]] = []
    if terms is not None and (terms.stems or terms.prefixes):
        hits = [(i, h) for i, (w, _, _) in enumerate(toks) if (h := terms.hit(w)) is not None]
    first = 0
    if hits:
        best = (-1, -1)
        j = 0
        for i, (ti, _) in enumerate(hits):  # window starting at hit i: distinct terms, then total hits
            while j < len(hits) and hits[j][0] < ti + words:
                j += 1
            key = (len({h for _, h in hits[i:j]}), j - i)
            if key > best:
                best, first = key, max(0, ti - 3)
    last = min(len(toks), first + words) - 1
    marked = {i for i, _ in hits}
    out: list[str] = ["…" if first > 0 else ""]
    pos = toks[first][1]
    for i in range(first, last + 1):
        _, s, e = toks[i]
        out.append(body[pos:s])
        out.append(f"[[{body[s:e]}]]" if i in marked else body[s:e])
        pos = e
    end = toks[last][2]
    tail = body[end:end + 1] if end < len(body) and body[end] in ".!?\"”" else ""
    out.append(tail)
    if last < len(toks) - 1:
        out.append(" …")
    return "".join(out)
