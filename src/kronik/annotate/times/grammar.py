"""The grammar of a language: patterns built from the pack's time words, atoms of a paragraph, tense cues."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

from kronik.annotate.times.atoms import AtomRules
from kronik.annotate.times.values import _TOKEN, EU, B, E, _alt
from kronik.lang.base import get_pack
from kronik.lang.words import TimeWords

if TYPE_CHECKING:
    from kronik.annotate.times.model import Atom


# ----------------------------------------------------------------------------------------------
# the grammar: regexes built from a language's word tables
# ----------------------------------------------------------------------------------------------


class Grammar(AtomRules):
    """Compiled patterns and lookups for one language."""

    def __init__(self, w: TimeWords) -> None:
        self.w = w
        self.months: dict[str, int] = dict(w.months)
        self.weekdays: dict[str, int] = dict(w.weekdays)
        self.units: dict[str, str] = dict(w.units)
        self.number_words: dict[str, float] = dict(w.number_words)
        self.teen: str | None = w.teen_word
        self.multipliers: dict[str, int] = dict(w.number_multipliers)
        self.decimal: str = w.decimal_separator
        self.one_prefix: str = w.one_prefix
        self.vague: dict[str, str | None] = dict(w.vague_quantities)
        self.redup: dict[str, str] = dict(w.reduplicated_units)
        self.rel_after: dict[str, int] = dict(w.relative_after)
        self.rel_before: dict[str, int] = dict(w.relative_before)
        self.counted_after: dict[str, int] = dict(w.counted_relative_after)
        self.counted_from_mention = frozenset(w.counted_from_mention)
        self.unit_from_mention: dict[str, int] = dict(w.unit_from_mention)
        self.duration_after = tuple(w.duration_after)
        self.half_after = tuple(w.half_after_unit)
        self.parts: dict[str, str] = dict(w.period_parts)
        self.pods: dict[str, str] = dict(w.parts_of_day)
        self.pm_parts = frozenset(w.pm_parts)
        self.pod_after: dict[str, str] = dict(w.pod_after)
        self.pod_before: dict[str, int] = dict(w.pod_before)
        self.deictic: dict[str, int] = dict(w.deictic_days)
        self.story_days: dict[str, int] = dict(w.story_days)
        self.anaphoric = tuple(w.anaphoric)
        self.anaphoric_fallback: str | None = w.anaphoric_fallback
        self.refs: dict[str, str] = dict(w.references)
        self.guarded: dict[str, tuple[str, tuple[str, ...]]] = dict(w.guarded_references)
        self.edge_refs: dict[str, str] = dict(w.clause_edge_references)
        self.seasons: dict[str, str] = dict(w.seasons)
        self.holidays: dict[str, tuple[int, int, str | None]] = dict(w.holidays)
        self.set_words: dict[str, str] = dict(w.set_words)
        self.vague_durations: dict[str, str] = dict(w.vague_durations)
        self.fixed_times: dict[str, tuple[int, str]] = dict(w.fixed_times)
        self.ordinals: dict[str, int] = dict(w.ordinals)
        self.not_before = frozenset(w.not_time_before)
        self.not_year_after = frozenset(w.not_year_after)
        self.clock_ampm: dict[str, str] = dict(w.clock_ampm)
        self.last_night = tuple(w.last_night)
        self.weekend = tuple(w.weekend)
        self.weekday_block_before = frozenset(w.weekday_block_before)
        self.clock_hour_words: dict[str, int] = dict(w.clock_hour_words)
        self.clock_after: dict[str, int] = dict(w.clock_after)
        self.pod_before_story: dict[str, int] = dict(w.pod_before_story)
        self.pod_suffix: str = w.pod_suffix_story

        # names allowed on their own (not abbreviations) -------------------------------------
        def full_names(table: dict[str, int]) -> set[str]:
            out = set()
            longest: dict[int, int] = {}
            for k, v in table.items():
                longest[v] = max(longest.get(v, 0), len(k))
            for k, v in table.items():
                is_prefix = any(o != k and ov == v and o.startswith(k) for o, ov in table.items())
                if not is_prefix and (len(k) > 3 or len(k) == longest[v]):
                    out.add(k)
            return out

        self.month_full = full_names(self.months)
        self.weekday_full = full_names(self.weekdays)

        mon_all = _alt(self.months)
        mon_full = _alt(self.month_full)
        wd = _alt(self.weekday_full)
        unit = _alt(self.units)
        rel_after = _alt(self.rel_after)
        rel_before = _alt(self.rel_before)
        pod = _alt(self.pods)
        parts = _alt(self.parts)
        zone = _alt(w.zone_words)
        ampm = _alt(self.clock_ampm)
        clock_prefix = _alt(w.clock_prefix)
        day_head = _alt(w.day_head)
        wd_head = _alt(w.weekday_head)
        mon_head = _alt(w.month_head)
        year_head = _alt(w.year_head)
        week_words = _alt(w.week_words)
        range_words = _alt(w.range_words)
        self.year_word = _alt(w.year_head)
        dec = re.escape(self.decimal)
        nw_start = _alt(self.number_words)
        nw_all = _alt([*self.number_words, *( [self.teen] if self.teen else []), *self.multipliers])
        num = rf"(?:\d{{1,4}}(?:{dec}\d{{1,2}})?|{nw_start}(?:[\s-]+{nw_all})*)"
        vague = _alt(self.vague)
        counted_after = _alt(self.counted_after)
        dur_after = _alt(self.duration_after)
        half = _alt(self.half_after)
        mods = _alt(w.modifiers_before)
        set_prefix = _alt(w.set_prefix)
        once_after = _alt(w.set_once_after)
        freq = _alt([w.frequency_word]) if w.frequency_word else r"(?!x)x"
        times_signs = _alt(w.times_signs)
        se = re.escape(self.one_prefix) if self.one_prefix else r"(?!x)x"
        year_rel_after = rf"{year_head}\s+(?P<yrel>{rel_after}){E}"

        self.mods_re = re.compile(rf"(?:^|(?<=[\s(\"“]))(?P<mod>{mods})\s+$", re.I) if w.modifiers_before else None
        self.parts_re = re.compile(rf"(?:^|(?<=[\s(\"“]))(?P<part>{parts})\s+$", re.I) if self.parts else None
        self.mods_alt = mods

        R: list[tuple[str, str, Callable[[re.Match[str], str], list[Atom]], int]] = []

        def add(name: str, pattern: str, handler: Callable[[re.Match[str], str], list[Atom]], prio: int = 0) -> None:
            R.append((name, pattern, handler, prio))

        # dates ---------------------------------------------------------------------------------
        add("date_text",
            rf"{B}(?:(?P<head>{day_head})\s*)?(?P<d>[0-3]?\d){E}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon_all})\.?{E}"
            rf"(?:\s*,?\s*(?:{year_head}\s+)?(?P<y>\d{{4}})(?![\w.,]\d)|\s+{year_rel_after})?(?:\s+(?P<rel>{rel_after}){E})?",
            self._date_text, 2)
        if w.month_day_order:
            add("date_mdy",
                rf"{B}(?P<mon>{mon_all})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?{E}(?:,?\s+(?P<y>\d{{4}}){E})?",
                self._date_text, 2)
        add("date_num", rf"{B}(?P<d>[0-3]?\d)(?P<sep>[/.-])(?P<m>[01]?\d)(?P=sep)(?P<y>\d{{4}}|\d{{2}}){E}(?![.,/-]\d)",
            self._date_num, 2)
        add("date_iso", rf"{B}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d){E}(?![.,/-]\d)", self._date_num, 3)
        add("date_paren",
            rf"\(\s*(?P<d>[0-3]?\d)\s*/\s*(?P<m>[01]?\d)(?:\s*/\s*(?P<y>\d{{4}}|\d{{2}}))?\s*\)(?:\s+(?P<rel>{rel_after}){E})?",
            self._date_num, 2)
        add("date_slash", rf"{B}(?P<d>[0-3]?\d)/(?P<m>[01]?\d){E}(?![/.,]\d)", self._date_slash, 1)
        add("day_only", rf"{B}(?P<head>{day_head})\s*(?P<d>[0-3]?\d){E}(?!\s*[/.-]\d)", self._day_only, 1)
        add("day_range",
            rf"{B}(?P<d>[0-3]?\d)\s*{range_words}\s*(?=(?:{day_head}\s*)?(?P<d2>[0-3]?\d)\s+(?P<mon>{mon_all})\.?{E}"
            rf"(?:\s*,?\s*(?:{year_head}\s+)?(?P<y>\d{{4}}){E})?(?:\s+(?P<rel>{rel_after}){E})?)",
            self._day_range, 2)
        add("month_range",
            rf"{B}(?P<mon>{mon_full}){E}\s*{range_words}\s*(?=(?P<mon2>{mon_full})\s+(?:{year_head}\s+)?(?P<y>\d{{4}}){E})",
            self._month_range, 2)
        add("weekday",
            rf"{B}(?:(?P<head>{wd_head})\s+)?(?P<wd>{wd}){E}"
            rf"(?:\s+(?P<wk>{week_words})\s+(?P<wkrel>{rel_after}){E}|\s+(?P<rel>{rel_after}){E})?",
            self._weekday, 1)
        if self.rel_before:
            add("weekday_before", rf"{B}(?P<relb>{rel_before})\s+(?P<wd>{wd}){E}", self._weekday, 1)
        add("month",
            rf"{B}(?:(?P<head>{mon_head})\s+)?(?P<mon>{mon_all})\.?{E}"
            rf"(?:\s*,?\s*(?:{year_head}\s+)?(?P<y>\d{{4}})(?![\w.,]\d)(?:\s+(?P<rel2>{rel_after}){E})?|\s+{year_rel_after}|\s+(?P<rel>{rel_after}){E})?",
            self._month, 1)
        if self.rel_before:
            add("month_before", rf"{B}(?P<relb>{rel_before})\s+(?P<mon>{mon_full}){E}", self._month, 1)
        add("year",
            rf"{B}(?:(?P<head>{year_head})\s+)?(?P<y>\d{{4}})(?![\w'’]|[.,]\d|\s*-an{E})(?:\s+(?P<rel>{rel_after}){E})?",
            self._year, 0)
        add("decade", rf"{B}(?:(?P<head>{year_head}|{_alt(w.decade_head)})\s+)?(?P<y>\d{{4}}|\d0)['’]?(?:-an|an|s){E}", self._decade, 1)
        add("century", rf"{B}{_alt(w.century_words)}\s+(?:ke-?\s*)?(?P<c>\d{{1,2}}|[ivxlIVXL]+){E}", self._century, 1)
        add("quarter",
            rf"{B}(?P<kind>{_alt(w.quarter_words)})\s*(?:ke-?\s*)?(?P<n>iv|i{{1,3}}|[1-4]|{_alt(w.quarter_ordinals)}){E}"
            rf"(?:\s*[-/,]?\s*(?:{year_head}\s+)?(?P<y>\d{{4}}){E}|\s+{year_rel_after}|\s+(?P<rel>{rel_after}){E})?",
            self._quarter, 1)

        # clock times ---------------------------------------------------------------------------
        clock_tail = (rf"(?:\s*(?P<ampm>{ampm}))?(?:\s*(?P<zone>{zone}){E})?(?:\s+(?P<pod>{pod}){E})?"
                      rf"(?:\s*(?P<zone2>{zone}){E})?(?:\s+(?P<cafter>{_alt(self.clock_after)}){E})?")
        add("clock",
            rf"{B}(?P<pref>{clock_prefix})\s*(?P<h>[0-2]?\d)(?:[.:](?P<mi>[0-5]\d))?(?:[.:](?P<s>[0-5]\d))?{E}(?![.,:]\d)" + clock_tail,
            self._clock, 2)
        add("clock_zone",
            rf"{B}(?P<h>[0-2]?\d)[.:](?P<mi>[0-5]\d)(?:[.:](?P<s>[0-5]\d))?\s*(?:(?P<zone>{zone}){E}|(?P<pod>{pod}){E})",
            self._clock, 2)
        if self.clock_hour_words:
            add("clock_word",
                rf"{B}(?P<pref>{clock_prefix})\s+(?P<hw>{_alt(self.clock_hour_words)}){E}(?:\s+(?P<pod>{pod}){E})?(?:\s*(?P<zone>{zone}){E})?",
                self._clock, 2)
        add("clock_range",
            rf"{B}(?P<pref>{clock_prefix})\s*(?P<h>[0-2]?\d)(?:[.:](?P<mi>[0-5]\d))?(?P<mid>\s*(?:{zone})?\s*{range_words}\s*(?:{clock_prefix}\s*)?)"
            rf"(?P<h2>[0-2]?\d)(?:[.:](?P<mi2>[0-5]\d))?{E}(?![.,:]\d)" + clock_tail,
            self._clock_range, 3)
        # "17.00-19.00 WIB": a range of two written clock times closed by a zone needs no prefix
        add("clock_range_zone",
            rf"{B}(?P<h>[0-2]?\d)[.:](?P<mi>[0-5]\d)(?P<mid>\s*{range_words}\s*)(?P<h2>[0-2]?\d)[.:](?P<mi2>[0-5]\d)"
            rf"\s*(?P<zone>{zone}){E}",
            self._clock_range, 3)
        if self.clock_ampm:
            add("clock_ampm", rf"{B}(?P<h>[01]?\d)(?:[.:](?P<mi>[0-5]\d))?\s*(?P<ampm>{ampm})(?![\w])(?:\s*(?P<zone>{zone}){E})?",
                self._clock, 2)
        if w.clock_bare_colon:
            add("clock_colon", rf"{B}(?P<h>[0-2]?\d):(?P<mi>[0-5]\d){E}(?::\d)?(?:\s*(?P<zone>{zone}){E})?", self._clock, 1)

        # counted units: durations and dates counted from the anchor ---------------------------------
        count_tail = (rf"(?:\s+(?P<q2>{num})\s+(?P<u2>{unit}){EU})?(?:\s+(?P<half>{half}){E})?"
                      rf"(?:\s+(?P<after>{counted_after}|{dur_after}){E})?")
        add("count", rf"{B}(?P<q>{num}|{vague})\s+(?P<u>{unit}){EU}" + count_tail, self._count, 1)
        if self.one_prefix:
            add("count_se", rf"{B}{se}(?P<u>{unit}){EU}" + count_tail, self._count, 1)
        add("count_range",
            rf"{B}(?P<q>{num}){E}\s*{_alt(w.count_range_words)}\s*(?=(?P<q2>{num})\s+(?P<u>{unit}){EU})",
            self._count_range, 1)
        add("count_mult", rf"{B}(?P<a>\d{{1,3}})\s*{times_signs}\s*(?P<b>\d{{1,3}})\s+(?P<u>{unit}){EU}", self._count_mult, 2)
        if self.redup:
            add("redup", rf"{B}(?P<r>{_alt(self.redup)}){EU}", self._redup, 1)
        rel_all = _alt({**self.rel_after, **self.unit_from_mention})
        add("unit_rel",
            rf"{B}(?:(?P<part>{parts})\s+)?(?P<u>{unit}){E}(?:\s+(?P<rel>{rel_all}){E})?",
            self._unit_rel, 0)
        if self.rel_before:
            add("unit_before", rf"{B}(?:(?P<part>{parts})\s+(?:of\s+)?(?:the\s+)?)?(?P<relb>{rel_before})\s+(?P<u>{unit}){E}",
                self._unit_rel, 0)
        add("weekend", rf"{B}(?P<we>{_alt(self.weekend)}){E}(?:\s+(?P<rel>{rel_after}){E})?", self._weekend, 1)

        # parts of day ------------------------------------------------------------------------------
        add("pod",
            rf"{B}(?:(?P<before>{_alt(self.pod_before)})\s+|(?P<bstory>{_alt(self.pod_before_story)})\s+)?(?P<pod>{pod})(?P<nya>{re.escape(self.pod_suffix) if self.pod_suffix else '(?!x)x'})?{E}"
            rf"(?:\s+(?P<head>{_alt(w.pod_head)}){E})?"
            rf"(?:\s+(?P<after>{_alt(self.pod_after)}){E})?",
            self._pod, 0)
        if self.rel_before:
            add("pod_before", rf"{B}(?P<relb>{rel_before})\s+(?P<pod>{pod}){E}", self._pod, 0)
        if self.last_night:
            add("last_night", rf"{B}(?P<ln>{_alt(self.last_night)}){E}(?!\s+{_alt(w.last_night_block_after)})", self._last_night, 2)

        # fixed phrases -----------------------------------------------------------------------------
        add("deictic", rf"{B}(?P<x>{_alt(self.deictic)}){E}", self._deictic, 1)
        add("story_day", rf"{B}(?P<x>{_alt(self.story_days)}){E}", self._story_day, 2)
        add("anaphor", rf"{B}(?P<x>{_alt(self.anaphoric)}){E}", self._anaphor, 1)
        add("ref", rf"{B}(?P<x>{_alt(self.refs)}){E}", self._ref, 1)
        if self.guarded:
            add("guarded", rf"{B}(?P<cue>\w+)\s+(?P<x>{_alt(self.guarded)}){E}", self._guarded, 1)
        if self.edge_refs:
            add("edge_ref", rf"(?:^|(?<=[,;:.!?\"“]\s)|(?<=[,;:.!?\"“]))\s*(?P<x>{_alt(self.edge_refs)})(?=\s*(?:[,;:.!?\"”]|$))",
                self._edge_ref, 1)
        add("season",
            rf"{B}(?P<x>{_alt(self.seasons)}){E}(?:\s*(?:{year_head}\s+)?(?P<y>\d{{4}}){E}|\s+{year_rel_after}|\s+(?P<rel>{rel_after}){E})?",
            self._season, 1)
        if self.holidays:
            add("holiday", rf"{B}(?P<x>{_alt(self.holidays)}){E}(?:\s+(?P<y>\d{{4}}){E})?", self._holiday, 1)
        if self.vague_durations:
            add("vague_duration", rf"{B}(?P<x>{_alt(self.vague_durations)}){E}", self._vague_duration, 1)
        if self.set_words:
            add("set_word", rf"{B}(?P<x>{_alt(self.set_words)}){E}", self._set_word, 1)
        if self.fixed_times:
            add("fixed_time", rf"{B}(?P<x>{_alt(self.fixed_times)}){E}", self._fixed_time, 1)

        # sets ---------------------------------------------------------------------------------------
        add("set",
            rf"{B}(?P<p>{set_prefix})\s+(?:(?P<q>{num})\s+)?(?:(?:{wd_head}\s+)?(?P<wd>{wd})(?:\s+(?P<wdpod>{pod}))?|(?P<u>{unit})|(?P<pod>{pod})|(?P<mon>{mon_full})|{day_head}\s*(?P<d>[0-3]?\d)){E}",
            self._set, 2)
        add("set_freq", rf"{B}(?P<q>{num})\s+{freq}\s+(?:{se}(?P<u>{unit})|(?:dalam\s+)?(?:satu|se)\s*(?P<u2>{unit})){EU}", self._set_freq, 2)
        add("set_once", rf"{B}{se}(?P<u>{unit})\s+{once_after}{E}", self._set_freq, 2)
        if w.rate_prefix:
            add("rate", rf"{B}(?P<p>{_alt(w.rate_prefix)})\s+(?:(?P<q>{num})\s+)?(?P<u>{unit}){EU}", self._rate, 2)

        # Each rule is tried only where one of its first words (or a digit, or "(") starts a token.
        def firsts(*tables: Iterable[str]) -> frozenset[str]:
            out: set[str] = set()
            for table in tables:
                for phrase in table:
                    m = _TOKEN.match(phrase.lower())
                    if m:
                        out.add(m.group(0))
            return frozenset(out)

        se_units = [self.one_prefix + u for u in self.units] if self.one_prefix else []
        numbers = firsts(self.number_words, self.vague)
        months_all, months_full, wds = firsts(self.months), firsts(self.month_full), firsts(self.weekday_full)
        dayh, wdh, monh, yearh = (firsts(x) for x in (w.day_head, w.weekday_head, w.month_head, w.year_head))
        relb = firsts(self.rel_before)
        DIGIT, PAREN = "<digit>", "("
        triggers: dict[str, frozenset[str]] = {
            "date_text": dayh | {DIGIT}, "date_mdy": months_all, "date_num": frozenset({DIGIT}),
            "date_iso": frozenset({DIGIT}), "date_paren": frozenset({PAREN}), "date_slash": frozenset({DIGIT}),
            "day_only": dayh, "day_range": frozenset({DIGIT}), "month_range": months_full,
            "weekday": wdh | wds, "weekday_before": relb, "month": monh | months_all, "month_before": relb,
            "year": yearh | {DIGIT}, "decade": yearh | firsts(w.decade_head) | {DIGIT}, "century": firsts(w.century_words),
            "quarter": firsts(q for q in w.quarter_words if len(q) > 1) | {q.lower() + n for q in w.quarter_words if len(q) == 1 for n in "1234"},
            "clock": firsts(w.clock_prefix), "clock_zone": frozenset({DIGIT}), "clock_word": firsts(w.clock_prefix),
            "clock_range": firsts(w.clock_prefix), "clock_range_zone": frozenset({DIGIT}), "clock_ampm": frozenset({DIGIT}), "clock_colon": frozenset({DIGIT}),
            "count": numbers | {DIGIT}, "count_se": frozenset(se_units), "count_mult": frozenset({DIGIT}),
            "redup": firsts(self.redup), "unit_rel": firsts(self.parts, self.units), "unit_before": firsts(self.parts) | relb,
            "weekend": firsts(self.weekend), "pod": firsts(self.pod_before, self.pods, self.pod_before_story)
            | {p + self.pod_suffix for p in firsts(self.pods)}, "pod_before": relb,
            "last_night": firsts(self.last_night), "deictic": firsts(self.deictic), "story_day": firsts(self.story_days),
            "anaphor": firsts(self.anaphoric), "ref": firsts(self.refs),
            "guarded": firsts(*(cues for _, cues in self.guarded.values())), "edge_ref": firsts(self.edge_refs),
            "season": firsts(self.seasons), "holiday": firsts(self.holidays), "set_word": firsts(self.set_words),
            "fixed_time": firsts(self.fixed_times), "set": firsts(w.set_prefix),
            "vague_duration": firsts(self.vague_durations), "count_range": numbers | {DIGIT},
            "set_freq": numbers | {DIGIT}, "set_once": frozenset(se_units), "rate": firsts(w.rate_prefix),
        }
        self.rules = [(name, re.compile(p, re.I), h, prio, triggers[name]) for name, p, h, prio in R]
        self.all_triggers = frozenset().union(*(r[4] for r in self.rules))

        # things that are never times -------------------------------------------------------------
        coord = _alt(w.coordinate_words)
        coord_words = tuple(w.coordinate_words)
        money = ("Rp", "RP", "rp", "$", "USD", "IDR", "SGD", "RM", "€", "£")
        self.blockers = [(coord_words, rx) for rx in [
            re.compile(rf"\d+(?:[.,]\d+)?\s*{coord}(?:\s*\d+(?:[.,]\d+)?\s*(?:menit|minutes?|'|′))?(?:\s*\d+(?:[.,]\d+)?\s*(?:detik|seconds?|\"|″))?", re.I),
        ]] + [
            (money, re.compile(r"(?:\bRp\.?|\bUS\$|\$|\bUSD|\bIDR|\bSGD|\bRM|€|£)\s?\d[\d.,]*", re.I)),
            # flight numbers: QZ 8501, QZ8501, GA-152 (two capitals that are not a roman numeral)
            (None, re.compile(r"(?<![\w])(?![IVX]{2})[A-Z]{2}\s?-?\d{2,4}(?![\w])")),
            (("jam", "hour", "km"), re.compile(r"\d+(?:[.,]\d+)?\s*(?:km|kilometer|mil|knot)\s*(?:/|per)\s*(?:jam|hour)", re.I)),
        ]
        # tense cues
        self.attribution_re = re.compile(rf"{B}{_alt(w.attribution_cues)}{E}", re.I) if w.attribution_cues else None
        self.generic_re = re.compile(rf"{B}{_alt(w.generic_cues)}{E}", re.I) if w.generic_cues else None
        self.future_re = re.compile(rf"{B}{_alt(w.future_cues)}{E}", re.I)
        self.past_re = re.compile(rf"{B}{_alt(w.past_cues)}{E}", re.I)
        self.sentence_end = re.compile(r"[.!?]+[\"”'’)]*\s|\n")
        self._clause_end = re.compile(r"[.!?,;:\"“”(]")
        self._clause_start = re.compile(r"[.!?]\s|[\"“”]")
        self.week_units = frozenset(k for k, v in self.units.items() if v == "W")
        self.ambiguous_units = frozenset(w.ambiguous_unit_weekday)

    # ---------------------------------------------------------------------------------------------
    # atoms of a paragraph
    # ---------------------------------------------------------------------------------------------

    def atoms(self, text: str) -> list[Atom]:
        blocked: list[tuple[int, int]] = []
        for hint, rx in self.blockers:
            if hint is None or any(h in text for h in hint):
                blocked.extend((m.start(), m.end()) for m in rx.finditer(text))
        cands: list[Atom] = []
        starts: dict[str, list[int]] = {}
        wanted = self.all_triggers
        for t in _TOKEN.finditer(text):
            w = t.group(0)
            key = "<digit>" if w[0].isdigit() else w.lower()
            if key in wanted:
                starts.setdefault(key, []).append(t.start())
        present = starts.keys()
        for _name, rx, handler, prio, trig in self.rules:
            keys = trig & present
            if not keys:
                continue
            positions = sorted({p for k in keys for p in starts[k]}) if len(keys) > 1 else starts[next(iter(keys))]
            last_end = -1
            for pos in positions:
                if pos < last_end:
                    continue
                m = rx.match(text, pos)
                if m is None or m.end() <= m.start():
                    continue
                found = handler(m, text)
                if found:
                    last_end = m.end()
                for a in found:
                    if a.end <= a.start:
                        continue
                    if any(a.start < be and bs < a.end for bs, be in blocked):
                        continue
                    a.prio = prio
                    cands.append(a)
        cands.sort(key=lambda a: (-(a.end - a.start), -a.prio, a.start))
        chosen: list[Atom] = []
        taken = bytearray(len(text) + 1)
        for a in cands:
            if any(taken[a.start:a.end]):
                continue
            taken[a.start:a.end] = b"\x01" * (a.end - a.start)
            chosen.append(a)
        chosen.sort(key=lambda a: a.start)
        return chosen

    def attribution(self, text: str, start: int, end: int) -> bool:
        """A date closing a sentence after a reporting cue ("..., kata dia, Senin (29/12).") dates a statement."""
        if self.attribution_re is None or not re.match(r"\s*(?:[.;]|$)", text[end:end + 3]):
            return False
        lo = max(0, start - 120)
        for m in self._clause_start.finditer(text, lo, start):
            lo = m.end()
        return self.attribution_re.search(text, lo, start) is not None

    def generic(self, text: str, start: int, end: int, told_of_day: bool) -> bool:
        """The sentence around [start, end), in an article that has told of no day, gives advice or states a
        habit (a cue of ``generic_cues``): it speaks of no particular day."""
        lo = max(0, start - 200)
        for m in self.sentence_end.finditer(text, lo, start):
            lo = m.end()
        stop = self.sentence_end.search(text, end)
        hi = stop.start() if stop else len(text)
        # A recurring time in the sentence ("buka setiap hari mulai pukul 08.00") making its clock times recur in
        # any article was tried and taken out: it moved no real-news figure and cost Timeline17's timelines
        # ROUGE-1 0.159 -> 0.144 (English "every <unit>" sentences), also within 40 characters of the clock.
        return not told_of_day and self.generic_re is not None and self.generic_re.search(text, lo, hi) is not None

    def tense(self, text: str, start: int, end: int) -> int:
        """+1 when a future cue is the nearest cue in the sentence around [start, end), -1 for past, 0 none."""
        lo = max(0, start - 45)
        for m in self.sentence_end.finditer(text, lo, start):
            lo = m.end()
        hi = min(len(text), end + 15)
        clause_end = self._clause_end.search(text, end, hi)
        if clause_end:
            hi = clause_end.start()
        best: tuple[int, int] | None = None
        for rx, sign in ((self.future_re, 1), (self.past_re, -1)):
            for c in rx.finditer(text, lo, hi):
                if start <= c.start() < end:
                    continue
                dist = start - c.end() if c.end() <= start else c.start() - end
                if best is None or dist < best[0]:
                    best = (dist, sign)
        return best[1] if best else 0


@cache
def grammar(lang: str) -> Grammar:
    return Grammar(get_pack(lang).time)
