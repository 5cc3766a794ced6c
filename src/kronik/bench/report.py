"""The markdown report of ``kronik bench all``, rendered from its JSON records (a partial run renders too)."""

from __future__ import annotations

from typing import Any

SECTIONS = ("Bars", "Per-article stages", "End to end", "Scaling", "Corpus stages", "Projection to a cluster",
            "How it was measured")
PROJECT_WORKERS = (2, 4, 8, 16, 32, 64)
PROJECT_ARTICLES = 10_000_000


def _fmt(x: Any, digits: int = 1) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    if isinstance(x, int):
        return f"{x:,}"
    return str(x)


def _load(rec: dict[str, Any]) -> str:
    ld = rec.get("load_start") or rec.get("load")
    return " / ".join(f"{x:.1f}" for x in ld[:2]) if ld else "–"


def derived(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures the bars and the projection are judged on, from the raw records."""
    meta = next((r for r in records if r.get("section") == "meta"), {})
    cpus = (meta.get("machine") or {}).get("cpus") or 1
    out: dict[str, Any] = {"cpus": cpus}
    stages = next((r for r in records if r.get("section") == "stages"), None)
    if stages:
        out["stages_per_core"] = stages["per_core"] | {"annotation": stages["annotation_per_core"],
                                                       "all": stages["all_stages_per_core"]}
    e2e = [r for r in records if r.get("section") == "e2e" and "error" not in r and r.get("articles")]
    sizes = sorted({x for m in records if m.get("section") == "meta" for x in m.get("sizes", [])})
    rows = []
    for r in e2e:
        thr = r["articles"] / r["seconds"] if r["seconds"] else None
        cores = min(r["procs"], cpus)
        size = r["run_size"] if r.get("final") else max((x for x in sizes if x <= r["articles"]), default=r["articles"])
        rows.append({"run": r.get("run_id", ""), "engine": r["engine"], "procs": r["procs"], "articles": r["articles"],
                     "seconds": r["seconds"], "size": size,
                     "final": r.get("final", False), "per_second": thr, "per_core": thr / cores if thr else None,
                     "cpu_per_article_ms": 1000 * r["cpu_tree_seconds"] / r["articles"] if r.get("cpu_tree_seconds") else None,
                     "peak_rss_tree_mb": r.get("peak_rss_tree_mb"), "load": _load(r)})
    out["e2e"] = rows
    by_run = {(r["run"], r["engine"], r["size"]): r for r in rows}
    pairs = []  # (local1, other engine) at the same size, same invocation only: loads differ between runs
    for r in rows:
        base = by_run.get((r["run"], "local1", r["size"]))
        if r["engine"] != "local1" and base and base["per_second"] and r["per_second"]:
            pairs.append((base, r))
    speedups = []
    for base, r in pairs:
        cpu = (min(r["procs"], cpus) * base["cpu_per_article_ms"] / r["cpu_per_article_ms"]
               if base["cpu_per_article_ms"] and r["cpu_per_article_ms"] else None)
        speedups.append({"engine": r["engine"], "articles": r["size"], "speedup": r["per_second"] / base["per_second"],
                         "cpu_speedup": cpu, "load": r["load"], "base_load": base["load"],
                         "final": bool(r["final"] and base["final"])})
    out["speedups"] = speedups
    # the Dask pair the bar and the projection are judged on: whole runs first (a checkpoint of a longer run is
    # not like for like: one process ran the pass due at that size, a background pass had not finished), then
    # the pair measured on the quietest machine
    dask = [(sp, pair) for sp, pair in zip(speedups, pairs, strict=True) if sp["engine"].startswith("dask")]
    dask = [x for x in dask if x[0]["final"]] or dask
    chosen = min(dask, key=lambda x: max(_load1(x[0]["load"]), _load1(x[0]["base_load"]))) if dask else None
    if chosen:
        out["dask_speedup"] = chosen[0]
    scal = [r for r in records if r.get("section") == "scaling"]
    if scal:
        out["stage_scaling"] = [{"documents": r["documents"], "rounds": r["rounds"], "median_speedup": r["median_speedup"],
                                 "median_speedup_local2": r.get("median_speedup_local2"), "load": _load(r)} for r in scal]
    finals = [r for r in e2e if r.get("final")]
    if finals:
        best = max(enumerate(finals), key=lambda ir: (ir[1]["articles"], ir[0]))[1]  # the latest of the largest
        out["largest_e2e"] = {"engine": best["engine"], "articles": best["articles"], "seconds": best["seconds"],
                              "peak_rss_tree_mb": best.get("peak_rss_tree_mb"),
                              "peak_private_tree_mb": best.get("peak_private_tree_mb")}
        serial = [r for r in finals if r.get("store_seconds") is not None]
        if serial:
            big = max(enumerate(serial), key=lambda ir: (ir[1]["articles"], ir[0]))[1]  # the latest of the largest
            # with workers elsewhere the corpus passes run in a background thread beside the writes (the two
            # overlap, sharing one interpreter lock): the larger of the two bounds the time per article;
            # in one process they follow each other
            background = big.get("kind") == "dask" or big.get("procs", 1) > 1
            parts = (big["store_seconds"], big["corpus_seconds"])
            per_art = (max(parts) if background else sum(parts)) / big["articles"]
            out["serial"] = {"engine": big["engine"], "articles": big["articles"], "store_seconds": big["store_seconds"],
                             "corpus_seconds": big["corpus_seconds"], "ms_per_article": 1000 * per_art,
                             "background": background, "ceiling_per_second": 1 / per_art if per_art else None}
    corpus = [r for r in records if r.get("section") == "corpus" and "error" not in r]
    out["corpus"] = [{"stream": r.get("stream"), "articles": r["articles"], "corpus_seconds": r["corpus_seconds"],
                      "corpus_cpu_seconds": r.get("corpus_cpu_seconds"),
                      "per_second": r["articles"] / r["corpus_seconds"] if r["corpus_seconds"] else None,
                      "rss_parent_mb": r["rss_parent_mb"], "peak_rss_tree_mb": r.get("peak_rss_tree_mb"),
                      "final": r.get("final")} for r in corpus]
    # projection: per-worker rate from the chosen Dask pair, serial ceiling from the parent's store + corpus time
    if chosen:
        one, d = chosen[1]
        per_worker = d["per_second"] / d["procs"]
        eff = d["per_second"] / (d["procs"] * one["per_second"]) if one["per_second"] else None
        ceiling = (out.get("serial") or {}).get("ceiling_per_second")
        proj = []
        for n in PROJECT_WORKERS:
            thr = n * per_worker
            capped = min(thr, ceiling) if ceiling else thr
            proj.append({"workers": n, "per_second": capped, "uncapped": thr,
                         "hours_for_10M": PROJECT_ARTICLES / capped / 3600 if capped else None})
        out["projection"] = {"per_worker": per_worker, "efficiency_2": eff, "from": d["engine"],
                             "articles": d["articles"], "ceiling": ceiling, "rows": proj, "load": d["load"]}
    return out


def render_markdown(records: list[dict[str, Any]], plan: Any = None) -> str:
    metas = [r for r in records if r.get("section") == "meta"]
    meta = metas[0] if metas else {}
    done = sum(1 for r in records if r.get("section") == "done") >= max(1, len(metas))
    d = derived(records)
    m = meta.get("machine") or {}
    L: list[str] = ["# Kronik benchmark report", ""]
    for mm in metas or [meta]:
        code = f", code {mm['code']}" if mm.get("code") else ""
        L.append(f"Command: `kronik {' '.join(mm.get('argv', []))}`".rstrip() + f" (started {mm.get('at', '?')}{code})  ")
    L.append(f"Machine: {m.get('cpus', '?')} cores, {m.get('ram_gb', '?')} GB RAM, "
             f"Python {m.get('python', '?')}, load average at start {_load(meta)} (1 / 5 min). "
             "Other jobs may share the machine: each row gives the load average when its run started.")
    L.append("")
    if not done:
        L.append("**Partial report: runs are still going (or were stopped); every row below is complete.**")
        L.append("")
    # ------------------------------------------------------------- bars
    L += ["## Bars", "", "| bar | measured | met |", "|---|---|---|"]

    if d["e2e"]:
        one = [r for r in d["e2e"] if r["engine"] == "local1"] or d["e2e"]
        top = max(r["size"] for r in one)
        pick = min((r for r in one if r["size"] == top), key=lambda r: _load1(r["load"]))
        cpu_rate = 1000 / pick["cpu_per_article_ms"] if pick["cpu_per_article_ms"] else None
        L.append(f"| end to end >= 50 articles/s per core | {_fmt(pick['per_core'])} by the wall clock ({pick['engine']}, "
                 f"{pick['articles']:,} articles, load at start {pick['load']}); {_fmt(cpu_rate)} per CPU-second of the "
                 f"whole process tree | {'yes' if (pick['per_core'] or 0) >= 50 else 'no' + (', yes by CPU time' if (cpu_rate or 0) >= 50 else '')} |")
    big = d.get("largest_e2e")
    if big:
        ok = big["articles"] >= 200_000 and (big["peak_rss_tree_mb"] or 0) < 8192
        private = (f" ({_fmt(big['peak_private_tree_mb'], 0)} MB private: the rest is the database file mapped by "
                   "SQLite, counted once per connection)" if big.get("peak_private_tree_mb") else "")
        L.append(f"| 200,000 articles end to end, peak < 8 GB | {big['articles']:,} articles ({big['engine']}) in "
                 f"{_fmt(big['seconds'] / 60)} min, peak RSS {_fmt(big['peak_rss_tree_mb'], 0)} MB{private} | "
                 f"{'yes' if ok else 'no'} |")
    cfin = [r for r in d["corpus"] if r["final"]]
    if cfin:
        c = max(cfin, key=lambda r: r["articles"])
        ok = c["articles"] >= 1_000_000 and (c["peak_rss_tree_mb"] or 0) < 8192
        L.append(f"| 1,000,000 through dedup + clustering, peak < 8 GB | {c['articles']:,} in {_fmt(c['corpus_seconds'] / 60)} "
                 f"min, corpus process peak {_fmt(c['rss_parent_mb'], 0)} MB (with the feature pool "
                 f"{_fmt(c['peak_rss_tree_mb'], 0)} MB) | {'yes' if ok else 'no'} |")
    s = d.get("dask_speedup")
    if s:
        cpu = f"; {s['cpu_speedup']:.2f}x expected on an idle machine from CPU time per article" if s["cpu_speedup"] else ""
        L.append(f"| Dask 2 workers >= 1.7x one process | {s['speedup']:.2f}x by the wall clock at {s['articles']:,} articles "
                 f"({'whole runs' if s['final'] else 'checkpoints of longer runs'}) "
                 f"(load at start {s['base_load']} for local1, {s['load']} for {s['engine']}){cpu} | "
                 f"{'yes' if s['speedup'] >= 1.7 else 'no'}{'' if not s['cpu_speedup'] else (' (CPU-derived: yes)' if s['cpu_speedup'] >= 1.7 else ' (CPU-derived: no)')} |")
    scs = d.get("stage_scaling") or []
    if scs:
        meds = [x["median_speedup"] for x in scs]
        met = sum(m >= 1.7 for m in meds)
        L.append(f"| (the same, per-article stages only: no store, no corpus pass) | "
                 f"{', '.join(f'{m:.2f}x' for m in meds)}: the median of alternating rounds in each of {len(meds)} "
                 f"invocation(s) (see Scaling) | {'yes' if met == len(meds) else f'no (yes in {met} of {len(meds)})'} |")
    L.append("")
    # ------------------------------------------------------------- stages
    L += ["## Per-article stages", ""]
    st = next((r for r in records if r.get("section") == "stages"), None)
    if st:
        L.append(f"{st['documents']:,} synthetic raw dumps (IndoSum bodies in web furniture; mean {st['words_mean']:.0f} "
                 "body words), one process, process CPU time. Each stage sees what the earlier ones filled in.")
        L += ["", "| stage | CPU s | articles/s per core |", "|---|---|---|"]
        for k, v in st["cpu_seconds"].items():
            L.append(f"| {k} | {v:.2f} | {_fmt(st['per_core'][k])} |")
        L.append(f"| annotation (entities + times + quotes) | | {_fmt(st['annotation_per_core'])} |")
        L.append(f"| **all per-article stages** | {sum(st['cpu_seconds'].values()):.2f} | **{_fmt(st['all_stages_per_core'])}** |")
    else:
        L.append("_not run yet_")
    L.append("")
    # ------------------------------------------------------------- e2e
    L += ["## End to end", ""]
    e2e = [r for r in records if r.get("section") == "e2e"]
    if e2e:
        L.append("`ingest` of synthetic raw dumps stored as files (1,000 per folder) into a fresh SQLite store: "
                 "reading, hashing, extraction, annotation, features, transactional batch writes, and the corpus pass "
                 f"(dedup, events, stories) every {meta.get('cluster_every', '?'):,} stored articles and at the end. "
                 "Smaller sizes are checkpoints of one run per engine (same input prefix). Per core = articles/s divided "
                 "by the cores the run could use (min(processes, cores)); CPU ms/article counts every process of the run "
                 "(parent, pool or Dask workers, nannies, scheduler); peak RSS is the sum over that process tree; private is the peak of its RSS less shared and file-backed pages (SQLite maps the database file once per connection, and RSS counts those pages for every mapping).")
        L += ["", ("| engine | articles | time | articles/s | per core | CPU ms / article | articles per CPU-s | "
                   "peak RSS (tree) | private | store s | corpus s | events | load at start |"),
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in e2e:
            if "error" in r:
                L.append(f"| {r['engine']} | {r.get('run_size', '?'):,} | failed: {r['error']} | | | | | | | | | | |")
                continue
            thr = r["articles"] / r["seconds"] if r["seconds"] else 0
            cores = min(r["procs"], d["cpus"])
            L.append(f"| {r['engine']} | {r['articles']:,}{'' if r.get('final') else ' (checkpoint)'} | "
                     f"{_fmt(r['seconds'])} s | {thr:.1f} | {thr / cores:.1f} | "
                     f"{_fmt(1000 * r['cpu_tree_seconds'] / r['articles'] if r.get('cpu_tree_seconds') else None)} | "
                     f"{_fmt(r['articles'] / r['cpu_tree_seconds'] if r.get('cpu_tree_seconds') else None)} | "
                     f"{_fmt(r.get('peak_rss_tree_mb'), 0)} MB | "
                     f"{_fmt(r.get('peak_private_tree_mb'), 0) + ' MB' if r.get('peak_private_tree_mb') else '–'} | "
                     f"{_fmt(r.get('store_seconds'))} | "
                     f"{_fmt(r.get('corpus_seconds'))} | {_fmt(r.get('events'))} | {_load(r)} |")
        growth = _growth(d["e2e"])
        if growth:
            L += ["", "Growth (near-linear means a flat time per 1,000 articles):", ""]
            L += growth
    else:
        L.append("_not run yet_")
    L.append("")
    # ------------------------------------------------------------- scaling
    L += ["## Scaling", ""]
    if d["speedups"]:
        L += [("Throughput relative to the local engine with one process, at the same size. By the wall clock the "
              "ratio also carries whatever else the machine was doing during each run (see the loads); the CPU-derived "
              "figure is min(processes, cores) x local1's CPU ms per article / this engine's CPU ms per article (all "
              "processes of each run counted): the speed-up an otherwise idle machine would give if the run's processes "
              "kept every core busy. A checkpoint of a longer run is not like for like: one process has run the corpus pass due at that size before it counts the articles, while with workers elsewhere that pass runs in the background; whole runs include every pass and the last one, which everything waits for."), "",
              "| engine | size | compared | speed-up (wall clock) | 1-min load at start (local1 / this run) | speed-up (CPU-derived) |",
              "|---|---|---|---|---|---|"]
        for s in d["speedups"]:
            L.append(f"| {s['engine']} | {s['articles']:,} | {'whole runs' if s['final'] else 'checkpoints'} | "
                     f"{s['speedup']:.2f}x | {s['base_load'].split(' / ')[0]} / "
                     f"{s['load'].split(' / ')[0]} | "
                     f"{_fmt(s['cpu_speedup'], 2)}x |")
    else:
        L.append("_needs local1 and another engine at the same size_")
    for sc in d.get("stage_scaling") or []:
        L += ["", (f"Per-article stages only (extraction, annotation, features; nothing stored, no corpus pass), "
                   f"{sc['documents']:,} synthetic dumps read into memory, models loaded beforehand; one process against "
                   "a Dask LocalCluster of 2 single-threaded workers" + (" (and the local pool of 2 processes)" if sc.get("median_speedup_local2") else "") + ", alternating within one invocation (the order flips "
                   f"each round). Load at start {sc['load']}."), "",
              "| round | local1 s | dask2 s | dask2 speed-up | local2 s | local2 speed-up |", "|---|---|---|---|---|---|"]
        for i, r in enumerate(sc["rounds"], 1):
            pool = (f"{r['local2']:.1f} | {r['speedup_local2']:.2f}x" if "local2" in r else "– | –")
            L.append(f"| {i} | {r['local1']:.1f} | {r['dask2']:.1f} | {r['speedup']:.2f}x | {pool} |")
        p2 = sc.get("median_speedup_local2")
        L.append(f"| median | | | **{sc['median_speedup']:.2f}x** | | {'**' + format(p2, '.2f') + 'x**' if p2 else '–'} |")
    L.append("")
    # ------------------------------------------------------------- corpus
    L += ["## Corpus stages", ""]
    corpus = [r for r in records if r.get("section") == "corpus"]
    if corpus:
        L.append("Streams: **synthetic** has the end-to-end generator's bodies, titles, outlets, dates and duplicate "
                 "structure (without composing the page furniture, which features never read): about 10% near and "
                 "exact copies at first, then, once the 3,400 bodies are used up, near copies of them, so dedup does "
                 "most of the work; **unique** is distinct articles, each a collage of paragraphs of 2-4 random IndoSum "
                 "bodies, evenly spread over 18 months (nearly every article needs a full clustering step and opens or "
                 "joins an event on its own: the worst case).")
        L.append("")
        L.append("Dedup (exact + MinHash LSH) + online event clustering + stories on compact features only, "
                 "in chunks of 20,000 as the store's corpus pass does. Features are built by a pool "
                 f"of {corpus[0].get('feature_procs', 2)} process(es) from IndoSum bodies with `features_from_parts` "
                 "while the previous chunk is clustered "
                 "(not counted as corpus time). Checkpoints of one run.")
        L += ["", ("| stream | articles | corpus stages (wall) | CPU | articles per CPU-s | corpus process peak RSS | "
                   "tree peak RSS | events | stories | load at start |"), "|---|---|---|---|---|---|---|---|---|---|"]
        for r in corpus:
            if "error" in r:
                L.append(f"| {r.get('stream', '')} | {r.get('run_size', '?'):,} | failed: {r['error']} | | | | | | | |")
                continue
            thr = r["articles"] / r["corpus_cpu_seconds"] if r["corpus_cpu_seconds"] else 0
            extra = f" (state save {r['state_seconds']} s, {r['state_mb']} MB)" if "state_mb" in r else ""
            L.append(f"| {r.get('stream', '')} | {r['articles']:,}{'' if r.get('final') else ' (checkpoint)'} | {_fmt(r['corpus_seconds'])} s{extra} | {_fmt(r['corpus_cpu_seconds'])} s | "
                     f"{thr:,.0f} | {_fmt(r['rss_parent_mb'], 0)} MB | {_fmt(r.get('peak_rss_tree_mb'), 0)} MB | "
                     f"{_fmt(r['events'])} | {_fmt(r['stories'])} | {_load(r)} |")
        for stream in dict.fromkeys(r.get("stream") for r in corpus):
            g = [(r["articles"], r["corpus_cpu_seconds"], r["rss_parent_mb"]) for r in corpus
                 if "error" not in r and r["articles"] and r.get("stream") == stream]
            if len(g) > 1:
                L += ["", f"Growth, {stream} (CPU seconds and parent RSS per 1,000 articles at each checkpoint; flat is linear): "
                      + "; ".join(f"{n:,}: {1000 * s / n:.2f} s, {1000 * m / n:.1f} MB" for n, s, m in g) + "."]
    else:
        L.append("_not run yet_")
    L.append("")
    # ------------------------------------------------------------- projection
    L += ["## Projection to a cluster", ""]
    p = d.get("projection")
    if p:
        ser = d.get("serial") or {}
        L.append(f"Derived, not measured beyond 2 workers. Per-worker rate w = {p['per_worker']:.1f} articles/s: the "
                 f"{p['from']} run's throughput at {p['articles']:,} articles (load at start {p['load']}: the quietest "
                 "Dask run with a local1 run to compare) divided by its workers, so it already "
                 f"carries the measured 2-worker efficiency ({_fmt((p['efficiency_2'] or 0) * 100, 0)}% of 2x one "
                 "process; on a machine with other jobs running, part of the loss is theirs). Workers scale out "
                 "(no shared state), so N workers give N x w, until the serial part saturates: the one process that "
                 "writes batches and runs the corpus passes"
                 + (f" spent {ser['store_seconds']} s writing and {ser['corpus_seconds']} s in corpus passes in the "
                    f"{ser['engine']} run of {ser['articles']:,}"
                    + (" (the passes in a background thread beside the writes, sharing one interpreter lock: the "
                       "larger of the two bounds it)" if ser.get("background") else "")
                    + f": {ser['ms_per_article']:.2f} ms per article, a ceiling of about "
                    f"{ser['ceiling_per_second']:,.0f} articles/s with SQLite on this disk."
                    if ser else ".")
                 + " Beyond the ceiling: PostgreSQL with several writers, and corpus passes per time window.")
        L += ["", "| workers | articles/s | uncapped N x w | hours for 10M articles |", "|---|---|---|---|"]
        for row in p["rows"]:
            L.append(f"| {row['workers']} | {row['per_second']:,.0f} | {row['uncapped']:,.0f} | "
                     f"{_fmt(row['hours_for_10M'])} |")
    else:
        L.append("_needs a Dask run and a local1 run_")
    L.append("")
    # ------------------------------------------------------------- how
    L += ["## How it was measured", "",
          ("- Input: `kronik.bench.synth` (seed 7): real IndoSum bodies wrapped in navigation, bylines, dates in many "
          "formats, 'Baca juga' links, ads, related-headline blocks, comments and footers; about 8% near copies and "
          "2% exact re-scrapes, then further near copies once the 3,400 bodies are used up."),
          "- Every run is its own process (tree); peak RSS is sampled every second with psutil over the whole tree (the list of processes refreshed every 5 s and at each checkpoint), CPU seconds likewise.",
          ("- End-to-end time starts after the engine is up (pool or LocalCluster started) and includes the final "
          "corpus pass; models load on each worker's first batch (counted)."),
          "- Raw figures: the `.jsonl` next to this file, one record per finished run or checkpoint.",
          ""]
    if not done and plan is not None:
        L.append(f"_Report rendered while running; re-rendered as each run finishes ({len(records)} records so far)._")
    return "\n".join(L) + "\n"


def _load1(load: str) -> float:
    try:
        return float(load.split(" / ")[0])
    except (ValueError, AttributeError):
        return float("inf")


def _growth(rows: list[dict[str, Any]]) -> list[str]:
    out = []
    for run, eng in dict.fromkeys((r["run"], r["engine"]) for r in rows):
        pts = [r for r in rows if r["engine"] == eng and r["run"] == run and r["articles"]]
        if len(pts) < 2:
            continue
        out.append(f"- {eng} (load at start {pts[0]['load']}): " + "; ".join(
            f"{r['articles']:,}: {1000 * r['seconds'] / r['articles']:.1f} s and "
            f"{_fmt(r['peak_rss_tree_mb'], 0)} MB peak" for r in pts))
    return out
