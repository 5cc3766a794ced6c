"""Quotes and who said them (stage ``quotes``).

Reads ``article.paragraphs`` (the clean body: boilerplate is already gone) and,
when the NER stage ran first, ``article.entities``; writes ``article.quotes``.

What counts as a quote
----------------------
* **Direct quotes**: speech in double quote marks (straight ``"`` or curly
  ``“ ”``), one or several sentences, attributed before (``X mengatakan, "..."``,
  ``Menurut X, "..."``, ``He warned: "..."``), inside (``"...," kata X, "..."``)
  or after (``"...," ujar X``, ``"...," said X``, ``"...," she said``), in the next
  sentence (``"...." Demikian disampaikan X``) or not at all (a quote that opens
  a sentence and continues an earlier speaker).
* **Not quotes**: scare quotes and partial fragments embedded in a sentence
  (``sebagai "mencekam"``), nicknames (``Rizky "Kancil" Pratama``), titles of
  films, books, songs, programmes and banners (Title Case, or after a cue word
  such as *film*, *berjudul*, *bertuliskan*), and quoted headlines left over
  from related-story blocks (a paragraph without final punctuation, or an
  inline "Baca juga: ..." teaser).
* **Indirect speech** (``direct=False``): ``X mengatakan bahwa ...``,
  ``X menegaskan, ...`` (a reporting verb followed by *bahwa* or a comma),
  ``Menurut X, ...``; in English ``X said (that) ...``, ``According to X, ...``,
  ``..., X said.``  The text is the reported clause.

Multi-paragraph quotes
----------------------
Newswire convention: a paragraph that opens a quote and does not close it
continues in the next paragraph, which opens with a quote mark again.  We
report **one Quote per paragraph** (each ``text`` is an exact substring of
``paragraphs[paragraph]``, so the UI can always highlight it), all with the
speaker of the chain, wherever in the chain the attribution is.

Speakers
--------
``speaker_text`` is the attribution as written (role included: "juru bicara
Kemenlu, Budi Santoso"; "-nya" / "dia" for pronouns).  ``speaker`` is the
canonical name: the entity's ``canonical`` when ``article.entities`` has an
entity over the mention (or over the mention a pronoun resolves to); else our
own resolver, which strips titles and roles (``kronik.lang.<code>.speakers``),
links a short mention ("Hendra", "Biden") to the longest full name in the
article that contains it, expands acronyms defined in the text ("Kementerian
Luar Negeri (Kemenlu)"), and resolves pronouns and descriptions ("ujarnya",
"kata pria itu", "tulis perusahaan itu", "kata Menhub") to the most recent
sentence topic or speaker.  Unnamed speakers ("seorang warga", "one engineer",
"analysts") get ``speaker=None``.

Language knowledge (verbs, titles, cue words) is data in the language packs
(``quote_verbs``, ``speakers``), read with ``pack_data``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kronik.lang.base import LANGUAGES, get_pack, pack_data
from kronik.model import Article, Entity, Quote
from kronik.pipeline import stage

_MARK = re.compile(r'["“”„‟«»]')
_MARKS = '"“”„‟«»'
_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d+(?:[.,]\d+)*", re.UNICODE)
_NAME_TOKEN = re.compile(r"[^\W\d_](?:[\w\-]|['’](?![sS]\b))*", re.UNICODE)
_SENT_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+")
_ENDS_PUNCT = re.compile(r"[,.!?…;]\s*['’‘]*\s*$")
_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Za-z0-9&\-]{1,14})\)")
_ABBREV = frozenset("""
    dr drs dra prof ir h hj st no rp jl kol letkol mr mrs ms jr sr sp s m t i k pd si pol a md kh ust
    dkk dll dsb tbk co inc ltd vs ny tn sdr bpk gen col capt lt sgt sen gov rep rev mt kab kec kel prov
