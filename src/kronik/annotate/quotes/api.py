"""The ``quotes`` stage and ``extract_quotes``: the passes in their order."""

from __future__ import annotations

import re
from functools import cache

from kronik.annotate.names import ArticleNames
from kronik.annotate.quotes.attribution import _attribute
from kronik.annotate.quotes.classify import _classify
from kronik.annotate.quotes.lexicon import _lang
from kronik.annotate.quotes.model import _Doc
from kronik.annotate.quotes.names import _collect_names
from kronik.annotate.quotes.spans import _find_spans, _mask
from kronik.lang.base import LANGUAGES, pack_data
from kronik.model import Article, Entity, Quote
from kronik.pipeline import stage

# --------------------------------------------------------------------------- the stage


@stage("quotes", requires=["paragraphs", "language"], uses=["entities"], assigns=["quotes"], version="v2")
def annotate_quotes(article: Article) -> Article:
    """Fill ``article.quotes`` from its paragraphs (see the module docstring for the conventions)."""
    article.quotes = extract_quotes(article.paragraphs, article.language or "id", article.entities)
    return article


# Typewriter double quotes: two apostrophes (the NYT archive's ''...'') or backticks (``...''), read as one
# quote mark.  The reading copy keeps every offset: the pair becomes a space and a '"' (the mark on the side of
# the quoted words), so a quote's text is found at the same place in the paragraph as written.
_TYPEWRITER_OPEN = re.compile(r"(?:''|``)(?=[^\s'])")
_TYPEWRITER_CLOSE = re.compile(r"(?<=\S)''")


def _reading_copy(paragraph: str, code: str) -> str:
    text = paragraph
    if "''" in text or "``" in text:
        text = _TYPEWRITER_OPEN.sub(' "', _TYPEWRITER_CLOSE.sub('" ', text))
    bracket = _name_parenthetical(code)
    if bracket is not None and "(" in text:
        text = bracket.sub(lambda m: " " * len(m.group()), text)
    return text if text != paragraph else paragraph


@cache
def _name_parenthetical(code: str) -> re.Pattern[str] | None:
    """The pack's bracket after a name read as blank space (``speakers.NAME_PARENTHETICAL``), if it has one."""
    try:
        pattern = getattr(pack_data(code, "speakers"), "NAME_PARENTHETICAL", None)
    except KeyError:
        return None
    return re.compile(pattern) if pattern else None


def _as_written(text: str | None, reading: str, written: str) -> str | None:
    """``text`` found in the reading copy of a paragraph, as the paragraph writes it."""
    if not text or reading is written:
        return text
    i = reading.find(text)
    return written[i:i + len(text)] if i >= 0 else text


def extract_quotes(paragraphs: list[str], language: str = "id", entities: list[Entity] | None = None) -> list[Quote]:
    """The quotes of a list of body paragraphs (direct and indirect), in text order."""
    lang = _lang(language if language in LANGUAGES else "id")
    reading = [_reading_copy(p, lang.code) for p in paragraphs]
    doc = _Doc(lang=lang, paras=reading, known=ArticleNames.from_entities(entities or (), lang.code))
    for ent in entities or ():
        doc.entities.setdefault(ent.paragraph, []).append(ent)
    _find_spans(doc)
    _mask(doc)
    _collect_names(doc)
    _classify(doc)
    quotes = _attribute(doc)
    for q in quotes:
        r, w = reading[q.paragraph], paragraphs[q.paragraph]
        if r is not w:
            q.text = _as_written(q.text, r, w) or q.text
            q.speaker_text = _as_written(q.speaker_text, r, w)
    return quotes
