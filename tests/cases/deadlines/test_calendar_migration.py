"""Migration 0007 repairs a calendar seeded before it: the decrees' missing days, their citations, predictions."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from cases.deadlines.atw import calendar_rows
from cases.models import AtwHoliday

pytestmark = pytest.mark.django_db

migration = importlib.import_module("cases.migrations.0008_atw_holiday_predicted")
MISSING = [dt.date(2015, 5, 4), dt.date(2018, 12, 24), dt.date(2018, 12, 31)]


def as_seeded_before():
    """The calendar as the seed of the earlier code left it."""
    AtwHoliday.objects.filter(date__in=MISSING).delete()
    AtwHoliday.objects.update(predicted=False)
    AtwHoliday.objects.filter(date__year__gte=2023, date__year__lte=2028, kind="designated").update(
        source="Besluit gelijkstelling (Stcrt.)"
    )
    AtwHoliday.objects.filter(date__year__gte=2014, date__year__lte=2019, kind="designated").update(
        source="vaste praktijk"
    )


def test_a_calendar_seeded_before_ends_up_as_a_fresh_seed_would_be():
    as_seeded_before()

    migration.cite_decrees_and_mark_predictions(apps, None)

    stored = set(AtwHoliday.objects.values_list("date", "name", "kind", "source", "predicted"))
    fresh = {(row.date, row.name, row.kind, row.source, row.predicted) for row in calendar_rows(2000, 2040)}
    assert stored == fresh


def test_a_day_functional_administration_changed_by_hand_is_left_alone():
    as_seeded_before()
    AtwHoliday.objects.filter(date=dt.date(2015, 5, 15)).update(source="Handmatig ingevoerd (test)")

    migration.cite_decrees_and_mark_predictions(apps, None)

    assert AtwHoliday.objects.get(date=dt.date(2015, 5, 15)).source == "Handmatig ingevoerd (test)"
