"""Title, publication date and outlet of an HTML page, from every statement the page makes, ranked.

A page states its date several times and not always the same way: a visible line under the
headline ("Selasa, 16 Februari 2016 | 14:11 WIB"), the URL (``/read/2016/02/16/...``), meta tags
and JSON-LD (sometimes in UTC, sometimes with a false ``Z``), and, near it, dates that belong to
other articles (related-news boxes, "baca juga" lists, popular lists, footers with a copyright
year).  So dates are gathered as candidates with their source and position, those inside boxes
that list other articles are dropped, and the visible line nearest the headline is weighed
against the URL and the structured dates: a date two independent sources agree on beats one
that stands alone.  Instants are shown in the outlet's zone; nothing after ``now`` is taken.

Titles lose the site's name the page adds before or after them ("- Kompas.com Regional",
"KapanLagi.com: ").  Outlets come from the URL's domain (profiles, as data), then the page's
own name for itself (``og:site_name``, JSON-LD publisher), then the dateline, then a readable
name from the domain; never from a word of the body.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from kronik.extract.boilerplate import normalize_line
from kronik.extract.dates import is_real_offset, offset_zone
from kronik.extract.metadata import format_published, parse_date_line
from kronik.extract.outlets import (
    Profile,
    Profiles,
    display_outlet,
    domain_display_name,
    outlet_key,
    registered_domain,
    site_spellings,
    url_host,
)

# --- titles ------------------------------------------------------------------------------------

# " - ", " | ", " – ", " — ", " : ", " :: " between a title and the site's name; "X: " only as a prefix.
_SEPARATORS = re.compile(r"\s+(?:[-|–—•·]|::?)\s+")
_PREFIX_COLON = re.compile(r"^(?P<head>[^:]{2,40}):\s+(?=\S)")


def _names_site(segment: str, keys: set[str], spellings: set[str]) -> bool:
    """A title segment that is the site's name, or a section of it ("Kompas.com Regional", "News Liputan6.com")."""
    seg = segment.strip()
    key = outlet_key(seg)
    if not key:
        return False
    if key in keys:
        return True
    if len(seg.split()) > 4:
        return False
    return any(re.search(r"(?<![\w.])" + re.escape(sp) + r"(?![\w])", seg, re.IGNORECASE)
               for sp in spellings if len(outlet_key(sp)) >= 3)


def clean_title(title: str, spellings: set[str]) -> str:
    """The headline without the site's name (and section) the page puts before or after it.

    Only a segment that names the site is removed, so "Jokowi - JK Bahas APBN" stays whole; a
    segment ending in ``?`` or ``!`` is the headline's own end and is never removed.  After the site's name, one short lower-case
    section label next to it goes too ("... | nasional | Tempo.co").
    """
    title = normalize_line(html.unescape(title))  # JSON-LD headlines often carry "&#8216;" literally
    keys = {k for sp in spellings if len(k := outlet_key(sp)) >= 3}
    if not keys:
        return title
    m = _PREFIX_COLON.match(title)
    if m and outlet_key(m.group("head")) in keys:  # a prefix must be the name itself: "Tempo Gelar Diskusi - Tempo.co"
        title = title[m.end():]
    parts = _SEPARATORS.split(title)
    seps = _SEPARATORS.findall(title)
    if len(parts) > 1 and outlet_key(parts[0]) in keys:
        parts, seps = parts[1:], seps[1:]
    stripped = False
    while len(parts) > 1 and not parts[-1].endswith(("?", "!")) and (
        _names_site(parts[-1], keys, spellings) or (stripped and _section_label(parts[-1]))
    ):
        stripped = True
        parts, seps = parts[:-1], seps[:-1]
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        out += sep + part
    return out.strip() or title


def _section_label(segment: str) -> bool:
    words = segment.split()
    return 1 <= len(words) <= 2 and segment == segment.lower() and segment.isascii() and not any(c.isdigit() for c in segment)


