"""The part of extraction every format shares: from clean paragraphs to a complete Article.

Dateline, cited wires, an inferred date when the page states none, the
language, and the content id are read off the kept paragraphs the same way
whether they came from a dump, an export record or an HTML page.
"""

from __future__ import annotations

from kronik.extract.dates import is_future
from kronik.extract.metadata import (
    Dateline,
    cited_sources,
    credit_line_source,
    detect_language,
    infer_published,
    parse_dateline,
)
from kronik.extract.outlets import Profiles, outlet_key, resolve_outlet
from kronik.io.readers import RawDocument
from kronik.model import Article, Removed, article_id


def finish_article(
    doc: RawDocument,
    profiles: Profiles,
    *,
    paragraphs: list[str],
    removed: list[Removed],
    title: str | None,
    outlet: str | None,
    published: str | None,
    basis: str | None,
    authors: list[str],
    url: str | None = None,
    credit_wires: list[str] | None = None,
    page_text: str = "",
    dateline: Dateline | None = None,
) -> Article:
    """Complete an Article; ``dateline`` is the lead's, when the caller has already parsed it."""
    if dateline is None and paragraphs:
        dateline = parse_dateline(paragraphs[0], profiles)
    if outlet is None and dateline and dateline.outlet:
        outlet = resolve_outlet([dateline.outlet], profiles, page_text)
    warnings = [doc.notes["warning"]] if doc.notes.get("warning") else []
    if published is not None and is_future(published):
        warnings.append(f"publication date {published} lies after the present; not used")
        published, basis = None, None
    if published is None:
        published = infer_published(paragraphs)
        basis = "inferred" if published else None
        if published is not None and is_future(published):
            published, basis = None, None
    wires: list[str] = []
    if dateline and dateline.agency:
        wires.append(credit_line_source(dateline.agency, profiles) or dateline.agency)
    for w in cited_sources(paragraphs, profiles) + (credit_wires or []):
        if w not in wires:
            wires.append(w)
    if outlet:
        # An outlet is not its own wire: neither by name nor by initials ("Moskow (LK) -" on Lintas Khatulistiwa).
        initials = "".join(w[0] for w in outlet.split() if w[:1].isalpha()).upper() if " " in outlet else ""
        key = outlet_key(outlet)
        wires = [w for w in wires if outlet_key(w) != key and w != initials]
    language = detect_language(" ".join(paragraphs[:5])) or "id"
    return Article(
        id=article_id(outlet, title, paragraphs),
        source=doc.source,
        format=doc.format,
        language=language,
        url=url,
        title=title,
        outlet=outlet,
        published=published,
        published_basis=basis,  # type: ignore[arg-type]
        sources=[doc.source, *doc.extra_sources] if doc.extra_sources else [],
        warnings=warnings,
        authors=authors,
        dateline=dateline.place if dateline else None,
        wire_sources=wires,
        paragraphs=paragraphs,
        removed=removed,
    )
