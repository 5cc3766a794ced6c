"""``kronik inspect``: what Kronik will make of a file, before anything is stored.

An analyst holding an unfamiliar export wants to see, first, how it will be
read: its format and encoding, which column is taken for the title, the body,
the date, the URL and the outlet (and which columns were left alone), how the
date column is written and which day/month order was decided, from what
evidence, how many rows list the same article, and the first records as they
will come out.  The same report feeds the upload page's preview, where the
mapping can be changed before ingesting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kronik.errors import InputError
from kronik.io.columns import FieldMap
from kronik.io.document import RawDocument
from kronik.io.files import source_label
from kronik.io.readers import read_input_file
from kronik.io.records import scan_file
from kronik.model import Problem

PREVIEW = 3
"""Records shown in full."""


def _preview(doc: RawDocument, settings: Any) -> dict[str, Any]:
    from kronik.pipeline import extract_document

    row: dict[str, Any] = {"source": doc.source, "given": dict(doc.fields), "notes": dict(doc.notes)}
    if doc.extra_sources:
        row["also_listed_as"] = list(doc.extra_sources)
    try:
        art = extract_document(doc, settings)
    except Exception as exc:  # an inspection reports, it never stops
        row["error"] = f"{type(exc).__name__}: {exc}"
        return row
    row.update(title=art.title, outlet=art.outlet, published=art.published, published_basis=art.published_basis,
               url=art.url, language=art.language, paragraphs=len(art.paragraphs), removed=len(art.removed),
               lead=(art.paragraphs[0][:200] if art.paragraphs else None), warnings=art.warnings)
    return row


def inspect_file(path: Path, fields: FieldMap | None = None, display_name: str | None = None) -> dict[str, Any]:
    """A JSON-able report of how ``path`` will be read (see the module docstring)."""
    from kronik.pipeline import Settings

    source = display_name or source_label(path)
    report: dict[str, Any] = {"file": source}
    try:
        f = read_input_file(path, source)
    except InputError as exc:
        report.update(problem={"reason": exc.reason, "detail": exc.detail})
        return report
    report.update(format=f.format, encoding=f.encoding, bytes=f.size)
    settings = Settings(stages=())
    if f.format not in ("jsonl", "csv"):
        doc = RawDocument(source=source, format=f.format, text=f.text, encoding=f.encoding)
        report.update(records=1, preview=[_preview(doc, settings)], warnings=[])
        return report
    scan = scan_file(f.text, source, f.format, f.encoding, fields, tab=f.tab)
    docs = [d for d in scan.documents if isinstance(d, RawDocument)]
    problems = [d for d in scan.documents if isinstance(d, Problem)]
    mapped = set(scan.columns.columns.values())
    report.update(
        records=scan.rows,
        articles=len(docs),
        duplicate_listings=len(scan.duplicates),
        columns={"seen": list(scan.columns.seen), "mapping": dict(scan.columns.columns),
                 "unused": [c for c in scan.columns.seen if c not in mapped],
                 "overridden": list(scan.columns.overridden)},
        date={"column": scan.columns.columns.get("date"), "samples": scan.date_samples,
              "order": scan.date_order.order if scan.date_order else None,
              "basis": scan.date_order.basis if scan.date_order else None,
              "evidence": scan.date_order.explain() if scan.date_order else None},
        problems=[p.model_dump() for p in problems[:20]],
        problem_count=len(problems),
        warnings=list(scan.warnings),
        preview=[_preview(d, settings) for d in docs[:PREVIEW]],
    )
    return report
