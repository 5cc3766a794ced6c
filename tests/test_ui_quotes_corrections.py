"""The quotes explorer, an entity's paged quotes, corrections of an entity and the search order, in a real
headless Chromium against `kronik serve` over a copy of the example store (corrections write to it).
Screenshots go to tests/artifacts/ui/."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest

from ui_helpers import UI, get, get_json, merge_pair, serving_copy


@pytest.fixture(scope="module")
def server(example_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """`kronik serve` over a copy of the example store (the tests write corrections); ``ui`` drives it."""
    with serving_copy(example_db, tmp_path_factory.mktemp("quotes-ui")) as base:
        yield base


def _params(ui: UI) -> dict[str, str]:
    h = ui.hash()
    return dict(urllib.parse.parse_qsl(h.split("?", 1)[1])) if "?" in h else {}


def _top_speaker(server: str) -> str:
    rows = get_json(f"{server}/api/quotes?limit=200")["results"]
    speakers = [q["speaker"] for q in rows if q["speaker"]]
    return max(set(speakers), key=speakers.count)


def test_quotes_explorer_filters_pages_links_and_exports(ui: UI, server: str) -> None:
    ui.open("#/")
    ui.go(lambda: ui.click(ui.one(".site-nav a[data-nav='quotes']")))
    assert ui.hash().startswith("#/quotes")
    assert ui.one(".site-nav a[data-nav='quotes']").get_attribute("aria-current") == "page"
    total = get_json(f"{server}/api/quotes?limit=0")["total"]
    rows = ui.css("#quote-table tbody tr")
    assert len(rows) == min(25, total)
    assert [th.text for th in ui.css("#quote-table thead th")] == ["Quote", "Speaker", "Published", "Outlet", "Source paragraph"]
    ui.screenshot("quotes-explorer")
    if total > 25:
        ui.go(lambda: ui.click(ui.one(".pager a[rel='next']")))
        assert _params(ui)["offset"] == "25"

    speaker = _top_speaker(server)
    ui.open("#/quotes")
    box = ui.one("#quotes-speaker")
    box.send_keys(speaker)
    ui.go(lambda: ui.one("#quote-filters button[type=submit]").click())
    assert _params(ui) == {"speaker": speaker}
    cells = [td.text for td in ui.css("#quote-table td.q-speaker")]
    assert cells and set(cells) == {speaker}
    expected = get_json(f"{server}/api/quotes?{urllib.parse.urlencode({'speaker': speaker})}")["total"]
    assert ui.one("#quote-count").text.startswith(f"{expected} quote")
    assert ui.css(".active-filters a.active-filter")
    for a in ui.css("#quote-exports a[download]"):
        status, headers, body = get(a.get_attribute("href"))
        assert status == 200 and "attachment" in headers["content-disposition"] and body.strip(), a.text
        assert len(body.decode().strip().splitlines()) >= expected
    link = ui.one("#quote-table td.q-source a")
    ui.go(lambda: ui.click(link))
    assert ui.hash().startswith("#/article/") and "p=" in ui.hash()

    ui.open("#/quotes?q=zzqqxx")
    assert ui.css("#quotes-empty") and not ui.css("#quote-table")


def test_quotes_explorer_and_entity_corrections_fit_a_phone(ui: UI, server: str) -> None:
    size = ui.d.get_window_size()
    ui.d.set_window_size(390, 844)
    try:
        for name, route in (("quotes-explorer", "#/quotes"), ("entity", f"#/entity/{urllib.parse.quote(_top_speaker(server))}")):
            ui.open(route)
            if name == "entity":
                ui.click(ui.one("#corrections .fix-forms > summary"))
            overflow = ui.d.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
            assert overflow <= 0, f"the {name} page is {overflow}px wider than a phone"
            ui.screenshot(f"{name}-phone")
    finally:
        ui.d.set_window_size(size["width"], size["height"])


def test_entity_quotes_come_ten_a_page_with_links_to_the_explorer(ui: UI, server: str) -> None:
    speaker = _top_speaker(server)
    total = get_json(f"{server}/api/quotes?{urllib.parse.urlencode({'speaker': speaker, 'limit': 0})}")["total"]
    ui.open(f"#/entity/{urllib.parse.quote(speaker)}")
    assert len(ui.css("#quotes ul.quotes > li")) == min(10, total)
    links = [a.get_attribute("href") for a in ui.css("#entity-quote-links a")]
    assert any("#/quotes?speaker=" in h for h in links) and any("#/quotes?entity=" in h for h in links)
    if total > 10:
        ui.go(lambda: ui.click(ui.one("#quotes .pager a[rel='next']")))
        assert _params(ui) == {"qo": "10"}
        assert 1 <= len(ui.css("#quotes ul.quotes > li")) <= 10
    ui.go(lambda: ui.click(ui.one("#entity-quote-links a")))
    assert _params(ui) == {"speaker": speaker}


def _pair(server: str) -> tuple[str, str]:
    pair = merge_pair(get_json(f"{server}/api/entities?type=LOC&limit=200")["results"])
    if pair is None:
        pytest.skip("no pair of place names to merge in this store")
    return pair


def test_correct_an_entity_type_merge_it_and_undo_from_its_page(ui: UI, server: str) -> None:
    from selenium.webdriver.support.ui import Select

    short, full = _pair(server)
    ui.open(f"#/entity/{urllib.parse.quote(short)}")
    assert ui.css("#corrections-none") and not ui.css(".kicker .curated-badge")
    ui.click(ui.one("#corrections .fix-forms > summary"))
    Select(ui.one("#fix-type")).select_by_value("ORG")
    ui.go(lambda: ui.one("#fix-type-form button[type=submit]").click())
    assert ui.one(".kicker .type-badge").text.lower() == "organisation"  # CSS upper-cases it
    assert ui.css(".kicker .curated-badge")
    assert "Type set to Organisation" in ui.one("#corrections-list").text
    assert get_json(f"{server}/api/entities/{urllib.parse.quote(short)}")["type"] == "ORG"
    ui.screenshot("entity-corrected")

    ui.click(ui.one("#corrections .fix-forms > summary"))
    ui.one("#fix-merge").send_keys(full)
    ui.go(lambda: ui.one("#fix-merge-form button[type=submit]").click())
    assert ui.hash() == f"#/entity/{urllib.parse.quote(full)}"
    assert f"“{short}” merged into this entity" in ui.one("#corrections-list").text
    ui.allowed_console = ("status of 404",)  # the browser logs the refused fetch of the merged-away name itself
    ui.open(f"#/entity/{urllib.parse.quote(short)}")
    assert full in ui.one("#merged-into").text
    ui.screenshot("entity-merged-away")

    ui.open(f"#/entity/{urllib.parse.quote(full)}")
    ui.go(lambda: ui.click(ui.one("#corrections-list button[data-correction]")))
    assert ui.css("#corrections-none")
    ui.open(f"#/entity/{urllib.parse.quote(short)}")
    ui.go(lambda: ui.click(ui.one("#corrections-list button[data-correction]")))
    assert ui.css("#corrections-none") and not ui.css(".kicker .curated-badge")
    assert get_json(f"{server}/api/corrections")["results"] == []


def test_search_sort_links_order_the_hits(ui: UI, server: str) -> None:
    ui.open("#/search?q=gempa")
    assert ui.one("#search-sort strong").get_attribute("data-sort") == "relevance"
    for sort in ("newest", "oldest"):
        ui.go(lambda s=sort: ui.click(ui.one(f"#search-sort a[data-sort='{s}']")))
        assert _params(ui)["sort"] == sort
        want = [h["id"] for h in get_json(f"{server}/api/search?q=gempa&sort={sort}&limit=20")["results"]]
        got = [a.get_attribute("href").split("/article/")[1] for a in ui.css(".results .result h2 a")]
        assert got[:5] == [w for w in want if w in got][:5]
        assert ui.one("#search-sort strong").get_attribute("data-sort") == sort


def test_a_story_and_a_search_offer_their_atom_feeds(ui: UI, server: str) -> None:
    sid = get_json(f"{server}/api/stories?sort=coverage&limit=1")["results"][0]["id"]
    ui.open("#/search?q=gempa&language=id&sort=newest")
    feeds = [ui.one("#search-feed").get_attribute("href")]
    assert "sort=" not in feeds[0] and "q=gempa" in feeds[0] and "language=id" in feeds[0]
    ui.open(f"#/story/{sid}")
    feeds.append(ui.one("#story-feed").get_attribute("href"))
    assert ui.one("#export a[href^='#/quotes?story=']")
    for href in feeds:
        status, headers, body = get(href)
        assert status == 200 and headers["content-type"].startswith("application/atom+xml"), href
        assert b"<entry" in body
