"""Plain term arithmetic: days, weeks, months and hours, with aware datetimes that stay right across DST."""

import datetime as dt

from dateutil.relativedelta import relativedelta

UTC = dt.UTC
# The urgency key's unit for one (day, rank) step: more than any moment's epoch seconds (up to 2286).
URGENCY_STEP = 10**11


def add_days(start, n):
    """Return the date n days after start."""
    require_date(start)
    return start + dt.timedelta(days=n)


def add_weeks(start, n):
    """Return the date n weeks after start: the same weekday."""
    require_date(start)
    return start + dt.timedelta(weeks=n)


def add_months(start, n):
    """Return (date, clipped): the same day of the month n months later, or that month's last day if it has none."""
    require_date(start)
    # relativedelta clips to the month's last day, as Reg. 1182/71 art. 3 lid 2 onder c and Dutch month
    # arithmetic both do: 31 January + 1 month is 28 (or 29) February, not 3 March.
    end = start + relativedelta(months=n)
    return end, end.day != start.day


def end_of_day(day, tz):
    """Return the exclusive end of a local calendar day: 00:00 local time of the next day."""
    require_date(day)
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=tz)


def add_hours(start, hours):
    """Return the moment a number of real elapsed hours after start, in start's time zone."""
    require_aware(start)
    return (start.astimezone(UTC) + dt.timedelta(hours=hours)).astimezone(start.tzinfo)


def subtract_hours(moment, hours):
    """Return the moment a number of real elapsed hours before moment, in moment's time zone."""
    require_aware(moment)
    return (moment.astimezone(UTC) - dt.timedelta(hours=hours)).astimezone(moment.tzinfo)


def counted_windows(start, hours, *, tz, night_start=dt.time(0), night_end=dt.time(9)):
    """Return the (from, to) stretches of real time, outside the local night, in which the hours are counted."""
    require_aware(start)
    if night_start == night_end:
        raise ValueError("The night window must not be empty.")
    if hours <= 0:
        raise ValueError("The number of hours must be positive.")
    remaining = dt.timedelta(hours=hours)
    windows = []
    # Begin a day early: with a night starting after midnight, the start may lie in yesterday's window.
    day = start.astimezone(tz).date() - dt.timedelta(days=1)
    while remaining > dt.timedelta(0):
        # The counted window of a day runs from the end of its night to the start of the next night. Both
        # edges are local wall-clock times made aware for that day, so a DST change (which Amsterdam makes
        # at 02:00/03:00, inside the night) never shifts them; durations are taken in UTC.
        opens = dt.datetime.combine(day, night_end, tzinfo=tz)
        closes_on = day if night_start > night_end else day + dt.timedelta(days=1)
        closes = dt.datetime.combine(closes_on, night_start, tzinfo=tz)
        window_from = max(start.astimezone(UTC), opens.astimezone(UTC))
        window_to = closes.astimezone(UTC)
        if window_from < window_to:
            used = min(remaining, window_to - window_from)
            windows.append((window_from.astimezone(tz), (window_from + used).astimezone(tz)))
            remaining -= used
        day += dt.timedelta(days=1)
    return windows


def add_hours_outside_night(start, hours, *, tz, night_start=dt.time(0), night_end=dt.time(9)):
    """Return the moment a number of hours after start, counting only real time outside the local night window.

    When the hours run out exactly as the night begins, the result is that moment (e.g. 00:00), not the next
    morning: the term has expired by then.
    """
    return counted_windows(start, hours, tz=tz, night_start=night_start, night_end=night_end)[-1][1]


def require_date(value):
    """Raise TypeError unless value is a date (a datetime is refused: it would silently lose its time)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"Expected a date, got {value!r}.")


def require_aware(value):
    """Raise ValueError unless value is a timezone-aware datetime."""
    if not isinstance(value, dt.datetime):
        raise TypeError(f"Expected a datetime, got {value!r}.")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"Expected a timezone-aware datetime, got the naive {value!r}.")


def urgency_key(*, due_date, due_at, statutory, tz) -> int:
    """How urgent a deadline is, as one number that sorts as the work queue ranks (issue 8, urgency).

    By the last day (`due_date`; for a term in hours the local day of `due_at`, both in `tz`), then
    statutory terms before informal ones on that same day, then by the moment. One number so that one
    index serves the work queue's order and its keyset pagination (ties: by id).
    """
    require_aware(due_at)
    day = due_date or due_at.astimezone(tz).date()
    rank = 0 if statutory else 1
    return (day.toordinal() * 2 + rank) * URGENCY_STEP + int(due_at.timestamp())
