"""What a language pack provides, and how packs are looked up by code.

Language knowledge (phrases, month and day names, citation cues) lives in the
packs as data; code elsewhere asks ``get_pack(code)`` and never branches on
the language itself.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import cache

from kronik.lang.words import NameWords, QuoteWords, TimeWords


@dataclass(frozen=True)
class BoilerplateRule:
    """One boilerplate pattern.

    ``kind`` says what a match means:
      - ``line``: the matching line is boilerplate;
      - ``lead-in``: the line is boilerplate and so is the next line when it is a
        bare headline (``Baca juga:`` alone, then the linked headline);
      - ``related``: the line opens a block of related headlines; body may resume after it;
      - ``comments``: the line opens the comment section; nothing after it is article text.
    """

    reason: str
    kind: str
    pattern: str

    def compile(self) -> re.Pattern[str]:
        return re.compile(self.pattern, re.IGNORECASE)


@dataclass(frozen=True)
class LanguagePack:
    code: str
    stop_words: frozenset[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    zones: dict[str, str] = field(default_factory=dict)
    boilerplate: tuple[BoilerplateRule, ...] = ()
    citation_cues: tuple[str, ...] = ()
    byline_labels: tuple[str, ...] = ()
    non_author_labels: tuple[str, ...] = ()
    time: TimeWords = field(kw_only=True)
    """Words for time expressions (``kronik.lang.<code>.time_words``), typed; every table stated."""
    abbreviations: frozenset[str] = field(kw_only=True)
    """Words written with a dot that do not end a sentence (lowercase, without the dot)."""
    name_abbreviations: frozenset[str] = field(kw_only=True)
    """The abbreviations written before, inside or after a name ("Prof.", "Jl.", "Tbk.", "Inc."): a token
    keeps their dot, and a name that ends in one is not cut at it (see :func:`name_abbreviations`)."""
    quote: QuoteWords = field(kw_only=True)
    """How the language attributes speech (``kronik.lang.<code>.quote_verbs``)."""
    names: NameWords = field(kw_only=True)
    """Titles, roles, honorifics, degrees and anaphors around names (``titles`` and ``speakers``)."""
    aliases: dict[str, tuple[str, tuple[str, ...]]] = field(kw_only=True)
    """canonical name -> (label, variants): spellings, exonyms, acronyms, nicknames (one table for the corpus)."""
    alias_exact_max_len: int = field(kw_only=True)
    """Aliases this short (letters, spaces out) or all capitals match case-sensitively ("AS" is not "as")."""
    alias_context: dict[str, tuple[str, ...]] = field(kw_only=True, default_factory=dict)
    """Alias forms read the table's way only in an article that also writes one of these words ("KL")."""
    ner: str = field(kw_only=True)
    """How entities are found: ``crf`` (the shipped tagger, trained on this language) or ``capitalised`` runs."""


LANGUAGES = ("id", "en")


@cache
def get_pack(code: str) -> LanguagePack:
    """The language pack for an ISO 639-1 code (``id``, ``en``)."""
    if code not in LANGUAGES:
        raise KeyError(f"no language pack for {code!r}; have {', '.join(LANGUAGES)}")
    module = importlib.import_module(f"kronik.lang.{code}")
    pack: LanguagePack = module.PACK
    return pack


def all_packs() -> tuple[LanguagePack, ...]:
    return tuple(get_pack(c) for c in LANGUAGES)


@cache
def name_abbreviations() -> frozenset[str]:
    """Every pack's name abbreviations: the tokenizer and quote mentions run before (and whatever) the
    article's language, and an Indonesian article writes "Inc." and "Mr." as an English one writes "Jl."."""
    return frozenset().union(*(p.name_abbreviations for p in all_packs()))


def pack_data(code: str, name: str) -> object:
    """A data module of a language pack by name (``pack_data("id", "quote_verbs")``).

    Annotators use this so that adding a language is adding a folder of data,
    never an ``if lang == ...`` branch.  Raises KeyError when the pack lacks it.
    """
    if code not in LANGUAGES:
        raise KeyError(f"no language pack for {code!r}")
    try:
        return importlib.import_module(f"kronik.lang.{code}.{name}")
    except ModuleNotFoundError as exc:
        raise KeyError(f"language pack {code!r} has no {name!r} data") from exc


@cache
def pack_words(code: str, module: str, name: str) -> tuple[str, ...]:
    """The word list ``name`` of a pack's data module (``pack_words("id", "wires", "INSTITUTION_PREFIXES")``);
    empty when the pack has no such module or list (a language without those words)."""
    try:
        return tuple(getattr(pack_data(code, module), name, ()))
    except KeyError:
        return ()
