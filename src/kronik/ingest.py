"""Ingest: the pipeline's results, written to the store in transactional batches.

Documents already stored (same content hash) are skipped before any work is
done, which makes re-ingesting a file a no-op and an interrupted ingest
resumable.  Each article is stored with its compact corpus features; the
corpus pass (:mod:`kronik.corpus.incremental`) then extends duplicates,
events and stories with the new articles: every ``cluster_every`` stored
articles and at the end.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from kronik.corpus.incremental import PassReport, update_store
from kronik.corpus.settings import CorpusSettings
from kronik.engines import Engine, make_engine
from kronik.io.readers import FieldMap, RawDocument, read_documents
from kronik.model import Article, Problem
from kronik.pipeline import Settings
from kronik.store.db import Store

BATCH = 200
CLUSTER_EVERY = 20_000


@dataclass
class IngestReport:
    seen: int = 0
    skipped: int = 0
    articles: int = 0
    same_article: int = 0
    problems: list[Problem] = field(default_factory=list)
    corpus: PassReport | None = None
    seconds: dict[str, float] = field(default_factory=lambda: {"store": 0.0, "corpus": 0.0})
    """Time spent writing batches and in corpus passes (in this process)."""


def _new_only(docs: Iterable[RawDocument | Problem], store: Store, report: IngestReport) -> Iterator[RawDocument | Problem]:
    it = iter(docs)
    while batch := list(islice(it, 500)):
        known = store.known_hashes([d.content_hash for d in batch if isinstance(d, RawDocument)])
        for d in batch:
            report.seen += 1
            if isinstance(d, RawDocument) and d.content_hash in known:
                report.skipped += 1
                continue
            yield d


def ingest(paths: Iterable[str | Path], store: Store, *, fields: FieldMap | None = None,
           settings: Settings = Settings(), jobs: int = 1, batch_size: int = BATCH,
           on_result: Callable[[RawDocument | None, Article | Problem], None] | None = None,
           cluster: bool = True, corpus_settings: CorpusSettings | None = None,
           cluster_every: int = CLUSTER_EVERY, engine: str | Engine = "local", scheduler: str | None = None,
           workers: int | None = None) -> IngestReport:
    """Ingest files and directories (read lazily); see the module docstring.

    ``engine``: ``"local"`` (``jobs`` processes), ``"dask"`` (``scheduler`` address, or a LocalCluster of
    ``workers`` processes), or an engine object, which is used as it is and left running (``kronik watch``).
    """
    return ingest_documents(read_documents(paths, fields), store, settings=settings, jobs=jobs, batch_size=batch_size,
                            on_result=on_result, cluster=cluster, corpus_settings=corpus_settings,
                            cluster_every=cluster_every, engine=engine, scheduler=scheduler, workers=workers)


def ingest_documents(docs: Iterable[RawDocument | Problem], store: Store, *, settings: Settings = Settings(),
                     jobs: int = 1, batch_size: int = BATCH,
                     on_result: Callable[[RawDocument | None, Article | Problem], None] | None = None,
                     cluster: bool = True, corpus_settings: CorpusSettings | None = None,
                     cluster_every: int = CLUSTER_EVERY, engine: str | Engine = "local", scheduler: str | None = None,
                     workers: int | None = None) -> IngestReport:
    """:func:`ingest` for documents already read (any iterable; consumed lazily)."""
    report = IngestReport()
    own = isinstance(engine, str)
    eng: Engine = make_engine(engine, jobs=jobs, scheduler=scheduler, workers=workers) if isinstance(engine, str) else engine
    csettings = corpus_settings or _store_settings(store)
    try:
        results = eng.process(_new_only(docs, store, report), settings, csettings)
        since_pass = 0
        while batch := list(islice(results, batch_size)):
            pairs = [(p.doc, p.result) for p in batch]
            arts = [p for p in batch if isinstance(p.result, Article)]
            feats = {p.result.id: p.features for p in arts if p.features is not None}
            index = {p.result.id: p.index for p in arts if p.index is not None}
            t0 = time.perf_counter()
            n_art, _ = store.write_batch(pairs, feats, index)
            report.seconds["store"] += time.perf_counter() - t0
            report.articles += n_art
            since_pass += n_art
            if cluster and since_pass >= cluster_every:
                _pass(report, store, corpus_settings)
                since_pass = 0
            for doc, res in pairs:
                if isinstance(res, Problem):
                    report.problems.append(res)
                if on_result is not None:
                    on_result(doc, res)
            report.same_article += sum(1 for _, r in pairs if isinstance(r, Article)) - n_art
    finally:
        if own:
            eng.close()
    if cluster:
        _pass(report, store, corpus_settings)
    return report


def _store_settings(store: Store) -> CorpusSettings:
    """The corpus settings the store was clustered with (features must be computed with them), else the defaults.

    Reads only the settings out of the saved state, not the whole state."""
    blob = store.corpus_state()
    if not blob:
        return CorpusSettings()
    import io
    import json

    import numpy as np

    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes().decode("utf-8"))
        return CorpusSettings.from_dict(meta["settings"])
    except Exception:  # an unreadable state: the corpus pass reports it
        return CorpusSettings()


def _pass(report: IngestReport, store: Store, corpus_settings: CorpusSettings | None) -> None:
    """A corpus pass (with the store's own settings unless the caller gave some)."""
    t0 = time.perf_counter()
    _merge(report, update_store(store, corpus_settings))
    report.seconds["corpus"] += time.perf_counter() - t0


def _merge(report: IngestReport, p: PassReport) -> None:
    if report.corpus is None:
        report.corpus = p
        return
    c = report.corpus
    c.articles += p.articles
    c.events_touched += p.events_touched
    c.stories_touched += p.stories_touched
    c.backfilled += p.backfilled
    c.events_total, c.stories_total = p.events_total, p.stories_total
