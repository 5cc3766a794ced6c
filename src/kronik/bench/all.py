"""``kronik bench all``: one report of speed, scaling and memory, from per-stage rates to a cluster projection.

Sections (each sub-run appends one JSON record to ``<out>.jsonl`` as it
finishes and the markdown report is re-rendered from all records, so a report
cut short is still valid and says what is missing):

* **stages**: articles per second per core of each per-article stage
  (extraction, entities, times, quotes, features) on synthetic raw dumps made
  from real IndoSum bodies (:mod:`kronik.bench.synth`), one process, process
  CPU time;
* **end to end**: ``ingest`` of the synthetic dumps written as files (reading,
  hashing, extraction, annotation, features, SQLite writes, and the corpus pass
  every ``cluster_every`` stored articles and at the end: clustering amortised)
  into a fresh SQLite store, with the local engine (1 and 2 processes) and Dask
  (a LocalCluster of 2 worker processes).  One run per engine up to its largest
  size; the smaller sizes are checkpoints of that run (the synthetic stream is
  the same prefix, so a checkpoint is what a run of that size would have done
  up to its last corpus pass).  Wall clock, CPU seconds of the whole process
  tree, and peak RSS of the whole tree (parent, pool or Dask workers, nannies,
  scheduler) sampled with psutil;
* **scaling**: the per-article stages alone (no store, no corpus pass) on the
  first ``scaling_n`` dumps, one process against Dask with 2 workers (and the
  local pool of 2 processes, for comparison), in alternating rounds within one invocation (the order flips each round, so a
  machine that speeds up or slows down during the run favours neither): what
  the workers themselves gain, as opposed to what end to end gains once the
  one writing process and the corpus pass are counted;
* **corpus**: dedup + event clustering + stories on compact features at up to
  1,000,000 articles (features built from IndoSum bodies with
  ``features_from_parts`` by a pool, not timed as corpus work), in chunks like
  the store's corpus pass, with checkpoints;
* **projection** to a cluster from the measured per-worker rate, the measured
  2-worker efficiency and the serial part (store writes and the corpus pass run
  in one process); the derivation is printed with the figures.

Run in the background with ``--background`` (the command returns at once; the
report fills in as runs finish).
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import platform
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SEED = 7
SHARD = 1000
CLUSTER_EVERY = 10_000


# --------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class EngineSpec:
    name: str  # local1, local2, dask2
    kind: str  # local | dask
    procs: int
    max_n: int | None = None  # largest size this engine runs (None: all sizes)

    @classmethod
    def parse(cls, spec: str) -> EngineSpec:
        name, _, cap = spec.partition(":")
        name = name.strip().lower()
        kind = "dask" if name.startswith("dask") else "local" if name.startswith("local") else ""
        digits = name[len(kind):]
        if not kind or not digits.isdigit() or int(digits) < 1:
            raise ValueError(f"engine spec {spec!r}: expected local<N> or dask<N>, optionally :MAXSIZE")
        return cls(name, kind, int(digits), int(cap) if cap else None)


@dataclass
class Plan:
    data_dir: Path
    out: Path
    work: Path
    sizes: list[int] = field(default_factory=lambda: [10_000, 50_000, 200_000])
    corpus_sizes: list[int] = field(default_factory=lambda: [1_000_000])
    engines: list[EngineSpec] = field(default_factory=lambda: [EngineSpec.parse(s) for s in ("local1", "local2", "dask2")])
    stage_n: int = 2000
    cluster_every: int = CLUSTER_EVERY
    corpus_stream: str = "unique"
    corpus_procs: int = 2
    """Processes that build the features for the corpus-stage run (the corpus stages themselves run in one)."""
    sections: tuple[str, ...] = ("stages", "e2e", "corpus")
    scaling_n: int = 2000
    scaling_rounds: int = 3
    quick: bool = False
    append: bool = False
    run_id: str = ""
    """Tags this invocation's records (speed-ups compare runs of the same invocation first)."""
    """Keep the records of an earlier run (e.g. the corpus section run separately into the same report)."""

    @property
    def records(self) -> Path:
        return self.out.with_suffix(".jsonl")

    @classmethod
    def quick_plan(cls, data_dir: Path, out: Path, work: Path) -> Plan:
        return cls(data_dir, out, work, sizes=[10, 20], corpus_sizes=[100, 200],
                   engines=[EngineSpec.parse(s) for s in ("local1", "local2", "dask2")], stage_n=10,
                   cluster_every=10, quick=True, scaling_n=16, scaling_rounds=1)


