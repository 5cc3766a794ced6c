"""``kronik bench cluster``: time and peak memory of dedup + event clustering + stories at 10k-100k articles.

Articles are the synthetic stream of :mod:`kronik.bench.synth` (real IndoSum
bodies; near and exact copies with known originals; when more articles are
asked for than there are bodies, further near copies).  **Extraction and
annotation are not timed**: features are built straight from each document's
gold body, title, outlet and date, and the entity names of each source body
are tagged once (with the real entity stage) and reused by its copies.
Everything else runs on all N articles and is timed:

* ``features``: tokens, body hash, MinHash (numpy), hashed term vectors;
* ``dedup``: exact hash + vectorised MinHash LSH with verification;
* ``cluster``: online event clustering in publication order;
* ``stories``: linking the events into storylines;
* ``state``: serialising the whole state (what the store would keep).

Two streams are measured.  ``synthetic``: the generator's stream (about 3.4k
distinct bodies; beyond that every further article is a near or exact copy,
so at 100k most articles are copies that dedup sends straight to their
original's event).  ``unique``: N distinct articles, each a collage of
paragraphs from several random bodies, spread evenly over 18 months, so every
article costs a full clustering step and nearly every one opens an event (the
worst case for the event and story stages).

Each size runs in a fresh process so its peak RSS (``ru_maxrss``) is its own.
Duplicate-pair precision/recall against the generator's labels is reported
too.  For the smallest size MinHash and LSH are also timed with datasketch
(``MinHash.update_batch``, ``MinHashLSH``) on the same documents.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import resource
import tempfile
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

SEED = 0


def _base_entities(data_dir: Path, cache: Path) -> None:
    """Canonical entity names of every source body, tagged once with the entity stage."""
    from kronik.bench.synth import load_bases

    try:
        from kronik.annotate.entities import find_entities
    except ImportError:  # pragma: no cover
        cache.write_text("{}", "utf-8")
        return
    out = {b.key: sorted({e.canonical for e in find_entities(list(b.body), "id")}) for b in load_bases(data_dir)}
    cache.write_text(json.dumps(out, ensure_ascii=False), "utf-8")


def unique_stream(data_dir: Path, n: int, seed: int = SEED, per_day: float | None = None) -> Any:
    """``n`` distinct articles, each a collage of 2-6 paragraphs from 2-4 random source bodies (no copies),
    evenly spread over Aug 2016 - Feb 2018 (or ``per_day`` articles a day from Aug 2016 on): a stress
    test where every article needs full clustering work.
    Yields (id, title, paragraphs, published, outlet, source keys)."""
    import random
    from datetime import datetime, timedelta

    from kronik.bench.synth import WIB, load_bases

    bases = load_bases(data_dir)
    rng = random.Random(seed)
    start = datetime(2016, 8, 1, 8, 0, tzinfo=WIB)
    minutes = 540 * 24 * 60 if per_day is None else n / per_day * 24 * 60
    for i in range(n):
        used = [bases[rng.randrange(len(bases))] for _ in range(rng.randint(2, 4))]
        body = [p for b in used for p in rng.sample(list(b.body), min(len(b.body), rng.randint(1, 2)))]
        when = start + timedelta(minutes=int(i * minutes / max(n, 1)))
        yield (f"u{seed}-{i:07d}", used[0].title, body, when.strftime("%Y-%m-%dT%H:%M:00+07:00"), used[0].outlet,
               [b.key for b in used])


PASS_NEW = 1_000
PASS_PER_DAY = 150.0
"""The pass benchmark's stream density: a busy outlet's day, the same whatever the store's size."""


def _pass_rows(stored: int, data_dir: Path, cache: Path) -> Iterator[tuple[Any, Any]]:
    """(article, features) of the ``stored + PASS_NEW`` articles of the pass benchmark's stream, as a store
    holds them: body paragraphs and compact features (entity names of the source bodies; no annotation rows)."""
    from kronik.corpus import CorpusSettings
    from kronik.corpus.features import features_from_parts
    from kronik.model import Article

    ents: dict[str, list[str]] = json.loads(cache.read_text("utf-8"))
    s = CorpusSettings()
    for i, title, body, pub, outlet, keys in unique_stream(data_dir, stored + PASS_NEW, per_day=PASS_PER_DAY):
        art = Article.model_construct(id=i, source=f"bench/{i}", format="text", language="id", title=title,
                                      outlet=outlet, published=pub, paragraphs=list(body))
        yield art, features_from_parts(i, title, body, published=pub, language="id", outlet=outlet,
                                       entities=[e for k in keys for e in ents.get(k, ())], settings=s)


