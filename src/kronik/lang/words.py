"""Typed word tables of a language pack, one dataclass per annotator.

A pack's data modules (``kronik.lang.<code>.time_words``, ...) define every
table as an UPPER_CASE constant; :func:`load` reads them into these
dataclasses and refuses a module that lacks one, so a language states each
table explicitly (empty where it has none) and annotators read typed fields,
never ``getattr`` with a default.
"""

from __future__ import annotations

import dataclasses
import importlib
from types import ModuleType
from typing import Any, TypeVar, get_type_hints

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class TimeWords:
    """Words for time expressions (read by ``kronik.annotate.times``); see ``kronik.lang.id.time_words``."""

    # calendar
    months: dict[str, int]
    weekdays: dict[str, int]
    month_day_order: bool            # "March 5" (English) besides "5 Maret"
    seasons: dict[str, str]
    holidays: dict[str, tuple[int, int, str | None]]
    holiday_block_after: tuple[str, ...]
    holiday_block_before: tuple[str, ...]
    # numbers and units
    number_words: dict[str, float]
    teen_word: str | None
    number_multipliers: dict[str, int]
    decimal_separator: str
    one_prefix: str
    ordinals: dict[str, int]
    units: dict[str, str]
    vague_quantities: dict[str, str | None]
    reduplicated_units: dict[str, str]
    ambiguous_unit_weekday: tuple[str, ...]
    times_signs: tuple[str, ...]
    # relative words
    relative_after: dict[str, int]
    relative_before: dict[str, int]
    counted_relative_after: dict[str, int]
    counted_from_mention: tuple[str, ...]
    unit_from_mention: dict[str, int]
    duration_after: tuple[str, ...]
    half_after_unit: tuple[str, ...]
    period_parts: dict[str, str]
    modifiers_before: tuple[str, ...]
    range_words: tuple[str, ...]
    count_range_words: tuple[str, ...]   # "2-3 menit", "dua hingga tiga jam"
    # heads before a number or name ("tanggal 5", "hari Senin", "bulan Mei", "tahun 2020")
    day_head: tuple[str, ...]
    weekday_head: tuple[str, ...]
    month_head: tuple[str, ...]
    year_head: tuple[str, ...]
    decade_head: tuple[str, ...]         # besides the year heads: "era 1990-an", "the 1990s"
    century_words: tuple[str, ...]
    quarter_words: tuple[str, ...]       # a one-letter word ("Q") counts only glued to its number ("Q2 2017")
    half_year_words: tuple[str, ...]     # those of quarter_words that name a half year
    quarter_ordinals: tuple[str, ...]    # ordinal words after a quarter word (digits and roman numerals always)
    week_words: tuple[str, ...]
    date_slash_after: tuple[str, ...]    # words after which "22/4" alone is a date
    # days and parts of day
    deictic_days: dict[str, int]
    story_days: dict[str, int]
    parts_of_day: dict[str, str]
    pm_parts: tuple[str, ...]
    night_word: str                      # the part of day whose hours 6-11 are evening ("malam")
    midday_word: str                     # the part of day that is PM only after 6 o'clock is not meant ("siang")
    pod_after: dict[str, str]
    pod_before: dict[str, int]
    pod_before_story: dict[str, int]
    pod_suffix_story: str
    pod_head: tuple[str, ...]
    last_night: tuple[str, ...]
    last_night_block_after: tuple[str, ...]
    weekend: tuple[str, ...]
    weekday_block_before: tuple[str, ...]
    fixed_times: dict[str, tuple[int, str]]
    # clock times
    clock_prefix: tuple[str, ...]
    clock_bare_prefix: str               # the prefix that alone ("jam 10") needs a confirming word after it
    clock_confirm_after: tuple[str, ...]
    clock_hour_words: dict[str, int]
    clock_after: dict[str, int]
    clock_ampm: dict[str, str]
    clock_bare_colon: bool
    zone_words: tuple[str, ...]
    # references, anaphora, sets
    anaphoric: tuple[str, ...]
    anaphoric_fallback: str | None
    references: dict[str, str]
    guarded_references: dict[str, tuple[str, tuple[str, ...]]]
    clause_edge_references: dict[str, str]
    set_words: dict[str, str]
    vague_durations: dict[str, str]
    set_prefix: tuple[str, ...]
    set_once_after: tuple[str, ...]
    frequency_word: str
    rate_prefix: tuple[str, ...]         # "per hari": a unit after these is a rate (SET)
    # never times, and tense
    not_time_before: tuple[str, ...]
    not_year_after: tuple[str, ...]
    coordinate_words: tuple[str, ...]
    year_link_words: tuple[str, ...]     # between a list of months and the one year they share ("di", "pada tahun")
    attribution_cues: tuple[str, ...]
    generic_cues: tuple[str, ...]        # advice and habits: clock times of no particular day
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]


