"""Atom feeds (RFC 4287) of a story and of a saved search, so a feed reader polls Kronik instead of a person.

Built with :mod:`xml.etree.ElementTree` (every value escaped by the serializer, never pasted into markup).
Entry links point at the web UI's article view (``/#/article/ID``) on the server the feed was asked from.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from kronik import __version__

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
FEED_ENTRIES = 50
ET.register_namespace("", ATOM)


def _tag(name: str) -> str:
    return f"{{{ATOM}}}{name}"


def atom_time(value: str | None) -> str | None:
    """An article's ``published`` as an RFC 3339 time (a bare day at 00:00 UTC); None when it is not one."""
    if not value:
        return None
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return t.isoformat(timespec="seconds")


def atom_feed(*, feed_id: str, title: str, self_url: str, alternate: str, entries: Iterable[Mapping[str, Any]],
              subtitle: str | None = None) -> bytes:
    """The feed document.  Each entry: ``id``, ``title``, ``link``, ``updated`` (RFC 3339) and optionally
    ``author``, ``summary``, ``language``."""
    feed = ET.Element(_tag("feed"))
    items = list(entries)
    ET.SubElement(feed, _tag("id")).text = feed_id
    ET.SubElement(feed, _tag("title")).text = title
    if subtitle:
        ET.SubElement(feed, _tag("subtitle")).text = subtitle
    updated = max((e["updated"] for e in items), default=None) or datetime.now(UTC).isoformat(timespec="seconds")
    ET.SubElement(feed, _tag("updated")).text = updated
    ET.SubElement(feed, _tag("link"), rel="self", type="application/atom+xml", href=self_url)
    ET.SubElement(feed, _tag("link"), rel="alternate", type="text/html", href=alternate)
    ET.SubElement(feed, _tag("generator"), version=__version__).text = "Kronik"
    author = ET.SubElement(feed, _tag("author"))
    ET.SubElement(author, _tag("name")).text = "Kronik"
    for e in items:
        entry = ET.SubElement(feed, _tag("entry"))
        if e.get("language"):
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", str(e["language"]))
        ET.SubElement(entry, _tag("id")).text = e["id"]
        ET.SubElement(entry, _tag("title")).text = e.get("title") or "(untitled)"
        ET.SubElement(entry, _tag("link"), rel="alternate", type="text/html", href=e["link"])
        ET.SubElement(entry, _tag("updated")).text = e["updated"]
        if e.get("published"):
            ET.SubElement(entry, _tag("published")).text = e["published"]
        if e.get("author"):
            who = ET.SubElement(entry, _tag("author"))
            ET.SubElement(who, _tag("name")).text = e["author"]
        if e.get("summary"):
            ET.SubElement(entry, _tag("summary")).text = e["summary"]
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


def article_entry(base: str, row: Mapping[str, Any], summary: str | None, fallback_time: str) -> dict[str, Any]:
    """A feed entry for an article row (``id``, ``title``, ``outlet``, ``published``, ``language``)."""
    when = atom_time(row.get("published"))
    return {"id": f"urn:kronik:article:{row['id']}", "title": row.get("title"), "link": f"{base}/#/article/{row['id']}",
            "updated": when or fallback_time, "published": when, "author": row.get("outlet"), "summary": summary,
            "language": row.get("language")}
