"""The tagger's working data: atoms, found expressions, and the discourse state of an article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kronik.annotate.times.values import _value_date

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