# --- dates -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateCandidate:
    """One statement of the publication date: where it came from, what it says, and how near the headline."""

    source: str  # "visible" | "time" | "structured" | "url" | "htmldate"
    ymd: tuple[int, int, int]
    hh: int | None = None
    mm: int | None = None
    offset: str | None = None  # the offset the statement gives, or None when it gives none
    distance: float = 0.0  # elements from the headline (visible and time candidates); lower is nearer

    @property
    def has_time(self) -> bool:
        return self.hh is not None

    def in_zone(self, offset: str | None) -> DateCandidate:
        """The same instant shown at ``offset`` (a statement without an offset is taken to be local there)."""
        if not self.has_time or offset is None:
            return self
        if self.offset is None:
            return replace(self, offset=offset)
        if self.offset == offset:
            return self
        local = datetime(*self.ymd, self.hh or 0, self.mm or 0, tzinfo=offset_zone(self.offset)).astimezone(offset_zone(offset))
        return replace(self, ymd=(local.year, local.month, local.day), hh=local.hour, mm=local.minute, offset=offset)

    def instant(self) -> datetime | None:
        if not self.has_time or self.offset is None:
            return None
        return datetime(*self.ymd, self.hh or 0, self.mm or 0, tzinfo=offset_zone(self.offset))

    def formatted(self) -> str:
        return format_published(self.ymd, self.hh, self.mm, self.offset)


_ISO_RE = re.compile(
    r"^\s*(?P<y>(?:19|20)\d\d)[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})"
    r"(?:[T ]\s*(?P<hh>[01]?\d|2[0-3])(?P<sep>[:.-])(?P<mm>[0-5]\d)(?:(?P=sep)[0-5]\d(?:\.\d+)?)?)?"
    r"\s*(?P<zone>Z|UTC|GMT|[+-]\d\d:?\d\d)?\s*$",
    re.IGNORECASE,
)


def parse_structured_date(value: str) -> DateCandidate | None:
    """A machine date of a meta tag, ``<time datetime>`` or JSON-LD: ISO 8601 and its common variants.

    A time written with dashes (``2022-12-10T13-19-56Z``) is not ISO, and the ``Z`` such a value
    carries has been seen on local times: its zone is not believed.
    """
    m = _ISO_RE.match(value or "")
    if not m:
        return None
    try:
        ymd = (int(m["y"]), int(m["m"]), int(m["d"]))
        datetime(*ymd)
    except ValueError:
        return None
    if m["hh"] is None:
        return DateCandidate("structured", ymd)
    offset = None
    zone = (m["zone"] or "").upper()
    if zone and m["sep"] != "-":
        offset = "+00:00" if zone in ("Z", "UTC", "GMT") else f"{zone[:3]}:{zone[-2:]}"
        if not is_real_offset(offset):  # "+99:00" from a damaged page: the time stands, its zone is not believed
            offset = None
    return DateCandidate("structured", ymd, int(m["hh"]), int(m["mm"]), offset)


