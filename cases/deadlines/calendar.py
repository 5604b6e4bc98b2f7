"""The Atw holiday calendar as reference data: seeded once, then kept by functional administration.

Changing the calendar is a service like any other, so a day added in the admin, the shell, a data
migration or a later API moves the running deadlines it affects in the same way: each running Atw
deadline whose term runs over the day is recomputed (a new revision, with history and a timeline event).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from ..constants import HolidayKind
from ..models import AtwHoliday
from .atw import SOURCE_PRACTICE, calendar_rows
from .engine import deadlines_recompute_for_calendar_change

FIRST_YEAR, LAST_YEAR = 2000, 2040


def seed_atw_calendar(sender=None, using="default", **kwargs):
    """Fill an EMPTY calendar with the statutory and designated days 2000-2040 (Atw art. 3).

    Only an empty table is filled: a day that functional administration removed (a decree did not
    designate it after all) must not come back on the next deployment. Days no known decree
    designates are seeded as predicted.
    """
    with transaction.atomic(using=using):
        if AtwHoliday.objects.using(using).exists():
            return 0
        rows = [
            AtwHoliday(date=row.date, name=row.name, kind=row.kind, source=row.source, predicted=row.predicted)
            for row in calendar_rows(FIRST_YEAR, LAST_YEAR)
        ]
        AtwHoliday.objects.using(using).bulk_create(rows)
        return len(rows)


@dataclass
class CalendarChange:
    """What a change of the calendar did: the day as it now stands (None when removed) and the deadlines it moved."""

    holiday: object
    moved: list = field(default_factory=list)


def atw_holiday_validate(*, date, name, kind, source, predicted, holiday=None):
    """Raise ValidationError unless these values make a sound calendar day (the admin form calls this too)."""
    errors = {}
    if not name.strip():
        errors["name"] = _("Give the name of the day.")
    if not source.strip():
        errors["source"] = _("Cite the source: the article of the Atw or the decree and its publication.")
    if kind not in HolidayKind.values:
        errors["kind"] = _("Choose the kind of day.")
    elif kind == HolidayKind.STATUTORY and predicted:
        errors["predicted"] = _("A day the Atw itself names is never a prediction.")
    elif not predicted and kind == HolidayKind.DESIGNATED and source.strip() == SOURCE_PRACTICE:
        errors["source"] = _("A designated day that is not predicted must cite the decree that designates it.")
    taken = AtwHoliday.objects.filter(date=date)
    if holiday is not None and holiday.pk:
        taken = taken.exclude(pk=holiday.pk)
    if date is not None and taken.exists():
        errors["date"] = _("This day is in the calendar already.")
    if errors:
        raise ValidationError(errors)


def _require(actor, action):
    if not actor.has_perm(f"cases.{action}_atwholiday"):
        raise PermissionDenied(_("Only functional administration keeps the Atw calendar."))


def _reason(day):
    return _("Atw calendar changed: %(day)s") % {"day": formats.date_format(day, "j F Y")}


def _recompute(days, *, actor, now):
    moved = []
    for day in sorted(set(days)):
        moved += deadlines_recompute_for_calendar_change(day=day, actor=actor, now=now, reason=_reason(day))
    return moved


@transaction.atomic
def atw_holiday_save(*, date, name, kind, source, actor, now, predicted=False, holiday=None) -> CalendarChange:
    """Add a day to the Atw calendar (`holiday` None or unsaved), or change the saved `holiday`; the running
    deadlines the old and the new day move are recomputed."""
    changing = holiday is not None and holiday.pk is not None
    _require(actor, "change" if changing else "add")
    days = [date]
    if changing:
        holiday = AtwHoliday.objects.select_for_update().get(pk=holiday.pk)
        days.append(holiday.date)
    elif holiday is None:
        holiday = AtwHoliday()
    atw_holiday_validate(date=date, name=name, kind=kind, source=source, predicted=predicted, holiday=holiday)
    holiday.date, holiday.name, holiday.kind = date, name.strip(), kind
    holiday.source, holiday.predicted = source.strip(), predicted
    holiday._history_user = actor
    holiday._change_reason = _reason(date)[:100]
    holiday.save()
    return CalendarChange(holiday=holiday, moved=_recompute(days, actor=actor, now=now))


@transaction.atomic
def atw_holiday_delete(*, holiday, actor, now) -> CalendarChange:
    """Take a day out of the Atw calendar (a decree did not designate it after all); deadlines move back."""
    _require(actor, "delete")
    holiday = AtwHoliday.objects.select_for_update().get(pk=holiday.pk)
    day = holiday.date
    holiday._history_user = actor
    holiday._change_reason = _reason(day)[:100]
    holiday.delete()
    return CalendarChange(holiday=None, moved=_recompute([day], actor=actor, now=now))
