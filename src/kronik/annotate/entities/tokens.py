"""Tokens with character offsets and sentences over them, as the NER training data writes them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

# --------------------------------------------------------------------------- tokens

_ABBREVIATIONS = (
    "dr|drs|dra|drg|prof|ir|hj|h|kh|st|jl|jln|no|tbk|inc|co|corp|ltd|sdr|sdri|ny|tn|kab|kec|kel|prov|bpk|yth|"
    "dkk|dll|dsb|mr|mrs|ms|jr|sr|vs|gen|col|capt|lt|sgt|rev|sen|gov|rep|dept|univ|pol|purn|hlm|tel|telp"
)
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
        while pos < end:
            m = match(text, pos)
            if m is None or m.end() > end:  # cannot happen (no pattern spans whitespace); be safe
                out.append(Token(text[pos], pos, pos + 1, "other"))
                pos += 1
                continue
            out.append(Token(m.group(), pos, m.end(), m.lastgroup or "other"))
            pos = m.end()
    return out


def sentences(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(start, end) index ranges of sentences over ``tokens`` (quote marks already removed)."""
    out = []
    start = 0
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.text in _TERMINAL and i + 1 < n:
            nxt = tokens[i + 1].text
            if not nxt[:1].islower():
                out.append((start, i + 1))
                start = i + 1
    if start < n:
        out.append((start, n))
    return out