def load(cls: type[T], module: ModuleType) -> T:
    """``cls`` filled from ``module``'s UPPER_CASE constants (one per field); tuples and dicts copied.

    Raises ``AttributeError`` naming the missing constants: every table must be stated, even when empty.
    """
    assert dataclasses.is_dataclass(cls)
    hints = get_type_hints(cls)
    fields = [f.name for f in dataclasses.fields(cls)]
    missing = [f.upper() for f in fields if not hasattr(module, f.upper())]
    if missing:
        raise AttributeError(f"{module.__name__} lacks {', '.join(missing)} (state each table, empty if none)")
    values: dict[str, Any] = {}
    for name in fields:
        raw = getattr(module, name.upper())
        origin = getattr(hints[name], "__origin__", None)
        values[name] = (tuple(raw) if origin is tuple else dict(raw) if origin is dict
                        else frozenset(raw) if origin is frozenset else raw)
    return cls(**values)


@dataclasses.dataclass(frozen=True)
class QuoteWords:
    """How a language attributes speech (read by ``kronik.annotate.quotes``); see ``kronik.lang.id.quote_verbs``.

    Fields ending in ``_pattern`` are regular-expression fragments; ``indirect_pattern`` has the placeholders
    ``<VERBS>``, ``<COMP>`` (the complementiser and the clause openers) and ``<TOPIC>`` (the topic objects).
    """

    say_after: tuple[str, ...]
    say_after_lead: tuple[str, ...]          # regex fragments before an after-verb: '"...," demikian kata X'
    say_after_statement_lead: tuple[str, ...]  # '"...," demikian pernyataan X': a statement noun as the verb after
                                               # these regex fragments (empty: the language has no such form)
    subject_before_say_after: bool           # '"...," X said': the subject before the verb after a quote
    clitic: str
    pronouns: tuple[str, ...]
    statement_nouns: tuple[str, ...]
    say_before: tuple[str, ...]
    indirect_verbs: tuple[str, ...]
    indirect_pattern: str
    complementizer: str
    clause_openers: tuple[str, ...]          # other words that open reported content ('agar', 'jika'): <COMP> too
    topic_objects: tuple[str, ...]           # a verb's object that only names a topic ('hal itu', 'rencana'): no content
    predicate_words: frozenset[str]          # words that make content a clause, not a noun phrase (empty: no test)
    relative_words: frozenset[str]           # after these a predicate belongs to a relative clause ('yang')
    clause_initial_prefixes: tuple[str, ...]  # a first content word with these is the verb of an elided subject
    not_report_before: frozenset[str]        # a speech verb right after these has no speaker ('untuk mendorong')
    report_continuers: frozenset[str]        # a subject of only these continues the last speaker ('seraya menambahkan')
    passive_prefixes: tuple[str, ...]        # a passive verb before a speech verb ends another clause ('... dilakukan ...')
    according: tuple[str, ...]
    according_after_clause: bool             # '..., according to X' and '..., X said.' close a sentence
    trailing_said: tuple[str, ...]           # the verbs of '..., X said.' (empty: the language has no such form)
    connectors: tuple[str, ...]              # regex fragments that may open an 'according to' sentence
    according_not_speaker: tuple[str, ...]
    statement_phrases: tuple[str, ...]
    quoted_source: tuple[str, ...]
    medium_words: tuple[str, ...]
    post_lead: str
    post_passive: tuple[str, ...]
    post_active: tuple[str, ...]
    post_object: str
    title_cues: tuple[str, ...]
    mention_stops: tuple[str, ...]
    anaphor_end: tuple[str, ...]
    read_also: str
    definite_articles: tuple[str, ...]       # 'the health ministry' describes an organisation
    determiners: tuple[str, ...]             # 'the'/'its' + a short description
    plural_suffix: str                       # 'officials', 'analysts': unnamed when a role word takes it
    unnamed_plural_heads: frozenset[str]     # besides the role words
    unnamed_heads: frozenset[str]            # a bare lowercase noun subject that names no one ('pedagang mengaku')
    lowercase_descriptions: bool             # a short all-lowercase speaker is an organisation description


