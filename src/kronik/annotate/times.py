"""Time expressions: find them and normalise them to TimeML TIMEX3 values.

Three steps, all rules (no model), all language knowledge read from the
language pack's ``time_words`` module (``pack_data(lang, "time_words")``):

1. **Atoms.**  A set of regular expressions, built from the word tables,
   proposes candidate atoms (a weekday, a date, a clock time, a counted unit,
   a deictic word, ...).  Overlaps are settled longest-first; spans inside
   prices, coordinates and flight numbers are blocked.
2. **Expressions.**  Adjacent atoms that describe one point in time merge:
   ``Minggu (28/12/2014) pukul 06.18 WIB kemarin`` is one TIME expression.
   Approximation words (``sekitar``, ``lebih dari``) join the extent, as in
   TimeML; prepositions (``pada``, ``selama``, ``sejak``) stay outside.
3. **Values.**  Expressions are resolved in reading order against the anchor
   (the publication date) and a small discourse state: the last mentioned
   time (for ``saat itu``, ``sebulan kemudian``) and the day the story is
   talking about (for a bare ``pukul 07.55``).  A weekday or a date without a
   year takes the past reading unless a future cue (``akan``, ``mendatang``)
   is near; with no cue a date without a year takes the nearest reading, a
   future one counting double (so ``3 November`` in January is last November).

Values follow TIMEX3: ``2021``, ``2021-03``, ``2021-04-22``, ``2021-W02``,
``2021-W02-WE``, ``2021-Q1``, ``2021-H2``, ``2021-WI``, ``202`` (decade),
``20`` (century), ``2021-04-22T10:00``, ``2021-04-22TMO``, durations
``P3D``/``PT2H``/``PXM``, sets ``P1D``/``XXXX-WXX-1``, and ``PRESENT_REF``,
``PAST_REF``, ``FUTURE_REF``.  Clock times carry no zone in the value (the
zone word stays in the extent).

Without an anchor (``published`` is null), values that need one are ``None``:
explicit dates, years, durations, sets and the ``*_REF`` words keep theirs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from itertools import pairwise
from types import ModuleType
from typing import Any

from kronik.lang.base import pack_data
from kronik.model import Article, TimeExpr
from kronik.pipeline import stage

# ----------------------------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, spaces matching any whitespace."""
    items = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not items:
        return r"(?!x)x"
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


B = r"(?<![\w'’])"          # word start
E = r"(?![\w'’])"           # word end
EU = r"(?![\w'’-])"         # word end that also refuses a hyphen (sehari-hari is not "one day")
_TOKEN = re.compile(r"[\w'’]+|\(")

UNIT_ORDER = ("CE", "DE", "Y", "HY", "Q", "M", "W", "D", "H", "MIN", "S")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
          "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18,
          "xix": 19, "xx": 20, "xxi": 21, "xxii": 22}


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


_VALUE_RE = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|W(\d{2})|Q(\d)|H(\d)|(SP|SU|FA|WI)))?(T.*)?")


def _value_date(value: str | None) -> tuple[date, str] | None:
    """The date a TIMEX3 value points at (its first day) and its granularity (Y, M, W, D, T)."""
    if not value:
        return None
    m = _VALUE_RE.match(value)
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return d, ("T" if m.group(8) else "D")
        if m.group(2):
            return date(y, int(m.group(2)), 1), "M"
        if m.group(4):
            return date.fromisocalendar(y, int(m.group(4)), 1), "W"
        if m.group(5):
            return date(y, (int(m.group(5)) - 1) * 3 + 1, 1), "Q"
        if m.group(6):
            return date(y, 1 if m.group(6) == "1" else 7, 1), "HY"
        if m.group(7):
            return date(y, 1, 1), "Y"
        return date(y, 1, 1), "Y"
    except ValueError:
        return None


# ----------------------------------------------------------------------------------------------
# data model of the tagger
# ----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Atom:
    start: int
    end: int
    kind: str
    f: dict[str, Any] = field(default_factory=dict)
    prio: int = 0


@dataclass(slots=True)
class Found:
    """One time expression of a paragraph (what ``TimeExpr`` is built from)."""

    paragraph: int
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass
class _State:
    """Discourse state carried through an article, in reading order."""

    anchor: date | None
    anchor_dt: datetime | None
    last_value: str | None = None
    last_type: str = "DATE"
    last_date: date | None = None
    last_gran: str | None = None
    story_day: date | None = None
    story_hour: int | None = None
    narrative_year: int | None = None
    narrative_par: int = -1

    def remember(self, value: str | None, type_: str, paragraph: int, explicit_year: int | None,
                 attribution: bool = False) -> None:
        parsed = _value_date(value)
        if parsed is None:
            return
        if attribution:
            return        # the date of a statement: neither the story's day nor a reference for "saat itu"
        d, gran = parsed
        self.last_value, self.last_type, self.last_date, self.last_gran = value, type_, d, gran
        if gran in ("D", "T"):
            if d != self.story_day:
                self.story_hour = None
            self.story_day = d
            hm = re.search(r"T(\d\d):\d\d", value or "")
            if hm:
                self.story_hour = int(hm.group(1))
        if explicit_year is not None and gran in ("D", "T", "M"):
            if self.anchor is not None and explicit_year != self.anchor.year:
                self.narrative_year, self.narrative_par = explicit_year, paragraph
            else:
                self.narrative_year, self.narrative_par = None, -1


# ----------------------------------------------------------------------------------------------
# the grammar: regexes built from a language's word tables
# ----------------------------------------------------------------------------------------------