_URL_YMD = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?:/(?P<hms>[0-2]\d[0-5]\d[0-5]\d)(?=/))?(?=/|$|[?#])")
_URL_COMPACT = re.compile(r"/(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?P<hms>[0-2]\d[0-5]\d[0-5]\d)?(?=[-/_]|$)")
_URL_SHORT = re.compile(r"/(?P<y>\d\d)/(?P<m>[01]\d)/(?P<d>[0-3]\d)/(?=[\w-])")
_URL_EPOCH = re.compile(r"-(?P<ts>1\d{9})(?=/?$|[?#.])")


def url_date(url: str | None, zone: str | None) -> DateCandidate | None:
    """The date a URL carries: ``/2016/02/16/``, ``/20190219141106-20-...``, ``/16/05/24/slug``, a trailing epoch.

    Only the path is read (a query's numbers are not dates).  Times in the URL are local to the outlet.
    """
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.IGNORECASE).split("?")[0].split("#")[0]
    for rx in (_URL_YMD, _URL_COMPACT, _URL_SHORT):
        m = rx.search(path)
        if not m:
            continue
        y = int(m["y"]) + (2000 if rx is _URL_SHORT else 0)
        try:
            datetime(y, int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        hh = mm = None
        hms = m.groupdict().get("hms")
        if hms and int(hms[:2]) < 24:
            hh, mm = int(hms[:2]), int(hms[2:4])
        return DateCandidate("url", (y, int(m["m"]), int(m["d"])), hh, mm, zone if hh is not None else None)
    m = _URL_EPOCH.search(path)
    if m:
        when = datetime.fromtimestamp(int(m["ts"]), tz=UTC)
        cand = DateCandidate("url", (when.year, when.month, when.day), when.hour, when.minute, "+00:00")
        return cand.in_zone(zone) if zone else replace(cand, hh=None, mm=None, offset=None)
    return None


# Containers of other articles' dates: related/popular/latest lists, "baca juga", sidebars, footers, comments.
_OTHER_BOX = re.compile(
    r"related|terkait|baca-?juga|bacajuga|lainnya|berita-?lain|populer|popular|terpopuler|terbaru|latest|"
    r"recommend|rekomendasi|widget|sidebar|footer|comment|komentar|trending|\bmost\b|most__|list_berita|"
    r"lst-|box_news|also|more-news|nav\b|menu|breadcrumb|today",
    re.IGNORECASE,
)
_OTHER_TAGS = {"footer", "nav", "aside"}
# Elements between the headline and its date line: a handful on every layout seen; a related list after a
# long body is hundreds away.
_MAX_DISTANCE = 80.0
_SKIP_TAGS = {"script", "style", "noscript", "template", "head", "title", "meta", "link"}


def _in_other_box(el: Any) -> bool:
    node = el
    while node is not None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _OTHER_TAGS:
            return True
        attrs = f"{node.get('class', '')} {node.get('id', '')}"
        if attrs.strip() and _OTHER_BOX.search(attrs):
            return True
        node = node.getparent()
    return False


def page_dates(tree: Any, title_el: Any, profiles: Profiles) -> list[DateCandidate]:
    """Visible date lines and ``<time datetime>`` values outside boxes of other articles, with their distance to the headline."""
    if tree is None:
        return []
    body = tree.find(".//body")
    root = body if body is not None else tree
    order: dict[Any, int] = {}
    found: list[tuple[int, DateCandidate]] = []
    for i, el in enumerate(root.iter()):
        order[el] = i
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP_TAGS:
            continue
        if tag == "time" and el.get("datetime"):
            cand = parse_structured_date(el.get("datetime", ""))
            if cand is not None and not _in_other_box(el):
                found.append((i, replace(cand, source="time")))
        text = el.text_content()
        if len(text) > 160 or not re.search(r"(?:19|20)\d\d|\d/\d", text):
            continue
        line = normalize_line(text)
        dl = parse_date_line(line, profiles) if line else None
        if dl is None or dl.updated or dl.ymd is None or _in_other_box(el):
            continue
        found.append((i, DateCandidate("visible", dl.ymd, dl.hh, dl.mm, dl.offset)))
    anchor = order.get(title_el)
    out = []
    for i, cand in found:
        if anchor is None:
            dist = float(i)
        else:  # a date under the headline is the usual place; one above it counts three times as far
            dist = float(i - anchor) if i >= anchor else 3.0 * (anchor - i)
            if dist > _MAX_DISTANCE:
                continue  # far from the headline: a list of other articles after the body, not this one's date
        out.append(replace(cand, distance=dist))
    return out


def _day(c: DateCandidate) -> tuple[int, int, int]:
    return c.ymd


def choose_published(
    visible: list[DateCandidate], structured: list[DateCandidate], from_url: DateCandidate | None,
    zone: str | None, now: datetime, extra: DateCandidate | None = None,
) -> tuple[str | None, str | None]:
    """The publication date and its basis ("page", or "url" when only the URL gave it).

    The visible line nearest the headline is the page's own statement and wins, unless the URL and
    a structured date agree with each other against it.  A structured date that disagrees with the
    URL loses to the URL.  ``extra`` (htmldate's guess) only breaks a tie between disagreeing sources
    or, alone, gives a date.  Nothing after ``now``.  Times are shown in the zone the visible line states
    (a WITA page stays in WITA), else in ``zone``, the outlet's, when it is known.
    """
    def ok(c: DateCandidate) -> bool:
        inst = c.instant()
        if inst is not None:
            return inst <= now
        return c.ymd <= (now.year, now.month, now.day) and c.ymd[0] >= 1990

    def local(c: DateCandidate) -> DateCandidate:
        return c.in_zone(zone) if zone and c.offset is not None else c

    vis = sorted((c for c in visible if ok(c)), key=lambda c: (c.distance, not c.has_time))
    if vis and vis[0].offset:  # the zone the page itself shows ("16:45 WITA" on a Makassar page) is the one to show
        zone = vis[0].offset
    struct = [local(c) for c in structured if ok(c)]
    url = from_url if from_url is not None and ok(from_url) else None
    extra = extra if extra is not None and ok(extra) else None
    best_vis = vis[0] if vis else None
    if best_vis is not None:
        # a time attribute and the visible line it marks up are one statement; prefer the one with the time
        same = [c for c in vis if c.ymd == best_vis.ymd and c.has_time and c.distance <= best_vis.distance + 3]
        if not best_vis.has_time and same:
            best_vis = same[0]
        if best_vis.offset is None:
            best_vis = local(best_vis)
    agreeing_struct = [c for c in struct if url is None or _day(c) == _day(url)]
    if best_vis is not None:
        against = [c for c in agreeing_struct if _day(c) != _day(best_vis)]
        if url is not None and _day(url) != _day(best_vis) and against and (extra is None or _day(extra) != _day(best_vis)):
            return against[0].formatted(), "page"
        if url is not None and _day(url) != _day(best_vis) and not struct and extra is not None and _day(extra) == _day(url):
            return url.formatted(), "url"
        chosen = best_vis
        match = next((c for c in struct if _day(c) == _day(chosen) and c.has_time), None)
        if not chosen.has_time and match is not None:
            chosen = match
        elif chosen.has_time and chosen.offset is None:
            if match is not None and match.offset and (match.hh, match.mm) == (chosen.hh, chosen.mm):
                chosen = replace(chosen, offset=match.offset)
            elif zone:
                chosen = replace(chosen, offset=zone)
        return chosen.formatted(), "page"
    if agreeing_struct:
        best = next((c for c in agreeing_struct if c.has_time), agreeing_struct[0])
        if best.has_time and best.offset is None and zone:
            best = replace(best, offset=zone)
        return best.formatted(), "page"
    if url is not None:
        return url.formatted(), "url"
    if extra is not None:
        return extra.formatted(), "page"
    return None, None


# --- outlet ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageOutlet:
    name: str | None
    profile: Profile | None
    spellings: set[str]  # every name the site goes by here, for cleaning titles


def page_outlet(url: str | None, site_names: list[str], dateline_outlet: str | None, profiles: Profiles) -> PageOutlet:
    """The outlet: the URL's domain by profile, the page's own name for itself, the dateline, the domain itself."""
    host = url_host(url)
    reg = registered_domain(host) if host else None
    label = reg.split(".")[0] if reg else None
    prof = profiles.by_domain(host) if host else None
    spellings = site_spellings(prof, *site_names, reg, label, dateline_outlet)
    if prof is not None:
        return PageOutlet(prof.name, prof, spellings)
    for site in site_names:
        name = normalize_line(site)  # as the page spells itself ("CNN", "Kabar Senja"), unless a profile knows it
        known = profiles.outlet(name)
        if known is not None:
            return PageOutlet(known.name, known, spellings | site_spellings(known))
        if _plausible_site_name(name, label):
            return PageOutlet(name, None, spellings)
    if dateline_outlet:
        known = profiles.outlet(dateline_outlet)
        return PageOutlet(known.name if known else display_outlet(dateline_outlet, profiles), known, spellings)
    return PageOutlet(domain_display_name(host) if host else None, None, spellings)


def _plausible_site_name(name: str, domain_label: str | None) -> bool:
    """A site's name for itself, not a section ("nasional", "sepakbola") that some sites put in og:site_name."""
    name = name.strip()
    if not outlet_key(name) or len(name) > 60 or "/" in name:  # "https://www.example.in" is an address, not a name
        return False
    if domain_label and outlet_key(domain_label) and (outlet_key(name) in outlet_key(domain_label) or outlet_key(domain_label) in outlet_key(name)):
        return True
    return " " in name or "." in name or name[:1].isupper()