""".split())
_PARA_END = re.compile(r"[.!?…:][\"”’')\]]*$")
_APPOS_NEXT = re.compile(r"\s*,\s*([^\W\d_][\w.]*)")
_AGE = re.compile(r"\s*\(\d{1,3}\)")
_APPOS = re.compile(r"\s*,\s*[^,]{1,60},\s*")
_DEF_WORD = re.compile(r"[^\W\d_][\w'’\-&]*(?:\.[a-z]+)*")
_AFTER_TOKENS = re.compile(r"[^\W\d_][\w'’\-]*\.?|\d+[\w\-]*|\([^()]{1,20}\)|[,.;:!?]|[\"“”]")
_AGE_FULL = re.compile(r"\(\d{1,3}\)")
_ABBREV_END = re.compile(r"\b\w\.$|\b(?:" + "|".join(sorted(_ABBREV, key=len, reverse=True)) + r")\.$", re.IGNORECASE)
_PARENS = re.compile(r"\([^()]*\)")
_AGED = re.compile(r"\d+-year-old|berusia\s+\d+")
_CONTINUATION_GAP = re.compile(r"[^.!?\"“”]*[,:]\s*")
_NONSPACE = re.compile(r"\S+")
_COMMA_GAP = re.compile(r"\s*,\s*")
_DATELINE_TAIL = re.compile(r"\s*(?:,|\(|[—–-]\s)")
_FIRST_WORD = re.compile(r"\s*([^\W\d_][\w\-]*)")
_TOK_CLASS: dict[tuple[str, str], str] = {}
_MAX_FRAGMENT_TITLE_RATIO = 0.75
_HEADLINE_MAX_WORDS = 25
_READ_ALSO_REACH = 160


# --------------------------------------------------------------------------- language data


@dataclass(frozen=True)
class _Lang:
    code: str
    say_after: re.Pattern[str]
    subj_then_verb_after: re.Pattern[str]
    say_before: re.Pattern[str]
    according_before: re.Pattern[str]
    quoted_source_before: re.Pattern[str]
    post_passive: re.Pattern[str]
    post_active: re.Pattern[str]
    indirect: re.Pattern[str]
    according_start: re.Pattern[str]
    according_end: re.Pattern[str]
    trailing_said: re.Pattern[str]
    statement_phrase: re.Pattern[str]
    read_also: re.Pattern[str]
    indirect_cue: re.Pattern[str]
    title_cues: frozenset[str]
    mention_stops: frozenset[str]
    anaphor_end: frozenset[str]
    pronouns: frozenset[str]
    clitic: str
    statement_nouns: frozenset[str]
    not_speaker: tuple[str, ...]
    medium_words: frozenset[str]
    honorifics: frozenset[str]
    ranks: frozenset[str]
    roles: frozenset[str]
    org_heads: frozenset[str]
    not_name: frozenset[str]
    place_heads: frozenset[str]
    function_words: frozenset[str]
    particles: frozenset[str]
    name_prefixes: frozenset[str]
    post_nominal: re.Pattern[str]
    role_aliases: dict[str, str]
    person_anaphors: frozenset[str]
    org_anaphors: frozenset[str]
    indefinite: tuple[str, ...]
    locative: frozenset[str]
    alias_after: re.Pattern[str]
    alias_before: re.Pattern[str]
    verb_prefixes: tuple[str, ...]
    subject_followers: frozenset[str]
    stop_words: frozenset[str]
    calendar: frozenset[str]
    say_words: frozenset[str]


def _alt(words: Any) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@lru_cache(maxsize=8)
def _lang(code: str) -> _Lang:
    if code not in LANGUAGES:
        code = "id"
    qv: Any = pack_data(code, "quote_verbs")
    sp: Any = pack_data(code, "speakers")
    pack = get_pack(code)
    clitic = qv.CLITIC
    after_verbs = _alt(qv.SAY_AFTER)
    clitic_part = f"(?P<clitic>{re.escape(clitic)})?" if clitic else "(?P<clitic>(?!))?"
    # '"...," kata X' / '"...," ujarnya' / '"...," demikian pernyataan X'
    say_after = re.compile(
        rf"^\s*[,.]?\s*(?:(?:demikian|begitu)\s+)?(?P<verb>{after_verbs}){clitic_part}\b\s*",
        re.IGNORECASE,
    )
    # '"...," X said' (English: subject before the verb, after the quote)
    subj_then_verb_after = re.compile(
        rf"^\s*,?\s*(?P<m>(?:[\w'’.\-]+\s+){{0,6}}?[\w'’.\-]+)\s+(?P<verb>{after_verbs})\b",
        re.IGNORECASE,
    )
    if code == "id":
        subj_then_verb_after = re.compile(r"(?!)")
        say_after = re.compile(
            rf"^\s*[,.]?\s*(?:(?:demikian|begitu)\s+(?:(?:{_alt(qv.STATEMENT_NOUNS)})\s+)?)?(?P<verb>{after_verbs}){clitic_part}\b\s*"
            rf"|^\s*[,.]?\s*demikian\s+(?P<verb2>{_alt(qv.STATEMENT_NOUNS)})\b\s*",
            re.IGNORECASE,
        )
    before_verbs = _alt(qv.SAY_BEFORE)
    say_before = re.compile(
        rf"(?P<verb>\b(?:{before_verbs}))\b(?P<tail>[^,:;.!?\"“”]{{0,60}}?)\s*[,:]\s*$",
        re.IGNORECASE,
    )
    according = _alt(qv.ACCORDING)
    according_before = re.compile(rf"\b(?:{according})(?P<clitic>{re.escape(clitic)})?\b\s*(?P<m>[^,:]{{0,80}}?)\s*[,:]\s*$" if clitic
                                  else rf"\b(?:{according})\b\s*(?P<m>[^,:]{{1,80}}?)\s*[,:]\s*$", re.IGNORECASE)
    quoted_source_before = re.compile(rf"\b(?:{_alt(qv.QUOTED_SOURCE)})\s+(?P<m>[^,:]{{1,100}}?)\s*[,:]\s*$", re.IGNORECASE)
    post_passive = re.compile(
        rf"^\s*(?:{qv.POST_LEAD})\s+(?:{_alt(qv.POST_PASSIVE) or '(?!)'})\s+(?:oleh\s+)?",
        re.IGNORECASE,
    )
    post_active = re.compile(
        rf"^\s*(?P<m>[^.,;!?\"“”]{{1,80}}?)\s+(?:{_alt(qv.POST_ACTIVE) or '(?!)'})\s+(?:{qv.POST_OBJECT})\b",
        re.IGNORECASE,
    )
    ind_verbs = _alt(qv.INDIRECT_VERBS)
    comp = re.escape(qv.COMPLEMENTIZER)
    if code == "id":
        indirect = re.compile(
            rf"\b(?P<verb>{ind_verbs})\b(?:\s+(?:kepada|di\s+hadapan|dalam|saat|ketika|di)\b[^,]{{0,60}}?)?"
            rf"(?:\s+{comp}\s+|\s*,\s+)(?P<clause>[^\"“”].*)$",
            re.IGNORECASE,
        )
    else:
        indirect = re.compile(
            rf"\b(?:has\s+|had\s+|have\s+)?(?:previously\s+|also\s+|earlier\s+)?(?P<verb>{ind_verbs})\b"
            rf"(?:\s+(?:in|on|at|during)\s+[^,\"“”]{{1,40}}?(?=\s+{comp}\b))?(?:\s+{comp})?\s+(?P<clause>[^\"“”:,].*)$",
            re.IGNORECASE,
        )
    according_start = re.compile(
        rf"^(?:(?:namun|sementara\s+itu|however|but|meanwhile)\s*,?\s*)?(?:{according})(?P<clitic>{re.escape(clitic) if clitic else '(?!)'})?\b\s*(?P<m>[^,]{{0,80}}?)\s*,\s*(?P<clause>[^\"“”].*)$",
        re.IGNORECASE,
    )
    according_end = re.compile(rf"^(?P<clause>.+?),\s*(?:{according})\s+(?P<m>[^,]{{1,80}}?)(?:,[^,]*)?$", re.IGNORECASE)
    if code == "en":
        trailing_said = re.compile(
            rf"^(?P<clause>[^\"“”].+?),\s*(?P<m>(?:[\w'’.\-]+\s+){{0,6}}?[\w'’.\-]+)\s+(?:{_alt(('said', 'says', 'say', 'told reporters', 'added'))})\b(?P<rest>.*)$",
            re.IGNORECASE,
        )
    else:
        trailing_said = re.compile(r"(?!)")
    statement_phrase = re.compile(r"\s*(?:" + "|".join(qv.STATEMENT_PHRASES) + r")\s*", re.IGNORECASE)
    calendar = frozenset(k.lower() for k in (*pack.weekdays, *(m for m in pack.months if len(m) >= 5)))
    return _Lang(
        code=code,
        say_after=say_after,
        subj_then_verb_after=subj_then_verb_after,
        say_before=say_before,
        according_before=according_before,
        quoted_source_before=quoted_source_before,
        post_passive=post_passive,
        post_active=post_active,
        indirect=indirect,
        according_start=according_start,
        according_end=according_end,
        trailing_said=trailing_said,
        statement_phrase=statement_phrase,
        read_also=re.compile(qv.READ_ALSO, re.IGNORECASE),
        indirect_cue=re.compile(rf"\b(?:{ind_verbs}|{according})", re.IGNORECASE),
        title_cues=frozenset(qv.TITLE_CUES),
        mention_stops=frozenset(qv.MENTION_STOPS),
        anaphor_end=frozenset(qv.ANAPHOR_END),
        pronouns=frozenset(qv.PRONOUNS),
        clitic=clitic,
        statement_nouns=frozenset(qv.STATEMENT_NOUNS),
        not_speaker=tuple(qv.ACCORDING_NOT_SPEAKER),
        medium_words=frozenset(qv.MEDIUM_WORDS),
        honorifics=sp.HONORIFICS,
        ranks=sp.RANKS,
        roles=sp.ROLE_WORDS,
        org_heads=sp.ORG_HEADS,
        not_name=sp.NOT_NAME,
        place_heads=sp.PLACE_HEADS,
        function_words=sp.FUNCTION_WORDS,
        particles=sp.NAME_PARTICLES,
        name_prefixes=sp.NAME_PREFIXES,
        post_nominal=re.compile(r",?\s*" + sp.POST_NOMINAL + r"(?:\s*,?\s*" + sp.POST_NOMINAL + r")*"),
        role_aliases=dict(sp.ROLE_ALIASES),
        person_anaphors=sp.PERSON_ANAPHORS,
        org_anaphors=sp.ORG_ANAPHORS,
        indefinite=tuple(sp.INDEFINITE),
        locative=sp.LOCATIVE,
        alias_after=re.compile(sp.ALIAS_AFTER, re.IGNORECASE),
        alias_before=re.compile(sp.ALIAS_BEFORE, re.IGNORECASE),
        verb_prefixes=tuple(sp.VERB_PREFIXES),
        subject_followers=sp.SUBJECT_FOLLOWERS,
        stop_words=pack.stop_words,
        calendar=calendar,
        say_words=frozenset(w.lower() for w in (*qv.SAY_AFTER, *qv.SAY_BEFORE, *qv.INDIRECT_VERBS)),
    )


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

    @property
    def canonical(self) -> str | None:
        if self.lazy is not None and self.mention is not None:
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


# --------------------------------------------------------------------------- the stage


@stage("quotes", requires=["paragraphs", "language"], assigns=["quotes"])
def annotate_quotes(article: Article) -> Article:
    """Fill ``article.quotes`` from its paragraphs (see the module docstring for the conventions)."""
    article.quotes = extract_quotes(article.paragraphs, article.language or "id", article.entities)
    return article


def extract_quotes(paragraphs: list[str], language: str = "id", entities: list[Entity] | None = None) -> list[Quote]:
    """The quotes of a list of body paragraphs (direct and indirect), in text order."""
    lang = _lang(language if language in LANGUAGES else "id")
    doc = _Doc(lang=lang, paras=list(paragraphs))
    for ent in entities or ():
        doc.entities.setdefault(ent.paragraph, []).append(ent)
    _find_spans(doc)
    _mask(doc)
    _collect_names(doc)
    _classify(doc)
    quotes = _attribute(doc)
    return quotes


# --------------------------------------------------------------------------- spans and masking


def _find_spans(doc: _Doc) -> None:
    for pi, p in enumerate(doc.paras):
        spans: list[_Span] = []
        open_at: int | None = None
        for m in _MARK.finditer(p):
            i = m.start()
            if open_at is None:
                open_at = i
            else:
                spans.append(_Span(pi, open_at, i, p[open_at + 1:i]))
                open_at = None
        if open_at is not None:
            spans.append(_Span(pi, open_at, None, p[open_at + 1:]))
        doc.spans.append(spans)
    # Multi-paragraph chains: an unclosed last span continued by a paragraph that opens with a mark.
    for pi in range(len(doc.paras) - 1):
        spans = doc.spans[pi]
        nxt = doc.spans[pi + 1]
        if spans and spans[-1].close is None and nxt and nxt[0].open == 0:
            spans[-1].chain_next = nxt[0]
            nxt[0].chain_prev = spans[-1]


def _is_nickname(p: str, sp: _Span) -> bool:
    """Rizky "Kancil" Pratama: a short capitalised span between two capitalised words."""
    if sp.close is None:
        return False
    words = sp.text.split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
        return False
    before = p[:sp.open].rstrip()
    after = p[sp.close + 1:].lstrip()
    prev = _NAME_TOKEN.findall(before[-30:])
    return bool(prev) and prev[-1][:1].isupper() and before.endswith(prev[-1]) and after[:1].isupper() and \
        p[sp.open - 1:sp.open].isspace() and p[sp.close + 1:sp.close + 2].isspace()


_NOT_SPACE = re.compile(r"\S")


def _mask(doc: _Doc) -> None:
    """Body text with quoted content blanked, so names and sentences are read outside quotes.

    Quoted content becomes '_' (a final . ! ? is kept so sentence ends survive); a
    nickname inside a name disappears entirely so "Rizky "Kancil" Pratama" reads as one name;
    an inline "Baca juga:" teaser is blanked up to the end of its headline.
    """
    lang = doc.lang
    for pi, p in enumerate(doc.paras):
        pieces: list[str] = []
        at = 0
        for sp in doc.spans[pi]:
            end = sp.close if sp.close is not None else len(p)
            if _is_nickname(p, sp):
                pieces.append(p[at:sp.open])
                pieces.append(" " * (end + 1 - sp.open))
                at = end + 1
                sp.reason = "nickname"
                continue
            keep = p[end - 1:end] in ".!?"
            inner_end = end - 1 if keep else end
            pieces.append(p[at:sp.open + 1])
            pieces.append(_NOT_SPACE.sub("_", p[sp.open + 1:inner_end]))
            at = inner_end
        pieces.append(p[at:])
        masked = "".join(pieces)
        if lang.read_also.search(masked):
            for m in list(lang.read_also.finditer(masked)):
                stop = _teaser_end(masked, m.end(), doc.spans[pi])
                masked = masked[:m.start()] + " " * (stop - m.start()) + masked[stop:]
                for sp in doc.spans[pi]:
                    if m.start() <= sp.open < stop:
                        sp.reason = sp.reason or "read-also"
        doc.masked.append(masked)
        sents = _split_sentences(masked)
        doc.sentences.append(sents)
        buckets: list[list[list[tuple[int, int, str]]]] = [[] for _ in sents]
        si = 0
        for run in _runs(lang, masked):
            while si < len(sents) - 1 and run[0][0] >= sents[si][1]:
                si += 1
            buckets[si].append(run)
        doc.sent_runs.append(buckets)


def _teaser_end(masked: str, start: int, spans: list[_Span]) -> int:
    """End of an inline related-story teaser: its quoted headline, or the next sentence end."""
    for sp in spans:
        if start <= sp.open <= start + _READ_ALSO_REACH:
            return (sp.close + 1) if sp.close is not None else len(masked)
    m = _SENT_END.search(masked, start)
    return m.start() + 1 if m else len(masked)


def _split_sentences(masked: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(masked):
        nxt = masked[m.end():m.end() + 1]
        if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in _MARKS or nxt in "(['‘"):
            continue
        if masked[m.start()] == ".":
            prev = _NAME_TOKEN.findall(masked[max(0, m.start() - 12):m.start()])
            if prev and masked[:m.start()].endswith(prev[-1]) and (prev[-1].lower() in _ABBREV or len(prev[-1]) == 1):
                continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(masked):
        out.append((start, len(masked)))
    return out


def _sentence_of(doc: _Doc, pi: int, pos: int) -> tuple[int, int]:
    for s, e in doc.sentences[pi]:
        if s <= pos < e:
            return s, e
    return (0, len(doc.paras[pi]))


# --------------------------------------------------------------------------- names


def _tok_class(lang: _Lang, tok: str) -> str:
    key = (lang.code, tok)
    hit = _TOK_CLASS.get(key)
    if hit is None:
        hit = _TOK_CLASS[key] = _tok_class_uncached(lang, tok)
        if len(_TOK_CLASS) > 200_000:
            _TOK_CLASS.clear()
    return hit


def _tok_class_uncached(lang: _Lang, tok: str) -> str:
    low = tok.lower().rstrip(".")
    if low in lang.function_words:
        return "F"
    if low in lang.honorifics or low in lang.ranks:
        return "H"
    if low in lang.roles:
        return "R"
    if low in lang.org_heads:
        return "O"
    if low in lang.not_name or low in lang.calendar:
        return "N"
    if low in lang.particles and tok[:1].islower():
        return "P"
    if len(tok) >= 2 and tok.isupper() and tok.isalpha():
        return "A"
    if tok[:1].isupper():
        return "X"
    return "l"


_CAP = r"[A-ZÀ-ÖØ-Þ](?:[\w\-]|['’](?![sS]\b))*"


@lru_cache(maxsize=8)
def _run_regex(particles: frozenset[str]) -> re.Pattern[str]:
    parts = _alt(particles) if particles else "(?!)"
    return re.compile(rf"{_CAP}(?:\s+(?:(?:{parts})\s+)*{_CAP})*")


def _runs(lang: _Lang, text: str, start: int = 0, end: int | None = None) -> list[list[tuple[int, int, str]]]:
    """Capitalised token runs (with name particles and dotted titles) in text[start:end]."""
    end = len(text) if end is None else end
    runs: list[list[tuple[int, int, str]]] = []
    for m in _run_regex(lang.particles).finditer(text, start, end):
        toks = [(t.start(), t.end(), t.group()) for t in _NAME_TOKEN.finditer(text, m.start(), m.end())]
        if runs:
            prev = runs[-1]
            last = prev[-1]
            gap = text[last[1]:toks[0][0]]
            if gap.strip() == "." and (last[2].lower() in lang.honorifics or len(last[2]) == 1):
                prev.extend(toks)  # 'Dr. Irwan Setiadi', 'H. Somad'
                continue
        runs.append(toks)
    return runs


_SPLIT: dict[tuple[str, tuple[str, ...], bool], tuple[int, str]] = {}


def _split_run(lang: _Lang, run: list[tuple[int, int, str]], sentence_initial: bool) -> tuple[int, str]:
    """Where the person name starts inside a run, and what the run is: person / org / other."""
    key = (lang.code, tuple(t[2] for t in run), sentence_initial)
    hit = _SPLIT.get(key)
    if hit is None:
        hit = _SPLIT[key] = _split_run_uncached(lang, run, sentence_initial)
        if len(_SPLIT) > 100_000:
            _SPLIT.clear()
    return hit


def _split_run_uncached(lang: _Lang, run: list[tuple[int, int, str]], sentence_initial: bool) -> tuple[int, str]:
    classes = [_tok_class(lang, t[2]) for t in run]
    if sentence_initial and classes and classes[0] == "X" and run[0][2].lower() in lang.stop_words:
        classes[0] = "F"
    for i in range(1, len(run)):
        if classes[i] == "N" and run[i - 1][2].lower() == "wali" and run[i][2].lower() == "kota":
            classes[i] = "R"  # 'Wali Kota' is a role, not a city
    f = 0
    while f < len(classes) and classes[f] == "F":
        f += 1  # 'Menurut Aris', 'Sementara itu, ...': sentence words, not the name
    if f == len(classes):
        return len(run), "other"
    if "O" in classes[f:] and not any(c in "HR" for c in classes[f:classes.index("O", f)]):
        return len(run), "org"
    k = len(run)
    while k > f and classes[k - 1] in "XP":
        k -= 1
    # Name prefixes (I Made, Ni Luh, Andi) that a role or place word would swallow.
    while k > f and run[k - 1][2].lower() in lang.name_prefixes and classes[k - 1] in "XN":
        k -= 1
    # 'Bupati Lembah Hijau Rahmat Suhendar', 'Ketua KPU Kota Sagara Anwar Hidayat': a place head
    # takes the next word as its name.
    if f < k < len(run) - 1 and classes[k - 1] == "N" and run[k - 1][2].lower() in lang.place_heads:
        k += 1
    trailing = len(run) - k
    if trailing == 0:
        if classes[f:] and all(c in "AO" for c in classes[f:]):
            return len(run), "org"
        return len(run), "other"
    if k > f and classes[f] == "N" and not any(c in "HR" for c in classes[f:k]) and trailing < 2:
        return len(run), "other"
    if k == 0 and trailing == 1 and classes[0] == "X" and run[0][2].lower() in lang.not_name:
        return len(run), "other"
    return k, "person"


def _collect_names(doc: _Doc) -> None:
    """Person names (for linking short mentions), acronym definitions, aliases and sentence topics."""
    lang = doc.lang
    for pi, m_text in enumerate(doc.masked):
        p = doc.paras[pi].strip()
        if not _PARA_END.search(p) and len(p.split()) <= _HEADLINE_MAX_WORDS:
            continue  # leftover related headline: its names are not this article's
        for m in _ACRONYM_DEF.finditer(m_text):
            acr = m.group(1)
            full = _definition_before(lang, m_text, m.start())
            if full and acr not in doc.acronyms:
                doc.acronyms[acr] = full
        for (s, _e), sruns in zip(doc.sentences[pi], doc.sent_runs[pi], strict=True):
            for run in sruns:
                initial = m_text[s:run[0][0]].strip(" \"“”'‘(") == ""
                k, kind = _split_run(lang, run, initial)
                if kind != "person":
                    continue
                toks = tuple(t[2] for t in run[k:])
                pre = _tok_class(lang, run[k - 1][2]) if k > 0 else ""
                if initial and len(toks) == 1 and k == 0 and not _looks_like_subject(lang, m_text, run[-1][1]):
                    continue
                nxt = _APPOS_NEXT.match(m_text, run[-1][1])
                if k > 0 and nxt and nxt.group(1)[:1].isupper() and not lang.post_nominal.match(m_text[run[-1][1]:]) and \
                        any(_tok_class(lang, t[2]) == "R" for t in run[:k]):
                    continue  # 'Kepala Kantor SAR Tanjung Sagu, Marzuki Abdullah': a role phrase, the name follows
                ctx = m_text[max(s, run[0][0] - 60):run[k][0]].lower()
                doc.names.append((pi, run[k][0], toks, ctx, pre))
                if len(toks) <= 2:
                    doc.standalone.add(" ".join(toks).lower())
                tail = m_text[run[-1][1]:]
                am = lang.alias_after.match(tail)
                if am:
                    alias_runs = _runs(lang, tail, am.end(), min(len(tail), am.end() + 40))
                    if alias_runs and alias_runs[0][0][0] == am.end():
                        alias = " ".join(t[2] for t in alias_runs[0]).lower()
                        doc.aliases[alias] = toks
    _trim_names(doc)
    doc.name_tokens = {t for n in doc.names for t in n[2]}


def _verbish(lang: _Lang, word: str) -> bool:
    w = word.lower()
    if w in lang.say_words or w in lang.subject_followers:
        return True
    if lang.verb_prefixes:
        return w.startswith(lang.verb_prefixes) and len(w) > 5
    return w.endswith("ed") and len(w) > 4


def _looks_like_subject(lang: _Lang, text: str, end: int) -> bool:
    """A name acts like a subject: followed by a verb, an age "(47)", or an apposition and a verb."""
    tail = text[end:end + 90]
    if _AGE.match(tail) or lang.alias_before.match(tail):
        return True
    m = _APPOS.match(tail)
    if m:
        nxt = _NAME_TOKEN.match(tail, m.end())
        return bool(nxt) and _verbish(lang, nxt.group())
    nxt = _NAME_TOKEN.match(tail.lstrip())
    return bool(nxt) and _verbish(lang, nxt.group())


def _trim_names(doc: _Doc) -> None:
    """'Lembah Hijau Hendra Kusumah' -> 'Hendra Kusumah' when the article calls him 'Hendra'."""
    lang = doc.lang
    singles = {n[2][0].lower() for n in doc.names if len(n[2]) == 1}
    out = []
    for pi, pos, toks, ctx, pre in doc.names:
        if len(toks) >= 3 and toks[0].lower() not in lang.name_prefixes:
            for k in range(1, len(toks)):
                if toks[k].lower() in singles and not any(t.lower() in singles for t in toks[:k]):
                    toks = toks[k:]
                    break
            else:
                # No short form to go by: right after a role, acronym or organisation word
                # ('Kepala BPBD Garut Hendra Wijaya', 'Camat Lembang Aris Munandar') the first
                # word is the office's place.
                if pre in ("R", "A", "O") and toks[0].lower() not in singles:
                    toks = toks[1:]
        out.append((pi, pos, toks, ctx, pre))
    doc.names = out


def _definition_before(lang: _Lang, text: str, paren: int) -> str | None:
    """The spelled-out name before '(ACR)': 'Kementerian Luar Negeri (Kemenlu)'."""
    base = max(0, paren - 140)
    window = text[base:paren]
    words = list(_DEF_WORD.finditer(window))
    acc: list[re.Match[str]] = []
    right = len(window)
    for m in reversed(words):
        w = m.group()
        if window[m.end():right].strip():
            break
        right = m.start()
        if w[:1].isupper() or w.lower() in ("dan", "untuk", "dari", "di", "atas", "serta", "&", "and", "of", "for", "the"):
            acc.append(m)
            continue
        break
    while acc and not acc[-1].group()[:1].isupper():
        acc.pop()
    while acc and not acc[0].group()[:1].isupper():
        acc.pop(0)
    if not acc:
        return None
    acc.reverse()
    # Drop leading role words ("Kepala Badan ..." -> "Badan ...").
    while acc and _tok_class(lang, acc[0].group()) in "HR" and len(acc) > 1:
        acc.pop(0)
    # A legal-form prefix stays ("PT").
    start = acc[0].start() + base
    return text[start:acc[-1].end() + base].strip()


# --------------------------------------------------------------------------- mentions


def _mention_after(doc: _Doc, pi: int, pos: int) -> _Mention | None:
    """The speaker named right after a speech verb: 'kata [juru bicara Kemenlu, Budi Santoso], ...'."""
    lang = doc.lang
    text = doc.masked[pi]
    toks = list(_AFTER_TOKENS.finditer(text[pos:pos + 220]))
    collected: list[re.Match[str]] = []
    has_name = False
    has_role = False
    kind = ""
    i = 0
    while i < len(toks):
        t = toks[i].group()
        low = t.lower().rstrip(".")
        if t in ",":
            nxt = toks[i + 1].group() if i + 1 < len(toks) else ""
            if collected and nxt[:1].isupper() and (has_role or not has_name):
                collected.append(toks[i])
                i += 1
                continue
            break
        if t in ".;:!?" or t in _MARKS:
            break
        if t.startswith("("):
            if collected and (_AGE_FULL.fullmatch(t) or _ACRONYM_DEF.fullmatch(t)):
                collected.append(toks[i])
                i += 1
                continue
            break
        if not collected and low in lang.pronouns:
            m = toks[i]
            end = pos + m.end() - (1 if t.endswith(".") else 0)
            return _Mention(pi, pos + m.start(), end, doc.paras[pi][pos + m.start():end], "pronoun")
        if collected and low in lang.mention_stops and not (low == "dari" and i + 1 < len(toks) and toks[i + 1].group()[:1].isupper() and not has_name):
            break
        if low in lang.anaphor_end and collected:
            collected.append(toks[i])
            kind = "anaphor"
            break
        if t[:1].isupper():
            c = _tok_class(lang, t.rstrip("."))
            if c in "HRO":
                has_role = True
            elif c == "X":
                has_name = True
        else:
            if has_name and low not in lang.particles:
                break
            if low in lang.roles:
                has_role = True
            elif not collected and low not in lang.person_anaphors and low not in lang.org_anaphors \
                    and low not in lang.roles and low not in ("the", "its", "his", "her", "their", "a", "an") \
                    and low not in lang.statement_nouns and not lang.code == "en":
                # '"...," tegas Kapolda' is a role; '"...," kata pria ...' a description; other words are not a speaker.
                pass
        collected.append(toks[i])
        i += 1
        if len(collected) >= 14:
            break
    while collected and collected[-1].group() in ",":
        collected.pop()
    if not collected:
        return None
    s = pos + collected[0].start()
    e = pos + collected[-1].end()
    if doc.paras[pi][e - 1:e] == "." and not _ABBREV_END.search(doc.paras[pi][s:e]):
        e -= 1
    return _make_mention(doc, pi, s, e, kind)


def _make_mention(doc: _Doc, pi: int, s: int, e: int, kind: str = "") -> _Mention | None:
    """Classify the mention text[s:e] (masked coordinates = original coordinates)."""
    lang = doc.lang
    masked = doc.masked[pi][s:e]
    raw = doc.paras[pi][s:e].strip()
    raw = lang.post_nominal.sub("", raw) if raw else raw
    stripped = lang.statement_phrase.sub(" ", masked).strip(" ,")
    low = stripped.lower()
    if not stripped:
        return None
    words = low.split()
    if low in lang.pronouns or (len(words) == 1 and words[0] in lang.pronouns):
        return _Mention(pi, s, e, raw, "pronoun")
    if low.startswith(lang.indefinite) and not any(w[:1].isupper() for w in stripped.split()[1:]):
        for ind in lang.indefinite:
            if low == ind or low.startswith(ind + " "):
                return _Mention(pi, s, e, raw, "anon")
    # Names inside: the last person-run, else an organisation run ("(Asbanda)" is the org's acronym).
    runs = _runs(lang, _PARENS.sub(lambda mm: " " * len(mm.group()), masked) if "(" in masked else masked)
    best: tuple[str, str] | None = None
    description = bool(words) and words[-1] in lang.anaphor_end and stripped[:1].islower()
    for run in runs:
        if description or _word_before(masked[:run[0][0]]) in lang.locative:
            continue  # 'pria asal Klaten itu': a place inside a description
        k, rk = _split_run(lang, run, masked[:run[0][0]].strip() == "")
        if rk == "person" and k < len(run):
            best = ("name", " ".join(t[2] for t in run[k:]))
        elif rk == "org" and (best is None or best[0] != "name"):
            best = ("org", masked[run[0][0]:run[-1][1]])
        elif rk == "other" and best is None and all(_tok_class(lang, t[2]) == "A" for t in run):
            best = ("org", masked[run[0][0]:run[-1][1]])
    # An acronym right after an org run belongs to it.
    if best and best[0] == "name":
        nm = best[1]
        if nm.lower() in lang.role_aliases and len(nm.split()) == 1:
            best = None
        elif nm.lower() in lang.not_name:
            best = None
    if best:
        alias_of = None
        al = doc.aliases.get(best[1].lower())
        if al:
            alias_of = " ".join(al)
        return _Mention(pi, s, e, raw, best[0], best[1], alias_of)
    # Alias names inside a description: 'pria yang akrab disapa Daeng Rapi itu'.
    for alias, full in doc.aliases.items():
        if alias in low:
            return _Mention(pi, s, e, raw, "name", " ".join(full), " ".join(full))
    if kind == "anaphor" or (words and words[-1] in lang.anaphor_end) or words[0] == "the" or words[0] == "its":
        head_words = set(words)
        if lang.code == "en" and words[0] in ("the", "its") and len(words) >= 3 and words[-1] in lang.org_anaphors:
            return _Mention(pi, s, e, raw, "org-desc", " ".join(words[1:]))  # 'the health ministry'
        if head_words & lang.org_anaphors:
            return _Mention(pi, s, e, raw, "org-anaphor", low)
        if low in lang.role_aliases:
            return _Mention(pi, s, e, raw, "role", lang.role_aliases[low])
        if head_words & lang.person_anaphors or _AGED.search(low):
            return _Mention(pi, s, e, raw, "anaphor")
        if lang.code == "en" and words[0] == "the":
            return _Mention(pi, s, e, raw, "org-desc", " ".join(words[1:]))
        return _Mention(pi, s, e, raw, "anaphor")
    if low in lang.role_aliases:
        return _Mention(pi, s, e, raw, "role", lang.role_aliases[low])
    if len(words) <= 3 and words[-1] in lang.role_aliases:
        return _Mention(pi, s, e, raw, "role", lang.role_aliases[words[-1]])
    if words[0] in lang.org_anaphors or (len(words) <= 2 and words[-1] in lang.org_anaphors):
        return _Mention(pi, s, e, raw, "org-anaphor", low)
    if lang.code == "en" and len(words) <= 4 and words[-1].endswith("s") and words[-1].rstrip("s") in lang.roles | {"official", "analyst", "villager", "resident", "expert", "witness", "source"}:
        return _Mention(pi, s, e, raw, "anon")
    if lang.code == "en" and words[0] in ("the", "its") and len(words) <= 5:
        return _Mention(pi, s, e, raw, "org-desc", " ".join(words[1:]))
    if lang.code == "en" and len(words) <= 4 and not any(w[:1].isupper() for w in stripped.split()):
        return _Mention(pi, s, e, raw, "org-desc", low)
    return None


def _mention_in_chunk(doc: _Doc, pi: int, s: int, e: int) -> _Mention | None:
    """The speaker in a subject stretch 'Dalam rapat ..., Hidayat' / 'Role, Name,' / 'Kemenlu dalam keterangannya'."""
    text = doc.masked[pi]
    seg = text[s:e]
    # Chunks separated by commas (not inside parentheses), right to left.
    bounds = []
    depth = 0
    last = 0
    for i, ch in enumerate(seg):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            bounds.append((last, i))
            last = i + 1
    bounds.append((last, len(seg)))
    first_named: _Mention | None = None
    for cs, ce in reversed(bounds):
        chunk = seg[cs:ce]
        if not chunk.strip():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        m = _make_mention(doc, pi, s + cs + lead, s + cs + trail)
        if m is None:
            continue
        if m.kind in ("name", "org", "pronoun", "anon", "role") or m.kind.endswith("anaphor"):
            return m
        if first_named is None and m.kind == "org-desc":
            first_named = m
    return first_named


# --------------------------------------------------------------------------- classification


def _classify(doc: _Doc) -> None:
    lang = doc.lang
    for pi, spans in enumerate(doc.spans):
        p = doc.paras[pi]
        stripped = p.strip()
        headline = not _PARA_END.search(stripped) and len(stripped.split()) <= _HEADLINE_MAX_WORDS
        prev_accepted: _Span | None = None
        for sp in spans:
            if sp.reason:
                continue
            if headline and not (sp.chain_next or sp.chain_prev):
                sp.reason = "headline-like paragraph"
                continue
            content = sp.text.strip()
            words = _WORD.findall(content)
            n = len(words)
            if n == 0:
                sp.reason = "empty"
                continue
            ends = bool(_ENDS_PUNCT.search(content)) or sp.close is None
            masked = doc.masked[pi]
            before = masked[:sp.open]
            # Attribution after the closing mark.
            if sp.close is not None:
                sp.attr, sp.after_end = _attribution_after(doc, pi, sp.close + 1)
                if sp.attr is not None:
                    sp.attr_kind = "after"
            if sp.attr is None:
                m = _attribution_before(doc, pi, sp.open)
                if m is not None:
                    sp.attr, sp.attr_kind = m, "before"
            if sp.attr is None and sp.close is not None and ends:
                m = _attribution_post(doc, pi, sp.close + 1)
                if m is not None:
                    sp.attr, sp.attr_kind = m, "post"
            initial = _sentence_initial(before)
            continuation = bool(
                prev_accepted is not None and prev_accepted.after_end >= 0 and
                _CONTINUATION_GAP.fullmatch(masked[prev_accepted.after_end:sp.open] if prev_accepted.after_end <= sp.open else "x")
            )
            cue = _word_before(before)
            title_case = _title_case(words)
            if sp.chain_prev is not None:
                sp.accepted = sp.chain_prev.accepted
                sp.reason = "" if sp.accepted else "chain"
            elif title_case and not (sp.attr and ends and n >= 3 and sp.attr_kind == "after"):
                sp.reason = "title-case"
            elif cue in lang.title_cues and not ends:
                sp.reason = f"title cue {cue!r}"
            elif sp.attr is not None and (ends or n >= 3) and (ends or sp.attr_kind != "after" or n >= 4):
                sp.accepted = True
            elif (initial or continuation) and ends and (n >= 2 or content.endswith(("?", "!"))):
                sp.accepted = True
            else:
                sp.reason = "fragment"
            if sp.accepted:
                prev_accepted = sp


def _sentence_initial(before: str) -> bool:
    b = before.rstrip()
    return b == "" or bool(_PARA_END.search(b[-8:]))


def _word_before(before: str) -> str:
    """The last word of a stretch, lowercased ('' when it ends in a number or nothing)."""
    i = len(before)
    stop = max(0, i - 40)
    while i > stop and not before[i - 1].isalnum():
        i -= 1
    j = i
    while j > stop and (before[j - 1].isalnum() or before[j - 1] in "-_"):
        j -= 1
    w = before[j:i]
    return w.lower() if w[:1].isalpha() else ""


def _title_case(words: list[str]) -> bool:
    alpha = [w for w in words[1:] if w[:1].isalpha() and len(w) >= 2]
    if len(alpha) < 2:
        return False
    caps = sum(1 for w in alpha if w[:1].isupper())
    return caps / len(alpha) >= _MAX_FRAGMENT_TITLE_RATIO


def _attribution_after(doc: _Doc, pi: int, pos: int) -> tuple[_Mention | None, int]:
    lang = doc.lang
    text = doc.masked[pi]
    tail = text[pos:pos + 260]
    m = lang.say_after.match(tail)
    if m:
        clitic = m.groupdict().get("clitic")
        verb_end = pos + m.end()
        if clitic:
            s = pos + m.start("clitic")
            return _Mention(pi, s, s + len(clitic), "-" + clitic, "pronoun"), verb_end
        mention = _mention_after(doc, pi, verb_end)
        if mention is not None:
            return mention, mention.end
        if m.group("verb") and m.group("verb").lower() in ("katanya", "paparnya"):
            s = pos + m.end("verb") - 3
            return _Mention(pi, s, s + 3, "-nya", "pronoun"), verb_end
        return None, -1
    m = lang.subj_then_verb_after.match(tail)
    if m:
        mention = _make_mention(doc, pi, pos + m.start("m"), pos + m.end("m"))
        if mention is not None:
            return mention, pos + m.end()
    return None, -1


def _attribution_before(doc: _Doc, pi: int, open_pos: int) -> _Mention | None:
    """'X mengatakan, "' / 'Menurut X, "' / 'Seperti dikutip dari X, "' / 'He warned: "'."""
    lang = doc.lang
    text = doc.masked[pi]
    s, _e = _sentence_of(doc, pi, max(0, open_pos - 1))
    # The cue sits right before the mark: search only the sentence's last 160 characters.
    s0 = s
    s = max(s0, open_pos - 160)
    seg = text[s:open_pos]
    m = lang.according_before.search(seg)
    if m:
        if m.groupdict().get("clitic"):
            cs = s + m.start("clitic")
            return _Mention(pi, cs, cs + len(m.group("clitic")), "-" + m.group("clitic"), "pronoun")
        who = m.group("m").strip()
        if who and not who.lower().startswith(lang.not_speaker):
            return _make_mention(doc, pi, s + m.start("m"), s + m.end("m"))
        return None
    m = lang.quoted_source_before.search(seg)
    if m:
        ms, me = s + m.start("m"), s + m.end("m")
        words = list(_NONSPACE.finditer(doc.masked[pi][ms:me]))
        k = 0
        while k < len(words) and words[k].group().lower().strip(",") in lang.medium_words | {"dari", "from", "the"}:
            k += 1
        if k < len(words):
            return _make_mention(doc, pi, ms + words[k].start(), me)
        return None
    m = lang.say_before.search(seg)
    if m:
        subj_end = s + m.start("verb")
        return _mention_in_chunk(doc, pi, s0, subj_end)
    return None


def _attribution_post(doc: _Doc, pi: int, pos: int) -> _Mention | None:
    """'"...." Demikian disampaikan X.' / '"...." X menyampaikan hal itu.' (same paragraph)."""
    lang = doc.lang
    text = doc.masked[pi]
    tail = text[pos:pos + 200]
    m = lang.post_passive.match(tail)
    if m:
        return _mention_after(doc, pi, pos + m.end())
    m = lang.post_active.match(tail)
    if m:
        return _make_mention(doc, pi, pos + m.start("m"), pos + m.end("m"))
    return None


# --------------------------------------------------------------------------- speakers


def _name_index(doc: _Doc) -> list[tuple[int, int, tuple[str, ...], tuple[str, ...]]]:
    if doc.names_low is None:
        doc.names_low = [(pi, pos, toks, tuple(t.lower() for t in toks)) for pi, pos, toks, _ctx, _pre in doc.names]
    return doc.names_low


def _canonical_name(doc: _Doc, tokens: tuple[str, ...], pi: int, pos: int) -> str:
    """The fullest name in the article containing these tokens (most recent before, else first after)."""
    index = _name_index(doc)
    low = tuple(t.lower() for t in tokens)
    if len(low) >= 3:
        # 'Karangsari Heru Prasetyo' (a place left in front) -> the registered 'Heru Prasetyo'.
        for _npi, _npos, toks, tl in index:
            if 2 <= len(tl) < len(low) and low[-len(tl):] == tl and low[0] not in doc.lang.name_prefixes:
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


def _entity_canonical(doc: _Doc, m: _Mention) -> str | None:
    for ent in doc.entities.get(m.para, ()):
        if ent.start < m.end and m.start < ent.end and _entity_kind(ent) in ("person", "org"):
            return ent.canonical
    return None


def _overlapping_entity_kind(doc: _Doc, m: _Mention) -> str | None:
    """Kind of the NER entity covering a mention, when the entities stage ran."""
    for ent in doc.entities.get(m.para, ()):
        if ent.start < m.end and m.start < ent.end:
            return _entity_kind(ent)
    return None


def _entity_kind(ent: Entity) -> str:
    label = ent.label.upper()
    if label.startswith("PER"):
        return "person"
    if label.startswith(("ORG", "NOR", "GPE")):
        return "org"
    return "other"


def _resolve(doc: _Doc, m: _Mention) -> tuple[str | None, str]:
    """(canonical speaker, event kind) for a mention; pronouns and descriptions look back."""
    ent = _entity_canonical(doc, m) if m.kind in ("name", "org") else None
    if m.kind == "name":
        # Our own name resolution first: it handles nicknames in quotes, honorific prefixes
        # (I Made, Ni Luh) and short forms better than the tagger's span boundaries do today;
        # the entity's canonical name is the fallback.
        if m.alias_of:
            return m.alias_of, "person"
        toks = tuple(m.name.split()) if m.name else ()
        al = doc.aliases.get(" ".join(toks).lower())
        if al:
            return " ".join(al), "person"
        own = _canonical_name(doc, toks, m.para, m.start)
        if ent and (not own or _extends(own, ent)):
            return ent, "person"  # the tagger knows the fuller name ('Sri' -> 'Sri Wahyuni Indrawati')
        return own or ent, "person"
    if m.kind == "org":
        if ent:
            return ent, "org"
        name = (m.name or m.text).strip()
        acr = _ACRONYM_DEF.search(name)
        if acr:
            name = name[:acr.start()].strip()
        if name in doc.acronyms:
            return doc.acronyms[name], "org"
        return name, "org"
    if m.kind in ("pronoun", "anaphor"):
        ev = _last_event(doc, m.para, m.start, ("person", "anon"))
        return (ev.canonical if ev else None), (ev.kind if ev else "anon")
    if m.kind == "org-anaphor":
        ev = _last_event(doc, m.para, m.start, ("org",))
        if ev:
            return ev.canonical, "org"
        ev = _last_event(doc, m.para, m.start, ("person",))
        return (ev.canonical if ev else None), "org"
    if m.kind == "org-desc":
        head = (m.name or "").split()[-1:] if m.name else []
        for ev in reversed(doc.events):
            if (ev.para, ev.pos) < (m.para, m.start) and ev.kind == "org" and ev.canonical and head and \
                    ev.canonical.lower().endswith(head[0].lower()):
                return ev.canonical, "org"
        if head and head[0] in doc.lang.org_anaphors and len((m.name or "").split()) == 1:
            ev = _last_event(doc, m.para, m.start, ("org",))
            if ev:
                return ev.canonical, "org"
        return (m.name or None), "org"
    if m.kind == "role":
        key = (m.name or "").lower()
        # The NER stage's roles first ('Menteri Perhubungan' for 'kata Menhub').
        by_role = [ent for ents in doc.entities.values() for ent in ents
                   if ent.role and key and key in ent.role.lower() and _entity_kind(ent) == "person"]
        if by_role:
            before = [ent for ent in by_role if (ent.paragraph, ent.start) <= (m.para, m.start)]
            return (before[-1] if before else by_role[0]).canonical, "person"
        found: tuple[str, ...] | None = None
        for npi, npos, toks, ctx, _pre in doc.names:
            if key and key in ctx:
                if (npi, npos) <= (m.para, m.start) or found is None:
                    found = toks
        if found:
            return _canonical_name(doc, found, m.para, m.start), "person"
        ev = _last_event(doc, m.para, m.start, ("person",))
        return (ev.canonical if ev else None), "person"
    return None, "anon"


_NAME_WORD = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ'’.]+$")


def _extends(own: str, ent: str) -> bool:
    """The entity's name is ours plus more name words, in order (not a tagger boundary slip like 'U-23 X')."""
    mine, theirs = own.split(), ent.split()
    if len(theirs) <= len(mine) or not all(w in theirs for w in mine):
        return False
    return all(_NAME_WORD.match(w) for w in theirs if w not in mine)


