"""The title lexicon the entity annotator reads (the alias table is the name resolver's: ``kronik.annotate.names``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kronik.annotate.names import _pack

if TYPE_CHECKING:
    from kronik.annotate.entities.tokens import Token


# --------------------------------------------------------------------------- language data

@dataclass(frozen=True)
class TitleLexicon:
    heads: frozenset[str]  # words that may open a role phrase
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # multi-word titles by first word ("perdana" -> "perdana menteri")
    inner: frozenset[str]  # lowercase words allowed inside a role phrase
    strip: frozenset[str]  # words stripped from the front of a person's name
    degrees: frozenset[str]
    stop: frozenset[str]
    org_words: frozenset[str]
    connectors: frozenset[str]
    modifiers: frozenset[str]
    place_words: frozenset[str] = frozenset()
    initial_markers: frozenset[str] = frozenset()
    platforms: frozenset[str] = frozenset()
    unit_heads: frozenset[str] = frozenset()
    org_suffixes: frozenset[str] = frozenset()
    nickname_cues: frozenset[str] = frozenset()
    product_brands: frozenset[str] = frozenset()
    generic_acronyms: frozenset[str] = frozenset()

    def title_before(self, toks: Sequence[Token], a: int) -> bool:
        """Does a title end right before token a ("Sekretaris Pers |", "Kepala Badan |")?"""
        k = a - 1
        while k >= 0 and _low(toks[k].text) in self.inner:
            if self.head_at(toks, k):
                return True
            k -= 1
        return False

    def head_at(self, toks: Sequence[Token], i: int) -> bool:
        """Does a title start at token i (a one-word title, or the whole of a multi-word one)?"""
        low = _low(toks[i].text)
        if low in self.heads:
            return True
        return any(tuple(_low(t.text) for t in toks[i:i + len(p)]) == p for p in self.phrases.get(low, ()))


@cache
def title_lexicon(lang: str) -> TitleLexicon:
    t = _pack(lang).names.titles
    phrase_words = {w for p in t.title_phrases for w in p.split()}
    phrases: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for p in t.title_phrases:
        phrases[p.split()[0]].append(tuple(p.split()))
    heads = t.titles | t.honorifics | t.ranks
    return TitleLexicon(
        heads=heads,
        phrases={k: tuple(v) for k, v in phrases.items()},
        inner=heads | t.role_words | frozenset(phrase_words),
        strip=heads,
        degrees=t.degrees,
        stop=t.role_stop,
        org_words=t.org_words,
        connectors=t.name_connectors,
        modifiers=t.role_modifiers,
        place_words=t.place_words,
        initial_markers=t.initial_markers,
        platforms=t.platforms,
        unit_heads=t.unit_heads,
        org_suffixes=t.org_suffixes,
        nickname_cues=t.nickname_cues,
        product_brands=t.product_brands,
        generic_acronyms=t.generic_acronyms,
    )


def _low(t: str) -> str:
    return t.lower().rstrip(".")