class Grammar:
    """Compiled patterns and lookups for one language."""

    def __init__(self, w: ModuleType) -> None:
        self.w = w
        g = lambda name, default: getattr(w, name, default)  # noqa: E731
        self.months: dict[str, int] = dict(g("MONTHS", {}))
        self.weekdays: dict[str, int] = dict(g("WEEKDAYS", {}))
        self.units: dict[str, str] = dict(g("UNITS", {}))
        self.number_words: dict[str, float] = dict(g("NUMBER_WORDS", {}))
        self.teen: str | None = g("TEEN_WORD", None)
        self.multipliers: dict[str, int] = dict(g("NUMBER_MULTIPLIERS", {}))
        self.decimal: str = g("DECIMAL_SEPARATOR", ".")
        self.one_prefix: str = g("ONE_PREFIX", "")
        self.vague: dict[str, str | None] = dict(g("VAGUE_QUANTITIES", {}))
        self.redup: dict[str, str] = dict(g("REDUPLICATED_UNITS", {}))
        self.rel_after: dict[str, int] = dict(g("RELATIVE_AFTER", {}))
        self.rel_before: dict[str, int] = dict(g("RELATIVE_BEFORE", {}))
        self.counted_after: dict[str, int] = dict(g("COUNTED_RELATIVE_AFTER", {}))
        self.counted_from_mention = frozenset(g("COUNTED_FROM_MENTION", ()))
        self.unit_from_mention: dict[str, int] = dict(g("UNIT_FROM_MENTION", {}))
        self.duration_after = tuple(g("DURATION_AFTER", ()))
        self.half_after = tuple(g("HALF_AFTER_UNIT", ()))
        self.parts: dict[str, str] = dict(g("PERIOD_PARTS", {}))
        self.pods: dict[str, str] = dict(g("PARTS_OF_DAY", {}))
        self.pm_parts = frozenset(g("PM_PARTS", ()))
        self.pod_after: dict[str, str] = dict(g("POD_AFTER", {}))
        self.pod_before: dict[str, int] = dict(g("POD_BEFORE", {}))
        self.deictic: dict[str, int] = dict(g("DEICTIC_DAYS", {}))
        self.story_days: dict[str, int] = dict(g("STORY_DAYS", {}))
        self.anaphoric = tuple(g("ANAPHORIC", ()))
        self.anaphoric_fallback: str | None = g("ANAPHORIC_FALLBACK", "PAST_REF")
        self.refs: dict[str, str] = dict(g("REFERENCES", {}))
        self.guarded: dict[str, tuple[str, tuple[str, ...]]] = dict(g("GUARDED_REFERENCES", {}))
        self.edge_refs: dict[str, str] = dict(g("CLAUSE_EDGE_REFERENCES", {}))
        self.seasons: dict[str, str] = dict(g("SEASONS", {}))
        self.holidays: dict[str, tuple[int, int, str | None]] = dict(g("HOLIDAYS", {}))
        self.set_words: dict[str, str] = dict(g("SET_WORDS", {}))
        self.vague_durations: dict[str, str] = dict(g("VAGUE_DURATIONS", {}))
        self.fixed_times: dict[str, tuple[int, str]] = dict(g("FIXED_TIMES", {}))
        self.ordinals: dict[str, int] = dict(g("ORDINALS", {}))
        self.not_before = frozenset(g("NOT_TIME_BEFORE", ()))
        self.not_year_after = frozenset(g("NOT_YEAR_AFTER", ()))
        self.clock_ampm: dict[str, str] = dict(g("CLOCK_AMPM", {}))
        self.last_night = tuple(g("LAST_NIGHT", ()))
        self.weekend = tuple(g("WEEKEND", ()))
        self.weekday_block_before = frozenset(g("WEEKDAY_BLOCK_BEFORE", ()))
        self.clock_hour_words: dict[str, int] = dict(g("CLOCK_HOUR_WORDS", {}))
        self.clock_after: dict[str, int] = dict(g("CLOCK_AFTER", {}))
        self.pod_before_story: dict[str, int] = dict(g("POD_BEFORE_STORY", {}))
        self.pod_suffix: str = g("POD_SUFFIX_STORY", "")

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
        zone = _alt(g("ZONE_WORDS", ()))
        ampm = _alt(self.clock_ampm)
        clock_prefix = _alt(g("CLOCK_PREFIX", ()))
        day_head = _alt(g("DAY_HEAD", ()))
        wd_head = _alt(g("WEEKDAY_HEAD", ()))
        mon_head = _alt(g("MONTH_HEAD", ()))
        year_head = _alt(g("YEAR_HEAD", ()))
        week_words = _alt(g("WEEK_WORDS", ()))
        range_words = _alt(g("RANGE_WORDS", ("-",)))
        self.year_word = _alt(g("YEAR_HEAD", ()))
        dec = re.escape(self.decimal)
        nw_start = _alt(self.number_words)
        nw_all = _alt([*self.number_words, *( [self.teen] if self.teen else []), *self.multipliers])
        num = rf"(?:\d{{1,4}}(?:{dec}\d{{1,2}})?|{nw_start}(?:[\s-]+{nw_all})*)"
        vague = _alt(self.vague)
        counted_after = _alt(self.counted_after)
        dur_after = _alt(self.duration_after)
        half = _alt(self.half_after)
        mods = _alt(g("MODIFIERS_BEFORE", ()))
        set_prefix = _alt(g("SET_PREFIX", ()))
        once_after = _alt(g("SET_ONCE_AFTER", ()))
        freq = _alt([g("FREQUENCY_WORD", "")]) if g("FREQUENCY_WORD", "") else r"(?!x)x"
        times_signs = _alt(g("TIMES_SIGNS", ()))
        se = re.escape(self.one_prefix) if self.one_prefix else r"(?!x)x"
        year_rel_after = rf"{year_head}\s+(?P<yrel>{rel_after}){E}"

        self.mods_re = re.compile(rf"(?:^|(?<=[\s(\"“]))(?P<mod>{mods})\s+$", re.I) if g("MODIFIERS_BEFORE", ()) else None
        self.parts_re = re.compile(rf"(?:^|(?<=[\s(\"“]))(?P<part>{parts})\s+$", re.I) if self.parts else None
        self.mods_alt = mods

        R: list[tuple[str, str, Callable[[re.Match[str], str], list[Atom]], int]] = []
        add = lambda name, pattern, handler, prio=0: R.append((name, pattern, handler, prio))  # noqa: E731

        # dates ---------------------------------------------------------------------------------
        add("date_text",
            rf"{B}(?:(?P<head>{day_head})\s*)?(?P<d>[0-3]?\d){E}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon_all})\.?{E}"
            rf"(?:\s*,?\s*(?:{year_head}\s+)?(?P<y>\d{{4}})(?![\w.,]\d)|\s+{year_rel_after})?(?:\s+(?P<rel>{rel_after}){E})?",
            self._date_text, 2)
        if g("MONTH_DAY_ORDER", False):
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
            rf"(?:\s*,?\s*(?:{year_head}\s+)?(?P<y>\d{{4}}){E})?)",
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
        add("decade", rf"{B}(?:(?P<head>{year_head}|era|dekade|the)\s+)?(?P<y>\d{{4}}|\d0)['’]?(?:-an|an|s){E}", self._decade, 1)
        add("century", rf"{B}(?:abad|century)\s+(?:ke-?\s*)?(?P<c>\d{{1,2}}|[ivxlIVXL]+){E}", self._century, 1)
        add("quarter",
            rf"{B}(?P<kind>kuartal|triwulan|trimester|semester|quarter|Q)\s*(?:ke-?\s*)?(?P<n>iv|i{{1,3}}|[1-4]|pertama|kedua|ketiga|keempat|terakhir|first|second|third|fourth|last){E}"
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
        if self.clock_ampm:
            add("clock_ampm", rf"{B}(?P<h>[01]?\d)(?:[.:](?P<mi>[0-5]\d))?\s*(?P<ampm>{ampm})(?![\w])(?:\s*(?P<zone>{zone}){E})?",
                self._clock, 2)
        if g("CLOCK_BARE_COLON", False):
            add("clock_colon", rf"{B}(?P<h>[0-2]?\d):(?P<mi>[0-5]\d){E}(?::\d)?(?:\s*(?P<zone>{zone}){E})?", self._clock, 1)

        # counted units: durations and dates counted from the anchor ---------------------------------
        count_tail = (rf"(?:\s+(?P<q2>{num})\s+(?P<u2>{unit}){EU})?(?:\s+(?P<half>{half}){E})?"
                      rf"(?:\s+(?P<after>{counted_after}|{dur_after}){E})?")
        add("count", rf"{B}(?P<q>{num}|{vague})\s+(?P<u>{unit}){EU}" + count_tail, self._count, 1)
        if self.one_prefix:
            add("count_se", rf"{B}{se}(?P<u>{unit}){EU}" + count_tail, self._count, 1)
        add("count_range",
            rf"{B}(?P<q>{num}){E}\s*(?:-|–|hingga|sampai|s/d|atau|to)\s*(?=(?P<q2>{num})\s+(?P<u>{unit}){EU})",
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
            rf"(?:\s+(?P<head>{_alt(g('POD_HEAD', ()))}){E})?"
            rf"(?:\s+(?P<after>{_alt(self.pod_after)}){E})?",
            self._pod, 0)
        if self.rel_before:
            add("pod_before", rf"{B}(?P<relb>{rel_before})\s+(?P<pod>{pod}){E}", self._pod, 0)
        if self.last_night:
            add("last_night", rf"{B}(?P<ln>{_alt(self.last_night)}){E}(?!\s+(?:suntuk|penuh))", self._last_night, 2)

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
        dayh, wdh, monh, yearh = (firsts(g(n, ())) for n in ("DAY_HEAD", "WEEKDAY_HEAD", "MONTH_HEAD", "YEAR_HEAD"))
        relb = firsts(self.rel_before)
        DIGIT, PAREN = "<digit>", "("
        triggers: dict[str, frozenset[str]] = {
            "date_text": dayh | {DIGIT}, "date_mdy": months_all, "date_num": frozenset({DIGIT}),
            "date_iso": frozenset({DIGIT}), "date_paren": frozenset({PAREN}), "date_slash": frozenset({DIGIT}),
            "day_only": dayh, "day_range": frozenset({DIGIT}), "month_range": months_full,
            "weekday": wdh | wds, "weekday_before": relb, "month": monh | months_all, "month_before": relb,
            "year": yearh | {DIGIT}, "decade": yearh | {"era", "dekade", "the", DIGIT}, "century": frozenset({"abad", "century"}),
            "quarter": frozenset({"kuartal", "triwulan", "trimester", "semester", "quarter", "q1", "q2", "q3", "q4"}),
            "clock": firsts(g("CLOCK_PREFIX", ())), "clock_zone": frozenset({DIGIT}), "clock_word": firsts(g("CLOCK_PREFIX", ())),
            "clock_range": firsts(g("CLOCK_PREFIX", ())), "clock_ampm": frozenset({DIGIT}), "clock_colon": frozenset({DIGIT}),
            "count": numbers | {DIGIT}, "count_se": frozenset(se_units), "count_mult": frozenset({DIGIT}),
            "redup": firsts(self.redup), "unit_rel": firsts(self.parts, self.units), "unit_before": firsts(self.parts) | relb,
            "weekend": firsts(self.weekend), "pod": firsts(self.pod_before, self.pods, self.pod_before_story)
            | {p + self.pod_suffix for p in firsts(self.pods)}, "pod_before": relb,
            "last_night": firsts(self.last_night), "deictic": firsts(self.deictic), "story_day": firsts(self.story_days),
            "anaphor": firsts(self.anaphoric), "ref": firsts(self.refs),
            "guarded": firsts(*(cues for _, cues in self.guarded.values())), "edge_ref": firsts(self.edge_refs),
            "season": firsts(self.seasons), "holiday": firsts(self.holidays), "set_word": firsts(self.set_words),
            "fixed_time": firsts(self.fixed_times), "set": firsts(g("SET_PREFIX", ())),
            "vague_duration": firsts(self.vague_durations), "count_range": numbers | {DIGIT},
            "set_freq": numbers | {DIGIT}, "set_once": frozenset(se_units),
        }
        self.rules = [(name, re.compile(p, re.I), h, prio, triggers[name]) for name, p, h, prio in R]
        self.all_triggers = frozenset().union(*(r[4] for r in self.rules))

        # things that are never times -------------------------------------------------------------
        coord = _alt(g("COORDINATE_WORDS", ("°",)))
        coord_words = tuple(g("COORDINATE_WORDS", ("°",)))
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
        self.attribution_re = re.compile(rf"{B}{_alt(g('ATTRIBUTION_CUES', ()))}{E}", re.I) if g("ATTRIBUTION_CUES", ()) else None
        self.future_re = re.compile(rf"{B}{_alt(g('FUTURE_CUES', ()))}{E}", re.I)
        self.past_re = re.compile(rf"{B}{_alt(g('PAST_CUES', ()))}{E}", re.I)
        self.sentence_end = re.compile(r"[.!?]+[\"”'’)]*\s|\n")
        self._clause_end = re.compile(r"[.!?,;:\"“”(]")
        self._clause_start = re.compile(r"[.!?]\s|[\"“”]")
        self.week_units = frozenset(k for k, v in self.units.items() if v == "W")
        self.ambiguous_units = frozenset(g("AMBIGUOUS_UNIT_WEEKDAY", ()))

    # ---------------------------------------------------------------------------------------------
    # number parsing
    # ---------------------------------------------------------------------------------------------

    def number(self, s: str) -> float | None:
        s = s.strip().lower()
        if not s:
            return None
        if s[0].isdigit():
            try:
                return float(s.replace(self.decimal, "."))
            except ValueError:
                return None
        total = 0.0
        cur = 0.0
        for tok in re.split(r"[\s-]+", s):
            if tok in self.number_words:
                v = self.number_words[tok]
                if v >= 10:          # sepuluh, sebelas, seratus: complete on their own
                    total += v
                else:                # ones, and setengah (satu setengah = 1.5)
                    cur += v
            elif self.teen and tok == self.teen:
                total += cur + 10
                cur = 0
            elif tok in self.multipliers:
                total += (cur or 1) * self.multipliers[tok]
                cur = 0
            else:
                return None
        return total + cur

    # ---------------------------------------------------------------------------------------------
    # atom handlers: (match, text) -> atoms
    # ---------------------------------------------------------------------------------------------

    def _prev_word(self, text: str, pos: int) -> str:
        m = re.search(r"([\w.$€£'’]+)\W*$", text[max(0, pos - 24):pos])
        return m.group(1).lower() if m else ""

    def _next_word(self, text: str, pos: int) -> str:
        m = re.match(r"\s*([\w%$]+)", text[pos:pos + 24])
        return m.group(1).lower() if m else ""

    def _rel(self, m: re.Match[str], name: str = "rel") -> int | None:
        r = m.groupdict().get(name)
        return self.rel_after.get(_norm(r)) if r else None

    def _yrel(self, m: re.Match[str]) -> int | None:
        r = m.groupdict().get("yrel")
        return self.rel_after.get(_norm(r)) if r else None

    def _trim_dot(self, atom: Atom, m: re.Match[str], text: str) -> Atom:
        """Drop the dot after a full month name ("27 November." ends a sentence; "Des." is an abbreviation)."""
        name = m.group("mon")
        if atom.end == m.end("mon") + 1 and text[atom.end - 1] == "." and name.lower() in self.month_full:
            atom.end -= 1
        return atom

    def _date_text(self, m: re.Match[str], text: str) -> list[Atom]:
        d = int(m.group("d"))
        mon = self.months.get(m.group("mon").lower().rstrip("."))
        if not mon or not 1 <= d <= 31:
            return []
        y = int(m.group("y")) if m.groupdict().get("y") else None
        if y is not None and not 1000 <= y <= 2200:
            return []
        if y is None and self._prev_word(text, m.start()) in self.not_before:
            return []
        return [self._trim_dot(Atom(m.start(), m.end(), "date", {"d": d, "m": mon, "y": y, "rel": self._rel(m), "yrel": self._yrel(m)}), m, text)]

    def _date_num(self, m: re.Match[str], text: str) -> list[Atom]:
        d, mon = int(m.group("d")), int(m.group("m"))
        ys = m.groupdict().get("y")
        y = int(ys) if ys else None
        if y is not None and len(ys) == 2:
            if m.re.pattern.startswith(r"\("):
                y += 2000 if y < 50 else 1900
            else:
                return []
        if not (1 <= d <= 31 and 1 <= mon <= 12):
            return []
        if y is not None and _safe_date(y, mon, d) is None:
            return []
        return [Atom(m.start(), m.end(), "date", {"d": d, "m": mon, "y": y, "rel": self._rel(m)})]

    def _date_slash(self, m: re.Match[str], text: str) -> list[Atom]:
        # 22/4 alone is a date only right after a weekday or a day word ("Kamis 22/4", "tanggal 22/4")
        before = text[max(0, m.start() - 16):m.start()].rstrip(" ,").lower()
        if not any(before.endswith(w) for w in (*self.weekday_full, "tanggal", "tgl", "tgl.")):
            return []
        return self._date_num(m, text)

    def _day_only(self, m: re.Match[str], text: str) -> list[Atom]:
        d = int(m.group("d"))
        if not 1 <= d <= 31:
            return []
        return [Atom(m.start(), m.end(), "date", {"d": d, "m": None, "y": None})]

    def _day_range(self, m: re.Match[str], text: str) -> list[Atom]:
        d, d2 = int(m.group("d")), int(m.group("d2"))
        mon = self.months.get(m.group("mon").lower().rstrip("."))
        if not mon or not (1 <= d < d2 <= 31):
            return []
        y = int(m.group("y")) if m.group("y") else None
        return [Atom(m.start("d"), m.end("d"), "date", {"d": d, "m": mon, "y": y, "range_first": True})]

    def _month_range(self, m: re.Match[str], text: str) -> list[Atom]:
        mon, mon2 = self.months[m.group("mon").lower()], self.months[m.group("mon2").lower()]
        if not m.group("mon")[0].isupper():
            return []
        y = int(m.group("y"))
        if mon > mon2:
            y -= 1
        return [Atom(m.start("mon"), m.end("mon"), "month", {"m": mon, "y": y})]

    def _sentence_start(self, text: str, pos: int) -> bool:
        before = text[max(0, pos - 6):pos].rstrip(" \"“'‘(")
        return not before or before[-1] in ".!?\n:"

    def _weekday(self, m: re.Match[str], text: str) -> list[Atom]:
        name = m.group("wd")
        gd = m.groupdict()
        if not gd.get("head") and not name[0].isupper():
            return []
        wd = self.weekdays.get(name.lower())
        if wd is None:
            return []
        key = name.lower()
        if not gd.get("head") and self._prev_word(text, m.start()) in self.weekday_block_before:
            return []     # Pasar Minggu is a place
        rel = self._rel(m)
        if gd.get("relb"):
            rel = self.rel_before.get(_norm(gd["relb"]))
        if key in self.ambiguous_units and not gd.get("head") and (rel is not None or gd.get("wk")):
            # "Minggu lalu" at the start of a sentence is "last week"; mid-sentence, capitalised, Sunday.
            if self._sentence_start(text, m.start()):
                return []
        week_rel = self._rel(m, "wkrel") if gd.get("wk") else None
        return [Atom(m.start(), m.end(), "weekday", {"wd": wd, "rel": rel, "week_rel": week_rel})]

    def _month(self, m: re.Match[str], text: str) -> list[Atom]:
        name = m.group("mon")
        key = name.lower().rstrip(".")
        mon = self.months.get(key)
        if mon is None:
            return []
        gd = m.groupdict()
        y = int(gd["y"]) if gd.get("y") else None
        if y is not None and not 1000 <= y <= 2200:
            return []
        if key not in self.month_full and y is None:
            return []
        if not gd.get("head") and y is None and not name[0].isupper():
            return []
        rel = self._rel(m)
        if gd.get("relb"):
            rel = self.rel_before.get(_norm(gd["relb"]))
        if y is None and not gd.get("head") and rel is None and self._yrel(m) is None:
            # a bare capitalised month name: refuse the ambiguous short ones at a sentence start
            if len(key) <= 3 and self._sentence_start(text, m.start()):
                return []
            nxt = self._next_word(text, m.end())
            if nxt in self.not_year_after:
                return []
        return [self._trim_dot(Atom(m.start(), m.end(), "month", {"m": mon, "y": y, "rel": rel, "yrel": self._yrel(m)}), m, text)]

    def _year(self, m: re.Match[str], text: str) -> list[Atom]:
        y = int(m.group("y"))
        head = m.group("head")
        if not (1900 <= y <= 2099 or (head and 1000 <= y <= 2200)):
            return []
        if not head:
            prev = self._prev_word(text, m.start())
            if prev in self.not_before:
                return []
            before = text[max(0, m.start() - 2):m.start()]
            if before.endswith((".", ",", "/", ":")) and before[:1].isdigit():
                return []
            nxt = self._next_word(text, m.end())
            if nxt in self.not_year_after:
                return []
        return [Atom(m.start(), m.end(), "year", {"y": y, "rel": self._rel(m)})]

    def _decade(self, m: re.Match[str], text: str) -> list[Atom]:
        ys = m.group("y")
        if len(ys) == 2:
            if not m.group("head"):
                return []
            y = 1900 + int(ys)
        else:
            y = int(ys)
            if y % 10:
                return []
        return [Atom(m.start(), m.end(), "fixed", {"value": f"{y // 10:03d}", "type": "DATE"})]

    def _century(self, m: re.Match[str], text: str) -> list[Atom]:
        c = m.group("c").lower()
        n = int(c) if c.isdigit() else _ROMAN.get(c)
        if not n or n > 22:
            return []
        return [Atom(m.start(), m.end(), "fixed", {"value": f"{n - 1:02d}", "type": "DATE"})]

    def _quarter(self, m: re.Match[str], text: str) -> list[Atom]:
        kind = m.group("kind").lower()
        if kind == "q" and (m.group("kind") != "Q" or not m.group("y")):
            return []     # "Q2" alone is a qualifying session; "Q2 2017" is a quarter
        n = self.ordinals.get(m.group("n").lower())
        if n is None:
            n = _ROMAN.get(m.group("n").lower())
        half = kind == "semester"
        if n is None or n == 0 or (half and n not in (1, 2, -1)) or (not half and n not in (1, 2, 3, 4, -1)):
            return []
        if n == -1:
            n = 2 if half else 4
        y = int(m.group("y")) if m.group("y") else None
        yrel = self._yrel(m)
        return [Atom(m.start(), m.end(), "quarter", {"n": n, "half": half, "y": y, "rel": self._rel(m), "yrel": yrel})]

    def _clock_fields(self, h: int, mi: int, pod_word: str | None, ampm: str | None) -> tuple[int, int] | None:
        if ampm:
            code = self.clock_ampm.get(_norm(ampm))
            if h > 12:
                return None
            if code == "PM" and h < 12:
                h += 12
            if code == "AM" and h == 12:
                h = 0
        elif pod_word:
            p = _norm(pod_word)
            if p in self.pm_parts:
                if p == "malam" and 6 <= h < 12:
                    h += 12
                elif p == "malam" and h == 12:
                    h = 24
                elif p != "malam" and (h < 12 and (p != "siang" or h <= 6)):
                    h += 12
        if h > 24 or mi > 59 or (h == 24 and mi):
            return None
        return h, mi

    def _clock(self, m: re.Match[str], text: str) -> list[Atom]:
        gd = m.groupdict()
        h = self.clock_hour_words[_norm(gd["hw"])] if gd.get("hw") else int(gd["h"])
        mi = int(gd["mi"]) if gd.get("mi") else 0
        pref = (gd.get("pref") or "").lower()
        if gd.get("hw") and pref == "jam" and not gd.get("pod") and not gd.get("zone"):
            return []     # "jam dua" alone is too often "two hours" read wrongly
        if pref == "jam" and not gd.get("hw") and gd.get("mi") is None and not gd.get("pod") and not gd.get("zone"):
            # "jam 10" is a clock time, but "jam 2 tangan" is not: want a clock-ish next word or end
            nxt = self._next_word(text, m.end())
            if nxt and nxt not in ("wib", "wita", "wit", "tepat", "kurang", "lebih") and not re.match(r"\s*[,.;)]", text[m.end():m.end() + 2]):
                return []
        fields = self._clock_fields(h, mi, gd.get("pod"), gd.get("ampm"))
        if fields is None:
            return []
        h, mi = fields
        s = int(gd["s"]) if gd.get("s") else None
        pod = self.pods.get(_norm(gd["pod"])) if gd.get("pod") else None
        f: dict[str, Any] = {"h": h, "mi": mi, "s": s, "pod": pod}
        if gd.get("cafter"):
            f["offset"] = self.clock_after[_norm(gd["cafter"])]
        return [Atom(m.start(), m.end(), "clock", f)]

    def _clock_range(self, m: re.Match[str], text: str) -> list[Atom]:
        gd = m.groupdict()
        h1, h2 = int(gd["h"]), int(gd["h2"])
        mi1 = int(gd["mi"]) if gd.get("mi") else 0
        mi2 = int(gd["mi2"]) if gd.get("mi2") else 0
        f1 = self._clock_fields(h1, mi1, gd.get("pod"), gd.get("ampm"))
        f2 = self._clock_fields(h2, mi2, gd.get("pod"), gd.get("ampm"))
        if f1 is None or f2 is None:
            return []
        first_end = m.start("mid")
        return [Atom(m.start(), first_end, "clock", {"h": f1[0], "mi": f1[1], "s": None}),
                Atom(m.start("h2"), m.end(), "clock", {"h": f2[0], "mi": f2[1], "s": None})]

    def _unit_code(self, word: str) -> str | None:
        return self.units.get(word.lower())

    def _count(self, m: re.Match[str], text: str) -> list[Atom]:
        gd = m.groupdict()
        uword = gd["u"]
        unit = self._unit_code(uword)
        if unit is None:
            return []
        if uword.lower() in self.ambiguous_units and uword[0].isupper() and gd.get("q") is None:
            return []
        if self._prev_word(text, m.start()) in self.not_before:
            return []
        q = gd.get("q")
        vague_unit = None
        if q is None:
            n: float | str = 1
        elif _norm(q) in self.vague:
            n = "X"
            vague_unit = self.vague[_norm(q)]
        else:
            num = self.number(q)
            if num is None or num <= 0:
                return []
            n = num
        if gd.get("half") and n != "X":
            n = float(n) + 0.5
        parts: list[tuple[float | str, str]] = [(n, vague_unit or unit)]
        if gd.get("q2"):
            n2 = self.number(gd["q2"])
            u2 = self._unit_code(gd["u2"])
            if n2 is None or u2 is None or n == "X" or UNIT_ORDER.index(u2) <= UNIT_ORDER.index(unit):
                return []
            parts.append((n2, u2))
        after = _norm(gd["after"]) if gd.get("after") else None
        if n != "X" and isinstance(n, float) and unit == "Y" and n > 200:
            return []     # "2014 tahun" is not a duration people write; a stray number
        if after in self.counted_after and len(parts) == 1:
            return [Atom(m.start(), m.end(), "counted",
                         {"n": n, "unit": unit, "dir": self.counted_after[after],
                          "mention": after in self.counted_from_mention})]
        return [Atom(m.start(), m.end(), "fixed", {"value": _duration(parts), "type": "DURATION"})]

    def _count_mult(self, m: re.Match[str], text: str) -> list[Atom]:
        unit = self._unit_code(m.group("u"))
        if unit is None:
            return []
        n = int(m.group("a")) * int(m.group("b"))
        return [Atom(m.start(), m.end(), "fixed", {"value": _duration([(n, unit)]), "type": "DURATION"})]

    def _redup(self, m: re.Match[str], text: str) -> list[Atom]:
        unit = self.redup[_norm(m.group("r"))]
        return [Atom(m.start(), m.end(), "fixed", {"value": _duration([("X", unit)]), "type": "DURATION"})]

    def _unit_rel(self, m: re.Match[str], text: str) -> list[Atom]:
        gd = m.groupdict()
        uword = gd["u"]
        unit = self._unit_code(uword)
        if unit is None or unit in ("S", "MIN", "H"):
            return []
        rel_word = _norm(gd["rel"]) if gd.get("rel") else None
        part = self.parts.get(_norm(gd["part"])) if gd.get("part") else None
        relb = gd.get("relb")
        if rel_word is None and part is None and relb is None:
            return []
        if rel_word is None and relb is None:
            nxt = self._next_word(text, m.end())
            if re.fullmatch(r"\d{4}", nxt) or nxt in self.months:
                return []     # "pertengahan tahun 2014", "pertengahan bulan Mei": the part joins the year or month
        if rel_word in self.unit_from_mention and re.search(r"\d\s*$", text[max(0, m.start() - 4):m.start()]):
            return []     # "berusia 32 tahun itu": an age, not "that year"
        if uword.lower() in self.ambiguous_units and uword[0].isupper() and not self._sentence_start(text, m.start()) and not part:
            return []     # "Minggu lalu" mid-sentence is last Sunday (the weekday rule takes it)
        if relb is not None:
            return [Atom(m.start(), m.end(), "unitrel", {"unit": unit, "dir": self.rel_before.get(_norm(relb), 0), "part": part})]
        if rel_word is not None and rel_word in self.unit_from_mention and rel_word not in self.rel_after:
            return [Atom(m.start(), m.end(), "unitrel", {"unit": unit, "dir": self.unit_from_mention[rel_word],
                                                         "mention": True, "part": part})]
        d = self.rel_after.get(rel_word) if rel_word else None
        if rel_word and d is None:
            return []
        return [Atom(m.start(), m.end(), "unitrel", {"unit": unit, "dir": d, "part": part})]

    def _weekend(self, m: re.Match[str], text: str) -> list[Atom]:
        return [Atom(m.start(), m.end(), "weekend", {"rel": self._rel(m)})]

    def _pod(self, m: re.Match[str], text: str) -> list[Atom]:
        gd = m.groupdict()
        code = self.pods[_norm(gd["pod"])]
        before = _norm(gd["before"]) if gd.get("before") else None
        after = _norm(gd["after"]) if gd.get("after") else None
        f: dict[str, Any] = {"code": code, "word": _norm(gd["pod"])}
        if gd.get("relb"):
            f["day"] = ("anchor", self.rel_before.get(_norm(gd["relb"]), 0))
        elif gd.get("bstory"):
            f["day"] = ("story", self.pod_before_story[_norm(gd["bstory"])])
        elif gd.get("nya") and before is None:
            f["day"] = ("story", 0)
        elif before is not None:
            f["day"] = ("anchor", self.pod_before[before])
        elif after is not None:
            how = self.pod_after[after]
            if how == "today":
                f["day"] = ("anchor", 0)
            elif how == "yesterday":
                f["day"] = ("anchor", -1)
            elif how == "tomorrow":
                f["day"] = ("anchor", 1)
            elif how.startswith("story"):
                f["day"] = ("story", int(how[5:] or 0))
        elif gd.get("head"):
            f["day"] = ("story", 0)
        else:
            f["needs_host"] = True
        return [Atom(m.start(), m.end(), "pod", f)]

    def _last_night(self, m: re.Match[str], text: str) -> list[Atom]:
        return [Atom(m.start(), m.end(), "lastnight", {})]

    def _deictic(self, m: re.Match[str], text: str) -> list[Atom]:
        return [Atom(m.start(), m.end(), "day", {"offset": self.deictic[_norm(m.group("x"))]})]

    def _story_day(self, m: re.Match[str], text: str) -> list[Atom]:
        return [Atom(m.start(), m.end(), "storyday", {"offset": self.story_days[_norm(m.group("x"))]})]

    def _anaphor(self, m: re.Match[str], text: str) -> list[Atom]:
        return [Atom(m.start(), m.end(), "anaphor", {})]

    def _ref(self, m: re.Match[str], text: str) -> list[Atom]:
        return [Atom(m.start(), m.end(), "fixed", {"value": self.refs[_norm(m.group("x"))], "type": "DATE"})]

    def _guarded(self, m: re.Match[str], text: str) -> list[Atom]:
        value, cues = self.guarded[_norm(m.group("x"))]
        if m.group("cue").lower() not in cues:
            return []
        return [Atom(m.start("x"), m.end("x"), "fixed", {"value": value, "type": "DATE"})]

    def _edge_ref(self, m: re.Match[str], text: str) -> list[Atom]:
        before = text[max(0, m.start("x") - 12):m.start("x")].lower()
        if re.search(r"\d\s*[a-z]*\s*$", before):
            return []
        return [Atom(m.start("x"), m.end("x"), "fixed", {"value": self.edge_refs[_norm(m.group("x"))], "type": "DATE"})]

    def _season(self, m: re.Match[str], text: str) -> list[Atom]:
        y = int(m.group("y")) if m.group("y") else None
        rel = self._rel(m)
        if rel is None:
            rel = self._yrel(m)
        return [Atom(m.start(), m.end(), "season", {"code": self.seasons[_norm(m.group("x"))], "y": y, "rel": rel})]

    def _holiday(self, m: re.Match[str], text: str) -> list[Atom]:
        word = m.group("x")
        if not word[0].isupper():
            return []
        nxt = self._next_word(text, m.end("x"))
        prev = self._prev_word(text, m.start())
        if nxt in getattr(self.w, "HOLIDAY_BLOCK_AFTER", ()) or prev in getattr(self.w, "HOLIDAY_BLOCK_BEFORE", ()):
            return []
        mon, d, pod = self.holidays[_norm(word)]
        y = int(m.group("y")) if m.group("y") else None
        return [Atom(m.start(), m.end(), "holiday", {"d": d, "m": mon, "y": y, "pod": pod})]

    def _vague_duration(self, m: re.Match[str], text: str) -> list[Atom]:
        return [Atom(m.start(), m.end(), "fixed", {"value": self.vague_durations[_norm(m.group("x"))], "type": "DURATION"})]

    def _count_range(self, m: re.Match[str], text: str) -> list[Atom]:
        """The first number of "2-3 menit" / "dua hingga tiga jam": a duration of its own, in the second's unit."""
        unit = self._unit_code(m.group("u"))
        n, n2 = self.number(m.group("q")), self.number(m.group("q2"))
        if unit is None or n is None or n2 is None or not 0 < n < n2:
            return []
        if self._prev_word(text, m.start()) in self.not_before:
            return []
        return [Atom(m.start("q"), m.end("q"), "fixed", {"value": _duration([(n, unit)]), "type": "DURATION", "range_first": True})]

    def _set_word(self, m: re.Match[str], text: str) -> list[Atom]:
        return [Atom(m.start(), m.end(), "fixed", {"value": self.set_words[_norm(m.group("x"))], "type": "SET"})]

    def _fixed_time(self, m: re.Match[str], text: str) -> list[Atom]:
        offset, code = self.fixed_times[_norm(m.group("x"))]
        return [Atom(m.start(), m.end(), "pod", {"code": code, "day": ("anchor", offset), "word": _norm(m.group("x"))})]

    def _set(self, m: re.Match[str], text: str) -> list[Atom]:
        gd = m.groupdict()
        if gd.get("wd") and gd["wd"].lower() in self.ambiguous_units and not gd["wd"][0].isupper():
            gd = {**gd, "u": gd["wd"], "wd": None}      # "setiap minggu" is every week; "setiap Minggu" every Sunday
        if gd.get("u"):
            unit = self._unit_code(gd["u"])
            if unit is None:
                return []
            n = self.number(gd["q"]) if gd.get("q") else 1
            if n is None:
                return []
            value = _duration([(n, unit)])
        elif gd.get("wd"):
            value = f"XXXX-WXX-{self.weekdays[gd['wd'].lower()] + 1}"
            if gd.get("wdpod"):
                value += "T" + self.pods[_norm(gd["wdpod"])]
        elif gd.get("pod"):
            value = f"XXXX-XX-XXT{self.pods[_norm(gd['pod'])]}"
        elif gd.get("mon"):
            value = f"XXXX-{self.months[gd['mon'].lower()]:02d}"
        elif gd.get("d"):
            value = f"XXXX-XX-{int(gd['d']):02d}"
        else:
            return []
        return [Atom(m.start(), m.end(), "fixed", {"value": value, "type": "SET"})]

    def _set_freq(self, m: re.Match[str], text: str) -> list[Atom]:
        gd = m.groupdict()
        unit = self._unit_code(gd.get("u") or gd.get("u2") or "")
        if unit is None:
            return []
        return [Atom(m.start(), m.end(), "fixed", {"value": _duration([(1, unit)]), "type": "SET"})]

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

    def tense(self, text: str, start: int, end: int) -> int:
        """+1 when a future cue is the nearest cue in the sentence around [start, end), -1 for past, 0 none."""
        lo = max(0, start - 45)
        for m in self.sentence_end.finditer(text, lo, start):
            lo = m.end()
        hi = min(len(text), end + 15)
        m = self._clause_end.search(text, end, hi)
        if m:
            hi = m.start()
        best: tuple[int, int] | None = None
        for rx, sign in ((self.future_re, 1), (self.past_re, -1)):
            for c in rx.finditer(text, lo, hi):
                if start <= c.start() < end:
                    continue
                dist = start - c.end() if c.end() <= start else c.start() - end
                if best is None or dist < best[0]:
                    best = (dist, sign)
        return best[1] if best else 0


def _duration(parts: Sequence[tuple[float | str, str]]) -> str:
    """TIMEX3 duration value of counted units: [(2, "H"), (30, "MIN")] -> PT2H30M."""
    down = {"Y": ("M", 12), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60), "W": ("D", 7), "HY": ("M", 6),
            "Q": ("M", 3)}
    norm: list[tuple[float | str, str]] = []
    for n, u in parts:
        if u == "Q" and n != "X":
            n, u = float(n) * 3, "M"
        elif u == "HY" and n != "X":
            n, u = float(n) * 6, "M"
        elif u == "WINDU":
            n, u = ("X" if n == "X" else float(n) * 8), "Y"
        if n != "X" and not float(n).is_integer() and u in down:
            small, k = down[u]
            if (float(n) * k).is_integer():
                n, u = float(n) * k, small
        norm.append((n, u))
    date_part = ""
    time_part = ""
    code = {"Y": "Y", "M": "M", "W": "W", "D": "D", "DE": "DE", "CE": "CE", "Q": "Q", "HY": "M",
            "H": "H", "MIN": "M", "S": "S"}
    for n, u in norm:
        s = ("X" if n == "X" else _fmt_num(float(n))) + code.get(u, u)
        if u in ("H", "MIN", "S"):
            time_part += s
        else:
            date_part += s
    return "P" + date_part + ("T" + time_part if time_part else "")


