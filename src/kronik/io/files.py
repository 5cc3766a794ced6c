"""Find input files and read their bytes: directories, ignore files, gzip, size caps.

Everything that can go wrong with one file (unreadable, too large, truncated
gzip) becomes an ``InputError`` for that file alone, so a batch never stops on
one bad file.  Files are visited one at a time in a stable order.
"""

from __future__ import annotations

import fnmatch
import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from kronik.errors import TooLarge, TruncatedInput
from kronik.model import Format

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest single file (after decompression) we read; bigger ones are reported, not read."""

IGNORE_FILE = ".kronikignore"

_EXT_FORMAT: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
}


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


def format_of(name: str, text_head: str) -> Format:
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


def read_bytes(path: Path, source: str) -> bytes:
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


