"""Ingest: the pipeline's results, written to the store in transactional batches.

Documents already stored (same content hash) are skipped before any work is
done, which makes re-ingesting a file a no-op and an interrupted ingest
resumable.  Each article is stored with its compact corpus features; the
corpus pass (:mod:`kronik.corpus.incremental`) then extends duplicates,
events and stories with the new articles: every ``cluster_every`` stored
articles and at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from kronik.corpus.features import article_features, dump_features
from kronik.corpus.incremental import PassReport, update_store
from kronik.corpus.settings import CorpusSettings
from kronik.engines.local import LocalEngine
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
           cluster_every: int = CLUSTER_EVERY) -> IngestReport:
    report = IngestReport()
    engine = LocalEngine(jobs=jobs)
    results = engine.run(_new_only(read_documents(paths, fields), store, report), settings)
    csettings = corpus_settings or CorpusSettings()
    since_pass = 0
    while batch := list(islice(results, batch_size)):
        feats = {r.id: dump_features(article_features(r, csettings)) for _, r in batch if isinstance(r, Article)}
        n_art, _ = store.write_batch(batch, feats)
        report.articles += n_art
        since_pass += n_art
        if cluster and since_pass >= cluster_every:
            _merge(report, update_store(store, csettings))
            since_pass = 0
        for doc, res in batch:
            if isinstance(res, Problem):
                report.problems.append(res)
            if on_result is not None:
                on_result(doc, res)
        report.same_article += sum(1 for _, r in batch if isinstance(r, Article)) - n_art
    if cluster:
        _merge(report, update_store(store, csettings))
    return report


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
