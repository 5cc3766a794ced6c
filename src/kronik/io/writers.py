"""Exports of stored articles: JSONL (``kronik/1`` articles), CSV (flat columns), Parquet (pyarrow), JSON.

Every writer takes an iterable of :class:`~kronik.model.Article`, so the same code exports the whole
store or the result of a search (:func:`export_articles`), from the CLI or the API, without holding
more than a chunk of articles in memory (Parquet is written in row groups of ``CHUNK`` articles).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import IO, TYPE_CHECKING, Any

from kronik.model import Article, Output, dumps_output

if TYPE_CHECKING:
    from kronik.store.db import Store
    from kronik.store.search import SearchQuery

FORMATS = ("json", "jsonl", "csv", "parquet")
CHUNK = 1000
MEDIA_TYPES = {"json": "application/json", "jsonl": "application/x-ndjson", "csv": "text/csv; charset=utf-8",
               "parquet": "application/vnd.apache.parquet"}

FLAT_COLUMNS = ("id", "title", "outlet", "published", "published_basis", "language", "url", "source", "format",
                "authors", "dateline", "wire_sources", "duplicate_of", "event", "story", "n_paragraphs",
                "entities", "speakers", "text")
"""CSV columns: lists are joined with ``; `` (entities: distinct canonical names; speakers: distinct quote speakers)."""


def flat_row(a: Article) -> dict[str, Any]:
    """One article as flat columns (lists kept as lists; the CSV writer joins them)."""
    return {
        "id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "published_basis": a.published_basis,
        "language": a.language, "url": a.url, "source": a.source, "format": a.format, "authors": list(a.authors),
        "dateline": a.dateline, "wire_sources": list(a.wire_sources), "duplicate_of": a.duplicate_of, "event": a.event,
        "story": a.story, "n_paragraphs": len(a.paragraphs),
        "entities": list(dict.fromkeys(e.canonical for e in a.entities)),
        "speakers": list(dict.fromkeys(q.speaker for q in a.quotes if q.speaker)),
        "text": "\n\n".join(a.paragraphs),
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a CSV cell as a formula (OWASP "CSV injection")."""


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a string starting with ``=``, ``+``, ``-``, ``@``, tab or
    carriage return gets a leading ``'`` (the OWASP rule; spreadsheets hide the quote).  Why every such
    cell and not only "real" formulas: a title like ``=HYPERLINK(...)`` or ``-1+cmd|...`` is scraped text,
    and deciding what a spreadsheet would evaluate is the spreadsheet's job, not ours."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def iter_jsonl(articles: Iterable[Article]) -> Iterator[str]:
    for a in articles:
        yield json.dumps(a.model_dump(), ensure_ascii=False) + "\n"


def iter_csv(articles: Iterable[Article]) -> Iterator[str]:
    """CSV text in chunks, every cell through :func:`safe_cell` (the API's download and ``kronik export``)."""
    def rows() -> Iterator[dict[str, Any]]:
        for a in articles:
            row = flat_row(a)
            for k in ("authors", "wire_sources", "entities", "speakers"):
                row[k] = "; ".join(row[k])
            yield row

    return iter_csv_rows(rows(), FLAT_COLUMNS)


def iter_csv_rows(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    """Plain rows (quotes, ...) as CSV text in chunks, every cell through :func:`safe_cell`."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore")
    w.writeheader()
    for row in rows:
        w.writerow({k: safe_cell(v) for k, v in row.items()})
        if buf.tell() > 1 << 16:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    n = 0
    for line in iter_jsonl(articles):
        out.write(line)
        n += 1
    return n


def write_csv(articles: Iterable[Article], out: IO[str]) -> None:
    for part in iter_csv(articles):
        out.write(part)


def _parquet_schema() -> Any:
    import pyarrow as pa

    s, ls = pa.string(), pa.list_(pa.string())
    types = {"authors": ls, "wire_sources": ls, "entities": ls, "speakers": ls, "n_paragraphs": pa.int32()}
    return pa.schema([(c, types.get(c, s)) for c in FLAT_COLUMNS])


def write_parquet(articles: Iterable[Article], out: Any) -> int:
    """Flat columns (lists as Parquet lists) to a path or binary file object; returns rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    it = iter(articles)
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        while chunk := list(islice(it, CHUNK)):
            rows = [flat_row(a) for a in chunk]
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


def parquet_bytes(articles: Iterable[Article]) -> bytes:
    buf = io.BytesIO()
    write_parquet(articles, buf)
    return buf.getvalue()


def write_json(store: Store, articles: Iterable[Article], out: IO[str], *, everything: bool) -> None:
    """One ``kronik/1`` document: the articles, and (for a whole-store export) events and stories."""
    doc = Output(articles=list(articles), events=store.events() if everything else [],
                 stories=store.stories() if everything else [])
    out.write(dumps_output(doc) + "\n")


def export_articles(store: Store, sq: SearchQuery | None = None) -> Iterator[Article]:
    """Every stored article (oldest first), or every article matching a search (best first)."""
    if sq is None or (not sq.q.strip() and not sq.filters()):
        yield from store.articles()
        return
    from kronik.store.search import matching_ids

    it = matching_ids(store, sq)
    while ids := list(islice(it, 500)):
        by_id = {a.id: a for a in store.articles(ids)}
        yield from (by_id[i] for i in ids if i in by_id)
