"""Outlet and wire profiles (a data file), and turning a spelling into a display name.

Profiles are hints: the display name of a known outlet ("KOMPAS.com" ->
"Kompas.com"), its domains and the UTC offset of its unzoned times.  For an
outlet we have never seen we still produce a display name, but only from a
spelling the page itself shows; we never invent one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

import tldextract

_DOMAIN_RE = re.compile(r"^[\w-]+(\.[a-z]{2,6}){1,2}$", re.IGNORECASE)


@dataclass(frozen=True)
class Profile:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    zone: str | None
    wire: bool


class Profiles:
    """Outlet and wire profiles with a case-insensitive index of every spelling."""

    def __init__(self, outlets: tuple[Profile, ...], wires: tuple[Profile, ...]) -> None:
        self.outlets = outlets
        self.wires = wires
        self._index: dict[str, Profile] = {}
        self._outlet_ids = {id(p) for p in outlets}
        for prof in wires + outlets:  # outlets win over wires of the same spelling
            for alias in (prof.name, *prof.aliases, *prof.domains):
                self._index[alias.lower()] = prof

    def outlet(self, spelling: str) -> Profile | None:
        prof = self._index.get(spelling.strip().lower())
        return prof if prof is not None and id(prof) in self._outlet_ids else None

    def wire(self, spelling: str) -> Profile | None:
        """Any known wire or outlet (outlets are cited as sources too)."""
        return self._index.get(spelling.strip().lower())

    def by_domain(self, host: str) -> Profile | None:
        """The outlet whose domain is the host or a parent of it; the longest domain wins.

        So a profile may claim one subdomain of a network (``koran.example.co.id``) while
        another claims the rest (``example.co.id``).
        """
        host = host.lower().rstrip(".").removeprefix("www.")
        best: tuple[int, Profile] | None = None
        for prof in self.outlets:
            for dom in prof.domains:
                if (host == dom or host.endswith("." + dom)) and (best is None or len(dom) > best[0]):
                    best = (len(dom), prof)
        return best[1] if best else None


def _profile(raw: dict[str, object], wire: bool) -> Profile:
    return Profile(
        name=str(raw["name"]),
        aliases=tuple(str(a) for a in raw.get("aliases", []) or []),  # type: ignore[union-attr]
        domains=tuple(str(d) for d in raw.get("domains", []) or []),  # type: ignore[union-attr]
        zone=str(raw["zone"]) if raw.get("zone") else None,
        wire=wire or bool(raw.get("wire")),
    )


@lru_cache(maxsize=8)
def load_profiles(extra: str | None = None) -> Profiles:
    """The bundled profiles, plus those of an optional user file (same layout)."""
    data = json.loads(resources.files("kronik.data").joinpath("outlets.json").read_text("utf-8"))
    outlets = [_profile(o, False) for o in data["outlets"]]
    wires = [_profile(w, True) for w in data["wires"]]
    if extra:
        user = json.loads(Path(extra).read_text("utf-8"))
        outlets = [_profile(o, False) for o in user.get("outlets", [])] + outlets
        wires = [_profile(w, True) for w in user.get("wires", [])] + wires
    return Profiles(tuple(outlets), tuple(wires))


def display_outlet(spelling: str, profiles: Profiles, page_text: str = "") -> str:
    """Display name for an outlet spelling seen on a page.

    Known outlets get their profile name.  Otherwise, if the page also shows the
    name in mixed case ("WARTANUSANTARA.COM" in the dateline, "WartaNusantara.com"
    in the footer), that spelling wins; failing that an all-caps name is
    capitalised ("KABARSENJA.CO" -> "Kabarsenja.co").
    """
    spelling = spelling.strip().strip(",.-–— ")
    prof = profiles.outlet(spelling)
    if prof is not None:
        return prof.name
    if page_text and (spelling.isupper() or _upper_name(spelling)):
        pattern = re.compile(r"(?<![\w.])" + re.escape(spelling) + r"(?![\w])", re.IGNORECASE)
        for m in pattern.finditer(page_text):
            seen = m.group(0)
            if not seen.isupper() and not _upper_name(seen) and seen[0].isupper():
                return seen
    if spelling.isupper() or _upper_name(spelling):
        head, dot, tail = spelling.partition(".")
        if not dot:
            return " ".join(w.capitalize() for w in spelling.split())
        return head.capitalize() + dot + tail.lower()
    return spelling


_TLD = re.compile(r"\.(?:co\.id|or\.id|ac\.id|com|co|id|net|org|news|info|tv)$", re.IGNORECASE)
_DOMAINISH = re.compile(r"(?<![\w@/.])[A-Za-z][\w-]*(?:\.[A-Za-z]{2,6}){1,2}(?![\w/])")
_CAP_RUN = re.compile(r"(?:[A-Z][\w]*)(?:[ \t]+[A-Z][\w]*)*")


def outlet_key(name: str) -> str:
    """Spellings of one outlet share a key: 'KABARSENJA.CO', 'Kabar Senja' -> 'kabarsenja'."""
    return re.sub(r"[^0-9a-z]", "", _TLD.sub("", name.strip().rstrip(".").lower()))


def page_spellings(page_text: str, key: str) -> dict[str, int]:
    """How often each spelling of the outlet ``key`` occurs in the page (domains and capitalised names).

    One regex over the page: the key's letters with an optional space between
    them and an optional domain suffix ("Kabar Senja", "KABARSENJA.CO", "kabarsenja.co").
    """
    seen: dict[str, int] = {}
    if not key:
        return seen
    pattern = re.compile(r"(?<![\w./@-])" + r"[ \t]?".join(map(re.escape, key)) + r"(?:\.[A-Za-z]{2,6}){0,2}(?!\w)",
                         re.IGNORECASE)
    for m in pattern.finditer(page_text):
        tok = m.group(0).rstrip(".")
        if page_text[max(0, m.start() - 3):m.start()] in ("PT ", "CV "):
            continue  # "PT Warta Nusantara Digital" is the company, not the masthead
        if "." not in tok and page_text[m.end():m.end() + 1] == "." and page_text[m.end() + 1:m.end() + 2].isalpha():
            continue
        seen[tok] = seen.get(tok, 0) + 1
    return seen


def resolve_outlet(spellings: list[str], profiles: Profiles, page_text: str = "") -> str | None:
    """The outlet's display name from the spellings the page gives as its own name.

    ``spellings`` are the strong evidence (date-line prefix, dateline, copyright
    line, syndication notice), in order of trust.  The most attested outlet wins;
    its display name is the profile's, else the spelling the page itself uses
    most often in mixed case (a masthead "Kabar Senja" beats a dateline
    "KABARSENJA.CO"), else a capitalised form of the capitals.
    """
    votes: dict[str, int] = {}
    first: dict[str, str] = {}
    for sp in spellings:
        sp = sp.strip().strip(",.-–—| ")
        if not sp:
            continue
        prof = profiles.outlet(sp)
        if prof is not None:
            return prof.name
        key = outlet_key(sp)
        if len(key) < 3:
            continue
        votes[key] = votes.get(key, 0) + 1
        first.setdefault(key, sp)
    if not votes:
        return None
    key = max(votes, key=lambda k: votes[k])
    variants = page_spellings(page_text, key) if page_text else {}
    for v in variants:
        prof = profiles.outlet(v)
        if prof is not None:
            return prof.name
    mixed = {v: c for v, c in variants.items() if not v.isupper() and not _upper_name(v) and v[:1].isupper()}
    if mixed:
        return max(mixed, key=lambda v: (mixed[v], " " in v, sum(ch.isupper() for ch in v) > 1))
    spaced_caps = [v for v in variants if " " in v and v.isupper()]
    if spaced_caps:  # a masthead in capitals, "LINTAS KHATULISTIWA": its words are the name
        return " ".join(w.capitalize() for w in spaced_caps[0].split())
    return display_outlet(first[key], profiles, page_text)


def url_host(url: str | None) -> str | None:
    """The host of a web URL, lower-case, or None (no URL, not http(s), unparseable)."""
    if not url:
        return None
    try:
        parts = urlparse(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", "") or "." not in host:
        return None
    return host.lower().rstrip(".")


@lru_cache(maxsize=1)
def _tld_extract() -> tldextract.TLDExtract:
    # The public suffix list bundled with tldextract: nothing is fetched or cached on disk at run time.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registered_domain(host: str) -> str | None:
    """``regional.kompas.com`` -> ``kompas.com``; ``berita.kabarsenja.co.id`` -> ``kabarsenja.co.id``.

    None for an IP address or a host with no public suffix (``localhost``).
    """
    ext = _tld_extract()(host)
    if not ext.domain or not ext.suffix:
        return None
    return f"{ext.domain}.{ext.suffix}"


def domain_display_name(host: str) -> str | None:
    """A readable outlet name for a domain we have no profile for: its registered domain, capitalised.

    ``kabarsenja.co.id`` -> ``Kabarsenja.co.id``.  Documented, predictable and never a word of the
    body; a profile (or the user's ``--outlets`` file) gives a better name.
    """
    reg = registered_domain(host)
    return reg[:1].upper() + reg[1:] if reg else None


def outlet_from_url(url: str | None, profiles: Profiles, *, unknown: bool = True) -> str | None:
    """The outlet a URL belongs to, by its host: a profile's display name (subdomains and networks included).

    A URL is what the page or the export says about where the article was published, so it is
    stronger evidence than any spelling in the text.  For a domain no profile knows, ``unknown``
    gives a readable name made from the registered domain (``domain_display_name``); callers
    that have better evidence for unknown sites (a page's ``og:site_name``) pass ``unknown=False``
    and fall back to ``domain_display_name`` themselves.
    """
    host = url_host(url)
    if not host:
        return None
    prof = profiles.by_domain(host)
    if prof is not None:
        return prof.name
    return domain_display_name(host) if unknown else None


def site_spellings(profile: Profile | None, *names: str | None) -> set[str]:
    """Every spelling of a site's own name: a profile's name, aliases and domains, plus given names."""
    out = {n for n in names if n}
    if profile is not None:
        out.update((profile.name, *profile.aliases, *profile.domains))
    return out


def _upper_name(spelling: str) -> bool:
    """'KOMPAS.com': the name part is capitals, the domain suffix is not."""
    head, dot, _ = spelling.partition(".")
    return bool(dot) and head.isupper() and len(head) > 1


def looks_like_domain(token: str) -> bool:
    return bool(_DOMAIN_RE.match(token))
