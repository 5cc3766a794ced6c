"""The sentence splitter: Indonesian and English news paragraphs, with character offsets.

One splitter for every reader of sentences (summaries, quotes); the words it
needs (abbreviations) are the language pack's.

A boundary is sentence-final punctuation (``.``, ``!``, ``?``, ``…``) with any
closing quotes or brackets glued to it, followed by white space and then a
capital, a digit or an opening quote.  It is refused after an abbreviation of
the language ("Prof. Dr. H. Ahmad", "Mr. Smith", "Jan. 3"), after a single
capital (an initial), inside a dotted acronym ("U.S. officials") and inside a
number ("Rp 1.500").  Quotes stay with the sentence they close:
``"Kami siap." Dia lalu pergi.`` gives ``"Kami siap."`` and ``Dia lalu pergi.``;
a lowercase continuation (``"Siap?" tanya dia.``) is never split off, and a
quotation is not split inside when it closes later in the paragraph
(``"Kami siap. Semua sudah final," kata dia.`` is one sentence), so a quoted
remark always keeps its speaker.

Abbreviations come from the language pack (``LanguagePack.abbreviations``,
``kronik/lang/<code>/abbreviations.py``); a language without a pack has none.

Text whose quoted content is masked with ``_`` (the quote annotator reads
sentences outside quotes that way) splits the same: a masked quotation opening
a sentence starts it as its capital would.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from kronik.lang.base import LANGUAGES, get_pack

# abbreviations that often close a sentence ("... dan lain-lain dll. Setelah itu")
_MAY_END = frozenset("dll dsb dst dkk etc inc ltd co corp tbk".split())

_QUOTE_CHARS = re.compile(r'["“”]')
_CANDIDATE = re.compile(r"(?:[.!?…]+|\.{3})[\"”’'»)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+(?=[\"“‘'«(\[]?[A-Z0-9À-ÖØ-Þ_])")  # "_": a capital masked by the quote annotator
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")


@cache
def _abbreviations(lang: str) -> frozenset[str]:
    return get_pack(lang).abbreviations if lang in LANGUAGES else frozenset()


def _is_abbreviation(word: str, abbrevs: frozenset[str]) -> bool:
    w = word.lower().rstrip(".")
    if not w:
        return False
    if w in abbrevs:
        return True
    if len(w) == 1 and w.isalpha() and word[0].isupper():
        return True  # an initial: "J. Smith", "H. Agus"
    # dotted acronyms and abbreviations: "U.S", "a.n", "S.H"
    return "." in w and all(len(p) <= 2 for p in w.split("."))


def sentence_spans(text: str, lang: str = "id") -> list[tuple[int, int]]:
    """``(start, end)`` character spans of the sentences of one paragraph (white space trimmed)."""
    abbrevs = _abbreviations(lang)
    cuts: list[int] = []
    straight: list[int] = []
    opening: list[int] = []
    closing: list[int] = []
    if '"' in text or "“" in text:
        for q in _QUOTE_CHARS.finditer(text):
            (straight if q.group() == '"' else opening if q.group() == "“" else closing).append(q.start())
    for m in _CANDIDATE.finditer(text):
        nxt = _NEXT_START.match(text, m.end())
        if not nxt:
            continue
        p = m.end()
        # inside a quotation that closes later in the paragraph: the quote stays one unit with its attribution
        n_straight = bisect_left(straight, p)
        if n_straight % 2 == 1 and n_straight < len(straight):
            continue
        n_open, n_close = bisect_left(opening, p), bisect_left(closing, p)
        if n_open > n_close and n_close < len(closing):
            continue
        punct = m.group()
        if punct[0] == "." and not any(c in punct for c in "!?"):
            wm = _WORD_BEFORE.search(text, max(0, m.start() - 80), m.start())  # a window: a search from 0 is quadratic
            word = wm.group(1) if wm else ""
            if word and word[-1:].isdigit() and text[m.end():m.end() + 2].strip()[:1].isdigit():
                continue  # "pukul 10. 30" and similar number breaks
            if word and _is_abbreviation(word, abbrevs) and word.lower().rstrip(".") not in _MAY_END:
                continue
        cuts.append(m.end())
    spans: list[tuple[int, int]] = []
    start = 0
    for c in [*cuts, len(text)]:
        seg = text[start:c]
        lead = len(seg) - len(seg.lstrip())
        s, e = start + lead, start + len(seg.rstrip())
        if e > s:
            spans.append((s, e))
        start = c
    return spans


def split_sentences(text: str, lang: str = "id") -> list[str]:
    """The sentences of one paragraph."""
    return [text[s:e] for s, e in sentence_spans(text, lang)]
