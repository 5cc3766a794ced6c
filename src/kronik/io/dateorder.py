"""The day/month order of an export's numeric date column, decided from the whole column.

``10/7/2025 18:52`` is 10 July in Indonesia and 7 October in a US-configured
spreadsheet; one value cannot tell, the column can.  A tool writes every row
the same way, so a single ``10/21/2025`` (no month 21) settles the order for
all rows.  When no value settles it, the rows' own bodies and URLs vote:
Indonesian news states the day it reports in day/month order ("Selasa
(7/10/2025)", "Senin (6/10)") and many URLs carry ``/2025/10/07/``; a candidate
date that one of them confirms (with a weekday that fits, when there is one)
is evidence for its order.  A candidate after the present is impossible.

When neither the column nor the evidence decides, the order is *ambiguous*:
values are read day/month (the Indonesian convention) but marked so, with a
warning that names the column and the ``--date-order`` option; a silent guess
would hand a wrong day to every relative time and timeline downstream.

Written ourselves rather than with dateparser: dateparser decides per value
(``DATE_ORDER`` must be given), and the point here is deciding per column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from kronik.lang.base import all_packs

ORDERS = ("auto", "DMY", "MDY", "YMD")

_NUMERIC = re.compile(
    r"^\s*(?P<a>\d{1,2})\s*[/.-]\s*(?P<b>\d{1,2})\s*[/.-]\s*(?P<y>\d{4}|\d{2})"
    r"(?P<rest>(?:[\sT,]+.*)?)$"
)
_ISO_LIKE = re.compile(r"^\s*(?P<y>\d{4})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<d>\d{1,2})(?P<rest>(?:[\sT,]+.*)?)$")
_CLOCK = re.compile(
    r"^[\sT,]*(?:pukul|jam|pkl\.?|at)?\s*(?P<hh>\d{1,2})[:.](?P<mm>\d{2})(?:[:.](?P<ss>\d{2})(?:\.\d+)?)?\s*"
    r"(?P<ampm>[AaPp]\.?[Mm]\.?)?\s*(?P<zone>[A-Za-z]{2,5}|[+-]\d{2}:?\d{2}|Z)?\s*$"
)
_WEEKDAYS: dict[str, int] = {k: v for p in all_packs() for k, v in p.weekdays.items()}
_WD_ALT = "|".join(sorted(map(re.escape, _WEEKDAYS), key=len, reverse=True))
# "Selasa (7/10/2025)", "Senin (6/10)", "(7/10/2025)": the numeric dates a body states, day first.
_BODY_DATE = re.compile(rf"(?:\b(?P<wd>{_WD_ALT})\b\s*,?\s*)?\(\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?:\s*/\s*(?P<y>\d{{4}}|\d{{2}}))?\s*\)",
                        re.IGNORECASE)
_URL_DATE = re.compile(r"/(?P<y>20\d\d|19\d\d)[/-]?(?P<m>0[1-9]|1[0-2])[/-]?(?P<d>0[1-9]|[12]\d|3[01])(?=[/-]|$|\d{2,})")


@dataclass(frozen=True)
class NumericDate:
    """A numeric date value split into its parts; ``a``/``b`` are the first two numbers as written."""

    a: int
    b: int
    year: int
    clock: tuple[int, int, int] | None
    zone: str | None

    @property
    def ambiguous(self) -> bool:
        return self.a <= 12 and self.b <= 12 and self.a != self.b

    def as_date(self, order: str) -> date | None:
        d, m = (self.a, self.b) if order == "DMY" else (self.b, self.a)
        try:
            return date(self.year, m, d)
        except ValueError:
            return None


def parse_numeric(value: str) -> NumericDate | None:
    """``10/7/2025 18:52`` -> parts, or None for anything that is not a d/m/y-or-m/d/y value."""
    m = _NUMERIC.match(value)
    if not m:
        return None
    clock, zone = _clock(m.group("rest"))
    if m.group("rest").strip() and clock is None:
        return None
    year = int(m.group("y"))
    year = year + 2000 if year < 100 else year
    return NumericDate(int(m.group("a")), int(m.group("b")), year, clock, zone)


def _clock(rest: str) -> tuple[tuple[int, int, int] | None, str | None]:
    if not rest.strip():
        return None, None
    c = _CLOCK.match(rest)
    if not c:
        return None, None
    hh, mm, ss = int(c.group("hh")), int(c.group("mm")), int(c.group("ss") or 0)
    ampm = (c.group("ampm") or "").lower()
    if ampm.startswith("p") and hh < 12:
        hh += 12
    elif ampm.startswith("a") and hh == 12:
        hh = 0
    if hh > 23 or mm > 59 or ss > 59:
        return None, None
    return (hh, mm, ss), c.group("zone")


@dataclass(frozen=True)
class Evidence:
    """What one row says about the order: candidate dates its body or URL confirm."""

    dmy: int = 0
    mdy: int = 0


def row_evidence(value: NumericDate, body: str, url: str | None, now: date) -> Evidence:
    """Votes of one row's body and URL for reading its ambiguous date day-first or month-first."""
    if not value.ambiguous:
        return Evidence()
    cands = {order: value.as_date(order) for order in ("DMY", "MDY")}
    votes = {"DMY": 0, "MDY": 0}
    for order, cand in cands.items():
        if cand is None or cand > now:
            votes["MDY" if order == "DMY" else "DMY"] += 2  # the other reading is the only possible one
    for m in _BODY_DATE.finditer(body[:20000]):
        d, mo = int(m.group("d")), int(m.group("m"))
        y = int(m.group("y")) if m.group("y") else value.year
        y = y + 2000 if y < 100 else y
        try:
            stated = date(y, mo, d)
        except ValueError:
            continue
        if m.group("wd") and stated.weekday() != _WEEKDAYS[m.group("wd").lower()]:
            continue
        for order, cand in cands.items():
            if cand == stated:
                votes[order] += 2 if m.group("wd") else 1
    if url:
        for m in _URL_DATE.finditer(url):
            try:
                stated = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            for order, cand in cands.items():
                if cand == stated:
                    votes[order] += 3
    return Evidence(votes["DMY"], votes["MDY"])


