"""The ``quotes`` stage and ``extract_quotes``: the passes in their order."""

from __future__ import annotations

from kronik.annotate.names import ArticleNames
from kronik.annotate.quotes.attribution import _attribute
from kronik.annotate.quotes.classify import _classify
from kronik.annotate.quotes.lexicon import _lang
from kronik.annotate.quotes.model import _Doc
from kronik.annotate.quotes.names import _collect_names
from kronik.annotate.quotes.spans import _find_spans, _mask
from kronik.lang.base import LANGUAGES
from kronik.model import Article, Entity, Quote
from kronik.pipeline import stage

# --------------------------------------------------------------------------- the stage


@stage("quotes", requires=["paragraphs", "language"], uses=["entities"], assigns=["quotes"])
def annotate_quotes(article: Article) -> Article:
    """Fill ``article.quotes`` from its paragraphs (see the module docstring for the conventions)."""
    article.quotes = extract_quotes(article.paragraphs, article.language or "id", article.entities)
    return article


def extract_quotes(paragraphs: list[str], language: str = "id", entities: list[Entity] | None = None) -> list[Quote]:
    """The quotes of a list of body paragraphs (direct and indirect), in text order."""
    lang = _lang(language if language in LANGUAGES else "id")
    doc = _Doc(lang=lang, paras=list(paragraphs), known=ArticleNames.from_entities(entities or (), lang.code))
    for ent in entities or ():
        doc.entities.setdefault(ent.paragraph, []).append(ent)
    _find_spans(doc)
    _mask(doc)
    _collect_names(doc)
    _classify(doc)
    quotes = _attribute(doc)
    return quotes
