"""Expressions: adjacent atoms that describe one point in time merge; a comma splits a day from its clock time."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kronik.annotate.times.model import Atom


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
