"""Find input files and read their bytes: any file system, as users have them.

Everything that can go wrong with one entry becomes a ``Problem`` (while walking) or an
``InputError`` (while reading) for that entry alone, so a batch never stops and never hangs:

* FIFOs, sockets and devices are ``special-file``: checked with ``stat`` before opening, opened
  with ``O_NONBLOCK`` and checked again with ``fstat``, so neither a FIFO without a writer nor
  ``/dev/zero`` given by name can block or fill memory.
* Links are followed; ``dangling-link`` when the target is missing, ``symlink-loop`` for links
  that resolve to themselves or to a folder being walked.  A folder reached a second time through
  another link is read once (a documented skip, not a problem).
* ``unreadable`` when the system refuses to list a folder or read a file (permissions, I/O errors,
  a file removed while we read it).
* ``unsupported`` for PDFs, office documents, images, audio/video and archives, recognised by
  extension (without reading them) or by their signature.
* Reads stop at :data:`MAX_FILE_BYTES` as they go (``too-large``): the size a file reports is not
  trusted, it may grow while read or be a device.

File names are kept as the operating system gives them (``os.fsdecode``: undecodable bytes as
lone surrogates) for opening, and shown everywhere else (``source`` in JSON, the store, the UI and
logs) as :func:`source_label`, which is valid UTF-8 and reversible (:func:`path_of_label`).

Files are visited one at a time in a stable (sorted) order; hidden entries (``.name``) and those
matched by a ``.kronikignore`` are skipped.
"""

from __future__ import annotations

import errno
import fnmatch
import gzip
import io
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from kronik.errors import (
    DanglingLink,
    InputError,
    SpecialFile,
    SymlinkLoop,
    TooLarge,
    TruncatedInput,
    Unreadable,
    Unsupported,
)
from kronik.model import Format, Problem

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest single file (after decompression) we read; bigger ones are reported, not read."""

MAX_IGNORE_BYTES = 1024 * 1024
"""Largest ``.kronikignore`` we read (it is a list of globs)."""

IGNORE_FILE = ".kronikignore"

_CHUNK = 1 << 20

_EXT_FORMAT: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
}

_UNSUPPORTED_EXT: dict[str, str] = {
    **dict.fromkeys((".pdf",), "PDF document"),
    **dict.fromkeys((".doc", ".docx", ".odt", ".rtf", ".pages", ".epub"), "word-processor document or e-book"),
    **dict.fromkeys((".xls", ".xlsx", ".ods", ".numbers"), "spreadsheet (save it as CSV)"),
    **dict.fromkeys((".ppt", ".pptx", ".odp", ".key"), "presentation"),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".ico", ".heic", ".svg"),
                    "image"),
    **dict.fromkeys((".mp3", ".wav", ".ogg", ".m4a", ".flac", ".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm"),
                    "audio or video"),
    **dict.fromkeys((".zip", ".rar", ".7z", ".tar", ".tgz", ".bz2", ".xz", ".zst"),
                    "archive (unpack it first; .gz of a single file is read)"),
    **dict.fromkeys((".exe", ".dll", ".so", ".dylib", ".bin", ".iso", ".dmg"), "program or disk image"),
    **dict.fromkeys((".db", ".sqlite", ".sqlite3", ".parquet", ".feather", ".pkl", ".pickle", ".npy", ".npz"),
                    "database or binary data file"),
}

# Signatures of file types we do not read (checked after gzip is undone).  Each is specific enough
# not to catch a text file by accident (no bare "MZ" or "ID3" a headline could start with).
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "PDF document"),
    (b"PK\x03\x04", 0, "ZIP container (docx, xlsx, odt, epub or a .zip archive)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "legacy Office document"),
    (b"{\\rtf", 0, "RTF document"),
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"WEBP", 8, "WebP image"),
    (b"WAVE", 8, "WAV audio"),
    (b"AVI ", 8, "AVI video"),
    (b"ftyp", 4, "MP4/MOV video or audio"),
    (b"OggS\x00", 0, "Ogg audio or video"),
    (b"\x1aE\xdf\xa3", 0, "Matroska/WebM video"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"BZh91AY&SY", 0, "bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"ustar", 257, "tar archive"),
    (b"\x7fELF", 0, "program"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"PAR1", 0, "Parquet file"),
)


# ------------------------------------------------------------------ names

_NEEDS_ESCAPE = re.compile(r"[\x00-\x1f\x7f\\\ud800-\udfff]")
_ESCAPED = re.compile(r"\\(\\|x[0-9a-fA-F]{2}|u[dD][89a-fA-F][0-9a-fA-F]{2})")


def source_label(path: str | os.PathLike[str] | bytes) -> str:
    """A path as valid UTF-8 text for ``source`` (JSON, database text, UI, logs), reversibly.

    The escape (undone by :func:`path_of_label`):

    * each byte of the name that is not valid UTF-8 becomes ``\\xNN`` (two lowercase hex digits),
      as do control characters (``\\x0a`` for a newline in a name);
    * a backslash is doubled when what follows it would otherwise read as an escape
      (``\\``, ``x`` or an escaped byte), so a literal ``\\x41`` in a name stays distinguishable;
    * a lone UTF-16 surrogate in a name (possible on Windows only) becomes ``\\udNNN``.

    Every other name, i.e. any valid UTF-8 name without control characters and without a backslash
    before ``\\`` or ``x``, is left exactly as it is.
    """
    name = os.fsdecode(path)
    if not _NEEDS_ESCAPE.search(name):
        return name
    out: list[str] = []
    for i, ch in enumerate(name):
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as os.fsdecode keeps it
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif ch == "\\" and i + 1 < len(name) and (name[i + 1] in "\\xu" or _NEEDS_ESCAPE.match(name[i + 1])):
            out.append("\\\\")
        else:
            out.append(ch)
    return "".join(out)


def path_of_label(label: str) -> str:
    """The file system name (``os.fsdecode`` form) that :func:`source_label` showed as ``label``."""

    def undo(m: re.Match[str]) -> str:
        esc = m.group(1)
        if esc == "\\":
            return "\\"
        code = int(esc[1:], 16)
        if esc[0] == "u":
            return chr(code)
        return chr(0xDC00 + code) if code >= 0x80 else chr(code)

    return _ESCAPED.sub(undo, label)


# ------------------------------------------------------------------ walking


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Problem]:
    """Regular files named, and regular files below folders named, in a stable order; a ``Problem``
    for each entry that cannot be read as a file (see the module docstring).

    Hidden entries and those matched by a ``.kronikignore`` (glob per line, relative to its folder,
    applied below it) are skipped.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for given in paths:
        p = Path(os.fsdecode(given))
        st = _stat(p)
        if isinstance(st, Problem):
            yield st
        elif stat.S_ISDIR(st.st_mode):
            yield from _walk(p, st, [], seen_dirs, ())
        elif stat.S_ISREG(st.st_mode):
            yield p
        else:
            yield _special(p, st)


