"""Quote words of a language compiled into patterns (``_Lang``), and the shared character classes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kronik.lang.base import LANGUAGES, get_pack, name_abbreviations, pack_data

_MARK = re.compile(r'["“”„‟«»]')
_MARKS = '"“”„‟«»'
_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d+(?:[.,]\d+)*", re.UNICODE)
_NAME_TOKEN = re.compile(r"[^\W\d_](?:[\w\-]|['’](?![sS]\b))*", re.UNICODE)
_SENT_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+")
_ENDS_PUNCT = re.compile(r"[,.!?…;]\s*['’‘]*\s*$")
_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Za-z0-9&\-]{1,14})\)")
_ABBREV = name_abbreviations()  # every pack's (lang.base): a name ending in one is not cut at its dot
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
    indirect_cue: frozenset[str]  # lowercase words of which a paragraph needs one to hold reported speech
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
    title_phrases: frozenset[str]  # 'direktur jenderal': a rank word inside a title is part of the role
    person_anaphors: frozenset[str]
    org_anaphors: frozenset[str]
    indefinite: tuple[str, ...]
    person_indefinite: tuple[str, ...]
    locative: frozenset[str]
    alias_after: re.Pattern[str]
    alias_before: re.Pattern[str]
    verb_prefixes: tuple[str, ...]
    subject_followers: frozenset[str]
    stop_words: frozenset[str]
    common_word: Callable[[str], bool]  # an affixed common word ("Tuntutan", "Awalnya"): never the start of a name
    calendar: frozenset[str]
    time_words: frozenset[str]  # words of a time phrase ('Last month', 'On Tuesday', 'early September')
    date_abbrevs: frozenset[str]  # month and day abbreviations, time words only when written with a dot ('Sept.')
    say_words: frozenset[str]
    according_after_clause: bool
    definite_articles: frozenset[str]
    determiners: frozenset[str]
    plural_suffix: str
    unnamed_plural_heads: frozenset[str]
    unnamed_heads: frozenset[str]
    lowercase_descriptions: bool
    predicate_words: frozenset[str]
    relative_words: frozenset[str]
    clause_initial_prefixes: tuple[str, ...]
    not_report_before: frozenset[str]
    report_continuers: frozenset[str]
    passive_prefixes: tuple[str, ...]
    according_bare: re.Pattern[str]


def _alt(words: Any) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


def _never(_word: str) -> bool:
    return False


def _common_word_test(code: str) -> Callable[[str], bool]:
    """The pack's test for affixed common words (its stemmer's dictionary), or none for a pack without one."""
    try:
        test = getattr(pack_data(code, "stemmer"), "is_derived_word", None)
    except KeyError:
        return _never
    return test if callable(test) else _never


def _time_words(pack: Any, calendar: frozenset[str], locative: frozenset[str]) -> frozenset[str]:
    """Words that make up a time phrase in the pack's time data: a chunk of only these ('Last month', 'Early
    on Tuesday') is when something was said, never who said it."""
    tw = pack.time
    single = {w for table in (tw.units, tw.relative_before, tw.deictic_days, tw.seasons, tw.parts_of_day,
                              tw.period_parts) for w in table if " " not in w}
    return frozenset({w.lower() for w in single} | calendar | locative)


