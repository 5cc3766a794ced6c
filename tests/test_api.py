"""The JSON API over both back-ends (SQLite and a real PostgreSQL server), in-process through TestClient.

The read tests share one store per back-end holding the example corpus; the write tests (uploads,
clustering) get an empty store of their own.
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kronik.api import create_app
from kronik.api.app import CSP
from kronik.api.jobs import safe_name
from kronik.ingest import ingest
from kronik.store import Store

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

BACKENDS = ["sqlite", "postgresql"]
LOCAL = {"base_url": "http://127.0.0.1", "headers": {"X-Kronik-Request": "1"}}
"""A client on loopback, as the web UI calls it (its writes carry the anti-CSRF header)."""


def _store(backend: str, tmp: Path, request: pytest.FixtureRequest) -> Store:
    if backend == "sqlite":
        return Store(str(tmp / "kronik.db"))
    server = request.getfixturevalue("pg_server")
    return Store(server.create_database())


@pytest.fixture(scope="module", params=BACKENDS)
def corpus_client(request: pytest.FixtureRequest, corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    from fastapi.testclient import TestClient

    tmp = tmp_path_factory.mktemp(f"api-{request.param}")
    store = _store(request.param, tmp, request)
    ingest([corpus_dir], store)
    with TestClient(create_app(store, data_dir=tmp / "data"), **LOCAL) as client:
        client.store = store  # type: ignore[attr-defined]
        yield client


@pytest.fixture(params=BACKENDS)
def empty_client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator:
    from fastapi.testclient import TestClient

    store = _store(request.param, tmp_path, request)
    with TestClient(create_app(store, data_dir=tmp_path / "data", max_upload_bytes=200_000, keep_uploads=True),
                    **LOCAL) as client:
        client.data_dir = tmp_path / "data"  # type: ignore[attr-defined]
        yield client


def _ok(client, url: str, **params) -> dict:
    r = client.get(url, params=params)
    assert r.status_code == 200, (url, r.text)
    return r.json()


# --------------------------------------------------------------------------- read

def test_api_stats_and_security_headers(corpus_client) -> None:
    r = corpus_client.get("/api/stats")
    assert r.json() == {"articles": 92, "events": r.json()["events"], "stories": r.json()["stories"],
                        "outlets": r.json()["outlets"], "documents": 92, "problems": 0}
    assert r.json()["stories"] > 5 and r.json()["outlets"] > 5
    for url in ("/api/stats", "/", "/api/stories/st-nope", "/openapi.json", "/nope"):
        resp = corpus_client.get(url)
        assert resp.headers["content-security-policy"] == CSP, url
        assert resp.headers["x-content-type-options"] == "nosniff", url
    assert "text/html" in corpus_client.get("/").headers["content-type"]
    assert "/api/search" in corpus_client.get("/openapi.json").json()["paths"]


def test_api_stories_newest_first_paginated(corpus_client) -> None:
    page = _ok(corpus_client, "/api/stories", limit=5)
    assert page["limit"] == 5 and page["offset"] == 0 and len(page["results"]) == 5
    ends = [s["end"] for s in page["results"]]
    assert ends == sorted(ends, reverse=True)
    nxt = _ok(corpus_client, "/api/stories", limit=5, offset=5)
    assert {s["id"] for s in nxt["results"]}.isdisjoint(s["id"] for s in page["results"])
    assert nxt["total"] == page["total"]
    s = page["results"][0]
    assert set(s) == {"id", "title", "start", "end", "n_events", "n_articles", "outlets", "lead", "updated_at"}
    assert 0 < sum(o["count"] for o in s["outlets"]) <= s["n_articles"]
    assert corpus_client.get("/api/stories", params={"limit": 500}).status_code == 400
    word = s["title"].split()[0]
    assert any(x["id"] == s["id"] for x in _ok(corpus_client, "/api/stories", q=word.lower(), limit=200)["results"])


def test_api_story_page(corpus_client) -> None:
    stories = _ok(corpus_client, "/api/stories", limit=200)["results"]
    sid = max(stories, key=lambda s: s["n_articles"])["id"]
    st = _ok(corpus_client, f"/api/stories/{sid}")
    assert {"id", "title", "start", "end", "n_events", "n_articles", "events", "timeline", "entities",
            "quotes_by_speaker", "coverage", "articles"} <= set(st)
    assert len(st["events"]) == st["n_events"] and len(st["articles"]) == st["n_articles"]
    ev = st["events"][0]
    assert {"id", "title", "start", "end", "n_articles", "summary", "timeline", "entities", "outlets"} <= set(ev)
    assert st["entities"] and {"name", "type", "count"} == set(st["entities"][0])
    assert st["quotes_by_speaker"], "the biggest story quotes someone"
    q = st["quotes_by_speaker"][0]
    assert q["count"] >= len(q["quotes"]) and {"text", "article", "paragraph"} <= set(q["quotes"][0])
    assert sum(c["count"] for c in st["coverage"]) == sum(1 for a in st["articles"] if a["outlet"])
    assert {"id", "title", "outlet", "published", "event", "duplicate_of"} == set(st["articles"][0])


def test_api_events_and_event_page(corpus_client) -> None:
    sid = _ok(corpus_client, "/api/stories", limit=1)["results"][0]["id"]
    evs = _ok(corpus_client, "/api/events", story=sid, limit=200)
    assert evs["total"] == len(evs["results"]) > 0 and all(e["story"] == sid for e in evs["results"])
    eid = evs["results"][0]["id"]
    ev = _ok(corpus_client, f"/api/events/{eid}")
    assert ev["id"] == eid and ev["story"] == sid and len(ev["articles"]) == ev["n_articles"]
    assert {"summary", "timeline", "entities", "quotes_by_speaker", "coverage"} <= set(ev)
    arts = _ok(corpus_client, "/api/articles", event=eid, limit=200)
    assert {a["id"] for a in arts["results"]} == {a["id"] for a in ev["articles"]}


def test_api_articles_list_and_article(corpus_client) -> None:
    page = _ok(corpus_client, "/api/articles", limit=10)
    assert page["total"] == 92 and len(page["results"]) == 10
    assert set(page["results"][0]) == {"id", "title", "outlet", "published", "language", "event", "story", "duplicate_of"}
    outlet = next(a["outlet"] for a in page["results"] if a["outlet"])
    by_outlet = _ok(corpus_client, "/api/articles", outlet=outlet, limit=200)["results"]
    assert by_outlet and all(a["outlet"] == outlet for a in by_outlet)
    aid = page["results"][0]["id"]
    art = _ok(corpus_client, f"/api/articles/{aid}")
    assert art == next(corpus_client.store.articles([aid])).model_dump()
    with_ents = next(a for a in corpus_client.store.articles() if a.entities and a.quotes and a.times)
    art = _ok(corpus_client, f"/api/articles/{with_ents.id}")
    e = art["entities"][0]
    assert art["paragraphs"][e["paragraph"]][e["start"]:e["end"]] == e["text"]


@pytest.mark.parametrize("url", ["/api/stories/st-missing", "/api/events/ev-missing", "/api/articles/0000000000000000",
                                 "/api/entities/Nobody%20Here", "/api/jobs/nojob", "/api/nothing"])
def test_api_unknown_ids_are_404(corpus_client, url: str) -> None:
    r = corpus_client.get(url)
    assert r.status_code == 404 and "detail" in r.json()


def test_api_search_stemmed_both_ways(corpus_client) -> None:
    a = _ok(corpus_client, "/api/search", q="berdialog")
    b = _ok(corpus_client, "/api/search", q="dialog")
    assert a["total"] == b["total"] > 0
    assert {r["id"] for r in a["results"]} == {r["id"] for r in b["results"]}
    top = a["results"][0]
    assert set(top) == {"id", "title", "outlet", "published", "language", "event", "story", "story_title", "snippet", "score"}
    assert "[[dialog]]" in top["snippet"].lower() or "[[berdialog]]" in top["snippet"].lower()
    scores = [r["score"] for r in a["results"]]
    assert scores == sorted(scores, reverse=True)
    assert set(a["facets"]) == {"outlet", "language", "story", "entity"}
    assert sum(f["count"] for f in a["facets"]["outlet"]) == a["total"]
    assert all("label" in f for f in a["facets"]["story"])


def test_api_search_filters_and_pagination(corpus_client) -> None:
    full = _ok(corpus_client, "/api/search", q="pemerintah", limit=200)
    assert full["total"] == len(full["results"]) > 10
    p1 = _ok(corpus_client, "/api/search", q="pemerintah", limit=5)
    p2 = _ok(corpus_client, "/api/search", q="pemerintah", limit=5, offset=5)
    assert [r["id"] for r in p1["results"] + p2["results"]] == [r["id"] for r in full["results"][:10]]
    assert p1["total"] == p2["total"] == full["total"]
    hit = full["results"][0]
    for key in ("outlet", "language", "event", "story"):
        if hit[key]:
            res = _ok(corpus_client, "/api/search", q="pemerintah", limit=200, **{key: hit[key]})
            assert res["results"] and all(r[key] == hit[key] for r in res["results"]), key
    day = hit["published"][:10]
    dated = _ok(corpus_client, "/api/search", q="pemerintah", limit=200, **{"from": day, "to": day})["results"]
    assert dated and all(r["published"][:10] == day for r in dated)
    ent = full["facets"]["entity"][0]
    res = _ok(corpus_client, "/api/search", q="pemerintah", entity=ent["value"], limit=200)
    assert res["total"] == ent["count"]
    speaker = _ok(corpus_client, "/api/quotes", limit=1)["results"][0]["speaker"]
    res = _ok(corpus_client, "/api/search", speaker=speaker, limit=200)
    quoted = {q["article"] for q in _ok(corpus_client, "/api/quotes", speaker=speaker, limit=200)["results"]}
    assert {r["id"] for r in res["results"]} == quoted
    assert _ok(corpus_client, "/api/search", q="zzzqqxx")["total"] == 0
    assert _ok(corpus_client, "/api/search", q='"kapal barang" -zzzqqxx')["total"] > 0


def test_api_entities_and_quotes(corpus_client) -> None:
    page = _ok(corpus_client, "/api/entities", limit=5)
    top = page["results"][0]
    assert set(top) == {"name", "type", "count", "aliases"} and page["total"] > 5
    people = _ok(corpus_client, "/api/entities", type="PER", limit=50)["results"]
    assert people and all(e["type"] == "PER" for e in people)
    ent = _ok(corpus_client, f"/api/entities/{top['name']}")
    assert ent["count"] == top["count"] and ent["mentions_over_time"] and ent["related"]
    assert {"name", "type", "count"} == set(ent["related"][0])
    assert len(ent["articles"]) == min(50, ent["count"])
    speaker = _ok(corpus_client, "/api/quotes", limit=1)["results"][0]["speaker"]
    quotes = _ok(corpus_client, "/api/quotes", speaker=speaker, limit=200)
    assert quotes["total"] == len(quotes["results"]) and all(q["speaker"] == speaker for q in quotes["results"])
    assert set(quotes["results"][0]) == {"text", "speaker", "article", "paragraph", "headline", "outlet", "published",
                                         "story", "language"}


def test_api_export_formats(corpus_client) -> None:
    import pyarrow.parquet as pq

    r = corpus_client.get("/api/export", params={"format": "jsonl", "q": "dialog"})
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert r.status_code == 200 and len(lines) == _ok(corpus_client, "/api/search", q="dialog")["total"]
    assert set(lines[0]) >= {"id", "paragraphs", "entities", "quotes", "times"}
    r = corpus_client.get("/api/export", params={"format": "csv"})
    assert r.text.splitlines()[0].startswith("id,title,outlet") and "attachment" in r.headers["content-disposition"]
    r = corpus_client.get("/api/export", params={"format": "parquet", "outlet": lines[0]["outlet"]})
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows >= 1 and "entities" in table.column_names
    assert corpus_client.get("/api/export", params={"format": "xml"}).status_code == 400


# --------------------------------------------------------------------------- write

def _wait(client, job_id: str, timeout: float = 60) -> dict:
    end = time.time() + timeout
    while time.time() < end:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError("job did not finish")


XSS_ARTICLE = """<script>alert('judul')</script> Banjir Rendam Kampung Melayu

