"""Which column of an export holds what: header names as users' tools write them.

Exports come from scrapers, spreadsheets and monitoring tools in Indonesian and
English, with their own spelling of a column: ``judul``, ``Title``,
``article_title``, ``isi_berita``, ``Isi Berita``, ``publishedAt``,
``tanggal_terbit``, ``tautan``.  A column name is normalised (camelCase split,
case folded, spaces, hyphens and dots to ``_``), then matched against each
role's names: first as a whole, then with qualifier words removed
(``isi_berita`` is ``isi`` qualified by ``berita``; ``news_url`` is ``url``).
Only qualifiers are removed, so ``keyword_sumber`` (the search keyword an
exporter added) is not the outlet and ``Summary`` is not the body.

The decision is made once per file from its header (CSV) or its keys (JSON),
so every record of a file is read the same way, and ``kronik inspect`` can show
it.  ``--field ROLE=NAME`` overrides a role.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

ROLES: tuple[str, ...] = ("title", "text", "url", "date", "outlet", "author")

# Whole normalised names per role, most specific first (the first one present wins).
_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "judul", "headline", "judul_berita", "heading", "subject", "name"),
    "text": ("text", "body", "content", "isi", "isi_berita", "konten", "article", "artikel", "berita", "naskah",
             "full_text", "fulltext", "article_body", "articlebody", "story", "description_full"),
    "url": ("url", "link", "tautan", "source_url", "permalink", "canonical", "canonical_url", "href", "uri", "alamat"),
    "date": ("published", "published_at", "publish_date", "publication_date", "date_published", "datepublished",
             "pubdate", "pub_date", "tanggal", "tanggal_terbit", "tgl", "tgl_terbit", "waktu", "waktu_terbit",
             "date", "datetime", "timestamp", "time", "created_at", "created", "posted", "posted_at", "diterbitkan"),
    "outlet": ("outlet", "media", "nama_media", "site", "site_name", "sitename", "publisher", "penerbit", "source",
               "sumber", "portal", "domain", "source_name"),
    "author": ("author", "authors", "penulis", "byline", "reporter", "wartawan", "writer", "creator"),
}

# Words that qualify a role word without changing it: "isi_berita", "article_title", "tanggal_terbit".
_QUALIFIERS = frozenset({
    "article", "artikel", "news", "berita", "post", "item", "full", "raw", "clean", "main", "original", "page",
    "doc", "document", "story", "entry", "publish", "published", "publication", "terbit", "diterbitkan", "the",
    "of", "nama", "name", "utama", "lengkap", "asli", "web", "online",
})


def normalise_name(name: str) -> str:
    """``"Isi Berita"``, ``"isi-berita"``, ``"isiBerita"`` -> ``"isi_berita"``."""
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(name).strip())
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


def _role_of(normalised: str) -> tuple[str, int] | None:
    """The role a normalised column name plays and its rank (lower is more specific), or None."""
    for role, names in _NAMES.items():
        if normalised in names:
            return role, names.index(normalised)
    core = [t for t in normalised.split("_") if t and t not in _QUALIFIERS]
    if len(core) == 1:
        for role, names in _NAMES.items():
            if core[0] in names:
                return role, 100 + names.index(core[0])
    return None


@dataclass
class ColumnMap:
    """The column chosen for each role of one file, and what the choice was made from."""

    columns: dict[str, str] = field(default_factory=dict)
    seen: tuple[str, ...] = ()
    overridden: tuple[str, ...] = ()

    @property
    def has_text(self) -> bool:
        return "text" in self.columns

    def missing_text_detail(self) -> str:
        shown = ", ".join(self.seen[:30]) + (", ..." if len(self.seen) > 30 else "")
        return (f"no text column found among the columns: {shown or '(none)'}; "
                "name the one that holds the article body with --field text=COLUMN")


@dataclass(frozen=True)
class FieldMap:
    """What the user told us about an export's columns: ``--field ROLE=NAME`` overrides.

    Without overrides every role is found from the header by :func:`map_columns`.
    """

    overrides: tuple[tuple[str, str], ...] = ()
    date_order: str = "auto"
    """``auto`` (decided per column, see :mod:`kronik.io.dateorder`), or ``DMY`` / ``MDY`` as the user knows it."""

    def override(self, spec: dict[str, str]) -> FieldMap:
        """Return a copy where each given role reads only the named column."""
        merged = dict(self.overrides)
        for role, fieldname in spec.items():
            if role not in ROLES:
                raise ValueError(f"unknown field role {role!r}; expected one of {sorted(ROLES)}")
            merged[role] = fieldname
        return FieldMap(tuple(sorted(merged.items())), self.date_order)

    @staticmethod
    def parse_specs(specs: Iterable[str], *, max_name: int | None = None) -> dict[str, str]:
        """``ROLE=COLUMN`` strings (``--field``, the upload form) as ``{role: column}``; ValueError for one
        without both parts.  ``max_name`` bounds a column name given by an untrusted client."""
        pairs: dict[str, str] = {}
        for spec in specs:
            role, sep, name = spec.partition("=")
            if not sep or not name.strip():
                raise ValueError(f"expected ROLE=COLUMN, got {spec[:80]!r}")
            pairs[role.strip()] = name.strip()[:max_name]
        return pairs

    def with_date_order(self, order: str) -> FieldMap:
        order = order.upper() if order.lower() != "auto" else "auto"
        if order not in ("auto", "DMY", "MDY"):
            raise ValueError(f"unknown date order {order!r}; expected auto, DMY or MDY")
        return FieldMap(self.overrides, order)


def map_columns(names: Iterable[str], fields: FieldMap | None = None) -> ColumnMap:
    """Choose a column per role from a file's column names (the original names are kept)."""
    seen = tuple(dict.fromkeys(str(n) for n in names if n is not None))
    overrides = dict(fields.overrides) if fields else {}
    chosen: dict[str, str] = {}
    best: dict[str, int] = {}
    by_norm = {normalise_name(n): n for n in reversed(seen)}  # the first spelling of a name wins
    for role, wanted in overrides.items():
        hit = wanted if wanted in seen else by_norm.get(normalise_name(wanted))
        if hit is not None:
            chosen[role] = hit
    taken = set(chosen.values())
    for name in seen:
        if name in taken:
            continue
        found = _role_of(normalise_name(name))
        if found is None:
            continue
        role, rank = found
        if role in overrides or (role in best and best[role] <= rank):
            continue
        best[role] = rank
        chosen[role] = name
    return ColumnMap(columns=chosen, seen=seen, overridden=tuple(sorted(overrides)))
