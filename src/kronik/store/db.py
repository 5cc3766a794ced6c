"""The Store: one place that writes to and reads from the database.

Each batch of documents is written in one transaction, so a crash mid-ingest
leaves every document either fully stored (its row in ``documents``, its
article, paragraphs and removed lines) or not at all; the next run picks up
from there because stored documents are skipped by content hash.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from kronik.errors import StoreError
from kronik.io.readers import RawDocument
from kronik.model import Article, Problem, Removed
from kronik.store import schema

_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
    "article_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"
)


def database_url(db: str) -> str:
    """A SQLAlchemy URL from what a user typed: a URL, or a path to a SQLite file."""
    if "://" in db:
        return db
    return f"sqlite:///{db}"


class Store:
    def __init__(self, url: str) -> None:
        self.url = database_url(url)
        self.engine: Engine = create_engine(self.url, future=True)
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        schema.metadata.create_all(self.engine)
        if self.dialect == "sqlite":
            with self.engine.begin() as conn:
                conn.execute(text(_FTS_DDL))

    def _insert(self, table: Any) -> Any:
        return (sqlite_insert if self.dialect == "sqlite" else pg_insert)(table)

    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        found: set[str] = set()
        with self.engine.connect() as conn:
            for i in range(0, len(hashes), 500):
                chunk = list(hashes[i:i + 500])
                rows = conn.execute(select(schema.documents.c.content_hash).where(schema.documents.c.content_hash.in_(chunk)))
                found.update(r[0] for r in rows)
        return found

    def write_batch(self, results: Iterable[tuple[RawDocument | None, Article | Problem]]) -> tuple[int, int]:
        """Store a batch in one transaction. Returns (articles written, problems recorded)."""
        n_art = n_prob = 0
        try:
            with self.engine.begin() as conn:
                for doc, res in results:
                    if isinstance(res, Article):
                        if self._write_article(conn, res):
                            n_art += 1
                    else:
                        n_prob += 1
                    if doc is not None:
                        self._write_document(conn, doc, res)
        except SQLAlchemyError as exc:
            raise StoreError(f"batch rolled back: {exc}") from exc
        return n_art, n_prob

    def _write_document(self, conn: Any, doc: RawDocument, res: Article | Problem) -> None:
        row = {
            "content_hash": doc.content_hash, "source": doc.source, "format": doc.format, "encoding": doc.encoding,
            "article_id": res.id if isinstance(res, Article) else None,
            "status": "ok" if isinstance(res, Article) else "problem",
            "reason": None if isinstance(res, Article) else res.reason,
            "detail": None if isinstance(res, Article) else res.detail,
        }
        conn.execute(self._insert(schema.documents).values(row).on_conflict_do_nothing(index_elements=["content_hash"]))

    def _write_article(self, conn: Any, art: Article) -> bool:
        row = {
            "id": art.id, "source": art.source, "format": art.format, "language": art.language, "url": art.url,
            "title": art.title, "outlet": art.outlet, "published": art.published,
            "published_basis": art.published_basis, "authors": art.authors, "dateline": art.dateline,
            "wire_sources": art.wire_sources, "duplicate_of": art.duplicate_of, "event": art.event,
            "story": art.story,
            "extra": {"entities": [e.model_dump() for e in art.entities], "quotes": [q.model_dump() for q in art.quotes],
                      "times": [t.model_dump() for t in art.times]},
        }
        res = conn.execute(self._insert(schema.articles).values(row).on_conflict_do_nothing(index_elements=["id"]))
        if res.rowcount == 0:
            return False  # the same article from another file: stored once
        if art.paragraphs:
            conn.execute(schema.paragraphs.insert(), [{"article_id": art.id, "idx": i, "text": p} for i, p in enumerate(art.paragraphs)])
        if art.removed:
            conn.execute(schema.removed.insert(), [{"article_id": art.id, "idx": i, "text": r.text, "reason": r.reason} for i, r in enumerate(art.removed)])
        if self.dialect == "sqlite":
            conn.execute(text("INSERT INTO articles_fts(article_id, title, body) VALUES (:id, :t, :b)"),
                         {"id": art.id, "t": art.title or "", "b": "\n".join(art.paragraphs)})
        return True

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(tbl)).scalar_one()
                for name, tbl in (("documents", schema.documents), ("articles", schema.articles),
                                  ("paragraphs", schema.paragraphs), ("removed", schema.removed))
            } | {"problems": conn.execute(select(func.count()).select_from(schema.documents).where(schema.documents.c.status == "problem")).scalar_one()}

    def articles(self) -> Iterator[Article]:
        """Every stored article, rebuilt into the public contract."""
        with self.engine.connect() as conn:
            paras: dict[str, list[str]] = {}
            for aid, _, txt in conn.execute(select(schema.paragraphs).order_by(schema.paragraphs.c.article_id, schema.paragraphs.c.idx)):
                paras.setdefault(aid, []).append(txt)
            rem: dict[str, list[Removed]] = {}
            for aid, _, txt, reason in conn.execute(select(schema.removed).order_by(schema.removed.c.article_id, schema.removed.c.idx)):
                rem.setdefault(aid, []).append(Removed(text=txt, reason=reason))
            for r in conn.execute(select(schema.articles).order_by(schema.articles.c.published, schema.articles.c.id)).mappings():
                yield Article(
                    id=r["id"], source=r["source"], format=r["format"], language=r["language"], url=r["url"],
                    title=r["title"], outlet=r["outlet"], published=r["published"], published_basis=r["published_basis"],
                    authors=r["authors"], dateline=r["dateline"], wire_sources=r["wire_sources"],
                    paragraphs=paras.get(r["id"], []), removed=rem.get(r["id"], []),
                    duplicate_of=r["duplicate_of"], event=r["event"], story=r["story"],
                )

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search (SQLite FTS5, BM25 order) over title and body."""
        if self.dialect != "sqlite":
            raise StoreError("full-text search on this backend arrives with the server option")
        with self.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT article_id, title, snippet(articles_fts, 2, '[', ']', '…', 12) AS snip, bm25(articles_fts) AS score "
                "FROM articles_fts WHERE articles_fts MATCH :q ORDER BY score LIMIT :n"), {"q": query, "n": limit})
            return [dict(r._mapping) for r in rows]


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def open_store(db: str) -> Store:
    return Store(db)
