"""The KPIs counted from dated events and month-end counts: a period once counted never changes afterwards.

Lawfully imposed detention counts each detention once, by its first court ruling, on the day that ruling was
recorded; complaints handled on time count each complaint once, on the day its handling was recorded in the
register; data quality is the count the refresh job kept at the period's end. Hand-counted fixtures, late
records after a period was counted, a reopened case and a case that moves teams.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from cases.services import case_close, case_reopen
from detention import court, services
from detention.constants import CourtStepKind, EndReason
from detention.models import Measure
from reports.constants import Kpi
from reports.kpis import complaints_on_time, data_quality_at_end, kpi_results, lawful_detentions
from reports.models import Complaint, DailyCount, QualitySnapshot
from reports.statistics import Period
from reports.summaries import summaries_rebuild
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory
from tests.factories.detention import detention_case, enforcer_for, issued_order

from .streams import at, counted, moved_to_team, opened

Y2026, Y2027 = Period.year(2026), Period.year(2027)


def kpi(period, which):
    return {result.kpi: result for result in kpi_results(period)}[which]


def summary_rows():
    return sorted(DailyCount.objects.values_list("figure", "day", "key", "key2", "team_id", "value"))


# --- Lawfully imposed detention (art. 59 and art. 94 Vw 2000) ----------------------------------------------


def detention(case=None):
    case = case or detention_case()
    enforcer = enforcer_for(case)
    return Measure.objects.get(order=issued_order(case, actor=enforcer)), enforcer


def ruling(measure, enforcer, *, on, ruling, recorded=None):
    """A ruling dated `on`, recorded at `recorded` (by default at noon of that day)."""
    return court.court_step_record(
        measure=measure, kind=CourtStepKind.RULING, on=on, ruling=ruling, grounds="Oordeel van de rechtbank",
        actor=enforcer, now=recorded or at(on.year, on.month, on.day),
    )  # fmt: skip


class TestLawfulDetentionArt94:
    def test_hand_counted_each_detention_once_by_its_first_ruling_recorded_in_the_period(self, db):
        (first, e1), (second, e2), (third, e3), (fourth, e4) = [detention() for _i in range(4)]
        ruling(first, e1, on=dt.date(2026, 12, 1), ruling="lawful")
        ruling(first, e1, on=dt.date(2026, 12, 20), ruling="unlawful")  # the further appeal: not counted again
        ruling(second, e2, on=dt.date(2026, 12, 2), ruling="lawful")
        ruling(third, e3, on=dt.date(2026, 12, 3), ruling="unlawful")
        ruling(fourth, e4, on=dt.date(2027, 1, 4), ruling="unlawful")
        counted(at(2027, 1, 5))
        result = kpi(Y2026, Kpi.LAWFUL_DETENTION)
        assert (result.numerator, result.denominator, result.percentage) == (2, 3, Decimal("66.7"))
        assert lawful_detentions(Y2027) == (0, 1)
        assert "recorded" in result.definition and "first court ruling" in result.definition

    def test_a_ruling_recorded_late_counts_in_the_period_it_was_recorded_and_2026_stays(self, db):
        (first, e1), (late, e2) = detention(), detention()
        ruling(first, e1, on=dt.date(2026, 12, 1), ruling="lawful")
        counted(at(2027, 1, 2))
        assert lawful_detentions(Y2026) == (1, 1)
        # Dated 20 December 2026 by the court, entered in Regie on 10 January 2027, after 2026 was counted.
        ruling(late, e2, on=dt.date(2026, 12, 20), ruling="unlawful", recorded=at(2027, 1, 10))
        counted(at(2027, 1, 11))
        assert lawful_detentions(Y2026) == (1, 1)
        assert lawful_detentions(Y2027) == (0, 1)

    def test_a_ruling_after_the_case_closed_and_reopened_counts_once_and_a_new_detention_counts_again(self, db):
        measure, enforcer = detention()
        case = measure.case
        lead = TeamLeadFactory(team=case.team)
        ruling(measure, enforcer, on=dt.date(2026, 12, 1), ruling="lawful")
        services.measure_end(measure=measure, reason=EndReason.DEPARTED, actor=enforcer, now=at(2026, 12, 5))
        case_close(
            case=case, closure_reason="departed_unsupervised", departed_on=dt.date(2026, 12, 5), actor=lead,
            now=at(2026, 12, 5, 13),
        )  # fmt: skip
        counted(at(2026, 12, 6))
        case_reopen(case=case, reason="De vreemdeling is teruggekeerd naar Nederland.", actor=lead, now=at(2027, 1, 8))
        # The further appeal on the first detention, recorded after the reopening: the detention was counted.
        ruling(measure, enforcer, on=dt.date(2027, 1, 9), ruling="unlawful")
        case.refresh_from_db()
        again = Measure.objects.get(order=issued_order(case, actor=enforcer, now=at(2027, 1, 10)))
        ruling(again, enforcer, on=dt.date(2027, 1, 20), ruling="unlawful")
        counted(at(2027, 1, 21))
        assert lawful_detentions(Y2026) == (1, 1)
        assert lawful_detentions(Y2027) == (0, 1)

    def test_a_case_that_moves_teams_keeps_its_ruling_with_the_team_that_held_it(self, db):
        lead_a = TeamLeadFactory()
        case = opened(when=at(2026, 11, 2), by=lead_a)
        officer_a, officer_b = CaseOfficerFactory(team=lead_a.team), CaseOfficerFactory()
        moved_to_team(case, officer_a, by=lead_a, when=at(2026, 11, 3))
        case.refresh_from_db()
        measure, enforcer = detention(case)
        ruling(measure, enforcer, on=dt.date(2026, 12, 1), ruling="lawful")
        counted(at(2026, 12, 2))
        moved_to_team(case, officer_b, by=TeamLeadFactory(team=officer_b.team), when=at(2026, 12, 10))
        counted(at(2026, 12, 11))
        summaries_rebuild(now=at(2027, 1, 5))
        assert lawful_detentions(Y2026, team_id=officer_a.team_id) == (1, 1)
        assert lawful_detentions(Y2026, team_id=officer_b.team_id) == (0, 0)

    def test_the_rebuild_counts_the_rulings_as_the_runs_did(self, db):
        (first, e1), (second, e2) = detention(), detention()
        ruling(first, e1, on=dt.date(2026, 12, 1), ruling="lawful")
        counted(at(2026, 12, 2))
        ruling(first, e1, on=dt.date(2026, 12, 15), ruling="unlawful")
        ruling(second, e2, on=dt.date(2026, 12, 3), ruling="lawful", recorded=at(2027, 2, 1))
        counted(at(2027, 2, 2))
        before = summary_rows()
        summaries_rebuild(now=at(2027, 3, 1))
        assert summary_rows() == before
        assert (lawful_detentions(Y2026), lawful_detentions(Y2027)) == ((1, 1), (1, 1))


# --- Complaints handled on time (art. 9:11 Awb) ---------------------------------------------------------------


def register(user, *, received_on, when, handled_on=None, deferred=False):
    """A complaint entered in the register at `when` (the admin's save: its history row is dated then)."""
    with time_machine.travel(when, tick=False):
        return Complaint.objects.create(
            reference=f"KL-{Complaint.objects.count() + 1}", received_on=received_on, subject="Bejegening",
            deferred=deferred, handled_on=handled_on, registered_at=when, registered_by=user,
        )  # fmt: skip


def change(complaint, *, when, **fields):
    """A later edit of the complaint in the register at `when`."""
    with time_machine.travel(when, tick=False):
        for name, value in fields.items():
            setattr(complaint, name, value)
        complaint.save()
    return complaint


class TestComplaintsHandledOnTimeArt911Awb:
    def test_hand_counted_on_the_day_the_handling_was_recorded(self, team_lead):
        # Received 1 December 2025: six weeks end 12 January 2026 (art. 9:11 lid 1 Awb).
        on_time = register(team_lead, received_on=dt.date(2025, 12, 1), when=at(2025, 12, 2))
        change(on_time, handled_on=dt.date(2026, 1, 12), when=at(2026, 1, 12, 16))  # on the last day
        late = register(team_lead, received_on=dt.date(2025, 12, 1), when=at(2025, 12, 2))
        change(late, handled_on=dt.date(2026, 1, 13), when=at(2026, 1, 13))  # a day late
        register(team_lead, received_on=dt.date(2025, 12, 1), when=at(2025, 12, 2))  # not handled: not counted yet
        deferred = register(team_lead, received_on=dt.date(2025, 11, 1), deferred=True, when=at(2025, 11, 3))
        change(deferred, handled_on=dt.date(2026, 1, 2), when=at(2026, 1, 2))  # ten weeks: 10 January (lid 2)
        register(
            team_lead, received_on=dt.date(2025, 11, 1), handled_on=dt.date(2025, 12, 1), when=at(2025, 12, 1)
        )  # registered when handled, in 2025
        counted(at(2027, 1, 5))
        assert complaints_on_time(Y2026) == (2, 3)
        assert complaints_on_time(Period.year(2025)) == (1, 1)
        result = kpi(Y2026, Kpi.COMPLAINTS_ON_TIME)
        assert (result.numerator, result.denominator, result.percentage) == (2, 3, Decimal("66.7"))
        assert "art. 9:11 Awb" in result.definition and "first recorded" in result.definition

    def test_a_handling_recorded_late_counts_in_the_period_it_was_recorded_and_2026_stays(self, team_lead):
        first = register(team_lead, received_on=dt.date(2026, 11, 2), when=at(2026, 11, 2))
        change(first, handled_on=dt.date(2026, 12, 1), when=at(2026, 12, 1))
        waiting = register(team_lead, received_on=dt.date(2026, 11, 16), when=at(2026, 11, 16))
        counted(at(2027, 1, 2))
        assert complaints_on_time(Y2026) == (1, 1)
        # Handled on 20 December 2026 (within the term), recorded on 5 January 2027 after 2026 was counted;
        # and a complaint of 2026 entered in the register only in 2027, handled late.
        change(waiting, handled_on=dt.date(2026, 12, 20), when=at(2027, 1, 5))
        register(
            team_lead, received_on=dt.date(2026, 10, 1), handled_on=dt.date(2026, 12, 30), when=at(2027, 1, 6)
        )
        counted(at(2027, 1, 7))
        assert complaints_on_time(Y2026) == (1, 1)
        assert complaints_on_time(Y2027) == (1, 2)

    def test_a_correction_or_a_reopened_complaint_does_not_count_it_again(self, team_lead):
        complaint = register(team_lead, received_on=dt.date(2026, 11, 2), when=at(2026, 11, 2))
        change(complaint, handled_on=dt.date(2026, 12, 1), when=at(2026, 12, 1))
        counted(at(2027, 1, 2))
        change(complaint, handled_on=dt.date(2027, 2, 1), when=at(2027, 1, 10))  # corrected to a late date
        change(complaint, handled_on=None, when=at(2027, 1, 11))  # reopened
        change(complaint, handled_on=dt.date(2027, 1, 12), deferred=True, when=at(2027, 1, 12))  # handled again
        counted(at(2027, 1, 13))
        assert complaints_on_time(Y2026) == (1, 1)
        assert complaints_on_time(Y2027) == (0, 0)
        assert complaint.history.count() == 5  # every change is in the register's history

    def test_the_rebuild_counts_the_register_as_the_runs_did(self, team_lead):
        complaint = register(team_lead, received_on=dt.date(2026, 11, 2), when=at(2026, 11, 2))
        change(complaint, handled_on=dt.date(2027, 1, 20), when=at(2027, 1, 20))
        counted(at(2027, 1, 21))
        change(complaint, handled_on=dt.date(2026, 12, 1), when=at(2027, 1, 22))
        counted(at(2027, 1, 23))
        before = summary_rows()
        summaries_rebuild(now=at(2027, 2, 1))
        assert summary_rows() == before
        assert complaints_on_time(Y2027) == (0, 1)


# --- Data quality at the period's end --------------------------------------------------------------------


class TestDataQualityAtTheYearsEnd:
    def test_a_past_year_reads_the_count_of_its_last_month_end_not_todays(self, team_lead):
        from cases.models import ForeignNational

        cases = [opened(when=at(2026, 12, 1), by=team_lead) for _i in range(4)]
        good = cases[0].foreign_national
        good.nationalities.update(status="established")
        ForeignNational.objects.filter(pk=good.pk).update(sex="male")
        counted(at(2026, 12, 31, 23))  # the year's last run
        # In 2027 every case is put right: the count of 2026 keeps what it was on 31 December.
        for case in cases:
            case.foreign_national.nationalities.update(status="established")
        ForeignNational.objects.filter(pk__in=[case.foreign_national_id for case in cases]).update(sex="male")
        counted(at(2027, 1, 5))
        year_end = data_quality_at_end(Y2026)
        assert (year_end.meeting_rules, year_end.cases) == (1, 4)
        assert data_quality_at_end(Y2027).meeting_rules == 4
        result = kpi(Y2026, Kpi.DATA_QUALITY)
        assert (result.numerator, result.denominator, result.percentage) == (1, 4, Decimal("25.0"))
        assert "31 December 2026 23:00" in result.definition

    def test_the_months_last_run_is_kept_and_a_later_month_has_its_own_row(self, team_lead):
        opened(when=at(2026, 11, 2), by=team_lead)
        counted(at(2026, 11, 10))
        opened(when=at(2026, 11, 20), by=team_lead)
        counted(at(2026, 11, 30, 22))
        opened(when=at(2026, 12, 2), by=team_lead)
        counted(at(2026, 12, 3))
        rows = sorted(QualitySnapshot.objects.values_list("month_end", "cases"))
        assert rows == [(dt.date(2026, 11, 30), 2), (dt.date(2026, 12, 31), 3)]
        # A period that ended on 15 November reads no count of November (taken after it ended).
        assert data_quality_at_end(Period(dt.date(2026, 11, 1), dt.date(2026, 11, 16))).cases is None
        assert data_quality_at_end(Period(dt.date(2026, 11, 1), dt.date(2026, 12, 1))).cases == 2

    def test_nothing_counted_before_the_period_ended_is_not_measured(self, team_lead):
        opened(when=at(2026, 11, 2), by=team_lead)
        counted(at(2027, 1, 5))
        result = kpi(Y2026, Kpi.DATA_QUALITY)
        assert (result.numerator, result.denominator, result.percentage) == (None, None, None)
        assert "no count was taken" in result.definition

    def test_the_rebuild_keeps_the_month_end_counts(self, team_lead):
        opened(when=at(2026, 11, 2), by=team_lead)
        counted(at(2026, 12, 31, 23))
        fields = ("month_end", "team_id", "cases", "meeting_rules", "taken_at")
        kept = list(QualitySnapshot.objects.values_list(*fields))
        summaries_rebuild(now=at(2027, 1, 5))
        assert list(QualitySnapshot.objects.values_list(*fields)) == kept


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
