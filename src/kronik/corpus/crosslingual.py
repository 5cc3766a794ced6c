"""Language-neutral "pivot" term vectors: an Indonesian article's words carried into English.

Why: events compare words only within one language, and an Indonesian
rewrite of an English wire shares names and numbers with it but hardly a word
(its entities meet through the alias table, but an article with few names, or
a week of stories about the same country, needs the words too).  Each article
therefore also gets a pivot vector in one space for every language: English
word stems (Porter).  English words are stemmed as they are; an Indonesian
word is replaced by its English translations from the lexicon we build from
gKamus (:mod:`kronik.lang.lexicon`; looked up as written, then by its
Sastrawi stem), the first translation weighing most; a word the lexicon lacks
(a name, a number, a loanword such as "tsunami") is kept as it is, so names
and numbers match across languages too.  A language without a lexicon (and
not English) gets no pivot vector.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from kronik.corpus.features import token_hash

PIVOT = "en"
"""The language the pivot vectors are written in."""
TRANSLATIONS = 2
"""English words used per Indonesian word (best first): on NTREX dev, 2 gave the widest mean margin between
a document's own translation and the best other document (1: 0.351, 2: 0.385, 3: 0.361, 5: 0.253; measured
before names were kept untranslated)."""
_MARK = "\x02"  # pivot buckets never coincide with the same word's bucket as a plain term


@lru_cache(maxsize=1)
def _porter_stemmer():  # type: ignore[no-untyped-def]
    from nltk.stem.porter import PorterStemmer  # type: ignore[import-untyped]  # the algorithm only: no NLTK data is read

    return PorterStemmer()


@lru_cache(maxsize=200_000)
def _porter(word: str) -> str:
    return str(_porter_stemmer().stem(word)) if word.isalpha() else word


@lru_cache(maxsize=8)
def _stop(lang: str) -> frozenset[str]:
    from kronik.lang.base import LANGUAGES, get_pack

    return get_pack(lang).stop_words if lang in LANGUAGES else frozenset()


@lru_cache(maxsize=200_000)
def _translate(word: str, lang: str) -> tuple[tuple[str, float], ...]:
    """The pivot stems of one source word with weights summing to 1 (1/rank, normalised)."""
    from kronik.lang.lexicon import shipped_lexicon

    lex = shipped_lexicon(lang)
    hits = lex.get(word)
    if hits is None and word.isalpha() and len(word) > 4:
        from kronik.lang.id.stemmer import stem_word

        hits = lex.get(stem_word(word))
    if not hits:
        return ((_porter(word), 1.0),)
    stems: dict[str, float] = {}
    for rank, w in enumerate(hits[:TRANSLATIONS]):
        st = _porter(w)
        stems[st] = stems.get(st, 0.0) + 1.0 / (rank + 1)
    total = sum(stems.values())
    return tuple((k, v / total) for k, v in stems.items())


def has_pivot(lang: str | None) -> bool:
    """Whether articles in ``lang`` get a pivot vector (English, or a language with a shipped lexicon)."""
    if not lang:
        return False
    if lang == PIVOT:
        return True
    from kronik.lang.lexicon import shipped_lexicon

    return bool(shipped_lexicon(lang))


def _keep(tok: str, stop: frozenset[str]) -> bool:
    if tok in stop:
        return False
    return len(tok) >= 2 if tok.isdigit() else len(tok) > 2


_NAME = re.compile(r"(?<![.!?:\"“]\s)(?<!^)\b([A-Z][\w'-]*)")


@lru_cache(maxsize=8)
def _calendar(lang: str) -> frozenset[str]:
    from kronik.lang.base import LANGUAGES, get_pack

    if lang not in LANGUAGES:
        return frozenset()
    pack = get_pack(lang)
    return frozenset(w.lower() for w in (*pack.months, *pack.weekdays))


def name_words(paragraphs: Iterable[str], lang: str | None) -> frozenset[str]:
    """Lowercase words written capitalised inside a sentence: names, never translated ("Palu" is a city,
    not a hammer).  Titles are left out (headline case capitalises every word), and so are the pack's
    month and weekday names (capitalised, yet words: "Jumat" is Friday)."""
    out: set[str] = set()
    for p in paragraphs:
        for m in _NAME.finditer(p.strip()):
            out.update(t.lower() for t in re.findall(r"\w+", m.group(1)))
    return frozenset(out - _calendar(lang or ""))


def pivot_counts(toks: Iterable[str], lang: str | None, names: frozenset[str] = frozenset()) -> dict[str, float]:
    """Weighted pivot stems of lowercase word tokens (empty when the language has no pivot); ``names``
    (:func:`name_words`) are kept as they are."""
    if not has_pivot(lang):
        return {}
    assert lang is not None
    stop = _stop(lang)
    pivot_stop = _stop(PIVOT)
    out: dict[str, float] = defaultdict(float)
    for t, n in Counter(toks).items():  # each distinct word once
        if not _keep(t, stop):
            continue
        if lang == PIVOT or t in names:
            out[_porter(t)] += n
            continue
        for st, w in _translate(t, lang):
            if st not in pivot_stop:
                out[st] += w * n
    return dict(out)


def pivot_vector(toks: Sequence[str], lang: str | None, mask: int, limit: int,
                 names: frozenset[str] = frozenset()) -> tuple[np.ndarray, np.ndarray]:
    """Hashed pivot vector (sorted bucket indices, sublinear weights) of an article's word tokens."""
    counts = pivot_counts(toks, lang, names)
    if not counts:
        return np.zeros(0, np.int32), np.zeros(0, np.float32)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    buckets: dict[int, float] = {}
    for w, c in top:
        b = token_hash(_MARK + w) & mask
        buckets[b] = buckets.get(b, 0.0) + c
    idx = np.fromiter(buckets.keys(), np.int32, len(buckets))
    val = np.fromiter(buckets.values(), np.float32, len(buckets))
    order = np.argsort(idx)
    return idx[order], (1.0 + np.log1p(val[order])).astype(np.float32)
