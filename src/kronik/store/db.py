"""The Store: one place that writes to and reads from the database.

Each batch of documents is written in one transaction, so a crash mid-ingest
leaves every document either fully stored (its row in ``documents``, its
article, paragraphs and removed lines) or not at all; the next run picks up
from there because stored documents are skipped by content hash.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Engine,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    inspect,
    literal,
    make_url,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from kronik.errors import RUN_FAILURES, StoreError, StoreMissing, translate
from kronik.io.readers import RawDocument
from kronik.model import Article, Entity, Event, Problem, Quote, Removed, Story, TimeExpr
from kronik.store import queries, schema
from kronik.store.migrate import upgrade
from kronik.store.overrides import Overrides
from kronik.store.search import index_row


def database_url(db: str) -> str:
    """A SQLAlchemy URL from what a user typed: a URL, or a path to a SQLite file."""
    if "://" in db:
        return db
    return f"sqlite:///{db}"


def store_exists(db: str) -> bool:
    """Whether ``db`` names a store that exists already: a SQLite file, or a database with Kronik's tables.

    Commands that only read (search, export, serve, cluster) check it first, so a mistyped ``--db``
    is an error rather than a new empty store (opening a :class:`Store` creates one).
    """
    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite":
        return bool(url.database) and url.database != ":memory:" and Path(url.database).is_file()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return inspect(conn).has_table("documents")
    finally:
        engine.dispose()


def sqlite_path(url: str) -> str | None:
    """The file behind a ``sqlite:///`` URL (None for other back-ends and in-memory databases)."""
    if not url.startswith("sqlite:///"):
        return None
    path = url[len("sqlite:///"):].split("?", 1)[0]
    return path if path and path != ":memory:" else None


def _found(url: str, path: str | None) -> bool:
    """A SQLite file that exists, or a server database that already holds Kronik's tables."""
    if path is not None:
        return Path(path).is_file()
    try:
        return store_exists(url)
    except SQLAlchemyError as exc:
        raise translate(exc) from exc


