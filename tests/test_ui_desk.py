"""The analyst's desk in a real headless Chromium (issue 16): the offline API docs render under their
Content-Security-Policy with no console error, and the UI's readability fixes hold (muted text contrast,
Indonesian text marked ``lang="id"``, language names instead of codes).  Screenshots go to
tests/artifacts/ui/."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest

from ui_helpers import UI, serving, watched


@pytest.fixture(scope="module")
def server(example_db: Path, tmp_path_factory: pytest.TempPathFactory):
    with serving(example_db, tmp_path_factory.mktemp("desk-ui")) as base:
        yield base


@pytest.fixture
def ui(driver, server):
    with watched(driver, server) as u:
        yield u


def _wait_for(ui: UI, script: str) -> None:
    ui.wait.until(lambda d: d.execute_script(script))


def test_swagger_ui_renders_offline_and_lists_the_endpoints(ui: UI) -> None:
    ui.d.get(f"{ui.base}/docs")
    _wait_for(ui, "return document.querySelectorAll('.opblock').length > 10;")
    text = ui.one("#swagger-ui").text
    assert "/api/search" in text and "/api/quotes" in text
    ui.screenshot("docs-swagger")


def test_redoc_renders_offline(ui: UI) -> None:
    # ReDoc's "API docs by Redocly" credit names a remote logo; the policy refuses it (nothing leaves the
    # machine), and that refusal is the only console message allowed here.
    ui.allowed_console = ("cdn.redoc.ly/redoc/logo-mini.svg",)
    ui.d.get(f"{ui.base}/redoc")
    _wait_for(ui, "return !!document.querySelector('#redoc h1') && document.body.innerText.includes('/api/quotes');")
    ui.screenshot("docs-redoc")


def test_muted_text_meets_wcag_aa_in_both_themes() -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "scripts" / "contrast.py"
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stdout
    assert "--muted" in out.stdout and "BELOW" not in out.stdout


def test_home_ranks_filters_and_shows_lead_sentences(ui: UI) -> None:
    ui.open("#/")
    ui.screenshot("desk-home")
    cards = ui.css(".story-card")
    assert cards
    assert not any(re.search(r"(^|\D)0 outlets", c.text) for c in cards), "no '0 outlets' when outlets are unknown"
    assert ui.css(".story-card .lead"), "cards carry their lead sentence"
    lead = ui.one(".story-card .lead span")
    assert lead.get_attribute("lang") in ("id", "en")
    total_before = ui.one("#story-count").text

    from selenium.webdriver.support.ui import Select

    Select(ui.one("#home-sort")).select_by_value("coverage")
    ui.click(ui.one("#home-min"))
    ui.go(lambda: ui.one("#home-filters button[type=submit]").click())
    assert "sort=coverage" in ui.hash() and "min_articles=2" in ui.hash()
    sizes = [int(ui.d.execute_script("return arguments[0].querySelector('.meta').textContent;", c).split(" article")[0].split("· ")[-1])
             for c in ui.css(".story-card")]
    assert sizes == sorted(sizes, reverse=True) and min(sizes) >= 2
    assert ui.one("#story-count").text != total_before
    langs = [o.text for o in Select(ui.one("#home-language")).options]
    assert any(t.startswith("Indonesian") for t in langs), langs
    ui.screenshot("desk-home-coverage")


def test_search_collapses_copies_groups_by_story_and_helps_on_zero_hits(ui: UI) -> None:
    ui.open("#/search?q=gempa")
    metas = " ".join(m.text for m in ui.css(".result .meta"))
    assert "Indonesian" in metas or "English" in metas
    assert " ID" not in metas and " EN" not in metas
    assert ui.css(".result a[href^='#/story/']")[0].text.startswith("Story: ")
    assert all(s.get_attribute("lang") for s in ui.css(".result .snippet"))
    ui.go(lambda: ui.click(ui.one("#group-toggle")))
    assert "group=story" in ui.hash() and ui.css(".story-group h2 a")
    ui.screenshot("desk-search-grouped")

    ui.open("#/search?q=zzqqxxnotaword")
    assert ui.css("#search-empty .syntax-help li a"), "zero hits: syntax help with examples"
    ui.screenshot("desk-search-empty")

    ui.allowed_console = ("status of 400",)  # the browser logs the refused request itself
    ui.open("#/search?q=gempa&from=kemarin")
    page = ui.one("main").text
    assert "This request cannot be answered" in page and "from=" in page and "YYYY-MM-DD" in page


def test_story_quotes_show_date_and_headline_as_evidence(ui: UI, server: str) -> None:
    from ui_helpers import get_json

    biggest = get_json(f"{server}/api/stories?sort=coverage&limit=1")["results"][0]
    ui.open(f"#/story/{biggest['id']}")
    links = ui.css("#quotes .source-link.evidence")
    assert links, "quotes cite outlet, date and headline"
    assert "“" in links[0].text and "¶" in links[0].text
    assert not [a for a in ui.css("main a") if a.text.strip().lower() in ("this article", "here", "source")]


def test_story_page_in_sections_with_brief_jump_links_folded_copies_and_exports(ui: UI, server: str) -> None:
    from ui_helpers import get, get_json

    biggest = get_json(f"{server}/api/stories?sort=coverage&limit=1")["results"][0]
    ui.open(f"#/story/{biggest['id']}")
    jumps = [a.get_attribute("data-jump") for a in ui.css(".jump-links a")]
    assert jumps == ["brief", "timeline", "events", "quotes", "entities", "coverage", "articles", "export"]
    for target in jumps:
        assert ui.css(f"main #{target}"), target
    brief = ui.css("#brief .brief li")
    assert 1 <= len(brief) <= 4 and all(li.find_elements("css selector", "a.source-link") for li in brief)
    before = ui.hash()
    ui.click(ui.one(".jump-links a[data-jump='articles']"))
    assert ui.hash() == before, "a jump link scrolls; it does not navigate away"
    assert ui.d.execute_script("return document.activeElement.id") == "articles"

    story = get_json(f"{server}/api/stories/{biggest['id']}")
    ids = {a["id"] for a in story["articles"]}
    folded = sum(1 for a in story["articles"] if a["duplicate_of"] in ids)
    top_rows = ui.css("#articles .article-list.folded > li")
    assert len(top_rows) == min(12, len(story["articles"]) - folded)
    if folded:
        assert ui.css("#articles details.copies")
    for a in ui.css("#export a[download]"):
        status, headers, body = get(a.get_attribute("href"))
        assert status == 200 and "attachment" in headers.get("content-disposition", ""), a.text
        assert body.strip(), a.text
    ui.screenshot("desk-story")


def test_story_speakers_past_six_open_on_demand(ui: UI, server: str) -> None:
    from ui_helpers import get_json

    biggest = get_json(f"{server}/api/stories?sort=coverage&limit=1")["results"][0]
    speakers = len(get_json(f"{server}/api/stories/{biggest['id']}")["quotes_by_speaker"])
    ui.open(f"#/story/{biggest['id']}")
    assert len(ui.css("#quotes details.speaker")) == min(6, speakers)
    if speakers > 6:
        ui.click(ui.one("#more-speakers"))
        assert len(ui.css("#quotes details.speaker")) == speakers


def test_story_events_past_six_open_on_demand(ui: UI, server: str) -> None:
    from ui_helpers import get_json

    stories = get_json(f"{server}/api/stories?sort=coverage&limit=50")["results"]
    many = next((s for s in stories if s["n_events"] > 7), None)
    if many is None:
        pytest.skip("no story with more than 7 events in this store")
    ui.open(f"#/story/{many['id']}")
    assert len(ui.css("#events .event-block")) == 6
    ui.click(ui.one("#all-events"))
    assert len(ui.css("#events .event-block")) == many["n_events"]


def test_article_text_is_marked_with_its_language_and_entity_quotes_cite_evidence(ui: UI, server: str) -> None:
    from ui_helpers import get_json

    quote = get_json(f"{server}/api/quotes?limit=1")["results"][0]
    article = get_json(f"{server}/api/articles/{quote['article']}")
    ui.open(f"#/article/{article['id']}")
    assert ui.one(".article-body").get_attribute("lang") == article["language"]
    assert ui.d.execute_script("return document.documentElement.lang") == "en"
    side = ui.one("#meta").text
    assert {"id": "Indonesian", "en": "English"}[article["language"]] in side

    speaker = get_json(f"{server}/api/quotes?limit=200")["results"]
    top = max({q["speaker"] for q in speaker if q["speaker"]}, key=lambda s: sum(q["speaker"] == s for q in speaker))
    ui.open(f"#/entity/{urllib.parse.quote(top)}")
    items = ui.css("#quotes ul.quotes > li")
    assert 1 <= len(items) <= 10
    assert items[0].find_elements("css selector", "a.source-link.evidence, a.source-link")
    ui.screenshot("desk-entity")


def test_home_filters_and_story_sections_fit_a_phone(ui: UI, server: str) -> None:
    from ui_helpers import get_json

    biggest = get_json(f"{server}/api/stories?sort=coverage&limit=1")["results"][0]
    size = ui.d.get_window_size()
    ui.d.set_window_size(390, 844)
    try:
        ui.open("#/")
        assert not ui.one(".home-filter-box").get_attribute("open"), "on a phone the filters start folded"
        for name, route in (("home", "#/?sort=coverage&min_articles=2"), ("story", f"#/story/{biggest['id']}")):
            ui.open(route)
            overflow = ui.d.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
            assert overflow <= 0, f"{name} is {overflow}px wider than a phone"
            ui.screenshot(f"desk-{name}-phone")
    finally:
        ui.d.set_window_size(size["width"], size["height"])
