"""Export records (JSON lines, JSON arrays, CSV/TSV) as ``RawDocument``s.

A bad record is one ``Problem`` and the file goes on.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from kronik.errors import MalformedRecord
from kronik.io.document import RawDocument
from kronik.io.files import MAX_FILE_BYTES
from kronik.model import Format, Problem


@dataclass
class FieldMap:
    """Which export fields hold what; the first name present in a record wins."""

    title: tuple[str, ...] = ("title", "judul", "headline")
    text: tuple[str, ...] = ("text", "body", "content", "isi", "article", "konten", "berita")
    url: tuple[str, ...] = ("url", "link", "tautan", "source_url")
    date: tuple[str, ...] = ("date", "published", "published_at", "tanggal", "datetime", "time", "waktu")
    outlet: tuple[str, ...] = ("outlet", "media", "site", "publisher", "source", "sumber")

    def override(self, spec: dict[str, str]) -> FieldMap:
        """Return a copy where each given role reads only the named field."""
        kwargs = {name: getattr(self, name) for name in ("title", "text", "url", "date", "outlet")}
        for role, fieldname in spec.items():
            if role not in kwargs:
                raise ValueError(f"unknown field role {role!r}; expected one of {sorted(kwargs)}")
            kwargs[role] = (fieldname,)
        return FieldMap(**kwargs)


def _pick(record: dict[str, object], names: tuple[str, ...]) -> str | None:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name.lower())
        if value is None:
            continue
        if isinstance(value, list):
            value = "\n\n".join(str(v) for v in value)
        text = str(value).strip()
        if text:
            return text
    return None


def _record(record: object, source: str, fmt: Format, encoding: str, fields: FieldMap) -> RawDocument | Problem:
    if not isinstance(record, dict):
        return Problem(source=source, reason=MalformedRecord.reason, detail="record is not an object")
    body = _pick(record, fields.text)
    if body is None:
        return Problem(source=source, reason=MalformedRecord.reason,
                       detail=f"no text field (looked for {', '.join(fields.text)})")
    given = {role: v for role in ("title", "url", "date", "outlet") if (v := _pick(record, getattr(fields, role)))}
    return RawDocument(source=source, format=fmt, text=body, encoding=encoding, fields=given)


def jsonl_records(text: str, source: str, encoding: str, fields: FieldMap) -> Iterator[RawDocument | Problem]:
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array export rather than JSON lines
        try:
            items = json.loads(stripped)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield Problem(source=source, reason=MalformedRecord.reason, detail=f"invalid JSON: {_json_error(exc)}")
            return
        if not isinstance(items, list):
            items = [items]
        for n, item in enumerate(items, 1):
            yield _record(item, f"{source}#{n}", "jsonl", encoding, fields)
        return
    n = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        n += 1
        try:
            item = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield Problem(source=f"{source}#{n}", reason=MalformedRecord.reason, detail=f"invalid JSON: {_json_error(exc)}")
            continue
        yield _record(item, f"{source}#{n}", "jsonl", encoding, fields)


def _json_error(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)


def csv_records(text: str, source: str, encoding: str, fields: FieldMap, tab: bool) -> Iterator[RawDocument | Problem]:
    csv.field_size_limit(min(sys.maxsize, MAX_FILE_BYTES))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if tab else ",")
        for n, row in enumerate(reader, 1):
            if None in row:  # more cells than header columns
                row.pop(None)  # type: ignore[call-overload]
            yield _record(row, f"{source}#{n}", "csv", encoding, fields)
    except csv.Error as exc:
        yield Problem(source=source, reason=MalformedRecord.reason, detail=f"CSV error: {exc}")
