"""HTML pages to Articles: trafilatura for the main text, then our line cleaner.

trafilatura finds the article container well but keeps the inline "Baca juga"
links and related-headline lists that Indonesian sites put *inside* it, so its
output goes through the same boilerplate pass as plain text, in a gentler mode
(the page structure has already removed navigation, so nothing is dropped
just for standing before the lead).  Title, date and outlet come from the
page's own statements (visible date lines, URL, meta tags, JSON-LD), ranked
in ``kronik.extract.pagemeta``, read once from the same parsed tree.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import lxml.html
import trafilatura
from lxml.etree import ParserError

from kronik.extract.boilerplate import clean_lines, normalize_line
from kronik.extract.finish import finish_article
from kronik.extract.metadata import clean_person_name, parse_dateline, split_names
from kronik.extract.outlets import Profiles, load_profiles, resolve_outlet
from kronik.extract.pagemeta import (
    DateCandidate,
    choose_published,
    clean_title,
    page_dates,
    page_outlet,
    parse_structured_date,
    url_date,
)
from kronik.io.readers import RawDocument
from kronik.model import Article, Removed

_META_TITLE = ("og:title", "twitter:title", "title", "dc.title")
_META_SITE = ("og:site_name", "application-name", "publisher", "dc.publisher")
_META_DATE = (
    "article:published_time", "article:published", "datepublished", "content_publisheddate", "publishdate", "dtk:publishdate", "pubdate",
    "publish-date", "date", "dc.date", "dc.date.issued", "og:published_time", "content_publishedtime",
    "article_date_original",
)
_META_AUTHOR = ("author", "article:author", "dc.creator", "content_author", "byl", "cxenseparse:author")
_META_URL = ("og:url",)


def _meta(tree: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in tree.iterfind(".//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in out:
            out[key] = value
    for el in tree.iterfind(".//time[@datetime]"):
        out.setdefault("time:datetime", el.get("datetime", ""))
    canon = tree.find(".//link[@rel='canonical']")
    if canon is not None and canon.get("href"):
        out.setdefault("canonical", canon.get("href"))
    return out


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first NewsArticle-like object among the page's JSON-LD blocks."""
    for el in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(el.text or "")
        except (json.JSONDecodeError, TypeError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            if "@graph" in item and isinstance(item["@graph"], list):
                stack.extend(item["@graph"])
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(str(k).endswith(("Article", "NewsArticle", "ReportageNewsArticle", "BlogPosting")) for k in kinds):
                return item
    return {}


def _ld_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict) and str(item.get("@type", "Person")) == "Person":
            item = item.get("name")
        if isinstance(item, str):
            names.extend(split_names(item) or ([n] if (n := clean_person_name(item)) else []))
    return names


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        if meta.get(k):
            return meta[k]
    return None


def _title_element(tree: Any, title: str | None) -> Any:
    """The headline element: the h1/h2 that reads as the title, else the first h1."""
    if tree is None:
        return None
    heads = list(tree.iterfind(".//h1")) + list(tree.iterfind(".//h2"))
    want = (title or "").casefold()
    for el in heads:
        text = normalize_line(el.text_content()).casefold()
        if want and text and (text == want or (len(text) > 10 and text in want)):
            return el
    return heads[0] if heads and heads[0].tag == "h1" else None


def _page_title(ld: dict[str, Any], meta: dict[str, str], tree: Any, spellings: set[str]) -> str | None:
    """The headline without site affixes: JSON-LD, og/twitter title, <title>; the visible h1 when a meta title still carries extra words."""
    candidates = [ld.get("headline") if isinstance(ld.get("headline"), str) else None, *(meta.get(k) for k in _META_TITLE)]
    if tree is not None and (tag := tree.find(".//title")) is not None:
        candidates.append(tag.text_content())
    cleaned = [c for raw in candidates if raw and (c := clean_title(raw, spellings))]
    h1s = [t for el in tree.iterfind(".//h1") if (t := normalize_line(el.text_content()))][:3] if tree is not None else []
    h1_text = h1s[0] if h1s else ""
    if not cleaned:
        return h1_text or None
    shown = {t.casefold() for t in h1s}
    # the page's meta titles may differ (a social headline); the one the page shows as its headline wins
    title = next((c for c in cleaned if c.casefold() in shown), cleaned[0])
    if h1_text and len(h1_text) >= 10 and h1_text.casefold() != title.casefold() and h1_text.casefold() in title.casefold():
        return h1_text
    return title


