"""A real `kronik serve` on loopback, attacked: Host header, cross-site writes, tokens and roles, limits,
huge offsets, deep JSON, lone surrogates, formula cells, chunked and oversized bodies, a fuzzed upload
endpoint.  Every answer must be a 4xx (never a 500) and carry the security headers.

The headless-Chromium part (cross-site writes from a page on another origin, the UI's token prompt) is in
``test_ui_security.py``.  Nothing here asserts a timing: ``kronik bench serve --abuse`` measures them.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from ui_helpers import ROOT, serve

httpx = pytest.importorskip("httpx")
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

WRITE_TOKEN = "w-" + "x" * 30
READ_TOKEN = "r-" + "y" * 30
CSRF = {"X-Kronik-Request": "1"}
SECURITY = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")




def _copy(db: Path, tmp: Path) -> Path:
    out = tmp / "kronik.db"
    shutil.copy(db, out)
    return out


class Seen:
    """Every response of a test: the checks that hold for all of them (no 500, security headers)."""

    def __init__(self, base: str, **client: Any) -> None:
        self.client = httpx.Client(base_url=base, timeout=30, **client)
        self.responses: list[httpx.Response] = []

    def __call__(self, method: str, url: str, **kw: Any) -> httpx.Response:
        r = self.client.request(method, url, **kw)
        self.responses.append(r)
        return r

    def check(self) -> None:
        bad = [(r.request.method, str(r.request.url)[:120], r.status_code) for r in self.responses if r.status_code >= 500]
        assert not bad, f"server errors: {bad}"
        for r in self.responses:
            missing = [h for h in SECURITY if h not in r.headers]
            assert not missing, (r.request.method, str(r.request.url)[:120], r.status_code, missing)
        self.client.close()


def _raw_get(base: str, target: str) -> tuple[int, dict[str, str]]:
    import http.client

    host, port = base.split("//")[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request("GET", target)
        r = conn.getresponse()
        r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}
    finally:
        conn.close()


def _search_soon(seen: Seen, q: str) -> list[dict[str, Any]]:
    """Search hits once new articles are visible (the search columns are rechecked about once a second)."""
    end = time.time() + 10
    while True:
        hits = seen("GET", "/api/search", params={"q": q}).json()["results"]
        if hits or time.time() > end:
            return hits  # type: ignore[no-any-return]
        time.sleep(0.2)


def _stats(seen: Seen, **kw: Any) -> dict[str, int]:
    r = seen("GET", "/api/stats", **kw)
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def _wait_job(seen: Seen, job: str, **kw: Any) -> dict[str, Any]:
    end = time.time() + 60
    while time.time() < end:
        r = seen("GET", f"/api/jobs/{job}", **kw).json()
        if r["state"] in ("done", "failed"):
            return r  # type: ignore[no-any-return]
        time.sleep(0.1)
    raise AssertionError("job did not finish")


@pytest.fixture(scope="module")
def open_server(example_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Default options (loopback, no token), a small upload limit and no write-rate limit."""
    tmp = tmp_path_factory.mktemp("open")
    db = _copy(example_db, tmp)
    data = tmp / "data"
    with serve(db, data, args=("--max-upload-mb", "1", "--write-rate", "0")) as base:
        yield base, data


# --------------------------------------------------------------------------- Host, CSRF, CORS

def test_host_header_must_be_allowed(open_server: tuple[str, Path]) -> None:
    base, _ = open_server
    seen = Seen(base)
    for host in ("evil.example", "evil.example:80", "127.0.0.1.evil.example", "[::2]"):
        r = seen("GET", "/api/stats", headers={"Host": host})
        assert r.status_code == 400, host
        r = seen("POST", "/api/cluster", json={}, headers={"Host": host, **CSRF})
        assert r.status_code == 400, host
    for host in ("127.0.0.1", "localhost", f"localhost:{base.rsplit(':', 1)[1]}"):
        assert seen("GET", "/api/stats", headers={"Host": host}).status_code == 200, host
    seen.check()