def _fill_store(store: Any, rows: Iterable[tuple[Any, Any]]) -> None:
    """Write the articles with their features, 2,000 a transaction.  The search rows are the plain text
    (not stemmed): building the store is not what is timed, and stemming 200k bodies would dominate it."""
    from kronik.corpus.features import dump_features

    it = iter(rows)
    while batch := list(islice(it, 2_000)):
        store.write_batch([(None, a) for a, _ in batch], features={f.id: dump_features(f) for _, f in batch},
                          index_rows={a.id: {"title": a.title or "", "body": "\n".join(a.paragraphs)} for a, _ in batch})


def _measure_pass(stored: int, data_dir: Path, cache: Path) -> dict[str, Any]:
    """One corpus pass over a store (SQLite, in a temporary folder) that holds ``stored`` clustered articles
    and ``PASS_NEW`` new ones (unique stream, ``PASS_PER_DAY`` a day, so only the store's size changes): what
    a ``watch`` feed pays per pass as the store grows, the whole :func:`update_store` (reading the state,
    dedup + events + stories, describing the touched events and stories, writing them, saving the state).
    Building the store (writing the articles, clustering the stored ones without describing) is not timed.
    The pass runs twice on copies of the same store: ``warm`` continues the state this process holds from the
    build, ``cold`` reads it from the store as a new process would."""
    import shutil

    from kronik.corpus import incremental
    from kronik.corpus.incremental import update_store
    from kronik.store.db import Store

    rows = _pass_rows(stored, data_dir, cache)
    out: dict[str, Any] = {"stored": stored, "new": PASS_NEW}
    per = 1000 / PASS_NEW
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        t0 = time.perf_counter()
        _fill_store(store, islice(rows, stored))
        update_store(store, describe=False)
        out["build_seconds"] = round(time.perf_counter() - t0, 1)
        _fill_store(store, rows)
        store.engine.dispose()
        shutil.copyfile(f"{tmp}/bench.db", f"{tmp}/cold.db")
        # warm: this process holds the state the last pass left (a watch feed, ingest's passes);
        # cold: a new process, the state read from the store (another store file, so nothing is held)
        for kind, path in (("warm", "bench.db"), ("cold", "cold.db")):
            store = Store(f"sqlite:///{tmp}/{path}")
            t0 = time.perf_counter()
            rep = update_store(store)
            secs = time.perf_counter() - t0
            out[kind] = {"pass_seconds": round(secs, 3), "pass_seconds_per_1000": round(secs * per, 3),
                         "stages_per_1000": {k: round(v * per, 3) for k, v in rep.seconds.items()}}
            if kind == "warm":
                blobs = store.corpus_states()
                out |= {"events_touched": rep.events_touched, "stories_touched": rep.stories_touched,
                        "events": rep.events_total, "stories": rep.stories_total,
                        "state_mb": round(len(blobs[0]) / 2**20, 2) if blobs else 0.0,
                        "deltas_mb": round(sum(map(len, blobs[1:])) / 2**20, 2)}
            store.engine.dispose()
            incremental._HELD.clear()
    out["pass_seconds_per_1000"] = out["warm"]["pass_seconds_per_1000"]
    out["peak_rss_mb"] = round(_rss_mb(), 1)
    return out


def _run_pass(stored: int, data_dir: str, cache: str, queue: Any) -> None:
    try:
        queue.put(_measure_pass(stored, Path(data_dir), Path(cache)))
    except Exception as exc:  # pragma: no cover - reported, not raised, across the process boundary
        queue.put({"stored": stored, "error": f"{type(exc).__name__}: {exc}"})


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_size(n: int, data_dir: str, cache: str, compare: bool, stream: str, queue: Any) -> None:
    try:
        queue.put(_measure(n, Path(data_dir), Path(cache), compare, stream))
    except Exception as exc:  # pragma: no cover - reported, not raised, across the process boundary
        queue.put({"n": n, "stream": stream, "error": f"{type(exc).__name__}: {exc}"})


