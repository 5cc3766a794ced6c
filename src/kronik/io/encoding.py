"""Turn bytes into text without ever crashing on a badly encoded file.

Scraped dumps arrive as UTF-8 (with or without BOM), UTF-16 with BOM, cp1252
(Windows exports) and, now and then, files in which a few lines were pasted in
another encoding.  We decide per file, and when a file is mostly UTF-8 but has
stray non-UTF-8 bytes we decode it line by line, so one bad line does not
turn a whole article into mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from kronik.errors import BinaryInput, DecodeFailure, EmptyInput

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of common binary formats people drop into a folder by mistake.  None is plain letters a
# headline could start with ("MZ Pratama ...", "ID3 ..."): executables and MP3s are caught by their NUL bytes.
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF",
    b"OggS\x00", b"\x00\x00\x01\x00", b"SQLite format 3",
    b"\xd0\xcf\x11\xe0",
)

# C0 controls other than tab, newline, carriage return, form feed.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_CONTROL_TABLE = bytes.maketrans(b"", b"")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _looks_utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nul > 0.4 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.4 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    return None


def _is_binary(data: bytes) -> bool:
    head = data[:8192]
    if any(head.startswith(m) for m in _BINARY_MAGIC):
        return True
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(_CONTROL_TABLE, _CONTROL))
    return controls > max(8, len(head) // 50)


def _decode_mixed(data: bytes) -> str:
    """Decode line by line: UTF-8 where it is valid, cp1252 (then latin-1) elsewhere."""
    out: list[str] = []
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            try:
                out.append(line.decode("cp1252"))
            except UnicodeDecodeError:
                out.append(line.decode("latin-1"))
    return "\n".join(out)


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Decode a file's bytes, detecting the encoding.

    Raises:
        EmptyInput: nothing but whitespace.
        BinaryInput: not text at all.
        DecodeFailure: a BOM promised an encoding the bytes do not follow.
    """
    if not data.strip():
        raise EmptyInput(source)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise DecodeFailure(source, f"invalid {name} after BOM: {exc.reason}") from exc
            if not text.strip():
                raise EmptyInput(source)
            return Decoded(text, name)
    utf16 = _looks_utf16_without_bom(data)
    if utf16:
        try:
            return Decoded(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    if _is_binary(data):
        raise BinaryInput(source, "contains NUL/control bytes or a binary file signature")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # Not UTF-8.  If no line is valid non-ASCII UTF-8, it is a single-byte
    # encoding through and through (cp1252 in practice); otherwise mixed.
    mixed = any(_has_utf8_multibyte(line) for line in data.split(b"\n"))
    if mixed:
        return Decoded(_decode_mixed(data), "mixed")
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1")


def _has_utf8_multibyte(line: bytes) -> bool:
    if line.isascii():
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
