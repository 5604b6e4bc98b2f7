"""Issue 8 §5: at most 8 SQL queries per list page, session and user included, whatever the number of rows.

Counted as assertNumQueries counts them (BEGIN/COMMIT and savepoints too) on the second request of the
same client, so that nothing the first request caches (a compiled template) is counted. The session is
read from Redis: a query there would show up here. The case file's own limit (≤ 12) is asserted in
test_case_file.py.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.deadlines.engine import deadline_open
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory, ProcedureFactory
from tests.factories.deadlines import DeadlineFactory

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
LIST_PAGE_QUERIES = 8
QUEUE = reverse("cases:workqueue")

pytestmark = pytest.mark.django_db


def queries_of(client, url, params=None):
    """The number of queries of one request (after one unmeasured request), and the response."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured.captured_queries), response


def add_cases(count, *, recorder, **kwargs):
    """`count` open cases with what a row shows: a nationality, a next deadline, now and then a procedure."""
    cases = CaseFactory.create_batch(count, in_progress=True, **kwargs)
    for n, case in enumerate(cases):
        case.foreign_national.nationalities.create(country="SYR" if n % 2 else "ERI", status="claimed")
        deadline_open(case=case, kind="agreed_action", start=dt.date(2026, 12, 1 + n % 20), actor=recorder, now=NOW)
        if n % 5 == 0:
            ProcedureFactory(case=case, recorded_by=recorder)
    return cases


def rows(response, name="cases"):
    return len(response.context[name])


class TestWorkQueue:
    @pytest.mark.parametrize("view", ["mijn", "team", "intake"])
    def test_the_first_page_takes_at_most_8_queries_with_2_or_50_rows(self, client, team_lead, case_officer, view):
        owner = {"case_officer": None, "team": None} if view == "intake" else {"case_officer": case_officer}
        user = case_officer if view == "mijn" else team_lead
        client.force_login(user)
        add_cases(2, recorder=user, **owner)
        few, response = queries_of(client, QUEUE, {"weergave": view})
        assert rows(response) == 2
        add_cases(55, recorder=user, **owner)
        many, response = queries_of(client, QUEUE, {"weergave": view})
        assert rows(response) == 50
        assert many == few <= LIST_PAGE_QUERIES

    def test_a_deep_keyset_page_takes_as_many_queries_as_the_first(self, client, team_lead, case_officer):
        client.force_login(team_lead)
        add_cases(51, recorder=case_officer, case_officer=case_officer)
        first, response = queries_of(client, QUEUE, {"weergave": "team"})
        cursor = response.context["page"].next_cursor
        deep_few, response = queries_of(client, QUEUE, {"weergave": "team", "pagina": cursor})
        assert rows(response) == 1
        add_cases(60, recorder=case_officer, case_officer=case_officer)
        _count, response = queries_of(client, QUEUE, {"weergave": "team"})
        cursor = response.context["page"].next_cursor
        deep_many, response = queries_of(client, QUEUE, {"weergave": "team", "pagina": cursor})
        assert rows(response) == 50
        assert deep_few == deep_many == first <= LIST_PAGE_QUERIES

    def test_a_filtered_team_queue_stays_within_8_queries(self, client, team_lead, case_officer):
        # The officer filter validates against the officers the page loaded once (no query of its own).
        client.force_login(team_lead)
        add_cases(3, recorder=case_officer, case_officer=case_officer)
        add_cases(3, recorder=case_officer, case_officer=CaseOfficerFactory(team=team_lead.team))
        count, response = queries_of(client, QUEUE, {"weergave": "team", "regievoerder": case_officer.pk})
        assert rows(response) == 3
        assert count <= LIST_PAGE_QUERIES


class TestOtherLists:
    def test_search_takes_at_most_8_queries_with_2_or_40_results(self, client, case_officer):
        client.force_login(case_officer)

        def add(count):
            for _ in range(count):
                person = ForeignNationalFactory(surname="Jansen")
                add_cases(1, recorder=case_officer, case_officer=case_officer, foreign_national=person)

        add(2)
        few, response = queries_of(client, reverse("cases:search"), {"name": "jans"})
        assert rows(response, "results") == 2
        add(38)
        many, response = queries_of(client, reverse("cases:search"), {"name": "jans"})
        assert rows(response, "results") == 40
        assert many == few <= LIST_PAGE_QUERIES

    def test_the_overdue_list_takes_at_most_8_queries_with_1_or_12_rows(self, client, team_lead, case_officer):
        client.force_login(team_lead)
        DeadlineFactory(overdue=True, case__case_officer=case_officer)
        few, response = queries_of(client, reverse("cases:overdue"))
        assert len(response.context["page"].rows) == 1
        for _ in range(11):
            DeadlineFactory(overdue=True, case__case_officer=case_officer)
        many, response = queries_of(client, reverse("cases:overdue"))
        assert len(response.context["page"].rows) == 12
        assert many == few <= LIST_PAGE_QUERIES

    def test_the_notifications_take_at_most_8_queries_with_1_or_12_rows(self, client, case_officer):
        client.force_login(case_officer)
        DeadlineFactory(overdue=True, case__case_officer=case_officer)
        few, response = queries_of(client, reverse("cases:notifications"))
        shown = len(response.context["page"].rows)
        assert shown >= 1
        for _ in range(11):
            DeadlineFactory(overdue=True, case__case_officer=case_officer)
        many, response = queries_of(client, reverse("cases:notifications"))
        assert len(response.context["page"].rows) == 12 * shown
        assert many == few <= LIST_PAGE_QUERIES