def _last_event(doc: _Doc, pi: int, pos: int, kinds: tuple[str, ...]) -> _Event | None:
    for ev in reversed(doc.events):
        if (ev.para, ev.pos) < (pi, pos) and ev.kind in kinds:
            return ev
    return None


def _add_event(doc: _Doc, pi: int, pos: int, kind: str, canonical: str | None, m: _Mention | None = None,
               lazy: bool = False) -> None:
    ev = _Event(pi, pos, kind, canonical, m, doc if lazy else None)
    # Keep document order (events arrive almost sorted).
    k = len(doc.events)
    while k > 0 and (doc.events[k - 1].para, doc.events[k - 1].pos) > (pi, pos):
        k -= 1
    doc.events.insert(k, ev)


def _sentence_topics(doc: _Doc, pi: int) -> list[tuple[int, _Mention]]:
    """The topic of each sentence outside quotes: its subject if one is named, else its first name.

    An unnamed subject ('Seorang warga ...', 'One engineer who ...') is a topic too (speaker
    unknown) unless a name follows in apposition ('Salah seorang pengungsi, Ujang Sobari, ...').
    """
    lang = doc.lang
    text = doc.masked[pi]
    p = doc.paras[pi]
    out: list[tuple[int, _Mention]] = []
    for (s, e), sruns in zip(doc.sentences[pi], doc.sent_runs[pi], strict=True):
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        low = seg.lstrip().lower()
        indefinite = next((ind for ind in lang.indefinite if low.startswith(ind + " ")), None)
        skip_to = s + lead + (len(indefinite) if indefinite else 0)
        cands: list[tuple[int, _Mention, bool]] = []
        for ri, run in enumerate(sruns):
            if indefinite and run[0][0] < skip_to:
                run = [t for t in run if t[0] >= skip_to]
            if not run:
                continue
            before = text[s:run[0][0]]
            initial = before.strip(" \"“”'‘(") == ""
            k, kind = _split_run(lang, run, initial)
            if kind == "other":
                continue
            if kind == "person" and _word_before(before) in lang.locative:
                continue
            if kind == "person" and initial and k == 0 and len(run) == 1 and \
                    not _looks_like_subject(lang, text, run[-1][1]) and \
                    run[0][2].lower() not in doc.standalone and run[0][2] not in doc.name_tokens:
                continue
            # 'Kuasa hukum Gunawan, Andreas Simatupang, menilai': the apposition is the subject.
            ap = _COMMA_GAP.match(text, run[-1][1], e)
            if ap and ri + 1 < len(sruns) and sruns[ri + 1][0][0] == ap.end():
                k2, kind2 = _split_run(lang, sruns[ri + 1], False)
                if kind2 == "person":
                    run, k, kind = sruns[ri + 1], k2, "person"
            subj = _looks_like_subject(lang, text, run[-1][1])
            if kind == "org" and run[0][0] == 0 and _DATELINE_TAIL.match(text, run[-1][1]) and \
                    all(t[2].isupper() for t in run):
                continue  # a dateline ('MAKASSAR, Indonesia —'), not a subject
            if kind == "person":
                name = " ".join(t[2] for t in run[k:])
                m = _Mention(pi, run[k][0], run[-1][1], p[run[k][0]:run[-1][1]], "name", name)
            else:
                if not initial and not subj:
                    continue
                m = _Mention(pi, run[0][0], run[-1][1], p[run[0][0]:run[-1][1]], "org", text[run[0][0]:run[-1][1]])
            cands.append((m.start, m, subj))
            if subj and kind == "person" and not indefinite:
                break  # the named subject: no need to look further
        if indefinite:
            commas = [i for i, ch in enumerate(text[s:e]) if ch == ","]
            limit = s + commas[1] if len(commas) >= 2 else (s + commas[0] if commas else s)
            named = [c for c in cands if c[1].kind == "name" and c[0] <= limit + 2]
            if named:
                out.append((named[0][0], named[0][1]))
            else:
                out.append((s + lead, _Mention(pi, s + lead, skip_to, p[s + lead:skip_to], "anon")))
            continue
        if cands:
            pick = next((c for c in cands if c[2] and c[1].kind == "name"), None) or \
                next((c for c in cands if c[2]), None) or cands[0]
            out.append((pick[0], pick[1]))
            continue
        # Pronoun subjects keep the topic; an alias line 'Wati, sapaan akrabnya' renames it.
        mm = _FIRST_WORD.match(seg)
        if mm and lang.alias_before.match(seg[mm.end():]):
            out.append((s + mm.start(1), _Mention(pi, s + mm.start(1), s + mm.end(1), mm.group(1), "alias-topic", mm.group(1))))
    return out


