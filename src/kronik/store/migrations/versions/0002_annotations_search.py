"""Annotation tables (entities, quotes, times), filter indexes, and a stemmed full-text index.

* ``entities``/``quotes``/``times`` get one row per mention (copied here from the JSON column
  ``articles.extra`` that the first release used, which is then emptied).
* Search indexes stemmed text (:mod:`kronik.lang.id.stemmer`), so ``berdialog`` finds ``dialog``:
  on SQLite the FTS5 table ``search_fts`` (replacing the unstemmed ``articles_fts``), on PostgreSQL
  the table ``search_docs`` with a generated ``tsvector`` column (config ``simple`` over our stems)
  and a GIN index.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_FTS = ("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
              "article_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')")
PG_SEARCH = (
    "CREATE TABLE IF NOT EXISTS search_docs ("
    " article_id VARCHAR(16) PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
    " title TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',"
    " tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') ||"
    " setweight(to_tsvector('simple', body), 'B')) STORED)"
)


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("canonical", sa.String(300), nullable=False),
        sa.Column("role", sa.Text),
    )
    op.create_index("ix_entities_canonical_article", "entities", ["canonical", "article_id"])
    op.create_table(
        "quotes",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("speaker", sa.String(300)),
        sa.Column("speaker_text", sa.Text),
        sa.Column("direct", sa.Boolean, nullable=False),
    )
    op.create_index("ix_quotes_speaker_article", "quotes", ["speaker", "article_id"])
    op.create_table(
        "times",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("value", sa.String(64)),
    )
    op.create_index("ix_times_value", "times", ["value"])
    op.create_index("ix_articles_language", "articles", ["language"])
    op.create_index("ix_stories_end", "stories", ["end"])

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
        op.execute(SQLITE_FTS)
    else:
        op.execute(PG_SEARCH)
        op.execute("CREATE INDEX IF NOT EXISTS ix_search_docs_tsv ON search_docs USING GIN (tsv)")
    _copy_annotations(bind)
    _index_search(bind)


def _copy_annotations(bind: Any) -> None:
    """Move the first release's JSON annotations into their tables, then empty the JSON."""
    arts = sa.table("articles", sa.column("id"), sa.column("extra", sa.JSON))
    ent = sa.table("entities", *(sa.column(c) for c in ("article_id", "seq", "paragraph", "start", "end", "text",
                                                         "label", "canonical", "role")))
    quo = sa.table("quotes", *(sa.column(c) for c in ("article_id", "seq", "paragraph", "text", "speaker",
                                                       "speaker_text", "direct")))
    tim = sa.table("times", *(sa.column(c) for c in ("article_id", "seq", "paragraph", "start", "end", "text",
                                                      "type", "value")))
    rows = list(bind.execute(sa.select(arts.c.id, arts.c.extra)))
    for aid, extra in rows:
        if isinstance(extra, str):
            extra = json.loads(extra)
        extra = extra or {}
        es = [{"article_id": aid, "seq": i, "paragraph": e["paragraph"], "start": e["start"], "end": e["end"],
               "text": e["text"], "label": e.get("label") or e.get("type") or "MISC", "canonical": e["canonical"],
               "role": e.get("role")} for i, e in enumerate(extra.get("entities", []))]
        qs = [{"article_id": aid, "seq": i, "paragraph": q["paragraph"], "text": q["text"], "speaker": q.get("speaker"),
               "speaker_text": q.get("speaker_text"), "direct": bool(q.get("direct", True))}
              for i, q in enumerate(extra.get("quotes", []))]
        ts = [{"article_id": aid, "seq": i, "paragraph": t["paragraph"], "start": t["start"], "end": t["end"],
               "text": t["text"], "type": t["type"], "value": t.get("value")} for i, t in enumerate(extra.get("times", []))]
        for table, batch in ((ent, es), (quo, qs), (tim, ts)):
            if batch:
                bind.execute(table.insert(), batch)
    if rows:
        bind.execute(arts.update().values(extra={}))


def _index_search(bind: Any) -> None:
    """Index every stored article's stemmed title and body."""
    from kronik.store.search import index_row

    arts = sa.table("articles", sa.column("id"), sa.column("title"))
    pars = sa.table("paragraphs", sa.column("article_id"), sa.column("idx"), sa.column("text"))
    body: dict[str, list[str]] = {}
    for aid, txt in bind.execute(sa.select(pars.c.article_id, pars.c.text).order_by(pars.c.article_id, pars.c.idx)):
        body.setdefault(aid, []).append(txt)
    rows = [index_row(aid, title, body.get(aid, [])) for aid, title in bind.execute(sa.select(arts.c.id, arts.c.title))]
    if not rows:
        return
    sql = ("INSERT INTO search_fts(article_id, title, body) VALUES (:article_id, :title, :body)"
           if bind.dialect.name == "sqlite" else
           "INSERT INTO search_docs(article_id, title, body) VALUES (:article_id, :title, :body)")
    bind.execute(sa.text(sql), rows)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.execute("CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                   "article_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')")
    else:
        op.execute("DROP TABLE IF EXISTS search_docs")
    op.drop_index("ix_stories_end", "stories")
    op.drop_index("ix_articles_language", "articles")
    for name in ("times", "quotes", "entities"):
        op.drop_table(name)
