"""The national month totals (`MonthlyCount`) the statistics of a period read: always the sum of the daily counts."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import statistics
from reports.constants import Figure
from reports.models import DailyCount, MonthlyCount
from reports.statistics import Period, PeriodCounts
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory

from .streams import assigned, at, closed, counted, moved_to_team, opened, reopened


def month_totals():
    return sorted(MonthlyCount.objects.values_list("figure", "month", "key", "key2", "value"))


def daily_month_totals():
    """What the month totals must be: the daily rows of every team summed per month (zero sums left out)."""
    totals = {}
    for figure, day, key, key2, value in DailyCount.objects.values_list("figure", "day", "key", "key2", "value"):
        name = (figure, day.replace(day=1), key, key2)
        totals[name] = totals.get(name, 0) + value
    return sorted((figure, month, key, key2, value) for (figure, month, key, key2), value in totals.items() if value)


def daily_sum(figure, period, by=("key",)):
    """The figure's national count over the period straight from the daily rows (the definition)."""
    rows = DailyCount.objects.filter(figure=figure, day__gte=period.starts_on, day__lt=period.ends_on)
    return {
        tuple(row[name] for name in by) if len(by) > 1 else row[by[0]]: row["n"]
        for row in rows.values(*by).annotate(n=Sum("value")).order_by()
    }


@pytest.fixture
def history(team_lead, case_officer):
    """Two teams' events over fifteen months: openings, closures, a reopening and a move between teams."""
    other_officer = CaseOfficerFactory()
    other_lead = TeamLeadFactory(team=other_officer.team)
    for month in range(1, 13):
        opened(source="ind" if month % 2 else "police", when=at(2026, month, 2), by=team_lead)
        opened(source="kmar", when=at(2026, month, 28), by=other_lead)
    case = assigned(opened(when=at(2025, 11, 3), by=team_lead), case_officer, by=team_lead, when=at(2025, 11, 4))
    case = closed(case, "departed_forced", by=team_lead, when=at(2026, 1, 31, 23))  # 31 January, Amsterdam
    reopened(case, by=team_lead, when=at(2026, 2, 1, 0))
    moved_to_team(case, other_officer, by=other_lead, when=at(2026, 3, 15))
    closed(case, "departed_independently", by=other_lead, when=at(2026, 3, 16), destination="dublin_state")
    counted()
    return case


class TestMonthTotals:
    def test_are_the_daily_counts_of_every_team_summed_per_month(self, history):
        assert month_totals() == daily_month_totals()
        assert MonthlyCount.objects.get(figure=Figure.INFLOW, month=dt.date(2026, 3, 1), key="kmar").value == 1

    def test_a_later_run_adds_to_the_month_it_counts_in(self, history, team_lead):
        opened(source="kmar", when=at(2026, 3, 20), by=team_lead)  # written late, dated in March
        counted(at(2027, 1, 6))
        assert MonthlyCount.objects.get(figure=Figure.INFLOW, month=dt.date(2026, 3, 1), key="kmar").value == 2
        assert month_totals() == daily_month_totals()

    def test_the_rebuild_counts_the_same_month_totals(self, history):
        from reports.summaries import summaries_rebuild

        before = month_totals()
        summaries_rebuild(now=at(2027, 1, 6))
        assert month_totals() == before == daily_month_totals()


class TestPeriodCounts:
    @pytest.mark.parametrize(
        "period",
        [
            Period.year(2026),  # twelve whole months
            Period(dt.date(2026, 1, 15), dt.date(2026, 4, 10)),  # part of January, February and March, part of April
            Period(dt.date(2026, 1, 31), dt.date(2026, 2, 2)),  # no whole month
            Period(dt.date(2026, 3, 1), dt.date(2026, 3, 16)),  # the first days of a month
            Period(dt.date(2026, 2, 1), dt.date(2026, 4, 1)),  # two whole months
            Period(dt.date(2025, 11, 3), dt.date(2025, 11, 4)),  # one day
        ],
        ids=str,
    )
    def test_give_what_the_daily_rows_give_for_any_period(self, history, period):
        counts = PeriodCounts(period, statistics.PERIOD_FIGURES)
        for figure in (Figure.INFLOW, Figure.OUTFLOW, Figure.DURATION):
            assert counts.get(figure) == daily_sum(figure, period)
        assert counts.get(Figure.OUTFLOW, ("key", "key2")) == daily_sum(Figure.OUTFLOW, period, ("key", "key2"))

    def test_a_figure_not_fetched_is_refused(self, history):
        with pytest.raises(KeyError):
            PeriodCounts(Period.year(2026), [Figure.INFLOW]).get(Figure.OUTFLOW)


def test_the_statistics_page_reads_every_period_figure_in_one_statement(client, team_lead, history):
    client.force_login(team_lead)
    client.get(reverse("reports:statistics"), {"jaar": 2026})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("reports:statistics"), {"jaar": 2026})
    # Every figure of the year from its month totals, in one statement; the caseload on its last day in another.
    assert sum("reports_monthlycount" in q["sql"] for q in captured.captured_queries) == 1
    assert sum("reports_caseloadbalance" in q["sql"] for q in captured.captured_queries) == 1
    # No daily row of the year is read but the caseload's changes after its last month end.
    assert sum("reports_dailycount" in q["sql"] for q in captured.captured_queries) == 1
    # user, the period's figures, the caseload, the watermarks, the unread notifications
    assert len(captured.captured_queries) == 5
    shown = {item["table"].key: item["table"] for item in response.context["sections"]}
    assert shown["inflow"].total[1] == 24
