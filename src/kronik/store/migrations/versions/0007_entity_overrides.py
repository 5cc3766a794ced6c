"""Curated corrections of entities (``entity_overrides``: a name's type, a merge of two names, an alias split
off a name), applied to stored mentions and quote speakers and to every later write; the values the
annotation gave are kept beside the corrected ones (``auto_*``, NULL while uncorrected), so removing a
correction restores them.  Stories and events get ``updated_at`` (set by each corpus pass that rewrites
them) for ``since`` polling.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_overrides",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("value", sa.String(300), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("action", "name", "value", name="ux_entity_overrides"),
    )
    # plain ADD COLUMN (no table copy); NULL for every existing row: nothing corrected yet
    op.add_column("entities", sa.Column("auto_canonical", sa.String(300), nullable=True))
    op.add_column("entities", sa.Column("auto_label", sa.String(16), nullable=True))
    op.add_column("quotes", sa.Column("auto_speaker", sa.String(300), nullable=True))
    # partial: only corrected rows are indexed (empty on a store without corrections)
    op.create_index("ix_entities_auto_canonical", "entities", ["auto_canonical"],
                    sqlite_where=sa.text("auto_canonical IS NOT NULL"),
                    postgresql_where=sa.text("auto_canonical IS NOT NULL"))
    op.create_index("ix_quotes_auto_speaker", "quotes", ["auto_speaker"],
                    sqlite_where=sa.text("auto_speaker IS NOT NULL"),
                    postgresql_where=sa.text("auto_speaker IS NOT NULL"))
    op.add_column("stories", sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("events", sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("events", "updated_at")
    op.drop_column("stories", "updated_at")
    op.drop_index("ix_quotes_auto_speaker", "quotes")
    op.drop_index("ix_entities_auto_canonical", "entities")
    op.drop_column("quotes", "auto_speaker")
    op.drop_column("entities", "auto_label")
    op.drop_column("entities", "auto_canonical")
    op.drop_table("entity_overrides")
