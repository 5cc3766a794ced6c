"""Publication-date helpers every reader shares: UTC offsets as time zones, and the check every date passes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone


def is_future(published: str, now: datetime | None = None) -> bool:
    """True when a publication date lies after the present (one day of grace for time zones).

    A page cannot have been published after it was read: such a date is a misread (a document
    number, a month/day swap) or a scheduled event's date, never the article's.
    """
    today = (now or datetime.now(UTC)).date()
    try:
        return date.fromisoformat(published[:10]) > today + timedelta(days=1)
    except ValueError:
        return False


def is_real_offset(offset: str) -> bool:
    """Whether ``offset`` ("+07:00", "-03:30", "+07") is one a clock can show: UTC-12:00 to UTC+14:00, minutes
    under 60. Pages and exports carry damaged ones ("+99:00"), which must be disbelieved, not crash the reader."""
    m = re.fullmatch(r"[+-](\d{1,2})(?::?(\d{2}))?", offset.strip())
    if not m:
        return False
    hours, minutes = int(m[1]), int(m[2] or 0)
    limit = 14 if offset.strip().startswith("+") else 12
    return minutes < 60 and hours * 60 + minutes <= limit * 60


def offset_zone(offset: str) -> timezone:
    """``"+07:00"`` (or ``"+07"``, ``"-03:30"``) as a fixed-offset time zone; ValueError for an offset no
    clock shows (see :func:`is_real_offset`), so a caller that did not check gets a clear error."""
    if not is_real_offset(offset):
        raise ValueError(f"not a UTC offset: {offset!r}")
    sign = -1 if offset.startswith("-") else 1
    hh, _, mm = offset[1:].partition(":")
    if not mm and len(hh) == 4:  # "+0700"
        hh, mm = hh[:2], hh[2:]
    return timezone(sign * timedelta(hours=int(hh), minutes=int(mm or 0)))