@lru_cache(maxsize=8)
def _lang(code: str) -> _Lang:
    if code not in LANGUAGES:
        code = "id"
    pack = get_pack(code)
    qv, sp = pack.quote, pack.names.speakers
    clitic = qv.clitic
    after_verbs = _alt(qv.say_after)
    clitic_part = f"(?P<clitic>{re.escape(clitic)})?" if clitic else "(?P<clitic>(?!))?"
    lead = "|".join(qv.say_after_lead)
    if qv.say_after_statement_lead:
        # '"...," kata X' / '"...," ujarnya' / '"...," demikian pernyataan X'
        statement = _alt(qv.statement_nouns)
        say_after = re.compile(
            rf"^\s*[,.]?\s*(?:(?:{lead})\s+(?:(?:{statement})\s+)?)?(?P<verb>{after_verbs}){clitic_part}\b\s*"
            rf"|^\s*[,.]?\s*(?:{'|'.join(qv.say_after_statement_lead)})\s+(?P<verb2>{statement})\b\s*",
            re.IGNORECASE,
        )
    else:
        say_after = re.compile(
            rf"^\s*[,.]?\s*(?:(?:{lead})\s+)?(?P<verb>{after_verbs}){clitic_part}\b\s*",
            re.IGNORECASE,
        )
    # '"...," X said' (the subject before the verb, after the quote)
    subj_then_verb_after = re.compile(
        rf"^\s*,?\s*(?P<m>(?:[\w'’.\-]+\s+){{0,6}}?[\w'’.\-]+)\s+(?P<verb>{after_verbs})\b",
        re.IGNORECASE,
    ) if qv.subject_before_say_after else re.compile(r"(?!)")
    before_verbs = _alt(qv.say_before)
    say_before = re.compile(
        rf"(?P<verb>\b(?:{before_verbs}))\b(?P<tail>[^,:;.!?\"“”]{{0,60}}?)\s*[,:]\s*$",
        re.IGNORECASE,
    )
    according = _alt(qv.according)
    according_before = re.compile(rf"\b(?:{according})(?P<clitic>{re.escape(clitic)})?\b\s*(?P<m>[^,:]{{0,80}}?)\s*[,:]\s*$" if clitic
                                  else rf"\b(?:{according})\b\s*(?P<m>[^,:]{{1,80}}?)\s*[,:]\s*$", re.IGNORECASE)
    quoted_source_before = re.compile(rf"\b(?:{_alt(qv.quoted_source)})\s+(?P<m>[^,:]{{1,100}}?)\s*[,:]\s*$", re.IGNORECASE)
    post_passive = re.compile(
        rf"^\s*(?:{qv.post_lead})\s+(?:{_alt(qv.post_passive) or '(?!)'})\s+(?:oleh\s+)?",
        re.IGNORECASE,
    )
    post_active = re.compile(
        rf"^\s*(?P<m>[^.,;!?\"“”]{{1,80}}?)\s+(?:{_alt(qv.post_active) or '(?!)'})\s+(?:{qv.post_object})\b",
        re.IGNORECASE,
    )
    ind_verbs = _alt(qv.indirect_verbs)
    comp = _alt((qv.complementizer, *qv.clause_openers))
    topic = _alt(qv.topic_objects) or "(?!)"
    indirect = re.compile(qv.indirect_pattern.replace("<VERBS>", ind_verbs).replace("<COMP>", comp)
                          .replace("<TOPIC>", topic), re.IGNORECASE)
    according_start = re.compile(
        rf"^(?:(?:{'|'.join(qv.connectors)})\s*,?\s*)?(?:{according})(?P<clitic>{re.escape(clitic) if clitic else '(?!)'})?\b\s*(?P<m>[^,]{{0,80}}?)\s*,\s*(?P<clause>[^\"“”].*)$",
        re.IGNORECASE,
    )
    # 'Menurutnya inflasi ...' / 'Menurut Prabowo keberadaan ...': no comma after the source.
    according_bare = re.compile(
        rf"^(?:(?:{'|'.join(qv.connectors)})\s*,?\s*)?(?:{according})(?P<clitic>{re.escape(clitic) if clitic else '(?!)'})?\b\s*(?P<rest>[^\"“”,].*)$",
        re.IGNORECASE,
    )
    according_end = re.compile(rf"^(?P<clause>.+?),\s*(?:{according})\s+(?P<m>[^,]{{1,80}}?)(?:,[^,]*)?$", re.IGNORECASE)
    if qv.trailing_said:
        trailing_said = re.compile(
            rf"^(?P<clause>[^\"“”].+?),\s*(?P<m>(?:[\w'’.\-]+\s+){{0,6}}?[\w'’.\-]+)\s+(?:{_alt(qv.trailing_said)})\b(?P<rest>.*)$",
            re.IGNORECASE,
        )
    else:
        trailing_said = re.compile(r"(?!)")
    statement_phrase = re.compile(r"\s*(?:" + "|".join(qv.statement_phrases) + r")\s*", re.IGNORECASE)
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
        read_also=re.compile(qv.read_also, re.IGNORECASE),
        indirect_cue=frozenset({*(v.lower() for v in qv.indirect_verbs),
                                *(a.split()[0].lower() for a in qv.according),
                                *(a.split()[0].lower() + clitic for a in qv.according if clitic)}),
        title_cues=frozenset(qv.title_cues),
        mention_stops=frozenset(qv.mention_stops),
        anaphor_end=frozenset(qv.anaphor_end),
        pronouns=frozenset(qv.pronouns),
        clitic=clitic,
        statement_nouns=frozenset(qv.statement_nouns),
        not_speaker=tuple(qv.according_not_speaker),
        medium_words=frozenset(qv.medium_words),
        honorifics=sp.honorifics,
        ranks=sp.ranks,
        roles=sp.role_words,
        org_heads=sp.org_heads,
        not_name=sp.not_name,
        place_heads=sp.place_heads,
        function_words=sp.function_words,
        particles=sp.name_particles,
        name_prefixes=sp.name_prefixes,
        post_nominal=re.compile(r",?\s*" + sp.post_nominal + r"(?:\s*,?\s*" + sp.post_nominal + r")*"),
        role_aliases=dict(sp.role_aliases),
        title_phrases=frozenset(t.lower() for t in pack.names.titles.title_phrases),
        person_anaphors=sp.person_anaphors,
        org_anaphors=sp.org_anaphors,
        indefinite=tuple(sp.indefinite),
        person_indefinite=tuple(sp.person_indefinite),
        locative=sp.locative,
        alias_after=re.compile(sp.alias_after, re.IGNORECASE),
        alias_before=re.compile(sp.alias_before, re.IGNORECASE),
        verb_prefixes=tuple(sp.verb_prefixes),
        subject_followers=sp.subject_followers,
        stop_words=pack.stop_words,
        common_word=_common_word_test(code),
        calendar=calendar,
        time_words=_time_words(pack, calendar, sp.locative),
        date_abbrevs=frozenset(k.lower() for k in (*pack.weekdays, *pack.months)) - calendar,
        # Verbs that follow their subject ('Budi mengatakan'; English 'Biden said'): the after-quote verbs only
        # where a subject comes first ('"...," kata X' in Indonesian: 'Langkah tegas ...' has no verb 'tegas').
        say_words=frozenset(w.lower() for w in (*(qv.say_after if qv.subject_before_say_after else ()),
                                                *qv.say_before, *qv.indirect_verbs)),
        according_after_clause=qv.according_after_clause,
        definite_articles=frozenset(qv.definite_articles),
        determiners=frozenset(qv.determiners),
        plural_suffix=qv.plural_suffix,
        unnamed_plural_heads=qv.unnamed_plural_heads,
        unnamed_heads=qv.unnamed_heads,
        predicate_words=qv.predicate_words,
        relative_words=qv.relative_words,
        clause_initial_prefixes=qv.clause_initial_prefixes,
        not_report_before=qv.not_report_before,
        report_continuers=qv.report_continuers,
        passive_prefixes=qv.passive_prefixes,
        according_bare=according_bare,
        lowercase_descriptions=qv.lowercase_descriptions,
    )
