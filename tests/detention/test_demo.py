"""The demo's supervision and detention: every rung, rulings near the 90% KPI, written once."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.constants import LIVE_DEADLINE_STATUSES, DeadlineStatus
from cases.deadlines.registry import AMSTERDAM
from cases.deadlines.sweep import deadlines_sweep
from cases.models import CaseEvent, Deadline, WorkItem
from detention import court
from detention.constants import CourtStepKind, MeasureKind, OrderState
from detention.deadlines import DetentionDeadlineKind
from detention.models import CourtStep, DetentionOrder, Measure
from detention.selectors import lawful_rate, legality_facts
from dtv.demo.detention import REVIEW_ANSWERS, seed_detention
from dtv.demo.people import v_number
from tests.demo.seeding import NOW, seed
from tests.factories.accounts import EnforcementOfficerFactory
from tests.factories.cases import CaseFactory
from tests.factories.detention import issued_order

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


# --- the periodic review of seeded detentions (art. 15 lid 3 Richtlijn 2008/115/EG) -----------------------------

REVIEW = DetentionDeadlineKind.DETENTION_REVIEW
# What a deadline row holds that does not depend on who acted (the seed's actor is the case's officer, the
# service's an enforcement officer: only they may record a review).
DEADLINE_FIELDS = (
    "kind", "rule_version", "legal_basis", "counting", "params", "trigger", "start_date", "start_at", "due_date",
    "due_at", "statutory", "urgency", "target_date", "target_at", "atw_applies", "atw_applied", "explanation",
    "responsible", "status", "status_reason", "revision", "remind_at", "sweep_stage", "sweep_at", "opened_at",
    "closed_at", "source_type",
)  # fmt: skip
STEP_FIELDS = ("kind", "on", "ruling", "grounds", "text", "compensation", "data", "recorded_at")


def review_deadlines(measure):
    return Deadline.objects.filter(kind=REVIEW, source_type="detention.measure", source_id=measure.pk).order_by(
        "opened_at", "id"
    )


def review_steps(measure):
    return CourtStep.objects.filter(measure=measure, kind=CourtStepKind.REVIEW).order_by("on", "id")


def review_events(measure):
    """The timeline of the reviews: the review steps and every event of a review deadline, ids left out."""
    deadline_ids = {d.pk for d in review_deadlines(measure)}
    rows = []
    for event in CaseEvent.objects.filter(case_id=measure.case_id).order_by("occurred_at", "id"):
        data = dict(event.data)
        if event.kind == "detention.court_step" and data.get("step") == CourtStepKind.REVIEW:
            data.pop("measure")
        elif data.get("deadline") in deadline_ids:
            data.pop("deadline")
        else:
            continue
        rows.append((event.kind, event.occurred_at, data))
    return rows


class TestSeededReviews:
    def test_every_bulk_seeded_detention_has_its_reviews_art_15_lid_3_return_directive_and_one_open(self):
        seed(200)
        every = dt.timedelta(days=28)
        index_of = {v_number(i): i for i in range(200)}
        detentions = list(Measure.objects.filter(kind=MeasureKind.DETENTION).select_related("case__foreign_national"))
        facts = legality_facts(detentions, on=NOW.date())
        overdue = 0
        for measure in detentions:
            deadlines = list(review_deadlines(measure))
            steps = list(review_steps(measure))
            start = timezone.localdate(measure.starts_at)
            assert [d.start_date for d in deadlines] == [start, *[s.on for s in steps]]
            assert [d.status for d in deadlines] == [DeadlineStatus.MET] * len(steps) + [DeadlineStatus.OPEN]
            assert all(s.on == d.due_date and s.data == REVIEW_ANSWERS for s, d in zip(steps, deadlines, strict=False))
            open_review = deadlines[-1]
            assert facts[measure.pk].next_review == open_review.due_date
            if open_review.due_at <= NOW:
                # Left unrecorded on purpose (one detention in eight), overdue by less than one interval.
                assert index_of[measure.case.foreign_national.v_number] % 8 == 0
                assert NOW - open_review.due_at < every
                overdue += 1
        assert sum(1 for m in detentions if review_steps(m).exists()) >= len(detentions) // 2
        # The first sweep gives the enforcement officer the overdue reviews' work items, as for any due deadline.
        deadlines_sweep(now=NOW)
        assert WorkItem.objects.filter(deadline__kind=REVIEW).count() == overdue

    def test_a_seeded_detentions_reviews_art_15_lid_3_are_what_the_services_write_for_the_same_facts(self):
        seed(200)
        seeded = next(
            m
            for m in Measure.objects.filter(kind=MeasureKind.DETENTION).select_related("case", "imposed_by")
            if review_steps(m).count() >= 2 and review_deadlines(m).last().remind_at > NOW
        )
        enforcer = EnforcementOfficerFactory(team=seeded.case.team)
        # The same facts through the services: the order issued at the same moment, each review on its day.
        order = issued_order(
            CaseFactory(in_progress=True, case_officer=seeded.case.case_officer),
            actor=enforcer,
            now=seeded.starts_at,
            starts_at=seeded.starts_at,
            hearing_at=seeded.starts_at - dt.timedelta(hours=1),
        )
        served = Measure.objects.get(order=order)
        for step in review_steps(seeded):
            court.court_step_record(
                measure=served, kind=CourtStepKind.REVIEW, on=step.on, checklist=step.data, actor=enforcer,
                now=step.recorded_at,
            )  # fmt: skip
        assert list(review_deadlines(seeded).values(*DEADLINE_FIELDS)) == list(
            review_deadlines(served).values(*DEADLINE_FIELDS)
        )
        assert list(review_steps(seeded).values(*STEP_FIELDS)) == list(review_steps(served).values(*STEP_FIELDS))
        assert review_events(seeded) == review_events(served)
        for measure, actor in ((seeded, seeded.imposed_by), (served, enforcer)):
            assert {d.opened_by_id for d in review_deadlines(measure)} == {actor.pk}
            assert {s.recorded_by_id for s in review_steps(measure)} == {actor.pk}

    def test_the_showcase_detentions_are_reviewed_and_what_ran_at_their_end_was_cancelled(self):
        seed(80)
        bulk = set(Measure.objects.values_list("pk", flat=True))
        seed_detention(now=NOW)
        showcase = Measure.objects.filter(kind=MeasureKind.DETENTION).exclude(pk__in=bulk)
        for measure in showcase:
            deadlines = list(review_deadlines(measure))
            steps = list(review_steps(measure))
            assert [d.start_date for d in deadlines] == [timezone.localdate(measure.starts_at), *[s.on for s in steps]]
            # None of them lasts two intervals: one review if 10:00 on day 28 came before the end (or now).
            due = dt.datetime.combine(deadlines[0].due_date, dt.time(10), tzinfo=AMSTERDAM)
            assert len(steps) == (1 if due <= (measure.ends_at or NOW) else 0), measure.pk
            live = [d for d in deadlines if d.status in LIVE_DEADLINE_STATUSES]
            if measure.ends_at is None:
                assert live == [deadlines[-1]]
            else:
                assert live == [] and deadlines[-1].status == DeadlineStatus.CANCELLED
                assert not Deadline.objects.filter(
                    source_type="detention.measure", source_id=measure.pk, status__in=LIVE_DEADLINE_STATUSES
                ).exists()
