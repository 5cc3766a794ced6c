"""The analyst's desk over HTTP (issue 16): offline API docs, quotes usable as evidence with their filters,
search hits with their story's title, and dates that are not dates refused with a message.

Runs the app in-process through TestClient on a SQLite store with the example corpus, calling it as the
web UI does (loopback host, ``X-Kronik-Request`` header)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kronik.api import create_app
from kronik.api.docs import ASSETS_URL, DOCS_CSP
from kronik.ingest import ingest
from kronik.store import Store

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
LOCAL = {"base_url": "http://127.0.0.1", "headers": {"X-Kronik-Request": "1"}}


@pytest.fixture(scope="module")
def client(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    from fastapi.testclient import TestClient

    tmp = tmp_path_factory.mktemp("desk")
    store = Store(str(tmp / "kronik.db"))
    ingest([corpus_dir], store)
    with TestClient(create_app(store, data_dir=tmp / "data"), **LOCAL) as c:
        yield c


def test_docs_and_redoc_are_served_offline_under_a_csp_without_inline_scripts(client) -> None:
    for url, bundle, init in (("/docs", "swagger-ui-bundle.js", "swagger-init.js"),
                              ("/redoc", "redoc.standalone.js", "redoc-init.js")):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-security-policy"] == DOCS_CSP
        assert "script-src 'self';" in DOCS_CSP and "unsafe-eval" not in DOCS_CSP
        html = r.text
        assert "http://" not in html and "https://" not in html, "nothing from a CDN"
        assert "<script>" not in html, "no inline script (the CSP would refuse it)"
        for asset in (f"{ASSETS_URL}/{bundle}", f"/static/docs/{init}"):
            assert asset in html
            got = client.get(asset)
            assert got.status_code == 200 and len(got.content) > 100, asset
            assert "javascript" in got.headers["content-type"], asset
    assert client.get(f"{ASSETS_URL}/swagger-ui.css").status_code == 200
    assert "/docs" not in client.get("/openapi.json").json()["paths"]


def test_quotes_carry_headline_outlet_and_date_and_filter(client) -> None:
    r = client.get("/api/quotes", params={"limit": 200})
    assert r.status_code == 200
    page = r.json()
    assert page["total"] > 5
    rows = page["results"]
    first = rows[0]
    for key in ("text", "speaker", "article", "paragraph", "headline", "outlet", "published", "story"):
        assert key in first, key
    assert sum(1 for row in rows if row["headline"]) > len(rows) / 2  # some example records have no title
    dated = [row for row in rows if row["published"]]
    assert dated == sorted(dated, key=lambda row: row["published"], reverse=True), "newest first"

    # Every quote, page by page (the store holds more than one page of them).
    every = list(rows)
    while len(every) < page["total"]:
        more = client.get("/api/quotes", params={"limit": 200, "offset": len(every)}).json()["results"]
        assert more
        every += more
    outlet = next(row["outlet"] for row in rows if row["outlet"])
    by_outlet = client.get("/api/quotes", params={"outlet": outlet, "limit": 1}).json()
    assert by_outlet["total"] == sum(1 for row in every if row["outlet"] == outlet) > 0

    day = dated[0]["published"][:10]
    on_day = client.get("/api/quotes", params={"from": day, "to": day, "limit": 200}).json()
    assert on_day["results"] and all(row["published"][:10] == day for row in on_day["results"])
    assert on_day["total"] == sum(1 for row in every if (row["published"] or "")[:10] == day)

    word = max(first["text"].split(), key=len)
    found = client.get("/api/quotes", params={"q": word.upper(), "limit": 200}).json()["results"]
    assert found and all(word.lower() in row["text"].lower() for row in found)

    story = next(row["story"] for row in rows if row["story"])
    in_story = client.get("/api/quotes", params={"story": story, "limit": 200}).json()["results"]
    assert in_story and all(row["story"] == story for row in in_story)


def test_quotes_since_polls_only_what_was_stored_after(client) -> None:
    everything = client.get("/api/quotes", params={"since": "2000-01-01"}).json()["total"]
    assert everything == client.get("/api/quotes").json()["total"] > 0
    assert client.get("/api/quotes", params={"since": "2999-01-01T00:00:00+07:00"}).json()["total"] == 0


@pytest.mark.parametrize("url, params", [
    ("/api/quotes", {"from": "yesterday"}), ("/api/quotes", {"to": "2024-13-45"}),
    ("/api/quotes", {"since": "soon"}), ("/api/search", {"q": "gempa", "from": "kemarin"}),
    ("/api/export", {"to": "31/12/2024"}),
])
def test_a_date_that_is_not_one_is_a_400_naming_the_parameter(client, url: str, params: dict) -> None:
    r = client.get(url, params=params)
    assert r.status_code == 400, r.text
    name = next(iter(params.keys() - {"q"}))
    assert f"{name}=" in r.json()["detail"] and "YYYY-MM-DD" in r.json()["detail"]


def test_search_hits_carry_their_story_title(client) -> None:
    hits = client.get("/api/search", params={"q": "gempa", "limit": 50}).json()["results"]
    assert hits
    stories = {s["id"]: s["title"] for s in client.get("/api/stories", params={"limit": 200}).json()["results"]}
    for hit in hits:
        assert "story_title" in hit
        if hit["story"]:
            assert hit["story_title"] == stories[hit["story"]]


def _stories(client, **params) -> dict:
    r = client.get("/api/stories", params={"limit": 200, **params})
    assert r.status_code == 200, r.text
    return r.json()


def test_stories_rank_by_coverage_and_filter(client) -> None:
    everything = _stories(client)["results"]
    ranked = _stories(client, sort="coverage")["results"]
    assert sorted(s["id"] for s in ranked) == sorted(s["id"] for s in everything)
    sizes = [s["n_articles"] for s in ranked]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 1
    ends = [s["end"] for s in everything if s["end"]]
    assert ends == sorted(ends, reverse=True), "recent: newest first"

    several = _stories(client, min_articles=2)
    assert several["total"] == sum(1 for s in everything if s["n_articles"] >= 2) < len(everything)

    outlet = ranked[0]["outlets"][0]["name"]
    by_outlet = _stories(client, outlet=outlet)["results"]
    assert by_outlet and all(any(o["name"] == outlet for o in s["outlets"]) for s in by_outlet)
    assert _stories(client, outlet="no such outlet")["total"] == 0
    assert _stories(client, language="id")["total"] > 0

    day = ends[0][:10]
    on_day = _stories(client, **{"from": day, "to": day})["results"]
    assert on_day and all(s["start"][:10] <= day <= s["end"][:10] for s in on_day)


def test_story_cards_carry_a_lead_sentence_with_its_citation(client) -> None:
    stories = _stories(client, sort="coverage")["results"]
    leads = [s["lead"] for s in stories if s["lead"]]
    assert len(leads) >= len(stories) / 2
    lead = leads[0]
    assert lead["text"] and lead["article"] and isinstance(lead["paragraph"], int)
    assert lead["language"] in ("id", "en") and "outlet" in lead
    article = client.get(f"/api/articles/{lead['article']}").json()
    assert article["id"] == lead["article"]


@pytest.mark.parametrize("params", [{"sort": "best"}, {"from": "last week"}, {"min_articles": -1}])
def test_stories_refuse_bad_parameters_with_a_message(client, params: dict) -> None:
    r = client.get("/api/stories", params=params)
    assert r.status_code == 400 and r.json()["detail"]


def test_a_storys_quotes_download_as_csv_with_formulas_escaped_and_as_jsonl(client) -> None:
    import csv
    import io
    import json

    story = next(s for s in _stories(client, sort="coverage")["results"])
    listed = client.get("/api/quotes", params={"story": story["id"], "limit": 200}).json()
    assert listed["total"] > 0
    r = client.get("/api/quotes/export", params={"story": story["id"], "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == listed["total"]
    assert set(rows[0]) == {"text", "speaker", "article", "paragraph", "headline", "outlet", "published", "story"}
    assert not any(v.startswith(("=", "+", "@")) for row in rows for v in row.values() if v)
    lines = client.get("/api/quotes/export", params={"story": story["id"], "format": "jsonl"}).text.splitlines()
    assert [json.loads(ln)["text"] for ln in lines] == [row["text"] for row in rows]
    assert client.get("/api/quotes/export", params={"to": "later"}).status_code == 400
    assert client.get("/api/quotes/export", params={"format": "xlsx"}).status_code == 400


def test_quote_csv_cells_that_look_like_formulas_are_escaped() -> None:
    from kronik.io.writers import iter_csv_rows

    text = "".join(iter_csv_rows([{"text": "=HYPERLINK(\"http://x\")", "speaker": "-1+1"}], ("text", "speaker")))
    assert "'=HYPERLINK" in text and "'-1+1" in text


def test_openapi_documents_response_schemas_of_the_main_endpoints(client) -> None:
    doc = client.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    for path, name in (("/api/stats", "Stats"), ("/api/stories", "StoryList"), ("/api/search", "SearchResult"),
                       ("/api/quotes", "QuoteList"), ("/api/entities", "EntityList")):
        ok = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": f"#/components/schemas/{name}"}, path
    assert {"headline", "outlet", "published"} <= set(schemas["Quote"]["properties"])
    assert "story_title" in schemas["SearchHit"]["properties"]
    assert "from" in {p["name"] for p in doc["paths"]["/api/quotes"]["get"]["parameters"]}


def test_live_answers_match_their_documented_schemas(client) -> None:
    from kronik.api import models

    models.Stats.model_validate(client.get("/api/stats").json())
    models.StoryList.model_validate(client.get("/api/stories", params={"limit": 200}).json())
    models.QuoteList.model_validate(client.get("/api/quotes", params={"limit": 200}).json())
    models.SearchResult.model_validate(client.get("/api/search", params={"q": "gempa", "limit": 50}).json())
    models.EntityList.model_validate(client.get("/api/entities", params={"limit": 200}).json())