JAKARTA, KOMPAS.com - Banjir merendam ratusan rumah di Kampung Melayu, Jakarta Timur, Senin (1/2/2021). <img src=x onerror=alert(1)> Warga mulai mengungsi ke masjid terdekat.

"Air naik sejak subuh, kami belum sempat menyelamatkan barang," kata Ketua RT setempat, Budi Santoso, kepada wartawan.

Petugas pemadam kebakaran membantu evakuasi warga lanjut usia dengan perahu karet hingga sore hari.
"""


def test_api_upload_reports_each_file_and_stays_in_data_dir(empty_client, corpus_dir: Path) -> None:
    good = next((corpus_dir / "text").rglob("*.txt")).read_bytes()
    files = [
        ("files", ("../../escape.txt", good, "text/plain")),
        ("files", ("bad.bin", b"\x00\x01\x02\xff" * 200, "application/octet-stream")),
        ("files", ("empty.txt", b"", "text/plain")),
        ("files", ("/etc/xss.txt", XSS_ARTICLE.encode(), "text/plain")),
    ]
    r = empty_client.post("/api/ingest", files=files)
    assert r.status_code == 200, r.text
    job = _wait(empty_client, r.json()["job"])
    assert job["state"] == "done" and job["articles"] == 2 and job["total"] == job["done"] == 4
    reasons = {p["source"]: p["reason"] for p in job["problems"]}
    assert set(reasons) == {"bad.bin", "empty.txt"}, job["problems"]
    data_dir: Path = empty_client.data_dir.resolve()
    saved = [p for p in data_dir.rglob("*") if p.is_file()]
    assert len(saved) == 4 and all(p.resolve().is_relative_to(data_dir) for p in saved)
    assert not (data_dir.parent / "escape.txt").exists() and not (data_dir.parent.parent / "escape.txt").exists()
    # a malicious article comes back as data, verbatim, in JSON (the UI escapes it)
    hit = _ok(empty_client, "/api/search", q="banjir")["results"]
    assert len(hit) == 1
    art = _ok(empty_client, f"/api/articles/{hit[0]['id']}")
    assert "<script>" in (art["title"] or "") + " ".join(art["paragraphs"]) or \
        "<img src=x onerror=alert(1)>" in " ".join(art["paragraphs"])
    r = empty_client.get(f"/api/articles/{hit[0]['id']}")
    assert r.headers["content-type"].startswith("application/json")
    assert empty_client.post("/api/cluster", json={"reset": True}).json() == {
        "articles": 2, "events": _ok(empty_client, "/api/stats")["events"], "stories": _ok(empty_client, "/api/stats")["stories"]}


def test_api_upload_json_records_and_limits(empty_client) -> None:
    rec = {"title": "Sopir Truk Mogok, Pemerintah Buka Dialog", "outlet": "Kompas.com", "date": "2021-10-13 09:30",
           "text": "Pemerintah membuka peluang dialog dengan perwakilan sopir truk yang mogok. " * 5}
    r = empty_client.post("/api/ingest", json={"articles": [rec, {"title": "kosong"}]})
    job = _wait(empty_client, r.json()["job"])
    assert job["state"] == "done" and job["articles"] == 1 and len(job["problems"]) == 1
    assert job["problems"][0]["source"].startswith("articles#")
    assert _ok(empty_client, "/api/search", q="berdialog")["total"] == 1
    assert empty_client.post("/api/ingest", json={"nope": 1}).status_code == 400
    assert empty_client.post("/api/ingest", files=[("other", ("a.txt", b"x", "text/plain"))]).status_code == 400
    big = [("files", ("big.txt", b"a" * 300_000, "text/plain"))]
    assert empty_client.post("/api/ingest", files=big).status_code == 413
    assert not list((empty_client.data_dir / "uploads").rglob("big.txt"))


@pytest.mark.parametrize(("name", "expected"), [
    ("../../x.txt", "x.txt"), ("..\\..\\win.txt", "win.txt"), ("/etc/passwd", "passwd"), ("..", "upload"),
    (".hidden", "hidden"), ("a b/c d.txt", "c_d.txt"), ("", "upload"), (None, "upload"), ("berita ü.html", "berita_.html"),
])
def test_api_jobs_safe_name(name: str | None, expected: str) -> None:
    assert safe_name(name) == expected


def test_api_story_pages_stored_by_corpus_pass_match_live(corpus_client) -> None:
    from kronik.store import queries, schema

    store = corpus_client.store
    with store.engine.connect() as conn:
        stored = dict(conn.execute(schema.story_pages.select()).all())
        ids = [r[0] for r in conn.execute(schema.stories.select().with_only_columns(schema.stories.c.id))]
        assert set(stored) == set(ids)
        for sid in ids:
            assert json.loads(stored[sid]) == queries.story_page(conn, sid)


def test_api_entity_stats_kept_up_to_date_on_write(corpus_client) -> None:
    from sqlalchemy import func, select

    from kronik.store import schema

    e = schema.entities
    with corpus_client.store.engine.connect() as conn:
        stats = {c: n for c, _, n in conn.execute(schema.entity_stats.select())}
        truth = dict(conn.execute(select(e.c.canonical, func.count(e.c.article_id.distinct())).group_by(e.c.canonical)).all())
    assert stats == truth


def test_api_inspect_previews_without_storing_and_hides_server_paths(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    store = Store(str(tmp_path / "k.db"))
    body = "Pemerintah kota meresmikan taman baru di tepi sungai pada pagi hari. Warga menyambut dengan gembira."
    csv_bytes = ("judul;tulisan;tanggal\n" + f"Taman Baru;{body};10/21/2025 09:15\n").encode()
    with TestClient(create_app(store, data_dir=tmp_path / "data"), **LOCAL) as client:
        r = client.post("/api/inspect", files={"file": ("ekspor.csv", csv_bytes, "text/csv")})
        assert r.status_code == 200
        rep = r.json()
        assert rep["file"] == "ekspor.csv" and "text" not in rep["columns"]["mapping"]
        assert str(tmp_path) not in r.text  # the upload's server path is never shown
        r = client.post("/api/inspect", files={"file": ("ekspor.csv", csv_bytes, "text/csv")},
                        data={"field": "text=tulisan"})
        rep = r.json()
        assert rep["articles"] == 1 and rep["date"]["order"] == "MDY"
        assert rep["preview"][0]["published"] == "2025-10-21"  # no outlet, so no zone: the date alone
        bad = client.post("/api/inspect", files={"file": ("e.csv", csv_bytes, "text/csv")}, data={"field": "nope=x"})
        assert bad.status_code == 400
        assert client.post("/api/inspect", json={"x": 1}).status_code == 415
    assert store.counts()["articles"] == 0 and not any((tmp_path / "data").rglob("*.csv"))
