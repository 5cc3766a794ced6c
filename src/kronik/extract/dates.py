"""Checks every publication date passes, whichever reader found it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


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
