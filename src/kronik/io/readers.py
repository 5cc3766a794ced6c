"""Read files, directories, gzip and exports into ``RawDocument``s.

Composes :mod:`kronik.io.files` (which files, their bytes, their ``source`` labels) with
:mod:`kronik.io.encoding` (bytes to text) and :mod:`kronik.io.records` (export
records).  Everything that can go wrong with one input (empty, binary,
truncated gzip, oversized, malformed record, unreadable, special file, link
loop, unsupported type) becomes a ``Problem`` yielded in its place, so a batch never stops on one bad file.  Reading is lazy: files are
opened one at a time, records streamed, so memory stays bounded however large
the input.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kronik.errors import InputError, MalformedRecord
from kronik.io.document import RawDocument
from kronik.io.encoding import decode_bytes
from kronik.io.files import IGNORE_FILE, MAX_FILE_BYTES, format_of, iter_files, problem_of, read_input, source_label
from kronik.io.records import FieldMap, csv_records, jsonl_records
from kronik.model import Format, Problem

__all__ = ["IGNORE_FILE", "MAX_FILE_BYTES", "FieldMap", "RawDocument", "iter_files", "read_documents"]


@dataclass(frozen=True)
class InputFile:
    """One input file decoded: its text (BOM removed), encoding, format, size in bytes, and whether it is TSV."""

    source: str
    format: Format
    text: str
    encoding: str
    size: int
    tab: bool


def read_input_file(path: Path, source: str) -> InputFile:
    """Read and decode one file (``InputError`` for anything we cannot or do not read)."""
    data = read_input(path, source)
    decoded = decode_bytes(data, source)
    return InputFile(source=source, format=format_of(path.name, decoded.text[:1024]),
                     text=decoded.text.lstrip("\ufeff"), encoding=decoded.encoding, size=len(data),
                     tab=path.name.lower().removesuffix(".gz").endswith(".tsv"))


def read_documents(paths: Iterable[str | Path], fields: FieldMap | None = None) -> Iterator[RawDocument | Problem]:
    """Yield a RawDocument per article (a file, or a record of an export), or a Problem."""
    fields = fields or FieldMap()
    for path in iter_files(paths):
        if isinstance(path, Problem):
            yield path
            continue
        source = source_label(path)
        try:
            f = read_input_file(path, source)
        except InputError as exc:
            yield problem_of(exc)
            continue
        if f.format == "jsonl":
            records = jsonl_records(f.text, source, f.encoding, fields)
        elif f.format == "csv":
            records = csv_records(f.text, source, f.encoding, fields, tab=f.tab)
        else:
            yield RawDocument(source=source, format=f.format, text=f.text, encoding=f.encoding)
            continue
        try:
            yield from records  # lone surrogates from JSON escapes are replaced where records are parsed
        except Exception as exc:  # an export we cannot parse must not end the batch
            yield Problem(source=source, reason=MalformedRecord.reason, detail=f"{type(exc).__name__}: {exc}"[:300])

