"""The ``entities`` stage and ``find_entities``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kronik.annotate.entities.canonical import canonicalize
from kronik.annotate.entities.lexicon import title_lexicon
from kronik.annotate.entities.mentions import _prepare, _tag_spans
from kronik.annotate.entities.roles import _clean, _roles
from kronik.lang.base import LANGUAGES
from kronik.model import Article, Entity
from kronik.pipeline import stage

if TYPE_CHECKING:
    from kronik.annotate.entities.mentions import Mention


# --------------------------------------------------------------------------- the stage

def find_entities(paragraphs: Sequence[str], language: str = "id") -> list[Entity]:
    """Entities of an article's body paragraphs (see the module docstring)."""
    lang = language or "id"
    if lang not in LANGUAGES:
        return []
    lex = title_lexicon(lang)
    paras = [_prepare(p, lang) for p in paragraphs]
    mentions: list[Mention] = []
    for pi, para in enumerate(paras):
        if not para.tokens:
            continue
        found = _clean(para, pi, _tag_spans(para, lang), lex, lang)
        base = len(mentions)
        for m in found:
            if m.acronym_of is not None:
                m.acronym_of += base
        mentions.extend(found)
    _roles(paras, mentions, lex)
    canonicalize(mentions, lang)
    return [Entity(text=m.text, label=m.label, canonical=m.canonical, paragraph=m.para, start=m.start, end=m.end,
                   role=m.role) for m in mentions]


@stage("entities", requires=["paragraphs", "language"], assigns=["entities"])
def annotate_entities(article: Article) -> Article:
    """Fill ``article.entities`` from the body paragraphs."""
    article.entities = find_entities(article.paragraphs, article.language or "id")
    return article