@dataclass(frozen=True)
class OrderDecision:
    """The order of a column and why: ``basis`` is ``given``, ``column``, ``evidence`` or ``ambiguous``."""

    order: str
    basis: str
    numeric: int = 0
    day_first_only: int = 0
    month_first_only: int = 0
    votes_dmy: int = 0
    votes_mdy: int = 0

    @property
    def ambiguous(self) -> bool:
        return self.basis == "ambiguous"

    def explain(self) -> str:
        if self.basis == "given":
            return f"{self.order} as chosen (--date-order)"
        if self.basis == "column":
            seen = self.day_first_only if self.order == "DMY" else self.month_first_only
            example = "a first number above 12" if self.order == "DMY" else "a second number above 12"
            return f"{self.order}: {seen} of {self.numeric} values have {example}, no value contradicts it"
        if self.basis == "evidence":
            return (f"{self.order}: no value settles the order; the rows' bodies and URLs confirm day-first "
                    f"{self.votes_dmy} and month-first {self.votes_mdy} times")
        if self.basis == "mixed":
            return (f"mixed: {self.day_first_only} values can only be day-first and {self.month_first_only} only "
                    "month-first; each value is read on its own")
        return (f"undecided: no value has a number above 12 and the bodies and URLs do not settle it "
                f"(day-first {self.votes_dmy}, month-first {self.votes_mdy}); read as DMY (Indonesian order)")


MIN_VOTES = 3
"""Evidence votes needed to decide a column no value settles (a weekday-confirmed date counts 2)."""

MIN_SHARE = 0.8
"""Share of the evidence votes the winning order needs."""


def decide_order(values: Sequence[NumericDate], evidence: Sequence[Evidence], given: str = "auto") -> OrderDecision:
    """The order of a column from all its numeric values and their rows' evidence."""
    n = len(values)
    day_first = sum(v.a > 12 and v.b <= 12 for v in values)
    month_first = sum(v.b > 12 and v.a <= 12 for v in values)
    dmy = sum(e.dmy for e in evidence)
    mdy = sum(e.mdy for e in evidence)
    counts = dict(numeric=n, day_first_only=day_first, month_first_only=month_first, votes_dmy=dmy, votes_mdy=mdy)
    if given in ("DMY", "MDY"):
        return OrderDecision(given, "given", **counts)
    if day_first and month_first:
        return OrderDecision("DMY", "mixed", **counts)
    if day_first or month_first:
        return OrderDecision("DMY" if day_first else "MDY", "column", **counts)
    if not any(v.ambiguous for v in values):
        return OrderDecision("DMY", "column", **counts)  # every value reads the same either way (10/10, 1/1)
    total = dmy + mdy
    if total >= MIN_VOTES and max(dmy, mdy) >= MIN_SHARE * total:
        return OrderDecision("DMY" if dmy > mdy else "MDY", "evidence", **counts)
    return OrderDecision("DMY", "ambiguous", **counts)


def today() -> date:
    return datetime.now(UTC).date()


@dataclass(frozen=True)
class ReadDate:
    """A value read with the column's order: ISO text (date, or local date-time) and its zone as written."""

    iso: str
    zone: str | None
    ambiguous: bool


def read_value(value: str, decision: OrderDecision, ev: Evidence | None = None) -> ReadDate | None:
    """An export's date value as ISO, using the column's order; None when it is not numeric."""
    iso = _ISO_LIKE.match(value)
    if iso:
        return None  # ISO-like values need no order; the extractor reads them as they are
    nd = parse_numeric(value)
    if nd is None:
        return None
    order = decision.order
    ambiguous = decision.ambiguous and nd.ambiguous
    if decision.basis == "mixed" and nd.ambiguous:
        if ev is not None and ev.dmy != ev.mdy:
            order = "DMY" if ev.dmy > ev.mdy else "MDY"
        else:
            ambiguous = True
    elif nd.a > 12 or nd.b > 12:
        order = "DMY" if nd.a > 12 else "MDY"
    d = nd.as_date(order)
    if d is None:
        return None
    text = d.isoformat()
    if nd.clock is not None:
        hh, mm, ss = nd.clock
        text += f"T{hh:02d}:{mm:02d}:{ss:02d}"
    return ReadDate(text, nd.zone, ambiguous)
