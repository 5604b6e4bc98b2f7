"""The court and the clocks: appeal or art. 94 notice, ruling, review, the cumulative 6/18 months, the lawful rate."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.models import Deadline
from detention import court, services
from detention.constants import CourtStepKind, EndReason, MeasureKind
from detention.models import Measure
from detention.selectors import lawful_rate, lawful_rate_per_year, legality_facts
from tests.factories.detention import NOW, issued_order

pytestmark = pytest.mark.django_db


def detention_of(order):
    return Measure.objects.get(order=order)


class TestCourtStepRecord:
    def test_an_appeal_meets_the_art_94_notice(self, case, enforcer):
        measure = detention_of(issued_order(case, actor=enforcer))
        court.court_step_record(
            measure=measure, kind=CourtStepKind.APPEAL_LODGED, on=NOW.date(), actor=enforcer, now=NOW
        )
        assert Deadline.objects.get(case=case, kind="detention_court_notice").status == "met"

    def test_an_unlawful_ruling_with_compensation_releases_the_person(self, case, enforcer):
        measure = detention_of(issued_order(case, actor=enforcer))
        later = NOW + dt.timedelta(days=10)
        with pytest.raises(ValidationError):
            court.court_step_record(
                measure=measure,
                kind=CourtStepKind.RULING,
                on=later.date(),
                ruling="unlawful",
                actor=enforcer,
                now=later,
            )
        court.court_step_record(
            measure=measure, kind=CourtStepKind.RULING, on=later.date(), ruling="unlawful",
            grounds="Geen zicht op uitzetting", compensation="1200", actor=enforcer, now=later,
        )  # fmt: skip
        measure.refresh_from_db()
        assert (measure.end_reason, measure.ends_at) == (EndReason.COURT_ORDER, later)

    def test_the_case_officer_writes_the_progress_report(self, case, enforcer):
        measure = detention_of(issued_order(case, actor=enforcer))
        step = court.court_step_record(
            measure=measure, kind=CourtStepKind.PROGRESS_REPORT, on=NOW.date(), text="LP aangevraagd",
            actor=case.case_officer, now=NOW,
        )  # fmt: skip
        assert step.recorded_by == case.case_officer

    def test_the_periodic_review_needs_its_checklist_and_opens_the_next(self, case, enforcer, settings):
        measure = detention_of(issued_order(case, actor=enforcer))
        later = NOW + dt.timedelta(days=20)
        with pytest.raises(ValidationError) as error:
            court.court_step_record(
                measure=measure, kind=CourtStepKind.REVIEW, on=later.date(), actor=enforcer, now=later
            )
        assert set(error.value.message_dict) == set(court.REVIEW_CHECKLIST)
        court.court_step_record(
            measure=measure, kind=CourtStepKind.REVIEW, on=later.date(), actor=enforcer, now=later,
            checklist={"prospect_of_removal": True, "lighter_measure_suffices": False, "removal_acts": "LP rappel"},
        )  # fmt: skip
        reviews = Deadline.objects.filter(case=case, kind="detention_review").order_by("id")
        assert [(d.status, d.due_date) for d in reviews] == [
            ("met", dt.date(2026, 12, 21)),
            ("open", dt.date(2027, 1, 10)),
        ]


class TestCumulativeClocks:
    def test_two_measures_of_one_removal_procedure_count_together(self, case, enforcer):
        first = detention_of(issued_order(case, actor=enforcer, now=NOW, starts_at=NOW))
        services.measure_end(
            measure=first, reason=EndReason.LIGHTER_MEASURE, actor=enforcer, now=NOW + dt.timedelta(days=29)
        )  # 30 days: 23 Nov - 22 Dec; the second starts 22 Jan, as if on 23 Dec
        again = NOW + dt.timedelta(days=60)
        second = detention_of(issued_order(case, actor=enforcer, now=again, starts_at=again))
        facts = legality_facts([second], on=again.date() + dt.timedelta(days=9))[second.pk]
        assert (facts.clock.days_current, facts.clock.days_total) == (10, 40)
        assert facts.clock.six_months_on == dt.date(2027, 6, 23)
        six = Deadline.objects.get(case=case, kind="detention_six_months", source_id=second.pk)
        assert six.due_date == dt.date(2027, 6, 23)

    def test_a_new_removal_procedure_starts_the_clock_again(self, case, enforcer):
        from detention import orders

        first = detention_of(issued_order(case, actor=enforcer))
        services.measure_end(
            measure=first, reason=EndReason.NO_PROSPECT, actor=enforcer, now=NOW + dt.timedelta(days=9)
        )
        again = NOW + dt.timedelta(days=100)
        from tests.factories.detention import complete_draft

        draft = complete_draft(case, actor=enforcer, now=again)
        order = orders.order_issue(order=draft, actor=enforcer, now=again, new_removal_procedure=True)
        facts = legality_facts([detention_of(order)], on=again.date())[detention_of(order).pk]
        assert facts.clock.days_total == 1


class TestLawfulRate:
    def test_counts_each_detention_by_its_first_ruling(self, case, enforcer):
        measure = detention_of(issued_order(case, actor=enforcer))
        later = NOW + dt.timedelta(days=5)
        for ruling in ("lawful", "unlawful"):
            court.court_step_record(
                measure=measure, kind=CourtStepKind.RULING, on=later.date(), ruling=ruling, grounds="Oordeel",
                actor=enforcer, now=later,
            )  # fmt: skip
        rate = lawful_rate(dt.date(2026, 1, 1), dt.date(2027, 1, 1))
        assert (rate.lawful, rate.unlawful, rate.rate) == (1, 0, 1.0)
        assert lawful_rate_per_year()[2026].judged == 1
        assert measure.kind == MeasureKind.DETENTION