def _walk(directory: Path, st: os.stat_result, inherited: list[tuple[Path, str]], seen_dirs: set[tuple[int, int]],
          ancestors: tuple[tuple[int, int], ...]) -> Iterator[Path | Problem]:
    key = (st.st_dev, st.st_ino)
    if key in ancestors:
        yield Problem(source=source_label(directory), reason=SymlinkLoop.reason,
                      detail="a link here leads back to a folder that contains it; not followed")
        return
    if key in seen_dirs:  # the same folder reached again through another link: read once
        return
    seen_dirs.add(key)
    try:
        children = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield Problem(source=source_label(directory), reason=Unreadable.reason, detail=f"cannot list folder: {_why(exc)}")
        return
    patterns, problem = _read_ignore(directory)
    if problem is not None:
        yield problem
    patterns = inherited + patterns
    for entry in children:
        child = Path(entry.path)
        if entry.name.startswith(".") or _ignored(child, patterns):
            continue
        cst = _stat(child)
        if isinstance(cst, Problem):
            yield cst
        elif stat.S_ISDIR(cst.st_mode):
            yield from _walk(child, cst, patterns, seen_dirs, (*ancestors, key))
        elif stat.S_ISREG(cst.st_mode):
            yield child
        else:
            yield _special(child, cst)


def _read_ignore(directory: Path) -> tuple[list[tuple[Path, str]], Problem | None]:
    """The folder's ignore globs.  Decoded like file names (UTF-8, other bytes kept as surrogates), so a
    latin-1 pattern matches the latin-1 name it was written for; a file we cannot read is one problem
    and its patterns are not applied."""
    path = directory / IGNORE_FILE
    if not os.path.lexists(path):
        return [], None
    source = source_label(path)
    try:
        data = read_bytes(path, source, limit=MAX_IGNORE_BYTES, plain=True)
    except InputError as exc:
        return [], Problem(source=source, reason=exc.reason,
                           detail=f"{exc.detail}; its patterns were not applied".lstrip("; "))
    text = data.decode("utf-8", "surrogateescape").lstrip("\ufeff")
    lines = (ln.strip() for ln in text.splitlines())
    return [(directory, ln) for ln in lines if ln and not ln.startswith("#")], None


