"""Export records (JSON lines, JSON arrays, CSV/TSV) as ``RawDocument``s.

A file is read in two passes over its parsed rows (the file is in memory
already, capped by :data:`kronik.io.files.MAX_FILE_BYTES`): the first decides
what holds for the whole file (which column holds what, the day/month order of
the date column, which rows are the same article listed twice), the second
yields one document per distinct article.  A bad record is one ``Problem`` and
the file goes on; a file whose text column cannot be found is one ``Problem``
that lists the columns it has.

JSON lines end only at ``\\n`` (or ``\\r\\n``): U+0085, U+2028, U+2029, vertical tab and
form feed inside a record are text, as JSON says, not line breaks
(``str.splitlines`` would split on them and lose the record).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from kronik.errors import MalformedRecord
from kronik.io.columns import ColumnMap, FieldMap, map_columns
from kronik.io.dateorder import (
    Evidence,
    NumericDate,
    OrderDecision,
    decide_order,
    parse_numeric,
    read_value,
    row_evidence,
    today,
)
from kronik.io.document import RawDocument
from kronik.io.files import MAX_FILE_BYTES
from kronik.model import Format, Problem

__all__ = ["ExportScan", "FieldMap", "csv_records", "jsonl_records", "scan_export", "scan_file"]

_SURROGATE = re.compile("[\\ud800-\\udfff]")
_GIVEN_ROLES = ("title", "url", "date", "outlet", "author")


@dataclass
class _Row:
    """One parsed record: its number, its fields as strings, or the problem that replaced it."""

    n: int
    values: dict[str, str] | None
    problem: str | None = None


@dataclass
class ExportScan:
    """What the first pass learnt about one export file (``kronik inspect`` shows it)."""

    source: str
    format: Format
    encoding: str
    columns: ColumnMap
    rows: int = 0
    date_order: OrderDecision | None = None
    date_samples: list[str] = field(default_factory=list)
    duplicates: dict[int, int] = field(default_factory=dict)
    """Row number -> the row number of the first listing of the same article."""
    file_problem: str | None = None
    warnings: list[str] = field(default_factory=list)
    documents: list[RawDocument | Problem] = field(default_factory=list)


def _text_of(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = "\n\n".join(str(v) for v in value if v is not None)
    elif isinstance(value, dict):
        return None
    text = str(value)
    if _SURROGATE.search(text):  # a lone surrogate (from a damaged \\udxxx escape) cannot be stored or printed
        text = _SURROGATE.sub("\ufffd", text)
    return text.strip() or None


def _json_rows(text: str) -> Iterator[_Row]:
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array export rather than JSON lines
        try:
            items = json.loads(stripped)
        except (ValueError, RecursionError) as exc:
            yield _Row(0, None, f"invalid JSON: {_json_error(exc)}")
            return
        for n, item in enumerate(items if isinstance(items, list) else [items], 1):
            yield _object_row(n, item)
        return
    n = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        n += 1
        try:
            item = json.loads(line)
        except (ValueError, RecursionError) as exc:  # ValueError: also a number of over 4,300 digits
            yield _Row(n, None, f"invalid JSON: {_json_error(exc)}")
            continue
        yield _object_row(n, item)


def _object_row(n: int, item: object) -> _Row:
    if not isinstance(item, dict):
        return _Row(n, None, "record is not an object")
    values: dict[str, str] = {}
    for k, v in item.items():
        t = _text_of(v)
        if t is not None:
            values[_SURROGATE.sub("\ufffd", str(k))] = t
    return _Row(n, values)


def _json_error(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)[:200]


def _sniff_delimiter(text: str, tab: bool) -> str:
    if tab:
        return "\t"
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _csv_rows(text: str, tab: bool) -> tuple[list[str], list[_Row]]:
    csv.field_size_limit(min(sys.maxsize, MAX_FILE_BYTES))
    rows: list[_Row] = []
    header: list[str] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text, tab))
    n = 0
    try:
        for cells in reader:
            if not header:
                header = [c.strip().lstrip("\ufeff") for c in cells]
                if not any(header):
                    header = []
                continue
            if not any(c.strip() for c in cells):
                continue
            n += 1
            values = {}
            for name, cell in zip(header, cells, strict=False):
                t = _text_of(cell)
                if t is not None and name:
                    values[name] = t
            rows.append(_Row(n, values))
    except csv.Error as exc:
        rows.append(_Row(n + 1, None, f"CSV error: {exc}; the rest of the file is not read"))
    return header, rows


def _norm_url(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    query = "&".join(q for q in parts.query.split("&") if q and not q.lower().startswith(("utm_", "fbclid", "gclid")))
    return f"{host}{parts.path.rstrip('/')}{'?' + query if query else ''}".lower()


def _body_key(body: str) -> str:
    return hashlib.blake2b(" ".join(body.casefold().split()).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def scan_export(rows: list[_Row], header: list[str] | None, source: str, fmt: Format, encoding: str,
                fields: FieldMap | None) -> ExportScan:
    """First pass: column roles, date order, duplicate listings; then the documents to yield."""
    fields = fields or FieldMap()
    names: dict[str, None] = dict.fromkeys(header or [])
    if header is None:
        for row in rows:
            if row.values:
                names.update(dict.fromkeys(row.values))
    cmap = map_columns(names, fields)
    scan = ExportScan(source=source, format=fmt, encoding=encoding, columns=cmap, rows=len(rows))
    if not cmap.has_text:
        if any(r.values for r in rows) or not rows:
            scan.file_problem = cmap.missing_text_detail()
            scan.documents.append(Problem(source=source, reason=MalformedRecord.reason, detail=scan.file_problem))
            return scan
    text_col = cmap.columns.get("text")
    url_col = cmap.columns.get("url")
    date_col = cmap.columns.get("date")

    # Duplicate listings: the same URL, or the same body once whitespace and case are folded.
    leader_of: dict[str, int] = {}
    for row in rows:
        if not row.values or not text_col or text_col not in row.values:
            continue
        keys = [f"b:{_body_key(row.values[text_col])}"]
        if url_col and row.values.get(url_col):
            keys.append(f"u:{_norm_url(row.values[url_col])}")
        first = next((leader_of[k] for k in keys if k in leader_of), None)
        if first is not None:
            scan.duplicates[row.n] = first
        for k in keys:
            leader_of.setdefault(k, row.n if first is None else first)

    # Day/month order of the date column, from every distinct row.
    numeric: dict[int, NumericDate] = {}
    evidence: dict[int, Evidence] = {}
    if date_col:
        now = today()
        for row in rows:
            if not row.values or row.n in scan.duplicates or not (raw := row.values.get(date_col)):
                continue
            if len(scan.date_samples) < 5:
                scan.date_samples.append(raw)
            nd = parse_numeric(raw)
            if nd is None:
                continue
            numeric[row.n] = nd
            evidence[row.n] = row_evidence(nd, row.values.get(text_col or "", ""), row.values.get(url_col or ""), now)
        if numeric:
            scan.date_order = decide_order(list(numeric.values()), list(evidence.values()), fields.date_order)
            if scan.date_order.ambiguous:
                scan.warnings.append(
                    f"day/month order of column {date_col!r} could not be decided ({scan.date_order.explain()}); "
                    "those dates are marked published_basis 'ambiguous': pass --date-order DMY or MDY to settle it")

    extra: dict[int, list[str]] = {}
    for n, first in scan.duplicates.items():
        extra.setdefault(first, []).append(f"{source}#{n}")
    for row in rows:
        where = f"{source}#{row.n}" if row.n else source
        if row.values is None:
            scan.documents.append(Problem(source=where, reason=MalformedRecord.reason, detail=row.problem or "unreadable record"))
            continue
        if row.n in scan.duplicates:
            continue
        body = row.values.get(text_col or "")
        if not body:
            scan.documents.append(Problem(source=where, reason=MalformedRecord.reason,
                                          detail=f"no text field: column {text_col!r} is missing or empty"))
            continue
        given = {role: row.values[col] for role in _GIVEN_ROLES if (col := cmap.columns.get(role)) and row.values.get(col)}
        notes: dict[str, str] = {}
        if date_col and row.n in numeric and scan.date_order is not None:
            read = read_value(given["date"], scan.date_order, evidence.get(row.n))
            if read is not None:
                notes["date_raw"] = given["date"]
                given["date"] = read.iso + (f" {read.zone}" if read.zone else "")
                notes["date_basis"] = "ambiguous" if read.ambiguous else "export"
        elif "date" in given:
            notes["date_basis"] = "export"
        if notes.get("date_basis") == "ambiguous":
            notes["warning"] = scan.warnings[0] if scan.warnings else "ambiguous day/month order"
        scan.documents.append(RawDocument(source=where, format=fmt, text=body, encoding=encoding, fields=given,
                                          notes=notes, extra_sources=extra.get(row.n, [])))
    return scan


def scan_file(text: str, source: str, fmt: Format, encoding: str, fields: FieldMap | None, tab: bool = False) -> ExportScan:
    """The first pass over a whole export file (``kronik inspect`` shows what it decided)."""
    if fmt == "csv":
        header, rows = _csv_rows(text, tab)
        return scan_export(rows, header, source, "csv", encoding, fields)
    return scan_export(list(_json_rows(text)), None, source, "jsonl", encoding, fields)


def jsonl_records(text: str, source: str, encoding: str, fields: FieldMap | None) -> Iterator[RawDocument | Problem]:
    """Records of a JSON lines file or a JSON array, one document per distinct article."""
    yield from scan_export(list(_json_rows(text)), None, source, "jsonl", encoding, fields).documents


def csv_records(text: str, source: str, encoding: str, fields: FieldMap | None, tab: bool) -> Iterator[RawDocument | Problem]:
    """Records of a CSV/TSV file (header row first; `,` `;` `|` or tab separated), one per distinct article."""
    header, rows = _csv_rows(text, tab)
    yield from scan_export(rows, header, source, "csv", encoding, fields).documents
