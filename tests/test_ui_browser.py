"""The web UI driven like a user in a real headless Chromium against `kronik serve` on the example corpus.

The walk: stories list -> a story (its SVG timeline chart) -> an event (by clicking a chart mark) ->
a source link -> the article with the paragraph highlighted, removed boilerplate toggled, a time
expression's resolved value on hover -> an entity page; search with <mark>ed snippets, facets, dates and
pages; a missing story; an article written to inject markup; an upload with its progress and problems,
then re-clustering.  Every page is saved as a PNG under tests/artifacts/ui/ (KRONIK_UI_ARTIFACTS).
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest

from ui_helpers import (
    ROOT,
    UI,
    XSS_MARK,
    build_store,
    get,
    get_json,
    server_missing,
    serving,
    watched,
)

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")
STATIC = Path(__file__).resolve().parents[1] / "src" / "kronik" / "api" / "static"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path):
    if why := server_missing():
        pytest.skip(why)
    tmp = tmp_path_factory.mktemp("ui")
    db = tmp / "kronik.db"
    build_store(db, corpus_dir, tmp / "xss.jsonl")
    with serving(db, tmp) as base:
        yield base




@pytest.fixture
def ui(driver, server):
    with watched(driver, server) as u:
        yield u


def route_params(hash_: str) -> dict[str, str]:
    q = hash_.split("?", 1)[1] if "?" in hash_ else ""
    return dict(urllib.parse.parse_qsl(q))


# --- served as the contract says -------------------------------------------------------------------------


def test_page_and_assets_carry_the_csp(server: str) -> None:
    for path in ("/", "/static/app.js", "/static/app.css", "/api/stats"):
        status, headers, _ = get(server + path)
        assert status == 200, path
        assert headers.get("content-security-policy") == CSP, path
    status, headers, body = get(server + "/")
    assert headers["content-type"].startswith("text/html")
    html = body.decode()
    assert "/static/app.js" in html and "/static/app.css" in html
    # no inline script, no style attributes or blocks, nothing from another origin
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)


def test_static_code_never_parses_data_as_html() -> None:
    for js in STATIC.glob("*.js"):
        code = js.read_text(encoding="utf-8")
        for bad in (r"\binnerHTML\b", r"\bouterHTML\b", r"\binsertAdjacentHTML\b", r"\bdocument\.write", r"\beval\(",
                    r"\bnew Function\b", r"\bcreateContextualFragment\b", r"\bDOMParser\b"):
            assert not re.search(bad, code), f"{js.name} uses {bad}"
        assert not re.search(r"""https?://(?!www\.w3\.org/2000/svg)""", code), f"{js.name} loads from another origin"


