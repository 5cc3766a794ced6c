"""Run the per-article stages in this process, or in a pool of processes.

With ``jobs > 1`` documents go to a forkserver pool in batches; at most
``in_flight`` batches per process are outstanding (the input is read only as
fast as results are taken), so memory does not grow with the input, and no
batch waits for a slow neighbour: results come back in input order as soon as
the head batch is done.  Used as a context manager the pool lives across calls.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kronik.engines import Processed, ordered_batches, process_batch
from kronik.io.readers import RawDocument
from kronik.model import Article, Problem

if TYPE_CHECKING:
    from kronik.corpus.settings import CorpusSettings
    from kronik.pipeline import Settings


class LocalEngine:
    def __init__(self, jobs: int = 1, chunk: int = 16, in_flight: int = 3) -> None:
        self.jobs = max(1, jobs)
        self.chunk = chunk
        self.in_flight = in_flight
        self._pool: Any = None

    @property
    def inline(self) -> bool:
        """Stages run in this very process (one job): nothing runs beside the caller's own work."""
        return self.jobs == 1

    # ------------------------------------------------------------------ lifecycle
    def _new_pool(self) -> Any:
        ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        return ctx.Pool(self.jobs)

    def __enter__(self) -> LocalEngine:
        if self.jobs > 1 and self._pool is None:
            self._pool = self._new_pool()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    # ------------------------------------------------------------------ running
    def run(self, docs: Iterable[RawDocument | Problem], settings: object) -> Iterator[tuple[RawDocument | None, Article | Problem]]:
        from kronik.pipeline import Settings

        assert isinstance(settings, Settings)
        for doc, res, *_ in self.process(docs, settings, None):
            yield doc, res

    def process(self, docs: Iterable[RawDocument | Problem], settings: Settings,
                corpus_settings: CorpusSettings | None = None) -> Iterator[Processed]:
        if self.jobs == 1:
            for doc in docs:
                if isinstance(doc, Problem):
                    yield Processed(None, doc, None)
                else:
                    (res, feats, idx), = process_batch([doc], settings, corpus_settings)
                    yield Processed(doc, res, feats, idx)
            return
        own = self._pool is None
        pool = self._new_pool() if own else self._pool
        try:
            yield from ordered_batches(
                docs, self.chunk, self.in_flight * self.jobs,
                submit=lambda batch: pool.apply_async(process_batch, (batch, settings, corpus_settings)),
                collect=lambda handle, _batch: handle.get())
        finally:
            if own:
                pool.terminate()
                pool.join()
