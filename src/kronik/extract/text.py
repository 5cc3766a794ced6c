"""Plain-text dumps (and export records) to Articles: header metadata, then the line cleaner.

A dump's header is read before the body is cleaned, because the title, the
date line and the byline are what tell us where the article starts: nothing
above the title is article text, and the lead is the first prose line after
the date line.  Each kept paragraph is exactly one input line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from kronik.extract.boilerplate import (
    CleanResult,
    LineRules,
    clean_lines,
    is_headline_like,
    is_list_item,
    is_prose,
    normalize_line,
)
from kronik.extract.dates import is_future, offset_zone
from kronik.extract.finish import finish_article
from kronik.extract.linemodel import relabel
from kronik.extract.metadata import (
    ZONES,
    DateLine,
    byline_authors,
    clean_person_name,
    credit_line_source,
    format_published,
    parse_date_line,
    parse_dateline,
    split_names,
)
from kronik.extract.outlets import (
    Profiles,
    load_profiles,
    looks_like_domain,
    outlet_from_url,
    outlet_key,
    resolve_outlet,
)
from kronik.io.readers import RawDocument
from kronik.lang.base import all_packs
from kronik.model import Article, Removed

MAX_LINE_CHARS = 20_000
"""Longer lines are not article paragraphs (minified scripts, base64 blobs); dropped and reported."""

HEADER_SCAN = 30
"""How many lines from the top may hold the title, date line and byline."""

LEAD_LOOKAHEAD = 4
"""How far past the first prose line a dateline lead may stand (after captions)."""


_PACKS = all_packs()
_BYLINE_LABELS = tuple(dict.fromkeys(lab for p in _PACKS for lab in p.byline_labels))
_NON_AUTHOR = tuple(dict.fromkeys(lab for p in _PACKS for lab in p.non_author_labels))
_LABEL_ONLY = {lab for lab in _BYLINE_LABELS if lab not in ("oleh", "by")}
# First words that can open a byline line; other lines skip the byline parser (it runs on every line).
_LABEL_FIRST_WORDS = {lab.split()[0] for lab in _BYLINE_LABELS + _NON_AUTHOR}
_COPYRIGHT_RE = re.compile(r"(?:©|\(c\)|copyright|hak cipta)\s*(?:©)?\s*(?:\d{4}\s*[-–]?\s*(?:\d{4})?)?\s*(?P<name>[\w][\w.&' -]{1,40}?)(?:[.,]|\s+(?:all rights|hak cipta|dilindungi|-|\|)|$)", re.IGNORECASE)


@dataclass
class Header:
    title_idx: int | None = None
    date: DateLine | None = None
    meta: dict[int, str] = field(default_factory=dict)
    authors: list[str] = field(default_factory=list)
    lead_idx: int = 0
    wires: list[str] = field(default_factory=list)
    outlet_spellings: list[str] = field(default_factory=list)


@cache
def _stamp_re() -> re.Pattern[str]:
    """A wire page's header stamp, ``PLACE | Tue May 12, 2009 8:56 am EDT``, with every pack's weekday, month
    and zone names."""
    packs = all_packs()
    names = lambda words: "|".join(sorted({re.escape(w) for w in words if len(w) >= 3}, key=len, reverse=True))  # noqa: E731
    days = names(w for p in packs for w in p.weekdays)
    months = names(w for p in packs for w in p.months)
    zones = names(w for p in packs for w in p.zones)
    return re.compile(
        rf"^(?P<before>.*?)(?P<place>[A-Z][A-Z .'/-]{{1,60}}?(?:, [A-Z][\w .]{{1,30}}?)?) \| (?P<stamp>(?i:{days})\w*\.?,? (?i:{months})\.? \d{{1,2}},? "
        rf"\d{{4}},? \d{{1,2}}[:.]\d{{2}} ?(?i:am|pm)? ?(?i:{zones})) (?P<after>(?P=place)\b.+)$")


def _unglue_wire_header(lines: list[str]) -> list[str]:
    """A first line that joins the headline, the page's stamp and the lead, as text dumps of wire pages do
    ("Most H1N1 patients ...: WHO GENEVA | Tue May 12, 2009 1:47 pm EDT GENEVA (Reuters) - Most ..."), split
    into the headline, the date line and the lead, so that each is read as what it is. The stamp's place
    must open the lead again (the dateline): a sentence that merely contains a "|" is left alone."""
    for i, line in enumerate(lines[:3]):
        if " | " not in line:
            continue
        m = _stamp_re().match(line)
        if m:
            head = [m["before"].strip()] if m["before"].strip() else []
            return lines[:i] + head + [f"{m['place']} | {m['stamp']}", m["after"]] + lines[i + 1:]
    return lines


def _split_lines(text: str) -> tuple[list[str], list[Removed]]:
    lines: list[str] = []
    removed: list[Removed] = []
    # Lines end at \n, \r\n or \r only: U+0085, U+2028/9, \v and \f inside a paragraph are text
    # (str.splitlines would break a paragraph at a damaged character).
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if len(raw) > MAX_LINE_CHARS:
            removed.append(Removed(text=raw[:200] + "…", reason="oversized-line"))
            continue
        norm = normalize_line(raw)
        if norm:
            lines.append(norm)
    return _unglue_wire_header(lines), removed


_REPORT_BY_RE = re.compile(
    r"^(?:laporan|liputan|dilaporkan oleh)\s+(?:wartawan|reporter|kontributor|koresponden|jurnalis)\b[^,]{0,40},\s*(?P<names>[^,]+(?:,\s*[^,]+)?)$",
    re.IGNORECASE,
)


# "A, Jurnalis · Senin 20 Oktober 2025 10:00 WIB": the name, then the role and the date.
_NAME_ROLE_RE = re.compile(r"^(?P<names>[^,|·•]{3,60}?),\s*(?:jurnalis|wartawan|reporter|kontributor|koresponden|journalist)\b.*$",
                           re.IGNORECASE)
_NAME_DASH_OUTLET_RE = re.compile(r"^(?P<names>[^-–—|]{3,60}?)\s*[-–—|]\s*(?P<outlet>[A-Za-z][\w-]*(?:\.[a-z]{2,6}){1,2}|detik\w+)$")


def _read_bylines(lines: list[str], header: Header) -> None:
    for i, text in enumerate(lines):
        m = _NAME_DASH_OUTLET_RE.match(text)
        if m and (names := split_names(m.group("names"))) and i < HEADER_SCAN:
            # "Hendrik Latuconsina - kabararafura.id", "Nama - detikNews": the reporter and the outlet
            header.meta[i] = "byline"
            header.authors.extend(n for n in names if n not in header.authors)
            header.outlet_spellings.append(m.group("outlet"))
            continue
        m = _REPORT_BY_RE.match(text) or (_NAME_ROLE_RE.match(text) if i < HEADER_SCAN and len(text) <= 120 else None)
        if m and (names := split_names(m.group("names"))):
            header.meta[i] = "byline"
            header.authors.extend(n for n in names if n not in header.authors)
            continue
        low = text.lower().rstrip(":： ")
        if low in _LABEL_ONLY and i > 0 and (i - 1) not in header.meta:
            name = clean_person_name(lines[i - 1])
            if name:
                header.meta[i - 1] = "byline"
                header.meta[i] = "byline"
                if name not in header.authors:
                    header.authors.append(name)
            continue
        if low in _NON_AUTHOR and i > 0 and (i - 1) not in header.meta and clean_person_name(lines[i - 1]):
            header.meta[i - 1] = "editor-credit"
            header.meta[i] = "editor-credit"
            continue
        if len(text) <= 140 and (text.split(None, 1)[0].lower().rstrip(":") in _LABEL_FIRST_WORDS or "|" in text):
            names = byline_authors(text, _BYLINE_LABELS, _NON_AUTHOR)
            if names is not None:
                header.meta[i] = "byline"
                for name in names:
                    if name not in header.authors:
                        header.authors.append(name)


_MENU_CHARS = re.compile(r"\s[|>›»•·/]\s")


def _title_like(text: str) -> bool:
    """A headline: at least three words, unpunctuated at the end, not a menu or share row."""
    return is_headline_like(text) and len(text.split()) >= 3 and not text.endswith(":") and not _MENU_CHARS.search(text)


def _title_cased(text: str) -> bool:
    """Most longer words capitalised, as headlines are written ("Prabowo: Defisit APBN RI Terendah di Dunia!").

    Body sentences capitalise only names; words of four letters or more are counted so that short
    function words ("di", "ke", "dan"), which headlines leave in lower case, do not decide.
    """
    if not is_headline_like(text) or len(text.split()) < 3:
        return False
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*|\d[\w.,]*", text) if len(w) >= 4 or w[0].isdigit()]
    caps = sum(w[0].isupper() or w[0].isdigit() for w in long_words)
    return caps >= 3 and caps >= 0.75 * len(long_words)


_TOKEN_RE = re.compile(r"\w+")


def _corroborated(wire: str, line: str, page_text: str, tokens: Counter[str]) -> bool:
    """An unknown agency credit counts if labelled ('Sumber: KBN', '(KBN)') or cited elsewhere in the page.

    ``tokens`` counts the page's word tokens, so a one-word name is looked up instead of
    searched for (a page with many candidate lines would otherwise be scanned once per line).
    """
    if line.lstrip().startswith("(") or ":" in line:
        return True
    if _TOKEN_RE.fullmatch(wire):
        return tokens[wire] >= 2
    return len(re.findall(rf"(?<!\w){re.escape(wire)}(?!\w)", page_text)) >= 2


def read_header(lines: list[str], profiles: Profiles, rules: LineRules | None = None) -> Header:
    """Find the title, date line, bylines and the lead paragraph of a dump.

    ``rules``: the page's ``LineRules``, when the caller shares them with the cleaner.
    """
    header = Header()
    page_text = "\n".join(lines)
    if rules is None:
        rules = LineRules(lines)
    tokens: Counter[str] | None = None
    for i, text in enumerate(lines[:HEADER_SCAN]):
        dl = parse_date_line(text, profiles, page_text)
        if dl is None:
            continue
        if header.date is None and not dl.updated:
            header.date = dl
        header.meta[i] = "date-line"
    _read_bylines(lines, header)
    for i, text in enumerate(lines):
        if i in header.meta or len(text) > 60 or is_prose(text) or is_list_item(text):
            continue  # '4. Kopdes Merah Putih (KDMP)' is an item of the article's list, not a wire credit
        wire = credit_line_source(text, profiles)
        if wire is None:
            continue
        rule = rules[i]
        if rule is not None and rule[0] != "editor-credit":
            continue  # 'IKLAN', 'VIDEO': page furniture in capitals, not a credit
        if profiles.wire(wire) is None:
            if tokens is None:
                tokens = Counter(_TOKEN_RE.findall(page_text))
            if not _corroborated(wire, text, page_text, tokens):
                continue  # an unknown capitalised word alone ('DUNIA') is a section label
        header.meta[i] = "wire-credit"
        if wire not in header.wires:
            header.wires.append(wire)

    counts: dict[str, int] = {}
    for text in lines:
        counts[text.lower()] = counts.get(text.lower(), 0) + 1

    first_content = next((i for i in range(min(len(lines), HEADER_SCAN)) if i not in header.meta), None)

    def lead_candidate(i: int) -> bool:
        text = lines[i]
        if i in header.meta or rules[i] is not None or counts[text.lower()] > 1:
            return False
        if i == first_content and i + 1 < len(lines) and _title_cased(text) and not text.endswith((".", ",", ";", ":")):
            return False  # a headline on top, even one ending in "!" or "?": the title, not the lead
        if parse_dateline(text, profiles) is not None and len(text.split()) >= 6:
            return True
        return is_prose(text)

    # The header ends at the first date line or byline near the top; the lead is
    # the first prose line after it (bylines at the foot of the article are
    # metadata too, but do not move the start).
    first_meta = min((k for k, v in header.meta.items() if v in ("date-line", "byline") and k < HEADER_SCAN), default=None)
    anchor = first_meta
    lead = None
    for i in range(len(lines)):
        if anchor is not None and i <= anchor:
            continue
        if lead_candidate(i):
            # A prose-looking line followed by a date line or byline is the title.
            if any(header.meta.get(j) in ("date-line", "byline") for j in range(i + 1, min(i + 3, len(lines)))):
                continue
            lead = i
            break
    if lead is not None:
        # A photo caption often stands between the header and the lead; when one of
        # the next few lines opens with a dateline, that line is the lead.
        for j in range(lead, min(lead + LEAD_LOOKAHEAD, len(lines))):
            if j not in header.meta and parse_dateline(lines[j], profiles) is not None and lead_candidate(j):
                lead = j
                break
    if lead is None:
        lead = (anchor + 1) if anchor is not None else 0
    header.lead_idx = lead

    # The title: the headline-like line nearest above the date line / byline,
    # or, without those, nearest above the lead.
    limit = first_meta if first_meta is not None and first_meta < lead else lead
    for i in range(limit - 1, -1, -1):
        text = lines[i]
        if i in header.meta or rules[i] is not None:
            continue
        if _title_like(text):
            header.title_idx = i
            header.meta[i] = "title"
            break
        if len(text.split()) >= 3:
            break  # a longer non-headline line: the title is not above it
    if header.title_idx is None and first_meta is not None and first_meta < lead:
        for i in range(first_meta + 1, lead):
            text = lines[i]
            if i not in header.meta and rules[i] is None and _title_like(text):
                header.title_idx = i
                header.meta[i] = "title"
                break
    return header


_SYNDICATION_RE = re.compile(r"^(?:artikel|berita|tulisan) ini (?:telah|sudah) (?:tayang|terbit|dimuat|diterbitkan) (?:di|pada) (?P<name>[\w.-]+(?-i: [A-Z][\w.-]*){0,3})", re.IGNORECASE)


def _self_references(lines: list[str]) -> list[str]:
    """Where a page names its own outlet: copyright lines and syndication notices at the foot."""
    found: list[str] = []
    for text in lines[-60:]:
        m = _SYNDICATION_RE.match(text)
        if m:
            found.append(m.group("name"))
            continue
        m = _COPYRIGHT_RE.search(text)
        if not m or len(text) > 160:
            continue
        domains = [t for t in re.findall(r"[\w][\w-]*(?:\.[a-z]{2,6}){1,2}", text, re.IGNORECASE) if looks_like_domain(t)]
        if domains:
            found.append(domains[0])
            continue
        name = re.sub(r"\s*\b(?:19|20)\d\d\b\s*", " ", m.group("name")).strip(" .,-")
        words = name.split()
        if 1 <= len(words) <= 4 and words[0] not in ("PT", "CV") and all(w[:1].isupper() for w in words):
            found.append(name)
    return found


_GIVEN_ZONE_RE = re.compile(r"^(?P<value>.*?\d)\s*(?P<zone>[A-Za-z]{2,5})$")
_EPOCH_RE = re.compile(r"^\d{10}(?:\d{3})?$")


def parse_given_date(value: str, profiles: Profiles, outlet: str | None, now: datetime | None = None) -> str | None:
    """A date field of an export or a page's metadata: ISO 8601 (``T`` or space, ``Z``, offsets, a
    trailing zone name such as ``WIB``), a Unix timestamp, or anything a date line may hold.

    An instant with an offset is shown in the outlet's zone when the outlet's profile names one (a
    ``...Z`` time of a WIB outlet is given as ``+07:00``); a local time without a zone takes the outlet's
    zone, or is kept as a bare date when the zone is unknown.  A value after ``now`` (one day's grace for
    zones) is not a publication date and gives None.
    """
    value = value.strip()
    prof = profiles.outlet(outlet) if outlet else None
    zone = prof.zone if prof else None
    iso = value
    named = _GIVEN_ZONE_RE.match(value)
    if named and named.group("zone").lower() in ZONES:
        iso, zone = named.group("value"), ZONES[named.group("zone").lower()]
    if _EPOCH_RE.match(iso):
        stamp = int(iso) / (1000 if len(iso) == 13 else 1)
        iso = datetime.fromtimestamp(stamp, UTC).isoformat()
    try:
        dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:  # not ISO: a date line as a page writes it ("Rabu, 13 Oktober 2021 14:20 WIB")
        dl = parse_date_line(value, profiles)
        return dl.published if dl and not is_future(dl.published, now) else None
    if dt.tzinfo is not None:
        if zone is not None:
            dt = dt.astimezone(offset_zone(zone))
        off = dt.strftime("%z")
        published = format_published((dt.year, dt.month, dt.day), dt.hour, dt.minute, f"{off[:3]}:{off[3:]}")
    elif "T" in iso or ":" in iso:
        published = format_published((dt.year, dt.month, dt.day), dt.hour, dt.minute, zone)
    else:
        published = format_published((dt.year, dt.month, dt.day), None, None, None)
    return None if is_future(published, now) else published


def _given_outlet(given: dict[str, str], profiles: Profiles, page_text: str) -> str | None:
    """An export's outlet: a known profile by the record's URL, else its outlet column, else the URL's name.

    The URL says where the article was published; an outlet column may hold an aggregator's label, so a
    profile the URL belongs to wins over it.  Text evidence (datelines, mastheads) is only read when the
    record states neither.
    """
    by_url = outlet_from_url(given.get("url"), profiles)
    if by_url is not None and profiles.outlet(by_url) is not None:
        return by_url
    if given.get("outlet"):
        return resolve_outlet([given["outlet"]], profiles, page_text)
    return by_url


@dataclass
class RuleAnalysis:
    """What the header reader and the rule engine make of a dump, before the line model."""

    lines: list[str]
    removed: list[Removed]
    header: Header
    title: str | None
    result: CleanResult


def analyse_rules(doc: RawDocument, profiles: Profiles) -> RuleAnalysis:
    lines, removed = _split_lines(doc.text)
    given = doc.fields
    rules = LineRules(lines)
    header = read_header(lines, profiles, rules)
    if given.get("title"):
        # The export names the title; if the text repeats it on top, that line is metadata.
        for i, text in enumerate(lines[:3]):
            if text.lower() == normalize_line(given["title"]).lower():
                header.meta[i] = "title"
        if header.title_idx is not None and lines[header.title_idx].lower() != normalize_line(given["title"]).lower():
            header.meta.pop(header.title_idx, None)
            header.title_idx = None
            header.lead_idx = min(header.lead_idx, min((k for k in header.meta), default=0))
    title_text = given.get("title") or (lines[header.title_idx] if header.title_idx is not None else None)
    result = clean_lines(lines, meta=header.meta, start=header.lead_idx, title=title_text, strict_start=not doc.fields,
                         rules=rules)
    return RuleAnalysis(lines, removed, header, title_text, result)


def extract_text_document(doc: RawDocument, profiles: Profiles | None = None, *, line_model: bool = False) -> Article:
    """A plain-text dump or an export record, as an Article.

    ``line_model`` lets the trained line labeller (extract/linemodel.py) remove
    lines the rules kept.  Off by default: it helps on unseen layouts but still
    drops body lines of short pages (see docs/measurements.md).
    """
    profiles = profiles or load_profiles()
    ana = analyse_rules(doc, profiles)
    lines, removed, header, title_text, given = ana.lines, ana.removed, ana.header, ana.title, doc.fields
    verdicts = ana.result.verdicts
    if line_model:
        verdicts = relabel(lines, verdicts, title_text, header.lead_idx)
    paragraphs = [v.text for v in verdicts if v.keep]
    removed.extend(Removed(text=v.text, reason=v.reason or "boilerplate") for v in verdicts if not v.keep)
    page_text = "\n".join(lines)

    dl = parse_dateline(paragraphs[0], profiles) if paragraphs else None
    outlet = _given_outlet(given, profiles, page_text)
    if outlet is None:
        evidence = [header.date.outlet] if header.date and header.date.outlet else []
        evidence.extend(header.outlet_spellings)
        if dl and dl.outlet:
            evidence.append(dl.outlet)
        evidence.extend(_self_references(lines))
        if dl and dl.agency and profiles.wire(dl.agency) is None:
            # "PALU (TelukNews) -": the parenthesis names the outlet itself when its masthead or
            # other self-references say so; otherwise it is a wire ("(KBN)").
            known = {outlet_key(e) for e in evidence} | {outlet_key(lines[0])} if lines else set()
            if outlet_key(dl.agency) in known:
                evidence.append(dl.agency)
        outlet = resolve_outlet(evidence, profiles, page_text)

    published: str | None = None
    basis: str | None = None
    if given.get("date"):
        published = parse_given_date(given["date"], profiles, outlet)
        basis = doc.notes.get("date_basis", "export") if published else None
    if published is None and header.date:
        published, basis = header.date.published, "page"
    return finish_article(
        doc, profiles, paragraphs=paragraphs, removed=removed, title=title_text, outlet=outlet,
        published=published, basis=basis, authors=header.authors, url=given.get("url"),
        credit_wires=header.wires, page_text=page_text, dateline=dl,
    )