class Store:
    def __init__(self, url: str, *, create: bool = True) -> None:
        """Open (and migrate) the store; ``create=False`` refuses a SQLite path with no file behind it
        (reading commands and the server: an empty store made by a typo would answer "0 matches")."""
        self.url = database_url(url)
        path = sqlite_path(self.url)
        if not create and not _found(self.url, path):
            shown = path or make_url(self.url).render_as_string(hide_password=True)
            raise StoreMissing(f"no store at {shown}: build one with `kronik ingest FILES --db {shown}` "
                               f"(or an empty one to upload into with `kronik db upgrade --db {shown}`)")
        self.engine: Engine = create_engine(self.url, future=True)
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.generation = 0  # bumped by every write through this object (read caches compare it)
        self._write_lock = threading.RLock()
        try:
            upgrade(self.engine)
        except SQLAlchemyError as exc:
            raise (translate(exc, "cannot open or upgrade the database") or StoreError(str(exc))) from exc

    def _insert(self, table: Any) -> Any:
        return (sqlite_insert if self.dialect == "sqlite" else pg_insert)(table)

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        with self.engine.connect() as conn:
            return _present(conn, schema.documents.c.content_hash, hashes)

    @contextmanager
    def _writing(self) -> Iterator[Any]:
        """A write transaction.  On SQLite it takes the write lock up front (``BEGIN IMMEDIATE``):
        a transaction that reads first and writes later (every write here does) could otherwise
        fail at once with "database is locked" when another connection committed in between (the
        corpus pass runs beside ingest's writes); waiting for the lock is what the busy timeout is for.
        Writers through this one Store (ingest's batches and its background corpus pass) queue on a
        Python lock first, so a long pass makes the next batch wait however long it takes instead of
        running into the busy timeout, which is left for other processes."""
        with self._write_lock, self.engine.begin() as conn:
            if self.dialect == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield conn

    def write_batch(self, results: Iterable[tuple[RawDocument | None, Article | Problem]],
                    features: Mapping[str, bytes] | None = None,
                    index_rows: Mapping[str, dict[str, str]] | None = None) -> tuple[int, int]:
        """Store a batch in one transaction. Returns (articles written, problems recorded).

        ``features`` (article id -> :func:`kronik.corpus.features.dump_features` bytes) are
        stored with their articles; those articles then wait for the next corpus pass.
        ``index_rows`` (article id -> :func:`kronik.store.search.index_row`) are search rows an
        engine's workers already stemmed, so this one writing process does not stem them again.

        Rows are gathered per table and written with one executemany each (a batch of 200 articles is
        about ten statements, not two thousand: per-statement overhead had been most of the write time).
        An article already stored (the same article from another file) is written once.
        A document whose problem is a failure of this run (:data:`kronik.errors.RUN_FAILURES`: a stage
        or the extractor raised) is not recorded, so the next ingest tries it again.
        """
        pairs = list(results)
        arts: dict[str, Article] = {}
        n_prob = 0
        for _, res in pairs:
            if isinstance(res, Article):
                arts.setdefault(res.id, res)
            else:
                n_prob += 1
        try:
            with self._writing() as conn:
                stored = _present(conn, schema.articles.c.id, list(arts))
                new = [art for aid, art in arts.items() if aid not in stored]
                self._write_articles(conn, new, features or {}, index_rows or {})
                docs: dict[str, dict[str, Any]] = {}
                for doc, res in pairs:
                    if doc is not None and not (isinstance(res, Problem) and res.reason in RUN_FAILURES):
                        docs.setdefault(doc.content_hash, _document_row(doc, res))
                if docs:
                    conn.execute(self._insert(schema.documents).on_conflict_do_nothing(index_elements=["content_hash"]),
                                 list(docs.values()))
        except SQLAlchemyError as exc:
            raise StoreError(f"batch rolled back: {exc}") from exc
        self.generation += 1
        return len(new), n_prob

    def _next_nums(self, conn: Any) -> Iterator[int] | None:
        """Integer keys for new articles: counted on from the largest in SQLite (one writer at a time
        holds the database lock), None on PostgreSQL (the column's sequence default)."""
        if self.dialect != "sqlite":
            return None
        start = conn.execute(select(func.coalesce(func.max(schema.articles.c.num), 0))).scalar_one()
        return itertools.count(start + 1)

    def _write_articles(self, conn: Any, arts: Sequence[Article], features: Mapping[str, bytes],
                        index_rows: Mapping[str, dict[str, str]]) -> None:
        """New articles with everything that hangs off them, one executemany per table."""
        if not arts:
            return
        nums = self._next_nums(conn)
        fix = Overrides.load(conn)  # curated corrections hold for every article stored after them
        rows, paragraphs, removed, entities, quotes, times, feats, search = [], [], [], [], [], [], [], []
        mentioned: dict[str, list[Any]] = {}  # canonical -> [label of its first mention, articles]
        for art in arts:
            row = {
                "id": art.id, "source": art.source, "format": art.format, "language": art.language, "url": art.url,
                "title": art.title, "outlet": art.outlet, "published": art.published,
                "published_basis": art.published_basis, "authors": art.authors, "dateline": art.dateline,
                "sources": art.sources or None, "warnings": art.warnings or None,
                "wire_sources": art.wire_sources, "duplicate_of": art.duplicate_of, "event": art.event,
                "story": art.story, "extra": {"stages": art.stages} if art.stages else {},
            }
            if nums is not None:
                row["num"] = next(nums)
            rows.append(row)
            aid = art.id
            paragraphs += [{"article_id": aid, "idx": i, "text": p} for i, p in enumerate(art.paragraphs)]
            removed += [{"article_id": aid, "idx": i, "text": r.text, "reason": r.reason} for i, r in enumerate(art.removed)]
            ents = [{"article_id": aid, "seq": i, "paragraph": e.paragraph, "start": e.start, "end": e.end,
                     "text": e.text, "label": e.label, "canonical": e.canonical, "role": e.role}
                    for i, e in enumerate(art.entities)]
            said = [{"article_id": aid, "seq": i, "paragraph": q.paragraph, "text": q.text, "speaker": q.speaker,
                     "speaker_text": q.speaker_text, "direct": q.direct} for i, q in enumerate(art.quotes)]
            if fix:
                ents = [fix.entity_row(r) for r in ents]
                said = [fix.quote_row(r) for r in said]
            entities += ents
            quotes += said
            first: dict[str, str] = {}
            for r in ents:
                first.setdefault(r["canonical"], r["label"])
            for c, lab in first.items():
                mentioned.setdefault(c, [lab, 0])[1] += 1
            times += [{"article_id": aid, "seq": i, "paragraph": t.paragraph, "start": t.start, "end": t.end,
                       "text": t.text, "type": t.type, "value": t.value} for i, t in enumerate(art.times)]
            if aid in features:
                feats.append({"article_id": aid, "data": features[aid]})
            idx = index_rows.get(aid) or index_row(aid, art.title, art.paragraphs)
            search.append({"num": row.get("num"), "article_id": aid, "title": idx["title"], "body": idx["body"]})
        conn.execute(schema.articles.insert(), rows)
        for table, batch in ((schema.paragraphs, paragraphs), (schema.removed, removed), (schema.entities, entities),
                             (schema.quotes, quotes), (schema.times, times), (schema.features, feats)):
            if batch:
                conn.execute(table.insert(), batch)
        if mentioned:
            es = schema.entity_stats
            ins = self._insert(es)
            conn.execute(ins.on_conflict_do_update(index_elements=["canonical"],
                                                   set_={"articles": es.c.articles + ins.excluded.articles}),
                         [{"canonical": c, "label": lab, "articles": n} for c, (lab, n) in mentioned.items()])
        if self.dialect == "sqlite":
            conn.execute(text("INSERT INTO search_fts(rowid, title, body) VALUES (:num, :title, :body)"), search)
        else:
            conn.execute(text("INSERT INTO search_docs(article_id, title, body) VALUES (:article_id, :title, :body)"),
                         search)

    def integrity_problems(self, limit: int = 5) -> list[str]:
        """SQLite's ``PRAGMA quick_check`` (reads every page: seconds on a large store), as a list of what it
        found; empty when the file is sound (and on other back-ends, which check their own pages)."""
        if self.dialect != "sqlite":
            return []
        try:
            with self.engine.connect() as conn:
                rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA quick_check({int(limit)})")]
        except SQLAlchemyError as exc:
            return [str(getattr(exc, "orig", exc))]
        return [] if rows == ["ok"] else rows

    def rename_sources(self, names: Mapping[str, str]) -> None:
        """Replace file paths in the ``source`` of articles and documents (``path`` and ``path#N``), and in an
        article's list of ``sources`` where the schema has one, by the names given: the server stores an
        upload under its own folder, and that path is not for readers."""
        if not names:
            return
        a = schema.articles
        with self._writing() as conn:
            for table in (a, schema.documents):
                src = table.c.source
                for old, new in names.items():
                    conn.execute(update(table).where(src == old).values(source=new))
                    conn.execute(update(table).where(src.startswith(old + "#", autoescape=True))
                                 .values(source=literal(new) + func.substr(src, len(old) + 1)))
            if "sources" in a.c:  # every input of an article listed more than once in one file
                renamed: list[Any] = [a.c.source.in_(list(names.values()))]
                renamed += [a.c.source.startswith(n + "#", autoescape=True) for n in set(names.values())]
                for aid, listed in conn.execute(select(a.c.id, a.c.sources).where(or_(*renamed))).all():
                    if listed:
                        conn.execute(update(a).where(a.c.id == aid).values(sources=[_renamed(x, names) for x in listed]))
        self.generation += 1

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(tbl)).scalar_one()
                for name, tbl in (("documents", schema.documents), ("articles", schema.articles),
                                  ("paragraphs", schema.paragraphs), ("removed", schema.removed),
                                  ("events", schema.events), ("stories", schema.stories))
            } | {"problems": conn.execute(select(func.count()).select_from(schema.documents).where(schema.documents.c.status == "problem")).scalar_one()}

    def articles(self, ids: Sequence[str] | None = None) -> Iterator[Article]:
        """Stored articles (all, or the given ids), rebuilt into the public contract, oldest first."""
        with self.engine.connect() as conn:
            if ids is not None:
                for i in range(0, len(ids), 500):
                    yield from self._articles(conn, list(ids[i:i + 500]))
            else:
                yield from self._articles(conn, None)

    def _articles(self, conn: Any, ids: list[str] | None) -> Iterator[Article]:
        p, r_, a = schema.paragraphs, schema.removed, schema.articles
        q_par = select(p).order_by(p.c.article_id, p.c.idx)
        q_rem = select(r_).order_by(r_.c.article_id, r_.c.idx)
        q_art = select(a).order_by(a.c.published, a.c.id)
        if ids is not None:
            q_par, q_rem, q_art = q_par.where(p.c.article_id.in_(ids)), q_rem.where(r_.c.article_id.in_(ids)), q_art.where(a.c.id.in_(ids))
        paras: dict[str, list[str]] = {}
        for aid, _, txt in conn.execute(q_par):
            paras.setdefault(aid, []).append(txt)
        rem: dict[str, list[Removed]] = {}
        for aid, _, txt, reason in conn.execute(q_rem):
            rem.setdefault(aid, []).append(Removed.model_construct(text=txt, reason=reason))
        ents: dict[str, list[Entity]] = {}
        quotes: dict[str, list[Quote]] = {}
        times: dict[str, list[TimeExpr]] = {}
        for table, into, build in ((schema.entities, ents, _entity), (schema.quotes, quotes, _quote),
                                   (schema.times, times, _time)):
            q = select(table).order_by(table.c.article_id, table.c.seq)
            if ids is not None:
                q = q.where(table.c.article_id.in_(ids))
            for row in conn.execute(q).mappings():
                into.setdefault(row["article_id"], []).append(build(row))
        for r in conn.execute(q_art).mappings():  # rows validated on the way in: built without validating again
            yield Article.model_construct(
                id=r["id"], source=r["source"], format=r["format"], language=r["language"], url=r["url"],
                title=r["title"], outlet=r["outlet"], published=r["published"], published_basis=r["published_basis"],
                authors=r["authors"], dateline=r["dateline"], wire_sources=r["wire_sources"],
                sources=r["sources"] or [], warnings=r["warnings"] or [],
                paragraphs=paras.get(r["id"], []), removed=rem.get(r["id"], []),
                entities=ents.get(r["id"], []), quotes=quotes.get(r["id"], []), times=times.get(r["id"], []),
                duplicate_of=r["duplicate_of"], event=r["event"], story=r["story"],
                stages=(r["extra"] or {}).get("stages", []),
            )

    # ------------------------------------------------------------------ corpus stages

    def pending_features(self) -> Iterator[tuple[str, bytes]]:
        """Features of stored articles that no corpus pass has taken yet (``event`` is NULL), oldest first."""
        f, a = schema.features, schema.articles
        q = (select(f.c.article_id, f.c.data).join(a, a.c.id == f.c.article_id)
             .where(a.c.event.is_(None)).order_by(a.c.published, a.c.id))
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=2000).execute(q):
                yield row[0], bytes(row[1])

    def all_features(self) -> Iterator[tuple[str, bytes]]:
        """Every stored article's features (for clustering again from scratch), oldest first."""
        f, a = schema.features, schema.articles
        q = select(f.c.article_id, f.c.data).join(a, a.c.id == f.c.article_id).order_by(a.c.published, a.c.id)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=2000).execute(q):
                yield row[0], bytes(row[1])

    def missing_features(self) -> list[str]:
        """Articles stored without features (stored by an older version): they need them computed."""
        f, a = schema.features, schema.articles
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(a.c.id).outerjoin(f, f.c.article_id == a.c.id).where(f.c.article_id.is_(None)))]

    def write_features(self, rows: Mapping[str, bytes]) -> None:
        if not rows:
            return
        with self._writing() as conn:
            conn.execute(self._insert(schema.features).on_conflict_do_nothing(index_elements=["article_id"]),
                         [{"article_id": aid, "data": data} for aid, data in rows.items()])

    def corpus_state(self) -> bytes | None:
        """The last full corpus state blob (without the deltas saved after it; see :meth:`corpus_states`)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.corpus_state.c.data).where(schema.corpus_state.c.name == "main")).first()
        return None if row is None else bytes(row[0])

    def corpus_states(self) -> list[bytes]:
        """The full corpus state blob and the deltas saved after it, in order (empty: never clustered)."""
        cs = schema.corpus_state
        with self.engine.connect() as conn:
            main = conn.execute(select(cs.c.data).where(cs.c.name == "main")).first()
            if main is None:
                return []
            rows = conn.execute(select(cs.c.data).where(cs.c.name.startswith(schema.STATE_DELTA_PREFIX)).order_by(cs.c.name))
            return [bytes(main[0]), *(bytes(r[0]) for r in rows)]

    def corpus_stamp(self) -> bytes | None:
        """A token that changes with every corpus state written (full or delta): whether a state held in
        memory is still the store's."""
        cs = schema.corpus_state
        with self.engine.connect() as conn:
            row = conn.execute(select(cs.c.data).where(cs.c.name == schema.STATE_STAMP)).first()
        return None if row is None else bytes(row[0])

    def apply_corpus(self, assign: Mapping[str, tuple[str | None, str | None, str | None]],
                     events: Sequence[dict[str, Any]], stories: Sequence[dict[str, Any]],
                     state: bytes | None, n_articles: int, *, reset: bool = False,
                     removed: tuple[Sequence[str], Sequence[str]] = ((), ()), delta: bool = False,
                     stamp: bytes | None = None) -> None:
        """Write one corpus pass in one transaction: the articles' (duplicate_of, event, story),
        the events and stories it touched (whole rows, upserted), and the state to continue from.
        ``removed``: ids of events (merged into another) and stories (left empty) whose rows go.
        ``delta``: ``state`` is a delta, kept after the full blob and the deltas before it; else it is a
        full blob and replaces them.  ``stamp``: the token :meth:`corpus_stamp` reads back (a random one
        when not given).

        With ``reset`` every earlier assignment, event and story is dropped first (clustering again
        from scratch).  Either all of it lands or none of it does.
        """
        a = schema.articles
        try:
            with self._writing() as conn:
                touched = self._stories_of(conn, assign, events)
                if reset:
                    conn.execute(update(a).values(duplicate_of=None, event=None, story=None))
                    conn.execute(delete(schema.events))
                    conn.execute(delete(schema.stories))
                    conn.execute(delete(schema.corpus_state))
                    conn.execute(delete(schema.story_pages))
                if assign:
                    stmt = (update(a).where(a.c.id == bindparam("aid"))
                            .values(duplicate_of=bindparam("dup"), event=bindparam("ev"), story=bindparam("st")))
                    conn.execute(stmt, [{"aid": k, "dup": d, "ev": e, "st": s} for k, (d, e, s) in assign.items()])
                for table, ids in zip((schema.events, schema.stories), removed, strict=True):
                    for i in range(0, len(ids), 500):
                        conn.execute(delete(table).where(table.c.id.in_(list(ids[i:i + 500]))))
                touched |= set(removed[1])
                fix = Overrides.load(conn)
                now = datetime.now(UTC)  # ``updated_at``: what ``since`` polls on
                events = [{**r, "updated_at": now} | ({"entities": fix.names(r["entities"] or [])}
                                                      if fix and "entities" in r else {}) for r in events]
                stories = [{**r, "updated_at": now} for r in stories]
                for table, rows in ((schema.events, events), (schema.stories, stories)):
                    if rows:
                        ins = self._insert(table)
                        cols = {c: getattr(ins.excluded, c) for c in rows[0] if c != "id"}
                        conn.execute(ins.on_conflict_do_update(index_elements=["id"], set_=cols), list(rows))
                touched |= {r["id"] for r in stories} | {r.get("story") for r in events}
                queries.refresh_story_pages(conn, touched)
                if state is not None:
                    self._write_state(conn, state, n_articles, delta, stamp or os.urandom(16))
        except SQLAlchemyError as exc:
            raise StoreError(f"corpus pass rolled back: {exc}") from exc
        self.generation += 1

    def _write_state(self, conn: Any, state: bytes, n_articles: int, delta: bool, stamp: bytes) -> None:
        cs = schema.corpus_state
        if delta:
            last = conn.execute(select(func.max(cs.c.name)).where(cs.c.name.startswith(schema.STATE_DELTA_PREFIX))).scalar()
            name = f"{schema.STATE_DELTA_PREFIX}{int(last[len(schema.STATE_DELTA_PREFIX):]) + 1 if last else 1:08d}"
        else:
            name = "main"
            conn.execute(delete(cs).where(cs.c.name.startswith(schema.STATE_DELTA_PREFIX)))
        for key, data in ((name, state), (schema.STATE_STAMP, stamp)):
            ins = self._insert(cs)
            conn.execute(ins.values(name=key, data=data, articles=n_articles).on_conflict_do_update(
                index_elements=["name"], set_={"data": ins.excluded.data, "articles": ins.excluded.articles,
                                               "updated_at": func.now()}))

    @staticmethod
    def _stories_of(conn: Any, assign: Mapping[str, Any], events: Sequence[Mapping[str, Any]]) -> set[str | None]:
        """Stories that the articles and events about to be reassigned belong to now (their pages change too)."""
        a, e = schema.articles, schema.events
        out: set[str | None] = set()
        for table, ids in ((a, list(assign)), (e, [r["id"] for r in events])):
            for i in range(0, len(ids), 500):
                out.update(r[0] for r in conn.execute(select(table.c.story).where(table.c.id.in_(ids[i:i + 500])).distinct()))
        return out

    def events(self, ids: Sequence[str] | None = None) -> list[Event]:
        e = schema.events
        q = select(e).order_by(e.c.start, e.c.id)
        if ids is not None:
            q = q.where(e.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            rows = list(conn.execute(q).mappings())
            members: dict[str, list[str]] = {}
            a = schema.articles
            aq = select(a.c.event, a.c.id).where(a.c.event.is_not(None)).order_by(a.c.published, a.c.id)
            if ids is not None:
                aq = aq.where(a.c.event.in_(list(ids)))
            for ev, aid in conn.execute(aq):
                members.setdefault(ev, []).append(aid)
        return [Event(id=r["id"], title=r["title"], start=r["start"], end=r["end"], articles=members.get(r["id"], []),
                      entities=r["entities"], story=r["story"], summary=r["summary"], timeline=r["timeline"]) for r in rows]

    def event_descriptions(self, ids: Sequence[str]) -> dict[str, tuple[list[Any], list[Any]]]:
        """The stored (summary, timeline) of these events, by id (events not stored are left out)."""
        e = schema.events
        out: dict[str, tuple[list[Any], list[Any]]] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 500):
                q = select(e.c.id, e.c.summary, e.c.timeline).where(e.c.id.in_(list(ids[i:i + 500])))
                out.update((r[0], (r[1] or [], r[2] or [])) for r in conn.execute(q))
        return out

    def stories(self) -> list[Story]:
        s = schema.stories
        with self.engine.connect() as conn:
            rows = list(conn.execute(select(s).order_by(s.c.start, s.c.id)).mappings())
        return [Story(id=r["id"], title=r["title"], events=r["events"], timeline=r["timeline"]) for r in rows]

    # ------------------------------------------------------------------ curated corrections

    def correct(self, action: str, name: str, value: str, note: str | None = None) -> dict[str, Any]:
        """Record a curated correction of an entity and apply it to everything stored
        (:mod:`kronik.store.overrides`); it then holds for every later write and corpus pass."""
        from kronik.store import overrides
        from kronik.store.columns import forget_names

        with self._writing() as conn:
            out = overrides.add(conn, action, name, value, note)
        self.generation += 1
        forget_names(self)
        return out

    def uncorrect(self, correction_id: int) -> dict[str, Any]:
        """Take a correction back: the annotation's values return (other corrections still hold)."""
        from kronik.store import overrides
        from kronik.store.columns import forget_names

        with self._writing() as conn:
            out = overrides.remove(conn, correction_id)
        self.generation += 1
        forget_names(self)
        return out

    def corrections(self) -> Overrides:
        with self.engine.connect() as conn:
            return Overrides.load(conn)

    def search(self, query: str, limit: int = 20, **filters: Any) -> list[dict[str, Any]]:
        """Ranked full-text search (see :func:`kronik.store.search.search`); the page of hits only."""
        from kronik.store.search import SearchQuery, search

        return search(self, SearchQuery(q=query, limit=limit, **filters), facets=False)["results"]