# --------------------------------------------------------------------------- attribution pass


def _attribute(doc: _Doc) -> list[Quote]:
    quotes: list[tuple[int, int, Quote]] = []
    for pi in range(len(doc.paras)):
        # Sentence topics of this paragraph, interleaved with the speakers of its quotes.
        for pos, mention in _sentence_topics(doc, pi):
            if mention.kind == "alias-topic":
                ev = _last_event(doc, pi, pos, ("person",))
                if ev and ev.canonical:
                    doc.aliases[mention.text.lower()] = tuple(ev.canonical.split())
                    _add_event(doc, pi, pos, "person", ev.canonical, mention)
                continue
            if mention.kind == "anon":
                _add_event(doc, pi, pos, "anon", None, mention)
                continue
            kind = "person" if mention.kind == "name" else "org"
            tagged = _overlapping_entity_kind(doc, mention)
            if tagged == "other":
                continue  # the tagger says it is a place (or other): never a speaker to refer back to
            if tagged == "org":
                kind = "org"
            _add_event(doc, pi, pos, kind, None, mention, lazy=True)
        spans = [sp for sp in doc.spans[pi] if sp.accepted]
        for idx, sp in enumerate(spans):
            if sp.chain_prev is not None and sp.chain_prev.accepted:
                continue  # resolved with its chain head
            chain = [sp]
            while chain[-1].chain_next is not None and chain[-1].chain_next.accepted:
                chain.append(chain[-1].chain_next)
            speaker, stext = _speaker_for(doc, sp, spans, idx, chain)
            for member in chain:
                member.speaker, member.speaker_text = speaker, stext
        for sp in spans:
            text = sp.text.strip()
            if sp.close is not None:
                text = text.rstrip(",").rstrip()
            if text:
                quotes.append((pi, sp.open, Quote(text=text, speaker=sp.speaker, speaker_text=sp.speaker_text,
                                                  paragraph=pi, direct=True)))
        for pos, q in _indirect(doc, pi):
            quotes.append((pi, pos, q))
    quotes.sort(key=lambda t: (t[0], t[1]))
    return [q for _pi, _pos, q in quotes]


