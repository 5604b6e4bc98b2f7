"""The Atw holiday calendar as reference data: seeded once, then kept by functional administration."""

from django.db import transaction

from .atw import calendar_rows

FIRST_YEAR, LAST_YEAR = 2000, 2040


def seed_atw_calendar(sender=None, using="default", **kwargs):
    """Fill an EMPTY calendar with the statutory and designated days 2000-2040 (Atw art. 3).

    Only an empty table is filled: a day that functional administration removed (a decree did not
    designate it after all) must not come back on the next deployment.
    """
    from ..models import AtwHoliday

    with transaction.atomic(using=using):
        if AtwHoliday.objects.using(using).exists():
            return 0
        rows = [
            AtwHoliday(date=row.date, name=row.name, kind=row.kind, source=row.source)
            for row in calendar_rows(FIRST_YEAR, LAST_YEAR)
        ]
        AtwHoliday.objects.using(using).bulk_create(rows)
        return len(rows)
