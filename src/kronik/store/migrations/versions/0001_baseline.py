"""Baseline: the schema of the first release (documents, articles with annotations as JSON, paragraphs,
removed, features, events, stories, corpus_state; FTS5 on SQLite).

Databases created by that release have no ``alembic_version`` table: the Store stamps them at this
revision and upgrades them from here.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.String(200), index=True),
        sa.Column("published", sa.String(32), index=True),
        sa.Column("published_basis", sa.String(8)),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("dateline", sa.String(200)),
        sa.Column("wire_sources", sa.JSON, nullable=False),
        sa.Column("duplicate_of", sa.String(16)),
        sa.Column("event", sa.String(32), index=True),
        sa.Column("story", sa.String(32), index=True),
        sa.Column("extra", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "documents",
        sa.Column("content_hash", sa.String(32), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("format", sa.String(8)),
        sa.Column("encoding", sa.String(16)),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=True, index=True),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("reason", sa.String(64)),
        sa.Column("detail", sa.Text),
        sa.Column("ingested_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "paragraphs",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "removed",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
    )
    op.create_table(
        "features",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("story", sa.String(32), index=True),
        sa.Column("title", sa.Text),
        sa.Column("start", sa.String(32), index=True),
        sa.Column("end", sa.String(32)),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("outlets", sa.JSON, nullable=False),
        sa.Column("entities", sa.JSON, nullable=False),
        sa.Column("summary", sa.JSON, nullable=False),
        sa.Column("timeline", sa.JSON, nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text),
        sa.Column("start", sa.String(32), index=True),
        sa.Column("end", sa.String(32)),
        sa.Column("n_events", sa.Integer, nullable=False),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("events", sa.JSON, nullable=False),
        sa.Column("timeline", sa.JSON, nullable=False),
    )
    op.create_table(
        "corpus_state",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                   "article_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for name in ("corpus_state", "stories", "events", "features", "removed", "paragraphs", "documents", "articles"):
        op.drop_table(name)
