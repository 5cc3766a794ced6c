"""The ``entities`` stage and ``find_entities``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kronik.annotate.entities.canonical import canonicalize
from kronik.annotate.entities.context import (
    apposed_names,
    attach_suffixes,
    head_runs,
    initials,
    listed_names,
    not_names,
    outlets,
    places_named_in_names,
    split_and_type,
    split_known,
)
from kronik.annotate.entities.lexicon import title_lexicon
from kronik.annotate.entities.mentions import _prepare, _tag_spans
from kronik.annotate.entities.roles import _clean, _roles
from kronik.lang.base import LANGUAGES
from kronik.model import Article, Entity
from kronik.pipeline import stage

if TYPE_CHECKING:
    from kronik.annotate.entities.lexicon import TitleLexicon
    from kronik.annotate.entities.mentions import Mention, _Para


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
    mentions = head_runs(paras, mentions, lex, lang)
    mentions = split_and_type(paras, mentions, lex, lang)
    mentions = initials(paras, mentions, lex, lang)
    mentions = outlets(paras, mentions)
    mentions = not_names(paras, mentions, lex, lang)
    mentions = listed_names(paras, mentions, lex)
    places_named_in_names(mentions, lex)
    apposed_names(paras, mentions, lex, lang)
    mentions = split_known(paras, mentions, lex, lang)
    mentions = attach_suffixes(paras, mentions, lex)
    _roles(paras, mentions, lex)
    canonicalize(mentions, lang)
    _nicknames(paras, mentions, lex)
    return [Entity(text=m.text, label=m.label, canonical=m.canonical, paragraph=m.para, start=m.start, end=m.end,
                   role=m.role) for m in mentions]


_NICKNAME_AFTER = re.compile(r"\s*\(\s*(?P<nick>[A-Z][\w'’.-]{1,24})\s*\)")


def _nicknames(paras: Sequence[_Para], mentions: list[Mention], lex: TitleLexicon) -> None:
    """'Zulkifli Hasan (Zulhas)': a one-word name in parentheses right after a person's name is that
    person's nickname, so the article's later 'Zulhas' mentions take the full name as their canonical;
    so is the word after a nickname cue ('yang akrab disapa Aco'), of the person named last before it."""
    nick: dict[str, str] = {}
    people = [m for m in mentions if m.label == "PER" and " " in m.canonical]
    for m in people:
        found = _NICKNAME_AFTER.match(paras[m.para].text, m.end)
        if found and found.group("nick") not in m.canonical.split():
            nick.setdefault(found.group("nick"), m.canonical)
    if lex.nickname_cues and people:
        for pi, para in enumerate(paras):
            low = para.text.lower()
            if not any(cue in low for cue in lex.nickname_cues):
                continue
            toks = para.tokens
            for i, t in enumerate(toks[:-1]):
                if t.text.lower() in lex.nickname_cues and toks[i + 1].text[:1].isupper():
                    before = [m for m in people if (m.para, m.start) < (pi, t.start)]
                    if before:
                        nick.setdefault(toks[i + 1].text, before[-1].canonical)
    for m in mentions:
        if m.label == "PER" and m.text in nick and m.canonical == m.text:
            m.canonical = nick[m.text]


@stage("entities", requires=["paragraphs", "language"], assigns=["entities"], version="v2")
def annotate_entities(article: Article) -> Article:
    """Fill ``article.entities`` from the body paragraphs."""
    article.entities = find_entities(article.paragraphs, article.language or "id")
    return article