def _shift_day(base: date, n: float, unit: str, direction: int) -> date:
    k = round(n) * direction
    if unit == "D":
        return base + timedelta(days=k)
    if unit == "W":
        return base + timedelta(days=7 * k)
    months = k * (12 if unit == "Y" else 1)
    y, m = _add_months(base.year, base.month, months)
    for day in (base.day, 30, 29, 28):
        if (d := _safe_date(y, m, min(day, base.day))) is not None:
            return d
    return date(y, m, 1)


@cache
def grammar(lang: str) -> Grammar:
    module = pack_data(lang, "time_words")
    assert isinstance(module, ModuleType)
    return Grammar(module)


# ----------------------------------------------------------------------------------------------
# expressions: merging atoms
# ----------------------------------------------------------------------------------------------

DAYLIKE = frozenset({"date", "weekday", "day", "storyday", "holiday"})
_SPACE_GAP = re.compile(r"^[ \t\u00a0]*$")
_COMMA_GAP = re.compile(r"^[ \t\u00a0]*,[ \t\u00a0]*$")


def _mergeable(group: list[Atom], b: Atom, gap: str) -> bool:
    kinds = {a.kind for a in group}
    a = group[-1]
    space = bool(_SPACE_GAP.match(gap))
    comma = not space and bool(_COMMA_GAP.match(gap))
    if not (space or comma):
        return False
    if b.kind == "date" and b.f.get("range_first"):
        return False
    if a.kind == "date" and a.f.get("range_first"):
        return False
    if comma:
        if a.kind == "weekday" and b.kind == "date" and "date" not in kinds:
            return True
        if a.kind == "clock" and b.kind in ("date", "weekday") and not kinds & DAYLIKE:
            return True      # "pukul 7:55 WIB, Jumat (5/12/2014)"
        return bool(kinds & DAYLIKE) and b.kind == "clock" and "clock" not in kinds
    if b.kind in DAYLIKE:
        if b.kind in kinds or "lastnight" in kinds:
            return False
        if b.kind == "date" and ("weekday" in kinds or (a.kind == "pod" and not kinds & DAYLIKE)):
            return True      # "Rabu sore (15/11)", "tengah malam (5/11)"
        if b.kind == "day" and b.f["offset"] == -1 and kinds & (DAYLIKE | {"clock"}):
            return True      # "Minggu (28/12) pukul 06.18 WIB kemarin": kemarin confirms the past
        if a.kind in DAYLIKE:
            # weekday + date, day word + weekday (hari ini, Senin 29/12)
            return not (b.kind == "weekday" and "date" in kinds)
        if a.kind == "clock":
            return not (kinds & DAYLIKE)
        return False
    if b.kind == "pod":
        if "pod" in kinds:
            return False
        # "Jumat malam", "pukul 22.15 WIB, Jumat malam" (the clock decides), not "pukul 7 ... pagi" twice
        return a.kind in DAYLIKE or ("clock" not in kinds and bool(kinds & (DAYLIKE | {"clock"})))
    if b.kind == "clock":
        return "clock" not in kinds and bool(kinds & (DAYLIKE | {"pod", "lastnight"}))
    return False