def _renamed(source: str, names: Mapping[str, str]) -> str:
    path, hash_, rec = source.partition("#")
    return names[path] + hash_ + rec if path in names else source


def _present(conn: Any, column: Any, values: Sequence[str]) -> set[str]:
    """Which of ``values`` the column holds (looked up 500 at a time: IN lists stay within SQLite's limits)."""
    found: set[str] = set()
    for i in range(0, len(values), 500):
        found.update(r[0] for r in conn.execute(select(column).where(column.in_(list(values[i:i + 500])))))
    return found


def _document_row(doc: RawDocument, res: Article | Problem) -> dict[str, Any]:
    ok = isinstance(res, Article)
    return {
        "content_hash": doc.content_hash, "source": doc.source, "format": doc.format, "encoding": doc.encoding,
        "article_id": res.id if ok else None, "status": "ok" if ok else "problem",
        "reason": None if ok else res.reason, "detail": None if ok else res.detail,
    }


def _entity(r: Mapping[str, Any]) -> Entity:
    return Entity.model_construct(text=r["text"], label=r["label"], canonical=r["canonical"], paragraph=r["paragraph"], start=r["start"],
                  end=r["end"], role=r["role"])


def _quote(r: Mapping[str, Any]) -> Quote:
    return Quote.model_construct(text=r["text"], speaker=r["speaker"], speaker_text=r["speaker_text"], paragraph=r["paragraph"],
                 direct=bool(r["direct"]))


