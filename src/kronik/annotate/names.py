"""One name resolver: what a name written in an article stands for.

The entity annotator settles each person and organisation of an article on one
canonical name (``kronik.annotate.entities.canonical``); the quote annotator
finds speakers, often where the tagger found nothing ("kata Boni", a nickname,
a role).  Both ask this module, so a speaker and the same person as an entity
get the same name:

* **short forms** — a one-word name is the full name it is a word of; among
  several, the one it ends ("Biden" -> "Joe Biden") wins, then the latest
  mentioned before it (:func:`pick_full_name`, the rule entity clusters use);
  a speaker's name is the fullest name found in the article containing it,
  'Boni' for 'Bonifasius Lubis' included (:func:`fullest_name`);
* **the article's entities** — a name the entities stage saw (as written or as
  a canonical) resolves to that entity's canonical (:class:`ArticleNames`);
* **the corpus alias table** — spellings, nicknames and acronyms
  (``LanguagePack.aliases``: "Jokowi" -> "Joko Widodo").

Titles and roles are stripped before a name gets here (``TitleLexicon`` for
entities, the pack's ``names.speakers`` words for speakers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TypeVar

from kronik.lang.base import LANGUAGES, LanguagePack, get_pack
from kronik.model import Entity

T = TypeVar("T")


def _pack(lang: str) -> LanguagePack:
    """The language's pack; Indonesian for a language without one (the tables are the corpus's)."""
    return get_pack(lang if lang in LANGUAGES else "id")


@lru_cache(maxsize=65536)
def _norm_key(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace(".", "").replace("-", " ").replace("’", "'")).strip().casefold()


@dataclass
class AliasIndex:
    """Surface form -> (canonical, label); short or all-caps forms only match case-sensitively."""

    exact: dict[str, tuple[str, str]] = field(default_factory=dict)
    folded: dict[str, tuple[str, str]] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)  # first word (folded) -> most words of a form it opens

    def add_first(self, form: str) -> None:
        words = _norm_key(form).split()
        if words and self.first.get(words[0], 0) < len(words):
            self.first[words[0]] = len(words)

    def max_words(self, word: str) -> int:
        """How many words a form starting with ``word`` can have (0: none starts with it)."""
        return self.first.get(_norm_key(word).split(" ")[0], 0) if word else 0

    def lookup(self, text: str) -> tuple[str, str] | None:
        bare = re.sub(r"\s+", " ", text.replace(".", "")).strip()
        hit = self.exact.get(bare)
        if hit:
            return hit
        return self.folded.get(_norm_key(text))


@cache
def alias_index(lang: str) -> AliasIndex:
    pack = _pack(lang)
    max_len = pack.alias_exact_max_len
    idx = AliasIndex()
    for canonical, (label, variants) in pack.aliases.items():
        for form in (canonical, *variants):
            bare = re.sub(r"\s+", " ", form.replace(".", "")).strip()
            compact = bare.replace(" ", "")
            if len(compact) <= max_len or compact.isupper():
                idx.exact.setdefault(bare, (canonical, label))
            else:
                idx.folded.setdefault(_norm_key(form), (canonical, label))
            idx.add_first(form)
    return idx


def name_words(name: str) -> list[str]:
    """The words of a name as compared: lowercase, accents and dots folded."""
    return _norm_key(name).split()


def pick_full_name(word: Sequence[str], found: Sequence[T], words_of: Sequence[Sequence[str]],
                   seen: Sequence[Sequence[int]], at: int) -> T:
    """Which of several full names a short form stands for.

    ``found`` are the candidates (each with its words and the positions it was seen at); a last-name match
    wins ("Biden" is "Joe Biden", not "Biden Jr Smith"), then the candidate mentioned latest before ``at``.
    """
    idx = list(range(len(found)))
    last = [k for k in idx if list(words_of[k][-len(word):]) == list(word)]
    idx = last or idx
    earlier = [(max(j for j in seen[k] if j < at), k) for k in idx if min(seen[k]) < at]
    if earlier:
        return found[max(earlier)[1]]
    return found[idx[0]]


def fullest_name(tokens: tuple[str, ...], index: Sequence[tuple[int, int, tuple[str, ...], tuple[str, ...]]],
                 at: tuple[int, int], name_prefixes: frozenset[str]) -> str:
    """The fullest name of ``index`` (paragraph, position, tokens, lowercase tokens) containing ``tokens``.

    The most recent one before ``at``, else the first after; a one-word short form also matches a name with a
    word it begins or (from four letters) ends ('Boni' for 'Bonifasius Lubis', 'Wati' for 'Rahmawati
    Ibrahim'); a place left in front of a registered name is dropped ('Karangsari Heru Prasetyo').
    """
    pi, pos = at
    low = tuple(t.lower() for t in tokens)
    if len(low) >= 3:
        # 'Karangsari Heru Prasetyo' (a place left in front) -> the registered 'Heru Prasetyo'.
        for _npi, _npos, toks, tl in index:
            if 2 <= len(tl) < len(low) and low[-len(tl):] == tl and low[0] not in name_prefixes:
                low, tokens = tl, toks
                break
    n = len(low)
    best_before: tuple[str, ...] | None = None
    best_after: tuple[str, ...] | None = None
    for npi, npos, toks, tl in index:
        if len(tl) <= n or low[0] not in tl:
            continue
        if not any(tl[i:i + n] == low for i in range(len(tl) - n + 1)):
            continue
        if (npi, npos) <= (pi, pos):
            best_before = toks
        elif best_after is None:
            best_after = toks
    hit = best_before or best_after
    if hit is None and n == 1 and len(low[0]) >= 3:
        # Short forms: 'Boni' for 'Bonifasius Lubis', 'Wati' for 'Rahmawati Ibrahim'.
        w = low[0]
        for npi, npos, toks, tl in index:
            if len(tl) < 2:
                continue
            if any((t.startswith(w) and len(t) > len(w)) or (len(w) >= 4 and t.endswith(w) and len(t) > len(w)) for t in tl):
                hit = toks
                if (npi, npos) > (pi, pos):
                    break
    return " ".join(hit or tokens)


@dataclass
class ArticleNames:
    """The names an article's entities settled on, to resolve a name found elsewhere in it (a speaker)."""

    aliases: AliasIndex
    by_form: dict[str, str] = field(default_factory=dict)  # normalised mention text or canonical -> canonical
    people: list[tuple[tuple[str, ...], str, list[int]]] = field(default_factory=list)  # words, canonical, seen at

    @classmethod
    def from_entities(cls, entities: Iterable[Entity], lang: str) -> ArticleNames:
        names = cls(aliases=alias_index(lang))
        person: dict[str, tuple[tuple[str, ...], str, list[int]]] = {}
        for ent in entities:
            if not ent.label.upper().startswith("PER"):
                continue
            for form in (ent.text, ent.canonical):
                names.by_form.setdefault(_norm_key(form), ent.canonical)
            words = tuple(name_words(ent.canonical))
            if len(words) > 1:
                entry = person.setdefault(ent.canonical, (words, ent.canonical, []))
                entry[2].append(ent.paragraph * 100_000 + ent.start)
        names.people = list(person.values())
        return names

    def person(self, name: str, paragraph: int, start: int) -> str | None:
        """The canonical person ``name`` (titles already stripped) is in this article, or None when unknown."""
        if not name.strip():
            return None
        hit = self.by_form.get(_norm_key(name))
        if hit:
            return hit
        words = name_words(name)
        if len(words) == 1:
            found = [p for p in self.people if words[0] in p[0]]
            if found:
                chosen = pick_full_name(words, found, [p[0] for p in found], [p[2] for p in found],
                                        paragraph * 100_000 + start)
                return chosen[1]
        alias = self.aliases.lookup(name)
        if alias and alias[1] == "PER":
            return alias[0]
        return None


@cache
def _display_table(lang: str) -> dict[str, str]:
    from kronik.lang.base import pack_data

    if lang not in LANGUAGES:
        return {}
    try:
        return dict(getattr(pack_data(lang, "display_names"), "DISPLAY", {}))
    except KeyError:
        return {}


def display_name(identity: str, lang: str | None) -> str:
    """How an entity (its identity, the alias table's canonical) is named in an article of ``lang``: the
    pack's ``display_names`` ("Amerika Serikat" is "United States" in English), else the identity itself."""
    return _display_table(lang).get(identity, identity) if lang in LANGUAGES else identity


def display_table(lang: str) -> dict[str, str]:
    """identity -> name in ``lang``, for every entity named differently there (empty for an unknown language)."""
    return dict(_display_table(lang))


def display_names(identity: str) -> dict[str, str]:
    """The entity's name in every language with a pack (language -> name), for an entity page."""
    return {lang: display_name(identity, lang) for lang in LANGUAGES}


def identity(name: str) -> str:
    """The one identity of a name written in any language ("United States", "US", "AS" -> "Amerika Serikat");
    a name the alias tables do not know is its own identity."""
    for lang in LANGUAGES:
        hit = alias_index(lang).lookup(name)
        if hit:
            return hit[0]
    return name