def _speaker_for(doc: _Doc, sp: _Span, spans: list[_Span], idx: int, chain: list[_Span]) -> tuple[str | None, str | None]:
    pi = sp.para
    mention: _Mention | None = None
    for member in chain:
        if member.attr is not None and member.attr_kind == "after":
            mention = member.attr
    if mention is None:
        for member in chain:
            if member.attr is not None:
                mention = member.attr
                break
    if mention is not None:
        canon, kind = _resolve(doc, mention)
        pos = mention.start
        _add_event(doc, mention.para, pos, kind if kind != "anon" or canon else "anon", canon, mention)
        stext = mention.text
        if mention.kind == "pronoun" and not stext.startswith("-"):
            stext = mention.text
        return canon, stext
    # No attribution of its own: a neighbour in the same paragraph, before then after.
    for j in range(idx - 1, -1, -1):
        prev = spans[j]
        if prev.speaker_text is not None or prev.speaker is not None:
            if not _topic_between(doc, pi, prev.end, sp.open):
                return prev.speaker, prev.speaker_text
            break
    for j in range(idx + 1, len(spans)):
        nxt = spans[j]
        if nxt.attr is not None and nxt.chain_prev is None:
            canon, _kind = _resolve(doc, nxt.attr)
            return canon, nxt.attr.text
    # The next paragraph names the speaker: 'Pernyataan tegas itu disampaikan X'.
    last = chain[-1]
    if last.para + 1 < len(doc.paras):
        m = _attribution_post(doc, last.para + 1, 0)
        if m is not None:
            canon, kind = _resolve(doc, m)
            _add_event(doc, m.para, m.start, kind, canon, m)
            return canon, m.text
    # Otherwise the current topic (this paragraph first, then earlier).
    ev = _last_event(doc, pi, sp.open, ("person", "anon", "org"))
    if ev is not None:
        return ev.canonical, (ev.mention.text if ev.mention else None)
    return None, None


