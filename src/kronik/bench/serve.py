"""``kronik bench serve``: search and story-page latency over HTTP on a store of N synthetic articles.

**The store** (built once per size and seed, then reused: ``--db``, with a ``.meta.json`` beside it) holds
the synthetic stream of :mod:`kronik.bench.synth` (real IndoSum bodies, with near and exact copies at the
generator's rates; beyond about 3.4k distinct bodies every further article is a copy, so at 100k stories
are large, which is the hard case for story pages and for search totals and facets).  Extraction is
skipped (each article is its document's gold title, outlet, date and body), and annotation runs once per
*source body*: entities and quotes of a body are carried over to its copies wherever their text still
occurs.  Articles go through :meth:`Store.write_batch` with their corpus features, like ingest, then one
corpus pass (:func:`kronik.corpus.incremental.update_store`) builds duplicates, events and stories.

**The load**: ``kronik serve`` runs in a second process on loopback; this process loads each page of
:data:`PAGES` (home, a story, the quotes explorer, a search: one line each), ``concurrency`` loads at a
time.  Searches are ``searches`` (one to three words drawn from the corpus's titles, some in affixed forms, a third with an
outlet, date-range, language or entity filter, a few on page 2) and ``story_pages`` story-page requests
(random stories, and the ten largest), ``concurrency`` at a time, after a short warm-up, and reports the
client-side latency percentiles of each kind.

**The abuse scenario** (``--abuse``): on the same store, or on the example corpus (``--corpus``), four
clients send the search load alone (the baseline), then while one attacker at a time loops on requests
a server shared with strangers must survive: 100 KB query strings of distinct words (refused: 400), the
costliest query the limits allow (32 OR-ed two-letter prefixes, 200 hits a page), and offsets past the
limit.  It reports the clients' percentiles in
both runs and the attackers' answers (status counts, slowest answer), so "one client cannot stall the
others" is a measured figure with its baseline beside it.
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

SEED = 0
BATCH = 1000


# --------------------------------------------------------------------------- building the store

def _annotations(body: list[str]) -> tuple[list[Any], list[Any]]:
    from kronik.annotate.entities import find_entities
    from kronik.annotate.quotes import extract_quotes

    ents = find_entities(body, "id")
    return ents, extract_quotes(body, "id", ents)


def _carry(base_body: list[str], ents: list[Any], quotes: list[Any], body: list[str]) -> tuple[list[Any], list[Any]]:
    """The base body's entities and quotes, moved onto a copy's paragraphs (kept where their text still is)."""
    if body == base_body:
        return ents, quotes
    where = {p: i for i, p in reversed(list(enumerate(body)))}
    out_e = []
    for e in ents:
        src = base_body[e.paragraph]
        pi = where.get(src)
        if pi is not None:
            out_e.append(e.model_copy(update={"paragraph": pi}))
            continue
        for j, p in enumerate(body):  # an edited paragraph: find the name again
            k = p.find(e.text)
            if k >= 0:
                out_e.append(e.model_copy(update={"paragraph": j, "start": k, "end": k + len(e.text)}))
                break
    out_q = []
    for q in quotes:
        for j, p in enumerate(body):
            if q.text in p:
                out_q.append(q.model_copy(update={"paragraph": j}))
                break
    return out_e, out_q


def _articles(data_dir: Path, n: int, log: Console | None) -> Iterator[Any]:
    from kronik.bench.synth import generate, load_bases
    from kronik.model import Article, article_id

    bases = {b.key: b for b in load_bases(data_dir)}
    cache: dict[str, tuple[list[Any], list[Any]]] = {}
    seen: set[str] = set()
    for i, d in enumerate(generate(data_dir, n=n, seed=SEED)):
        base_body = list(bases[d.base].body) if d.base in bases else d.body
        if d.base not in cache:
            cache[d.base] = _annotations(base_body)
        ents, quotes = _carry(base_body, *cache[d.base], d.body)
        aid = article_id(d.outlet, d.title, d.body)
        if aid in seen:  # an exact re-scrape (or an unedited copy) would share its original's id: keep N articles
            aid = article_id(d.outlet, d.title + "\x00" + d.doc_id, d.body)
        seen.add(aid)
        yield Article(id=aid, source=d.source, format="text", language="id", title=d.title, outlet=d.outlet,
                      published=d.published, published_basis="page", authors=d.authors, dateline=d.dateline,
                      paragraphs=d.body, entities=ents, quotes=quotes)
        if log is not None and (i + 1) % 10_000 == 0:
            log.print(f"  built {i + 1} articles ({len(cache)} source bodies annotated)", highlight=False)


def build_store(db: Path, n: int, data_dir: Path, log: Console | None = None) -> dict[str, Any]:
    """Build (or reuse) the benchmark store; returns its metadata (sizes and build seconds)."""
    from itertools import islice

    from kronik.corpus.features import article_features, dump_features
    from kronik.corpus.incremental import update_store
    from kronik.corpus.settings import CorpusSettings
    from kronik.store import Store

    meta_path = db.with_suffix(db.suffix + ".meta.json")
    if db.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text("utf-8"))
        if meta.get("articles_requested") == n and meta.get("seed") == SEED:
            meta["reused"] = True
            Store(str(db))  # migrate if the schema moved on
            return meta  # type: ignore[no-any-return]
    for p in (db, db.with_suffix(db.suffix + "-wal"), db.with_suffix(db.suffix + "-shm"), meta_path):
        p.unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    store = Store(str(db))
    settings = CorpusSettings()
    t0 = time.perf_counter()
    it = _articles(data_dir, n, log)
    while batch := list(islice(it, BATCH)):
        feats = {a.id: dump_features(article_features(a, settings)) for a in batch}
        store.write_batch([(None, a) for a in batch], feats)
    t_write = time.perf_counter() - t0
    if log is not None:
        log.print(f"  stored in {t_write:.0f} s; corpus pass...", highlight=False)
    t0 = time.perf_counter()
    rep = update_store(store, settings)
    t_pass = time.perf_counter() - t0
    counts = store.counts()
    with store.engine.begin() as conn:  # fresh planner statistics, as an operator would after a bulk load
        from sqlalchemy import text

        conn.execute(text("ANALYZE"))
    meta = {"articles_requested": n, "seed": SEED, "articles": counts["articles"], "events": rep.events_total,
            "stories": rep.stories_total, "build_seconds": {"write": round(t_write, 1), "corpus_pass": round(t_pass, 1)},
            "db_mb": round(db.stat().st_size / 2**20, 1), "reused": False}
    meta_path.write_text(json.dumps(meta), "utf-8")
    return meta


# --------------------------------------------------------------------------- load

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _workload(db: Path, searches: int, story_pages: int, rng: random.Random) -> tuple[list[dict[str, str]], list[str]]:
    """Search parameter sets and story ids, drawn from the store itself."""
    from sqlalchemy import func, select

    from kronik.lang.id.stop_words import STOP_WORDS
    from kronik.store import Store, schema

    store = Store(str(db))
    a, s, e = schema.articles, schema.stories, schema.entities
    with store.engine.connect() as conn:
        titles = [r[0] for r in conn.execute(select(a.c.title).where(a.c.title.is_not(None)).order_by(func.random()).limit(3000))]
        outlets = [r[0] for r in conn.execute(select(a.c.outlet).where(a.c.outlet.is_not(None)).distinct())]
        days = [r[0][:10] for r in conn.execute(select(a.c.published).where(a.c.published.is_not(None))
                                                 .order_by(func.random()).limit(200))]
        ents = [r[0] for r in conn.execute(select(e.c.canonical).where(e.c.label == "PER").order_by(func.random()).limit(200))]
        story_ids = [r[0] for r in conn.execute(select(s.c.id).order_by(func.random()).limit(story_pages))]
        biggest = [r[0] for r in conn.execute(select(s.c.id).order_by(s.c.n_articles.desc()).limit(10))]
    words = [w for t in titles for w in t.split() if w.isalpha() and len(w) > 3 and w.lower() not in STOP_WORDS]
    affixed = ("ber", "di", "me", "pe", "ke")
    params: list[dict[str, str]] = []
    for _ in range(searches):
        k = rng.choice((1, 1, 2, 2, 3))
        q = " ".join(rng.choice(words).lower() for _ in range(k))
        if rng.random() < 0.1:
            q = rng.choice(affixed) + q  # some affixed forms (often not a word: then few or no hits)
        p = {"q": q}
        r = rng.random()
        if r < 0.1 and outlets:
            p["outlet"] = rng.choice(outlets)
        elif r < 0.2 and days:
            d1, d2 = sorted(rng.sample(days, 2))
            p["from"], p["to"] = d1, d2
        elif r < 0.25:
            p["language"] = "id"
        elif r < 0.33 and ents:
            p["entity"] = rng.choice(ents)
        if rng.random() < 0.1:
            p["offset"] = "20"
        params.append(p)
    stories = list(dict.fromkeys(biggest + story_ids))[:story_pages]
    rng.shuffle(stories)
    return params, stories


def _percentiles(ms: list[float]) -> dict[str, float]:
    import numpy as np

    arr = np.array(ms)
    return {"n": len(ms), "p50_ms": round(float(np.percentile(arr, 50)), 1), "p95_ms": round(float(np.percentile(arr, 95)), 1),
            "p99_ms": round(float(np.percentile(arr, 99)), 1), "mean_ms": round(float(arr.mean()), 1),
            "max_ms": round(float(arr.max()), 1)}


def _drive(base: str, paths: list[tuple[str, dict[str, str]]], concurrency: int) -> tuple[list[float], list[float], int]:
    """Send the requests ``concurrency`` at a time; (client latencies, in-app times from Server-Timing, errors)."""
    import httpx

    errors = 0
    lat: list[float] = []
    app: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    with httpx.Client(base_url=base, timeout=60, limits=limits) as client:
        def one(item: tuple[str, dict[str, str]]) -> tuple[float, float, bool]:
            t0 = time.perf_counter()
            r = client.get(item[0], params=item[1])
            ms = (time.perf_counter() - t0) * 1000
            timing = r.headers.get("server-timing", "")
            inner = float(timing.split("dur=")[1]) if "dur=" in timing else float("nan")
            return ms, inner, r.status_code == 200

        with ThreadPoolExecutor(concurrency) as pool:
            for ms, inner, ok in pool.map(one, paths):
                lat.append(ms)
                app.append(inner)
                errors += not ok
    return lat, app, errors


@contextmanager
def _server(db: Path, port: int, workers: int) -> Iterator[str]:
    """``kronik serve`` over ``db`` in a second process on loopback; yields its base URL."""
    port = port or _free_port()
    cmd = [sys.executable, "-m", "kronik", "serve", "--db", str(db), "--port", str(port), "--host", "127.0.0.1",
           "--workers", str(workers), "--data-dir", str(Path(db).with_suffix(".data"))]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


@dataclass(frozen=True)
class Work:
    """What the load draws from the store: search parameter sets, story ids, quote speakers."""

    searches: list[dict[str, str]]
    stories: list[str]
    speakers: list[str]


def _home(w: Work, i: int) -> list[tuple[str, dict[str, str]]]:
    """The requests the home page sends (ranking alternates between newest and most covered)."""
    sort = "coverage" if i % 2 else "recent"
    return [("/api/stories", {"sort": sort, "limit": "20"}), ("/api/stats", {}), ("/api/facets", {}),
            ("/api/today", {})]


def _quotes(w: Work, i: int) -> list[tuple[str, dict[str, str]]]:
    """A quotes-explorer page: every third one filtered by a speaker, some on a later page."""
    p = {"limit": "50"}
    if i % 3 == 1 and w.speakers:
        p["speaker"] = w.speakers[i % len(w.speakers)]
    if i % 5 == 4:
        p["offset"] = "50"
    return [("/api/quotes", p)]


PAGES: tuple[tuple[str, int, Any], ...] = (
    # (name, p95 bar in ms, the requests of the i-th load of the page); a new page is one line
    ("home", 300, _home),
    ("story_page", 300, lambda w, i: [(f"/api/stories/{w.stories[i % len(w.stories)]}", {})]),
    ("quotes", 300, _quotes),
    ("search", 50, lambda w, i: [("/api/search", w.searches[i % len(w.searches)])]),
)
"""The pages measured.  A page load is its requests sent one after another by one client (a browser
sends them at once, so this is the slower bound); its latency is the sum."""


def _speakers(db: Path, n: int = 50) -> list[str]:
    from sqlalchemy import func, select

    from kronik.store import Store, schema

    q = schema.quotes
    with Store(str(db)).engine.connect() as conn:
        return [r[0] for r in conn.execute(select(q.c.speaker).where(q.c.speaker.is_not(None)).group_by(q.c.speaker)
                                           .order_by(func.count().desc()).limit(n))]


def _drive_pages(base: str, loads: list[list[tuple[str, dict[str, str]]]], concurrency: int) -> tuple[list[float], int]:
    """Page loads ``concurrency`` at a time: (client latency of each load, failed loads)."""
    import httpx

    errors = 0
    out: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    with httpx.Client(base_url=base, timeout=60, limits=limits) as client:
        def one(load: list[tuple[str, dict[str, str]]]) -> tuple[float, bool]:
            t0 = time.perf_counter()
            ok = True
            for path, params in load:
                ok &= client.get(path, params=params).status_code == 200
            return (time.perf_counter() - t0) * 1000, ok

        with ThreadPoolExecutor(concurrency) as pool:
            for ms, ok in pool.map(one, loads):
                out.append(ms)
                errors += not ok
    return out, errors


def bench_serve(db: Path, *, articles: int = 100_000, data_dir: Path, searches: int = 500, story_pages: int = 100,
                concurrency: int = 4, port: int = 0, workers: int = 1, pages: int = 100,
                log: Console | None = None) -> dict[str, Any]:
    """Build or reuse the store, start ``kronik serve`` in a second process, drive the load, return the figures:
    ``searches`` searches, ``story_pages`` story pages and ``pages`` loads of each other page of :data:`PAGES`."""
    if log is not None:
        log.print(f"store {db} ({articles} synthetic articles)...", highlight=False)
    meta = build_store(Path(db), articles, Path(data_dir), log)
    rng = random.Random(SEED)
    params, stories = _workload(Path(db), searches, story_pages, rng)
    work = Work(params, stories, _speakers(Path(db)))
    counts = {"search": searches, "story_page": story_pages}
    res: dict[str, Any] = {"store": meta, "server": {"workers": workers, "backend": "sqlite"}, "concurrency": concurrency}
    with _server(Path(db), port, workers) as base:
        _drive_pages(base, [load(work, i) for _, _, load in PAGES for i in range(5)], concurrency)  # warm-up
        load_before = os.getloadavg()[0]
        for name, _, load in PAGES:
            loads = [load(work, i) for i in range(counts.get(name, pages))]
            t0 = time.perf_counter()
            lat, err = _drive_pages(base, loads, concurrency)
            res[name] = _percentiles(lat) | {"errors": err, "requests_per_second": round(len(lat) / (time.perf_counter() - t0), 1),
                                             "requests_per_load": round(sum(map(len, loads)) / max(len(loads), 1), 1)}
        load_after = os.getloadavg()[0]
    return res | {"pages": [name for name, _, _ in PAGES], "bars": {f"{name}_p95_ms": bar for name, bar, _ in PAGES},
                  "cpu_count": os.cpu_count(), "load_average": [round(load_before, 2), round(load_after, 2)]}


def _wait_up(base: str, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
    import httpx

    end = time.time() + timeout
    while time.time() < end:
        if server.poll() is not None:
            err = server.stderr.read().decode(errors="replace") if server.stderr else ""
            raise RuntimeError(f"kronik serve exited: {err[-2000:]}")
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("kronik serve did not come up")


def render(res: dict[str, Any], console: Console) -> None:
    m = res["store"]
    console.print(f"store: {m['articles']} articles, {m['events']} events, {m['stories']} stories, {m['db_mb']} MB"
                  f"{' (reused)' if m.get('reused') else ''}; server workers {res['server']['workers']}, "
                  f"concurrency {res['concurrency']}", highlight=False)
    table = Table(title="kronik bench serve: client-side latency of a page load over loopback HTTP "
                        "(a page's API requests one after another)")
    for col in ("page", "loads", "requests/load", "p50 ms", "p95 ms", "p99 ms", "max ms", "loads/s", "errors", "bar (p95)"):
        table.add_column(col)
    for key in res["pages"]:
        r, bar = res[key], res["bars"][f"{key}_p95_ms"]
        ok = "[green]met[/green]" if r["p95_ms"] < bar else "[red]missed[/red]"
        table.add_row(key, str(r["n"]), str(r["requests_per_load"]), str(r["p50_ms"]), str(r["p95_ms"]), str(r["p99_ms"]),
                      str(r["max_ms"]), str(r["requests_per_second"]), str(r["errors"]), f"< {bar} ms {ok}")
    console.print(table)
    console.print(f"{res['cpu_count']} CPUs, load average {res['load_average'][0]} -> {res['load_average'][1]} "
                  "during the run", highlight=False)


# --------------------------------------------------------------------------- abuse

def example_store(db: Path, corpus: Path, log: Console | None = None) -> dict[str, Any]:
    """The example corpus ingested into ``db`` (once: reused while its article count matches)."""
    from kronik.ingest import ingest
    from kronik.store import Store

    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        if log is not None:
            log.print(f"ingesting {corpus} into {db}...", highlight=False)
        store = Store(str(db))
        ingest([corpus], store)
        store.engine.dispose()  # checkpoint the WAL: the file is the whole store
    counts = Store(str(db)).counts()
    return {"articles": counts["articles"], "events": counts["events"], "stories": counts["stories"],
            "db_mb": round(db.stat().st_size / 2**20, 1), "corpus": str(corpus)}


ATTACKS = ("query_100kb", "costliest_allowed_query", "offset_past_limit")


def _attack_target(kind: str, words: list[str], rng: random.Random) -> str:
    from urllib.parse import quote

    if kind == "query_100kb":  # distinct words (a word of the store with a number glued on): the worst case
        q = " ".join(f"{rng.choice(words)}{i}" for i in range(12_000))[:100_000]
    elif kind == "costliest_allowed_query":  # 32 OR-ed prefixes: the widest match the limits let through
        q = " OR ".join(w[:2] + "*" for w in rng.sample(words, 32))[:1000]
        return "/api/search?q=" + quote(q) + "&limit=200"
    else:
        return "/api/search?q=" + quote(rng.choice(words)) + "&offset=" + str(2**63)
    return "/api/search?q=" + quote(q)


def _attacker(base: str, kind: str, words: list[str], stop: threading.Event, seed: int) -> list[tuple[int, float]]:
    """Loop on one kind of abusive request until ``stop``; (status, ms) of each (raw HTTP: a 100 KB URL is
    past what httpx sends)."""
    import http.client

    rng = random.Random(seed)
    host, port = base.split("//")[1].split(":")
    out: list[tuple[int, float]] = []
    while not stop.is_set():
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        t0 = time.perf_counter()
        try:
            conn.request("GET", _attack_target(kind, words, rng))
            r = conn.getresponse()
            r.read()
            out.append((r.status, (time.perf_counter() - t0) * 1000))
        except OSError:
            out.append((0, (time.perf_counter() - t0) * 1000))
        finally:
            conn.close()
    return out


def bench_abuse(db: Path, *, corpus: Path | None, articles: int, data_dir: Path, searches: int = 500,
                concurrency: int = 4, attackers: int = 1, port: int = 0, workers: int = 1,
                log: Console | None = None) -> dict[str, Any]:
    """Clients' search latency alone and under attack (see the module docstring), one server, one run."""
    meta = example_store(Path(db), corpus, log) if corpus is not None else build_store(Path(db), articles, Path(data_dir), log)
    rng = random.Random(SEED)
    params, _ = _workload(Path(db), searches, 1, rng)
    words = sorted({w for p in params for w in p["q"].split() if w.isalpha()}) or ["kata"]
    with _server(Path(db), port, workers) as base:
        _drive(base, [("/api/search", p) for p in params[:30]], concurrency)  # warm-up
        load = [("/api/search", p) for p in params]
        lat, app, err = _drive(base, load, concurrency)
        res: dict[str, Any] = {"baseline": _percentiles(lat) | {"errors": err, "in_app": _percentiles(app)}}
        for kind in ATTACKS:
            stop = threading.Event()
            with ThreadPoolExecutor(attackers) as pool:
                futs = [pool.submit(_attacker, base, kind, words, stop, i) for i in range(attackers)]
                time.sleep(0.3)  # the attack is under way before the clients start
                lat, app, err = _drive(base, load, concurrency)
                stop.set()
                hits = [x for f in futs for x in f.result()]
            statuses: dict[str, int] = {}
            for status, _ in hits:
                statuses[str(status)] = statuses.get(str(status), 0) + 1
            ms = [m for _, m in hits] or [0.0]
            res[kind] = {"clients": _percentiles(lat) | {"errors": err, "in_app": _percentiles(app)},
                         "attack": {"requests": len(hits), "statuses": statuses, "max_ms": round(max(ms), 1),
                                    "p50_ms": _percentiles(ms)["p50_ms"]}}
    return {"scenario": "abuse", "store": meta, "concurrency": concurrency, "attackers": attackers,
            "server": {"workers": workers, "backend": "sqlite"}, **res,
            "bars": {"clients_p95_ms": 100, "attack_answer_ms": 1000},
            "cpu_count": os.cpu_count(), "load_average": round(os.getloadavg()[0], 2)}


