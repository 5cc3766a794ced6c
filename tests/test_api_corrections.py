"""Curated entity corrections, search order, ``since`` polling, ISO times and Atom feeds over HTTP (issue 16).

The app runs in-process (TestClient) on its own SQLite store with the example corpus, called as the web UI
calls it (loopback host, ``X-Kronik-Request``); the permission rules of writes are checked against a real
``kronik serve`` on loopback with tokens.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kronik.api import create_app
from kronik.store import Store
from ui_helpers import merge_pair, serve

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
LOCAL = {"base_url": "http://127.0.0.1", "headers": {"X-Kronik-Request": "1"}}
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def store_copy(example_db: Path, tmp_path: Path) -> Store:
    """A store of its own (corrections write to it), copied from the example store."""
    db = tmp_path / "kronik.db"
    shutil.copy(example_db, db)
    return Store(str(db))


@pytest.fixture
def client(store_copy: Store, tmp_path: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(create_app(store_copy, data_dir=tmp_path / "data"), **LOCAL) as c:
        yield c


def _mentions(store: Store) -> list[tuple[Any, ...]]:
    """Every stored mention and quote speaker, as the annotation or the corrections left them."""
    with store.engine.connect() as conn:
        ents = conn.exec_driver_sql("SELECT article_id, seq, canonical, label FROM entities ORDER BY 1, 2").all()
        said = conn.exec_driver_sql("SELECT article_id, seq, speaker FROM quotes ORDER BY 1, 2").all()
    return [tuple(r) for r in ents] + [tuple(r) for r in said]


def _entity(client, name: str) -> dict[str, Any] | None:
    hits = client.get("/api/entities", params={"q": name, "limit": 200}).json()["results"]
    return next((e for e in hits if e["name"] == name), None)


def _pair(client) -> tuple[str, str]:
    """Two place names where one is the other with words in front: a merge to make."""
    pair = merge_pair(client.get("/api/entities", params={"type": "LOC", "limit": 200}).json()["results"])
    if pair is None:
        pytest.skip("no pair of place names to merge in this store")
    return pair


def test_type_merge_and_split_change_every_reader_and_undo_restores_the_annotation(client, store_copy: Store) -> None:
    before = _mentions(store_copy)
    short, full = _pair(client)
    short_arts = _entity(client, short)["count"]
    full_hits = client.get("/api/search", params={"entity": full, "limit": 0}).json()["total"]

    # type: every mention of the name gets the label, the entity list and its page say so
    r = client.post("/api/corrections", json={"action": "type", "name": short, "value": "ORG", "note": "test"})
    assert r.status_code == 201, r.text
    assert r.json()["correction"]["action"] == "type" and r.json()["changed"]["mentions"] > 0
    assert _entity(client, short)["type"] == "ORG"
    page = client.get(f"/api/entities/{short}").json()
    assert page["type"] == "ORG" and page["corrections"]["type"]["value"] == "ORG"
    story = client.get("/api/quotes", params={"limit": 1}).json()  # any read still works
    assert story["total"] >= 0

    # merge: the short name's mentions are the full name's now, in lists, search filters and story pages
    r = client.post("/api/corrections", json={"action": "merge", "name": short, "value": full})
    assert r.status_code == 201, r.text
    assert _entity(client, short) is None
    merged = _entity(client, full)
    assert short in merged["aliases"]
    assert client.get("/api/search", params={"entity": full, "limit": 0}).json()["total"] >= max(full_hits, short_arts)
    gone = client.get(f"/api/entities/{short}")
    assert gone.status_code == 404 and "merged into" in gone.json()["detail"]
    assert [c["name"] for c in client.get(f"/api/entities/{full}").json()["corrections"]["merged_from"]] == [short]
    sid = client.get("/api/search", params={"entity": full, "limit": 1}).json()["results"][0]["story"]
    page_names = {e["name"] for e in client.get(f"/api/stories/{sid}").json()["entities"]}
    assert full in page_names and short not in page_names

    # split: mentions written like an alias of the full name become their own entity
    alias = short
    r = client.post("/api/corrections", json={"action": "unmerge", "name": alias, "value": full})
    assert r.status_code == 201, r.text
    listed = client.get("/api/corrections").json()["results"]
    assert [c["action"] for c in listed] == ["type", "unmerge"], "a split replaces the merge of the same pair"
    assert _entity(client, alias) is not None

    for c in reversed(listed):
        assert client.delete(f"/api/corrections/{c['id']}").status_code == 200
    assert client.get("/api/corrections").json()["results"] == []
    assert _mentions(store_copy) == before, "undoing every correction gives back exactly what the annotation said"
    assert client.delete(f"/api/corrections/{listed[0]['id']}").status_code == 404


def test_a_correction_holds_for_articles_stored_and_clustered_after_it(store_copy: Store) -> None:
    from kronik.corpus.features import article_features, dump_features
    from kronik.corpus.incremental import update_store
    from kronik.model import Article, Entity, Quote

    store_copy.correct("merge", *_store_pair(store_copy))
    short, full = _store_pair(store_copy, merged=True)
    text = f"Banjir melanda {short} pada Senin. \"Kami siaga,\" kata {short}."
    art = Article(id="zz-later-0001", source="later.jsonl#1", format="jsonl", title=f"Banjir di {short}",
                  published="2030-01-02T08:00:00+07:00", paragraphs=[text],
                  entities=[Entity(text=short, label="LOC", canonical=short, paragraph=0, start=15,
                                   end=15 + len(short))],
                  quotes=[Quote(text="Kami siaga", speaker=short, speaker_text=short, paragraph=0, direct=True)])
    feats = {art.id: dump_features(article_features(art))}  # computed before storing: names as annotated
    store_copy.write_batch([(None, art)], features=feats)
    stored = next(store_copy.articles([art.id]))
    assert [e.canonical for e in stored.entities] == [full]
    assert [q.speaker for q in stored.quotes] == [full]
    with store_copy.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT auto_canonical FROM entities WHERE article_id = ?",
                                    (art.id,)).scalar() == short
    update_store(store_copy)
    event = next(e for e in store_copy.events() if art.id in e.articles)
    assert short not in event.entities


def _store_pair(store: Store, merged: bool = False) -> tuple[str, str]:
    if merged:
        (short, full), = store.corrections().merges.items()
        return short, full
    with store.engine.connect() as conn:
        names = [{"name": r[0]} for r in conn.exec_driver_sql("SELECT canonical FROM entity_stats WHERE label = 'LOC'")]
    pair = merge_pair(names)
    if pair is None:
        pytest.skip("no pair of place names to merge in this store")
    return pair


@pytest.mark.parametrize("body, status", [
    ({"action": "rename", "name": "Jakarta", "value": "DKI"}, 400),
    ({"action": "type", "name": "Jakarta", "value": "CITY"}, 400),
    ({"action": "type", "name": "Jakarta", "value": "LOC", "extra": 1}, 400),
    ({"action": "merge", "name": "Jakarta", "value": "Jakarta"}, 400),
    ({"action": "merge", "name": "Nobody Here Zz", "value": "Jakarta"}, 404),
    ({"action": "unmerge", "name": "Zzz", "value": "Jakarta"}, 404),
    ({"action": "merge", "name": "", "value": "Jakarta"}, 400),
    ({"action": "merge", "name": "x" * 301, "value": "Jakarta"}, 400),
])
def test_a_correction_that_cannot_be_made_is_refused_with_a_message(client, body: dict, status: int) -> None:
    r = client.post("/api/corrections", json=body)
    assert r.status_code == status, r.text
    assert r.json()["detail"]
    assert client.get("/api/corrections").json()["results"] == []


def test_a_merge_back_would_loop_and_is_refused(client) -> None:
    short, full = _pair(client)
    assert client.post("/api/corrections", json={"action": "merge", "name": full, "value": "Zz Elsewhere"}).status_code == 201
    assert client.post("/api/corrections", json={"action": "merge", "name": short, "value": full}).status_code == 201
    r = client.post("/api/corrections", content=b"not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    r = client.post("/api/corrections", data={"action": "merge"})
    assert r.status_code == 415


def test_correction_writes_follow_the_servers_write_rules(example_db: Path, tmp_path: Path) -> None:
    """A real server on loopback with a write token: reads are open, corrections need the write token; without
    a token or the anti-CSRF header, or from another origin, they are refused and nothing changes."""
    import httpx

    db = tmp_path / "kronik.db"
    shutil.copy(example_db, db)
    token = "w-" + "k" * 30
    with serve(db, tmp_path / "data", args=("--write-rate", "0"), env_extra={"KRONIK_WRITE_TOKEN": token}) as base:
        c = httpx.Client(base_url=base, timeout=30)
        body = {"action": "type", "name": "Jakarta", "value": "ORG"}
        assert c.get("/api/corrections").status_code == 200
        assert c.post("/api/corrections", json=body, headers={"X-Kronik-Request": "1"}).status_code == 401
        wrong = {"Authorization": "Bearer " + "z" * 32}
        assert c.post("/api/corrections", json=body, headers=wrong).status_code == 401
        auth = {"Authorization": f"Bearer {token}"}
        cross = c.post("/api/corrections", json=body, headers={**auth, "Origin": "http://evil.example"})
        assert cross.status_code == 403
        assert c.post("/api/corrections", json=body, headers={**auth, "Host": "evil.example"}).status_code == 400
        assert c.get("/api/corrections").json()["results"] == []
        made = c.post("/api/corrections", json=body, headers=auth)
        assert made.status_code == 201, made.text
        cid = made.json()["correction"]["id"]
        assert c.delete(f"/api/corrections/{cid}", headers={"X-Kronik-Request": "1"}).status_code == 401
        assert c.delete(f"/api/corrections/{cid}", headers=auth).status_code == 200
    with serve(db, tmp_path / "data2", args=("--read-only",)) as base:
        r = httpx.post(f"{base}/api/corrections", json=body, headers={"X-Kronik-Request": "1"}, timeout=30)
        assert r.status_code == 403 and "read-only" in r.json()["detail"]


def test_search_sorts_by_relevance_newest_or_oldest(client) -> None:
    def dates(sort: str) -> list[str]:
        hits = client.get("/api/search", params={"q": "gempa", "sort": sort, "limit": 200}).json()["results"]
        return [h["published"][:19] for h in hits if h["published"]]

    newest, oldest = dates("newest"), dates("oldest")
    assert len(newest) > 2 and newest == sorted(newest, reverse=True) and oldest == sorted(oldest)
    best = client.get("/api/search", params={"q": "gempa", "limit": 200}).json()["results"]
    scores = [h["score"] for h in best]
    assert scores == sorted(scores, reverse=True)
    assert client.get("/api/search", params={"q": "gempa", "sort": "relevance"}).json()["results"] == \
        client.get("/api/search", params={"q": "gempa"}).json()["results"]
    everything = client.get("/api/search", params={"sort": "oldest", "limit": 200}).json()["results"]
    undated = [i for i, h in enumerate(everything) if not h["published"]]
    assert not undated or undated[0] == len(everything) - len(undated), "undated articles come last"
    bad = client.get("/api/search", params={"q": "gempa", "sort": "best"})
    assert bad.status_code == 400 and "sort=" in bad.json()["detail"]
    lines = client.get("/api/export", params={"q": "gempa", "sort": "oldest", "format": "jsonl"}).text.splitlines()
    import json

    exported = [json.loads(x)["published"][:19] for x in lines if json.loads(x)["published"]]
    assert exported == oldest


def test_quotes_filter_by_an_entity_mentioned_in_the_quoted_paragraph(client) -> None:
    rows = client.get("/api/quotes", params={"limit": 200}).json()["results"]
    article = client.get(f"/api/articles/{rows[0]['article']}").json()
    named = [e["canonical"] for e in article["entities"] if e["paragraph"] == rows[0]["paragraph"]]
    if not named:
        pytest.skip("the first quote's paragraph names no entity")
    found = client.get("/api/quotes", params={"entity": named[0], "limit": 200}).json()
    assert found["total"] >= 1
    for q in found["results"]:
        art = client.get(f"/api/articles/{q['article']}").json()
        assert any(e["canonical"] == named[0] and e["paragraph"] == q["paragraph"] for e in art["entities"])
    assert client.get("/api/quotes", params={"entity": "Nobody Zzz"}).json()["total"] == 0
    csv_rows = client.get("/api/quotes/export", params={"entity": named[0]}).text.strip().splitlines()
    assert len(csv_rows) == found["total"] + 1


def test_lists_poll_with_since_and_times_are_iso_with_offsets(client, store_copy: Store) -> None:
    from datetime import datetime

    from kronik.corpus.incremental import update_store

    update_store(store_copy, reset=True)  # a pass of this version: updated_at and datetime spans
    for url in ("/api/stories", "/api/events", "/api/articles"):
        everything = client.get(url, params={"limit": 200}).json()
        assert everything["total"] > 0
        assert client.get(url, params={"since": "2000-01-01"}).json()["total"] == everything["total"], url
        assert client.get(url, params={"since": "2999-01-01T00:00:00+07:00"}).json()["total"] == 0, url
        assert client.get(url, params={"since": "tomorrow"}).status_code == 400, url
    stories = client.get("/api/stories", params={"limit": 200}).json()["results"]
    for s in stories:
        assert datetime.fromisoformat(s["updated_at"]).utcoffset() is not None
    timed = [s for s in stories if s["start"] and "T" in s["start"]]
    assert len(timed) > len(stories) / 2, "stories span datetimes as published, like events"
    for s in timed:
        assert datetime.fromisoformat(s["start"]).utcoffset() is not None
        page = client.get(f"/api/stories/{s['id']}").json()
        assert page["start"] == s["start"] and page["end"] == s["end"]
        assert min(e["start"] for e in page["events"] if e["start"]) == s["start"]


def test_a_story_and_a_saved_search_are_atom_feeds(client) -> None:
    sid = client.get("/api/stories", params={"sort": "coverage", "limit": 1}).json()["results"][0]["id"]
    r = client.get(f"/api/stories/{sid}/atom")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(r.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    story = client.get(f"/api/stories/{sid}").json()
    assert len(entries) == min(50, len(story["articles"]))
    for e in entries:
        link = e.find(f"{ATOM}link").get("href")
        assert link.startswith("http://127.0.0.1/#/article/")
        assert datetime_ok(e.find(f"{ATOM}updated").text)
    assert client.get("/api/stories/nope/atom").status_code == 404

    r = client.get("/api/search/atom", params={"q": "gempa", "language": "id"})
    assert r.status_code == 200
    feed = ET.fromstring(r.content)
    assert "gempa" in feed.find(f"{ATOM}title").text
    got = [e.find(f"{ATOM}link").get("href").rsplit("/", 1)[1] for e in feed.findall(f"{ATOM}entry")]
    newest = client.get("/api/search", params={"q": "gempa", "language": "id", "sort": "newest", "limit": 50}).json()
    assert got == [h["id"] for h in newest["results"]]
    assert all("[[" not in (e.findtext(f"{ATOM}summary") or "") for e in feed.findall(f"{ATOM}entry"))
    assert client.get("/api/search/atom", params={"from": "kemarin"}).status_code == 400


def datetime_ok(value: str | None) -> bool:
    from datetime import datetime

    return value is not None and datetime.fromisoformat(value).utcoffset() is not None


def test_openapi_documents_the_new_endpoints(client) -> None:
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    ok = paths["/api/corrections"]["post"]["responses"]["201"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/CorrectionResult"}
    assert paths["/api/corrections"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == \
        {"$ref": "#/components/schemas/CorrectionList"}
    assert "delete" in paths["/api/corrections/{correction_id}"]
    assert "application/atom+xml" in paths["/api/stories/{story_id}/atom"]["get"]["responses"]["200"]["content"]
    assert "application/atom+xml" in paths["/api/search/atom"]["get"]["responses"]["200"]["content"]
    for path in ("/api/stories", "/api/events", "/api/articles", "/api/quotes"):
        assert "since" in {p["name"] for p in paths[path]["get"]["parameters"]}, path
    assert "sort" in {p["name"] for p in paths["/api/search"]["get"]["parameters"]}
    schemas = doc["components"]["schemas"]
    assert "PER" in schemas["Entity"]["properties"]["type"]["description"]
    from kronik.api import models

    models.EntityDetail.model_validate(client.get("/api/entities/Jakarta").json())
    models.EventList.model_validate(client.get("/api/events", params={"limit": 200}).json())
    models.ArticleList.model_validate(client.get("/api/articles", params={"limit": 200}).json())
    models.CorrectionList.model_validate(client.get("/api/corrections").json())


def test_corrections_on_postgresql(pg_url: str, corpus_dir: Path, tmp_path: Path) -> None:
    """The same corrections on PostgreSQL (migration 0007 there, the same SQL): applied, read back, undone."""
    from fastapi.testclient import TestClient

    from kronik.corpus.incremental import update_store
    from kronik.ingest import ingest

    store = Store(pg_url)
    ingest([corpus_dir], store)
    before = _mentions(store)
    with TestClient(create_app(store, data_dir=tmp_path / "data"), **LOCAL) as client:
        short, full = _pair(client)
        assert client.post("/api/corrections", json={"action": "type", "name": full, "value": "ORG"}).status_code == 201
        assert client.post("/api/corrections", json={"action": "merge", "name": short, "value": full}).status_code == 201
        merged = _entity(client, full)
        assert merged["type"] == "ORG" and short in merged["aliases"] and _entity(client, short) is None
        update_store(store)  # a later pass keeps them
        assert _entity(client, short) is None
        stories = client.get("/api/stories", params={"since": "2000-01-01", "limit": 200}).json()
        assert stories["total"] > 0 and all(s["updated_at"] for s in stories["results"])
        for c in reversed(client.get("/api/corrections").json()["results"]):
            assert client.delete(f"/api/corrections/{c['id']}").status_code == 200
    assert _mentions(store) == before


def test_one_label_vocabulary_with_the_uis_words_accepted(client) -> None:
    places = client.get("/api/entities", params={"type": "LOC", "limit": 200}).json()
    assert places["total"] > 0 and {e["type"] for e in places["results"]} == {"LOC"}
    for word in ("place", "Place", "loc"):
        assert client.get("/api/entities", params={"type": word, "limit": 200}).json() == places, word
    labels = {e["type"] for e in client.get("/api/entities", params={"limit": 200}).json()["results"]}
    assert labels <= {"PER", "ORG", "LOC", "MISC"}
    r = client.post("/api/corrections", json={"action": "type", "name": places["results"][0]["name"], "value": "organisation"})
    assert r.status_code == 201 and r.json()["correction"]["value"] == "ORG"
