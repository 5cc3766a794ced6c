"""The home page's endpoints (issue 16): ``/api/today``, the biggest events of the store's latest day, and
``/api/facets``, the choices of its filters."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def client(example_db: Path):
    from fastapi.testclient import TestClient

    from kronik.api.app import create_app

    return TestClient(create_app(str(example_db)), base_url="http://127.0.0.1:8000")


def test_today_is_the_latest_day_with_its_biggest_events_first(client) -> None:
    from kronik.store import schema

    body = client.get("/api/today?limit=3").json()
    with client.app.state.store.engine.connect() as conn:
        starts = [r[0] for r in conn.execute(schema.events.select().with_only_columns(schema.events.c.start)) if r[0]]
    assert body["day"] == max(starts)[:10]
    assert 0 < len(body["results"]) <= 3
    sizes = [(e["n_articles"], e["n_outlets"]) for e in body["results"]]
    assert sizes == sorted(sizes, reverse=True)
    for e in body["results"]:
        assert (e["end"] or e["start"])[:10] >= body["day"]
        if e["lead"]:
            assert e["lead"]["text"] and "language" in e["lead"]


def test_today_bounds_its_limit(client) -> None:
    assert client.get("/api/today?limit=51").status_code == 400
    assert client.get("/api/today?limit=0").json()["results"] == []


def test_facets_count_every_article_by_outlet_and_language(client) -> None:
    """The home page's filter choices: the same counts an empty search's facets give, without the search."""
    facets = client.get("/api/facets").json()
    full = client.get("/api/search?limit=0").json()["facets"]
    for key in ("outlet", "language"):
        assert {f["value"]: f["count"] for f in facets[key]} == {f["value"]: f["count"] for f in full[key]}
