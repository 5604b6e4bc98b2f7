"""The demo's supervision and detention: every rung, rulings near the 90% KPI, written once."""

import datetime as dt

import pytest

from cases.constants import DeadlineStatus
from cases.models import CaseEvent, Deadline
from detention.constants import CourtStepKind, MeasureKind, OrderState
from detention.deadlines import DetentionDeadlineKind
from detention.models import CourtStep, DetentionOrder, Measure
from detention.selectors import lawful_rate, legality_facts
from dtv.demo.detention import seed_detention
from tests.demo.seeding import NOW, seed

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_rung_and_a_lawful_rate_of_90_percent_and_a_second_run_writes_nothing():
    seed(80)
    bulk = set(Measure.objects.values_list("pk", flat=True))
    written = seed_detention(now=NOW)
    assert written == Measure.objects.count() - len(bulk) > 0
    assert set(Measure.objects.values_list("kind", flat=True)) == set(MeasureKind.values)
    rate = lawful_rate(dt.date(2000, 1, 1), dt.date(2100, 1, 1))
    assert (rate.lawful, rate.unlawful, rate.rate) == (18, 2, 0.9)
    running = list(
        Measure.objects.filter(kind=MeasureKind.DETENTION, ends_at__isnull=True)
        .exclude(pk__in=bulk)
        .select_related("order")
    )
    facts = legality_facts(running, on=NOW.date())
    assert len(facts) == 8 and all(f.clock.days_total >= 10 for f in facts.values())
    # No case is detained twice: the showcase detentions go to cases the bulk seed left without one.
    running_cases = Measure.objects.filter(kind=MeasureKind.DETENTION, ends_at__isnull=True).values_list("case_id")
    assert len(list(running_cases)) == len(set(running_cases))
    assert seed_detention(now=NOW) == 0
    assert Measure.objects.count() == written + len(bulk)


def test_the_bulk_seed_writes_the_detention_its_clocks_belong_to():
    """At national scale the legality list needs real rows: each seeded detention clock has its order and measure."""
    seed(200)
    detentions = list(Measure.objects.filter(kind=MeasureKind.DETENTION).select_related("order"))
    assert detentions, "the bulk seed detains some criminal-justice and border-refusal cases"
    assert all(m.order.state == OrderState.ISSUED and m.ends_at is None for m in detentions)
    assert DetentionOrder.history.count() == DetentionOrder.objects.count() == len(detentions)
    clocks = Deadline.objects.filter(kind__startswith="detention")
    assert {d.source_id for d in clocks} == {m.pk for m in detentions}
    assert set(clocks.values_list("source_type", flat=True)) == {"detention.measure"}
    notices_met = clocks.filter(kind=DetentionDeadlineKind.DETENTION_COURT_NOTICE, status=DeadlineStatus.MET)
    assert CourtStep.objects.filter(kind=CourtStepKind.APPEAL_LODGED).count() == notices_met.count()
    facts = legality_facts(detentions, on=NOW.date())
    assert all(f.clock.days_current >= 0 and f.day_28 for f in facts.values())
    assert CaseEvent.objects.filter(kind="detention.order_issued").count() == len(detentions)
