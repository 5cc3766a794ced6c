"""Read models for the API and the web UI: one function per view, each returning plain JSON-ready dicts.

Views stay thin (``kronik.api.routes`` only parses parameters and maps ``NotFound`` to 404); every
SQL the pages need lives here, bounded by indexes on ``articles(story)``, ``articles(event)``,
``entities(canonical, article_id)``, ``quotes(speaker, article_id)`` and the tables' primary keys, so a
page's cost grows with the size of what it shows, not with the corpus.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC
from typing import TYPE_CHECKING, Any

from sqlalchemy import Text, cast, func, select

from kronik.errors import NotFound, RequestError
from kronik.store import schema
from kronik.store.search import MAX_OFFSET

if TYPE_CHECKING:
    from kronik.store.db import Store

MAX_LIMIT = 200
TOP_ENTITIES = 20
TOP_SPEAKERS = 20
QUOTES_PER_SPEAKER = 10
PAGE_CHUNK = 200
"""Story pages rebuilt per round of queries in a corpus pass."""
ENTITY_TYPES = ("PER", "ORG", "LOC")
RELATED_SAMPLE = 2000  # related entities of a very frequent entity are counted over its latest 2000 articles  # the "key people, organisations and places" of a story or event


def _page(limit: int, offset: int) -> tuple[int, int]:
    if not 0 <= offset <= MAX_OFFSET:  # 2**63 would overflow SQLite's integer: a clear 400, never a 500
        raise RequestError(f"offset {offset} out of range 0..{MAX_OFFSET}")
    return max(0, min(limit, MAX_LIMIT)), offset


def _paged(results: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"results": results, "total": total, "limit": limit, "offset": offset}


def _outlet_list(counts: dict[str, int] | Iterable[tuple[str, int]], key: str = "name") -> list[dict[str, Any]]:
    items = counts.items() if isinstance(counts, dict) else counts
    return [{key: k, "count": int(v)} for k, v in sorted(items, key=lambda kv: (-kv[1], kv[0] or ""))]


# --------------------------------------------------------------------------- stats

def stats(store: Store) -> dict[str, int]:
    a, d = schema.articles, schema.documents
    with store.engine.connect() as conn:
        def count(t: Any, *where: Any) -> int:
            return int(conn.execute(select(func.count()).select_from(t).where(*where)).scalar_one())

        return {
            "articles": count(a), "events": count(schema.events), "stories": count(schema.stories),
            "outlets": int(conn.execute(select(func.count(a.c.outlet.distinct()))).scalar_one()),
            "documents": count(d), "problems": count(d, d.c.status == "problem"),
        }


# --------------------------------------------------------------------------- stories

STORY_SORTS = ("recent", "coverage")


def stories(store: Store, *, q: str | None = None, sort: str = "recent", min_articles: int = 0,
            outlet: str | None = None, language: str | None = None, date_from: str | None = None,
            date_to: str | None = None, since: str | None = None, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Stories for the home page.  ``sort``: ``recent`` (newest end first) or ``coverage`` (most articles,
    then newest).  Filters: ``q`` on the title (case-insensitive substring), ``min_articles`` (2 hides
    single-article stories), ``outlet`` / ``language`` (stories with at least one such article), and a
    date range the story overlaps.  Each story carries its outlets and ``lead``: the first summary sentence
    of its largest event, with its citation (article, paragraph)."""
    if sort not in STORY_SORTS:
        raise RequestError(f"sort={sort[:40]!r}: expected one of {', '.join(STORY_SORTS)}")
    limit, offset = _page(limit, offset)
    s, a = schema.stories, schema.articles
    where: list[Any] = [func.lower(s.c.title).contains(q.lower(), autoescape=True)] if q else []
    if min_articles > 1:
        where.append(s.c.n_articles >= min_articles)
    for col, value in ((a.c.outlet, outlet), (a.c.language, language)):
        if value:
            where.append(s.c.id.in_(select(a.c.story).where(col == value, a.c.story.is_not(None)).distinct()))
    if date_from := check_date(date_from, "from"):
        where.append(s.c.end >= date_from[:10])
    if date_to := check_date(date_to, "to"):
        where.append(func.substr(s.c.start, 1, 10) <= date_to[:10])
    where += _since(s.c.updated_at, since)
    order = ([s.c.n_articles.desc(), s.c.end.desc().nulls_last(), s.c.id] if sort == "coverage"
             else [s.c.end.desc().nulls_last(), s.c.n_articles.desc(), s.c.id])
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(s).where(*where)).scalar_one()
        rows = list(conn.execute(
            select(s.c.id, s.c.title, s.c.start, s.c.end, s.c.n_events, s.c.n_articles, s.c.updated_at).where(*where)
            .order_by(*order).limit(limit).offset(offset)).mappings())
        ids = [r["id"] for r in rows]
        outlets = _story_outlets(conn, ids)
        leads = _story_leads(conn, ids)
    return _paged([dict(r) | {"updated_at": iso_time(r["updated_at"]), "outlets": _outlet_list(outlets.get(r["id"], {})),
                              "lead": leads.get(r["id"])} for r in rows], total, limit, offset)


