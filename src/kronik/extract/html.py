"""HTML pages to Articles: trafilatura for the main text, then our line cleaner.

trafilatura finds the article container well but keeps the inline "Baca juga"
links and related-headline lists that Indonesian sites put *inside* it, so its
output goes through the same boilerplate pass as plain text, in a gentler mode
(the page structure has already removed navigation, so nothing is dropped
just for standing before the lead).  Metadata comes from the page's own
statements (meta tags, JSON-LD), read once from the same parsed tree.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlparse

import lxml.html
import trafilatura
from lxml.etree import ParserError

from kronik.extract.boilerplate import clean_lines, normalize_line
from kronik.extract.finish import finish_article
from kronik.extract.metadata import clean_person_name, split_names
from kronik.extract.outlets import Profiles, display_outlet, load_profiles
from kronik.extract.text import parse_given_date
from kronik.io.readers import RawDocument
from kronik.model import Article, Removed

_META_TITLE = ("og:title", "twitter:title", "title", "dc.title")
_META_SITE = ("og:site_name", "application-name", "publisher", "dc.publisher")
_META_DATE = (
    "article:published_time", "datepublished", "pubdate", "publishdate", "publish-date", "date",
    "dc.date", "dc.date.issued", "og:published_time", "content_publishedtime", "article_date_original",
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


def extract_html_document(doc: RawDocument, profiles: Profiles | None = None) -> Article:
    """An HTML page as an Article."""
    profiles = profiles or load_profiles()
    try:
        tree = lxml.html.fromstring(doc.text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=True))
    except (ParserError, ValueError):
        tree = None
    meta = _meta(tree) if tree is not None else {}
    ld = _json_ld(tree) if tree is not None else {}

    url = ld.get("url") if isinstance(ld.get("url"), str) else None
    url = url or _first(meta, _META_URL) or meta.get("canonical")
    title = ld.get("headline") if isinstance(ld.get("headline"), str) else None
    title = title or _first(meta, _META_TITLE)
    if title is None and tree is not None:
        h1 = tree.find(".//h1")
        title = h1.text_content() if h1 is not None else None
    title = normalize_line(title) if title else None

    site = None
    publisher = ld.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        site = publisher["name"]
    site = _first(meta, _META_SITE) or site
    outlet = display_outlet(site, profiles) if site else None
    if outlet is None and url:
        prof = profiles.by_domain(urlparse(url).netloc)
        outlet = prof.name if prof else None
    if title and outlet:
        title = re.sub(rf"\s*[-|–—:]\s*{re.escape(outlet)}\s*$", "", title, flags=re.IGNORECASE) or title

    authors = _ld_names(ld.get("author")) if ld.get("author") else []
    if not authors and (raw_author := _first(meta, _META_AUTHOR)):
        authors = split_names(raw_author) or ([n] if (n := clean_person_name(raw_author)) else [])

    published = None
    raw_date = ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None
    raw_date = raw_date or _first(meta, _META_DATE) or meta.get("time:datetime")
    if raw_date:
        published = parse_given_date(raw_date, profiles, outlet)

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
    return finish_article(
        doc, profiles, paragraphs=result.body, removed=removed, title=title, outlet=outlet,
        published=published, basis="page" if published else None, authors=authors, url=url,
    )
