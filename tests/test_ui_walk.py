"""Every page of the web UI at desktop and phone sizes, on the example corpus plus the real Detik day in
shared data (issue 16): each is rendered, saved as a screenshot under build/screenshots/ (git-ignored;
KRONIK_SCREENSHOTS moves it) and checked with axe-core for serious or critical accessibility violations.

axe-core comes from npm at install time (package.json; scripts/setup.sh runs ``npm ci``); without
node_modules the accessibility test skips with that reason.  Nothing is downloaded at run time.  The
walk also covers the features of this part of the issue: the home page's "today" strip, an event's
perspectives and a near-copy's diff, and the UI in Indonesian (?lang=id) with dates in Indonesian.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from ui_helpers import ROOT, UI, get_json, server_missing, serving, watched

DETIK = "real-news/detik-2025-10-20.csv"
SHOTS = Path(os.environ.get("KRONIK_SCREENSHOTS", ROOT / "build" / "screenshots"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, shared_data: Path):
    """`kronik serve` over the example corpus and the Detik day, ingested as `kronik ingest` does (skipped
    without the day); yields the base URL."""
    if why := server_missing():
        pytest.skip(why)
    detik = shared_data / DETIK
    if not detik.is_file():
        pytest.skip(f"{detik} is absent")
    from kronik.ingest import ingest
    from kronik.store import Store

    tmp = tmp_path_factory.mktemp("walk")
    store = Store(str(tmp / "kronik.db"))
    ingest([corpus_dir, detik], store)
    store.engine.dispose()
    with serving(tmp / "kronik.db", tmp) as base:
        yield base


@pytest.fixture
def ui(driver, server):
    """The page at desktop size again after each test (the walk resizes it)."""
    with watched(driver, server) as u:
        yield u
    driver.set_window_size(*SIZES["desktop"])


def _targets(base: str) -> dict[str, str]:
    """One address per page, the richest of its kind: the most covered story, the event with most copies."""
    story = get_json(base + "/api/stories?sort=coverage&limit=1")["results"][0]["id"]
    events = get_json(base + "/api/events?limit=200")["results"]
    details = [get_json(f"{base}/api/events/{e['id']}") for e in sorted(events, key=lambda e: -e["n_articles"])[:25]]
    event = max(details, key=lambda e: (sum(bool(a["duplicate_of"]) for a in e["articles"]), len(e["coverage"])))
    article = next(a["id"] for a in event["articles"] if not a["duplicate_of"])
    person = get_json(base + "/api/entities?type=PER&limit=1")["results"][0]["name"]
    return {"home": "#/", "story": f"#/story/{story}", "event": f"#/event/{event['id']}", "article": f"#/article/{article}",
            "entity": f"#/entity/{person}", "search": "#/search?q=gubernur", "quotes": "#/quotes", "upload": "#/upload"}


def _open(ui: UI, page: str, route: str) -> None:
    ui.open(route)
    if page == "event":  # the first near-copy's diff, open and loaded
        ui.d.execute_script("const d = document.querySelector('details.diff'); if (d) d.open = true;")
        ui.wait.until(lambda d: d.execute_script(
            "const d = document.querySelector('details.diff'); return !d || d.dataset.ready === '1';"))


def _quotes_page_present(ui: UI) -> bool:
    """The quotes explorer is another part of the issue: walked when the build has it."""
    ui.open("#/quotes")
    return not ui.css(".error-page")


def _walk(ui: UI, each: Callable[[str, str], None]) -> list[str]:
    targets = _targets(ui.base)
    if not _quotes_page_present(ui):
        targets.pop("quotes")
    done = []
    for size, (w, h) in SIZES.items():
        ui.d.set_window_size(w, h)
        for page, route in targets.items():
            _open(ui, page, route)
            each(size, page)
            done.append(f"{size}-{page}")
    return done


def _axe_serious(ui: UI) -> list[str]:
    """axe-core's serious and critical violations on the page shown, one line each (none: an empty list)."""
    ui.d.execute_script(AXE.read_text(encoding="utf-8"))  # injected over the driver (not a page script: the CSP stays as served)
    ui.d.set_script_timeout(60)
    result = ui.d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then((r) => done(JSON.stringify(r.violations)),"
        " (e) => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));")
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:3])
            for v in json.loads(result) if v.get("impact") in SERIOUS]


def test_walk_every_page_at_desktop_and_phone_sizes_with_screenshots(ui: UI) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def shoot(size: str, page: str) -> None:
        assert ui.one("h1").text.strip(), (size, page)
        assert not ui.css(".error-page"), (size, page, ui.one("h1").text)
        width = ui.d.execute_script("return document.documentElement.scrollWidth;")
        assert width <= ui.d.execute_script("return window.innerWidth;") + 1, f"{size} {page}: scrolls sideways ({width} px)"
        path = SHOTS / f"{size}-{page}.png"
        ui.screenshot(f"walk-{size}-{page}").replace(path)  # a full-page PNG, moved to its stated place
        saved.append(path)

    done = _walk(ui, shoot)
    assert {"desktop-home", "phone-home", "desktop-event", "phone-upload"} <= set(done)
    assert all(p.stat().st_size > 5000 for p in saved)
    print("screenshots:", *sorted(str(p) for p in saved), sep="\n  ")


