"""Articles keep every record that listed them (``sources``) and the reader's ``warnings``;
``published_basis`` is wide enough for its new values (``export``, ``url``, ``ambiguous``).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy: SQLite would have to rebuild `articles`, which other tables reference).
    op.add_column("articles", sa.Column("sources", sa.JSON, nullable=True))
    op.add_column("articles", sa.Column("warnings", sa.JSON, nullable=True))
    if op.get_bind().dialect.name != "sqlite":  # SQLite does not enforce VARCHAR lengths
        op.alter_column("articles", "published_basis", type_=sa.String(16), existing_type=sa.String(8))


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("articles", "published_basis", type_=sa.String(8), existing_type=sa.String(16))
    op.drop_column("articles", "warnings")
    op.drop_column("articles", "sources")