def test_the_demo_ends_serving_the_example_corpus() -> None:
    """The README's main command (scripts/demo.sh) ends with the web UI over the store it built."""
    lines = [ln.strip() for ln in (ROOT / "scripts" / "demo.sh").read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    assert ".venv/bin/kronik ingest examples/corpus --db out/kronik.db" in lines
    assert lines[-1] == 'exec .venv/bin/kronik serve --db out/kronik.db --port "${port}"'
    assert 'port="${KRONIK_PORT:-8000}"' in lines
    assert any("KRONIK_NO_SERVE" in ln for ln in lines[:-1])


# --- the walk --------------------------------------------------------------------------------------------


def test_walk_story_event_article_entity(ui: UI) -> None:
    stories = get_json(ui.base + "/api/stories?limit=200")
    assert stories["total"] > 0
    ui.open("#/")
    cards = ui.css(".story-card")
    assert len(cards) == min(20, stories["total"])
    first = stories["results"][0]
    assert ui.one(".story-card h2 a").text == (first["title"] or "(untitled story)")
    shown = [a.get_attribute("href").split("#/story/")[1] for a in ui.css(".story-card h2 a")]
    assert shown == [s["id"] for s in stories["results"][:len(shown)]]
    assert bool(ui.css(".pager")) == (stories["total"] > 20)
    ui.screenshot("01-stories")

    # the biggest story makes the richest page; reach it from the list like a user (page through if needed)
    big = max(stories["results"], key=lambda s: (s["n_events"], s["n_articles"]))
    while not ui.css(f'.story-card h2 a[href="#/story/{big["id"]}"]'):
        ui.go(lambda: ui.click(ui.one('.pager a[rel="next"]')))
    ui.go(lambda: ui.click(ui.one(f'.story-card h2 a[href="#/story/{big["id"]}"]')))
    assert ui.hash() == f"#/story/{big['id']}"
    story = get_json(ui.base + f"/api/stories/{big['id']}")
    assert ui.one("h1").text == (story["title"] or "(untitled story)")

    # the timeline chart: one mark per event, sized by article count, a date axis
    chart = ui.one("#story-timeline svg.timeline-chart")
    marks = chart.find_elements("css selector", "a.mark")
    assert len(marks) == len([e for e in story["events"] if e["start"]])
    assert chart.find_elements("css selector", ".axis text")
    radii = {float(m.find_element("css selector", "circle").get_attribute("r")) for m in marks}
    sizes = {e["n_articles"] for e in story["events"]}
    assert len(radii) == len(sizes)
    if story["timeline"]:
        dates = chart.find_elements("css selector", "a.date")
        assert len(dates) == len(story["timeline"])
        sched = [d for d in story["timeline"] if d["status"] == "scheduled"]
        assert len(chart.find_elements("css selector", "a.date.scheduled")) == len(sched)
        listed = ui.css("#timeline .timeline-list > li")
        assert len(listed) == min(6, len(story["timeline"]))  # the rest behind "Show all N dates"
        assert len(ui.css("#timeline .timeline-list > li.scheduled .sched-badge")) == len(
            [d for d in story["timeline"][:6] if d["status"] == "scheduled"])
        assert all(li.find_elements("css selector", "a.source-link") for li in listed)
    # key entities, quotes by speaker, coverage bars, article list
    assert len(ui.css("#entities .chip")) == len(story["entities"])
    assert len(ui.css("#quotes details.speaker")) == min(6, len(story["quotes_by_speaker"]))  # the rest on demand
    assert len(ui.css("#coverage .bar-list li")) == len(story["coverage"])
    ids = {a["id"] for a in story["articles"]}
    originals = [a for a in story["articles"] if a["duplicate_of"] not in ids]  # copies fold under their original
    assert len(ui.css("#articles .article-list.folded > li")) == min(12, len(originals))
    ui.screenshot("02-story")

    # hovering a mark shows the event's title and dates; clicking it opens the event
    ev0 = sorted((e for e in story["events"] if e["start"]), key=lambda e: e["start"])[0]  # undated events have no mark
    mark = ui.one(f'#story-timeline a.mark[href="#/event/{ev0["id"]}"]')
    ui.hover(mark)
    tip = ui.tooltip()
    assert (ev0["title"] or "(untitled event)") in tip and "article" in tip
    ui.go(lambda: ui.click(mark))
    assert ui.hash() == f"#/event/{ev0['id']}"
    event = get_json(ui.base + f"/api/events/{ev0['id']}")
    assert ui.one("h1").text == (event["title"] or "(untitled event)")
    assert ui.css("#event-timeline svg.timeline-chart a.mark")
    dups = [a for a in event["articles"] if a["duplicate_of"]]
    assert len(ui.css("#articles .dup-badge")) == len(dups)
    ui.screenshot("03-event")

    # a source link (summary sentence, else a quote) opens the article at that paragraph, highlighted
    link = ui.css("#summary a.source-link") or ui.css("#quotes a.source-link")
    assert link, "the event page links to no source paragraph"
    href = link[0].get_attribute("href")
    target = route_params(urllib.parse.urlparse(href).fragment)
    ui.go(lambda: ui.click(link[0]))
    assert ui.hash().startswith("#/article/")
    para = ui.one("p.para.highlight")
    assert para.get_attribute("id") == f"p{target['p']}"
    if "s" in target:  # a summary sentence: its characters are marked too
        span = para.find_element("css selector", "mark.source-span")
        assert span.text.strip() and span.text.strip() in para.text
    assert ui.d.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight;", para)
    article = get_json(ui.base + "/api/articles/" + ui.hash().split("/")[2].split("?")[0])
    assert len(ui.css(".article-body p.para")) == len(article["paragraphs"])
    ui.screenshot("04-article")
    _check_article_annotations(ui, article)


def _check_article_annotations(ui: UI, article: dict) -> None:
    # entities link to their entity page, time expressions carry their resolved value
    ents = ui.css(".article-body a.ent")
    assert ents and all(e.get_attribute("href").split("#", 1)[1].startswith("/entity/") for e in ents)
    resolved = [t for t in article["times"] if t["value"]]
    if resolved:
        timex = ui.css(".article-body .timex[data-value]")
        assert timex
        ui.hover(timex[0])
        assert timex[0].get_attribute("data-value") in ui.tooltip()
    if article["quotes"]:
        assert ui.css(".article-body q.quote")

    # the removed boilerplate: hidden until toggled, each piece with its reason
    box = ui.one("#removed")
    assert not box.is_displayed()
    btn = ui.one("#toggle-removed")
    assert btn.get_attribute("aria-expanded") == "false"
    ui.click(btn)
    assert box.is_displayed() and btn.get_attribute("aria-expanded") == "true"
    assert len(box.find_elements("css selector", "li")) == len(article["removed"])
    if article["removed"]:
        assert box.find_element("css selector", ".reason").text == article["removed"][0]["reason"]
    # metadata
    meta = ui.one(".meta-list").text
    if article["outlet"]:
        assert article["outlet"] in meta
    ui.screenshot("05-article-removed")

    # an entity page: mentions over time, related entities, its articles
    ent = ents[0]
    name = urllib.parse.unquote(ent.get_attribute("href").split("#/entity/", 1)[1])
    ui.go(lambda: ui.click(ent))
    assert ui.one("h1").text == name
    entity = get_json(ui.base + "/api/entities/" + urllib.parse.quote(name, safe=""))
    if entity["mentions_over_time"]:
        bars = ui.css("#mentions svg.counts-chart rect.bar")
        assert 0 < len(bars) <= len(entity["mentions_over_time"])  # per day, week or month by the span
        assert sum(int(b.get_attribute("data-count")) for b in bars) == sum(m["count"] for m in entity["mentions_over_time"])
        ui.hover(bars[0])
        assert "mention" in ui.tooltip()
    assert len(ui.css("#related .chip")) == len(entity["related"])
    assert len(ui.css("#articles .article-list > li")) == len(entity["articles"])
    ui.screenshot("06-entity")


def test_timeline_marks_work_from_the_keyboard(ui: UI) -> None:
    stories = get_json(ui.base + "/api/stories?limit=200")["results"]
    big = max(stories, key=lambda s: s["n_events"])
    ui.open(f"#/story/{big['id']}")
    mark = ui.one("#story-timeline a.mark")
    ui.d.execute_script("arguments[0].focus();", mark)
    assert ui.d.execute_script("return document.activeElement === arguments[0];", mark)
    assert ui.one("#tooltip").is_displayed()
    from selenium.webdriver.common.keys import Keys

    ui.go(lambda: mark.send_keys(Keys.ENTER))
    assert ui.hash().startswith("#/event/")


def test_search_with_facets_dates_and_pages(ui: UI) -> None:
    ui.open("#/")
    box = ui.one("#q")
    box.send_keys("gempa")
    ui.go(lambda: ui.one("#search-form button").click())
    assert route_params(ui.hash()) == {"q": "gempa"}
    api = get_json(ui.base + "/api/search?q=gempa")
    assert api["total"] > 0
    results = ui.css(".results .result")
    assert len(results) == min(20, api["total"])
    marks = ui.css(".results .snippet mark")
    assert marks and all("gempa" in m.text.lower() for m in marks)
    assert not any("[[" in s.text or "]]" in s.text for s in ui.css(".snippet"))
    assert ui.one("#q").get_attribute("value") == "gempa"
    ui.screenshot("07-search")

    # an outlet facet narrows the results and shows as an active filter
    facet = ui.one('.facet[data-facet="outlet"] a.facet-link')
    outlet = facet.find_element("css selector", ".facet-label").text
    count = int(facet.find_element("css selector", ".count").text)
    ui.go(lambda: ui.click(facet))
    assert route_params(ui.hash()) == {"q": "gempa", "outlet": outlet}
    assert len(ui.css(".results .result")) == min(count, 20)
    assert ui.css('.facet[data-facet="outlet"] a.facet-link.active')
    assert ui.css(".active-filters .active-filter")
    # the story facet carries the story's title as its label
    story_facet = ui.css('.facet[data-facet="story"] .facet-label')
    assert story_facet and not story_facet[0].text.startswith("st-")
    ui.screenshot("08-search-facet")
    # removing the filter again
    ui.go(lambda: ui.click(ui.one(".active-filters .active-filter")))
    assert route_params(ui.hash()) == {"q": "gempa"}

    # a date range
    ui.d.execute_script("document.getElementById('from').value = '2021-11-15';"
                        "document.getElementById('to').value = '2021-11-16';")
    ui.go(lambda: ui.click(ui.one(".date-form button")))
    params = route_params(ui.hash())
    assert params["from"] == "2021-11-15" and params["to"] == "2021-11-16"
    api = get_json(ui.base + "/api/search?q=gempa&from=2021-11-15&to=2021-11-16")
    assert len(ui.css(".results .result")) == min(20, api["total"])
    assert api["total"] < get_json(ui.base + "/api/search?q=gempa")["total"]

    # pages: a common word has more than one
    api = get_json(ui.base + "/api/search?q=yang&limit=20")
    if api["total"] > 20:
        ui.open("#/search?q=yang")
        assert ui.one(".pager .page-info").text.startswith("Page 1 of")
        ui.go(lambda: ui.click(ui.one('.pager a[rel="next"]')))
        assert route_params(ui.hash())["offset"] == "20"
        assert ui.one(".results").get_attribute("start") == "21"


def test_pages_fit_a_phone(ui: UI) -> None:
    stories = get_json(ui.base + "/api/stories?limit=200")["results"]
    big = max(stories, key=lambda s: s["n_events"])
    story = get_json(ui.base + f"/api/stories/{big['id']}")
    size = ui.d.get_window_size()
    ui.d.set_window_size(390, 844)
    try:
        for name, route in (("story", f"#/story/{big['id']}"), ("article", f"#/article/{story['articles'][0]['id']}?p=0"),
                            ("search", "#/search?q=gempa")):
            ui.open(route)
            overflow = ui.d.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
            assert overflow <= 0, f"{name} page is {overflow}px wider than a phone"
            ui.screenshot(f"12-phone-{name}")
    finally:
        ui.d.set_window_size(size["width"], size["height"])


def test_missing_story_and_article_say_so(ui: UI) -> None:
    ui.allowed_console = ("status of 404",)  # the API's answers, logged by the browser
    ui.open("#/story/st-000000000000")
    assert ui.one("h1").text == "Story not found"
    assert ui.one('.error-page a[href="#/"]')
    ui.screenshot("09-story-not-found")
    ui.open("#/article/0000000000000000")
    assert ui.one("h1").text == "Article not found"
    ui.open("#/nowhere")
    assert ui.one("h1").text == "Page not found"


def test_markup_in_an_article_stays_text(ui: UI) -> None:
    hits = get_json(ui.base + f"/api/search?q={XSS_MARK}")
    assert hits["total"] >= 1
    aid = hits["results"][0]["id"]
    article = get_json(ui.base + f"/api/articles/{aid}")
    assert "<img src=x onerror=alert(1)>" in article["title"]

    ui.open(f"#/article/{aid}")
    assert ui.one("h1").text == article["title"]
    body = ui.one(".article-body").text
    assert "<img src=x onerror=alert(1)>" in body and "<script>alert(document.cookie)</script>" in body
    assert "<b onmouseover=alert(2)>" in body
    assert "Kabar <i>XSS</i>" in ui.one(".meta-list").text
    # nothing of it became an element, the javascript: URL is not a link, no dialog opened
    assert not ui.css("main img, main script, main b, main i")
    assert not ui.d.execute_script("return [...document.querySelectorAll('[href]')].some(a => /^\\s*javascript:/i.test(a.getAttribute('href')));")
    assert "javascript:alert(3)" in ui.one(".meta-list .url").text
    ui.click(ui.one("#toggle-removed"))
    ui.screenshot("10-xss-article")

    # the same in search results (snippets), the stories list and the story page
    ui.open(f"#/search?q={XSS_MARK}")
    assert "<img src=x onerror=alert(1)>" in ui.one(".results h2").text
    assert not ui.css("main img, main script")
    ui.open(f"#/story/{article['story']}")
    assert "<script>" in ui.one("h1").text
    assert not ui.css("main img, main script")
    _assert_no_alert(ui)


def _assert_no_alert(ui: UI) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        ui.d.switch_to.alert.text  # noqa: B018


def test_upload_shows_progress_and_problems_then_reclusters(ui: UI, tmp_path: Path) -> None:
    good = tmp_path / "unggahan.txt"
    good.write_text(
        "Banjir Rendam Ratusan Rumah di Kampung Melayu\n\n"
        "JAKARTA - Banjir merendam ratusan rumah warga di Kampung Melayu, Jakarta Timur, pada Kamis (3/2/2022) pagi "
        "setelah hujan deras mengguyur sejak malam.\n\n"
        "\"Air mulai masuk ke rumah sekitar pukul 04.00 WIB,\" kata Ketua RT 05, Sutrisno, kepada wartawan.\n\n"
        "Petugas BPBD DKI Jakarta mengevakuasi warga lanjut usia ke posko pengungsian di masjid setempat.\n", encoding="utf-8")
    bad = tmp_path / "rusak.jsonl"
    bad.write_bytes(b'{"judul": "tanpa isi"\n\xff\xfe not json at all\n')
    before = get_json(ui.base + "/api/stats")

    ui.open("#/upload")
    ui.one("#files").send_keys(f"{good}\n{bad}")
    ui.click(ui.one("#upload-btn"))
    ui.wait.until(lambda d: ui.css(".job-label") and ui.one(".job-label").get_attribute("data-state") in ("done", "failed"))
    assert ui.one(".job-label").get_attribute("data-state") == "done"
    progress = ui.one("#job-progress")
    assert progress.get_attribute("value") == progress.get_attribute("max")
    after = get_json(ui.base + "/api/stats")
    assert after["articles"] == before["articles"] + 1
    problems = ui.css(".problems-table tbody tr")
    assert problems and any("rusak.jsonl" in r.text for r in problems)
    ui.screenshot("11-upload")

    ui.click(ui.one("#cluster-btn"))
    ui.wait.until(lambda d: ui.one("#cluster-result").text.startswith(("Done", "Clustering failed")))
    assert ui.one("#cluster-result").text.startswith("Done")
    stats = get_json(ui.base + "/api/stats")
    text = ui.one("#cluster-result").text
    assert f"{stats['events']} events in {stats['stories']} stories" in text
    # the new article is searchable and reachable
    hits = get_json(ui.base + "/api/search?q=" + urllib.parse.quote("Kampung Melayu"))
    assert hits["total"] >= 1


def test_upload_previews_an_export_and_ingests_with_the_chosen_mapping(ui: UI, tmp_path: Path) -> None:
    export = tmp_path / "ekspor.csv"
    body = ("Pemerintah kota meresmikan taman baru di tepi sungai pada Selasa (7/10/2025) pagi. "
            "Warga menyambut taman itu dengan gembira karena kawasan tersebut sebelumnya kumuh.")
    export.write_text(
        "judul,ringkasan,tanggal,tulisan,tautan\n"
        f'"Taman Tepi Sungai Diresmikan","Taman baru.","10/7/2025 09:15","{body}",https://news.detik.com/berita/d-1/taman\n'
        f'"Taman Tepi Sungai Ramai Dikunjungi","Ramai.","10/8/2025 16:40","{body} Pengunjung berdatangan.",'
        "https://news.detik.com/berita/d-2/taman-ramai\n", encoding="utf-8")
    before = get_json(ui.base + "/api/stats")
    ui.open("#/upload")
    ui.one("#files").send_keys(str(export))
    ui.wait.until(lambda d: ui.css("#mapping select"))
    text_choice = ui.one("#map-text")
    assert text_choice.get_attribute("value") == ""  # 'tulisan' is no known name for the body: the user picks it
    assert "--field text=" in ui.one("#preview").text
    from selenium.webdriver.support.ui import Select

    Select(text_choice).select_by_value("tulisan")
    ui.wait.until(lambda d: ui.css("#preview-records tbody tr"))
    rows = ui.css("#preview-records tbody tr")
    # two rows, one body date: too little to decide the order, so the preview says so instead of guessing
    assert "Taman Tepi Sungai Diresmikan" in rows[0].text and "(order unsure)" in rows[0].text
    assert "Detik.com" in rows[0].text and "undecided" in ui.one("#date-evidence").text
    Select(ui.one("#date-order")).select_by_value("MDY")
    ui.wait.until(lambda d: "2025-10-07T09:15" in ui.one("#preview-records tbody tr").text)
    assert "(order unsure)" not in ui.one("#preview-records tbody tr").text
    ui.screenshot("12-upload-preview")
    ui.click(ui.one("#upload-btn"))
    ui.wait.until(lambda d: ui.css(".job-label") and ui.one(".job-label").get_attribute("data-state") in ("done", "failed"))
    assert ui.one(".job-label").get_attribute("data-state") == "done"
    assert get_json(ui.base + "/api/stats")["articles"] == before["articles"] + 2
    found = get_json(ui.base + "/api/search?q=" + urllib.parse.quote("Taman Tepi Sungai Diresmikan"))
    art = get_json(ui.base + "/api/articles/" + found["results"][0]["id"])
    assert art["published"] == "2025-10-07T09:15:00+07:00" and art["published_basis"] == "export"  # ingested as chosen
