"""Mentions: tagged spans (the CRF, or capitalised runs where no tagger exists) and the alias pass."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kronik.annotate.entities.lexicon import _low, title_lexicon
from kronik.annotate.entities.tokens import QUOTE_CHARS, sentences, tokenize
from kronik.annotate.names import _pack, alias_index
from kronik.lang.base import pack_words
from kronik.lang.sentences import sentence_spans

if TYPE_CHECKING:
    from kronik.annotate.entities.tokens import Token


# --------------------------------------------------------------------------- mentions

@dataclass
class Mention:
    para: int
    a: int  # token range [a, b) in the paragraph's (quote-free) token list
    b: int
    label: str
    start: int = 0
    end: int = 0
    text: str = ""
    role: str | None = None
    acronym_of: int | None = None  # index of the long form this acronym was defined for
    canonical: str = ""


@dataclass
class _Para:
    text: str
    tokens: list[Token]
    sents: list[tuple[int, int]]


def _prepare(text: str, lang: str = "id") -> _Para:
    toks = [t for t in tokenize(text) if t.text not in QUOTE_CHARS]
    return _Para(text, toks, sentences(toks, sentence_spans(text, lang)))


def _tag_spans(para: _Para, lang: str) -> list[tuple[int, int, str]]:
    """Entity token spans of one paragraph, by the language's CRF or the capitalisation fallback.

    The English model also tags MISC (CoNLL-2003's nationalities, events, works); MISC is no entity type of
    the contract, so those spans are dropped here, and the alias pass does not relabel them either.
    """
    if _pack(lang).ner != "crf":
        return _capitalised_spans(para, lang)
    from kronik.annotate.ner_tagger import LABELS, default_tagger, spans

    tagger = default_tagger(lang)
    possessive = pack_words(lang, "titles", "POSSESSIVE_SUFFIXES")
    out = []
    for s, e in para.sents:
        words = [t.text for t in para.tokens[s:e]]
        if possessive:  # the tagger learned "Britain 's" as two tokens: it reads "Britain's" as "Britain"
            words = [w[:-len(x)] if (x := next((x for x in possessive if w.endswith(x) and len(w) > len(x) + 1), ""))
                     else w for w in words]
        for a, b, label in spans(alias_pass(words, tagger.tag(words), lang)):
            if label not in LABELS:
                continue
            while b > a + 1 and not any(ch.isalnum() for ch in words[b - 1]):
                b -= 1  # the tagger sometimes carries a name over the sentence's full stop
            out.append((s + a, s + b, label))
    return out


def alias_pass(words: Sequence[str], tags: Sequence[str], lang: str = "id", max_len: int = 4) -> list[str]:
    """Tag capitalised runs the tagger left as O that the alias table knows as a place or organisation.

    The training data (idner-news-2k) often leaves country names untagged
    ("Rusia", "Israel" in 28 of 37 cases), so the CRF learned to skip them; for
    a news corpus we want them.  Persons are not added (a nickname table is not
    evidence enough).  On idner dev this costs F1 (their convention), on
    IndoLEM nerui and NERGrit it gains; ``kronik eval ner --alias-pass`` shows both.
    """
    from kronik.annotate.ner_tagger import not_name_tokens

    aliases = alias_index(lang)
    out = list(tags)
    n = len(words)
    blocked = not_name_tokens(words)  # document numbers, currency prefixes: "05/PKS/..." is no party, "US$" no country
    i = 0
    while i < n:
        word = words[i]
        if word[:1] == "(":
            word = _unparen(word)  # "Menteri Energi dan Sumber Daya Mineral [(ESDM)]"
        longest = aliases.max_words(word) if out[i] == "O" and word[:1].isupper() and i not in blocked else 0
        if not longest:
            i += 1
            continue
        hit = None
        for length in range(min(max_len, longest, n - i), 0, -1):
            if any(t != "O" for t in out[i:i + length]) or blocked.intersection(range(i, i + length)):
                continue
            found = aliases.lookup(" ".join([word, *words[i + 1:i + length]]))
            if found and found[1] != "PER":
                hit = (length, found[1])
                break
        if hit is None:
            i += 1
            continue
        length, label = hit
        out[i] = "B-" + label
        for j in range(i + 1, i + length):
            out[j] = "I-" + label
        i += length
    return out


def _unparen(word: str) -> str:
    """An acronym token written in parentheses, without them ("(ESDM)" -> "ESDM")."""
    return word[1:-1] if len(word) > 2 and word[0] == "(" and word[-1] == ")" else word


def _capitalised_spans(para: _Para, lang: str) -> list[tuple[int, int, str]]:
    """English fallback: runs of capitalised words, labelled by title, organisation word or alias table."""
    pack: Any = None
    try:
        from kronik.lang.base import get_pack

        pack = get_pack(lang)
    except KeyError:
        pass
    stop = pack.stop_words if pack else frozenset()
    calendar = set(pack.months) | set(pack.weekdays) if pack else set()
    lex = title_lexicon(lang)
    aliases = alias_index(lang)
    toks = para.tokens
    out = []
    for s, e in para.sents:
        i = s
        while i < e:
            t = toks[i].text
            low = _low(t)
            if not (t[:1].isupper() and any(c.isalpha() for c in t)) or low in calendar or low in lex.heads \
                    or (i == s and low in stop):
                i += 1
                continue
            j = i + 1
            while j < e:
                u = toks[j].text
                if u[:1].isupper() and _low(u) not in calendar and _low(u) not in lex.heads:
                    j += 1
                elif u.lower() in ("of", "de", "al", "bin", "van", "von") and j + 1 < e and toks[j + 1].text[:1].isupper():
                    j += 2
                else:
                    break
            words = [x.text for x in toks[i:j]]
            hit = aliases.lookup(" ".join(words))
            prev = _low(toks[i - 1].text) if i > s else ""
            if hit:
                label = hit[1]
            elif any(_low(w) in lex.org_words for w in words):
                label = "ORG"
            elif prev in lex.heads or (len(words) >= 2 and all(w[:1].isupper() and w[1:].islower() for w in words)):
                label = "PER"
            else:
                label = "MISC"
            out.append((i, j, label))
            i = j
    return out


def _is_acronym(t: str) -> bool:
    core = t.replace(".", "").replace("-", "")
    return len(core) >= 2 and core.isupper() and core.isalpha()