def _structured_dates(ld: dict[str, Any], meta: dict[str, str]) -> list[DateCandidate]:
    raws = [ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None, *(meta.get(k) for k in _META_DATE)]
    return [c for raw in raws if raw and (c := parse_structured_date(raw))]


def _htmldate(html: str) -> DateCandidate | None:
    """htmldate's guess of the original date (date only), as one more candidate."""
    from htmldate import find_date

    try:
        found = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # a third-party heuristic: its failure is no date, never a lost page
        return None
    cand = parse_structured_date(found) if found else None
    return replace(cand, source="htmldate") if cand else None


def extract_html_document(
    doc: RawDocument, profiles: Profiles | None = None, *, now: datetime | None = None, use_htmldate: bool = False,
) -> Article:
    """An HTML page as an Article.

    ``now`` bounds the publication date (nothing later is believed; default: the current time).
    ``use_htmldate`` adds htmldate's guess as a date candidate (measured by ``kronik eval html-meta``).
    """
    profiles = profiles or load_profiles()
    now = now or datetime.now(UTC)
    try:
        tree = lxml.html.fromstring(doc.text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=True))
    except (ParserError, ValueError):
        tree = None
    meta = _meta(tree) if tree is not None else {}
    ld = _json_ld(tree) if tree is not None else {}

    url = ld.get("url") if isinstance(ld.get("url"), str) else None
    url = url or _first(meta, _META_URL) or meta.get("canonical") or doc.fields.get("url")
    publisher = ld.get("publisher")
    site_names = [n for n in (_first(meta, _META_SITE),
                              publisher.get("name") if isinstance(publisher, dict) else None) if isinstance(n, str) and n.strip()]
    site = page_outlet(url, site_names, None, profiles)
    title = _page_title(ld, meta, tree, site.spellings)

    authors = _ld_names(ld.get("author")) if ld.get("author") else []
    if not authors and (raw_author := _first(meta, _META_AUTHOR)):
        authors = split_names(raw_author) or ([n] if (n := clean_person_name(raw_author)) else [])

    zone = site.profile.zone if site.profile else None
    visible = page_dates(tree, _title_element(tree, title), profiles)
    extra = _htmldate(doc.text) if use_htmldate else None
    published, basis = choose_published(visible, _structured_dates(ld, meta), url_date(url, zone), zone, now, extra)

    text = ""
    if tree is not None:
        text = trafilatura.extract(
            tree, include_comments=False, include_tables=True, include_images=False,
            include_links=False, deduplicate=False, with_metadata=False, output_format="txt",
        ) or ""
    lines = [n for raw in text.splitlines() if (n := normalize_line(raw))]
    if title and lines and lines[0].lower() == title.lower():
        lines = lines[1:]
    result = clean_lines(lines, title=title, strict_start=False, mode="html")
    removed = [Removed(text=v.text, reason=v.reason or "boilerplate") for v in result.verdicts if not v.keep]
    dateline = parse_dateline(result.body[0], profiles) if result.body else None
    outlet = site.name
    if site.profile is None and not site_names and dateline and dateline.outlet:
        # no profile and no site name: the dateline's outlet comes before a name made from the domain
        outlet = resolve_outlet([dateline.outlet], profiles, "\n".join(result.body[:3])) or site.name
    return finish_article(
        doc, profiles, paragraphs=result.body, removed=removed, title=title, outlet=outlet,
        published=published, basis=basis, authors=authors, url=url, dateline=dateline,
    )