# --------------------------------------------------------------------------- machine


def machine() -> dict[str, Any]:
    import psutil

    return {"cpus": os.cpu_count(), "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "platform": platform.platform(terse=True),
            "load": [round(x, 2) for x in os.getloadavg()]}


class TreeSampler:
    """Peak RSS (sum over a process and all its descendants) and CPU seconds of the tree, sampled.

    Also the peak of the tree's private memory (RSS less its file-backed and shared pages): SQLite maps
    the database file (``mmap_size``), once per open connection, and RSS counts those page-cache pages
    again for every mapping, so on a large store RSS says more about the file than about the process."""

    def __init__(self, pid: int, interval: float = 1.0, refresh: float = 5.0) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.interval = interval
        self.refresh = refresh  # listing the descendants costs more than reading them: done every few seconds
        self._procs: list[Any] = [self.proc]
        self._listed = 0.0
        self.peak = 0
        self.peak_private = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> None:
        import psutil

        now = time.monotonic()
        if now - self._listed >= self.refresh:
            try:
                self._procs = [self.proc, *self.proc.children(recursive=True)]
            except psutil.Error:
                return
            self._listed = now
        total = private = 0
        for p in self._procs:
            try:
                mem = p.memory_info()
                total += mem.rss
                private += mem.rss - getattr(mem, "shared", 0)
                t = p.cpu_times()
                self.cpu[p.pid] = t.user + t.system
            except psutil.Error:
                continue
        self.peak = max(self.peak, total)
        self.peak_private = max(self.peak_private, private)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    @property
    def peak_mb(self) -> float:
        return round(self.peak / 2**20, 1)

    @property
    def peak_private_mb(self) -> float:
        return round(self.peak_private / 2**20, 1)

    @property
    def cpu_seconds(self) -> float:
        return round(sum(self.cpu.values()), 1)


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------- records and report


