"""Atom handlers: what a pattern match means (a date, a clock time, a counted unit, ...), as atoms."""

from __future__ import annotations

import re
from typing import Any

from kronik.annotate.times.model import Atom
from kronik.annotate.times.values import _ROMAN, UNIT_ORDER, _duration, _norm, _safe_date, _set_value
from kronik.lang.words import TimeWords

_AMOUNT_BEFORE = re.compile(r"(?<![\w.,])(?P<n>\d(?:[\d.,]*\d)?)\s*(?P<word>%|[^\W\d_]+)?\s+$")


class AtomRules:
    """The atom handlers of a ``Grammar``: (match, text) -> atoms, reading the word tables the grammar holds.

    Kept apart from ``Grammar`` so that the patterns (``grammar``) and what a match means (here) read apart.
    """

    w: TimeWords
    months: dict[str, int]
    weekdays: dict[str, int]
    month_full: set[str]
    weekday_full: set[str]
    units: dict[str, str]
    number_words: dict[str, float]
    teen: str | None
    multipliers: dict[str, int]
    decimal: str
    vague: dict[str, str | None]
    redup: dict[str, str]
    rel_after: dict[str, int]
    rel_before: dict[str, int]
    counted_after: dict[str, int]
    counted_from_mention: frozenset[str]
    unit_from_mention: dict[str, int]
    parts: dict[str, str]
    pods: dict[str, str]
    pm_parts: frozenset[str]
    pod_after: dict[str, str]
    pod_before: dict[str, int]
    pod_before_story: dict[str, int]
    deictic: dict[str, int]
    story_days: dict[str, int]
    refs: dict[str, str]
    guarded: dict[str, tuple[str, tuple[str, ...]]]
    edge_refs: dict[str, str]
    seasons: dict[str, str]
    holidays: dict[str, tuple[int, int, str | None]]
    set_words: dict[str, str]
    vague_durations: dict[str, str]
    fixed_times: dict[str, tuple[int, str]]
    ordinals: dict[str, int]
    not_before: frozenset[str]
    not_year_after: frozenset[str]
    clock_ampm: dict[str, str]
    weekday_block_before: frozenset[str]
    clock_hour_words: dict[str, int]
    clock_after: dict[str, int]
    ambiguous_units: frozenset[str]

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
        if re.search(r"\w[./-]$", text[max(0, m.start() - 2):m.start()]):
            return []     # "Print-575/L.4.18/Ft.1/10/2025": the tail of a document number, not a date
        d, mon = int(m.group("d")), int(m.group("m"))
        ys = m.groupdict().get("y")
        y = int(ys) if ys else None
        if y is not None and ys is not None and len(ys) == 2:
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
        if not any(before.endswith(w) for w in (*self.weekday_full, *self.w.date_slash_after)):
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
        # one expression for the whole range ("1-10 Oktober 2025"), valued as an interval of days
        end = max(m.end(g) for g in ("mon", "y", "rel") if m.group(g) is not None)
        return [Atom(m.start("d"), end, "dayrange", {"d": d, "d2": d2, "m": mon, "y": y, "rel": self._rel(m)})]

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
        if len(kind) == 1 and (not m.group("kind").isupper() or not m.group("y")):
            return []     # "Q2" alone is a qualifying session; "Q2 2017" is a quarter
        n = self.ordinals.get(m.group("n").lower())
        if n is None:
            n = _ROMAN.get(m.group("n").lower())
        half = kind in self.w.half_year_words
        if n is None or n == 0 or (half and n not in (1, 2, -1)) or (not half and n not in (1, 2, 3, 4, -1)):
            return []
        if n == -1:
            n = 2 if half else 4
        y = int(m.group("y")) if m.group("y") else None
        yrel = self._yrel(m)
        return [Atom(m.start(), m.end(), "quarter", {"n": n, "half": half, "y": y, "rel": self._rel(m), "yrel": yrel})]

    def _clock_fields(self, h: int, mi: int, pod_word: str | None, ampm: str | None) -> tuple[int, int] | None:
        if ampm:
            meridiem = self.clock_ampm.get(_norm(ampm))
            if h > 12:
                return None
            if meridiem == "PM" and h < 12:
                h += 12
            if meridiem == "AM" and h == 12:
                h = 0
        elif pod_word:
            p = _norm(pod_word)
            if p in self.pm_parts:
                if p == self.w.night_word and 6 <= h < 12:
                    h += 12
                elif p == self.w.night_word and h == 12:
                    h = 24
                elif p != self.w.night_word and (h < 12 and (p != self.w.midday_word or h <= 6)):
                    h += 12
        if h > 24 or mi > 59 or (h == 24 and mi):
            return None
        return h, mi

    def _clock(self, m: re.Match[str], text: str) -> list[Atom]:
        gd = m.groupdict()
        h = self.clock_hour_words[_norm(gd["hw"])] if gd.get("hw") else int(gd["h"])
        mi = int(gd["mi"]) if gd.get("mi") else 0
        pref = (gd.get("pref") or "").lower()
        if gd.get("hw") and pref == self.w.clock_bare_prefix and not gd.get("pod") and not gd.get("zone"):
            return []     # "jam dua" alone is too often "two hours" read wrongly
        if pref == self.w.clock_bare_prefix and not gd.get("hw") and gd.get("mi") is None and not gd.get("pod") and not gd.get("zone"):
            # "jam 10" is a clock time, but "jam 2 tangan" is not: want a clock-ish next word or end
            nxt = self._next_word(text, m.end())
            if nxt and nxt not in self.w.clock_confirm_after and not re.match(r"\s*[,.;)]", text[m.end():m.end() + 2]):
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
        if (q is None and after is None and len(parts) == 1 and not gd.get("half")
                and self._after_amount(text, m.start())):
            # "5 cm setahun", "Rp 4,8 miliar setahun": a rate (SET), not a duration
            return [Atom(m.start(), m.end(), "fixed", {"value": _set_value(1, unit), "type": "SET"})]
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
        if nxt in self.w.holiday_block_after or prev in self.w.holiday_block_before:
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
            value = _set_value(n, unit)
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
        return [Atom(m.start(), m.end(), "fixed", {"value": _set_value(1, unit), "type": "SET"})]

    def _rate(self, m: re.Match[str], text: str) -> list[Atom]:
        """"per hari", "per 3 bulan": a rate, unless a name of a day, month or year follows ("per hari ini" is
        "as of today", "per tahun 2025" "as of 2025")."""
        nxt = self._next_word(text, m.end())
        if nxt in self.rel_after or nxt in self.unit_from_mention or nxt in self.months or nxt[:1].isdigit():
            return []
        return self._set(m, text)

    def _after_amount(self, text: str, pos: int) -> bool:
        """An amount ends right before ``pos``: "5 cm", "Rp 4,8 miliar", "10%", "400 mg" (not a bare year)."""
        m = _AMOUNT_BEFORE.search(text, max(0, pos - 32), pos)
        if m is None:
            return False
        word = (m.group("word") or "").lower()
        if word in self.months or word in self.units:
            return False      # "17 Agustus setahun ...", "2 tahun setahun": a date or a count, not an amount
        return bool(word or not re.fullmatch(r"(?:19|20)\d\d", m.group("n")))
