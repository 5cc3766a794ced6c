"""Where per-article stages run: in this process or a pool (local), or on a Dask cluster.

Every engine has the same two entry points:

* ``run(docs, settings)`` yields ``(RawDocument | None, Article | Problem)`` in input order;
* ``process(docs, settings, corpus_settings)`` yields :class:`Processed` records
  (the same pair plus what the store needs that costs CPU: the article's compact
  corpus features as bytes and its stemmed search-index row, both computed on
  the worker, so the one process that writes the store does no per-article
  computing), in input order.

Documents go to the workers in batches (:func:`process_batch` is the one
function a worker runs); only a bounded number of batches is in flight, so
memory stays flat however large the input.  An engine used as a context
manager keeps its pool or cluster between calls (``kronik watch``); otherwise
each call starts and stops its own.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from kronik.corpus.settings import CorpusSettings
    from kronik.io.readers import RawDocument
    from kronik.model import Article, Problem
    from kronik.pipeline import Settings


class Processed(NamedTuple):
    doc: RawDocument | None
    result: Article | Problem
    features: bytes | None
    index: dict[str, str] | None = None
    """The search-index row (:func:`kronik.store.search.index_row`), when features were asked for."""


Result = tuple["Article | Problem", "bytes | None", "dict[str, str] | None"]


class Engine(Protocol):
    inline: bool
    """True when the stages run in the caller's own process (then nothing else can run beside them)."""

    def process(self, docs: Iterable[RawDocument | Problem], settings: Settings,
                corpus_settings: CorpusSettings | None = None) -> Iterator[Processed]: ...

    def run(self, docs: Iterable[RawDocument | Problem], settings: Settings) -> Iterator[tuple[RawDocument | None, Article | Problem]]: ...

    def close(self) -> None: ...


def process_batch(docs: list[RawDocument], settings: Settings, corpus_settings: CorpusSettings | None) -> list[Result]:
    """What a worker does with one batch: the per-article stages, then (when ``corpus_settings``
    is given, i.e. for the store) each article's compact features, serialised, and its stemmed
    search-index row.  Results in input order."""
    from kronik.corpus.features import article_features, dump_features
    from kronik.model import Article
    from kronik.pipeline import process_document
    from kronik.store.search import index_row

    out: list[Result] = []
    for doc in docs:
        res = process_document(doc, settings)
        feats = idx = None
        if corpus_settings is not None and isinstance(res, Article):
            feats = dump_features(article_features(res, corpus_settings))
            idx = index_row(res.id, res.title, res.paragraphs)
        out.append((res, feats, idx))
    return out


def make_engine(kind: str = "local", *, jobs: int = 1, scheduler: str | None = None,
                workers: int | None = None) -> Engine:
    """An engine by name: ``local`` (``jobs`` processes) or ``dask`` (a scheduler address, or a
    LocalCluster of ``workers`` processes)."""
    if kind == "local":
        from kronik.engines.local import LocalEngine

        return LocalEngine(jobs=jobs)
    if kind == "dask":
        from kronik.engines.dask import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers or jobs or 2)
    raise ValueError(f"unknown engine {kind!r}; expected 'local' or 'dask'")


def ordered_batches(docs: Iterable[RawDocument | Problem], batch_size: int, in_flight: int,
                    submit: Callable[[list[RawDocument]], Any],
                    collect: Callable[[Any, list[RawDocument]], list[Result]],
                    ) -> Iterator[Processed]:
    """Stream ``docs`` through a pool in batches, at most ``in_flight`` batches submitted at once
    (backpressure: the input is read only as fast as results are taken), results in input order.

    ``submit(batch)`` starts a batch and returns a handle; ``collect(handle, batch)`` waits for its
    results.  Problems from the reader pass through in their place without a round trip.
    """
    from kronik.io.readers import RawDocument

    it = iter(docs)
    pending: deque[tuple[list[RawDocument | Problem], list[RawDocument], Any]] = deque()

    def fill() -> None:
        while len(pending) < in_flight:
            items = list(islice(it, batch_size))
            if not items:
                return
            real = [d for d in items if isinstance(d, RawDocument)]
            pending.append((items, real, submit(real) if real else None))

    fill()
    while pending:
        items, real, handle = pending.popleft()
        fill()  # keep the workers busy while this batch is collected
        results = iter(collect(handle, real) if handle is not None else ())
        for item in items:
            if isinstance(item, RawDocument):
                res, feats, idx = next(results)
                yield Processed(item, res, feats, idx)
            else:
                yield Processed(None, item, None)
