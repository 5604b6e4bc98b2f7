"""The demo's supervision and detention: every rung, rulings near the 90% KPI, written once."""

import datetime as dt

import pytest

from detention.constants import MeasureKind
from detention.models import Measure
from detention.selectors import lawful_rate, legality_facts
from dtv.demo.detention import seed_detention
from tests.demo.seeding import NOW, seed

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_rung_and_a_lawful_rate_of_90_percent_and_a_second_run_writes_nothing():
    seed(80)
    written = seed_detention(now=NOW)
    assert written == Measure.objects.count() > 0
    assert set(Measure.objects.values_list("kind", flat=True)) == set(MeasureKind.values)
    rate = lawful_rate(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    assert (rate.lawful, rate.unlawful, rate.rate) == (18, 2, 0.9)
    running = list(Measure.objects.filter(kind=MeasureKind.DETENTION, ends_at__isnull=True).select_related("order"))
    facts = legality_facts(running, on=NOW.date())
    assert len(facts) == 8 and all(f.clock.days_total >= 10 for f in facts.values())
    assert seed_detention(now=NOW) == 0
    assert Measure.objects.count() == written