def _story_leads(conn: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The first summary sentence of each story's largest event (what a card shows under its title)."""
    e = schema.events
    largest: dict[str, tuple[int, str]] = {}
    if ids:  # the largest event with a summary first, then only its summary read (a big story has hundreds)
        for st, n, eid in conn.execute(select(e.c.story, e.c.n_articles, e.c.id)
                                       .where(e.c.story.in_(ids), func.length(cast(e.c.summary, Text)) > 2)):
            if st not in largest or (n or 0) > largest[st][0]:
                largest[st] = (n or 0, eid)
    best: dict[str, tuple[int, Any]] = {}
    if largest:
        summaries = dict(conn.execute(select(e.c.id, e.c.summary).where(e.c.id.in_([eid for _, eid in largest.values()]))).all())
        best = {st: (n, summaries.get(eid)) for st, (n, eid) in largest.items()}
    out = {}
    for st, (_, summary) in best.items():
        first = summary[0] if isinstance(summary, list) and summary else None
        if isinstance(first, dict) and first.get("text"):
            out[st] = {k: first.get(k) for k in ("text", "article", "paragraph")}
    a = schema.articles
    cited = {lead["article"] for lead in out.values() if lead.get("article")}
    if cited:  # the cited article's outlet and language: the card names its source and marks the text's language
        info = {r[0]: r[1:] for r in conn.execute(select(a.c.id, a.c.outlet, a.c.language).where(a.c.id.in_(cited)))}
        for lead in out.values():
            lead["outlet"], lead["language"] = info.get(lead.get("article"), (None, None))
    return out


def _story_outlets(conn: Any, ids: list[str]) -> dict[str, Counter[str]]:
    """Articles per outlet of each story, summed from its events' stored outlet counts (no article scan)."""
    e = schema.events
    out: dict[str, Counter[str]] = defaultdict(Counter)
    if ids:
        for st, outlets in conn.execute(select(e.c.story, e.c.outlets).where(e.c.story.in_(ids))):
            out[st].update(outlets or {})
    return out


def story(store: Store, story_id: str) -> dict[str, Any]:
    """The story page (see the API contract)."""
    return json.loads(story_json(store, story_id))  # type: ignore[no-any-return]


def story_json(store: Store, story_id: str) -> str:
    """The story page as JSON text: the copy the corpus pass stored (``story_pages``), else computed."""
    sp = schema.story_pages
    with store.engine.connect() as conn:
        body = conn.execute(select(sp.c.body).where(sp.c.story_id == story_id)).scalar()
        if body is not None:
            return str(body)
        page = story_page(conn, story_id)
    if page is None:
        raise NotFound(f"no story {story_id!r}")
    return json.dumps(page, ensure_ascii=False)


def refresh_story_pages(conn: Any, story_ids: Iterable[str | None]) -> int:
    """Recompute and store the pages of these stories (inside the caller's transaction); pages of
    stories that no longer exist are dropped.  Called by the corpus pass for every story it touched,
    so reading a story page is one row, however many articles the story has.  Pages are built a
    chunk of stories at a time (a few queries per chunk, not five per story: a first pass touches
    thousands of stories)."""
    sp = schema.story_pages
    ids = sorted({s for s in story_ids if s})
    n = 0
    for i in range(0, len(ids), PAGE_CHUNK):
        chunk = ids[i:i + PAGE_CHUNK]
        conn.execute(sp.delete().where(sp.c.story_id.in_(chunk)))
        pages = story_pages(conn, chunk)
        if pages:
            conn.execute(sp.insert(), [{"story_id": sid, "body": json.dumps(page, ensure_ascii=False)}
                                       for sid, page in pages.items()])
            n += len(pages)
    return n


def story_page(conn: Any, story_id: str) -> dict[str, Any] | None:
    return story_pages(conn, [story_id]).get(story_id)


def story_pages(conn: Any, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The pages of the given stories (at most a few hundred ids: they go into IN lists), by id."""
    s, e, a, en, qt = schema.stories, schema.events, schema.articles, schema.entities, schema.quotes
    ids = list(story_ids)
    rows = {r["id"]: r for r in conn.execute(select(s).where(s.c.id.in_(ids))).mappings()}
    if not rows:
        return {}
    evs: dict[str, list[Any]] = defaultdict(list)
    for r in conn.execute(select(e).where(e.c.story.in_(ids)).order_by(e.c.story, e.c.start, e.c.id)).mappings():
        evs[r["story"]].append(r)
    arts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute(select(a.c.story, a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.event, a.c.duplicate_of)
                          .where(a.c.story.in_(ids)).order_by(a.c.story, a.c.published, a.c.id)).mappings():
        d = dict(r)
        arts[d.pop("story")].append(d)
    n = func.count(en.c.article_id.distinct())
    ents: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for st, ev, name, label, k in conn.execute(
            select(a.c.story, a.c.event, en.c.canonical, en.c.label, n).select_from(a.join(en, en.c.article_id == a.c.id))
            .where(a.c.story.in_(ids), en.c.label.in_(ENTITY_TYPES))
            .group_by(a.c.story, a.c.event, en.c.canonical, en.c.label)):
        ents[st].append((ev, name, label, k))
    said: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for st, *q in conn.execute(
            select(a.c.story, qt.c.speaker, qt.c.text, qt.c.article_id, qt.c.paragraph)
            .select_from(a.join(qt, qt.c.article_id == a.c.id)).where(a.c.story.in_(ids), qt.c.speaker.is_not(None))
            .order_by(a.c.story, a.c.published, a.c.id, qt.c.seq)):
        said[st].append(tuple(q))
    return {sid: _story_page(row, evs[sid], arts[sid], ents[sid], said[sid]) for sid, row in rows.items()}


def _story_page(row: Any, evs: list[Any], arts: list[dict[str, Any]], ent_rows: list[tuple[Any, ...]],
                said: list[tuple[Any, ...]]) -> dict[str, Any]:
    per_event: dict[str | None, Counter[tuple[str, str]]] = defaultdict(Counter)
    total: Counter[tuple[str, str]] = Counter()
    for ev, name, label, n in ent_rows:
        per_event[ev][(name, label)] += n
        total[(name, label)] += n
    events = [{
        "id": r["id"], "title": r["title"], "start": r["start"], "end": r["end"], "n_articles": r["n_articles"],
        "summary": r["summary"], "timeline": r["timeline"], "entities": _entity_list(per_event.get(r["id"], Counter())),
        "outlets": _outlet_list(r["outlets"] or {}),
    } for r in evs]
    coverage = Counter(r["outlet"] for r in arts if r["outlet"])
    return {
        "id": row["id"], "title": row["title"], "start": row["start"], "end": row["end"],
        "n_events": row["n_events"], "n_articles": row["n_articles"], "events": events,
        "timeline": row["timeline"] or [], "entities": _entity_list(total), "quotes_by_speaker": _speakers(said),
        "coverage": _outlet_list(coverage, key="outlet"), "articles": arts,
    }


def _entity_counts(conn: Any, where: Any, *, by_event: bool = False) -> list[tuple[Any, ...]]:
    """(event?, canonical, label, articles mentioning it) over the articles matching ``where``."""
    a, en = schema.articles, schema.entities
    n = func.count(en.c.article_id.distinct())
    cols = [a.c.event] if by_event else []
    q = (select(*cols, en.c.canonical, en.c.label, n).select_from(a.join(en, en.c.article_id == a.c.id))
         .where(where, en.c.label.in_(ENTITY_TYPES)).group_by(*cols, en.c.canonical, en.c.label))
    return [tuple(r) for r in conn.execute(q)]


def _entity_list(counts: Counter[tuple[str, str]], top: int = TOP_ENTITIES) -> list[dict[str, Any]]:
    best: dict[str, tuple[str, int]] = {}
    summed: Counter[str] = Counter()
    for (name, label), n in counts.items():  # one line per name, typed by its most frequent label
        summed[name] += n
        if name not in best or n > best[name][1]:
            best[name] = (label, n)
    return [{"name": k, "type": best[k][0], "count": n} for k, n in sorted(summed.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]


def _quotes_by_speaker(conn: Any, where: Any) -> list[dict[str, Any]]:
    a, qt = schema.articles, schema.quotes
    q = (select(qt.c.speaker, qt.c.text, qt.c.article_id, qt.c.paragraph)
         .select_from(a.join(qt, qt.c.article_id == a.c.id)).where(where, qt.c.speaker.is_not(None))
         .order_by(a.c.published, a.c.id, qt.c.seq))
    return _speakers(conn.execute(q))


def _speakers(rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    """Quotes grouped by speaker, most quoted first, from (speaker, text, article, paragraph) rows in reading order."""
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for speaker, txt, aid, par in rows:
        if (speaker, txt) in seen:  # the same quote in a copy of an article counts once
            continue
        seen.add((speaker, txt))
        by[speaker].append({"text": txt, "article": aid, "paragraph": par})
    top = sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:TOP_SPEAKERS]
    return [{"speaker": sp, "count": len(qs), "quotes": qs[:QUOTES_PER_SPEAKER]} for sp, qs in top]


# --------------------------------------------------------------------------- events

def events(store: Store, *, story: str | None = None, since: str | None = None, limit: int = 20,
           offset: int = 0) -> dict[str, Any]:
    """Events, latest start first (of one story), or only those a corpus pass rewrote after ``since``."""
    limit, offset = _page(limit, offset)
    e = schema.events
    where = [e.c.story == story] if story else []
    where += _since(e.c.updated_at, since)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(e).where(*where)).scalar_one()
        rows = conn.execute(select(e.c.id, e.c.title, e.c.start, e.c.end, e.c.n_articles, e.c.story, e.c.updated_at)
                            .where(*where).order_by(e.c.start.desc().nulls_last(), e.c.id).limit(limit).offset(offset)).mappings()
        return _paged([dict(r) | {"updated_at": iso_time(r["updated_at"])} for r in rows], total, limit, offset)


def event(store: Store, event_id: str) -> dict[str, Any]:
    e, a = schema.events, schema.articles
    with store.engine.connect() as conn:
        row = conn.execute(select(e).where(e.c.id == event_id)).mappings().first()
        if row is None:
            raise NotFound(f"no event {event_id!r}")
        arts = list(conn.execute(select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.duplicate_of)
                                 .where(a.c.event == event_id).order_by(a.c.published, a.c.id)).mappings())
        ents = _entity_counts(conn, a.c.event == event_id)
        quotes = _quotes_by_speaker(conn, a.c.event == event_id)
    return {
        "id": row["id"], "title": row["title"], "start": row["start"], "end": row["end"], "story": row["story"],
        "n_articles": row["n_articles"], "summary": row["summary"], "timeline": row["timeline"],
        "entities": _entity_list(Counter({(n, lab): c for n, lab, c in ents})), "quotes_by_speaker": quotes,
        "coverage": _outlet_list(Counter(r["outlet"] for r in arts if r["outlet"]), key="outlet"),
        "articles": [dict(r) for r in arts],
    }


TODAY_LOOKBACK_DAYS = 3
"""An event still running on the latest day is in its strip if it began at most this many days before."""


def today(store: Store, *, limit: int = 8) -> dict[str, Any]:
    """The home page's "today" strip: the biggest events (most articles, then most outlets) on the store's
    latest day, that is, the latest event start not in the future (a page dated years ahead by a parsing
    slip must not hide the real day).  Each event carries its outlet count and first summary sentence;
    the day comes from the index on ``events.start``, the events from a short range of it."""
    from datetime import datetime, timedelta

    e = schema.events
    horizon = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%d")
    with store.engine.connect() as conn:
        latest = conn.execute(select(func.max(e.c.start)).where(e.c.start < horizon)).scalar_one_or_none()
        if not latest:
            return {"day": None, "results": []}
        day = str(latest)[:10]
        since = (datetime.fromisoformat(day) - timedelta(days=TODAY_LOOKBACK_DAYS)).strftime("%Y-%m-%d")
        rows = conn.execute(select(e.c.id, e.c.title, e.c.start, e.c.end, e.c.n_articles, e.c.story, e.c.outlets,
                                   e.c.summary)
                            .where(e.c.start >= since, e.c.start < horizon, func.coalesce(e.c.end, e.c.start) >= day)
                            .order_by(e.c.n_articles.desc(), e.c.start.desc(), e.c.id).limit(max(limit, 1) * 4))
        found = []
        for r in rows:
            summary = r.summary if isinstance(r.summary, list) else []
            first = summary[0] if summary and isinstance(summary[0], dict) else {}
            found.append({"id": r.id, "title": r.title, "start": r.start, "end": r.end, "n_articles": r.n_articles,
                          "story": r.story, "n_outlets": len(r.outlets or {}),
                          "lead": {k: first.get(k) for k in ("text", "article", "paragraph")} if first.get("text") else None})
        found.sort(key=lambda ev: (-(ev["n_articles"] or 0), -ev["n_outlets"]))
        found = found[:max(0, min(limit, MAX_LIMIT))]
        a = schema.articles
        cited = {ev["lead"]["article"] for ev in found if ev["lead"] and ev["lead"].get("article")}
        info = ({r[0]: r[1:] for r in conn.execute(select(a.c.id, a.c.outlet, a.c.language).where(a.c.id.in_(cited)))}
                if cited else {})
    for ev in found:  # the cited article's outlet and language: the strip names the source and marks the language
        if ev["lead"]:
            ev["lead"]["outlet"], ev["lead"]["language"] = info.get(ev["lead"].get("article"), (None, None))
    return {"day": day, "results": found}


# --------------------------------------------------------------------------- articles

ARTICLE_ITEM = ("id", "title", "outlet", "published", "language", "event", "story", "duplicate_of")


def articles(store: Store, *, outlet: str | None = None, event: str | None = None, story: str | None = None,
             since: str | None = None, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Articles, newest first, optionally of one outlet, event or story, or only those stored after ``since``."""
    limit, offset = _page(limit, offset)
    a = schema.articles
    where = [col == v for col, v in ((a.c.outlet, outlet), (a.c.event, event), (a.c.story, story)) if v]
    where += _since(a.c.created_at, since)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(a).where(*where)).scalar_one()
        rows = conn.execute(select(*(a.c[k] for k in ARTICLE_ITEM)).where(*where)
                            .order_by(a.c.published.desc().nulls_last(), a.c.id).limit(limit).offset(offset)).mappings()
        return _paged([dict(r) for r in rows], total, limit, offset)


def article(store: Store, article_id: str) -> dict[str, Any]:
    """One article, exactly as the ``kronik/1`` contract has it (``Article.model_dump()``)."""
    found = list(store.articles([article_id]))
    if not found:
        raise NotFound(f"no article {article_id!r}")
    return found[0].model_dump()


# --------------------------------------------------------------------------- entities and quotes

def entities(store: Store, *, q: str | None = None, type: str | None = None, limit: int = 20,
             offset: int = 0) -> dict[str, Any]:
    """Canonical entities by the number of articles that mention them (``entity_stats``, so the cost does
    not grow with the mentions); ``q`` matches canonical names (case-insensitive substring)."""
    limit, offset = _page(limit, offset)
    es = schema.entity_stats
    where: list[Any] = []
    if q:
        where.append(func.lower(es.c.canonical).contains(q.lower(), autoescape=True))
    if type:
        from kronik.store.overrides import label_of

        where.append(es.c.label == label_of(type))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(es).where(*where)).scalar_one()
        rows = list(conn.execute(select(es.c.canonical, es.c.articles, es.c.label).where(*where)
                                 .order_by(es.c.articles.desc(), es.c.canonical).limit(limit).offset(offset)))
        info = _entity_info(conn, [r[0] for r in rows])
    # the type shown is the one ``type=`` filters on (the stored label), so a filtered list is consistent
    return _paged([{"name": name, "type": label, "count": cnt, "aliases": info[name][1]} for name, cnt, label in rows],
                  total, limit, offset)


