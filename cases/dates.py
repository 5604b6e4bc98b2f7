"""Dates as officers type and read them in the browser: DD-MM-JJJJ, or MM-JJJJ and JJJJ where a date may be
partial (dates of birth), and DD-MM-JJJJ UU:MM for a moment. ISO 8601 order (1990-05-17) is accepted too, so
a date pasted from another system still reads; the API itself speaks ISO 8601 through DRF.

Every date a person types passes through here once, so every form refuses the same impossible dates with the
same Dutch message, and no year the deadline arithmetic cannot carry (9999-12-31 + 28 days overflows) gets in.
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dtv.core.fields import DATE_MAX_YEAR, DATE_MIN_YEAR

from .constants import DatePrecision

# Outside these years a typed date is a typing error: no person in a return case was born before 1900, and no
# term runs beyond 2100. The one bound, shared with the API's dates (dtv.core.fields.BoundedDateField).
EARLIEST_YEAR = DATE_MIN_YEAR
LATEST_YEAR = DATE_MAX_YEAR

_SEP = r"[-/.]"
_FULL = (
    re.compile(rf"^(?P<day>\d{{1,2}}){_SEP}(?P<month>\d{{1,2}}){_SEP}(?P<year>\d{{4}})$", re.ASCII),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$", re.ASCII),
)
_YEAR_MONTH = (
    re.compile(rf"^(?P<month>\d{{1,2}}){_SEP}(?P<year>\d{{4}})$", re.ASCII),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$", re.ASCII),
)
# re.ASCII: "\d" would also take Arabic-Indic or fullwidth digits, which int() then reads.
_YEAR = (re.compile(r"^(?P<year>\d{4})$", re.ASCII),)
_TIME = re.compile(r"^(?P<hour>\d{1,2})[:.](?P<minute>\d{2})$", re.ASCII)


def _match(patterns, text):
    for pattern in patterns:
        match = pattern.match(text)
        if match:
            return {name: int(value) for name, value in match.groupdict().items()}
    return None


def _date(text, year, month=1, day=1):
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise ValidationError(
            _("The year of %(value)s does not lie between %(earliest)s and %(latest)s.")
            % {"value": text, "earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
            code="year_out_of_range",
        )
    try:
        return dt.date(year, month, day)
    except ValueError:
        message = _("%(value)s is not an existing date.") % {"value": text}
        raise ValidationError(message, code="impossible_date") from None


def parse_date_text(text, *, partial=False):
    """Read '17-05-1990' (or '1990-05-17'); with partial also '05-1990' and '1990'. Returns (first day, precision).

    Raises ValidationError with a Dutch message for a format it cannot read, an impossible date (31-02-2026)
    or a year outside 1900-2100.
    """
    text = str(text).strip()
    parts = _match(_FULL, text)
    if parts:
        return _date(text, **parts), DatePrecision.FULL
    if partial:
        parts = _match(_YEAR_MONTH, text)
        if parts:
            return _date(text, **parts), DatePrecision.YEAR_MONTH
        parts = _match(_YEAR, text)
        if parts:
            return _date(text, **parts), DatePrecision.YEAR
        raise ValidationError(_("Use DD-MM-YYYY, MM-YYYY or YYYY."), code="date_format")
    raise ValidationError(_("Use DD-MM-YYYY, for example 17-05-2026."), code="date_format")


def parse_date(text) -> dt.date:
    """A full date typed as DD-MM-JJJJ (or ISO order); ValidationError otherwise."""
    return parse_date_text(text)[0]


def parse_moment(text) -> dt.datetime:
    """A naive local moment typed as 'DD-MM-JJJJ UU:MM' (or '1990-05-17T14:30'); ValidationError otherwise."""
    pieces = re.split(r"\s+|T", str(text).strip(), maxsplit=1)
    time = _match((_TIME,), pieces[1].strip()) if len(pieces) == 2 else None
    if time is None or _match(_FULL, pieces[0]) is None:
        raise ValidationError(_("Use DD-MM-YYYY HH:MM, for example 17-05-2026 14:30."), code="datetime_format")
    day = parse_date(pieces[0])
    if time["hour"] > 23 or time["minute"] > 59:
        raise ValidationError(_("%(value)s is not an existing time.") % {"value": pieces[1]}, code="impossible_time")
    return dt.datetime.combine(day, dt.time(time["hour"], time["minute"]))


def parse_partial_date(value, *, today):
    """A date of birth as far as it is known: (date on the first known day, precision); empty means unknown.

    Raises ValidationError for what parse_date_text refuses and for a date of birth in the future.
    """
    if value in (None, ""):
        return None, DatePrecision.UNKNOWN
    date, precision = parse_date_text(value, partial=True)
    if date > today:
        raise ValidationError(_("A date of birth cannot lie in the future."), code="future_date")
    return date, precision


def format_date(date) -> str:
    """A date as the forms show and read it: 17-05-2026."""
    return f"{date:%d-%m-%Y}"


def format_moment(moment) -> str:
    """A (local) moment as the forms show and read it: 17-05-2026 14:30."""
    return f"{moment:%d-%m-%Y %H:%M}"


def format_partial_date(date, precision) -> str:
    """The text parse_partial_date reads back: "17-05-1990", "05-1990", "1990" or "" (unknown)."""
    if date is None or precision == DatePrecision.UNKNOWN:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{date:%Y}"
    if precision == DatePrecision.YEAR_MONTH:
        return f"{date:%m-%Y}"
    return format_date(date)
