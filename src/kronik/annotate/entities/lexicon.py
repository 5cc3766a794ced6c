"""The language data the entity annotator reads: the corpus alias table and the title lexicon."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from kronik.lang.base import LanguagePack, get_pack

if TYPE_CHECKING:
    from kronik.annotate.entities.tokens import Token


# --------------------------------------------------------------------------- language data

@lru_cache(maxsize=65536)
def _norm_key(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace(".", "").replace("-", " ").replace("’", "'")).strip().casefold()


@dataclass
class AliasIndex:
    """Surface form -> (canonical, label); short or all-caps forms only match case-sensitively."""

    exact: dict[str, tuple[str, str]] = field(default_factory=dict)
    folded: dict[str, tuple[str, str]] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)  # first word (folded) -> most words of a form it opens

    def add_first(self, form: str) -> None:
        words = _norm_key(form).split()
        if words and self.first.get(words[0], 0) < len(words):
            self.first[words[0]] = len(words)

    def max_words(self, word: str) -> int:
        """How many words a form starting with ``word`` can have (0: none starts with it)."""
        return self.first.get(_norm_key(word).split(" ")[0], 0) if word else 0

    def lookup(self, text: str) -> tuple[str, str] | None:
        bare = re.sub(r"\s+", " ", text.replace(".", "")).strip()
        hit = self.exact.get(bare)
        if hit:
            return hit
        return self.folded.get(_norm_key(text))


@cache
def alias_index(lang: str) -> AliasIndex:
    pack = _pack(lang)
    max_len = pack.alias_exact_max_len
    idx = AliasIndex()
    for canonical, (label, variants) in pack.aliases.items():
        for form in (canonical, *variants):
            bare = re.sub(r"\s+", " ", form.replace(".", "")).strip()
            compact = bare.replace(" ", "")
            if len(compact) <= max_len or compact.isupper():
                idx.exact.setdefault(bare, (canonical, label))
            else:
                idx.folded.setdefault(_norm_key(form), (canonical, label))
            idx.add_first(form)
    return idx


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
    )


def _pack(lang: str) -> LanguagePack:
    """The language's pack; Indonesian for a language without one (the tables are the corpus's)."""
    try:
        return get_pack(lang)
    except KeyError:
        return get_pack("id")


def _low(t: str) -> str:
    return t.lower().rstrip(".")
