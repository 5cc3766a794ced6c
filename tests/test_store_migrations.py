"""Schema migrations: a new store is built by the Alembic revisions, a first-release store upgrades in place."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, inspect

from kronik.store import Store
from kronik.store.migrate import current_revision, downgrade, head_revision, upgrade
from kronik.store.search import SearchQuery, search

OLD = Path(__file__).parent / "data" / "store_v0.sql"


def _old_store(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript(OLD.read_text("utf-8"))
    con.commit()
    con.close()


def test_store_migrations_new_sqlite_is_at_head(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "k.db"))
    assert current_revision(store.engine) == head_revision()
    tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "entities", "quotes", "times", "paragraphs", "documents", "events", "stories",
            "search_fts", "alembic_version"} <= tables
    assert "articles_fts" not in tables


def test_store_migrations_first_release_db_upgrades(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    _old_store(db)
    con = sqlite3.connect(db)
    extra = {aid: json.loads(x) for aid, x in con.execute("SELECT id, extra FROM articles")}
    con.close()
    assert current_revision(create_engine(f"sqlite:///{db}")) is None

    store = Store(str(db))  # opening upgrades: stamp the baseline, then 0002
    assert current_revision(store.engine) == head_revision()
    arts = {a.id: a for a in store.articles()}
    assert set(arts) == set(extra)
    for aid, ex in extra.items():  # the JSON annotations now come back from their tables, unchanged
        a = arts[aid]
        assert [e.model_dump() for e in a.entities] == ex["entities"]
        assert [q.model_dump() for q in a.quotes] == ex["quotes"]
        assert [t.model_dump() for t in a.times] == ex["times"]
        assert a.quotes and a.entities
    # the old unstemmed FTS table was replaced by the stemmed index, filled from the stored text
    hits = search(store, SearchQuery(q="berdialog"))
    assert hits["total"] >= 1 and "[[" in hits["results"][0]["snippet"]
    assert upgrade(store.engine) == head_revision()  # idempotent


def test_store_migrations_downgrade_to_baseline_and_back(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    store = Store(str(db))
    downgrade(store.engine, "0001")
    assert current_revision(store.engine) == "0001"
    assert "entities" not in inspect(store.engine).get_table_names()
    Store(str(db))
    assert current_revision(store.engine) == head_revision()


def test_store_migrations_postgresql_is_at_head(pg_url: str) -> None:
    store = Store(pg_url)
    assert current_revision(store.engine) == head_revision()
    tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "entities", "quotes", "times", "search_docs"} <= tables
