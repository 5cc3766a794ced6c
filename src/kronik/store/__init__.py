"""Storage: SQLAlchemy schema, SQLite (default, with FTS5) and PostgreSQL."""

from kronik.store.db import Store, open_store

__all__ = ["Store", "open_store"]