def test_cross_site_writes_are_refused(open_server: tuple[str, Path]) -> None:
    base, data = open_server
    seen = Seen(base)
    before = _stats(seen)
    rec = json.dumps({"articles": [{"title": "Serangan", "text": "Teks serangan lintas situs. " * 20}]})
    port = base.rsplit(":", 1)[1]
    attempts = [
        # what a page on another site can send without a preflight: no custom header
        ("POST", "/api/ingest", {"content": rec, "headers": {"Content-Type": "text/plain"}}),
        ("POST", "/api/ingest", {"content": rec, "headers": {"Content-Type": "application/json"}}),
        ("POST", "/api/ingest", {"files": [("files", ("a.txt", b"Judul\n\nIsi berita. " * 30, "text/plain"))]}),
        ("POST", "/api/cluster", {"content": "reset=true", "headers": {"Content-Type": "application/x-www-form-urlencoded"}}),
        ("POST", "/api/cluster", {"json": {"reset": True}}),
        # the header, but from another origin (or a sandboxed frame) or flagged cross-site by the browser
        ("POST", "/api/cluster", {"json": {}, "headers": {**CSRF, "Origin": "http://evil.example"}}),
        ("POST", "/api/cluster", {"json": {}, "headers": {**CSRF, "Origin": "null"}}),
        ("POST", "/api/cluster", {"json": {}, "headers": {**CSRF, "Origin": f"http://localhost:{int(port) + 1}"}}),
        ("POST", "/api/cluster", {"json": {}, "headers": {**CSRF, "Sec-Fetch-Site": "cross-site"}}),
        ("POST", "/api/ingest", {"content": rec, "headers": {**CSRF, "Content-Type": "text/plain"}}),
    ]
    for method, url, kw in attempts:
        r = seen(method, url, **kw)
        assert r.status_code in (403, 415), (url, kw.get("headers"), r.status_code, r.text)
    # CORS is off: a preflight gets no allow headers, a read gets no Access-Control-Allow-Origin
    r = seen("OPTIONS", "/api/ingest", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST",
                                                "Access-Control-Request-Headers": "x-kronik-request"})
    assert r.status_code == 403 and "access-control-allow-origin" not in r.headers
    r = seen("GET", "/api/stats", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    assert _stats(seen) == before
    assert not [p for p in (data / "uploads").iterdir()], "a refused upload left a folder behind"
    # the same-origin UI's request goes through
    r = seen("POST", "/api/cluster", json={}, headers={**CSRF, "Origin": base})
    assert r.status_code == 200, r.text
    seen.check()


# --------------------------------------------------------------------------- limits and odd input

HUGE = str(2**63)


def test_abuse_list_gets_4xx_with_headers(open_server: tuple[str, Path]) -> None:
    base, _ = open_server
    seen = Seen(base)
    lists = ["/api/stories", "/api/events", "/api/articles", "/api/entities", "/api/quotes", "/api/search"]
    for url in lists:
        for params in ({"offset": HUGE}, {"offset": "-1"}, {"offset": str(10**40)}, {"limit": HUGE}, {"limit": "abc"}):
            assert seen("GET", url, params=params).status_code == 400, (url, params)
    for params in ({"q": "gempa", "from": "2021-01-01T00:00:00", "offset": HUGE},
                   {"q": "gempa", "from": "2021-01-01T00:00:00+07:00", "offset": "10001"},
                   {"q": "x" * 60_000}, {"q": " ".join(f"w{i}" for i in range(200))},
                   {"q": " OR ".join(f"kata{i}" for i in range(40))}, {"outlet": "o" * 5000}):
        r = seen("GET", "/api/search", params=params)
        assert r.status_code == 400, (str(params)[:80], r.status_code, r.text[:200])
    assert seen("GET", "/api/export", params={"format": "csv", "q": "x" * 5000}).status_code == 400
    status, headers = _raw_get(base, "/api/search?q=" + "kata%20" * 17_000)  # 100 KB: past httpx's URL limit
    assert status == 400 and all(h in headers for h in SECURITY), (status, headers)
    assert seen("GET", "/api/export", params={"format": "csv", "q": " ".join(f"w{i}" for i in range(50))}).status_code == 400
    # a lone surrogate or odd bytes in a parameter are just text
    for raw in ("/api/search?q=%ED%A0%80", "/api/search?q=%ff%fe", "/api/entities/%ED%A0%80", "/api/stories?q=%00",
                "/api/search?q=%22%22%22", "/api/search?q=-", "/api/search?q=*", "/api/search?q=OR"):
        assert seen("GET", raw).status_code in (200, 404), raw
    # unknown routes and methods
    assert seen("GET", "/api/nope").status_code == 404
    assert seen("DELETE", "/api/stats", headers=CSRF).status_code == 405
    assert seen("GET", "/api/cluster").status_code == 405
    seen.check()


def test_bodies_are_bounded_and_checked(open_server: tuple[str, Path]) -> None:
    base, data = open_server
    seen = Seen(base, headers=CSRF)
    before = _stats(seen)
    deep = ("[" * 100_000 + "]" * 100_000).encode()
    assert seen("POST", "/api/cluster", content=deep, headers={"Content-Type": "application/json"}).status_code in (413, 400)
    deep_small = "[" * 40 + "]" * 40
    r = seen("POST", "/api/ingest", content=f'{{"articles": [{{"x": {deep_small}}}]}}', headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and "deeper" in r.text
    r = seen("POST", "/api/ingest", content=b'{"articles": [' + b"[" * 100_000 + b"]", headers={"Content-Type": "application/json"})
    assert r.status_code in (413, 400)
    for body in ({"reset": "false"}, {"reset": "true"}, {"reset": 1}, {"reset": None}, {"reset": False, "extra": 1}, [], "x"):
        r = seen("POST", "/api/cluster", json=body)
        assert r.status_code == 400, (body, r.status_code)
    assert seen("POST", "/api/cluster", content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 400
    assert seen("POST", "/api/cluster", content=b'{"reset": false}', headers={"Content-Type": "text/plain"}).status_code == 415
    # over the size limit: by Content-Length before reading, and chunked as soon as it passes the limit
    big = b"a" * (3 * 1024 * 1024)
    assert seen("POST", "/api/ingest", content=big, headers={"Content-Type": "application/json"}).status_code == 413

    def chunks() -> Iterator[bytes]:
        yield b'{"articles": [{"text": "'
        for _ in range(300):
            yield b"a" * 65536  # ~20 MB if it were all read
        yield b'"}]}'

    assert seen("POST", "/api/ingest", content=chunks(), headers={"Content-Type": "application/json"}).status_code == 413
    files = [("files", ("big.txt", big, "text/plain"))]
    assert seen("POST", "/api/ingest", files=files).status_code == 413
    assert seen("POST", "/api/ingest", content=b"x", headers={"Content-Type": "multipart/form-data; boundary=zz"}).status_code == 400
    many = {"articles": [{"title": f"t{i}", "text": "isi"} for i in range(6000)]}
    assert seen("POST", "/api/ingest", json=many).status_code == 400
    assert _stats(seen) == before
    assert not list((data / "uploads").iterdir())
    seen.check()


def test_lone_surrogate_record_is_a_problem_and_the_rest_is_stored(open_server: tuple[str, Path]) -> None:
    base, data = open_server
    seen = Seen(base, headers=CSRF)
    before = _stats(seen)
    good = {"title": "Banjir Rendam Kampung Pulo", "outlet": "Kompas.com", "date": "2022-02-03",
            "text": "JAKARTA - Banjir merendam ratusan rumah di Kampung Pulo pada Kamis pagi. " * 4}
    # escaped, so valid JSON; the good record twice (an article listed twice is one article, both in its sources)
    body = json.dumps({"articles": [{"title": "Rusak \ud800", "text": "isi \udfff " * 30}, good, good]})
    r = seen("POST", "/api/ingest", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    job = _wait_job(seen, r.json()["job"])
    assert job["state"] == "done" and job["articles"] == 1, job
    assert [p["source"] for p in job["problems"]] == ["articles#1"] and job["problems"][0]["reason"] == "undecodable"
    assert _stats(seen)["articles"] == before["articles"] + 1
    # the stored source is the upload's name, not the server's path to it; the upload is gone
    hit = _search_soon(seen, "Kampung Pulo")[0]
    art = seen("GET", f"/api/articles/{hit['id']}").json()
    assert art["source"] == "articles#2", art["source"]
    assert not any(str(data) in x or "uploads" in x for x in art.get("sources", [])), art.get("sources")
    assert not list((data / "uploads").iterdir())
    seen.check()


def test_csv_export_escapes_formula_cells(open_server: tuple[str, Path], tmp_path: Path) -> None:
    import csv
    import io

    base, _ = open_server
    seen = Seen(base, headers=CSRF)
    evil = {"title": "=HYPERLINK(\"http://evil.example\",\"klik\")", "outlet": "@Outlet", "date": "2022-03-01",
            "text": "-2+3 warga Kampung Rumus melaporkan banjir yang merendam ratusan rumah pada Senin pagi, kata "
                    "petugas setempat kepada wartawan.\n\nPetugas BPBD mengevakuasi warga lanjut usia ke posko "
                    "pengungsian di masjid setempat hingga sore hari.\n\n\"Air mulai masuk ke rumah sekitar pukul "
                    "04.00 WIB,\" kata Ketua RT 05, Sutrisno, kepada wartawan."}
    r = seen("POST", "/api/ingest", json={"articles": [evil]})
    assert _wait_job(seen, r.json()["job"])["articles"] == 1
    assert _search_soon(seen, "rumus")
    r = seen("GET", "/api/export", params={"format": "csv", "q": "rumus"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and r.status_code == 200
    row = rows[0]
    assert row["title"].startswith("'=HYPERLINK") and row["outlet"] == "'@Outlet" and row["text"].startswith("'-2+3")
    for cells in rows:
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in cells.values())
    seen.check()


def test_fuzzed_uploads_never_fail_the_server(open_server: tuple[str, Path]) -> None:
    base, data = open_server
    seen = Seen(base, headers=CSRF)
    rng = random.Random(15)
    names = ["../../etc/passwd", "..", "", "a" * 400 + ".txt", "x\x00y.txt", "\u202e.txt", "C:\\win\\x.html", "ok.jsonl",
             "%2e%2e%2f.txt", "файл.csv", "a.gz", "con.txt"]
    blobs = [b"", b"\x00" * 100, b"\xff\xfe" + "teks".encode("utf-16-le"), b"\x1f\x8b\x08\x00garbage", b'{"title": 1}\n[1,2]\n',
             b"id,title\n1,\xff\xff\n", b"Judul\n\nIsi berita yang cukup panjang untuk dibaca. " * 20,
             b"<html><body><script>alert(1)</script><p>" + b"kata " * 200 + b"</p></body></html>"]
    for i in range(40):
        kind = rng.random()
        if kind < 0.6:
            files = [("files" if rng.random() < 0.9 else "other",
                      (rng.choice(names), rng.choice(blobs) + bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 64))),
                       rng.choice(["text/plain", "application/octet-stream", "text/html", "", "x/\r\ny"])))
                     for _ in range(rng.randint(1, 4))]
            r = seen("POST", "/api/ingest", files=files)
        elif kind < 0.8:
            payload = rng.choice([{"articles": [{"title": rng.choice(names), "text": "\ud800" * rng.randint(0, 3)}]},
                                  {"articles": [1, 2]}, {"articles": []}, {"articles": [{"text": None}]}, [], "x", 1.5e308])
            r = seen("POST", "/api/ingest", json=payload)
        else:
            boundary = "b" + str(rng.getrandbits(32))
            raw = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{rng.choice(names)}\"\r\n"
                   f"Content-Type: text/plain\r\n\r\n").encode() + rng.choice(blobs)
            if rng.random() < 0.5:
                raw += f"\r\n--{boundary}--\r\n".encode()
            r = seen("POST", "/api/ingest", content=raw, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert r.status_code in (200, 400, 413, 415), (i, r.status_code, r.text[:300])
        if r.status_code == 200:
            job = _wait_job(seen, r.json()["job"])
            assert job["state"] == "done", job
            assert not any(str(data) in json.dumps(p) for p in job["problems"]), job["problems"]
    # nothing stays in the upload folder, and no stored source names a server path
    assert not list((data / "uploads").iterdir())
    from kronik.store import Store

    for r in seen.responses:
        assert str(data) not in r.text
    store = Store(str(data.parent / "kronik.db"))
    assert not [a.source for a in store.articles() if str(data) in a.source or "uploads/" in a.source]
    seen.check()


# --------------------------------------------------------------------------- tokens and roles

def test_tokens_roles_and_write_rate(example_db: Path, tmp_path: Path) -> None:
    db = _copy(example_db, tmp_path)
    token_file = tmp_path / "tokens"
    token_file.write_text(f"# tokens\nread:{READ_TOKEN}\n")
    token_file.chmod(0o600)
    env = {"KRONIK_WRITE_TOKEN": WRITE_TOKEN}
    auth_r = {"Authorization": f"Bearer {READ_TOKEN}"}
    auth_w = {"Authorization": f"Bearer {WRITE_TOKEN}"}
    with serve(db, tmp_path / "data", args=("--token-file", str(token_file), "--write-rate", "30"), env_extra=env,
               probe_headers=auth_r) as base:
        seen = Seen(base)
        r = seen("GET", "/api/stats")
        assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
        assert seen("GET", "/api/stats", headers={"Authorization": "Bearer " + "z" * 32}).status_code == 401
        assert seen("GET", "/api/stats", headers={"Authorization": READ_TOKEN}).status_code == 401  # no scheme
        assert seen("GET", "/openapi.json").status_code == 401
        assert seen("GET", "/").status_code == 200  # the page itself is public: it asks for the token
        assert seen("GET", "/api/stats", headers=auth_r).status_code == 200
        assert seen("GET", "/api/stats", headers=auth_w).status_code == 200
        # writes: the write token only (a bearer token also satisfies the anti-CSRF rule)
        assert seen("POST", "/api/cluster", json={}, headers=CSRF).status_code == 401
        assert seen("POST", "/api/cluster", json={}, headers={**CSRF, **auth_r}).status_code == 403
        assert seen("POST", "/api/cluster", json={}, headers={"Authorization": f"Bearer {WRITE_TOKEN}x"}).status_code == 401
        assert seen("POST", "/api/cluster", json={}, headers=auth_w).status_code == 200
        # the write rate: bursts of 20, then 429 with Retry-After
        codes = [seen("POST", "/api/cluster", json={"reset": "no"}, headers=auth_w).status_code for _ in range(25)]
        assert 429 in codes and set(codes) <= {400, 429}
        assert int(seen.responses[-1].headers.get("retry-after", "1")) >= 1
        seen.check()
    log = (tmp_path / "serve.log").read_text()
    assert WRITE_TOKEN not in log and READ_TOKEN not in log
    assert "reads need a token" in log and "writes need the write token" in log


def test_beyond_loopback_is_read_only_without_a_write_token(example_db: Path, tmp_path: Path) -> None:
    """The policy of a server bound to all interfaces, checked in-process (no socket beyond loopback)."""
    from fastapi.testclient import TestClient

    from kronik.api import create_app
    from kronik.api.security import Policy

    for host in ("0.0.0.0", "192.168.1.20", "::"):
        policy = Policy.for_bind(host)
        assert not policy.writes and any("DISABLED" in line for line in policy.describe(host))
        assert any("anyone who can reach" in line for line in policy.describe(host))
    assert Policy.for_bind("0.0.0.0", write_tokens=[WRITE_TOKEN]).writes
    assert not Policy.for_bind("127.0.0.1", read_only=True).writes
    policy = Policy.for_bind("0.0.0.0", allow_hosts=["kronik.example"])
    app = create_app(str(_copy(example_db, tmp_path)), data_dir=tmp_path / "data", policy=policy)
    with TestClient(app, base_url="http://kronik.example") as client:
        assert client.get("/api/stats").status_code == 200
        r = client.post("/api/cluster", json={}, headers=CSRF)
        assert r.status_code == 403 and "read-only" in r.json()["detail"]
        assert all(h in r.headers for h in SECURITY)


def test_token_file_and_short_tokens_are_checked(example_db: Path, tmp_path: Path) -> None:
    loose = tmp_path / "tokens"
    loose.write_text(WRITE_TOKEN + "\n")
    loose.chmod(0o644)
    for args, env, expect in (
        (["--token-file", str(loose)], {}, "readable by other users"),
        (["--token", "sh0rtTok"], {}, "at least 16 characters"),
        ([], {"KRONIK_WRITE_TOKEN": "sh0rtTok"}, "at least 16 characters"),
    ):
        r = subprocess.run([sys.executable, "-m", "kronik", "serve", "--db", str(example_db), "--port", "1", *args],
                           capture_output=True, text=True, timeout=60, cwd=ROOT, env=_env(env))
        assert r.returncode == 2 and expect in r.stderr and "Traceback" not in r.stderr, r.stderr[-500:]
        assert "sh0rtTok" not in r.stderr and WRITE_TOKEN not in r.stderr  # a token is never echoed


def _env(extra: dict[str, str]) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("KRONIK_")}
    return {**env, "NO_COLOR": "1", "COLUMNS": "200", **extra}


# --------------------------------------------------------------------------- the CLI's errors

def _kronik(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kronik", *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env=_env({}))


def _damage_pages(db: Path, tables: tuple[str, ...]) -> None:
    """Overwrite the root pages of `tables` with random bytes: the command under test reads them, so
    the damage is met whatever the file's layout (a fixed byte offset hit unused pages in some builds)."""
    with closing(sqlite3.connect(db)) as con:
        size = con.execute("PRAGMA page_size").fetchone()[0]
        marks = ",".join("?" * len(tables))
        roots = [r for (r,) in con.execute(f"SELECT rootpage FROM sqlite_master WHERE name IN ({marks})", tables)]
    assert len(roots) == len(tables)
    noise = random.Random(1)
    with db.open("r+b") as fh:
        for root in roots:
            fh.seek((root - 1) * size)
            fh.write(bytes(noise.getrandbits(8) for _ in range(size)))


def test_cli_errors_are_messages_with_exit_codes(example_db: Path, tmp_path: Path) -> None:
    r = _kronik("search", "gempa", "--db", str(example_db), "--offset", str(2**64))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = _kronik("search", " ".join(f"w{i}" for i in range(40)), "--db", str(example_db))
    assert r.returncode == 2 and "at most 32" in r.stderr and "Traceback" not in r.stderr
    missing = tmp_path / "nope.db"
    for cmd in (["search", "gempa"], ["export", "--format", "csv"], ["serve", "--port", "1"]):
        r = _kronik(*cmd, "--db", str(missing))
        assert r.returncode == 3 and "no store at" in r.stderr and "Traceback" not in r.stderr, (cmd, r.stderr[-400:])
    assert not missing.exists()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(example_db.read_bytes())
    _damage_pages(damaged, ("articles", "search_fts_data", "search_fts_idx"))  # a search reads these
    junk = tmp_path / "junk.db"
    junk.write_bytes(bytes(random.Random(2).getrandbits(8) for _ in range(5000)))
    with serve(damaged, tmp_path / "data") as base:  # a server over it says so at start-up (503 on damaged pages)
        seen = Seen(base)
        assert seen("GET", "/api/search", params={"q": "gempa"}).status_code in (200, 503)
        end = time.time() + 30
        while "damaged" not in (tmp_path / "serve.log").read_text() and time.time() < end:
            time.sleep(0.2)
        assert "WARNING: the database file is damaged" in (tmp_path / "serve.log").read_text()
        seen.responses.clear()  # a 503 is the right answer here
        seen.check()
    _damage_pages(damaged, ("documents",))  # an ingest reads this first (which documents are stored)
    for db in (damaged, junk):
        r = _kronik("search", "gempa", "--db", str(db))
        assert r.returncode == 3 and "damaged" in r.stderr and "Traceback" not in r.stderr, r.stderr[-400:]
        r = _kronik("ingest", str(ROOT / "examples" / "corpus" / "text"), "--db", str(db), "-q")
        assert r.returncode == 3 and "damaged" in r.stderr and "Traceback" not in r.stderr, r.stderr[-400:]
    out = tmp_path / "out.csv"
    r = _kronik("export", "--db", str(example_db), "--format", "csv", "-o", str(out))
    assert r.returncode == 0
    import csv

    for row in csv.DictReader(out.open(encoding="utf-8")):
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


def test_error_mapping_is_one_table() -> None:
    from kronik import errors

    assert errors.translate(OSError(28, "No space left on device")).exit_code == 4  # type: ignore[union-attr]
    assert errors.translate(errors.StoreError("batch rolled back: database or disk is full")).http_status == 507  # type: ignore[union-attr]
    assert isinstance(errors.translate(errors.StoreError("x: file is not a database")), errors.StoreCorrupt)
    assert errors.translate(ValueError("a bug")) is None
    assert errors.NotFound("x").http_status == 404 and errors.QueryTooLarge("x").http_status == 400


def test_dask_scheduler_security(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """tcp:// beyond loopback is warned about; tls:// needs certificates (Dask's config) or a Security given."""
    pytest.importorskip("distributed")
    import dask

    from kronik.engines.dask import connection_security

    with caplog.at_level("WARNING", logger="kronik.engines.dask"):
        assert connection_security("tcp://127.0.0.1:8786") is None and not caplog.records
        assert connection_security("tcp://10.1.2.3:8786") is None
    assert "unauthenticated" in caplog.text
    with dask.config.set({"distributed.comm.tls.ca-file": None, "distributed.comm.tls.client.cert": None}), \
            pytest.raises(ValueError, match="needs certificates"):
        connection_security("tls://10.1.2.3:8786")
    given = object()
    assert connection_security("tls://10.1.2.3:8786", given) is given
    with dask.config.set({"distributed.comm.tls.ca-file": "/ca.pem", "distributed.comm.tls.client.cert": "/c.pem",
                          "distributed.comm.tls.client.key": "/k.pem"}):
        sec = connection_security("tls://10.1.2.3:8786")
    assert sec.tls_ca_file == "/ca.pem" and sec.tls_client_cert == "/c.pem"


def test_search_and_export_slots_answer_429(example_db: Path, tmp_path: Path) -> None:
    """When the per-client search slots or the export slots are taken, the answer is 429 with Retry-After."""
    from fastapi.testclient import TestClient

    from kronik.api import create_app
    from kronik.api.security import Limits

    app = create_app(str(_copy(example_db, tmp_path)), data_dir=tmp_path / "data",
                     limits=Limits(searches_per_client=0, max_exports=1))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        r = client.get("/api/search", params={"q": "gempa"})
        assert r.status_code == 429 and r.headers["retry-after"] == "1" and all(h in r.headers for h in SECURITY)
        assert client.get("/api/export", params={"format": "csv"}).status_code == 200
        assert client.get("/api/export", params={"format": "parquet"}).status_code == 200  # the slot came back
        app.state.export_slots.acquire()  # an export in progress
        r = client.get("/api/export", params={"format": "jsonl"})
        assert r.status_code == 429 and all(h in r.headers for h in SECURITY)


def test_a_configured_cors_origin_may_call_the_api(example_db: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from kronik.api import create_app
    from kronik.api.security import Policy

    dash = "https://dash.example.org"
    policy = Policy.for_bind("127.0.0.1", cors_origins=[dash + "/"], write_tokens=[WRITE_TOKEN])
    app = create_app(str(_copy(example_db, tmp_path)), data_dir=tmp_path / "data", policy=policy)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        r = client.options("/api/cluster", headers={"Origin": dash, "Access-Control-Request-Method": "POST",
                                                    "Access-Control-Request-Headers": "authorization, content-type"})
        assert r.status_code == 204 and r.headers["access-control-allow-origin"] == dash
        assert "Authorization" in r.headers["access-control-allow-headers"]
        r = client.get("/api/stats", headers={"Origin": dash})
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == dash
        assert client.post("/api/cluster", json={}, headers={"Origin": dash}).status_code == 401  # still the token
        r = client.post("/api/cluster", json={}, headers={"Origin": dash, "Authorization": f"Bearer {WRITE_TOKEN}"})
        assert r.status_code == 200 and r.headers["access-control-allow-origin"] == dash
        r = client.post("/api/cluster", json={}, headers={"Origin": "https://other.example",
                                                          "Authorization": f"Bearer {WRITE_TOKEN}"})
        assert r.status_code == 403 and "access-control-allow-origin" not in r.headers


def test_time_budget_interrupts_sqlite_work(example_db: Path) -> None:
    """Past its budget a statement is interrupted by SQLite and reported as OverBudget (the API's 503)."""
    from sqlalchemy.exc import OperationalError

    from kronik import errors
    from kronik.store import Store
    from kronik.store.db import time_budget

    store = Store(str(example_db))
    slow = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) SELECT count(*) FROM c"
    with store.engine.connect() as conn, time_budget(0.05), pytest.raises(OperationalError) as caught:
        conn.exec_driver_sql(slow).scalar()
    known = errors.translate(caught.value)
    assert isinstance(known, errors.OverBudget) and known.http_status == 503
    with store.engine.connect() as conn:  # outside the block: no budget
        assert conn.exec_driver_sql("SELECT count(*) FROM articles").scalar() == 92
