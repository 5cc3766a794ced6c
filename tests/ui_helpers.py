"""Helpers for the browser tests of the web UI: a ``kronik serve`` subprocess and a headless Chromium.

Nothing is downloaded: Debian's ``/usr/bin/chromium`` and ``/usr/bin/chromedriver`` are used when
present (else the tests skip), and Selenium Manager is kept offline.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("KRONIK_UI_ARTIFACTS", ROOT / "tests" / "artifacts" / "ui"))
CHROMIUM = os.environ.get("KRONIK_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KRONIK_CHROMEDRIVER", "/usr/bin/chromedriver")

# An article written to attack the page: markup in the title, body, outlet and a javascript: URL.
XSS_MARK = "zzxss"
XSS_RECORD = {
    "title": f"Uji XSS <img src=x onerror=alert(1)> dan <script>alert('t')</script> {XSS_MARK}",
    "text": (
        "JAKARTA - Warga Jakarta melaporkan teks aneh <img src=x onerror=alert(1)> di papan pengumuman "
        f"pada Senin (14/3/2022) pagi, kata Budi Santoso {XSS_MARK}.\n\n"
        "\"Kami melihat tulisan <script>alert(document.cookie)</script> di sana,\" ujar Budi Santoso kepada wartawan.\n\n"
        "Petugas Dinas Kominfo DKI Jakarta <b onmouseover=alert(2)>memeriksa</b> papan tersebut pada Selasa (15/3/2022)."
    ),
    "url": "javascript:alert(3)",
    "date": "2022-03-16T09:00:00+07:00",
    "outlet": "Kabar <i>XSS</i>",
}


def browser_missing() -> str | None:
    """Why a headless Chromium cannot be driven here (None when it can)."""
    for exe in (CHROMIUM, CHROMEDRIVER):
        if not (Path(exe).is_file() and os.access(exe, os.X_OK)):
            return f"{exe} is not installed"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    return None


def server_missing() -> str | None:
    """Why `kronik serve` cannot run here (None when it can)."""
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        return "the API's dependencies (fastapi, uvicorn) are not installed"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 5.0, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, headers={"Accept": "*/*", **(headers or {})})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=timeout) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def get_json(url: str) -> Any:
    status, _, body = get(url)
    assert status == 200, (url, status, body[:300])
    return json.loads(body)


def build_store(db: Path, corpus: Path, extra: Path) -> None:
    """The example corpus plus the XSS article, ingested the way `kronik ingest` does."""
    from kronik.ingest import ingest
    from kronik.store.db import Store

    extra.write_text(json.dumps(XSS_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    store = Store(str(db))
    ingest([corpus, extra], store)
    with suppress(Exception):
        store.close()  # type: ignore[attr-defined]


@contextmanager
def serve(db: Path, data_dir: Path, timeout: float = 40.0, args: tuple[str, ...] = (),
          env_extra: dict[str, str] | None = None, probe_headers: dict[str, str] | None = None):
    """`kronik serve` on a free loopback port (``args``: more options; ``env_extra``: e.g. a token variable;
    ``probe_headers``: what the start-up probe of /api/stats sends, e.g. a read token); yields the base URL."""
    port = free_port()
    log = open(data_dir.parent / "serve.log", "wb")
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env_extra or {})}
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env.pop(var, None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kronik", "serve", "--db", str(db), "--port", str(port), "--data-dir", str(data_dir),
         *args],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"kronik serve exited ({proc.returncode}): "
                                   + (data_dir.parent / "serve.log").read_text(errors="replace")[-3000:])
            with suppress(OSError):
                if get(base + "/api/stats", timeout=1.0, headers=probe_headers)[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("kronik serve did not answer /api/stats in time")
            time.sleep(0.15)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log.close()


def chrome(width: int = 1280, height: int = 900):
    """A headless Debian Chromium driven by Debian's chromedriver (never downloaded)."""
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kronik-chrome-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--lang=en-US",
                f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(20)
    driver.implicitly_wait(0)
    driver._kronik_profile = profile  # type: ignore[attr-defined]
    return driver


def quit_chrome(driver: Any) -> None:
    with suppress(Exception):
        driver.quit()
    shutil.rmtree(getattr(driver, "_kronik_profile", ""), ignore_errors=True)