def _topic_between(doc: _Doc, pi: int, start: int, end: int) -> bool:
    return any(ev.para == pi and start < ev.pos < end and ev.kind in ("person", "org") for ev in doc.events)


# --------------------------------------------------------------------------- indirect speech


def _indirect(doc: _Doc, pi: int) -> list[tuple[int, Quote]]:
    lang = doc.lang
    text = doc.masked[pi]
    p = doc.paras[pi]
    out: list[tuple[int, Quote]] = []
    if not lang.indirect_cue.search(text):
        return out
    for s, e in doc.sentences[pi]:
        seg = text[s:e].rstrip()
        if any(s <= sp.open < e for sp in doc.spans[pi] if sp.accepted):
            continue  # sentences carrying direct speech are reported as direct quotes
        body = seg.rstrip(".!?…").rstrip()
        if len(body.split()) < 4:
            continue
        found: tuple[int, int, _Mention | None] | None = None
        m = lang.according_start.match(body)
        if m:
            who = (m.group("m") or "").strip()
            if m.groupdict().get("clitic"):
                cs = s + m.start("clitic")
                mention = _Mention(pi, cs, cs + len(m.group("clitic")), "-" + m.group("clitic"), "pronoun")
                found = (s + m.start("clause"), s + m.end("clause"), mention)
            elif who and not who.lower().startswith(lang.not_speaker):
                mention = _make_mention(doc, pi, s + m.start("m"), s + m.end("m"))
                if mention is not None:
                    found = (s + m.start("clause"), s + m.end("clause"), mention)
        if found is None and lang.code == "en":
            m = lang.according_end.match(body)
            if m and not m.group("m").lower().startswith(lang.not_speaker):
                mention = _make_mention(doc, pi, s + m.start("m"), s + m.end("m"))
                if mention is not None:
                    found = (s + m.start("clause"), s + m.end("clause"), mention)
            if found is None:
                m = lang.trailing_said.match(body)
                if m and len(m.group("clause").split()) >= 4:
                    mention = _make_mention(doc, pi, s + m.start("m"), s + m.end("m"))
                    if mention is not None:
                        found = (s + m.start("clause"), s + m.end("clause"), mention)
        if found is None:
            m = lang.indirect.search(body)
            if m and len(m.group("clause").split()) >= 3:
                mention = _mention_in_chunk(doc, pi, s, s + m.start("verb"))
                subj = text[s:s + m.start("verb")]
                if mention is not None and (mention.kind != "org-desc" or len(subj.split()) <= 6):
                    found = (s + m.start("clause"), s + m.end("clause"), mention)
        if found is None:
            continue
        cs, ce, mention = found
        clause = p[cs:ce].strip().rstrip(",").strip()
        if not clause or mention is None:
            continue
        canon, kind = _resolve(doc, mention)
        if mention.kind != "anon":
            _add_event(doc, pi, mention.start, kind, canon, mention)
        out.append((cs, Quote(text=clause, speaker=canon if mention.kind != "anon" else None,
                              speaker_text=mention.text, paragraph=pi, direct=False)))
    return out
