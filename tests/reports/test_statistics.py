"""Statistics per period, hand-counted from event streams written through the services."""

import datetime as dt

import pytest

from reports import statistics
from reports.statistics import Period
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory

from .streams import assigned, at, closed, counted, moved_to_team, opened, reopened

Y2026 = Period.year(2026)
Y2027 = Period.year(2027)


def rows(table):
    return {row[0]: row[1:] for row in table.rows}


@pytest.fixture
def lead(team_lead):
    return team_lead


class TestInflow:
    def test_counts_the_cases_opened_in_the_period_by_source_self_registration_as_other(self, lead):
        opened(source="ind", when=at(2026, 1, 1, 0), by=lead)  # 1 January 00:00 Amsterdam: in 2026
        opened(source="ind", when=at(2026, 6, 1), by=lead)
        opened(source="police", when=at(2026, 6, 2), by=lead)
        opened(source="kmar", when=at(2026, 12, 31, 23), by=lead)  # 23:00 Amsterdam = 22:00 UTC: still 2026
        opened(source="self_registration", when=at(2026, 3, 3), by=lead)
        opened(source="other", when=at(2026, 3, 4), by=lead)
        opened(source="ind", when=at(2025, 12, 31, 23), by=lead)  # 2025
        opened(source="ind", when=at(2027, 1, 1, 0), by=lead)  # 2027
        counted()
        table = statistics.inflow(Y2026)
        assert [row[1] for row in table.rows] == [2, 1, 1, 2]
        assert table.total[1] == 6
        assert "case opened" in table.definition

    def test_a_second_handover_to_an_open_case_is_no_inflow(self, lead):
        case = opened(when=at(2026, 2, 1), by=lead)
        counted()
        assert case.handovers.count() == 1
        assert statistics.inflow(Y2026).total[1] == 1


class TestOutflow:
    def test_counts_closures_by_category_on_the_day_of_closing(self, lead, case_officer):
        for reason, n in [
            ("departed_forced", 2),
            ("departed_independently", 3),
            ("departed_unsupervised", 1),
            ("asylum_application", 1),
            ("residence_permit", 1),
            ("deceased", 1),
            ("other", 1),
        ]:
            for _i in range(n):
                closed(opened(when=at(2025, 5, 1), by=lead), reason, by=lead, when=at(2026, 4, 1))
        closed(opened(when=at(2025, 5, 1), by=lead), "departed_forced", by=lead, when=at(2027, 1, 2))
        counted()
        table = statistics.outflow(Y2026)
        assert [row[1] for row in table.rows] == [2, 3, 1, 1, 1, 2]
        assert table.total[1] == 10
        assert rows(table)["Forced departure"] == [2, 20.0]

    def test_destination_split_of_demonstrable_departures(self, lead):
        closed(opened(when=at(2026, 1, 5), by=lead), "departed_forced", by=lead, when=at(2026, 2, 1))
        closed(
            opened(when=at(2026, 1, 5), by=lead),
            "departed_independently",
            by=lead,
            when=at(2026, 2, 1),
            destination="dublin_state",
        )
        closed(
            opened(when=at(2026, 1, 5), by=lead),
            "departed_independently",
            by=lead,
            when=at(2026, 2, 1),
            destination="other_country",
        )
        closed(
            opened(when=at(2026, 1, 5), by=lead),
            "departed_independently",
            by=lead,
            when=at(2026, 2, 1),
            destination="other_country",
        )
        closed(opened(when=at(2026, 1, 5), by=lead), "departed_unsupervised", by=lead, when=at(2026, 2, 1))
        counted()
        assert [row[1] for row in statistics.destinations(Y2026).rows] == [1, 1, 2]

    def test_a_closed_period_does_not_change_when_the_case_is_reopened_and_closed_again_later(self, lead, case_officer):
        case = assigned(opened(when=at(2026, 3, 1), by=lead), case_officer, by=lead, when=at(2026, 3, 2))
        case = closed(case, "departed_unsupervised", by=lead, when=at(2026, 11, 30))
        counted()
        before = statistics.outflow(Y2026).rows
        reopened(case, by=lead, when=at(2027, 1, 10))
        closed(case, "departed_forced", by=lead, when=at(2027, 2, 1))
        counted(at(2027, 2, 2))
        assert statistics.outflow(Y2026).rows == before
        assert (
            rows(statistics.outflow(Y2026))["Independent departure without supervision (destination unknown)"][0] == 1
        )
        assert rows(statistics.outflow(Y2027))["Forced departure"][0] == 1
        assert statistics.outflow(Y2027).total[1] == 1

    def test_a_team_keeps_the_outflow_it_closed_when_a_later_case_moves(self, lead, case_officer):
        other_officer = CaseOfficerFactory()
        other_lead = TeamLeadFactory(team=other_officer.team)
        case = assigned(opened(when=at(2026, 1, 2), by=lead), case_officer, by=lead, when=at(2026, 1, 3))
        moved_to_team(case, other_officer, by=other_lead, when=at(2026, 5, 1))
        closed(case, "departed_forced", by=other_lead, when=at(2026, 6, 1))
        counted()
        assert statistics.outflow(Y2026, team_id=other_officer.team_id).total[1] == 1
        assert statistics.outflow(Y2026, team_id=case_officer.team_id).total[1] == 0


