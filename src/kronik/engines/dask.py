"""Run the per-article stages on a Dask cluster (``dask.distributed``).

``DaskEngine(scheduler="tcp://host:8786")`` connects to a running cluster (its
workers need ``kronik`` installed); without a scheduler it starts a
``LocalCluster`` of ``workers`` processes with one thread each (the stages are
pure Python: threads would share one GIL).

Documents are read lazily in this process and submitted in batches; at most
``in_flight`` batches per worker thread are outstanding, so a huge input never
sits in memory, and results are yielded in input order (the head batch is
waited for while the following ones keep the workers busy).  Each batch runs
:func:`kronik.engines.process_batch` on a worker: extraction, annotation and
the compact corpus features.  Only the results travel back; the corpus stages
(dedup, events, stories) run afterwards on stored features.

A worker that dies takes its running batch with it: the scheduler reassigns
the batch to another worker (``allowed-failures``), a batch that raises is
retried (``retries``), and a batch the cluster still cannot finish is
processed in this process as a last resort, so no article is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kronik.engines import Processed, Result, ordered_batches, process_batch
from kronik.io.readers import RawDocument
from kronik.model import Article, Problem

if TYPE_CHECKING:
    from kronik.corpus.settings import CorpusSettings
    from kronik.pipeline import Settings

log = logging.getLogger(__name__)


class DaskEngine:
    def __init__(self, scheduler: str | None = None, workers: int = 2, batch: int = 32, in_flight: int = 3,
                 retries: int = 3, allowed_failures: int = 10) -> None:
        self.scheduler = scheduler
        self.workers = max(1, workers)
        self.batch = batch
        self.in_flight = in_flight
        self.retries = retries
        self.allowed_failures = allowed_failures
        self.fallbacks = 0
        """Batches the cluster could not finish, processed in this process instead."""
        self.client: Any = None
        self.cluster: Any = None

    inline = False
    """The stages run on the cluster's workers, never in this process."""

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> DaskEngine:
        if self.client is not None:
            return self
        import dask
        from distributed import Client, LocalCluster

        if self.scheduler:
            self.client = Client(self.scheduler, set_as_default=False, timeout="30s")
        else:
            with dask.config.set({"distributed.scheduler.allowed-failures": self.allowed_failures,
                                  "distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                            dashboard_address=":0", scheduler_port=0, silence_logs=logging.ERROR)
            self.client = Client(self.cluster, set_as_default=False)
        return self

    def __enter__(self) -> DaskEngine:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def threads(self) -> int:
        """Worker threads the cluster has now (what the in-flight window is sized by)."""
        n = sum(self.client.nthreads().values()) if self.client is not None else 0
        return n or self.workers

    # ------------------------------------------------------------------ running
    def run(self, docs: Iterable[RawDocument | Problem], settings: object) -> Iterator[tuple[RawDocument | None, Article | Problem]]:
        from kronik.pipeline import Settings

        assert isinstance(settings, Settings)
        for doc, res, *_ in self.process(docs, settings, None):
            yield doc, res

    def process(self, docs: Iterable[RawDocument | Problem], settings: Settings,
                corpus_settings: CorpusSettings | None = None) -> Iterator[Processed]:
        own = self.client is None
        self.start()
        client = self.client

        def submit(batch: list[RawDocument]) -> Any:
            return client.submit(process_batch, batch, settings, corpus_settings, retries=self.retries, pure=False)

        def collect(fut: Any, batch: list[RawDocument]) -> list[Result]:
            try:
                return fut.result()
            except Exception as exc:  # the cluster gave up on this batch: do it here, lose nothing
                self.fallbacks += 1
                log.warning("batch of %d documents failed on the cluster (%s: %s); processing it locally",
                            len(batch), type(exc).__name__, exc)
                return process_batch(batch, settings, corpus_settings)
            finally:
                fut.release()

        try:
            yield from ordered_batches(docs, self.batch, self.in_flight * self.threads(), submit, collect)
        finally:
            if own:
                self.close()