def test_no_serious_or_critical_accessibility_violations_on_any_page(ui: UI) -> None:
    if not AXE.is_file():
        pytest.skip(f"{AXE.relative_to(ROOT)} is absent: run `npm ci` (scripts/setup.sh does) to install axe-core")
    found: dict[str, list[str]] = {}

    def check(size: str, page: str) -> None:
        if bad := _axe_serious(ui):
            found[f"{size}-{page}"] = bad

    done = _walk(ui, check)
    assert len(done) >= 14
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_today_strip_shows_the_biggest_events_of_the_latest_day(ui: UI) -> None:
    today = get_json(ui.base + "/api/today")
    assert today["day"] == "2025-10-20"  # the Detik day is the latest in this store
    sizes = [e["n_articles"] for e in today["results"]]
    assert sizes == sorted(sizes, reverse=True) and sizes
    ui.open("#/")
    strip = ui.one("#today")
    assert "20 Oct 2025" in strip.find_element("css selector", "h2").text
    links = [a.get_attribute("href").split("#")[1] for a in ui.css("#today .today-card h3 a")]
    assert links == [f"/event/{e['id']}" for e in today["results"][:6]]
    # above the ranked stories
    assert ui.d.execute_script("return document.getElementById('today').compareDocumentPosition(document.querySelector('.story-list')) & 4;")


def test_event_shows_each_outlets_coverage_and_a_copys_diff(ui: UI) -> None:
    targets = _targets(ui.base)
    ev = get_json(ui.base + "/api/events/" + targets["event"].split("/")[-1])
    _open(ui, "event", targets["event"])
    cards = ui.css("#perspectives .perspective")
    assert len(cards) == min(12, len({a["outlet"] or "" for a in ev["articles"]}))
    assert all(c.find_elements("css selector", ".persp-title a") for c in cards)
    copies = [a for a in ev["articles"] if a["duplicate_of"]]
    assert copies, "the walk's event has near-copies"
    diff = ui.one("details.diff")
    stats = diff.find_element("css selector", ".diff-stats").text
    assert "words removed" in stats and "paragraphs unchanged" in stats
    # changes are marked for screen readers, not only by colour
    for tag, word in (("del", "removed:"), ("ins", "added:")):
        for el in diff.find_elements("css selector", f".diff-text {tag}")[:3]:
            assert el.find_element("css selector", ".visually-hidden").get_attribute("textContent").strip() == word
    assert diff.find_element("css selector", ".diff-text").get_attribute("lang") == "id"


def test_the_ui_speaks_indonesian_when_asked_and_keeps_it(ui: UI) -> None:
    ui.open("#/")
    assert ui.d.execute_script("return document.documentElement.lang;") == "en"
    switch = ui.one("#lang-switch")
    assert switch.text == "Bahasa Indonesia" and switch.get_attribute("lang") == "id"
    ui.d.get(f"{ui.base}/?lang=id#/")
    ui.wait.until(lambda d: ui.ready_token() != "")
    try:
        assert ui.d.execute_script("return document.documentElement.lang;") == "id"
        assert ui.one("h1").text == "Kisah"
        assert ui.one('[data-nav="search"]').text == "Cari"
        assert "Hari ini: 20 Okt 2025" in ui.one("#today h2").text  # Indonesian month names
        assert "?lang" not in ui.d.current_url  # kept in the cookie, not the address
        ui.open("#/")  # a fresh load without ?lang= stays Indonesian
        assert ui.one("h1").text == "Kisah"
        assert ui.one("#lang-switch").text == "English"
        SHOTS.mkdir(parents=True, exist_ok=True)
        ui.screenshot("walk-id-home").replace(SHOTS / "desktop-home-id.png")
        ui.open(_targets(ui.base)["story"])
        assert ui.css(".jump-links a")[0].text == "Ringkasnya"
        ui.screenshot("walk-id-story").replace(SHOTS / "desktop-story-id.png")
        _walk_indonesian_pages(ui, _targets(ui.base))
    finally:
        ui.d.get(f"{ui.base}/?lang=en#/")
        ui.wait.until(lambda d: ui.ready_token() != "")
    assert ui.one("h1").text == "Stories"


def _walk_indonesian_pages(ui: UI, targets: dict[str, str]) -> None:
    """Search, entity, quotes explorer and upload in Indonesian: a translated heading and label on each, the
    page's language still "id" while quoted article text keeps its own, a screenshot, and (with axe-core) no
    serious or critical accessibility violation in this language either."""
    # page -> (CSS selector, the start of its Indonesian text)
    checks = {
        "search": [("h1", "Cari: "), (".facets summary", "Saringan"), ("#search-sort", "Urutkan: ")],
        "entity": [("#mentions-h", "Sebutan dari waktu ke waktu"), ("#corrections-h", "Koreksi"), (".kicker .type-badge", "Orang"),
                   ("label[for=fix-merge]", "Entitas yang sama dengan")],
        "quotes": [("h1", "Kutipan"), ("label[for=quotes-speaker]", "Narasumber"), ("#quote-table th:last-child", "Paragraf sumber")],
        "upload": [("h1", "Unggah artikel"), ("#ingest-h", "Pemasukan"), ("label[for=files]", "Berkas (HTML")],
    }
    found: dict[str, list[str]] = {}
    for page, wanted in checks.items():
        ui.open(targets[page])
        assert not ui.css(".error-page"), page
        assert ui.d.execute_script("return document.documentElement.lang;") == "id", page
        for sel, start in wanted:
            text = ui.d.execute_script("return document.querySelector(arguments[0]).textContent;", sel)
            assert text.strip().startswith(start), (page, sel, text)
        ui.screenshot(f"walk-id-{page}").replace(SHOTS / f"desktop-{page}-id.png")
        if AXE.is_file() and (bad := _axe_serious(ui)):
            found[page] = bad
    ui.open(targets["quotes"])
    quotes = ui.css("#quote-table blockquote")
    assert quotes and all(q.get_attribute("lang") in ("id", "en") for q in quotes)  # each quote marked with its language
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
