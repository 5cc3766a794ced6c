"""Alembic migrations of the store (run programmatically by :class:`kronik.store.db.Store`)."""
