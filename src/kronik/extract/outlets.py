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
        host = host.lower().removeprefix("www.")
        for prof in self.outlets:
            for dom in prof.domains:
                if host == dom or host.endswith("." + dom):
                    return prof
        return None


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
        return head.capitalize() + dot + tail.lower()
    return spelling


def _upper_name(spelling: str) -> bool:
    """'KOMPAS.com': the name part is capitals, the domain suffix is not."""
    head, dot, _ = spelling.partition(".")
    return bool(dot) and head.isupper() and len(head) > 1


def looks_like_domain(token: str) -> bool:
    return bool(_DOMAIN_RE.match(token))