ALIAS_SAMPLE = 1000  # label and aliases of a name are read from at most this many of its mentions


def _entity_info(conn: Any, names: Sequence[str]) -> dict[str, tuple[str, list[str]]]:
    """(most frequent label, aliases by frequency) of each canonical name, over a bounded sample of mentions."""
    en = schema.entities
    out: dict[str, tuple[str, list[str]]] = {}
    for name in dict.fromkeys(names):
        sample = select(en.c.label, en.c.text).where(en.c.canonical == name).limit(ALIAS_SAMPLE).subquery()
        labels: Counter[str] = Counter()
        aliases: Counter[str] = Counter()
        for label, txt, n in conn.execute(select(sample.c.label, sample.c.text, func.count())
                                          .group_by(sample.c.label, sample.c.text)):
            labels[label] += n
            if txt != name:
                aliases[txt] += n
        out[name] = (labels.most_common(1)[0][0] if labels else "MISC", [t for t, _ in aliases.most_common(20)])
    return out


def entity(store: Store, name: str, *, limit: int = 50) -> dict[str, Any]:
    a, en, qt = schema.articles, schema.entities, schema.quotes
    with store.engine.connect() as conn:
        ids = select(en.c.article_id).where(en.c.canonical == name).distinct()
        count = conn.execute(select(func.count()).select_from(ids.subquery())).scalar_one()
        from kronik.store.overrides import entity_corrections  # overrides reads queries' helpers

        corrections = entity_corrections(conn, name)
        if not count:
            into = corrections["merged_into"]
            raise NotFound(f"no entity {name!r}" + (f": it was merged into {into['value']!r}" if into else ""))
        label, aliases = _entity_info(conn, [name])[name]
        day = func.substr(a.c.published, 1, 10)
        over_time = [{"date": d, "count": c} for d, c in conn.execute(
            select(day, func.count()).where(a.c.id.in_(ids), a.c.published.is_not(None)).group_by(day).order_by(day))]
        n_rel = func.count(en.c.article_id.distinct()).label("n")
        sample = ids if count <= RELATED_SAMPLE else (  # co-occurrence over the most recent mentions only
            select(a.c.id).where(a.c.id.in_(ids)).order_by(a.c.published.desc().nulls_last()).limit(RELATED_SAMPLE))
        related_rows = list(conn.execute(
            select(en.c.canonical, n_rel).where(en.c.article_id.in_(sample), en.c.canonical != name)
            .group_by(en.c.canonical).order_by(n_rel.desc(), en.c.canonical).limit(TOP_ENTITIES)))
        rel_info = _entity_info(conn, [r[0] for r in related_rows])
        arts = [dict(r) for r in conn.execute(
            select(a.c.id, a.c.title, a.c.outlet, a.c.published).where(a.c.id.in_(ids))
            .order_by(a.c.published.desc().nulls_last(), a.c.id).limit(limit)).mappings()]
        quotes = [{"text": t, "speaker": sp, "article": aid, "paragraph": par, "headline": title, "outlet": outlet,
                   "published": pub} for t, sp, aid, par, title, outlet, pub in conn.execute(
            select(qt.c.text, qt.c.speaker, qt.c.article_id, qt.c.paragraph, a.c.title, a.c.outlet, a.c.published)
            .select_from(qt.join(a, a.c.id == qt.c.article_id)).where(qt.c.speaker == name)
            .order_by(a.c.published.desc().nulls_last(), qt.c.article_id, qt.c.seq).limit(limit))]
    return {"name": name, "type": label, "count": count, "aliases": aliases, "corrections": corrections,
            "mentions_over_time": over_time,
            "related": [{"name": n, "type": rel_info[n][0], "count": c} for n, c in related_rows],
            "articles": arts, "quotes": quotes}


