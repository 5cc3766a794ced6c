"""Ingest: the pipeline's results, written to the store in transactional batches.

Documents already stored (same content hash) are skipped before any work is
done, which makes re-ingesting a file a no-op and an interrupted ingest
resumable.  Each article is stored with its compact corpus features; the
corpus pass (:mod:`kronik.corpus.incremental`) then extends duplicates,
events and stories with the new articles: every ``cluster_every`` stored
articles and at the end.

When the per-article stages run in other processes (a pool, a Dask cluster),
the passes during an ingest run in a background thread of this process, so
the workers are kept busy while events are extended: otherwise every pass
would stop the whole cluster until it was done.  Each pass takes the articles
stored before it began and commits in one transaction, as it does inline;
articles stored meanwhile wait for the next pass, and the last pass, after
the last batch, runs in the foreground.  A pass costs more than its new
articles (every story it touches is described again), so background passes
are not made more frequent than inline ones to shorten that last pass.  Where
a background pass starts depends on timing, so event boundaries can differ
slightly between two such runs, as they do for files that arrive in
different batches (``kronik cluster --reset`` re-clusters the whole store in
one pass).
"""

from __future__ import annotations

import threading
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
    seconds: dict[str, float] = field(default_factory=lambda: {"store": 0.0, "corpus": 0.0, "corpus_wait": 0.0})
    """Time spent writing batches, in corpus passes (in this process, background ones included), and
    waiting for corpus passes (the part of their time that ingest stood still for)."""
    passes: int = 0


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
           workers: int | None = None, background_corpus: bool | None = None) -> IngestReport:
    """Ingest files and directories (read lazily); see the module docstring.

    ``engine``: ``"local"`` (``jobs`` processes), ``"dask"`` (``scheduler`` address, or a LocalCluster of
    ``workers`` processes), or an engine object, which is used as it is and left running (``kronik watch``).
    ``background_corpus``: run the passes during the ingest in a background thread (default: when the
    engine's workers are other processes; with everything in this one process it would gain nothing).
    """
    return ingest_documents(read_documents(paths, fields), store, settings=settings, jobs=jobs, batch_size=batch_size,
                            on_result=on_result, cluster=cluster, corpus_settings=corpus_settings,
                            cluster_every=cluster_every, engine=engine, scheduler=scheduler, workers=workers,
                            background_corpus=background_corpus)


def ingest_documents(docs: Iterable[RawDocument | Problem], store: Store, *, settings: Settings = Settings(),
                     jobs: int = 1, batch_size: int = BATCH,
                     on_result: Callable[[RawDocument | None, Article | Problem], None] | None = None,
                     cluster: bool = True, corpus_settings: CorpusSettings | None = None,
                     cluster_every: int = CLUSTER_EVERY, engine: str | Engine = "local", scheduler: str | None = None,
                     workers: int | None = None, background_corpus: bool | None = None) -> IngestReport:
    """:func:`ingest` for documents already read (any iterable; consumed lazily)."""
    report = IngestReport()
    own = isinstance(engine, str)
    eng: Engine = make_engine(engine, jobs=jobs, scheduler=scheduler, workers=workers) if isinstance(engine, str) else engine
    csettings = corpus_settings or _store_settings(store)
    if background_corpus is None:
        background_corpus = not getattr(eng, "inline", False)
    passes = _Passes(report, store, corpus_settings, background=background_corpus)
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
            if cluster and since_pass >= cluster_every and passes.start():
                since_pass = 0
            for doc, res in pairs:
                if isinstance(res, Problem):
                    report.problems.append(res)
                if on_result is not None:
                    on_result(doc, res)
            report.same_article += sum(1 for _, r in pairs if isinstance(r, Article)) - n_art
    finally:
        try:
            passes.wait()
        finally:
            if own:
                eng.close()
    if cluster:
        passes.start(wait=True)
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


class _Passes:
    """The corpus passes of one ingest: inline, or one at a time in a background thread."""

    def __init__(self, report: IngestReport, store: Store, settings: CorpusSettings | None, *, background: bool) -> None:
        self.report, self.store, self.settings, self.background = report, store, settings, background
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        """A pass now, in this thread (with the store's own settings unless the caller gave some)."""
        t0 = time.perf_counter()
        _merge(self.report, update_store(self.store, self.settings))  # one pass at a time: no lock needed
        self.report.passes += 1
        self.report.seconds["corpus"] += time.perf_counter() - t0

    def start(self, *, wait: bool = False) -> bool:
        """Start a pass (in the background, if so configured, unless ``wait``); False while the previous
        one still runs."""
        self._raise()
        if not self.background or wait:
            t0 = time.perf_counter()
            self.run()
            self.report.seconds["corpus_wait"] += time.perf_counter() - t0
            return True
        if self.thread is not None and self.thread.is_alive():
            return False
        self.thread = threading.Thread(target=self._background, name="kronik-corpus-pass", daemon=True)
        self.thread.start()
        return True

    def _background(self) -> None:
        try:
            self.run()
        except BaseException as exc:  # re-raised in the ingesting thread
            self.error = exc

    def wait(self) -> None:
        """Wait for a background pass to end; its error, if any, is raised here."""
        if self.thread is not None:
            t0 = time.perf_counter()
            self.thread.join()
            self.report.seconds["corpus_wait"] += time.perf_counter() - t0
            self.thread = None
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            err, self.error = self.error, None
            raise err


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