def _measure(n: int, data_dir: Path, cache: Path, compare: bool, stream: str = "synthetic") -> dict[str, Any]:
    from kronik.bench.synth import generate
    from kronik.corpus import CorpusState, save_state
    from kronik.corpus.cluster import cluster
    from kronik.corpus.dedup import deduplicate
    from kronik.corpus.features import features_from_parts
    from kronik.corpus.stories import link
    from kronik.eval.clustermetrics import dedup_scores

    ents: dict[str, list[str]] = json.loads(cache.read_text("utf-8"))
    rss_start = _rss_mb()
    docs = []
    parent: dict[str, str | None] = {}
    if stream == "unique":
        for i, title, body, pub, outlet, keys in unique_stream(data_dir, n):
            docs.append((i, title, body, pub, outlet, keys))
    else:
        for d in generate(data_dir, n=n, seed=SEED):
            docs.append((d.doc_id, d.title, d.body, d.published, d.outlet, [d.base]))
            parent[d.doc_id] = d.duplicate_of
    kinds: dict[str, int] = {}
    state = CorpusState.empty()
    s = state.settings
    timings: dict[str, float] = {}

    t0 = time.perf_counter()
    feats = [features_from_parts(i, title, body, published=pub, language="id", outlet=outlet,
                                 entities=[e for k in keys for e in ents.get(k, ())], settings=s)
             for i, title, body, pub, outlet, keys in docs]
    timings["features"] = time.perf_counter() - t0
    del docs

    t0 = time.perf_counter()
    roots, _ = deduplicate(feats, state.dedup, s)
    timings["dedup"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    cluster(feats, roots, state.clusters, s)
    timings["cluster"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    link(list(state.clusters.events), state.stories, state.clusters, s)
    timings["stories"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    blob = save_state(state)
    timings["state"] = time.perf_counter() - t0

    def root(x: str) -> str:
        seen = set()
        while parent.get(x) and x not in seen:
            seen.add(x)
            x = parent[x] or x
        return x

    gold = {f.id: root(f.id) for f in feats}
    for f in feats:
        k = "original" if gold[f.id] == f.id else "copy"
        kinds[k] = kinds.get(k, 0) + 1
    dd = dedup_scores(gold, roots)
    res: dict[str, Any] = {
        "n": n, "stream": stream, "seconds": {k: round(v, 2) for k, v in timings.items()},
        "total_seconds": round(sum(timings.values()), 2),
        "corpus_pass_seconds": round(timings["dedup"] + timings["cluster"] + timings["stories"], 2),
        "articles_per_second": round(n / sum(timings.values()), 1),
        "peak_rss_mb": round(_rss_mb(), 1), "rss_before_mb": round(rss_start, 1),
        "events": len(state.clusters.events), "stories": len(state.stories.stories),
        "state_mb": round(len(blob) / 2**20, 2), "kinds": kinds,
        "dedup": {"precision": round(dd["precision"], 4), "recall": round(dd["recall"], 4),
                  "gold_pairs": dd["gold_pairs"]},
    }
    if compare and stream == "synthetic":
        res["minhash_comparison"] = _compare(feats[: min(n, 10_000)], data_dir, s)
    return res


def _compare(feats: list[Any], data_dir: Path, s: Any) -> dict[str, Any]:
    """Our numpy MinHash + vectorised LSH vs datasketch on the same bodies (first 10k documents)."""
    from kronik.bench.synth import generate
    from kronik.corpus.dedup import DedupState, deduplicate
    from kronik.corpus.features import _hashes, minhash, shingle_hashes, tokens

    texts = ["\n".join(d.body) for d, _ in zip(generate(data_dir, n=len(feats), seed=SEED), feats, strict=False)]
    out: dict[str, Any] = {"documents": len(texts), "num_perm": s.num_perm}
    t0 = time.perf_counter()
    for t in texts:
        minhash(shingle_hashes(_hashes(tokens(t)), s.shingle), s.num_perm, s.seed)
    out["numpy_minhash_ms_per_doc"] = round((time.perf_counter() - t0) / len(texts) * 1000, 3)
    t0 = time.perf_counter()
    deduplicate(feats, DedupState(), s)
    out["numpy_lsh_dedup_seconds"] = round(time.perf_counter() - t0, 3)
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        out["datasketch"] = "not installed"
        return out
    t0 = time.perf_counter()
    sketches = []
    for t in texts:
        tk = tokens(t)
        k = s.shingle
        sh = {" ".join(tk[i:i + k]).encode() for i in range(max(1, len(tk) - k + 1))}
        m = MinHash(num_perm=s.num_perm, seed=s.seed)
        m.update_batch(sh)
        sketches.append(m)
    out["datasketch_minhash_ms_per_doc"] = round((time.perf_counter() - t0) / len(texts) * 1000, 3)
    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=s.dup_jaccard, num_perm=s.num_perm)
    for i, m in enumerate(sketches):
        lsh.query(m)
        lsh.insert(str(i), m)
    out["datasketch_lsh_query_insert_seconds"] = round(time.perf_counter() - t0, 3)
    return out


def bench_cluster(sizes: list[int], data_dir: Path, streams: tuple[str, ...] = ("synthetic", "unique"),
                  pass_at: list[int] | None = None) -> dict[str, Any]:
    """Time and peak memory per size and stream, and the time of one pass of 1,000 new articles at each
    stored size in ``pass_at`` (each in its own process)."""
    sizes = sorted(set(sizes))
    ctx = mp.get_context("spawn")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "entities.json"
        t0 = time.perf_counter()
        _base_entities(data_dir, cache)
        tag_seconds = time.perf_counter() - t0
        for stream in streams:
            for i, n in enumerate(sizes):
                q = ctx.Queue()
                p = ctx.Process(target=_run_size, args=(n, str(data_dir), str(cache), i == 0, stream, q))
                p.start()
                rows.append(q.get())
                p.join()
        passes = []
        for n in sorted(set(pass_at or ())):
            q = ctx.Queue()
            p = ctx.Process(target=_run_pass, args=(n, str(data_dir), str(cache), q))
            p.start()
            passes.append(q.get())
            p.join()
    ok = [r["pass_seconds_per_1000"] for r in passes if "error" not in r]
    cold = [r["cold"]["pass_seconds_per_1000"] for r in passes if "error" not in r]
    return {
        "pass_spread_cold": round(max(cold) / min(cold) - 1.0, 3) if len(cold) > 1 and min(cold) > 0 else None,
        "sizes": rows,
        "passes": passes,
        "pass_spread": round(max(ok) / min(ok) - 1.0, 3) if len(ok) > 1 and min(ok) > 0 else None,
        "untimed": {"entity_tagging_of_source_bodies_seconds": round(tag_seconds, 1),
                    "note": "extraction and annotation not timed; features from gold bodies, entities per source body"},
        "machine": {"cpus": mp.cpu_count()},
        "clock": "wall clock, one process per size",
    }


def render_bench_cluster(res: dict[str, Any], console: Console) -> None:
    table = Table(title="Dedup + events + stories (features from gold bodies; extraction and annotation not timed)")
    for col in ("stream", "articles", "features s", "dedup s", "cluster s", "stories s", "total s", "art/s", "peak RSS MB",
                "events", "stories", "state MB", "dup P / R"):
        table.add_column(col)
    for r in res["sizes"]:
        if "error" in r:
            table.add_row(r.get("stream", ""), str(r["n"]), r["error"], *[""] * 10)
            continue
        sec = r["seconds"]
        dd = r["dedup"]
        table.add_row(r["stream"], f"{r['n']:,}", str(sec["features"]), str(sec["dedup"]), str(sec["cluster"]), str(sec["stories"]),
                      str(r["total_seconds"]), str(r["articles_per_second"]), str(r["peak_rss_mb"]), str(r["events"]),
                      str(r["stories"]), str(r["state_mb"]),
                      f"{dd['precision']:.4f} / {dd['recall']:.4f}" if dd["gold_pairs"] else "-")
    if res["sizes"]:
        console.print(table)
    if res.get("passes"):
        pt = Table(title=f"One corpus pass (update_store) of {PASS_NEW:,} new articles ({PASS_PER_DAY:g} a day) "
                         "over a store of N clustered articles; seconds per 1,000 new")
        stages = ("load", "link", "describe", "state", "write")
        for col in ("stored", "pass", "pass s", *(f"{k} s" for k in stages), "events / stories touched", "events",
                    "stories", "state MB (full / deltas)", "build s (untimed)"):
            pt.add_column(col)
        for r in res["passes"]:
            if "error" in r:
                pt.add_row(f"{r['stored']:,}", r["error"], *[""] * 12)
                continue
            for kind in ("warm", "cold"):
                st = r[kind]["stages_per_1000"]
                pt.add_row(f"{r['stored']:,}", kind, str(r[kind]["pass_seconds_per_1000"]),
                           *(str(st.get(k, "-")) for k in stages),
                           f"{r['events_touched']:,} / {r['stories_touched']:,}", f"{r['events']:,}",
                           f"{r['stories']:,}", f"{r['state_mb']} / {r['deltas_mb']}", str(r["build_seconds"]))
        console.print(pt)
        if res.get("pass_spread") is not None:
            console.print(f"Pass time spread (slowest / fastest - 1): warm {res['pass_spread']:.1%}, cold "
                          f"{res.get('pass_spread_cold') or 0:.1%}", highlight=False)
    cmp_ = next((r.get("minhash_comparison") for r in res["sizes"] if r.get("minhash_comparison")), None)
    if cmp_:
        console.print(f"MinHash on {cmp_['documents']} bodies, {cmp_['num_perm']} permutations: numpy "
                      f"{cmp_['numpy_minhash_ms_per_doc']} ms/doc, datasketch update_batch "
                      f"{cmp_.get('datasketch_minhash_ms_per_doc', '-')} ms/doc; LSH + verification (ours) "
                      f"{cmp_['numpy_lsh_dedup_seconds']} s, datasketch MinHashLSH query+insert (no verification) "
                      f"{cmp_.get('datasketch_lsh_query_insert_seconds', '-')} s.", highlight=False)
    console.print(f"Untimed: {res['untimed']['note']} ({res['untimed']['entity_tagging_of_source_bodies_seconds']} s "
                  f"to tag the source bodies).", highlight=False)
