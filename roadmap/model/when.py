"""Times as a person reads them: relative ("3 weeks ago"), spans, and the local calendar date.

State stamps are UTC; people think in their own dates. One module says how, so the details
pane, `roadmap next`, `history` and `pace` all word and count time the same way.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

_DAY = 86_400
_UNITS = ((365 * _DAY, "year"), (30 * _DAY, "month"), (7 * _DAY, "week"), (_DAY, "day"),
          (3600, "hour"), (60, "minute"))
"""Largest unit first; a month is 30 days and a year 365 (close enough for "ago")."""


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" + ("" if count == 1 else "s")


def span(seconds: float) -> str:
    """A duration in its largest whole unit: "3 weeks", "1 day", "less than a minute"."""
    for size, unit in _UNITS:
        if seconds >= size:
            return _plural(int(seconds // size), unit)
    return "less than a minute"


def ago(then: datetime, now: datetime) -> str:
    """How long ago `then` was, as words: "just now", "yesterday", "3 weeks ago".

    "yesterday" means the previous local calendar day, not 24 hours; a stamp in the future
    (a clock that was ahead, a hand edit) says so instead of a negative age.
    """
    seconds = (now - then).total_seconds()
    if seconds < -60:
        return "in the future"
    if seconds < 60:
        return "just now"
    days = (local_date(now) - local_date(then)).days
    if seconds >= 3600 and days == 1:
        return "yesterday"
    if seconds < _DAY or days == 0:
        return f"{span(seconds)} ago"
    return f"{span(max(seconds, days * _DAY))} ago"


def local(stamp: datetime) -> datetime:
    """A stamp in the user's time zone (a naive stamp is taken as UTC, as the state file says)."""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone()


def local_date(stamp: datetime) -> date:
    """The user's calendar date for a stamp: what "done on Tuesday" means to them."""
    return local(stamp).date()


def full(stamp: datetime) -> str:
    """A stamp as a local date and time to the minute, for hover text and help."""
    return local(stamp).strftime("%Y-%m-%d %H:%M")


def week_start(day: date) -> date:
    """The Monday of the ISO week `day` is in, for weekly counts and streaks."""
    return day - timedelta(days=day.weekday())


def utc_text(stamp: datetime | None) -> str | None:
    """`2026-12-01T10:00:00Z`, as JSON output writes times (None stays None; a time without
    an offset, from a hand edit, is written as it is)."""
    if stamp is None:
        return None
    if stamp.tzinfo is not None:
        return stamp.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"
    return stamp.isoformat()


def utc_stamp(stamp: datetime) -> str:
    """A stamp as UTC ISO 8601 with a `Z`, to the second: what JSON for scripts carries."""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat() + "Z"
