"""Partial dates of birth: "1990-02-17", "1990-02", "1990" or nothing at all."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .constants import DatePrecision

_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), DatePrecision.FULL),
    (re.compile(r"^(\d{4})-(\d{2})$"), DatePrecision.YEAR_MONTH),
    (re.compile(r"^(\d{4})$"), DatePrecision.YEAR),
]


def parse_partial_date(value, *, today):
    """Return (date on the first known day, precision); raise ValidationError for impossible or future dates."""
    if value in (None, ""):
        return None, DatePrecision.UNKNOWN
    for pattern, precision in _PATTERNS:
        match = pattern.match(str(value))
        if match:
            parts = [int(p) for p in match.groups()] + [1] * (3 - len(match.groups()))
            try:
                date = dt.date(*parts)
            except ValueError:
                raise ValidationError(
                    _("%(value)s is not an existing date.") % {"value": value}, code="impossible_date"
                ) from None
            if date > today:
                raise ValidationError(_("A date of birth cannot lie in the future."), code="future_date")
            if date.year < 1900:
                raise ValidationError(_("A date of birth before 1900 is not plausible."), code="implausible_date")
            return date, precision
    raise ValidationError(_("Use YYYY-MM-DD, YYYY-MM or YYYY."), code="date_format")


def format_partial_date(date, precision) -> str:
    """The text parse_partial_date reads back: "1990-02-17", "1990-02", "1990" or "" (unknown)."""
    if date is None or precision == DatePrecision.UNKNOWN:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{date:%Y}"
    if precision == DatePrecision.YEAR_MONTH:
        return f"{date:%Y-%m}"
    return date.isoformat()