class TestCaseload:
    def test_counts_open_cases_at_the_end_of_the_day_with_their_top_nationalities(self, lead):
        for _i in range(3):
            opened(nationality="MAR", when=at(2026, 2, 1), by=lead)
        opened(nationality="DZA", when=at(2026, 2, 1), by=lead)
        gone = opened(nationality="DZA", when=at(2026, 2, 1), by=lead)
        closed(gone, "residence_permit", by=lead, when=at(2026, 12, 31, 20))
        opened(
            nationality="SYR",
            when=at(
                2027,
                1,
                1,
                0,
            ),
            by=lead,
        )  # after 31 December
        counted()
        table = statistics.caseload(dt.date(2026, 12, 31))
        assert [row[:2] for row in table.rows] == [["Morocco", 3], ["Algeria", 1]]
        assert table.total[1] == 4
        assert statistics.caseload(dt.date(2026, 12, 30)).total[1] == 5

    def test_a_reopened_case_counts_again_from_its_reopening_and_the_past_stays(self, lead, case_officer):
        case = assigned(opened(when=at(2026, 1, 1), by=lead), case_officer, by=lead, when=at(2026, 1, 1, 13))
        case = closed(case, "departed_unsupervised", by=lead, when=at(2026, 6, 1))
        counted()
        reopened(case, by=lead, when=at(2026, 9, 1))
        counted()
        assert statistics.caseload(dt.date(2026, 5, 31)).total[1] == 1
        assert statistics.caseload(dt.date(2026, 6, 1)).total[1] == 0
        assert statistics.caseload(dt.date(2026, 9, 1)).total[1] == 1

    def test_a_case_that_moves_teams_leaves_the_first_team_on_the_day_it_moves(self, lead, case_officer):
        other_officer = CaseOfficerFactory()
        other_lead = TeamLeadFactory(team=other_officer.team)
        case = assigned(opened(when=at(2026, 1, 2), by=lead), case_officer, by=lead, when=at(2026, 1, 3))
        counted()
        moved_to_team(case, other_officer, by=other_lead, when=at(2026, 5, 1))
        counted()
        team_a, team_b = case_officer.team_id, other_officer.team_id
        assert statistics.caseload(dt.date(2026, 4, 30), team_id=team_a).total[1] == 1
        assert statistics.caseload(dt.date(2026, 4, 30), team_id=team_b).total[1] == 0
        assert statistics.caseload(dt.date(2026, 5, 1), team_id=team_a).total[1] == 0
        assert statistics.caseload(dt.date(2026, 5, 1), team_id=team_b).total[1] == 1
        assert statistics.caseload(dt.date(2026, 5, 1)).total[1] == 1

    def test_the_nationality_counted_stays_when_the_person_record_changes_later(self, lead):
        case = opened(nationality="MAR", when=at(2026, 1, 2), by=lead)
        counted()
        case.foreign_national.nationalities.update(country="TUN")
        closed(case, "residence_permit", by=lead, when=at(2026, 3, 1))
        counted()
        assert statistics.caseload(dt.date(2026, 2, 1)).rows[0][:2] == ["Morocco", 1]
        assert statistics.caseload(dt.date(2026, 3, 1)).total[1] == 0