def iso_time(value: Any) -> str | None:
    """A stored timestamp as ISO 8601 with its offset (SQLite gives naive UTC back; PostgreSQL an aware time)."""
    if value is None:
        return None
    from datetime import datetime

    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return str(value.isoformat(timespec="seconds"))


def check_date(value: str | None, name: str) -> str | None:
    """``value`` when it is an ISO date or datetime (``2024-05-01``, ``2024-05-01T08:00:00+07:00``), else a
    :class:`RequestError` naming the parameter: a typo in a date is a 400 the UI shows, never an empty page."""
    if value is None or not value.strip():
        return None
    from datetime import datetime

    try:
        datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise RequestError(f"{name}={value[:40]!r} is not a date: expected YYYY-MM-DD or an ISO datetime") from None
    return value.strip()


def _published_range(col: Any, date_from: str | None, date_to: str | None) -> list[Any]:
    """Conditions on a ``published`` string column; ``date_to`` takes the whole of its day (or minute, ...)."""
    where = []
    if date_from := check_date(date_from, "from"):
        where.append(col >= date_from)
    if date_to := check_date(date_to, "to"):
        where.append(func.substr(col, 1, len(date_to)) <= date_to)
    return where


def _since(col: Any, since: str | None) -> list[Any]:
    """``col > since`` (rows stored after that moment: what a poller has not seen yet)."""
    if not (since := check_date(since, "since")):
        return []
    from datetime import datetime

    when = datetime.fromisoformat(since.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return [col > when.astimezone(UTC)]


QUOTE_COLUMNS = ("text", "speaker", "article", "paragraph", "headline", "outlet", "published", "story")


RARE_ENTITY = 2000
"""An entity named in at most this many articles drives a quotes lookup through its articles; a more common
one is checked quote by quote, newest first (the page fills long before the table ends)."""
COUNT_CAP = MAX_OFFSET + MAX_LIMIT
"""Quotes counted at most (the deepest page served ends there): a common filter is not counted to the end."""


def _quotes_select(conn: Any, *, speaker: str | None = None, entity: str | None = None, story: str | None = None,
                   outlet: str | None = None, q: str | None = None, date_from: str | None = None,
                   date_to: str | None = None, since: str | None = None) -> tuple[Any, list[Any], bool]:
    """(the quotes joined to their articles, the filter conditions, whether a condition is on the article)
    shared by the page and the export.

    ``entity``: quotes whose paragraph mentions that entity (what was said *about* it; ``speaker`` is who
    said it), through the ``entities(article_id, canonical)`` index."""
    qt, a, en, es = schema.quotes, schema.articles, schema.entities, schema.entity_stats
    where: list[Any] = [*_published_range(a.c.published, date_from, date_to), *_since(a.c.created_at, since)]
    where += [col == v for col, v in ((a.c.story, story), (a.c.outlet, outlet)) if v]
    on_article = bool(where)
    if speaker:
        where.append(qt.c.speaker == speaker)
    if entity:
        named = conn.execute(select(es.c.articles).where(es.c.canonical == entity)).scalar() or 0
        if named <= RARE_ENTITY:
            where.append(qt.c.article_id.in_(select(en.c.article_id).where(en.c.canonical == entity)))
        where.append(select(en.c.article_id).where(en.c.article_id == qt.c.article_id, en.c.canonical == entity,
                                                   en.c.paragraph == qt.c.paragraph).exists())
    if q:
        where.append(func.lower(qt.c.text).contains(q.lower(), autoescape=True))
    return qt.join(a, a.c.id == qt.c.article_id), where, on_article


def _quote_rows(joined: Any, where: list[Any]) -> Any:
    qt, a = schema.quotes, schema.articles
    return (select(qt.c.text, qt.c.speaker, qt.c.article_id.label("article"), qt.c.paragraph,
                   a.c.title.label("headline"), a.c.outlet, a.c.published, a.c.story, a.c.language)
            .select_from(joined).where(*where)
            .order_by(a.c.published.desc().nulls_last(), qt.c.article_id, qt.c.seq))


def quotes(store: Store, *, limit: int = 20, offset: int = 0, **filters: str | None) -> dict[str, Any]:
    """Quotes, newest article first, each with what makes it usable as evidence: the article's headline,
    outlet and date next to the speaker and paragraph.  Filters (:func:`_quotes_select`): speaker, entity
    (mentioned in the quoted paragraph), story, outlet, a text substring ``q`` (case-insensitive), the
    article's publication dates ``date_from`` / ``date_to``, and ``since`` (articles stored after that
    moment, for polling).  ``total`` counts at most ``COUNT_CAP`` (the deepest page served)."""
    limit, offset = _page(limit, offset)
    with store.engine.connect() as conn:
        joined, where, on_article = _quotes_select(conn, **filters)
        # without a condition on the article, every quote has one (foreign key): count the quotes alone
        counted = select(schema.quotes.c.article_id).select_from(joined if on_article else schema.quotes)
        total = conn.execute(select(func.count()).select_from(counted.where(*where).limit(COUNT_CAP).subquery())
                             ).scalar_one()
        rows = conn.execute(_quote_rows(joined, where).limit(limit).offset(offset)).mappings()
        return _paged([dict(r) for r in rows], total, limit, offset)


def iter_quotes(store: Store, **filters: str | None) -> Iterator[dict[str, Any]]:
    """Every quote matching the filters of :func:`quotes` (no page limit: the export), streamed."""
    with store.engine.connect() as conn:
        joined, where, _ = _quotes_select(conn, **filters)  # checked here, before a download starts
        for r in conn.execution_options(stream_results=True).execute(_quote_rows(joined, where)).mappings():
            yield dict(r)


def story_feed(store: Store, story_id: str, limit: int = 50) -> tuple[str | None, list[dict[str, Any]]]:
    """(title, the story's latest articles with their first paragraph as ``summary``) for its Atom feed."""
    s, a, p = schema.stories, schema.articles, schema.paragraphs
    with store.engine.connect() as conn:
        found = conn.execute(select(s.c.title).where(s.c.id == story_id)).first()
        if found is None:
            raise NotFound(f"no story {story_id!r}")
        rows = [dict(r) for r in conn.execute(
            select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.language, p.c.text.label("summary"))
            .select_from(a.outerjoin(p, (p.c.article_id == a.c.id) & (p.c.idx == 0))).where(a.c.story == story_id)
            .order_by(a.c.published.desc().nulls_last(), a.c.id).limit(limit)).mappings()]
    return found[0], rows


def story_titles(store: Store, ids: Iterable[str | None]) -> dict[str, str | None]:
    """Titles of these stories, by id (for search hits, which carry only the story id)."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    s = schema.stories
    with store.engine.connect() as conn:
        return dict(conn.execute(select(s.c.id, s.c.title).where(s.c.id.in_(wanted))).all())