def _time(r: Mapping[str, Any]) -> TimeExpr:
    return TimeExpr.model_construct(text=r["text"], value=r["value"], type=r["type"], paragraph=r["paragraph"], start=r["start"],
                    end=r["end"])


_budget = threading.local()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """SQLite statements run by this thread inside the block are interrupted once ``seconds`` have passed
    (they fail with "interrupted", which :func:`kronik.errors.translate` reports as ``OverBudget``): the
    API's search cannot hold a worker thread and the database for longer than its budget.  PostgreSQL
    deployments bound statements with the role's ``statement_timeout`` instead."""
    before = getattr(_budget, "deadline", None)
    _budget.deadline = None if seconds is None else time.monotonic() + seconds
    try:
        yield
    finally:
        _budget.deadline = before


def _over_budget() -> int:
    deadline = getattr(_budget, "deadline", None)
    return 1 if deadline is not None and time.monotonic() > deadline else 0


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.set_progress_handler(_over_budget, 20_000)  # every ~20k VM steps: well under a millisecond
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # a writer waits for another's transaction (the corpus pass beside ingest's batches) instead of failing
    cur.execute("PRAGMA busy_timeout=300000")
    # reads of a large store: map the file (no read() copies) and keep a bigger page cache per connection
    cur.execute("PRAGMA mmap_size=2147483648")
    cur.execute("PRAGMA cache_size=-32768")
    cur.close()


def open_store(db: str, *, create: bool = True) -> Store:
    return Store(db, create=create)
