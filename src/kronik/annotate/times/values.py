"""Regex helpers and TIMEX3 values: calendar arithmetic, value parsing and duration formatting."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

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


# A set of every one unit as the calendar pattern it repeats (the real-news guidelines: "setiap hari"
# -> XXXX-XX-XX, "per bulan" -> XXXX-XX, "setahun" as a rate -> XXXX); every n units stays a duration.
_SET_PATTERN = {"Y": "XXXX", "HY": "XXXX-HX", "Q": "XXXX-QX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX",
                "H": "XXXX-XX-XXTXX", "MIN": "XXXX-XX-XXTXX:XX"}


def _set_value(n: float | str, unit: str) -> str:
    """TIMEX3 value of a SET repeating every ``n`` units: a calendar pattern for one unit, else a duration."""
    if n != "X" and float(n) == 1 and unit in _SET_PATTERN:
        return _SET_PATTERN[unit]
    return _duration([(n, unit)])


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