@dataclasses.dataclass(frozen=True)
class SpeakerWords:
    """Words around a speaker's name (read by the quote annotator's name resolver); see ``kronik.lang.id.speakers``."""

    honorifics: frozenset[str]
    ranks: frozenset[str]
    role_words: frozenset[str]
    org_heads: frozenset[str]
    not_name: frozenset[str]
    place_heads: frozenset[str]
    function_words: frozenset[str]
    name_particles: frozenset[str]
    name_prefixes: frozenset[str]
    post_nominal: str
    role_aliases: dict[str, str]
    person_anaphors: frozenset[str]
    org_anaphors: frozenset[str]
    indefinite: tuple[str, ...]
    person_indefinite: tuple[str, ...]       # indefinites that always count people ('seorang'); the others
                                             # ('salah satu', 'sejumlah') only before a person word
    locative: frozenset[str]
    alias_after: str
    alias_before: str
    verb_prefixes: tuple[str, ...]
    subject_followers: frozenset[str]


@dataclasses.dataclass(frozen=True)
class TitleWords:
    """Titles, roles and degrees around a person's name (read by the entity annotator); see ``kronik.lang.id.titles``."""

    titles: frozenset[str]
    title_phrases: tuple[str, ...]
    role_words: frozenset[str]
    role_modifiers: frozenset[str]
    honorifics: frozenset[str]
    ranks: frozenset[str]
    degrees: frozenset[str]
    org_words: frozenset[str]
    place_words: frozenset[str]
    name_connectors: frozenset[str]
    role_stop: frozenset[str]
    initial_markers: frozenset[str]
    platforms: frozenset[str]
    unit_heads: frozenset[str]
    org_suffixes: frozenset[str]
    nickname_cues: frozenset[str]
    product_brands: frozenset[str]
    generic_acronyms: frozenset[str]


@dataclasses.dataclass(frozen=True)
class NameWords:
    """Everything a language says about names: the entity annotator's titles and the quote annotator's speakers.

    Two tables today because the two annotators grew their own; one resolver over one table is the next step
    (issue 13), and it changes canonical names, so it is measured on its own.
    """

    titles: TitleWords
    speakers: SpeakerWords


def read_tables(code: str, *, aliases_from: str | None = None) -> dict[str, Any]:
    """The word tables of ``kronik.lang.<code>``'s data modules, typed, as ``LanguagePack`` keyword arguments.

    ``aliases_from``: the language whose alias table this one shares (one table for the corpus).
    """

    def data(name: str, lang: str = code) -> ModuleType:
        return importlib.import_module(f"kronik.lang.{lang}.{name}")

    aliases = data("aliases", aliases_from or code)
    return {
        "time": load(TimeWords, data("time_words")),
        "abbreviations": frozenset(data("abbreviations").ABBREVIATIONS),
        "name_abbreviations": frozenset(data("abbreviations").NAME_ABBREVIATIONS),
        "quote": load(QuoteWords, data("quote_verbs")),
        "names": NameWords(titles=load(TitleWords, data("titles")), speakers=load(SpeakerWords, data("speakers"))),
        "aliases": dict(aliases.ALIASES),
        "alias_exact_max_len": int(aliases.CASE_SENSITIVE_MAX_LEN),
        "alias_context": dict(aliases.CONTEXT),
    }
