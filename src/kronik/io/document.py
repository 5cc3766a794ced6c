"""``RawDocument``: one article's raw input, as the readers hand it to extraction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from kronik.model import Format


@dataclass
class RawDocument:
    """One article's raw input: decoded text plus, for export records, the given fields.

    ``notes`` carry what a reader learnt from the whole file rather than the record
    (e.g. the day/month order of a date column); they are hints for extraction and,
    unlike ``fields``, not part of the content hash.  ``extra_sources`` are not either:
    an article listed once or twice is the same document.
    """

    source: str
    format: Format
    text: str
    encoding: str = "utf-8"
    fields: dict[str, str] = field(default_factory=dict)
    content_hash: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    extra_sources: list[str] = field(default_factory=list)
    """Other records of the same input that list this same article (an export listing it twice)."""

    def __post_init__(self) -> None:
        if not self.content_hash:
            h = hashlib.blake2b(digest_size=16)
            h.update(self.text.encode("utf-8", "surrogatepass"))
            for key in sorted(self.fields):
                h.update(f"\x00{key}\x00{self.fields[key]}".encode("utf-8", "surrogatepass"))
            self.content_hash = h.hexdigest()
