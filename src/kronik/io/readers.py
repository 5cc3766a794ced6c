"""Read files, directories, gzip and exports into ``RawDocument``s.

Everything that can go wrong with one input (empty, binary, truncated gzip,
oversized, malformed record) becomes a ``Problem`` yielded in its place, so a
batch never stops on one bad file.  Reading is lazy: files are opened one at a
time, records streamed, so memory stays bounded however large the input.
"""

from __future__ import annotations

import csv
import fnmatch
import gzip
import hashlib
import io
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kronik.errors import InputError, MalformedRecord, TooLarge, TruncatedInput
from kronik.io.encoding import decode_bytes
from kronik.model import Format, Problem

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest single file (after decompression) we read; bigger ones are reported, not read."""

IGNORE_FILE = ".kronikignore"

_EXT_FORMAT: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
}


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


@dataclass
class RawDocument:
    """One article's raw input: decoded text plus, for export records, the given fields."""

    source: str
    format: Format
    text: str
    encoding: str = "utf-8"
    fields: dict[str, str] = field(default_factory=dict)
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            h = hashlib.blake2b(digest_size=16)
            h.update(self.text.encode("utf-8", "surrogatepass"))
            for key in sorted(self.fields):
                h.update(f"\x00{key}\x00{self.fields[key]}".encode("utf-8", "surrogatepass"))
            self.content_hash = h.hexdigest()


def _read_ignore(directory: Path) -> list[str]:
    path = directory / IGNORE_FILE
    if not path.is_file():
        return []
    return [ln.strip() for ln in path.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files below directories named, in a stable order.

    Hidden files and those matched by a ``.kronikignore`` (glob per line,
    relative to its directory) are skipped.
    """
    for given in paths:
        p = Path(given)
        if p.is_dir():
            yield from _walk(p, [])
        else:
            yield p


def _walk(directory: Path, inherited: list[tuple[Path, str]]) -> Iterator[Path]:
    patterns = inherited + [(directory, pat) for pat in _read_ignore(directory)]
    for child in sorted(directory.iterdir()):
        if child.name.startswith(".") or _ignored(child, patterns):
            continue
        if child.is_dir():
            yield from _walk(child, patterns)
        elif child.is_file():
            yield child


def _ignored(path: Path, patterns: list[tuple[Path, str]]) -> bool:
    for base, pat in patterns:
        rel = path.relative_to(base).as_posix()
        if fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(path.name, pat):
            return True
    return False


def _format_of(name: str, text_head: str) -> Format:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    suffix = Path(lower).suffix
    if suffix in _EXT_FORMAT:
        return _EXT_FORMAT[suffix]
    head = text_head.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith("{"):
        return "jsonl"
    return "text"


def _read_bytes(path: Path, source: str) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise TooLarge(source, f"{size} bytes > limit {MAX_FILE_BYTES}")
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, source)
    return data


def _gunzip(data: bytes, source: str) -> bytes:
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            while chunk := fh.read(1 << 20):
                out += chunk
                if len(out) > MAX_FILE_BYTES:
                    raise TooLarge(source, f"decompresses past {MAX_FILE_BYTES} bytes")
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise TruncatedInput(source, f"gzip stream is damaged or cut short ({exc})") from exc
    return bytes(out)


def read_documents(paths: Iterable[str | Path], fields: FieldMap | None = None) -> Iterator[RawDocument | Problem]:
    """Yield a RawDocument per article (a file, or a record of an export), or a Problem."""
    fields = fields or FieldMap()
    for path in iter_files(paths):
        source = str(path)
        try:
            data = _read_bytes(path, source)
            decoded = decode_bytes(data, source)
        except InputError as exc:
            yield Problem(source=source, reason=exc.reason, detail=exc.detail)
            continue
        except OSError as exc:
            yield Problem(source=source, reason="unreadable", detail=str(exc))
            continue
        fmt = _format_of(path.name, decoded.text[:1024])
        text = decoded.text.lstrip("\ufeff")
        if fmt == "jsonl":
            records = _jsonl_records(text, source, decoded.encoding, fields)
        elif fmt == "csv":
            records = _csv_records(text, source, decoded.encoding, fields, tab=path.name.lower().removesuffix(".gz").endswith(".tsv"))
        else:
            yield RawDocument(source=source, format=fmt, text=text, encoding=decoded.encoding)
            continue
        try:
            yield from records
        except Exception as exc:  # an export we cannot parse must not end the batch
            yield Problem(source=source, reason=MalformedRecord.reason, detail=f"{type(exc).__name__}: {exc}"[:300])


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


def _jsonl_records(text: str, source: str, encoding: str, fields: FieldMap) -> Iterator[RawDocument | Problem]:
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


def _csv_records(text: str, source: str, encoding: str, fields: FieldMap, tab: bool) -> Iterator[RawDocument | Problem]:
    csv.field_size_limit(min(sys.maxsize, MAX_FILE_BYTES))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if tab else ",")
        for n, row in enumerate(reader, 1):
            if None in row:  # more cells than header columns
                row.pop(None)  # type: ignore[call-overload]
            yield _record(row, f"{source}#{n}", "csv", encoding, fields)
    except csv.Error as exc:
        yield Problem(source=source, reason=MalformedRecord.reason, detail=f"CSV error: {exc}")
