"""Indonesian stemming for search: ``berdialog`` and ``dialog`` index as the same term.

We use PySastrawi (MIT licence, pure Python, installs from PyPI with no
download at run time): it implements the Nazief-Adriani / ECS confix-stripping
algorithm *with* its 30k-word root dictionary, so it only strips an affix when
a dictionary root remains (``berita`` stays ``berita``, ``mengatakan`` becomes
``kata``, ``perekonomian`` becomes ``ekonomi``).  A dictionary-less affix
stripper of our own overstemmed badly (``berita`` -> ``rita``) and re-writing
the recoding rules and the dictionary would have been a copy of it.

Sastrawi is slow per call (regex cascades), so every distinct word is stemmed
once and cached; news vocabulary is small, so the cache stays bounded in
practice (and is capped anyway).  The same function stems the indexed text and
the query, so matching is symmetric whatever the stemmer does to a word (an
English word it mangles is mangled the same way on both sides).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

WORD = re.compile(r"\w+", re.UNICODE)
"""What a search token is: the same split FTS5's unicode61 tokenizer makes (letters and digits)."""

_MIN_LEN = 4  # shorter words are never affixed forms worth stripping ("di", "ke", "yang" stay as they are)


@lru_cache(maxsize=1)
def _sastrawi() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory  # type: ignore[import-untyped]

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The stem of one lowercase word (digits and short words unchanged)."""
    if len(word) < _MIN_LEN or not word.isalpha():
        return word
    out = _sastrawi().stem(word)
    return out or word


def tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """(lowercased word, start, end) for every word of ``text``."""
    for m in WORD.finditer(text):
        yield m.group().lower(), m.start(), m.end()


def stem_text(text: str) -> str:
    """``text`` as space-separated stems (what the search index holds)."""
    return " ".join(stem_word(m.group().lower()) for m in WORD.finditer(text))


@lru_cache(maxsize=1)
def _roots() -> frozenset[str]:
    stemmer = getattr(_sastrawi(), "delegatedStemmer", _sastrawi())  # the cache wraps the dictionary stemmer
    dictionary = getattr(stemmer, "dictionary", None)
    return frozenset(getattr(dictionary, "words", ()) or ())


@lru_cache(maxsize=50_000)
def is_derived_word(word: str) -> bool:
    """An affixed form of a dictionary root ("tuntutan", "pemeriksaan", "capaian", "keduanya"): a common
    word, never a name.  Roots alone are not counted (many Indonesian given names are words: Budi, Wahyu)."""
    w = word.lower()
    if len(w) < _MIN_LEN + 2 or not w.isalpha():
        return False
    root = stem_word(w)
    return root != w and root in _roots()
