"""Ingest: the pipeline's results, written to the store in transactional batches.

Documents already stored (same content hash) are skipped before any work is
done, which makes re-ingesting a file a no-op and an interrupted ingest
resumable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from kronik.engines.local import LocalEngine
from kronik.io.readers import FieldMap, RawDocument, read_documents
from kronik.model import Article, Problem
from kronik.pipeline import Settings
from kronik.store.db import Store

BATCH = 200


@dataclass
class IngestReport:
    seen: int = 0
    skipped: int = 0
    articles: int = 0
    same_article: int = 0
    problems: list[Problem] = field(default_factory=list)


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
           on_result: Callable[[RawDocument | None, Article | Problem], None] | None = None) -> IngestReport:
    report = IngestReport()
    engine = LocalEngine(jobs=jobs)
    results = engine.run(_new_only(read_documents(paths, fields), store, report), settings)
    while batch := list(islice(results, batch_size)):
        n_art, _ = store.write_batch(batch)
        report.articles += n_art
        for doc, res in batch:
            if isinstance(res, Problem):
                report.problems.append(res)
            if on_result is not None:
                on_result(doc, res)
        report.same_article += sum(1 for _, r in batch if isinstance(r, Article)) - n_art
    return report
