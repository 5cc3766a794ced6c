"""Story pages stored by the corpus pass (``story_pages``): a story page is then one row to read.

Existing stores get every story's page computed here.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_pages",
        sa.Column("story_id", sa.String(32), primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
    )
    from kronik.store.queries import refresh_story_pages

    bind = op.get_bind()
    stories = sa.table("stories", sa.column("id"))
    refresh_story_pages(bind, [r[0] for r in bind.execute(sa.select(stories.c.id))])


def downgrade() -> None:
    op.drop_table("story_pages")