def _group(atoms: list[Atom], text: str) -> list[list[Atom]]:
    groups: list[list[Atom]] = []
    for a in atoms:
        if groups and _mergeable(groups[-1], a, text[groups[-1][-1].end:a.start]):
            groups[-1].append(a)
        else:
            groups.append([a])
    # a part of day alone ("selamat pagi") is not a time
    return [g for g in groups if not (len(g) == 1 and g[0].kind == "pod" and g[0].f.get("needs_host"))]


def _split_at_comma(group: list[Atom], text: str) -> list[list[Atom]]:
    """A comma between a day and a clock time separates two expressions (the TimeML/IndoTimex extent
    convention): "Sabtu 20 April 1997, pukul 08.00 WIB" is a DATE and a TIME; the TIME keeps that day."""
    parts: list[list[Atom]] = [[group[0]]]
    for a, b in pairwise(group):
        if "," in text[a.end:b.start] and "clock" in (a.kind, b.kind):
            parts.append([b])
        else:
            parts[-1].append(b)
    return parts


# ----------------------------------------------------------------------------------------------
# values
# ----------------------------------------------------------------------------------------------


class _Resolver:
    def __init__(self, gram: Grammar, state: _State) -> None:
        self.g = gram
        self.s = state

    # --- calendar choices -----------------------------------------------------------------------

    def _base_year(self, paragraph: int) -> int | None:
        s = self.s
        if s.narrative_year is not None and s.narrative_par == paragraph:
            return s.narrative_year
        return None

    def date_no_year(self, d: int, m: int, wd: int | None, tense: int, paragraph: int) -> date | None:
        a = self.s.anchor
        if a is None:
            return None
        narrative = self._base_year(paragraph)
        near = [c for y in (a.year - 1, a.year, a.year + 1) if (c := _safe_date(y, m, d)) is not None]
        if wd is not None:
            # the weekday settles the year: near the anchor first, else in the year the story is about
            matching = [c for c in near if c.weekday() == wd]
            if matching:
                return min(matching, key=lambda c: abs((c - a).days))
            if narrative is not None and (c := _safe_date(narrative, m, d)) is not None and c.weekday() == wd:
                return c
        if narrative is not None:
            return _safe_date(narrative, m, d)
        cands = near
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        return self._choose(cands, a, tense)

    @staticmethod
    def _choose(cands: list[date], a: date, tense: int) -> date:
        if tense > 0:
            fut = [c for c in cands if c >= a]
            if fut:
                return min(fut)
        elif tense < 0:
            past = [c for c in cands if c <= a]
            if past:
                return max(past)
        return min(cands, key=lambda c: (c - a).days * 2 if c > a else (a - c).days)

    def weekday(self, wd: int, rel: int | None, week_rel: int | None, tense: int) -> date | None:
        a = self.s.anchor
        if a is None:
            return None
        if week_rel is not None:
            monday = a - timedelta(days=a.weekday())
            return monday + timedelta(days=7 * week_rel + wd)
        if rel == 0:
            return a - timedelta(days=a.weekday()) + timedelta(days=wd)
        if rel is not None and rel > 0:
            return a + timedelta(days=(wd - a.weekday() - 1) % 7 + 1)
        if rel is not None and rel < 0:
            return a - timedelta(days=(a.weekday() - wd - 1) % 7 + 1)
        if tense > 0:
            return a + timedelta(days=(wd - a.weekday()) % 7)
        return a - timedelta(days=(a.weekday() - wd) % 7)

    def month(self, m: int, rel: int | None, tense: int, paragraph: int) -> str | None:
        a = self.s.anchor
        if a is None:
            return None
        if rel == 0:
            return f"{a.year:04d}-{m:02d}"
        if rel is not None and rel > 0:
            return f"{a.year + (0 if m > a.month else 1):04d}-{m:02d}"
        if rel is not None and rel < 0:
            return f"{a.year - (0 if m < a.month else 1):04d}-{m:02d}"
        narrative = self._base_year(paragraph)
        if narrative is not None:
            return f"{narrative:04d}-{m:02d}"
        cands = [date(y, m, 1) for y in (a.year - 1, a.year, a.year + 1)]
        first = date(a.year, a.month, 1)
        c = self._choose(cands, first, tense)
        return f"{c.year:04d}-{m:02d}"

    def shift(self, base: date, n: float | str, unit: str, direction: int, base_dt: datetime | None = None) -> tuple[str | None, str]:
        """The period n units before/after base, at the unit's granularity: (value, type)."""
        if n == "X":
            return ("FUTURE_REF" if direction > 0 else "PAST_REF"), "DATE"
        n = float(n)
        if not n.is_integer():
            small = {"Y": ("M", 12), "D": ("H", 24), "H": ("MIN", 60), "W": ("D", 7), "M": ("D", 30)}.get(unit)
            if small:
                unit, n = small[0], n * small[1]
        k = round(n) * direction
        if unit == "D":
            return (base + timedelta(days=k)).isoformat(), "DATE"
        if unit == "W":
            return _week(base + timedelta(days=7 * k)), "DATE"
        if unit == "M":
            y, m = _add_months(base.year, base.month, k)
            return f"{y:04d}-{m:02d}", "DATE"
        if unit == "Q":
            y, m = _add_months(base.year, base.month, 3 * k)
            return f"{y:04d}-Q{(m - 1) // 3 + 1}", "DATE"
        if unit == "HY":
            y, m = _add_months(base.year, base.month, 6 * k)
            return f"{y:04d}-H{1 if m <= 6 else 2}", "DATE"
        if unit == "Y":
            return f"{base.year + k:04d}", "DATE"
        if unit == "WINDU":
            return f"{base.year + 8 * k:04d}", "DATE"
        if unit == "DE":
            return f"{(base.year + 10 * k) // 10:03d}", "DATE"
        if unit == "CE":
            return f"{(base.year + 100 * k) // 100:02d}", "DATE"
        if unit in ("H", "MIN", "S"):
            if base_dt is None:
                return ("FUTURE_REF" if direction > 0 else "PAST_REF"), "TIME"
            delta = {"H": timedelta(hours=abs(k)), "MIN": timedelta(minutes=abs(k)), "S": timedelta(seconds=abs(k))}[unit]
            t = base_dt + delta if k >= 0 else base_dt - delta
            return t.strftime("%Y-%m-%dT%H:%M"), "TIME"
        return None, "DATE"

    # --- one expression -------------------------------------------------------------------------

    def resolve(self, group: list[Atom], text: str, start: int, end: int, paragraph: int,
                forced_day: date | None = None) -> tuple[str, str | None, int | None]:
        """(type, value, explicit year) of one merged expression (``forced_day``: the day a clock time is on)."""
        s, g = self.s, self.g
        a = s.anchor
        kinds = {x.kind: x for x in group}
        if len(group) == 1 and group[0].kind not in DAYLIKE | {"clock", "pod", "lastnight"}:
            return self._single(group[0], text, start, end, paragraph)

        tense = g.tense(text, start, end)
        day: date | None = None
        explicit_year: int | None = None
        pod_code: str | None = None
        date_atom = kinds.get("date")
        wd_atom = kinds.get("weekday")
        if date_atom is None and "day" in kinds:
            day = a + timedelta(days=kinds["day"].f["offset"]) if a else None
        elif date_atom is None and "storyday" in kinds:
            base = s.story_day or a
            day = base + timedelta(days=kinds["storyday"].f["offset"]) if base else None
        elif date_atom is not None:
            f = date_atom.f
            if f.get("rel") is not None:
                tense = -1 if f["rel"] < 0 else (1 if f["rel"] > 0 else tense)
            if f.get("yrel") is not None and a is not None:
                f = {**f, "y": a.year + f["yrel"]}
            if f["m"] is None:       # "tanggal 5": this month, or the nearest month by tense
                if a is None:
                    return "DATE", None, None
                cands = []
                for k in (-1, 0, 1):
                    yy, mm = _add_months(a.year, a.month, k)
                    if (c := _safe_date(yy, mm, f["d"])) is not None:
                        cands.append(c)
                day = self._choose(cands, a, tense) if cands else None
            elif f["y"] is not None:
                day = _safe_date(f["y"], f["m"], f["d"])
                explicit_year = f["y"] if f.get("yrel") is None else None
            else:
                wd = wd_atom.f["wd"] if wd_atom else None
                if wd_atom and wd_atom.f.get("rel") is not None:
                    tense = -1 if wd_atom.f["rel"] < 0 else 1
                day = self.date_no_year(f["d"], f["m"], wd, tense, paragraph)
        elif "holiday" in kinds:
            f = kinds["holiday"].f
            day = _safe_date(f["y"], f["m"], f["d"]) if f["y"] else self.date_no_year(f["d"], f["m"], None, tense, paragraph)
            pod_code = f.get("pod")
        elif wd_atom is not None:
            f = wd_atom.f
            day = self.weekday(f["wd"], f["rel"], f["week_rel"], tense)
        elif "lastnight" in kinds:
            if a is not None:
                late = s.anchor_dt is not None and s.anchor_dt.hour >= 18
                day = a if late else a - timedelta(days=1)
            pod_code = "NI"

        has_day_atom = bool(set(kinds) & (DAYLIKE | {"lastnight"}))
        clock = kinds.get("clock")
        pod = kinds.get("pod")
        if pod is not None:
            pod_code = pod.f["code"]
            if day is None and not has_day_atom:
                how = pod.f.get("day")
                if how and how[0] == "anchor" and a is not None:
                    day = a + timedelta(days=how[1])
                elif how and how[0] == "story":
                    base = s.story_day or a
                    day = base + timedelta(days=how[1]) if base else None
            if clock is not None and pod.f.get("word"):
                fields = g._clock_fields(clock.f["h"], clock.f["mi"], pod.f["word"], None)
                if fields:
                    clock = Atom(clock.start, clock.end, "clock", {**clock.f, "h": fields[0], "mi": fields[1]})
        if clock is not None:
            if day is None and forced_day is not None:
                day = forced_day
            if day is None and clock.f.get("offset") is not None and a is not None:
                day = a + timedelta(days=clock.f["offset"])
            if day is None and not has_day_atom and pod is None:
                day = s.story_day or a
                if s.story_day is not None and s.story_hour is not None and s.story_hour >= 18 and clock.f["h"] < 6:
                    day = s.story_day + timedelta(days=1)   # "pukul 22.15 ... Sekitar pukul 01.40": past midnight
            elif day is None and pod is not None and pod.f.get("day") is None:
                day = s.story_day or a
            if day is None:
                return "TIME", None, None
            f = clock.f
            hh = f"{f['h']:02d}:{f['mi']:02d}" + (f":{f['s']:02d}" if f.get("s") is not None else "")
            return "TIME", f"{day.isoformat()}T{hh}", explicit_year
        if pod_code is not None:
            if day is None and not has_day_atom:
                day = s.story_day or a
            if day is None:
                return "TIME", None, None
            return "TIME", f"{day.isoformat()}T{pod_code}", explicit_year
        if day is None:
            return "DATE", None, None
        return "DATE", day.isoformat(), explicit_year

    def _single(self, x: Atom, text: str, start: int, end: int, paragraph: int) -> tuple[str, str | None, int | None]:
        s, g = self.s, self.g
        a = s.anchor
        f = x.f
        if x.kind == "fixed":
            return f["type"], f["value"], None
        if x.kind == "year":
            return "DATE", f"{f['y']:04d}", None
        if x.kind == "month":
            if f.get("y") is not None:
                return "DATE", f"{f['y']:04d}-{f['m']:02d}", f["y"]
            if f.get("yrel") is not None:
                return "DATE", (f"{a.year + f['yrel']:04d}-{f['m']:02d}" if a else None), None
            return "DATE", self.month(f["m"], f.get("rel"), g.tense(text, start, end), paragraph), None
        if x.kind == "quarter":
            y = f["y"]
            if y is None and a is not None and f.get("yrel") is not None:
                y = a.year + f["yrel"]
            if y is None and a is not None:
                rel = f.get("rel")
                cur = (a.month - 1) // (6 if f["half"] else 3) + 1
                if rel is None:
                    y = a.year
                    if f["n"] > cur and g.tense(text, start, end) <= 0 and f["n"] - cur >= 2:
                        y -= 1
                elif rel < 0:      # "kuartal I lalu": the latest past first quarter
                    y = a.year if f["n"] < cur else a.year - 1
                elif rel > 0:
                    y = a.year if f["n"] > cur else a.year + 1
                else:
                    y = a.year
            if y is None:
                return "DATE", None, None
            return "DATE", f"{y:04d}-{'H' if f['half'] else 'Q'}{f['n']}", None
        if x.kind == "season":
            y = f["y"] if f["y"] is not None else (a.year + (f["rel"] or 0) if a else None)
            return "DATE", (f"{y:04d}-{f['code']}" if y is not None else None), None
        if x.kind == "weekend":
            if a is None:
                return "DATE", None, None
            rel = f.get("rel")
            if rel is None:
                tense = g.tense(text, start, end)
                rel = 0 if (tense > 0 or a.weekday() >= 5) else -1
            return "DATE", _week(a + timedelta(days=7 * rel)) + "-WE", None
        if x.kind == "counted":
            if f["mention"]:
                base = s.last_date or a
                base_dt = None
                if s.last_value and s.last_gran == "T" and re.search(r"T\d\d:\d\d", s.last_value):
                    base_dt = datetime.fromisoformat(s.last_value[:16])
                if f["unit"] in ("H", "MIN", "S") and base_dt is None:
                    return "TIME", None, None
            else:
                base, base_dt = a, s.anchor_dt
            if base is None:
                return "DATE", None, None
            if f["mention"] and f["n"] == "X":
                return "DATE", None, None
            if f["mention"] and base_dt is None and s.last_gran in ("D", "T") and f["unit"] in ("D", "W", "M", "Y"):
                # counted from a day ("sebulan kemudian" after 14 Juni): a day, as TimeML arithmetic keeps
                # the anchor's granularity when it is finer than the unit
                return "DATE", _shift_day(base, float(f["n"]), f["unit"], f["dir"]).isoformat(), None
            value, type_ = self.shift(base, f["n"], f["unit"], f["dir"], base_dt)
            return type_, value, None
        if x.kind == "unitrel":
            unit, d = f["unit"], f.get("dir")
            if f.get("mention"):
                if d == 0 and s.last_date is None:
                    return "DATE", g.anaphoric_fallback, None
                base = s.last_date or a
            else:
                base = a
            if base is None:
                return "DATE", None, None
            if d is None:      # "akhir tahun", "awal bulan": this period, or by tense at a year's edge
                d = 0
                part = f.get("part")
                tense = g.tense(text, start, end)
                if unit == "Y" and a is not None:
                    if part == "END" and tense < 0 and a.month <= 3:
                        d = -1
                    elif part == "START" and tense > 0 and a.month >= 10:
                        d = 1
            value, type_ = self.shift(base, 1, unit, d) if d else self.shift(base, 0, unit, 1)
            return type_, value, None
        if x.kind == "anaphor":
            if s.last_value is None:
                return "DATE", g.anaphoric_fallback, None
            return s.last_type, s.last_value, None
        return "DATE", None, None


