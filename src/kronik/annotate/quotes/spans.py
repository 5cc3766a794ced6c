"""Quote-mark spans, masking of quoted text, and sentences of the masked text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kronik.annotate.quotes.lexicon import _MARK, _NAME_TOKEN, _READ_ALSO_REACH, _SENT_END
from kronik.annotate.quotes.model import _Span
from kronik.annotate.quotes.names import _runs
from kronik.lang.sentences import sentence_spans

if TYPE_CHECKING:
    from kronik.annotate.quotes.model import _Doc


# --------------------------------------------------------------------------- spans and masking


def _find_spans(doc: _Doc) -> None:
    for pi, p in enumerate(doc.paras):
        spans: list[_Span] = []
        open_at: int | None = None
        for m in _MARK.finditer(p):
            i = m.start()
            if open_at is None:
                open_at = i
            else:
                spans.append(_Span(pi, open_at, i, p[open_at + 1:i]))
                open_at = None
        if open_at is not None:
            spans.append(_Span(pi, open_at, None, p[open_at + 1:]))
        doc.spans.append(spans)
    # Multi-paragraph chains: an unclosed last span continued by a paragraph that opens with a mark.
    for pi in range(len(doc.paras) - 1):
        spans = doc.spans[pi]
        nxt = doc.spans[pi + 1]
        if spans and spans[-1].close is None and nxt and nxt[0].open == 0:
            spans[-1].chain_next = nxt[0]
            nxt[0].chain_prev = spans[-1]


def _is_nickname(p: str, sp: _Span) -> bool:
    """Rizky "Kancil" Pratama: a short capitalised span between two capitalised words."""
    if sp.close is None:
        return False
    words = sp.text.split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
        return False
    before = p[:sp.open].rstrip()
    after = p[sp.close + 1:].lstrip()
    prev = _NAME_TOKEN.findall(before[-30:])
    return bool(prev) and prev[-1][:1].isupper() and before.endswith(prev[-1]) and after[:1].isupper() and \
        p[sp.open - 1:sp.open].isspace() and p[sp.close + 1:sp.close + 2].isspace()


_NOT_SPACE = re.compile(r"\S")


def _mask(doc: _Doc) -> None:
    """Body text with quoted content blanked, so names and sentences are read outside quotes.

    Quoted content becomes '_' (a final . ! ? is kept so sentence ends survive); a
    nickname inside a name disappears entirely so "Rizky "Kancil" Pratama" reads as one name;
    an inline "Baca juga:" teaser is blanked up to the end of its headline.
    """
    lang = doc.lang
    for pi, p in enumerate(doc.paras):
        pieces: list[str] = []
        at = 0
        for sp in doc.spans[pi]:
            end = sp.close if sp.close is not None else len(p)
            if _is_nickname(p, sp):
                pieces.append(p[at:sp.open])
                pieces.append(" " * (end + 1 - sp.open))
                at = end + 1
                sp.reason = "nickname"
                continue
            keep = p[end - 1:end] in ".!?"
            inner_end = end - 1 if keep else end
            pieces.append(p[at:sp.open + 1])
            pieces.append(_NOT_SPACE.sub("_", p[sp.open + 1:inner_end]))
            at = inner_end
        pieces.append(p[at:])
        masked = "".join(pieces)
        if lang.read_also.search(masked):
            for m in list(lang.read_also.finditer(masked)):
                stop = _teaser_end(masked, m.end(), doc.spans[pi])
                masked = masked[:m.start()] + " " * (stop - m.start()) + masked[stop:]
                for sp in doc.spans[pi]:
                    if m.start() <= sp.open < stop:
                        sp.reason = sp.reason or "read-also"
        doc.masked.append(masked)
        sents = _split_sentences(masked, lang.code)
        doc.sentences.append(sents)
        buckets: list[list[list[tuple[int, int, str]]]] = [[] for _ in sents]
        si = 0
        for run in _runs(lang, masked):
            while si < len(sents) - 1 and run[0][0] >= sents[si][1]:
                si += 1
            buckets[si].append(run)
        doc.sent_runs.append(buckets)


def _teaser_end(masked: str, start: int, spans: list[_Span]) -> int:
    """End of an inline related-story teaser: its quoted headline, or the next sentence end."""
    for sp in spans:
        if start <= sp.open <= start + _READ_ALSO_REACH:
            return (sp.close + 1) if sp.close is not None else len(masked)
    m = _SENT_END.search(masked, start)
    return m.start() + 1 if m else len(masked)


def _split_sentences(masked: str, lang: str) -> list[tuple[int, int]]:
    """Sentences of the masked text by the one splitter (``kronik.lang.sentences``), as contiguous spans
    (each runs to the next one's start) so every position of the paragraph is in one sentence."""
    spans = sentence_spans(masked, lang)
    if not spans:
        return [(0, len(masked))] if masked else []
    starts = [0, *(s for s, _e in spans[1:])]
    return list(zip(starts, [*starts[1:], len(masked)], strict=True))


def _sentence_of(doc: _Doc, pi: int, pos: int) -> tuple[int, int]:
    for s, e in doc.sentences[pi]:
        if s <= pos < e:
            return s, e
    return (0, len(doc.paras[pi]))
