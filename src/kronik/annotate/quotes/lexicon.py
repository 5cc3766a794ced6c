"""Quote words of a language compiled into patterns (``_Lang``), and the shared character classes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kronik.lang.base import LANGUAGES, get_pack, pack_data

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