def render_abuse(res: dict[str, Any], console: Console) -> None:
    m = res["store"]
    console.print(f"store: {m['articles']} articles, {m['events']} events, {m['stories']} stories; "
                  f"{res['concurrency']} clients, {res['attackers']} attacker(s) per kind; "
                  f"{res['cpu_count']} CPUs, load {res['load_average']}", highlight=False)
    bar_c, bar_a = res["bars"]["clients_p95_ms"], res["bars"]["attack_answer_ms"]
    table = Table(title="kronik bench serve --abuse: clients' search latency (ms) alone and under attack; "
                        f"bar: clients p95 < {bar_c} ms, every attack answered < {bar_a} ms, no 500")
    for col in ("run", "p50", "p95", "max", "errors", "attacks", "answers", "slowest", "bar"):
        table.add_column(col)
    b = res["baseline"]
    table.add_row("baseline", str(b["p50_ms"]), str(b["p95_ms"]), str(b["max_ms"]), str(b["errors"]),
                  "", "", "", "[green]met[/green]" if b["p95_ms"] < bar_c else "[red]missed[/red]")
    for kind in ATTACKS:
        r = res[kind]
        c, a = r["clients"], r["attack"]
        ok = c["p95_ms"] < bar_c and a["max_ms"] < bar_a and "500" not in a["statuses"]
        table.add_row(kind, str(c["p50_ms"]), str(c["p95_ms"]), str(c["max_ms"]), str(c["errors"]), str(a["requests"]),
                      ", ".join(f"{k}: {v}" for k, v in sorted(a["statuses"].items())), str(a["max_ms"]),
                      "[green]met[/green]" if ok else "[red]missed[/red]")
    console.print(table)
