"""Corrections over a paragraph's resolved expressions that need their neighbours.

Three classes of real-news errors are fixed here, after resolution, because each
needs two expressions side by side:

* A year inside the name of a law, a document, an event or an award ("UU Nomor 1 Tahun 2023",
  "05/PKS/Db/2025", "Trade Expo Indonesia 2025") names it, not a time: dropped.
* A list of months that shares one year ("September, Oktober, November di 2020"), or
  bare months after a year in their sentence ("Untuk tahun 2025, ... Januari-Maret"):
  every month takes that year, not the reading nearest the publication.
* "<unit> yang sama tahun lalu" ("kuartal yang sama tahun lalu", "bulan yang sama
  tahun lalu"): one expression, the publication's quarter, month or week in that
  year, rather than a vague PAST_REF and a bare year.

The words come from the language pack (``not_time_before``, ``range_words``,
``year_link_words``, ``quarter_words``, ``month_head``, ``week_words``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from kronik.annotate.times.grammar import Grammar
from kronik.annotate.times.model import Found

_YEAR = re.compile(r"^\d{4}$")
_MONTH_VALUE = re.compile(r"^(\d{4})-(\d{2})$")


def tidy(found: list[Found], text: str, gram: Grammar, anchor: date | None) -> list[Found]:
    """The paragraph's expressions with the neighbour-dependent corrections applied (in text order)."""
    if not found:
        return found
    t = _tables(gram)
    found = _drop_document_years(found, text, t)
    found = _months_take_listed_year(found, text, t)
    found = _months_take_sentence_year(found, text, t)
    return _same_period_in_year(found, text, t, anchor)


def _alt(words: tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)


@dataclass(frozen=True)
class _Tables:
    """A grammar's words for the corrections, compiled once (they ran per paragraph before)."""

    law: re.Pattern[str] | None
    year_heads: frozenset[str]
    month_heads: frozenset[str]
    between: re.Pattern[str]
    to_year: re.Pattern[str]
    units: dict[str, str]


@cache
def _tables(gram: Grammar) -> _Tables:
    w = gram.w
    number_words = _alt(tuple(x for x in w.not_time_before if x[:1].isalpha()))
    year_heads = _alt(w.year_head)
    law = re.compile(rf"(?i:\b(?:{number_words})\s*\d+[A-Za-z]?\s*(?:{year_heads})?\s*)$") if number_words else None
    joiners = _alt((*w.range_words, ",", ";"))
    links = _alt(w.year_link_words)
    units = {x.lower(): "Q" for x in w.quarter_words if len(x) > 1}
    units.update({x.lower(): "M" for x in w.month_head})
    units.update({x.lower(): "W" for x in w.week_words})
    return _Tables(law=law, year_heads=frozenset(h.lower() for h in w.year_head),
                   month_heads=frozenset(h.lower() for h in w.month_head),
                   between=re.compile(rf"^\s*(?:(?:{joiners})\s*)+$", re.IGNORECASE),
                   to_year=re.compile(rf"^\s*(?:(?:{links})\s+)?$", re.IGNORECASE), units=units)


def _drop_document_years(found: list[Found], text: str, t: _Tables) -> list[Found]:
    law, heads = t.law, t.year_heads
    keep: list[Found] = []
    for f in found:
        value = f.value or ""
        if _YEAR.match(value):
            before = text[max(0, f.start - 40):f.start]
            if law is not None and law.search(before + text[f.start:f.end].removesuffix(value).strip() + " "):
                continue  # "UU Nomor 1 Tahun 2023": the law's name
            if re.search(r"[A-Za-z][\w.-]*/\s*$", before) and "/" in before[-12:]:
                continue  # "05/PKS/Db/2025": a document number
            if not f.text[:1].islower() and _in_a_name(before, heads):
                continue  # "Business Forum 2025", "Anugerah Humas Indonesia 2025": an event's or award's name
        keep.append(f)
    return keep


_TITLE_WORDS = re.compile(r"(?:(?<=\s)|^)((?:[A-Z][a-z][\w-]*\s+){2,})$")


def _in_a_name(before: str, year_heads: frozenset[str]) -> bool:
    """Two or more Title-case words run straight into the year ("Trade Expo Indonesia 2025", "Kecelakaan
    Udara Tahun 2014"): a name with its edition year.  A year word among them ("Tahun Anggaran 2013", a
    fiscal year) keeps it a time, as does a lowercase head ("Adam Air tahun 2007": the airline in 2007)."""
    m = _TITLE_WORDS.search(before)
    return m is not None and not any(w.lower() in year_heads for w in m.group(1).split())


def _months_take_listed_year(found: list[Found], text: str, t: _Tables) -> list[Found]:
    between, to_year = t.between, t.to_year
    out = list(found)
    i = 0
    while i < len(out):
        run = [i]
        while run[-1] + 1 < len(out) and _implicit_month(out[run[-1]]) and _implicit_month(out[run[-1] + 1]) \
                and between.match(text[out[run[-1]].end:out[run[-1] + 1].start]):
            run.append(run[-1] + 1)
        last = run[-1]
        if len(run) >= 2 and all(_implicit_month(out[k]) for k in run) and last + 1 < len(out):
            year = out[last + 1]
            if _YEAR.match(year.value or "") and to_year.match(text[out[last].end:year.start]):
                for k in run:
                    out[k] = replace(out[k], value=f"{year.value}-{(out[k].value or '')[5:7]}")
        i = last + 1
    return out


_SENTENCE_END = re.compile(r"[.!?][\"”'’)]*\s")


def _months_take_sentence_year(found: list[Found], text: str, t: _Tables) -> list[Found]:
    """A bare month name after a year in the same sentence is of that year ("Untuk tahun 2025, penyaluran
    dibagi empat tahap: Januari-Maret, April-Juni, ..."), not of the reading nearest the publication."""
    heads = t.month_heads
    out = list(found)
    year: str | None = None
    prev_end = 0
    for i, f in enumerate(out):
        if _SENTENCE_END.search(text, prev_end, f.start):
            year = None
        prev_end = f.end
        words = f.text.lower().split()
        if _YEAR.match(f.value or "") and f.type == "DATE":
            year = f.value
        elif year is not None and _implicit_month(f) and (len(words) == 1 or (len(words) == 2 and words[0] in heads)):
            out[i] = replace(f, value=f"{year}-{(f.value or '')[5:7]}")
    return out


def _implicit_month(f: Found) -> bool:
    """A month named without its year ("Oktober"): its year came from the publication date."""
    return bool(_MONTH_VALUE.match(f.value or "")) and not re.search(r"\d{4}", f.text)


def _same_period_in_year(found: list[Found], text: str, t: _Tables, anchor: date | None) -> list[Found]:
    if anchor is None:
        return found
    units = t.units
    out: list[Found] = []
    i = 0
    while i < len(found):
        f = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        first = f.text.split()[0].lower() if f.text.split() else ""
        if (f.value == "PAST_REF" and first in units and len(f.text.split()) > 1 and nxt is not None
                and _YEAR.match(nxt.value or "") and not text[f.end:nxt.start].strip()):
            y = int(nxt.value or "0")
            unit = units[first]
            if unit == "Q":
                value = f"{y}-Q{(anchor.month - 1) // 3 + 1}"
            elif unit == "M":
                value = f"{y}-{anchor.month:02d}"
            else:
                value = f"{y}-W{anchor.isocalendar()[1]:02d}"
            out.append(Found(f.paragraph, f.start, nxt.end, text[f.start:nxt.end], "DATE", value))
            i += 2
            continue
        out.append(f)
        i += 1
    return out
