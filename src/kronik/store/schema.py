"""The relational schema, in SQLAlchemy Core so SQLite and PostgreSQL share it.

``documents`` records every input we have read (a file, or a record of an
export) by content hash: it is what makes ingest idempotent and resumable, and
where per-file problems are kept.  Articles are keyed by their content id, so
the same article read from two files is stored once.

The corpus stages keep their own tables: ``features`` (each article's compact
features, written with the article, so clustering never needs the text again),
``events`` and ``stories`` (what the online clusterer built so far), and
``corpus_state`` (the clusterer's saved state).  An article whose ``event`` is
NULL is stored but not yet clustered: the next corpus pass picks it up, which
keeps the database consistent if a run stops between the two steps.

Annotations have their own tables (``entities``, ``quotes``, ``times``; one
row per mention, in article order through ``seq``) so the API can filter and
aggregate on them with indexes; the old JSON column ``articles.extra`` (kept
so databases of the first release still open) holds ``{"stages": [...]}``, the
labels of the stages that made the annotations (``Article.stages``), or ``{}``.
Input sources are the ``documents`` table (one row per file or export record,
with its content hash and status); the wire services an article cites stay a
JSON list on the article.  Full-text search lives outside this metadata,
because it is dialect-specific: an FTS5 table on SQLite, a table with a
generated ``tsvector`` column on PostgreSQL (see ``migrations``).

The schema changes only through Alembic revisions in ``store/migrations``;
this module must always describe the newest revision.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("content_hash", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(8)),
    Column("encoding", String(16)),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=True, index=True),
    Column("status", String(8), nullable=False),  # 'ok' or 'problem'
    Column("reason", String(64)),
    Column("detail", Text),
    Column("ingested_at", DateTime(timezone=True), server_default=func.now()),
)

articles = Table(
    "articles", metadata,
    Column("id", String(16), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(8), nullable=False),
    Column("language", String(8), index=True),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", String(200), index=True),
    Column("published", String(32), index=True),
    Column("published_basis", String(16)),
    Column("sources", JSON),  # other records listing the same article (migration 0006); NULL: none
    Column("warnings", JSON),  # reader warnings (migration 0006); NULL: none
    Column("authors", JSON, nullable=False),
    Column("dateline", String(200)),
    Column("wire_sources", JSON, nullable=False),
    Column("duplicate_of", String(16)),
    Column("event", String(32), index=True),
    Column("story", String(32), index=True),
    Column("extra", JSON, nullable=False),  # {"stages": [labels of the annotation stages]} or {} (first release kept annotations here)
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
    Column("num", Integer),  # integer key: the FTS5 rowid on SQLite; from a sequence on PostgreSQL
    Index("ux_articles_num", "num", unique=True),
)

entities = Table(
    "entities", metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("paragraph", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("canonical", String(300), nullable=False),
    Column("role", Text),
    Column("auto_canonical", String(300)),  # what the annotation gave, while a correction holds (migration 0007)
    Column("auto_label", String(16)),
    Index("ix_entities_canonical_article", "canonical", "article_id"),
    Index("ix_entities_article_canonical", "article_id", "canonical"),
    Index("ix_entities_auto_canonical", "auto_canonical", sqlite_where=text("auto_canonical IS NOT NULL"),
          postgresql_where=text("auto_canonical IS NOT NULL")),
)

entity_stats = Table(  # per canonical name: articles mentioning it (kept up to date by Store.write_batch)
    "entity_stats", metadata,
    Column("canonical", String(300), primary_key=True),
    Column("label", String(16), nullable=False),  # the label of its first stored mention
    Column("articles", Integer, nullable=False),
    Index("ix_entity_stats_articles", "articles"),
    Index("ix_entity_stats_label_articles", "label", "articles"),
)

quotes = Table(
    "quotes", metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("paragraph", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker", String(300)),
    Column("speaker_text", Text),
    Column("direct", Boolean, nullable=False),
    Column("auto_speaker", String(300)),  # the annotation's speaker, while a correction holds (migration 0007)
    Index("ix_quotes_speaker_article", "speaker", "article_id"),
    Index("ix_quotes_auto_speaker", "auto_speaker", sqlite_where=text("auto_speaker IS NOT NULL"),
          postgresql_where=text("auto_speaker IS NOT NULL")),
)

times = Table(
    "times", metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("paragraph", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(64), index=True),
)

paragraphs = Table(
    "paragraphs", metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("text", Text, nullable=False),
)

removed = Table(
    "removed", metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("reason", String(64), nullable=False),
)

features = Table(
    "features", metadata,
    Column("article_id", String(16), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("data", LargeBinary, nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", String(32), primary_key=True),
    Column("story", String(32), index=True),
    Column("title", Text),
    Column("start", String(32), index=True),
    Column("end", String(32)),
    Column("n_articles", Integer, nullable=False),
    Column("outlets", JSON, nullable=False),
    Column("entities", JSON, nullable=False),
    Column("summary", JSON, nullable=False),
    Column("timeline", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True)),  # set by the corpus pass that last wrote it (migration 0007)
)

stories = Table(
    "stories", metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text),
    Column("start", String(32), index=True),
    Column("end", String(32), index=True),
    Column("n_events", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("events", JSON, nullable=False),
    Column("timeline", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True)),  # set by the corpus pass that last wrote it (migration 0007)
)

story_pages = Table(  # each story's page (API JSON), rebuilt by the corpus pass for the stories it touches
    "story_pages", metadata,
    Column("story_id", String(32), primary_key=True),
    Column("body", Text, nullable=False),
)

entity_overrides = Table(  # curated corrections of entities (kronik.store.overrides), applied on every write
    "entity_overrides", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(16), nullable=False),  # type | merge | unmerge
    Column("name", String(300), nullable=False),
    Column("value", String(300), nullable=False),
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), server_default=func.now()),
    UniqueConstraint("action", "name", "value", name="ux_entity_overrides"),
)

STATE_DELTA_PREFIX = "main+"
"""``corpus_state`` rows named ``main+00000001``... hold the deltas saved after the full blob ``main``."""
STATE_STAMP = "stamp"
"""The ``corpus_state`` row whose data changes with every state written (``Store.corpus_stamp``)."""

corpus_state = Table(
    "corpus_state", metadata,
    Column("name", String(32), primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), server_default=func.now(), onupdate=func.now()),
)
