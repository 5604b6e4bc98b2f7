"""The dashboard's detention population with its legality warnings and the removals of this week with their checks."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from detention.models import Measure
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.departures import local, planned_removal
from tests.factories.detention import enforcer_for, issued_order
from tests.factories.laissezpasser import issued_request, moroccan_case

# Wednesday 21 October 2026, noon: this week runs from Monday 19 to Sunday 25 October.
TODAY = local(2026, 10, 21, 12)


# The pages speak Dutch (the figures' labels are asserted as the team lead reads them).


def tables(response):
    return {item["table"].key: item for item in response.context["sections"]}


def detained(case_officer, *, since):
    case = moroccan_case(case_officer=case_officer)
    order = issued_order(case, actor=enforcer_for(case), now=since, hearing_at=since - dt.timedelta(hours=1))
    return Measure.objects.get(order=order)


def removal_this_week(case_officer, *, ready):
    case = moroccan_case(case_officer=case_officer)
    if ready:
        issued_request(case, issued_on=dt.date(2026, 10, 1), valid_until=dt.date(2026, 12, 31), now=local(2026, 10, 5))
    return planned_removal(case, now=local(2026, 10, 19, 9), departs_at=local(2026, 10, 23, 10))


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


class TestDetentionPopulation:
    def test_lists_the_teams_running_detentions_warnings_first_linked_to_each_measure(
        self, frozen, client, team_lead, case_officer, settings
    ):
        settings.DETENTION_NO_REMOVAL_ACT_WARNING_DAYS = 14
        recent = detained(case_officer, since=local(2026, 10, 19, 10))
        long_ago = detained(case_officer, since=local(2026, 9, 1, 10))  # 50 days, no act towards removal since
        detained(CaseOfficerFactory(), since=local(2026, 10, 1, 10))  # another team
        client.force_login(team_lead)
        figure = tables(client.get(reverse("reports:dashboard")))["detention_population"]
        assert [link for _row, link in figure["rows"]] == [
            reverse("detention:measure_detail", args=[long_ago.pk]),
            reverse("detention:measure_detail", args=[recent.pk]),
        ]
        (warned, _link), (fresh, _link2) = figure["rows"]
        assert warned[1] == 51 and warned[-1] == "ja"  # the day of arrest counts (art. 59 lid 5-6 Vw 2000)
        assert fresh[1] == 3 and fresh[-1] == "nee"
        assert figure["table"].total[-1] == "1 met een waarschuwing"


class TestRemovalsThisWeek:
    def test_lists_this_weeks_removals_with_the_checks_not_met(self, frozen, client, team_lead, case_officer):
        ready = removal_this_week(case_officer, ready=True)
        missing_document = removal_this_week(case_officer, ready=False)
        planned_removal(moroccan_case(case_officer=case_officer), now=local(2026, 10, 19, 9))  # next week
        client.force_login(team_lead)
        figure = tables(client.get(reverse("reports:dashboard")))["removals_this_week"]
        by_link = {link: row for row, link in figure["rows"]}
        assert set(by_link) == {
            reverse("departures:removal_detail", args=[ready.pk]),
            reverse("departures:removal_detail", args=[missing_document.pk]),
        }
        assert by_link[reverse("departures:removal_detail", args=[ready.pk])][3:] == [0, "gereed"]
        not_ready = by_link[reverse("departures:removal_detail", args=[missing_document.pk])]
        assert not_ready[3] == 1 and "reisdocument" in not_ready[4]
        assert figure["table"].total[-1] == "1 niet gereed"


def test_the_dashboard_costs_the_same_queries_with_more_detentions_and_removals(
    frozen, client, team_lead, case_officer, django_assert_num_queries
):
    detained(case_officer, since=local(2026, 10, 19, 10))
    removal_this_week(case_officer, ready=True)
    client.force_login(team_lead)
    client.get(reverse("reports:dashboard"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reports:dashboard"))
    for _i in range(3):
        detained(case_officer, since=local(2026, 10, 1, 10))
        removal_this_week(case_officer, ready=False)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("reports:dashboard"))


# The user; the caseload tables (one statement: cases, closed count, live deadlines, case officers, nationalities);
# the running detentions and their legality facts (one statement); this week's removals and their checklists (one
# statement); the LP requests waiting longest; the unread notifications of the menu. The session is in Redis.
DASHBOARD_QUERIES = 8


def test_the_dashboard_reads_in_eight_queries_however_many_rows(frozen, client, team_lead, case_officer):
    from tests.factories.deadlines import DeadlineFactory
    from tests.factories.laissezpasser import submitted_request

    detained(case_officer, since=local(2026, 10, 19, 10))
    removal_this_week(case_officer, ready=True)
    client.force_login(team_lead)
    client.get(reverse("reports:dashboard"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reports:dashboard"))
    assert len(few.captured_queries) == DASHBOARD_QUERIES
    colleague = CaseOfficerFactory(team=case_officer.team)
    for officer in (case_officer, colleague):
        detained(officer, since=local(2026, 9, 1, 10))
        removal_this_week(officer, ready=False)
        submitted_request(moroccan_case(case_officer=officer), on=dt.date(2026, 8, 1))
        DeadlineFactory(case=moroccan_case(case_officer=officer), overdue=True)
    # A removal on another day of the week: its checklist is read on its own flight date, in the same statement.
    planned_removal(
        moroccan_case(case_officer=colleague), now=local(2026, 10, 19, 9), departs_at=local(2026, 10, 25, 10)
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("reports:dashboard"))
    assert len(many.captured_queries) == DASHBOARD_QUERIES
    shown = tables(response)
    assert len(shown["removals_this_week"]["rows"]) == 4
    assert len(shown["detention_population"]["rows"]) == 3
