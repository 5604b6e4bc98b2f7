"""The ladder of measures: each imposed with its ground, ended with its reason, in the timeline and history."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.models import CaseEvent, Deadline, WorkItem
from detention import services
from detention.constants import EndReason, MeasureKind
from detention.models import Measure, ReportingEvent
from dtv.core.exceptions import DomainError
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.detention import NOW, reporting_duty

pytestmark = pytest.mark.django_db


def kinds(case):
    return list(
        CaseEvent.objects.filter(case=case, kind__startswith="detention.")
        .order_by("occurred_at", "id")
        .values_list("kind", flat=True)
    )


class TestMeasureImpose:
    def test_a_reporting_duty_records_who_when_ground_frequency_and_place_art_57(self, case, enforcer):
        measure = reporting_duty(case, enforcer)
        assert (measure.legal_basis, measure.imposed_by, measure.imposed_at, measure.frequency_days) == (
            "art. 57 Vw 2000",
            enforcer,
            NOW,
            7,
        )
        assert kinds(case) == ["detention.measure_imposed"]
        assert measure.history.count() == 1

    def test_refuses_a_measure_without_ground_and_writes_nothing(self, case, enforcer):
        with pytest.raises(ValidationError) as error:
            services.measure_impose(case=case, kind=MeasureKind.DEPOSIT, ground=" ", actor=enforcer, now=NOW)
        assert set(error.value.message_dict) == {"ground", "amount"}
        assert not Measure.objects.exists() and kinds(case) == []

    def test_a_case_officer_may_not_impose(self, case):
        with pytest.raises(PermissionDenied):
            reporting_duty(case, case.case_officer)
        assert not Measure.objects.exists()

    def test_detention_is_imposed_only_through_an_order(self, case, enforcer):
        with pytest.raises(DomainError) as error:
            services.measure_impose(case=case, kind=MeasureKind.DETENTION, ground="x", actor=enforcer, now=NOW)
        assert error.value.code == "detention_needs_order"

    def test_a_vbl_placement_opens_its_12_week_deadline_art_56(self, case, enforcer):
        measure = services.measure_impose(
            case=case, kind=MeasureKind.RESTRICTED_LOCATION, ground="Vertrekplicht", location="VBL Ter Apel",
            actor=enforcer, now=NOW,
        )  # fmt: skip
        deadline = Deadline.objects.get(case=case, kind="restricted_location")
        assert (deadline.legal_basis, deadline.due_date) == ("art. 56 Vw 2000", dt.date(2027, 2, 15))
        assert deadline.source_id == measure.pk


class TestFamilyLocationAndCombinations:
    def test_a_family_location_needs_its_location_art_56_and_writes_nothing_without(self, case, enforcer):
        with pytest.raises(ValidationError) as error:
            services.measure_impose(
                case=case, kind=MeasureKind.FAMILY_LOCATION, ground="Gezin met kinderen", actor=enforcer, now=NOW
            )
        assert set(error.value.message_dict) == {"location"} and not Measure.objects.exists()
        measure = services.measure_impose(
            case=case, kind=MeasureKind.FAMILY_LOCATION, ground="Gezin met kinderen", location="Gezinslocatie Katwijk",
            actor=enforcer, now=NOW,
        )  # fmt: skip
        assert (measure.legal_basis, measure.location, measure.imposed_by) == (
            "art. 56 Vw 2000",
            "Gezinslocatie Katwijk",
            enforcer,
        )
        assert kinds(case) == ["detention.measure_imposed"]

    def test_a_vbl_placement_combines_with_a_reporting_duty_art_56_and_57(self, case, enforcer):
        services.measure_impose(
            case=case, kind=MeasureKind.RESTRICTED_LOCATION, ground="Vertrekplicht", location="VBL Ter Apel",
            actor=enforcer, now=NOW,
        )  # fmt: skip
        reporting_duty(case, enforcer)
        running = Measure.objects.filter(case=case, ends_at__isnull=True).values_list("kind", flat=True)
        assert sorted(running) == [MeasureKind.REPORTING_DUTY, MeasureKind.RESTRICTED_LOCATION]


class TestVblExtend:
    def test_an_extension_beyond_12_weeks_needs_a_reason(self, case, enforcer):
        measure = services.measure_impose(
            case=case, kind=MeasureKind.RESTRICTED_LOCATION, ground="Vertrekplicht", location="VBL Ter Apel",
            actor=enforcer, now=NOW,
        )  # fmt: skip
        until = NOW + dt.timedelta(weeks=16)
        with pytest.raises(ValidationError):
            services.restricted_location_extend(measure=measure, until=until, reason="", actor=enforcer, now=NOW)
        services.restricted_location_extend(
            measure=measure, until=until, reason="LP binnen twee weken verwacht", actor=enforcer, now=NOW
        )
        measure.refresh_from_db()
        assert (measure.extended_until, measure.extension_reason) == (until, "LP binnen twee weken verwacht")
        assert Deadline.objects.get(case=case, kind="restricted_location").status == "met"


class TestHolding:
    def test_held_at_22_00_the_deadline_is_13_00_and_an_authorised_officer_extends_it(self, case, enforcer, lead):
        start = dt.datetime(2026, 3, 2, 21, 0, tzinfo=dt.UTC)  # 22:00 in Amsterdam
        measure = services.measure_impose(
            case=case, kind=MeasureKind.HOLDING, ground="Identiteit onbekend", actor=enforcer, now=start,
            starts_at=start,
        )  # fmt: skip
        deadline = Deadline.objects.get(case=case, kind="holding")
        assert deadline.due_at == dt.datetime(2026, 3, 3, 12, 0, tzinfo=dt.UTC)
        with pytest.raises(PermissionDenied):
            services.holding_extend(measure=measure, hours=24, reason="Onderzoek", actor=enforcer, now=start)
        services.holding_extend(
            measure=measure, hours=48, reason="Vingerafdrukken in onderzoek", actor=lead,
            now=start + dt.timedelta(hours=3),
        )  # fmt: skip
        measure.refresh_from_db()
        assert measure.extended_until == dt.datetime(2026, 3, 5, 12, 0, tzinfo=dt.UTC)
        assert Deadline.objects.get(case=case, kind="holding_extension").due_at == measure.extended_until

    def test_refuses_an_extension_after_the_six_hours(self, case, enforcer, lead):
        start = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)
        measure = services.measure_impose(
            case=case, kind=MeasureKind.HOLDING, ground="Identiteit", actor=enforcer, now=start, starts_at=start
        )
        with pytest.raises(DomainError) as error:
            services.holding_extend(
                measure=measure, hours=12, reason="Te laat", actor=lead, now=start + dt.timedelta(hours=7)
            )
        assert error.value.code == "holding_expired"


class TestMeasureEnd:
    def test_ends_with_when_and_why(self, case, enforcer):
        measure = reporting_duty(case, enforcer)
        services.measure_end(
            measure=measure, reason=EndReason.LIGHTER_MEASURE, actor=enforcer, now=NOW + dt.timedelta(days=3)
        )
        measure.refresh_from_db()
        assert (measure.end_reason, measure.ended_by, measure.ends_at) == (
            "lighter_measure",
            enforcer,
            NOW + dt.timedelta(days=3),
        )
        assert kinds(case) == ["detention.measure_imposed", "detention.measure_ended"]
        with pytest.raises(DomainError):
            services.measure_end(measure=measure, reason=EndReason.OTHER, note="x", actor=enforcer, now=NOW)


class TestReportRecord:
    def test_three_missed_in_a_row_signal_the_risk_of_absconding_once(self, case, enforcer, settings):
        settings.REPORTING_MISSED_IN_A_ROW = 3
        measure = reporting_duty(case, enforcer, starts_at=NOW - dt.timedelta(days=40))
        officer = case.case_officer
        days = [NOW.date() - dt.timedelta(days=7 * n) for n in range(5, 0, -1)]
        services.report_record(measure=measure, on=days[0], attended=True, actor=officer, now=NOW)
        for day in days[1:]:
            services.report_record(measure=measure, on=day, attended=False, actor=officer, now=NOW)
        assert ReportingEvent.objects.filter(measure=measure, attended=False).count() == 4
        assert kinds(case).count("detention.absconding_signal") == 1
        assert WorkItem.objects.filter(case=case, assignee=officer).count() == 1

    def test_an_attended_report_breaks_the_streak(self):
        assert services.missed_in_a_row([False, False, True, False]) == 2

    def test_someone_outside_the_team_may_not_record(self, case, enforcer):
        measure = reporting_duty(case, enforcer)
        with pytest.raises(PermissionDenied):
            services.report_record(measure=measure, on=NOW.date(), attended=True, actor=CaseOfficerFactory(), now=NOW)
        assert not ReportingEvent.objects.exists()


class TestDeposit:
    def test_paid_and_returned(self, case, enforcer):
        measure = services.measure_impose(
            case=case, kind=MeasureKind.DEPOSIT, ground="Borg", amount=Decimal("1500.00"), actor=enforcer, now=NOW
        )
        services.deposit_record_payment(measure=measure, on=NOW.date(), actor=enforcer, now=NOW)
        services.deposit_settle(measure=measure, settled="returned", on=NOW.date(), actor=enforcer, now=NOW)
        measure.refresh_from_db()
        assert (measure.amount, measure.paid_on, measure.settled) == (Decimal("1500.00"), NOW.date(), "returned")
        with pytest.raises(DomainError):
            services.deposit_settle(measure=measure, settled="forfeited", on=NOW.date(), actor=enforcer, now=NOW)


class TestOutflow:
    def test_a_closed_case_ends_its_running_measures(self, case, enforcer):
        measure = reporting_duty(case, enforcer)
        services.measures_end_for_outflow(case_id=case.pk, now=NOW + dt.timedelta(hours=1))
        services.measures_end_for_outflow(case_id=case.pk, now=NOW + dt.timedelta(hours=2))
        measure.refresh_from_db()
        assert (measure.end_reason, measure.ends_at) == ("case_closed", NOW + dt.timedelta(hours=1))