def _ignored(path: Path, patterns: list[tuple[Path, str]]) -> bool:
    for base, pat in patterns:
        rel = path.relative_to(base).as_posix()
        if fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(path.name, pat):
            return True
    return False


def problem_of(exc: InputError) -> Problem:
    """The ``Problem`` an input error is reported as."""
    return Problem(source=exc.source, reason=exc.reason, detail=exc.detail)


def _stat(path: Path) -> os.stat_result | Problem:
    """``stat`` through links, or the problem that prevents it."""
    try:
        return _stat_or_raise(path)
    except InputError as exc:
        return problem_of(exc)


def _stat_or_raise(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError as exc:
        raise _stat_error(path, exc) from exc


def _stat_error(path: Path, exc: OSError) -> InputError:
    source = source_label(path)
    if exc.errno == errno.ELOOP:
        return SymlinkLoop(source, "too many levels of symbolic links")
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)) and os.path.islink(path):
        try:
            target = source_label(os.readlink(path))
        except OSError:
            target = "?"
        return DanglingLink(source, f"points to {target}, which does not exist")
    if isinstance(exc, FileNotFoundError):
        return Unreadable(source, "no such file (removed while being read?)")
    return Unreadable(source, _why(exc))


def _special(path: Path, st: os.stat_result) -> Problem:
    return problem_of(_special_error(source_label(path), st.st_mode))


def _special_error(source: str, mode: int) -> SpecialFile:
    return SpecialFile(source, f"{_kind(mode)}, not a regular file; not read")


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "a special file"


def _why(exc: OSError) -> str:
    """The reason of an OS error without the file name (it may not be valid UTF-8; the source says which)."""
    return exc.strerror or type(exc).__name__


# ------------------------------------------------------------------ formats


def _suffix(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return Path(lower).suffix


def format_of(name: str, text_head: str) -> Format:
    suffix = _suffix(name)
    if suffix in _EXT_FORMAT:
        return _EXT_FORMAT[suffix]
    head = text_head.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith("{"):
        return "jsonl"
    return "text"


def unsupported_kind(name: str, head: bytes = b"") -> str | None:
    """What a file we do not read is (by its extension, or by the signature at the start of ``head``)."""
    kind = _UNSUPPORTED_EXT.get(_suffix(name))
    if kind is not None:
        return kind
    for magic, offset, what in _MAGIC:
        if head[offset:offset + len(magic)] == magic:
            return what
    return None


# ------------------------------------------------------------------ reading


def read_input(path: Path, source: str) -> bytes:
    """The bytes of one input file, gzip undone; ``InputError`` for anything we cannot or do not read."""
    kind = unsupported_kind(path.name)
    if kind is not None:
        raise Unsupported(source, f"{kind}; Kronik reads text, HTML, JSON lines and CSV")
    data = read_bytes(path, source)
    kind = unsupported_kind("", data[:512])
    if kind is not None:
        raise Unsupported(source, f"{kind} (by its content); Kronik reads text, HTML, JSON lines and CSV")
    return data


def read_bytes(path: Path, source: str, *, limit: int | None = None, plain: bool = False) -> bytes:
    """Read a regular file, at most ``limit`` bytes (default :data:`MAX_FILE_BYTES`, counted while
    reading) and, unless ``plain``, undo gzip.

    Raises:
        SpecialFile, SymlinkLoop, DanglingLink, Unreadable, TooLarge, TruncatedInput.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    st = _stat_or_raise(path)
    if not stat.S_ISREG(st.st_mode):  # never open a FIFO or device: opening alone can block or act
        raise _special_error(source, st.st_mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _stat_error(path, exc) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # replaced between stat and open
            raise _special_error(source, st.st_mode)
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, _CHUNK):
            total += len(chunk)
            if total > limit:
                raise TooLarge(source, f"more than {limit} bytes")
            chunks.append(chunk)
    except OSError as exc:
        raise Unreadable(source, _why(exc)) from exc
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if not plain and data[:2] == b"\x1f\x8b":
        data = _gunzip(data, source)
    return data


def _gunzip(data: bytes, source: str) -> bytes:
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            while chunk := fh.read(_CHUNK):
                out += chunk
                if len(out) > MAX_FILE_BYTES:
                    raise TooLarge(source, f"decompresses past {MAX_FILE_BYTES} bytes")
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise TruncatedInput(source, f"gzip stream is damaged or cut short ({exc})") from exc
    return bytes(out)
