"""Schema migrations, run programmatically: every Store open brings its database to the newest revision.

* A new (empty) database is built by running every revision from the baseline, so a fresh store and an
  upgraded one have exactly the same schema (one path, tested both ways).
* A database of the first release (tables present, no ``alembic_version``) is stamped at the baseline
  revision ``0001`` first, then upgraded.
* An up-to-date database costs one ``SELECT`` on ``alembic_version`` (no Alembic machinery is loaded).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, inspect, text

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001"


def alembic_config(url: str | None = None) -> object:
    """An Alembic ``Config`` pointing at the packaged migrations (for ``kronik db`` commands and tests)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


@lru_cache(maxsize=1)
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()  # type: ignore[arg-type]
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def downgrade(engine: Engine, revision: str) -> None:
    """Go back to an older revision (tests and operators; annotations dropped with their tables are lost)."""
    from alembic import command

    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn  # type: ignore[attr-defined]
        command.downgrade(cfg, revision)  # type: ignore[arg-type]


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Bring the database to ``revision`` (default: newest); returns the revision it was at before."""
    before = current_revision(engine)
    if revision == "head" and before == head_revision():
        return before
    from alembic import command

    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn  # type: ignore[attr-defined]
        if before is None and inspect(conn).has_table("articles"):
            command.stamp(cfg, BASELINE)  # type: ignore[arg-type]
        command.upgrade(cfg, revision)  # type: ignore[arg-type]
    return before