class TestDurations:
    def test_median_and_quartiles_of_the_days_from_intake_to_departure(self, lead):
        for days in (10, 20, 30, 40, 100):
            case = opened(when=at(2026, 1, 1), by=lead)
            closed(
                case,
                "departed_forced",
                by=lead,
                when=at(2026, 6, 1),
                departed_on=dt.date(2026, 1, 1) + dt.timedelta(days=days),
            )
        closed(opened(when=at(2026, 1, 1), by=lead), "residence_permit", by=lead, when=at(2026, 6, 1))  # no departure
        counted()
        measures = rows(statistics.durations(Y2026))
        assert measures["Departures"] == [5]
        assert measures["Median"] == [30]
        assert measures["First quartile"] == [20]
        assert measures["Third quartile"] == [40]
        assert measures["Shortest"] == [10]
        assert measures["Longest"] == [100]


class TestRefresh:
    def test_the_periodic_run_counts_an_event_one_run_after_it_first_saw_it(self, lead):
        from reports.summaries import summaries_refresh

        opened(when=at(2026, 1, 2), by=lead)
        assert summaries_refresh(now=at(2026, 1, 2, 13)).case_events == 0
        assert statistics.inflow(Y2026).total[1] == 0
        assert (
            summaries_refresh(now=at(2026, 1, 2, 14)).case_events == 1
        )  # "case opened" (the handover event is no figure)
        assert statistics.inflow(Y2026).total[1] == 1
        assert summaries_refresh(now=at(2026, 1, 2, 15)).case_events == 0
        assert statistics.inflow(Y2026).total[1] == 1

    def test_the_rebuild_counts_the_same_as_the_incremental_runs(self, lead, case_officer):
        from reports.models import DailyCount
        from reports.summaries import summaries_rebuild

        case = assigned(opened(when=at(2026, 1, 2), by=lead), case_officer, by=lead, when=at(2026, 1, 3))
        counted()
        closed(case, "departed_forced", by=lead, when=at(2026, 3, 1))
        reopened(case, by=lead, when=at(2026, 4, 1))
        counted()
        before = sorted(DailyCount.objects.values_list("figure", "day", "key", "key2", "team_id", "value"))
        summaries_rebuild(now=at(2026, 5, 1))
        assert sorted(DailyCount.objects.values_list("figure", "day", "key", "key2", "team_id", "value")) == before


def test_the_rebuild_command_reports_what_it_counted_and_its_time(lead):
    from io import StringIO

    from django.core.management import call_command

    opened(when=at(2026, 1, 2), by=lead)
    out = StringIO()
    call_command("rebuild_summaries", stdout=out)
    assert out.getvalue().startswith(
        "Counted 1 case events, 0 LP transitions, 0 departure events, 0 court steps and 0 complaint changes in "
    )
    assert out.getvalue().rstrip().endswith(" s.")
    assert statistics.inflow(Y2026).total[1] == 1


