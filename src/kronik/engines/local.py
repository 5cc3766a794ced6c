"""Run the per-article stages in this process, or in a pool of processes.

Documents stream through in bounded chunks (``imap`` with a window), so memory
does not grow with the input; results come back in input order.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from itertools import islice

from kronik.io.readers import RawDocument
from kronik.model import Article, Problem


class LocalEngine:
    def __init__(self, jobs: int = 1, chunk: int = 64) -> None:
        self.jobs = max(1, jobs)
        self.chunk = chunk

    def run(self, docs: Iterable[RawDocument | Problem], settings: object) -> Iterator[tuple[RawDocument | None, Article | Problem]]:
        from kronik.pipeline import Settings, process_document

        assert isinstance(settings, Settings)
        if self.jobs == 1:
            for doc in docs:
                if isinstance(doc, Problem):
                    yield None, doc
                else:
                    yield doc, process_document(doc, settings)
            return
        ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
        with ctx.Pool(self.jobs) as pool:
            it = iter(docs)
            while batch := list(islice(it, self.chunk * self.jobs)):
                real = [d for d in batch if isinstance(d, RawDocument)]
                results = iter(pool.starmap(process_document, [(d, settings) for d in real], chunksize=8))
                for doc in batch:
                    if isinstance(doc, Problem):
                        yield None, doc
                    else:
                        yield doc, next(results)
