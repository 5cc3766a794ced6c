"""Tokens with character offsets (as the NER training data writes them) and the sentences over them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from kronik.lang.base import name_abbreviations

# --------------------------------------------------------------------------- tokens

_ABBREVIATIONS = "|".join(sorted(name_abbreviations(), key=len, reverse=True))  # every pack's; see lang.base
_TOKEN_RE = re.compile(
    r"""
      (?P<url>(?:https?://|www\.)[^\s"“”<>()]*[^\s"“”<>().,;:!?'’])
    | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    | (?P<web>\w+(?:[.-]\w+)*\.(?:com|co\.id|go\.id|or\.id|ac\.id|net|org|id|tv|news)(?![\w.]\w))
    | (?P<pdate>\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\))
    | (?P<pword>\([^\W\d_][\w&'’.-]{0,30}\)(?!\w))
    | (?P<initials>(?:[^\W\d_]\.){2,}|[A-Z]\.[A-Z][a-z]{1,3}\.?(?!\w))
    | (?P<abbr>(?<![\w.])(?i:"""
    + _ABBREVIATIONS
    + r""")\.(?=\s|$|,))
    | (?P<initial>(?<![\w.])[A-Z]\.(?=\s+[A-Z]))
    | (?P<num>\d+(?:[.,:/]\d+)*%?)
    | (?P<word>\w+(?:[-'’]\w+)*)
    | (?P<other>\S)
    """,
    re.VERBOSE,
)
_CHUNK_RE = re.compile(r"\S+")
_TRAILING = frozenset(",.;:!?")
_ABBREV_SET = name_abbreviations()
QUOTE_CHARS = frozenset({'"', "“", "”", "„", "‟", "«", "»", "'", "‘", "’", "`", "``", "''"})
_TERMINAL = frozenset({".", "!", "?", "…"})


class Token(NamedTuple):
    text: str
    start: int
    end: int
    kind: str = "word"


def tokenize(text: str) -> list[Token]:
    """Tokens of one paragraph with character offsets (``text[t.start:t.end] == t.text``)."""
    out: list[Token] = []
    match = _TOKEN_RE.match
    for chunk in _CHUNK_RE.finditer(text):
        c = chunk.group()
        if c.isalnum():  # the common case: a plain word or number
            out.append(Token(c, chunk.start(), chunk.end()))
            continue
        pos, end = chunk.start(), chunk.end()
        w = c[:-1]
        if len(w) > 1 and c[-1] in _TRAILING and w.isalpha() and w.isascii() \
                and not (c[-1] == "." and w.lower() in _ABBREV_SET):
            # the next most common case: a word with a comma or full stop (what the patterns below give it)
            out.append(Token(w, pos, end - 1))
            out.append(Token(c[-1], end - 1, end, "other"))
            continue
        while pos < end:
            m = match(text, pos)
            if m is None or m.end() > end:  # cannot happen (no pattern spans whitespace); be safe
                out.append(Token(text[pos], pos, pos + 1, "other"))
                pos += 1
                continue
            out.append(Token(m.group(), pos, m.end(), m.lastgroup or "other"))
            pos = m.end()
    return out


def sentences(toks: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences as token index ranges, from the character spans of the one splitter
    (``kronik.lang.sentences``): each token belongs to the sentence its first character is in."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    for k in range(len(spans)):
        j = i
        limit = spans[k + 1][0] if k + 1 < len(spans) else None
        while j < n and (limit is None or toks[j].start < limit):
            j += 1
        if j > i:
            out.append((i, j))
        i = j
    if i < n:
        out.append((i, n))
    return out