# ----------------------------------------------------------------------------------------------
# public API
# ----------------------------------------------------------------------------------------------


def _anchor(anchor: date | datetime | str | None) -> tuple[date | None, datetime | None]:
    if anchor is None:
        return None, None
    if isinstance(anchor, str):
        return parse_published(anchor)
    if isinstance(anchor, datetime):
        return anchor.date(), anchor.replace(tzinfo=None)
    return anchor, None


def parse_published(published: str | None) -> tuple[date | None, datetime | None]:
    """``Article.published`` -> (date, local datetime or None).  Clock values use the outlet's local time."""
    if not published:
        return None, None
    s = published.strip()
    try:
        if "T" in s or " " in s:
            dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
            return dt.date(), dt.replace(tzinfo=None)
        return date.fromisoformat(s), None
    except ValueError:
        m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
        if m:
            d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return d, None
        return None, None


def tag_paragraphs(paragraphs: Sequence[str], anchor: date | datetime | str | None, lang: str = "id") -> list[Found]:
    """Time expressions of an article's paragraphs, resolved in reading order with one discourse state."""
    gram = grammar(lang)
    adate, adt = _anchor(anchor)
    state = _State(anchor=adate, anchor_dt=adt)
    resolver = _Resolver(gram, state)
    out: list[Found] = []
    for pi, text in enumerate(paragraphs):
        if not text:
            continue
        groups: list[tuple[list[Atom], date | None]] = []
        for merged in _group(gram.atoms(text), text):
            parts = _split_at_comma(merged, text)
            if len(parts) == 1:
                groups.append((merged, None))
                continue
            # resolve the day part first (without touching the state), so the clock part can take its day
            days = [p for p in parts if not any(x.kind == "clock" for x in p)]
            forced = None
            if days:
                _t, v, _y = resolver.resolve(days[0], text, days[0][0].start, days[0][-1].end, pi)
                parsed = _value_date(v)
                forced = parsed[0] if parsed and parsed[1] in ("D", "T") else None
            groups.extend((p, forced if any(x.kind == "clock" for x in p) else None) for p in parts)
        for group, forced_day in groups:
            start, end = group[0].start, group[-1].end
            if gram.mods_re is not None and group[0].kind in ("fixed", "clock", "counted", "date", "year", "month", "day", "weekday"):
                if not (group[0].kind == "fixed" and group[0].f.get("value", "").endswith("_REF")):
                    m = gram.mods_re.search(text, max(0, start - 30), start)
                    if m and m.end() == start:
                        start = m.start("mod")
            if gram.parts_re is not None and group[0].kind in ("year", "month", "date", "quarter", "season", "fixed"):
                if not (group[0].kind == "fixed" and group[0].f.get("type") != "DATE"):
                    m = gram.parts_re.search(text, max(0, start - 16), start)
                    if m and m.end() == start:
                        start = m.start("part")
            type_, value, explicit_year = resolver.resolve(group, text, start, end, pi, forced_day)
            out.append(Found(pi, start, end, text[start:end], type_, value))
            if type_ in ("DATE", "TIME"):
                attribution = type_ == "DATE" and group[0].kind in ("weekday", "date", "day") and gram.attribution(text, start, end)
                state.remember(value, type_, pi, explicit_year, attribution)
    return out


def tag_times(text: str, anchor: date | datetime | str | None, lang: str = "id") -> list[TimeExpr]:
    """Time expressions of one paragraph (``paragraph`` is 0; offsets index ``text``)."""
    return [TimeExpr(text=f.text, value=f.value, type=f.type, paragraph=f.paragraph, start=f.start, end=f.end)
            for f in tag_paragraphs([text], anchor, lang)]


def _article_lang(article: Article) -> str:
    lang = article.language or "id"
    try:
        grammar(lang)
    except KeyError:
        return "id"
    return lang


@stage("times", requires=["paragraphs", "published"], assigns=["times"])
def annotate_times(article: Article) -> Article:
    """Fill ``article.times``: TIMEX3-typed expressions with values against the publication date."""
    found = tag_paragraphs(article.paragraphs, article.published, _article_lang(article))
    article.times = [TimeExpr(text=f.text, value=f.value, type=f.type, paragraph=f.paragraph, start=f.start, end=f.end)
                     for f in found]
    return article