def append_record(plan: Plan, rec: dict[str, Any]) -> None:
    rec = {"at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), "load": [round(x, 2) for x in os.getloadavg()], **rec}
    plan.records.parent.mkdir(parents=True, exist_ok=True)
    with plan.records.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    write_report(plan)


def load_records(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    out = []
    for line in path.read_text("utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:  # a record cut short by a kill
            continue
    return out


def write_report(plan: Plan) -> None:
    from kronik.bench.report import render_markdown

    text = render_markdown(load_records(plan.records), plan)
    tmp = plan.out.with_suffix(f".md.{os.getpid()}.tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(plan.out)


# --------------------------------------------------------------------------- stages


def bench_stages(plan: Plan) -> dict[str, Any]:
    """Per-stage CPU time per article, one process, on synthetic raw dumps."""
    from kronik.bench.synth import generate
    from kronik.corpus.features import article_features, dump_features
    from kronik.corpus.settings import CorpusSettings
    from kronik.model import Article
    from kronik.pipeline import DEFAULT_STAGES, Settings, check_order, process_document

    docs = [d.raw() for d in generate(plan.data_dir, n=plan.stage_n, seed=SEED)]
    extract_only = Settings(stages=())
    stages = check_order(DEFAULT_STAGES)
    warm = process_document(docs[0], Settings())  # models and lexicons load outside the timing
    if isinstance(warm, Article):
        article_features(warm)
    cpu: dict[str, float] = {}
    t0 = time.process_time()
    arts = [process_document(d, extract_only) for d in docs]
    cpu["extraction"] = time.process_time() - t0
    arts = [a for a in arts if isinstance(a, Article)]
    for st in stages:
        t0 = time.process_time()
        arts = [st.func(a) for a in arts]
        cpu[st.name] = time.process_time() - t0
    cs = CorpusSettings()
    t0 = time.process_time()
    for a in arts:
        dump_features(article_features(a, cs))
    cpu["features"] = time.process_time() - t0
    n = len(docs)
    per_core = {k: round(n / v, 1) if v else None for k, v in cpu.items()}
    annot = sum(cpu[s.name] for s in stages)
    total = sum(cpu.values())
    return {"section": "stages", "documents": n, "articles": len(arts),
            "cpu_seconds": {k: round(v, 3) for k, v in cpu.items()},
            "per_core": per_core, "annotation_per_core": round(n / annot, 1) if annot else None,
            "all_stages_per_core": round(n / total, 1) if total else None,
            "words_mean": round(sum(len(p.split()) for a in arts for p in a.paragraphs) / max(1, len(arts)), 1)}


def bench_scaling(plan: Plan, log: Callable[[str], None]) -> dict[str, Any]:
    """Per-article stages alone: one process against a 2-worker Dask LocalCluster and a 2-process pool,
    alternating rounds.

    Both engines get the same documents (read into memory first: reading is not what is compared),
    are warmed up first (models loaded on every worker), and run :func:`kronik.engines.process_batch`
    with the features, as ingest does; nothing is stored."""
    from kronik.corpus.settings import CorpusSettings
    from kronik.engines import process_batch
    from kronik.engines.dask import DaskEngine
    from kronik.engines.local import LocalEngine
    from kronik.io.readers import read_documents
    from kronik.pipeline import Settings

    n = plan.scaling_n
    root = plan.work / "corpus"
    ensure_corpus(plan.data_dir, root, n)
    docs = list(read_documents(corpus_paths(root, n)))
    settings, cs = Settings(), CorpusSettings()
    rounds: list[dict[str, float]] = []
    with DaskEngine(workers=2) as dask_eng, LocalEngine(2) as pool:
        local = LocalEngine(1)
        warm = docs[:4]  # models load outside the timing: here, on every Dask worker (client.run reaches each)
        list(local.process(warm, settings, cs))  # and in the pool (eight one-document batches reach both processes)
        dask_eng.client.run(process_batch, warm, settings, cs)
        pool.chunk, chunk = 1, pool.chunk
        list(pool.process(docs[:8], settings, cs))
        pool.chunk = chunk
        engines = [("local1", local), ("dask2", dask_eng), ("local2", pool)]
        for i in range(plan.scaling_rounds):
            row: dict[str, float] = {}
            for name, eng in engines if i % 2 == 0 else engines[::-1]:
                t0 = time.perf_counter()
                done = sum(1 for _ in eng.process(docs, settings, cs))
                row[name] = round(time.perf_counter() - t0, 2)
                assert done == len(docs)
            row["speedup"] = round(row["local1"] / row["dask2"], 3)
            row["speedup_local2"] = round(row["local1"] / row["local2"], 3)
            log(f"  scaling round {i + 1}: local1 {row['local1']:.1f} s, dask2 {row['dask2']:.1f} s "
                f"({row['speedup']:.2f}x), local2 {row['local2']:.1f} s ({row['speedup_local2']:.2f}x)")
            rounds.append(row)
    ratios = sorted(r["speedup"] for r in rounds)
    pool_ratios = sorted(r["speedup_local2"] for r in rounds)
    return {"section": "scaling", "run_id": plan.run_id, "documents": len(docs), "rounds": rounds,
            "median_speedup": ratios[len(ratios) // 2], "median_speedup_local2": pool_ratios[len(pool_ratios) // 2], "load_start": [round(x, 2) for x in os.getloadavg()]}


# --------------------------------------------------------------------------- synthetic files


def ensure_corpus(data_dir: Path, root: Path, n: int) -> list[Path]:
    """The first ``n`` synthetic dumps as files under ``root`` (shards of 1,000), generated once and reused
    (the stream is the same for every ``n``: a smaller corpus is a prefix of a larger one)."""
    from kronik.bench.synth import generate

    root.mkdir(parents=True, exist_ok=True)
    manifest = root / "manifest.json"
    info = json.loads(manifest.read_text()) if manifest.is_file() else {}
    have = info.get("n", 0) if info.get("seed") == SEED else 0
    if have < n:
        for i, d in enumerate(generate(data_dir, n=n, seed=SEED)):
            if i < have:
                continue
            shard = root / f"{i // SHARD:04d}"
            shard.mkdir(exist_ok=True)
            (shard / f"{i:07d}.txt").write_text(d.text, "utf-8")
            if (i + 1) % SHARD == 0:
                manifest.write_text(json.dumps({"n": i + 1, "seed": SEED}))
        manifest.write_text(json.dumps({"n": n, "seed": SEED}))
    return corpus_paths(root, n)


def corpus_paths(root: Path, n: int) -> list[Path]:
    """Whole shards, then single files: exactly the first ``n`` dumps, in order."""
    full = n // SHARD
    return [root / f"{s:04d}" for s in range(full)] + [root / f"{full:04d}" / f"{i:07d}.txt" for i in range(full * SHARD, n)]


# --------------------------------------------------------------------------- end to end


class _Child:
    """A benchmark child process: iterating yields each JSON checkpoint line it prints, with the process
    tree's sampler freshly sampled at that point; ``rc`` is its exit code once iteration ends."""

    def __init__(self, cmd: list[str]) -> None:
        self.cmd = cmd
        self.rc = -1

    def __iter__(self) -> Iterator[tuple[dict[str, Any], TreeSampler]]:
        proc = subprocess.Popen(self.cmd, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        with TreeSampler(proc.pid) as sampler:
            assert proc.stdout is not None
            for line in proc.stdout:
                try:
                    point = json.loads(line)
                except json.JSONDecodeError:
                    continue
                sampler._listed = 0.0  # a fresh listing at each checkpoint
                sampler.sample()
                yield point, sampler
            self.rc = proc.wait()


def run_e2e(plan: Plan, spec: EngineSpec, log: Callable[[str], None]) -> None:
    sizes = sorted(s for s in plan.sizes if spec.max_n is None or s <= spec.max_n)
    if not sizes:
        return
    n = sizes[-1]
    corpus = plan.work / "corpus"
    ensure_corpus(plan.data_dir, corpus, n)
    db = plan.work / f"e2e-{spec.name}-{n}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "kronik.bench.all", "--e2e-child", json.dumps({
        "corpus": str(corpus), "n": n, "checkpoints": sizes, "engine": spec.kind, "procs": spec.procs, "db": str(db),
        "cluster_every": plan.cluster_every})]
    log(f"end to end: {spec.name}, {n:,} articles ...")
    load0 = [round(x, 2) for x in os.getloadavg()]
    t0 = time.perf_counter()
    child = _Child(cmd)
    for point, sampler in child:
        rec = {"section": "e2e", "run_id": plan.run_id, "engine": spec.name, "kind": spec.kind, "procs": spec.procs,
               "run_size": n,
               **point, "peak_rss_tree_mb": sampler.peak_mb, "peak_private_tree_mb": sampler.peak_private_mb,
               "cpu_tree_seconds": sampler.cpu_seconds,
               "load_start": load0}
        append_record(plan, rec)
        log(f"  {spec.name} {point['articles']:,} articles: {point['seconds']:.0f} s, "
            f"{point['articles'] / max(point['seconds'], 1e-9):.1f} art/s, peak tree RSS {sampler.peak_mb:.0f} MB")
    if child.rc != 0:
        append_record(plan, {"section": "e2e", "engine": spec.name, "run_size": n, "error": f"exit code {child.rc}",
                             "seconds": round(time.perf_counter() - t0, 1)})
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def e2e_child(args: dict[str, Any]) -> None:
    """Runs in its own process: ingest the first ``n`` files, printing a JSON line at each checkpoint."""
    from kronik.engines import make_engine
    from kronik.ingest import ingest
    from kronik.store import open_store

    n, checkpoints = args["n"], sorted(args["checkpoints"])
    paths = corpus_paths(Path(args["corpus"]), n)
    store = open_store(args["db"])
    engine = make_engine(args["engine"], jobs=args["procs"], workers=args["procs"])
    count = {"docs": 0}
    t0 = time.perf_counter()
    pending = list(checkpoints)
    report_ref: dict[str, Any] = {}

    def emit(final: bool) -> None:
        counts = store.counts() if final else {}
        rep = report_ref.get("report")
        point = {"articles": count["docs"], "seconds": round(time.perf_counter() - t0, 2), "final": final,
                 "rss_parent_mb": round(_rss_mb(), 1)}
        if final and rep is not None:
            point |= {"stored_articles": counts.get("articles"), "events": counts.get("events"),
                      "stories": counts.get("stories"), "problems": len(rep.problems),
                      "same_article": rep.same_article, "store_seconds": round(rep.seconds["store"], 1),
                      "corpus_seconds": round(rep.seconds["corpus"], 1),
                      "db_mb": round(sum(Path(f"{args['db']}{s}").stat().st_size for s in ("", "-wal")
                                         if Path(f"{args['db']}{s}").exists()) / 2**20, 1)}
        print(json.dumps(point), flush=True)

    def tick(_doc: object, _res: object) -> None:
        count["docs"] += 1
        if pending and count["docs"] >= pending[0] and pending[0] < n:
            pending.pop(0)
            emit(False)

    with engine if hasattr(engine, "__enter__") else _null(engine):
        t0 = time.perf_counter()  # engine start-up (pool, cluster) is not counted
        report_ref["report"] = ingest(paths, store, engine=engine, on_result=tick, cluster_every=args["cluster_every"])
    emit(True)


class _null:
    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def __enter__(self) -> Any:
        return self.obj

    def __exit__(self, *exc: object) -> None:
        pass


# --------------------------------------------------------------------------- corpus stages


def _feature_worker_init(data_dir: str, cache: str) -> None:
    global _ENTS
    _ENTS = json.loads(Path(cache).read_text("utf-8"))


_ENTS: dict[str, list[str]] = {}


def _features_chunk(docs: list[tuple[str, str, list[str], str, str, list[str]]]) -> list[Any]:
    from kronik.corpus.features import features_from_parts

    return [features_from_parts(i, title, body, published=pub, language="id", outlet=outlet,
                                entities=[e for k in keys for e in _ENTS.get(k, ())])
            for i, title, body, pub, outlet, keys in docs]


def _stream(data_dir: Path, n: int, kind: str) -> Iterator[tuple[str, str, list[str], str, str, list[str]]]:
    if kind == "unique":
        from kronik.bench.cluster import unique_stream

        yield from unique_stream(data_dir, n, seed=SEED)
        return
    yield from light_synthetic(data_dir, n, SEED)


def light_synthetic(data_dir: Path, n: int, seed: int, near_rate: float = 0.08, exact_rate: float = 0.02,
                    window: int = 2000) -> Iterator[tuple[str, str, list[str], str, str, list[str]]]:
    """The duplicate structure, bodies, titles, outlets and dates of :func:`kronik.bench.synth.generate`
    without composing the web furniture around them (features only read the body, title, outlet and date,
    and composing pages costs more than the features): originals in shuffled order at their real dates,
    near copies (light edits, minutes to two days later, often another outlet) of recent originals, exact
    copies of recent documents, and near copies only once the bodies are used up."""
    import random
    from collections import deque
    from datetime import datetime, timedelta

    from kronik.bench.synth import OTHER_OUTLETS, WIB, _light_edits, load_bases

    bases = load_bases(data_dir)
    rng = random.Random(seed)
    order = list(range(len(bases)))
    rng.shuffle(order)
    cursor = 0
    first_of: dict[int, datetime] = {}
    recent: deque[int] = deque(maxlen=window)
    recent_docs: deque[tuple[str, str, list[str], str, str, list[str]]] = deque(maxlen=200)
    fallback = datetime(2017, 1, 1, 8, 0, tzinfo=WIB)
    for i in range(n):
        doc_id = f"l{seed}-{i:07d}"
        r = rng.random()
        if r < exact_rate and recent_docs:
            src = rng.choice(recent_docs)
            yield (doc_id, *src[1:])
            continue
        if r < exact_rate + near_rate and recent:
            b_idx = rng.choice(recent)
        elif cursor < len(order):
            b_idx, cursor = order[cursor], cursor + 1
        else:
            b_idx = order[rng.randrange(len(order))]
        base = bases[b_idx]
        if b_idx in first_of:
            when = first_of[b_idx] + timedelta(minutes=rng.randint(5, 60 * 48))
            body, _ = _light_edits(rng, list(base.body))
            outlet = rng.choice(OTHER_OUTLETS)[0] if rng.random() < 0.5 else base.outlet
            title = base.title if rng.random() < 0.6 else " ".join(base.title.split()[:-1]) or base.title
        else:
            when = (base.published or fallback + timedelta(minutes=rng.randint(0, 60 * 24 * 180))).replace(second=0, microsecond=0)
            first_of[b_idx] = when
            recent.append(b_idx)
            body, outlet, title = list(base.body), base.outlet, base.title
        doc = (doc_id, title, body, when.strftime("%Y-%m-%dT%H:%M:00+07:00"), outlet, [base.key])
        recent_docs.append(doc)
        yield doc


def corpus_child(args: dict[str, Any]) -> None:
    """Runs in its own process: features by a pool (double-buffered), corpus stages here, JSON line per checkpoint."""
    from itertools import islice

    from kronik.bench.cluster import _base_entities
    from kronik.corpus import CorpusState, run_features, save_state

    data_dir, n, chunk = Path(args["data_dir"]), args["n"], args["chunk"]
    cache = Path(args["work"]) / ("entities.json" if args.get("entities", True) else "no-entities.json")
    if not cache.is_file():
        if args.get("entities", True):
            _base_entities(data_dir, cache)
        else:  # --quick: no entity tagging of the 3,400 source bodies (half a minute)
            cache.write_text("{}", "utf-8")
    state = CorpusState.empty()
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    pending = sorted(args["checkpoints"])
    done = 0
    corpus_cpu = corpus_wall = feat_wall = 0.0
    it = _stream(data_dir, n, args["stream"])
    sub = max(1, chunk // (4 * args["procs"]))

    def submit(pool: Any) -> Any:
        docs = list(islice(it, chunk))
        if not docs:
            return None
        return pool.map_async(_features_chunk, [docs[i:i + sub] for i in range(0, len(docs), sub)])

    with ctx.Pool(args["procs"], initializer=_feature_worker_init, initargs=(str(data_dir), str(cache))) as pool:
        t_all = time.perf_counter()
        nxt = submit(pool)
        while nxt is not None:
            t0 = time.perf_counter()
            feats = [f for part in nxt.get() for f in part]
            feat_wall += time.perf_counter() - t0
            nxt = submit(pool)  # the pool builds the next chunk while this one is clustered
            t0, c0 = time.perf_counter(), time.process_time()
            run_features(feats, state)
            corpus_wall += time.perf_counter() - t0
            corpus_cpu += time.process_time() - c0
            done += len(feats)
            del feats
            while pending and done >= pending[0]:
                pending.pop(0)
                final = not pending or done >= n
                point = {"articles": done, "corpus_seconds": round(corpus_wall, 2),
                         "corpus_cpu_seconds": round(corpus_cpu, 2), "feature_wait_seconds": round(feat_wall, 2),
                         "seconds": round(time.perf_counter() - t_all, 2), "rss_parent_mb": round(_rss_mb(), 1),
                         "events": len(state.clusters.events), "stories": len(state.stories.stories),
                         "duplicates": sum(1 for k, v in state.dedup.root.items() if k != v), "final": final}
                if final:
                    t0 = time.perf_counter()
                    blob = save_state(state)
                    point |= {"state_seconds": round(time.perf_counter() - t0, 2), "state_mb": round(len(blob) / 2**20, 1)}
                    del blob
                print(json.dumps(point), flush=True)


def run_corpus(plan: Plan, log: Callable[[str], None]) -> None:
    sizes = sorted(plan.corpus_sizes)
    if not sizes:
        return
    n = sizes[-1]
    checkpoints = sorted(set(sizes) | {c for c in (10_000, 100_000, 250_000, 500_000) if c < n})
    cmd = [sys.executable, "-m", "kronik.bench.all", "--corpus-child", json.dumps({
        "data_dir": str(plan.data_dir), "work": str(plan.work), "n": n, "checkpoints": checkpoints,
        "chunk": 20 if plan.quick else 20_000, "procs": plan.corpus_procs, "stream": plan.corpus_stream, "entities": not plan.quick})]
    log(f"corpus stages: {n:,} articles ({plan.corpus_stream} stream) ...")
    load0 = [round(x, 2) for x in os.getloadavg()]
    child = _Child(cmd)
    for point, sampler in child:
        append_record(plan, {"section": "corpus", "stream": plan.corpus_stream, "run_size": n,
                             "feature_procs": plan.corpus_procs, **point,
                             "peak_rss_tree_mb": sampler.peak_mb, "load_start": load0})
        log(f"  corpus {point['articles']:,}: corpus stages {point['corpus_seconds']:.0f} s, "
            f"parent RSS {point['rss_parent_mb']:.0f} MB, tree peak {sampler.peak_mb:.0f} MB")
    if child.rc != 0:
        append_record(plan, {"section": "corpus", "run_size": n, "error": f"exit code {child.rc}"})


# --------------------------------------------------------------------------- driver


def run_all(plan: Plan, log: Callable[[str], None] = lambda s: None) -> dict[str, Any]:
    plan.work.mkdir(parents=True, exist_ok=True)
    if not plan.append:
        plan.records.unlink(missing_ok=True)
    plan.run_id = plan.run_id or datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    append_record(plan, {"section": "meta", "run_id": plan.run_id, "code": os.environ.get("KRONIK_BENCH_CODE", ""),
                         "machine": machine(), "sizes": plan.sizes,
                         "corpus_sizes": plan.corpus_sizes, "engines": [e.__dict__ for e in plan.engines],
                         "cluster_every": plan.cluster_every, "quick": plan.quick, "corpus_stream": plan.corpus_stream,
                         "argv": sys.argv[1:]})
    if "stages" in plan.sections:
        log(f"stages: {plan.stage_n} documents, one process ...")
        append_record(plan, bench_stages(plan))
    if "scaling" in plan.sections:
        log(f"scaling: per-article stages only, {plan.scaling_n:,} documents, local1 against dask2, "
            f"{plan.scaling_rounds} rounds ...")
        append_record(plan, bench_scaling(plan, log))
    if "e2e" in plan.sections:
        for spec in plan.engines:
            run_e2e(plan, spec, log)
    if "corpus" in plan.sections:
        run_corpus(plan, log)
    append_record(plan, {"section": "done", "run_id": plan.run_id})
    return summarise(load_records(plan.records))


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    from kronik.bench.report import derived

    return {"records": records, "derived": derived(records)}


def main(argv: list[str]) -> None:
    if argv[:1] == ["--e2e-child"]:
        e2e_child(json.loads(argv[1]))
    elif argv[:1] == ["--corpus-child"]:
        corpus_child(json.loads(argv[1]))
    else:
        raise SystemExit("internal entry point of kronik bench all")


if __name__ == "__main__":
    main(sys.argv[1:])
