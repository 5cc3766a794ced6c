"""An integer key per article (``articles.num``) and a contentless FTS5 index keyed by it (SQLite).

The FTS5 table of 0002 stored the stemmed text a second time and answered every match with a text id
read from its content table; now ``search_fts`` is contentless (``content=''``) with ``rowid = num``:
half the size, and a match costs no content lookup.  ``num`` also lets the search keep compact
in-memory columns per article (see :mod:`kronik.store.search`).  On PostgreSQL ``num`` comes from a
sequence (concurrent writers never collide).  Also a covering index (article_id, canonical) on
``entities`` for the entity facet of a page of hits.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE_FTS = ("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
              "title, body, content='', tokenize = 'unicode61 remove_diacritics 2')")


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("articles", sa.Column("num", sa.Integer))
    if bind.dialect.name == "sqlite":
        op.execute("UPDATE articles SET num = rowid")
    else:
        op.execute("CREATE SEQUENCE IF NOT EXISTS articles_num_seq")
        op.execute("UPDATE articles SET num = nextval('articles_num_seq')")
        op.execute("ALTER TABLE articles ALTER COLUMN num SET DEFAULT nextval('articles_num_seq')")
    op.create_index("ux_articles_num", "articles", ["num"], unique=True)
    op.create_index("ix_entities_article_canonical", "entities", ["article_id", "canonical"])
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.execute(SQLITE_FTS)
        _reindex(bind)


def _reindex(bind: sa.engine.Connection) -> None:
    from kronik.store.search import index_row

    arts = sa.table("articles", sa.column("id"), sa.column("num"), sa.column("title"))
    pars = sa.table("paragraphs", sa.column("article_id"), sa.column("idx"), sa.column("text"))
    batch: list[dict[str, object]] = []
    cur_id, cur_num, cur_title, cur_body = None, None, None, []  # type: ignore[var-annotated]
    q = (sa.select(arts.c.id, arts.c.num, arts.c.title, pars.c.text)
         .select_from(arts.outerjoin(pars, pars.c.article_id == arts.c.id)).order_by(arts.c.id, pars.c.idx))
    ins = sa.text("INSERT INTO search_fts(rowid, title, body) VALUES (:num, :title, :body)")

    def flush_one() -> None:
        if cur_id is not None:
            row = index_row(cur_id, cur_title, cur_body)
            batch.append({"num": cur_num, "title": row["title"], "body": row["body"]})

    for aid, num, title, txt in bind.execute(q):
        if aid != cur_id:
            flush_one()
            if len(batch) >= 2000:
                bind.execute(ins, batch)
                batch.clear()
            cur_id, cur_num, cur_title, cur_body = aid, num, title, []
        if txt is not None:
            cur_body.append(txt)
    flush_one()
    if batch:
        bind.execute(ins, batch)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.execute("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
                   "article_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')")
        from kronik.store.search import index_row

        arts = sa.table("articles", sa.column("id"), sa.column("title"))
        pars = sa.table("paragraphs", sa.column("article_id"), sa.column("idx"), sa.column("text"))
        body: dict[str, list[str]] = {}
        for aid, txt in bind.execute(sa.select(pars.c.article_id, pars.c.text).order_by(pars.c.article_id, pars.c.idx)):
            body.setdefault(aid, []).append(txt)
        rows = [index_row(aid, t, body.get(aid, [])) for aid, t in bind.execute(sa.select(arts.c.id, arts.c.title))]
        if rows:
            bind.execute(sa.text("INSERT INTO search_fts(article_id, title, body) VALUES (:article_id, :title, :body)"), rows)
    op.drop_index("ix_entities_article_canonical", "entities")
    op.drop_index("ux_articles_num", "articles")
    with op.batch_alter_table("articles") as b:
        b.drop_column("num")
    if bind.dialect.name != "sqlite":
        op.execute("DROP SEQUENCE IF EXISTS articles_num_seq")
