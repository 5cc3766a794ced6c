"""The ``times`` stage and the public entry points (``tag_paragraphs``, ``tag_times``, ``parse_published``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from kronik.annotate.times.grammar import grammar
from kronik.annotate.times.merge import _group, _split_at_comma
from kronik.annotate.times.model import Found, _State
from kronik.annotate.times.resolve import _Resolver
from kronik.annotate.times.tidy import tidy
from kronik.annotate.times.values import _safe_date, _value_date
from kronik.model import Article, TimeExpr
from kronik.pipeline import stage

if TYPE_CHECKING:
    from kronik.annotate.times.grammar import Grammar
    from kronik.annotate.times.model import Atom


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
        first = len(out)
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
        said_on = _statement_days(groups, text, gram, resolver, pi)
        for group, forced_day in groups:
            start, end = group[0].start, group[-1].end
            statement = next((d for qs, qe, d in said_on if qs < start < qe), None)
            if statement is not None and text[start - 1:start] == "(" and text[end:end + 1] == ")":
                statement = None      # "Besok (hari ini) LM dipanggil": the writer's aside, of the publication day
            saved = (state.anchor, state.anchor_dt)
            if statement is not None and statement != state.anchor:
                state.anchor, state.anchor_dt = statement, None
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
            state.anchor, state.anchor_dt = saved
            out.append(Found(pi, start, end, text[start:end], type_, value))
            if type_ in ("DATE", "TIME"):
                attribution = type_ == "DATE" and group[0].kind in ("weekday", "date", "day") and gram.attribution(text, start, end)
                state.remember(value, type_, pi, explicit_year, attribution)
        out[first:] = tidy(out[first:], text, gram, adate)
    return out


_QUOTE = re.compile(r"“[^“”]*”|\"[^\"“”]*\"")


def _statement_days(groups: list[tuple[list[Atom], date | None]], text: str, gram: Grammar, resolver: _Resolver,
                    paragraph: int) -> list[tuple[int, int, date]]:
    """Quotations of a paragraph dated by their attribution: ``(start, end, day)`` for every quote followed by
    "..., kata X, Minggu (12/10/2025)."  Words like "hari ini" and "malam ini" inside the quote are the
    speaker's: they resolve against the day it was said (the guidelines), not the publication date."""
    if '"' not in text and "“" not in text:
        return []
    out = []
    for q in _QUOTE.finditer(text):
        if q.group().rstrip("\"”").rstrip().endswith("."):
            continue      # "... rapat." Ia lalu ...: the quote closed its sentence; what follows is not its tag
        for group, _ in groups:
            first = group[0]
            if first.start < q.end() or first.kind not in ("weekday", "date"):
                continue
            start, end = first.start, group[-1].end
            if gram.sentence_end.search(text, q.end(), start) is None and gram.attribution(text, start, end):
                _t, value, _y = resolver.resolve(group, text, start, end, paragraph)
                parsed = _value_date(value)
                if parsed is not None and parsed[1] in ("D", "T"):
                    out.append((q.start(), q.end(), parsed[0]))
            break
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


# v2 (issue 13): SETs as calendar patterns, day ranges as intervals, times of no particular day, quotes dated
# by their attribution, weekday/date slips; values of v1 articles differ
@stage("times", requires=["paragraphs", "published", "language"], assigns=["times"], version="v2")
def annotate_times(article: Article) -> Article:
    """Fill ``article.times``: TIMEX3-typed expressions with values against the publication date."""
    found = tag_paragraphs(article.paragraphs, article.published, _article_lang(article))
    article.times = [TimeExpr(text=f.text, value=f.value, type=f.type, paragraph=f.paragraph, start=f.start, end=f.end)
                     for f in found]
    return article