class UI:
    """A user's view of the single-page app: navigate, wait for a route to render, screenshot."""

    def __init__(self, driver: Any, base: str) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        self.d = driver
        self.base = base
        self.wait = WebDriverWait(driver, 10)
        self.allowed_console: tuple[str, ...] = ()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def ready_token(self) -> str:
        return self.d.execute_script("const m = document.getElementById('main'); return m ? (m.dataset.ready || '') : '';")

    def _wait_render(self, before: str) -> None:
        self.wait.until(lambda d: self.ready_token() not in ("", before))

    def open(self, route: str = "#/") -> None:
        """Load the app at a hash route (a fresh page load, even when only the hash differs)."""
        self.d.get("about:blank")
        self.d.get(f"{self.base}/{route}")
        self.wait.until(lambda d: self.ready_token() != "")

    def go(self, action) -> None:
        """Do something that changes the route (click a link, submit a form) and wait for the new page."""
        before = self.ready_token()
        action()
        self._wait_render(before)

    def css(self, sel: str):
        from selenium.webdriver.common.by import By

        return self.d.find_elements(By.CSS_SELECTOR, sel)

    def one(self, sel: str):
        from selenium.webdriver.common.by import By

        return self.d.find_element(By.CSS_SELECTOR, sel)

    def hash(self) -> str:
        return self.d.execute_script("return location.hash;")

    def click(self, el) -> None:
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'});", el)
        el.click()

    def hover(self, el) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'});", el)
        time.sleep(0.15)  # let the scroll event pass first: the page hides its tooltip on scroll
        ActionChains(self.d).move_to_element(el).perform()

    def tooltip(self) -> str:
        self.wait.until(lambda d: d.execute_script("const t = document.getElementById('tooltip'); return t && !t.hidden;"))
        return self.one("#tooltip").text

    def screenshot(self, name: str) -> Path:
        """A full-page PNG in the artifacts folder."""
        path = ARTIFACTS / f"{name}.png"
        w, h = self.d.get_window_size()["width"], self.d.get_window_size()["height"]
        full = int(self.d.execute_script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);"))
        self.d.set_window_size(w, min(max(full + 20, 600), 6000))
        try:
            self.d.save_screenshot(str(path))
        finally:
            self.d.set_window_size(w, h)
        return path

    def console_errors(self, allow: tuple[str, ...] = ()) -> list[str]:
        try:
            entries = self.d.get_log("browser")
        except Exception:
            return []
        return [e["message"] for e in entries
                if e.get("level") == "SEVERE" and not any(a in e["message"] for a in allow)]


@contextmanager
def serving(db: Path, tmp: Path):
    """`kronik serve` over ``db`` with a fresh upload folder under ``tmp``; yields the base URL."""
    data = tmp / "data"
    data.mkdir()
    with serve(db, data) as base:
        yield base


@contextmanager
def serving_copy(db: Path, tmp: Path):
    """`kronik serve` over a copy of ``db`` in ``tmp`` (for tests that write: corrections, uploads)."""
    copy = tmp / "kronik.db"
    shutil.copy(db, copy)
    with serving(copy, tmp) as base:
        yield base


def merge_pair(places: list[dict[str, Any]]) -> tuple[str, str] | None:
    """Two entity names where one is the other with words in front ('Kolaka', 'Kabupaten Kolaka'): a merge
    an analyst would make (None when the list has no such pair)."""
    names = {e["name"] for e in places}
    for e in places:
        for other in sorted(names):
            if other != e["name"] and other.endswith(" " + e["name"]):
                return e["name"], other
    return None


@contextmanager
def watched(driver: Any, base: str):
    """A :class:`UI` for one test that fails it on any browser console error the test did not allow
    (``ui.allowed_console``); errors left by earlier tests are drained first."""
    u = UI(driver, base)
    u.console_errors()
    yield u
    errors = u.console_errors(u.allowed_console)
    assert not errors, f"browser console errors: {errors}"


@pytest.fixture(scope="module")
def driver():
    """A headless Chromium for a test module (skipped when Debian's chromium/chromedriver are absent)."""
    if why := browser_missing():
        pytest.skip(why)
    d = chrome()
    yield d
    quit_chrome(d)


@pytest.fixture
def ui(driver, server):
    """A watched :class:`UI` over the test module's own ``server`` fixture (a base URL)."""
    with watched(driver, server) as u:
        yield u


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """The example corpus ingested into a SQLite store (skipped when the server cannot run here)."""
    if why := server_missing():
        pytest.skip(why)
    from kronik.ingest import ingest
    from kronik.store import Store

    db = tmp_path_factory.mktemp("example") / "kronik.db"
    store = Store(str(db))
    ingest([corpus_dir], store)
    store.engine.dispose()  # the last connection closed: the WAL is checkpointed, the file alone is the store
    return db
