"""The quote annotator's working data: quote-mark spans, speaker mentions, discourse events, the document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kronik.annotate.names import ArticleNames
from kronik.model import Entity

if TYPE_CHECKING:
    from kronik.annotate.quotes.lexicon import _Lang


# --------------------------------------------------------------------------- data structures


@dataclass
class _Span:
    """One pair of quote marks (or an opening mark left open to the paragraph end)."""

    para: int
    open: int
    close: int | None
    text: str  # the content, as written
    accepted: bool = False
    reason: str = ""
    attr: _Mention | None = None  # explicit attribution
    attr_kind: str = ""  # after / before / post / chain / neighbour / topic
    speaker: str | None = None
    speaker_text: str | None = None
    chain_prev: _Span | None = None
    chain_next: _Span | None = None
    after_end: int = -1  # where the after-attribution ends (for continuation)

    @property
    def end(self) -> int:
        return self.close if self.close is not None else -1


@dataclass
class _Mention:
    """A speaker mention: where it is and what it is."""

    para: int
    start: int
    end: int
    text: str
    kind: str  # name / org / pronoun / anaphor / org-anaphor / role / anon
    name: str | None = None  # name part (person) or org text, as written
    alias_of: str | None = None


@dataclass
class _Event:
    """A sentence topic or a speaker, in document order, for pronoun resolution.

    A topic's canonical name is worked out only when a pronoun needs it (``lazy``).
    """

    para: int
    pos: int
    kind: str  # person / org / anon
    _canonical: str | None
    mention: _Mention | None = None
    lazy: _Doc | None = None
    topic: bool = False  # a sentence topic, not the speaker of a quote

    @property
    def canonical(self) -> str | None:
        if self.lazy is not None and self.mention is not None:
            from kronik.annotate.quotes.speakers import _resolve  # speakers builds events: import when first read

            self._canonical = _resolve(self.lazy, self.mention)[0]
            self.lazy = None
        return self._canonical


@dataclass
class _Doc:
    lang: _Lang
    paras: list[str]
    masked: list[str] = field(default_factory=list)
    sentences: list[list[tuple[int, int]]] = field(default_factory=list)
    sent_runs: list[list[list[list[tuple[int, int, str]]]]] = field(default_factory=list)
    spans: list[list[_Span]] = field(default_factory=list)
    names: list[tuple[int, int, tuple[str, ...], str, str]] = field(default_factory=list)  # para, pos, tokens, role context, class before
    acronyms: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    events: list[_Event] = field(default_factory=list)
    entities: dict[int, list[Entity]] = field(default_factory=dict)
    standalone: set[str] = field(default_factory=set)
    names_low: list[tuple[int, int, tuple[str, ...], tuple[str, ...]]] | None = None
    name_tokens: set[str] = field(default_factory=set)
    not_name_words: frozenset[str] | None = None  # words of the article's places and organisations (speakers.py)
    known: ArticleNames = field(default_factory=lambda: ArticleNames.from_entities((), "id"))
