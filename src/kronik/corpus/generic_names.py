"""Which names are generic for a story: public bodies and the people who speak for them.

A story is one case, policy or dispute, and what carries it from one event to
the next are names specific to it: the person charged, the place, the
programme.  A ministry, an agency or the police, and its minister or
spokesperson, appear in every case the body handles, so sharing only them is
no evidence of the same case (a day's news on the anti-graft agency is many
cases, a minister's day many policies).  The words that mark both come from
the language packs (``lang/<code>/institutions.py``); a language without them
has no generic names here, and its stories are linked as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from kronik.lang.base import pack_words

_WORD = re.compile(r"\w+")


@cache
def _words(lang: str, name: str) -> frozenset[str]:
    return frozenset(pack_words(lang, "institutions", name))


def is_public_body(name: str, langs: Iterable[str | None]) -> bool:
    """True when ``name`` (canonical) is the name of a public body in one of ``langs`` (its first word)."""
    first = _WORD.match(name.lower())
    if first is None:
        return False
    return any(first.group() in _words(lang, "PUBLIC_BODY_HEADS") for lang in langs if lang)


def in_office(role: str | None, lang: str | None) -> bool:
    """True when a person's ``role`` ("Menteri Sosial", "Jubir KPK") is an office that speaks for a public
    body, held now (not "mantan Menteri")."""
    if not role or not lang:
        return False
    words = _WORD.findall(role.lower())
    if not words or words[0] in _words(lang, "NOT_IN_OFFICE"):
        return False
    if any(w in _words(lang, "OFFICE_WORDS") for w in words):
        return True
    text = f" {' '.join(words)} "
    return any(f" {p} " in text for p in pack_words(lang, "institutions", "OFFICE_PHRASES"))
