"""Named entities with canonical names and roles (stage ``entities``).

Reads ``article.paragraphs`` (the clean body; the title is not annotated) and
writes ``article.entities``: one :class:`~kronik.model.Entity` per mention,
``paragraph`` its index, ``start``/``end`` character offsets into that
paragraph (``paragraphs[paragraph][start:end] == text`` always holds).

Steps
-----
1. **Tokens with offsets** (:func:`tokenize`): words with inner hyphens and
   apostrophes ("al-Qassam", "Moody's", "PDI-P"), numbers, web names
   ("Kompas.com"), abbreviations with their dot ("Prof.", "dr.", "H."),
   initials ("S.H."), the dateline date "(22/4)" and a parenthesised acronym
   "(BEI)" as one token each (the training data writes them that way),
   everything else one character per token.  Quote marks are dropped before
   tagging (the training sentences have none); sentences split at . ! ? before
   a word that is not lowercase.
2. **Tagging**: the CRF of :mod:`kronik.annotate.ner_tagger` (Indonesian),
   labels PER, ORG, LOC.  For English a capitalisation fallback (below).
3. **Clean-up**: "Bursa Efek Indonesia (BEI)" becomes two mentions (the name
   and the acronym, one canonical); titles, honorifics and ranks at the front
   of a person ("Wapres Boediono") leave the name; academic degrees at the end
   ("SH") too.
4. **Roles** of persons: the title phrase before the name ("Presiden AS Joe
   Biden", "juru bicara Kremlin Dmitry Peskov", "Menko Polhukam, Djoko
   Suyanto"), else an apposition after it ("Joe Biden, Presiden AS, ...").
   The lexicon is language data (``kronik.lang.<code>.titles``).
5. **Canonical names** within the article: one label per surface form
   (majority), a short person mention ("Biden", "Zulkifli") joins the full name
   it is the last or first word of ("Joe Biden"; the nearest earlier one when
   several fit); an acronym defined in parentheses joins its long form;
   "Golkar" joins "Partai Golkar".  Across the corpus, the alias table
   (``kronik.lang.id.aliases``) maps spelling variants, exonyms, acronyms and
   nicknames to one name (Moskow/Moscow -> Moskwa, AS/USA -> Amerika Serikat,
   Jokowi -> Joko Widodo).

English articles (``language == "en"``) have no trained tagger yet: runs of
capitalised words (not sentence-initial function words, months or weekdays)
become entities, PER after a title or honorific, ORG with an organisation word
("Ministry", "Inc"), the alias table's label when it knows the name, else
``MISC``.  Other languages get no entities.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, NamedTuple

from kronik.lang.base import pack_data
from kronik.model import Article, Entity
from kronik.pipeline import stage

# --------------------------------------------------------------------------- tokens

_ABBREVIATIONS = (
    "dr|drs|dra|drg|prof|ir|hj|h|kh|st|jl|jln|no|tbk|inc|co|corp|ltd|sdr|sdri|ny|tn|kab|kec|kel|prov|bpk|yth|"
    "dkk|dll|dsb|mr|mrs|ms|jr|sr|vs|gen|col|capt|lt|sgt|rev|sen|gov|rep|dept|univ|pol|purn|hlm|tel|telp"
)
_TOKEN_RE = re.compile(
    r"""
      (?P<url>(?:https?://|www\.)[^\s"“”<>()]*[^\s"“”<>().,;:!?'’])
    | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    | (?P<web>\w+(?:[.-]\w+)*\.(?:com|co\.id|go\.id|or\.id|ac\.id|net|org|id|tv|news)(?![\w.]\w))
    | (?P<pdate>\(\d{1,2}/\d{1,2}(?:/\d{2,4})?\))
    | (?P<pword>\([^\W\d_][\w&'’.-]{0,30}\)(?!\w))
    | (?P<initials>(?:[^\W\d_]\.){2,}|[A-Z]\.[A-Z][a-z]{1,3}\.?(?!\w))
    | (?P<abbr>(?<![\w.])(?i:"""
    + _ABBREVIATIONS
    + r""")\.(?=\s|$|,))
    | (?P<initial>(?<![\w.])[A-Z]\.(?=\s+[A-Z]))
    | (?P<num>\d+(?:[.,:/]\d+)*%?)
    | (?P<word>\w+(?:[-'’]\w+)*)
    | (?P<other>\S)
    """,
    re.VERBOSE,
)
_CHUNK_RE = re.compile(r"\S+")
QUOTE_CHARS = frozenset({'"', "“", "”", "„", "‟", "«", "»", "'", "‘", "’", "`", "``", "''"})
_TERMINAL = frozenset({".", "!", "?", "…"})


class Token(NamedTuple):
    text: str
    start: int
    end: int
    kind: str = "word"


def tokenize(text: str) -> list[Token]:
    """Tokens of one paragraph with character offsets (``text[t.start:t.end] == t.text``)."""
    out: list[Token] = []
    match = _TOKEN_RE.match
    for chunk in _CHUNK_RE.finditer(text):
        c = chunk.group()
        if c.isalnum():  # the common case: a plain word or number
            out.append(Token(c, chunk.start(), chunk.end()))
            continue
        pos, end = chunk.start(), chunk.end()
        while pos < end:
            m = match(text, pos)
            if m is None or m.end() > end:  # cannot happen (no pattern spans whitespace); be safe
                out.append(Token(text[pos], pos, pos + 1, "other"))
                pos += 1
                continue
            out.append(Token(m.group(), pos, m.end(), m.lastgroup or "other"))
            pos = m.end()
    return out


def sentences(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(start, end) index ranges of sentences over ``tokens`` (quote marks already removed)."""
    out = []
    start = 0
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.text in _TERMINAL and i + 1 < n:
            nxt = tokens[i + 1].text
            if not nxt[:1].islower():
                out.append((start, i + 1))
                start = i + 1
    if start < n:
        out.append((start, n))
    return out


# --------------------------------------------------------------------------- language data

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
    try:
        mod: Any = pack_data(lang, "aliases")
    except KeyError:
        mod = pack_data("id", "aliases")  # one table for the corpus: names merge across languages
    max_len = getattr(mod, "CASE_SENSITIVE_MAX_LEN", 4)
    idx = AliasIndex()
    for canonical, (label, variants) in mod.ALIASES.items():
        for form in (canonical, *variants):
            bare = re.sub(r"\s+", " ", form.replace(".", "")).strip()
            compact = bare.replace(" ", "")
            if len(compact) <= max_len or compact.isupper():
                idx.exact.setdefault(bare, (canonical, label))
            else:
                idx.folded.setdefault(_norm_key(form), (canonical, label))
            idx.add_first(form)
    return idx


@dataclass(frozen=True)
class TitleLexicon:
    heads: frozenset[str]  # words that may open a role phrase
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # multi-word titles by first word ("perdana" -> "perdana menteri")
    inner: frozenset[str]  # lowercase words allowed inside a role phrase
    strip: frozenset[str]  # words stripped from the front of a person's name
    degrees: frozenset[str]
    stop: frozenset[str]
    org_words: frozenset[str]
    connectors: frozenset[str]
    modifiers: frozenset[str]

    def head_at(self, toks: Sequence[Token], i: int) -> bool:
        """Does a title start at token i (a one-word title, or the whole of a multi-word one)?"""
        low = _low(toks[i].text)
        if low in self.heads:
            return True
        return any(tuple(_low(t.text) for t in toks[i:i + len(p)]) == p for p in self.phrases.get(low, ()))


@cache
def title_lexicon(lang: str) -> TitleLexicon:
    try:
        mod: Any = pack_data(lang, "titles")
    except KeyError:
        mod = pack_data("id", "titles")
    phrase_words = {w for p in mod.TITLE_PHRASES for w in p.split()}
    phrases: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for p in mod.TITLE_PHRASES:
        phrases[p.split()[0]].append(tuple(p.split()))
    heads = frozenset(mod.TITLES) | frozenset(mod.HONORIFICS) | frozenset(mod.RANKS)
    return TitleLexicon(
        heads=heads,
        phrases={k: tuple(v) for k, v in phrases.items()},
        inner=heads | frozenset(mod.ROLE_WORDS) | frozenset(phrase_words),
        strip=heads,
        degrees=frozenset(mod.DEGREES),
        stop=frozenset(getattr(mod, "ROLE_STOP", ())),
        org_words=frozenset(getattr(mod, "ORG_WORDS", ())),
        connectors=frozenset(getattr(mod, "NAME_CONNECTORS", ())),
        modifiers=frozenset(getattr(mod, "ROLE_MODIFIERS", ())),
    )


def _low(t: str) -> str:
    return t.lower().rstrip(".")


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


def _prepare(text: str) -> _Para:
    toks = [t for t in tokenize(text) if t.text not in QUOTE_CHARS]
    return _Para(text, toks, sentences(toks))


def _tag_spans(para: _Para, lang: str) -> list[tuple[int, int, str]]:
    """Entity token spans of one paragraph, by the CRF (Indonesian) or the capitalisation fallback."""
    if lang == "en":
        return _capitalised_spans(para, lang)
    from kronik.annotate.ner_tagger import default_tagger, spans

    tagger = default_tagger()
    out = []
    for s, e in para.sents:
        words = [t.text for t in para.tokens[s:e]]
        for a, b, label in spans(alias_pass(words, tagger.tag(words), lang)):
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
        longest = aliases.max_words(words[i]) if out[i] == "O" and words[i][:1].isupper() and i not in blocked else 0
        if not longest:
            i += 1
            continue
        hit = None
        for length in range(min(max_len, longest, n - i), 0, -1):
            if any(t != "O" for t in out[i:i + length]) or blocked.intersection(range(i, i + length)):
                continue
            found = aliases.lookup(" ".join(words[i:i + length]))
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


def _clean(para: _Para, pi: int, spans_: list[tuple[int, int, str]], lex: TitleLexicon, lang: str) -> list[Mention]:
    """Spans -> mentions: acronyms split off, titles and degrees stripped from persons, junk dropped."""
    toks = para.tokens
    gaz_other: dict[tuple[str, ...], str] = {}
    if lang != "en":
        from kronik.annotate.ner_tagger import default_tagger

        gaz_other = default_tagger().resources.gaz_ext.phrases
    aliases = alias_index(lang)
    out: list[Mention] = []
    for a, b, label in spans_:
        if toks[b - 1].kind == "pword" and b - a > 1:
            # "Bursa Efek Indonesia (BEI)": the long form and the acronym, linked.
            out.append(Mention(pi, a, b - 1, label))
            acr = Mention(pi, b - 1, b, label, acronym_of=len(out) - 1)
            out.append(acr)
            continue
        out.append(Mention(pi, a, b, label))

    def org_or_place(i: int, limit: int) -> tuple[int, str] | None:
        """The longest organisation or place (alias table, gazetteer, acronym) starting at token i, before ``limit``."""
        for length in range(min(4, limit - i), 0, -1):
            words = [t.text for t in toks[i:i + length]]
            hit = aliases.lookup(" ".join(words))
            kind = hit[1] if hit else gaz_other.get(tuple(w.lower() for w in words))
            if kind in ("LOC", "ORG"):
                return length, kind  # type: ignore[return-value]
        if _is_acronym(toks[i].text):
            return 1, "ORG"
        return None

    def strip_front(a: int, b: int, after_title: bool) -> tuple[int, list[Mention]]:
        """Skip titles, role words and the organisations or places inside a role at the front of a name."""
        found: list[Mention] = []
        i = a
        while i < b - 1:
            low = _low(toks[i].text)
            if low in lex.strip or (i > a and low in lex.inner):
                i += 1
                continue
            if i > a or after_title:  # "Presiden [AS] Joe Biden", "Menlu [Rusia] Sergei Lavrov"
                hit = org_or_place(i, b - 1)
                if hit:
                    found.append(Mention(pi, i, i + hit[0], hit[1]))
                    i += hit[0]
                    continue
            break
        return i, found

    kept: list[Mention] = []
    queue = list(out)
    qi = 0
    while qi < len(queue):
        m = queue[qi]
        qi += 1
        a, b = m.a, m.b
        after_title = a > 0 and _low(toks[a - 1].text) in lex.inner
        if m.label != "PER" and _low(toks[a].text) in lex.heads and _low(toks[a].text) not in lex.org_words:
            # "Juru Bicara Gedung Putih Sarah Sanders" tagged as one organisation: a titled person
            rest, found = strip_front(a, b, True)
            names = toks[rest:b]
            if rest > a and len(names) >= 2 and all(t.text[:1].isupper() for t in names) \
                    and org_or_place(rest, b) is None:
                m.label = "PER"
        if m.label == "PER":
            stripped, found = strip_front(a, b, after_title)
            queue.extend(found)
            if stripped > a:
                m.role = None if after_title else para.text[toks[a].start:toks[stripped - 1].end]
                a = stripped  # with ``after_title`` the left-context scan below reads the whole role
            while b - a > 1 and _low(toks[b - 1].text).replace(".", "") in lex.degrees:
                b -= 1
        else:
            # "kota Bandung", "wilayah Gaza", "markas Swansea": the generic head word is not the name
            while b - a > 1 and toks[a].text[:1].islower():
                a += 1
            # "Menteri [Luar Negeri Rusia]": the title's modifiers belong to a role, not to the organisation
            if (a > 0 and lex.head_at(toks, a - 1)) or (a > 1 and _low(toks[a - 1].text) in lex.modifiers):
                while b - a > 1 and _low(toks[a].text) in lex.modifiers:
                    a += 1
        # a name ends at a lowercase word that is not a connector ("Google Maps [luncurkan Februari]")
        for k in range(a + 1, b):
            t = toks[k].text
            if t[:1].islower() and t.lower() not in lex.connectors:
                b = k
                break
        while b - a > 1 and toks[b - 1].text.lower() in lex.connectors:
            b -= 1
        start, end = toks[a].start, toks[b - 1].end
        if toks[a].kind == "pword" and b - a == 1:
            start, end = start + 1, end - 1
        text = para.text[start:end]
        if not any(c.isalpha() for c in text) or (m.label == "PER" and _low(text) in lex.strip):
            continue
        if not any(c.isupper() for c in text) and any(c.isupper() for c in para.text):
            continue  # a lowercase "name" in ordinary text is a tagging error
        m.a, m.b, m.start, m.end, m.text = a, b, start, end, text
        kept.append(m)
    kept.sort(key=lambda m: m.a)
    # re-point acronyms at their long form's new position in ``kept``
    pos = {id(m): i for i, m in enumerate(kept)}
    for m in kept:
        if m.acronym_of is not None:
            long_form = out[m.acronym_of]
            m.acronym_of = pos.get(id(long_form))
    return kept


def _role_left(para: _Para, m: Mention, sent_start: int, per_tokens: set[int], lex: TitleLexicon) -> str | None:
    toks = para.tokens
    j = m.a - 1
    if j >= sent_start and toks[j].text == ",":  # "Menko Polhukam, Djoko Suyanto"
        j -= 1
    k = j
    while k >= sent_start:
        t = toks[k].text
        low = _low(t)
        if k in per_tokens or low in lex.stop or t in _TERMINAL or (not t[:1].isalnum() and t not in "&/"):
            break
        if low in lex.inner or (t[:1].isupper() and low not in lex.stop):
            k -= 1
            continue
        break
    i = k + 1
    while i <= j and not lex.head_at(toks, i):
        i += 1
    if i > j:
        return None
    return para.text[toks[i].start:toks[j].end]


def _role_right(para: _Para, m: Mention, sent_end: int, per_tokens: set[int], lex: TitleLexicon) -> str | None:
    """"Joe Biden, Presiden AS, mengatakan": an apposition closed by punctuation."""
    toks = para.tokens
    i = m.b
    if i + 1 >= sent_end or toks[i].text != "," or not lex.head_at(toks, i + 1):
        return None
    k = i + 1
    while k < sent_end:
        t = toks[k].text
        low = _low(t)
        if k in per_tokens or low in lex.stop:
            return None
        if low in lex.inner or t[:1].isupper():
            k += 1
            continue
        break
    if k < sent_end and toks[k].text not in {",", ".", ";", ")"} | _TERMINAL:
        return None
    return para.text[toks[i + 1].start:toks[k - 1].end]


def _roles(paras: list[_Para], mentions: list[Mention], lex: TitleLexicon) -> None:
    by_para: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_para[m.para].append(m)
    for pi, ms in by_para.items():
        para = paras[pi]
        per_tokens = {i for m in ms if m.label == "PER" for i in range(m.a, m.b)}
        for m in ms:
            if m.label != "PER":
                continue
            s, e = next(((s, e) for s, e in para.sents if s <= m.a < e), (0, len(para.tokens)))
            left = _role_left(para, m, s, per_tokens, lex)
            if m.role and left:
                m.role = f"{left} {m.role}"
            elif left:
                m.role = left
            elif not m.role:
                m.role = _role_right(para, m, e, per_tokens, lex)
            if m.role:
                m.role = m.role.strip(" ,")


# --------------------------------------------------------------------------- canonical names

_ORG_HEADS = ("partai", "pt", "grup", "group", "klub", "pt.")


def _words(s: str) -> list[str]:
    return _norm_key(s).split()


def _display(text: str, dateline: bool = False) -> str:
    """Names as printed: spaces collapsed; a dateline in capitals ("KOTA BARU") in title case."""
    words = text.split()
    if dateline and all(w.isupper() for w in words) and len(text) > 4:
        return " ".join(w.title() for w in words)
    return " ".join(words)


def canonicalize(mentions: list[Mention], lang: str) -> None:
    """Fill ``canonical`` (and settle labels) for the mentions of one article, in reading order."""
    aliases = alias_index(lang)
    # 1. one label per surface form (majority, first seen wins ties)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        votes[_norm_key(m.text)][m.label] += 1
    for m in mentions:
        c = votes[_norm_key(m.text)]
        best = max(c.values())
        if c[m.label] < best:
            m.label = next(lab for lab, n in c.items() if n == best)

    # 1b. the English fallback's unlabelled runs that repeat part of a person's name are that person
    person_words = [_words(m.text) for m in mentions if m.label == "PER" and len(_words(m.text)) > 1]
    for m in mentions:
        if m.label == "MISC":
            w = _words(m.text)
            if any(w == full[k:k + len(w)] for full in person_words for k in range(len(full) - len(w) + 1)):
                m.label = "PER"

    # 1c. a lone word tagged as a place or organisation that is the first or last word of a person's full
    # name in the same article ("Margaret Ellison" ... "Ellison") is that person, unless the alias table knows it
    ends = {w for full in person_words for w in (full[0], full[-1])}
    for m in mentions:
        if m.label != "PER" and m.acronym_of is None and " " not in m.text.strip():
            if _words(m.text)[0] in ends and aliases.lookup(m.text) is None and not _is_acronym(m.text):
                m.label = "PER"

    # 2. persons: clusters keyed by their fullest name
    clusters: list[dict[str, Any]] = []
    person = [m for m in mentions if m.label == "PER"]
    order = sorted(range(len(person)), key=lambda i: (-len(_words(person[i].text)), i))
    for i in order:
        m = person[i]
        w = _words(m.text)
        # a one-word mention joins a full name containing it; longer ones only their exact match
        # ("Donald Trump" is not "Donald Trump Jr")
        found = [cl for cl in clusters if w == cl["words"] or (len(w) == 1 and w[0] in cl["words"])]
        if found:
            if len(found) > 1:  # ambiguous short name: prefer a last-name match, then the latest earlier mention
                last = [cl for cl in found if cl["words"][-len(w):] == w]
                found = last or found
                earlier = [(max(j for j in cl["seen"] if j < i), k) for k, cl in enumerate(found) if min(cl["seen"]) < i]
                if earlier:
                    found = [found[max(earlier)[1]]]
            cl = found[0]
        else:
            cl = {"words": w, "text": m.text, "seen": [], "members": []}
            clusters.append(cl)
        cl["members"].append(m)
        cl["seen"].append(i)
    for cl in clusters:
        canonical = _display(cl["text"])
        for m in sorted(cl["members"], key=lambda x: -len(x.text)):
            hit = aliases.lookup(m.text)
            if hit and hit[1] == "PER":
                canonical = hit[0]
                break
        for m in cl["members"]:
            m.canonical = canonical

    # 3. organisations and places: acronyms defined in the text, generic heads, the alias table
    others = [m for m in mentions if m.label != "PER"]
    long_forms: dict[str, str] = {}
    for m in mentions:
        if m.acronym_of is not None and m.label != "PER":
            long_forms[_norm_key(m.text)] = mentions[m.acronym_of].text if m.acronym_of < len(mentions) else m.text
    keys = {_norm_key(m.text): m.text for m in others}
    for m in others:
        key = _norm_key(m.text)
        base = long_forms.get(key, m.text)
        if key not in long_forms:
            for head in _ORG_HEADS:
                longer = keys.get(f"{head} {key}")
                if longer and m.label == "ORG":
                    base = longer
                    break
        hit = aliases.lookup(base) or aliases.lookup(m.text)
        if hit and (hit[1] == m.label or {hit[1], m.label} <= {"ORG", "LOC"}):
            m.canonical, m.label = hit
        else:
            m.canonical = _display(re.sub(r"\s*\([^)]*\)\s*$", "", base) or base, dateline=m.start == 0)


# --------------------------------------------------------------------------- the stage

def find_entities(paragraphs: Sequence[str], language: str = "id") -> list[Entity]:
    """Entities of an article's body paragraphs (see the module docstring)."""
    lang = language or "id"
    if lang not in ("id", "en"):
        return []
    lex = title_lexicon(lang)
    paras = [_prepare(p) for p in paragraphs]
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
