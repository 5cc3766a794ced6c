"""Sentences that point back at an earlier one, and whether a summary gives them what they point at.

An extractive summary reads badly when a sentence opens with a reference to something it never
said: "Hal itu ...", "Pembicaraan itu ...", "Dia ...", "Namun, ...", "The move ...".  Such a sentence
reads well only right after its *antecedent*, which in news is the sentence before it in its article
(the one "itu" and "Namun" point at).  The words are language data (``kronik.lang.<code>.references``);
this module only reads them.  Sentences opening with a quotation are not judged: a quotation speaks
in its speaker's voice, whatever it opens with.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from kronik.lang.base import pack_data
from kronik.model import Article

_WORD = re.compile(r"\w+")
_CLAUSE_END = re.compile(r"[,;:()\[\]—–]")
QUOTE_OPENERS = "\"“”‘'«„"


@dataclass(frozen=True)
class ReferenceWords:
    """One language's reference openers (see ``kronik.lang.id.references`` for what each list means)."""

    connectives: dict[str, tuple[tuple[str, ...], ...]]
    """By first word, longest first."""
    pronouns: frozenset[str]
    after_noun: frozenset[str]
    before_noun: frozenset[str]
    present: frozenset[str]
    time_nouns: frozenset[str]
    shell_nouns: frozenset[str]
    articles: frozenset[str]
    window: int


@cache
def reference_words(lang: str) -> ReferenceWords:
    """The pack's lists; a language without them has no openers (nothing is ever judged dangling)."""
    try:
        data: Any = pack_data(lang, "references")
    except KeyError:
        data = None

    def get(name: str, default: Any = frozenset()) -> Any:
        return getattr(data, name, default)

    by_first: dict[str, list[tuple[str, ...]]] = {}
    for c in sorted({tuple(c.split()) for c in get("CONNECTIVES", ())}, key=len, reverse=True):
        by_first.setdefault(c[0], []).append(c)
    return ReferenceWords(
        connectives={k: tuple(v) for k, v in by_first.items()},
        pronouns=frozenset(get("PRONOUNS")), after_noun=frozenset(get("AFTER_NOUN")),
        before_noun=frozenset(get("BEFORE_NOUN")), present=frozenset(get("PRESENT")),
        time_nouns=frozenset(get("TIME_NOUNS")), shell_nouns=frozenset(get("SHELL_NOUNS")),
        articles=frozenset(get("ARTICLES")), window=int(get("WINDOW", 0)))


def opens_with_reference(text: str, lang: str) -> bool:
    """True when the sentence opens by pointing back at an earlier sentence (see the module docstring)."""
    head = text.lstrip()[:120]
    if not head or head[0] in QUOTE_OPENERS:
        return False
    w = reference_words(lang)
    words = _WORD.findall(head.lower())
    if not words:
        return False
    first = words[0]
    if any(tuple(words[:len(c)]) == c for c in w.connectives.get(first, ())):
        return True
    if first in w.pronouns or first in w.after_noun:
        return True
    if first in w.before_noun:
        nxt = words[1] if len(words) > 1 else ""
        return not (first in w.present and nxt in w.time_nouns)
    if first in w.articles and len(words) > 1 and words[1] in w.shell_nouns:
        return True
    if w.after_noun and w.window > 1:
        end = _CLAUSE_END.search(head)
        clause = words if end is None else _WORD.findall(head[:end.start()].lower())
        for i in range(1, min(len(clause), w.window)):
            if clause[i] in w.after_noun and not (clause[i] in w.present and clause[i - 1] in w.time_nouns):
                return True
    return False


def follows_in_article(prev: Mapping[str, Any], item: Mapping[str, Any], article: Article | None) -> bool:
    """Whether summary item ``prev`` is the sentence right before ``item`` in their article (its antecedent)."""
    if article is None or prev.get("article") != item.get("article"):
        return False
    paras = article.paragraphs
    p, q = int(prev["paragraph"]), int(item["paragraph"])
    if p == q:
        return int(prev["end"]) <= int(item["start"]) and not paras[q][int(prev["end"]):int(item["start"])].strip()
    return (q == p + 1 and not paras[p][int(prev["end"]):].strip()
            and not paras[q][:int(item["start"])].strip())


def dangling_items(items: Sequence[Mapping[str, Any]], articles: Mapping[str, Article],
                   lang: str) -> tuple[bool, int, int]:
    """How a summary's reference openers are served: (does it open with one; how many later ones have no
    earlier sentence of their article before them in the summary; how many later ones do not come right
    after their antecedent, the stricter reading).  ``lang``: the openers' language when an item's
    article is unknown."""
    opening, orphan, apart = False, 0, 0
    for j, it in enumerate(items):
        a = articles.get(str(it.get("article")))
        if not opens_with_reference(str(it.get("text", "")), (a.language if a else None) or lang):
            continue
        if j == 0:
            opening = True
            continue
        if not any(p.get("article") == it.get("article") for p in items[:j]):
            orphan += 1
        if not follows_in_article(items[j - 1], it, a):
            apart += 1
    return opening, orphan, apart