class TestCaseloadMonthEnds:
    """The caseload on a day reads the last month-end balance and the changes after it, kept exact."""

    def test_a_late_change_to_a_closed_period_moves_every_later_month_end(self, lead):
        opened(nationality="MAR", when=at(2026, 1, 10), by=lead)
        opened(nationality="MAR", when=at(2026, 4, 10), by=lead)
        counted(at(2026, 5, 1))
        assert statistics.caseload(dt.date(2026, 3, 31)).total[1] == 1
        late = opened(nationality="DZA", when=at(2026, 2, 20), by=lead)  # written late, dated in a closed month
        counted(at(2026, 5, 2))
        assert statistics.caseload(dt.date(2026, 2, 19)).total[1] == 1
        assert statistics.caseload(dt.date(2026, 2, 28)).total[1] == 2
        assert statistics.caseload(dt.date(2026, 3, 31)).total[1] == 2
        assert statistics.caseload(dt.date(2026, 4, 30)).total[1] == 3
        closed(late, "residence_permit", by=lead, when=at(2026, 3, 5))
        counted(at(2026, 5, 3))
        assert statistics.caseload(dt.date(2026, 3, 4)).total[1] == 2
        assert statistics.caseload(dt.date(2026, 3, 31)).total[1] == 1
        assert statistics.caseload(dt.date(2026, 12, 31)).total[1] == 2

    def test_a_reopened_case_and_a_team_move_keep_the_month_ends_exact(self, lead, case_officer):
        other_officer = CaseOfficerFactory()
        other_lead = TeamLeadFactory(team=other_officer.team)
        case = assigned(opened(when=at(2026, 1, 2), by=lead), case_officer, by=lead, when=at(2026, 1, 3))
        case = closed(case, "departed_unsupervised", by=lead, when=at(2026, 2, 1))
        counted()
        reopened(case, by=lead, when=at(2026, 4, 15))
        moved_to_team(case, other_officer, by=other_lead, when=at(2026, 6, 1))
        counted()
        team_a, team_b = case_officer.team_id, other_officer.team_id
        assert statistics.caseload(dt.date(2026, 1, 31), team_id=team_a).total[1] == 1
        assert statistics.caseload(dt.date(2026, 3, 31), team_id=team_a).total[1] == 0
        assert statistics.caseload(dt.date(2026, 4, 30), team_id=team_a).total[1] == 1
        assert statistics.caseload(dt.date(2026, 6, 30), team_id=team_a).total[1] == 0
        assert statistics.caseload(dt.date(2026, 6, 30), team_id=team_b).total[1] == 1
        assert statistics.caseload(dt.date(2026, 12, 31)).total[1] == 1

    def test_the_rebuild_keeps_the_same_month_ends(self, lead):
        from reports.models import CaseloadBalance
        from reports.summaries import summaries_rebuild

        opened(nationality="MAR", when=at(2025, 11, 3), by=lead)
        closed(
            opened(nationality="DZA", when=at(2026, 1, 3), by=lead), "residence_permit", by=lead, when=at(2026, 3, 1)
        )
        counted()
        kept = set(CaseloadBalance.objects.values_list("month_end", "key", "team_id", "value"))
        summaries_rebuild(now=at(2027, 1, 5))
        assert set(CaseloadBalance.objects.values_list("month_end", "key", "team_id", "value")) == kept
        assert statistics.caseload(dt.date(2026, 2, 28)).total[1] == 2

    def test_the_python_balances_of_the_demo_database_equal_the_sql_ones(self, lead):
        # make run's SQLite rolls the month ends in Python (summaries.month_end_balances): the same rows as the SQL.
        from reports.models import CaseloadBalance, DailyCount
        from reports.summaries import month_end_balances

        opened(nationality="MAR", when=at(2025, 11, 3), by=lead)
        closed(
            opened(nationality="DZA", when=at(2026, 1, 3), by=lead), "residence_permit", by=lead, when=at(2026, 3, 1)
        )
        counted()
        by_sql = set(CaseloadBalance.objects.values_list("month_end", "key", "team_id", "value"))
        for start in (dt.date.min, dt.date(2026, 2, 1)):
            rows = month_end_balances(CaseloadBalance, DailyCount, start)
            CaseloadBalance.objects.bulk_create(rows)
            assert set(CaseloadBalance.objects.values_list("month_end", "key", "team_id", "value")) == by_sql

    def test_the_figure_reads_as_many_rows_with_a_year_more_of_older_history(self, lead):
        from django.db.models import Max

        from reports.constants import Figure
        from reports.models import CaseloadBalance, DailyCount

        def rows_read(on):
            # The rows `caseload_counts`' statement selects: the last month end's balances and the daily changes
            # after it. (Counted by its conditions, not from EXPLAIN: on a test's few rows the plan, and so the
            # rows a scan touches, depends on the table statistics the tests before left.)
            last = CaseloadBalance.objects.filter(month_end__lte=on).aggregate(last=Max("month_end"))["last"]
            balances = CaseloadBalance.objects.filter(month_end=last).count()
            changes = DailyCount.objects.filter(figure=Figure.CASELOAD, day__lte=on, day__gt=last or dt.date.min)
            return balances + changes.count()

        for month in range(1, 13):
            opened(nationality="MAR", when=at(2026, month, 3), by=lead)
        counted()
        recent = rows_read(dt.date(2026, 12, 20))
        for month in range(1, 13):  # a year of older history, counted late
            opened(nationality="DZA", when=at(2025, month, 3), by=lead)
        counted()
        assert statistics.caseload(dt.date(2026, 12, 20)).total[1] == 24
        # One more nationality at the month end: one row more, not a year of daily changes.
        assert rows_read(dt.date(2026, 12, 20)) == recent + 1
