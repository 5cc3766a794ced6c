"""Publication-date helpers every reader shares: UTC offsets as time zones, and the check every date passes."""

from __future__ import annotations

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


def offset_zone(offset: str) -> timezone:
    """``"+07:00"`` (or ``"+07"``, ``"-03:30"``) as a fixed-offset time zone."""
    sign = -1 if offset.startswith("-") else 1
    hh, _, mm = offset[1:].partition(":")
    return timezone(sign * timedelta(hours=int(hh), minutes=int(mm or 0)))
