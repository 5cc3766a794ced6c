"""Metadata from the lines of a news page: date lines, bylines, datelines, cited wires.

Written by hand rather than with dateparser: a date *line* must be recognised
as a whole ("Kompas.com - 31/12/2021, 10:00 WIB" is a date line, a body
sentence that mentions a date is not), the zone must map to Indonesia's UTC
offsets, and this runs on every line of every header at hundreds of articles
per second, where dateparser manages about 700 parses a second.

Everything here is conservative: a value is returned only when the page
states it.  A wrong outlet or author is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kronik.extract.outlets import Profiles, looks_like_domain
from kronik.lang.base import LanguagePack, all_packs, pack_words


def _alternation(words: object) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))  # type: ignore[attr-defined]


_PACKS = all_packs()
_MONTHS: dict[str, int] = {k: v for p in _PACKS for k, v in p.months.items()}
_WEEKDAYS: dict[str, int] = {k: v for p in _PACKS for k, v in p.weekdays.items()}
ZONES: dict[str, str] = {k: v for p in _PACKS for k, v in p.zones.items()}
"""Zone names of every pack (``wib`` -> ``+07:00``)."""

_MONTH_RE = _alternation(_MONTHS)
_WEEKDAY_RE = _alternation(_WEEKDAYS)
_ZONE_RE = _alternation(ZONES)

_DATE_CORE = rf"""
(?:
   (?P<d1>\d{{1,2}})\s*(?P<m1>{_MONTH_RE})\.?,?\s*(?P<y1>\d{{4}})          # 24 Januari 2021, 22 Apr 2021
 | (?P<d2>\d{{1,2}})\s*[/.-]\s*(?P<m2>\d{{1,2}})\s*[/.-]\s*(?P<y2>\d{{4}}|\d{{2}})(?!\d)   # 31/12/2021
 | (?P<y3>\d{{4}})-(?P<m3>\d{{1,2}})-(?P<d3>\d{{1,2}})                      # 2021-12-31
 | (?P<m4>{_MONTH_RE})\.?\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y4>\d{{4}})  # March 3, 2021
)
"""
_TIME = r"(?P<hh>[01]?\d|2[0-3])\s*[:.]\s*(?P<mm>[0-5]\d)(?:\s*[:.]\s*[0-5]\d)?\s*(?P<ampm>[ap]\.?m\.?)?"
_ZONE = rf"(?:GMT|UTC)\s*(?P<off>[+-]\s*\d{{1,2}}(?::?\d{{2}})?)|(?P<zone>{_ZONE_RE})\b|(?P<iso>[+-]\d{{2}}:?\d{{2}})"

_DATE_LINE_RE = re.compile(
    rf"""^(?P<prefix>.{{0,60}}?)
    (?:(?P<wd>{_WEEKDAY_RE})\s*[,.]?\s*)?
    {_DATE_CORE}
    (?:\s*[,|/\-–—•·]?\s*(?:pukul|jam|pkl\.?|at)?\s*{_TIME})?
    (?:\s*(?:{_ZONE}))?
    (?P<rest>.{{0,40}})$""",
    re.IGNORECASE | re.VERBOSE,
)
# Every date line holds a four-digit year or a d/m/y date: a cheap test before the big regex.
_DATE_HINT = re.compile(r"(?:19|20)\d\d|\d[/.-]\d{1,2}[/.-]\d")

# A date line may be introduced by a label or an outlet name and a separator.
_PREFIX_LABEL_RE = re.compile(
    r"^(?:(?:diterbitkan|dipublikasikan|dipublikasi|terbit|published|posted|tayang|dimuat|tanggal|date|waktu)\b\s*(?:pada|on)?\s*[:：]?\s*)?$",
    re.IGNORECASE,
)
_PREFIX_OUTLET_RE = re.compile(r"^(?P<outlet>[\w][\w .&'-]{0,40}?)\s*[-–—|,:]+\s*$")
_UPDATED_RE = re.compile(r"^(?:diperbarui|diperbaharui|updated|update|last updated|pembaruan)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateLine:
    """A date line read: ``published`` as formatted, and its parts for callers that weigh several dates.

    ``offset`` is the zone the line states (or its known outlet's); a time without one is kept in
    ``hh``/``mm`` so that a caller who knows the outlet's zone can still use it.
    """

    published: str
    outlet: str | None
    updated: bool = False
    ymd: tuple[int, int, int] | None = None
    hh: int | None = None
    mm: int | None = None
    offset: str | None = None


def _ymd(m: re.Match[str]) -> tuple[int, int, int] | None:
    g = m.groupdict()
    try:
        if g.get("d1"):
            d, mo, y = int(g["d1"]), _MONTHS[g["m1"].lower()], int(g["y1"])
        elif g.get("d2"):
            d, mo, y = int(g["d2"]), int(g["m2"]), int(g["y2"])
            if y < 100:
                y += 2000
            if mo > 12 and d <= 12:  # month/day order (English pages)
                d, mo = mo, d
        elif g.get("y3"):
            d, mo, y = int(g["d3"]), int(g["m3"]), int(g["y3"])
        elif g.get("m4"):
            d, mo, y = int(g["d4"]), _MONTHS[g["m4"].lower()], int(g["y4"])
        else:
            return None
        date(y, mo, d)
    except (ValueError, KeyError):
        return None
    if not 1990 <= y <= 2100:
        return None
    return y, mo, d


def _offset(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g.get("zone"):
        return ZONES[g["zone"].lower()]
    if g.get("off"):
        raw = g["off"].replace(" ", "")
        sign, body = raw[0], raw[1:]
        hh, _, mm = body.partition(":")
        if len(body) == 4 and not mm:
            hh, mm = body[:2], body[2:]
        return f"{sign}{int(hh):02d}:{int(mm or 0):02d}"
    if g.get("iso"):
        raw = g["iso"]
        return f"{raw[:3]}:{raw[-2:]}"
    return None


def format_published(ymd: tuple[int, int, int], hh: int | None, mm: int | None, offset: str | None) -> str:
    y, mo, d = ymd
    if hh is None or offset is None:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return f"{y:04d}-{mo:02d}-{d:02d}T{hh:02d}:{mm or 0:02d}:00{offset}"


def parse_date_line(text: str, profiles: Profiles, page_text: str = "") -> DateLine | None:
    """Read a line that is (essentially) a publication date, with an optional outlet prefix.

    ``Kompas.com - 31/12/2021, 10:00 WIB``, ``Minggu, 24 Januari 2021 22:02 WIB``,
    ``Kamis 22 Apr 2021, 14:05 WITA``, ``Diterbitkan: 3 Mei 2021``.  Lines with
    ``|`` (or a spaced ``/``) are read part by part, so a date and a byline may share a line.
    """
    if len(text) > 160 or not _DATE_HINT.search(text):
        return None
    parts = re.split(r"\s+[|•·/]\s+|\s*\|\s*", text)
    # "Jakarta / Tue, February 16, 2016 / 02:11 pm": the date and time after a leading place or name
    tails = [" | ".join(parts[i:]) for i in range(1, len(parts) - 1)]
    for part in (text, *tails, *parts):
        found = _parse_date_part(part.strip(), profiles, page_text)
        if found:
            return found
    return None


def _parse_date_part(part: str, profiles: Profiles, page_text: str) -> DateLine | None:
    m = _DATE_LINE_RE.match(part)
    if not m:
        return None
    rest = m.group("rest").strip(" ,.-–—|·•")
    if rest and not re.fullmatch(r"(?:\(?(?:diperbarui|updated?)\b.*|wib|wita|wit)", rest, re.IGNORECASE):
        return None
    ymd = _ymd(m)
    if ymd is None:
        return None
    prefix = m.group("prefix").strip()
    updated = bool(_UPDATED_RE.match(prefix))
    outlet: str | None = None
    if prefix and not _PREFIX_LABEL_RE.match(prefix) and not updated:
        pm = _PREFIX_OUTLET_RE.match(prefix)
        if not pm:
            return None
        cand = pm.group("outlet").strip()
        if _PREFIX_LABEL_RE.match(cand + ":") or (prefix.endswith(":") and " " not in cand and not looks_like_domain(cand)
                                                 and profiles.outlet(cand) is None):
            outlet = None  # "Diunggah: 6 Januari 2022": a label word, not an outlet
        elif profiles.outlet(cand) or looks_like_domain(cand) or _is_brandish(cand):
            outlet = cand  # a spelling; extract.outlets.resolve_outlet turns it into a display name
        else:
            return None
    hh = int(m.group("hh")) if m.group("hh") else None
    mm = int(m.group("mm")) if m.group("mm") else None
    if hh is not None and m.group("ampm"):
        if m.group("ampm").lower().startswith("p") and hh < 12:
            hh += 12
        elif m.group("ampm").lower().startswith("a") and hh == 12:
            hh = 0
    offset = _offset(m)
    if offset is None and outlet and hh is not None:
        prof = profiles.outlet(outlet)  # an unzoned time takes the outlet's zone only if we know the outlet
        offset = prof.zone if prof else None
    return DateLine(format_published(ymd, hh, mm, offset), outlet, updated, ymd, hh, mm, offset)


def _is_brandish(text: str) -> bool:
    """A short proper name, e.g. 'Harian Cakrawala' (not 'Senin' nor a sentence)."""
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() or w[:1].isdigit() for w in words) and not any(
        w.lower() in _WEEKDAYS or w.lower() in _MONTHS for w in words
    )


# --- datelines ---------------------------------------------------------------------------

_UP = r"[A-ZÀ-Þ][A-ZÀ-Þ'’.-]*"
_TITLE = r"[A-ZÀ-Þ][\wÀ-ÿ'’.-]*"
# A dateline's dash: an en or em dash, or hyphens with a space on at least one side; a hyphen between two
# letters joins a word ("Menteri-menteri", "Pasuruan-Purwosari") and never ends a dateline.
_DASH = r"(?:\s*(?:–|—)\s*|\s+-{1,2}\s*|-{1,2}(?:\s+|(?=[\"“'(])))"
_OUTLET_TOKEN = r"[A-Za-z][\w-]*(?:\.[A-Za-z]{2,6}){1,2}"
_DATELINE_RES: tuple[re.Pattern[str], ...] = (
    # MOSCOW, KOMPAS.com -      KOTA BARU, WARTANUSANTARA.COM --
    re.compile(rf"^(?P<place>{_UP}(?:\s+{_UP}){{0,3}})\s*,\s*(?P<outlet>{_OUTLET_TOKEN}){_DASH}"),
    # Liputan6.com, Jakarta-     TEMPO.CO, Jakarta -     TEMPO.CO, -
    re.compile(rf"^(?P<outlet>{_OUTLET_TOKEN})\s*,\s*(?P<place>{_TITLE}(?:\s+{_TITLE}){{0,3}})?{_DASH}"),
    # JAKARTA (Reuters) -       Jakarta (KBN) -
    re.compile(rf"^(?P<place>{_TITLE}(?:\s+{_TITLE}){{0,3}})\s*\((?P<agency>[^()]{{2,40}})\){_DASH}"),
    # Jakarta, CNN Indonesia --  Surabaya, Harian Cakrawala -
    re.compile(rf"^(?P<place>{_TITLE}(?:\s+{_TITLE}){{0,3}})\s*,\s*(?P<outlet>{_TITLE}(?:\s+{_TITLE}){{0,3}}){_DASH}"),
    # Suara.com - ...
    re.compile(rf"^(?P<outlet>{_OUTLET_TOKEN}){_DASH}"),
    # JAKARTA - ...     (capitals only, or it would catch ordinary sentences)
    re.compile(rf"^(?P<place>{_UP}(?:\s+{_UP}){{0,3}}){_DASH}(?=\S)"),
    # Surabaya - ...    (a capitalised place of up to three words, then a spaced dash)
    re.compile(rf"^(?P<place>{_TITLE}(?:\s+{_TITLE}){{0,2}})\s+(?:-{{1,2}}|–|—)\s+(?=\S)"),
    # WASHINGTON, Oct 20 (Reuters) -    WILMINGTON, Delaware (Reuters) -    BEIJING, March 3, 2021 (Xinhua) --
    # (wire datelines: the place in capitals, then a region or the date, then the agency)
    re.compile(rf"^(?P<place>{_UP}(?:\s+{_UP}){{0,3}})\s*,\s*(?:(?i:{_MONTH_RE})\.?\s+\d{{1,2}}(?:\s*,\s*\d{{4}})?"
               rf"|{_TITLE}(?:\s+{_TITLE}){{0,2}})\s*\((?P<agency>[^()\d]{{2,40}})\){_DASH}"),
)


# Capitalised words that open sentences and may be followed by a dash; not places.
_NOT_PLACES = {"ini", "itu", "namun", "sementara", "kemudian", "menurut", "selain", "sebelumnya", "adapun", "but", "meanwhile"}


@dataclass(frozen=True)
class Dateline:
    place: str | None
    outlet: str | None
    agency: str | None


def parse_dateline(lead: str, profiles: Profiles) -> Dateline | None:
    """The dateline at the start of a lead paragraph, if any."""
    head = lead[:120]
    for i, rx in enumerate(_DATELINE_RES):
        m = rx.match(head)
        if not m:
            continue
        g = m.groupdict()
        place = (g.get("place") or "").strip() or None
        outlet = (g.get("outlet") or "").strip() or None
        agency = (g.get("agency") or "").strip() or None
        if i == 3 and outlet and not profiles.outlet(outlet) and not (_is_brandish(outlet) and len(outlet.split()) <= 3):
            # "Jakarta, Selasa -" is a weekday, not an outlet.
            continue
        if place and (place.lower() in _WEEKDAYS or place.lower() in _MONTHS):
            continue
        if i in (5, 6) and place and (len(place) < 3 or place.lower() in _NOT_PLACES):
            continue
        return Dateline(place, outlet, agency)
    return None


# --- bylines ---------------------------------------------------------------------------------

_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-Þ][\wÀ-ÿ'’.-]*|bin|binti|van|von|de|al-[\w-]+|d'[\w]+)$")
_NOT_NAMES = {"tim", "redaksi", "admin", "kontributor", "reporter", "penulis", "editor", "wartawan", "staf", "staff", "desk"}


def clean_person_name(text: str) -> str | None:
    """A plausible person name from a byline fragment, or None."""
    text = re.sub(r"\s*\(.*?\)\s*", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:-–—|/")
    if not text or any(ch.isdigit() for ch in text) or "@" in text or "http" in text.lower():
        return None
    words = text.split()
    if not 1 <= len(words) <= 5:
        return None
    if words[0].lower() in _NOT_NAMES or text.lower() in _NOT_NAMES:
        return None
    if not all(_NAME_TOKEN.match(w) for w in words):
        return None
    if any(w.lower() in _WEEKDAYS or w.lower() in _MONTHS for w in words):
        return None
    return text


def split_names(text: str) -> list[str]:
    """Names in 'A, B dan C'; empty unless every part is a plausible name."""
    parts = [p for p in re.split(r"\s*(?:,|&|;|\bdan\b|\band\b)\s*", text) if p.strip()]
    names = [n for p in parts if (n := clean_person_name(p))]
    return names if len(names) == len(parts) else []


_BYLINE_TAIL = re.compile(r"\s+(?:pada|on|at)\s+.*$|\s*[-–—,]\s*(?:\d{1,2}\s+\w+\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}).*$", re.IGNORECASE)
# Labels that may name a place or outlet before the name, without a colon: "Kontributor Bandung, A".
_PLACE_LABELS = {"kontributor", "koresponden", "wartawan", "jurnalis"}
_PLACE_THEN_NAMES = re.compile(r"^(?P<place>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}),\s*(?P<names>[^,]+)$")


def _label_alternation(labels: tuple[str, ...]) -> str:
    return "|".join(re.escape(lab) for lab in sorted(set(labels), key=len, reverse=True))


def byline_authors(line: str, pack_labels: tuple[str, ...], non_author: tuple[str, ...]) -> list[str] | None:
    """Authors stated by a byline line ("Penulis: X", "Reporter: X | Editor: Y", "By X").

    Returns None when the line is not a byline at all, [] when it is one but
    names nobody we can trust (e.g. only an editor).
    """
    # Parts are split at "|", "•" and wide gaps, and at a comma or slash that opens another label
    # ("Laporan: A, Editor: B", "Rep: A/ Red: B").
    labels = _label_alternation(pack_labels + non_author)
    parts = [p.strip() for p in re.split(rf"\s*[|•·]\s*|\s{{2,}}|\s*[,/]\s*(?=(?i:{labels})\s*:)", line) if p.strip()]
    found: list[str] = []
    is_byline = False
    for part in parts:
        low = part.lower()
        label = next((lab for lab in sorted(pack_labels, key=len, reverse=True)
                      if low.startswith(lab) and (len(low) == len(lab) or not low[len(lab)].isalpha())), None)
        if label:
            rest = part[len(label):].strip(" :：-–—")
            rest = _BYLINE_TAIL.sub("", rest)  # "Oleh A pada 20 Okt 2025, 10:00 WIB": the date is not a name
            colon = ":" in part[: len(label) + 2]
            if not colon and label in _PLACE_LABELS and (m := _PLACE_THEN_NAMES.match(rest)):
                rest = m.group("names")  # "Kontributor Bandung, A": the place, then the name
            if label in ("oleh", "by") and not rest:
                continue
            if label in ("oleh", "by", "ditulis oleh") and ":" not in part[: len(label) + 2] and not rest[:1].isupper():
                continue
            names = split_names(rest)
            if names:
                is_byline = True
                found.extend(names)
            elif rest == "":
                continue
            else:
                return None if not is_byline else found
            continue
        if any(low.startswith(lab) and (len(low) == len(lab) or not low[len(lab)].isalpha()) for lab in non_author):
            is_byline = is_byline or ":" in part
            continue
        if found:
            # "Penulis: A | Jakarta" - stop at the first part that is not a byline part
            break
        return None
    return found if is_byline else None


# --- wires and cited sources ----------------------------------------------------------------

_CITE_NAME = r"(?P<name>(?:(?:The|the)\s)?[A-Z][\w.&'’-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w.&'’-]*){0,4})"
_MEDIA_WORDS = re.compile(
    r"\b(news|wire|post|times|press|agency|berita|media|tv|televisi|radio|herald|journal|daily|tribune|"
    r"service|gazette|telegraph|chronicle|observer|monitor|insider|today|online)\b|\.(com|co|id|net|org)\b",
    re.IGNORECASE,
)
_TITLE_WORDS = {
    "presiden", "wakil", "menteri", "menlu", "juru", "jubir", "kepala", "direktur", "ketua", "gubernur", "bupati",
    "wali", "kapolri", "kapolda", "panglima", "sekretaris", "duta", "dubes", "perdana", "raja", "ratu", "pangeran",
    "president", "minister", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "senator",
    "pejabat", "pihak", "data", "keterangan", "pernyataan", "laman", "situs", "akun", "ia", "dia", "mereka", "beliau",
}


# Cues that in practice only ever cite media ("dilansir X" is "as reported by X").
_MEDIA_CUES = {"dilansir", "dilansir dari", "melansir", "dikutip dari", "seperti dilaporkan", "seperti diberitakan"}
# Names that start like these are institutions or documents, which these verbs also cite.
_INSTITUTION_WORDS = {
    "kementerian", "kemenlu", "badan", "dinas", "pemerintah", "pemkot", "pemprov", "pemkab", "polri", "polda", "polres",
    "universitas", "institut", "lembaga", "komisi", "dewan", "majelis", "mahkamah", "pengadilan", "bank", "bursa",
    "pt", "perusahaan", "asosiasi", "organisasi", "partai", "gedung", "istana", "departemen", "otoritas", "data",
    "ministry", "department", "government", "university", "instagram", "twitter", "facebook", "youtube", "tiktok",
}


# First words of government bodies that citation cues also cite (language data: each pack's wires.INSTITUTION_PREFIXES).
_INSTITUTION_PREFIXES = tuple(dict.fromkeys(w for p in _PACKS for w in pack_words(p.code, "wires", "INSTITUTION_PREFIXES")))


def _cue_regex(cues: tuple[str, ...]) -> re.Pattern[str]:
    alt = "|".join(sorted((re.escape(c.rstrip(":").strip()) for c in cues), key=len, reverse=True))
    return re.compile(
        rf"(?i:\b(?P<cue>{alt}))\s*[:,]?\s+(?:(?i:laman|situs|media|kantor berita|surat kabar|harian|stasiun televisi|portal berita|akun resmi)\s+)?{_CITE_NAME}"
    )


_CUES = tuple(_cue_regex(p.citation_cues) for p in _PACKS if p.citation_cues)
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


_EXPANSION = re.compile(r"(?P<name>[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|dan|and|of|de)){0,6})\s*\((?P<acr>[A-Z]{2,6})\)")


def acronym_expansions(paragraphs: list[str]) -> dict[str, str]:
    """Acronyms the text spells out ("Otoritas Jasa Keuangan (OJK)"): acronym -> its first expansion."""
    found: dict[str, str] = {}
    for para in paragraphs:
        for m in _EXPANSION.finditer(para):
            found.setdefault(m.group("acr"), m.group("name"))
    return found


def cited_sources(paragraphs: list[str], profiles: Profiles) -> list[str]:
    """Wires and outlets the text cites as its source, as display names, in order of first mention."""
    found: list[str] = []
    expansions = acronym_expansions(paragraphs)
    for para in paragraphs:
        for cue in _CUES:
            for m in cue.finditer(para):
                name = _trim_name(m.group("name"))
                canon = _as_source(name, profiles, cue=m.group("cue").lower(),
                                   context=para[m.end("name"):m.end("name") + 12], expansions=expansions,
                                   matched=m.group(0)[len(m.group("cue")):])
                if canon and canon not in found:
                    found.append(canon)
    return found


def _trim_name(name: str) -> str:
    words = name.split()
    if words and words[0].lower() == "the" and len(words) > 1:
        words = words[1:]
    while words and (words[-1].lower() in _WEEKDAYS or words[-1].lower() in {"pada", "on", "the"}):
        words.pop()
    return " ".join(words).strip(" .,'’")


def _as_source(name: str, profiles: Profiles, cue: str, context: str = "",
               expansions: dict[str, str] | None = None, matched: str = "") -> str | None:
    if not name or len(name) < 2:
        return None
    first = name.split()[0].lower()
    if first in _TITLE_WORDS or first in _WEEKDAYS or first in _MONTHS:
        return None
    if first.startswith(_INSTITUTION_PREFIXES):
        return None  # "dilansir Kominfo Jatim", "dikutip dari Kemenkes": a government body
    prof = profiles.wire(name)
    if prof is not None:
        return prof.name
    acr = re.match(r"\s*\(([A-Z]{2,6})\)", context)
    if acr:  # "Kantor Berita Nusa (KBN)": the acronym is how the name is cited elsewhere
        if _MEDIA_WORDS.search(matched or name) or cue == "kantor berita" or profiles.wire(acr.group(1)):
            return acr.group(1)
        return None  # "dikutip dari Otoritas Jasa Keuangan (OJK)": an institution, not a news source
    if _ACRONYM.match(name) and cue not in ("mengutip", "according to", "told", "laporan", "melaporkan"):
        expansion = expansions.get(name) if expansions else None
        if expansion is not None and not (_MEDIA_WORDS.search(expansion) or profiles.wire(expansion)):
            return None  # the page spells it out as an institution ("Institut Teknologi Bandung (ITB)")
        return name
    if _MEDIA_WORDS.search(name):
        return name
    if cue == "kantor berita":
        return name
    if cue in _MEDIA_CUES and first not in _INSTITUTION_WORDS and len(name.split()) <= 4:
        # "dilansir Neva Courier": these verbs cite media, not people or ministries.
        return name
    return None


_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}|[a-z])[.)]\s")
_SOURCE_LABEL = re.compile(r"^(?:sumber|source|sumber berita)\s*[:：]\s*", re.IGNORECASE)


def credit_line_source(line: str, profiles: Profiles) -> str | None:
    """A wire credit standing alone on a line: 'REUTERS', '(AFP)', 'KBN', 'Sumber: KBN'."""
    labelled = _SOURCE_LABEL.match(line)
    core = line[labelled.end():] if labelled else line
    if _LIST_ITEM.match(core):
        return None  # '4. Kopdes Merah Putih (KDMP)': an item of a list in the body, not a credit
    acronym = re.search(r"\(([A-Z]{2,6})\)\s*$", core)
    if acronym and core.strip()[0] != "(":  # 'Kantor Berita Nusa (KBN)': cited by its acronym
        name = core[:acronym.start()].strip()
        if not (labelled or profiles.wire(name) or _MEDIA_WORDS.search(name)):
            return None  # 'Gerakan Pangan Murah (GPM)': a programme or institution, not a news source
        core = acronym.group(1)
    core = core.strip().strip("()[]").strip()
    core = re.sub(r"\s*/\s*\w{1,5}$", "", core)  # 'ANTARA/ade'
    if not core or len(core) > 40:
        return None
    prof = profiles.wire(core)
    if prof is not None:
        return prof.name
    if _ACRONYM.match(core):
        return core
    if labelled and (_MEDIA_WORDS.search(core) or looks_like_domain(core)):
        return core
    return None


# --- inferred publication date ---------------------------------------------------------------

_WEEKDAY_DATE_RE = re.compile(
    rf"\b(?P<wd>{_WEEKDAY_RE})\s*[,(]\s*\(?\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})\s*/\s*(?P<y>\d{{4}}|\d{{2}})\s*\)?",
    re.IGNORECASE,
)
_CITE_CONTEXT_RE = re.compile(r"(dikutip|dilansir|melansir|mengutip|dilaporkan|diberitakan|reported|according)", re.IGNORECASE)


def infer_published(paragraphs: list[str]) -> str | None:
    """A bare publication date read off a date the body cites, when the page gives none.

    Prefers a weekday-marked full date in a citation ("dikutip dari Reuters,
    Selasa (20/4/2021)"), then the latest weekday-marked full date.  Dates the
    text marks as future (``akan``) are ignored.
    """
    cited: list[tuple[int, int, int]] = []
    plain: list[tuple[int, int, int]] = []
    for para in paragraphs:
        for m in _WEEKDAY_DATE_RE.finditer(para):
            try:
                y = int(m.group("y"))
                y = y + 2000 if y < 100 else y
                d = date(y, int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            if d.weekday() != _WEEKDAYS[m.group("wd").lower()]:
                continue  # a weekday that contradicts the date: do not trust it
            before = para[max(0, m.start() - 60): m.start()]
            if re.search(r"\b(akan|mendatang|nanti|rencananya|dijadwalkan)\b", before, re.IGNORECASE):
                continue
            (cited if _CITE_CONTEXT_RE.search(before) else plain).append((d.year, d.month, d.day))
    pick = cited[0] if cited else (max(plain) if plain else None)
    if pick is None:
        return None
    return f"{pick[0]:04d}-{pick[1]:02d}-{pick[2]:02d}"


def detect_language(text: str, packs: tuple[LanguagePack, ...] = _PACKS) -> str | None:
    """The pack whose function words cover most of the text (Indonesian vs English news)."""
    words = re.findall(r"[a-zA-Z]+", text[:5000].lower())
    if len(words) < 5:
        return None
    scores = {p.code: sum(w in p.stop_words for w in words) for p in packs}
    best = max(scores, key=lambda c: scores[c])
    return best if scores[best] >= max(2, 0.05 * len(words)) else None
