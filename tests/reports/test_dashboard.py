"""The team lead's dashboard: the team's caseload now, every figure linked to its list, in constant queries."""

import datetime as dt

from django.urls import reverse

from cases.constants import NationalityStatus
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.api import NationalityFactory
from tests.factories.cases import CaseFactory
from tests.factories.deadlines import DeadlineFactory
from tests.factories.laissezpasser import moroccan_case, submitted_request


def tables(response):
    return {item["table"].key: item for item in response.context["sections"]}


def test_team_lead_sees_the_caseload_of_the_team_by_phase(client, team_lead, case_officer):
    CaseFactory.create_batch(2, case_officer=case_officer)
    CaseFactory(case_officer=case_officer, closed=True)
    CaseFactory()  # another team
    client.force_login(team_lead)
    rows = client.get(reverse("reports:dashboard")).context["rows"]
    assert {row["phase"]: row["count"] for row in rows} == {
        "Intake": 2,
        "In behandeling": 0,
        "Vertrek in voorbereiding": 0,
        "Afgesloten": 1,
    }


def test_case_officer_has_no_dashboard(client, case_officer):
    client.force_login(case_officer)
    assert client.get(reverse("reports:dashboard")).status_code == 403


def _team_with_work(case_officer):
    colleague = CaseOfficerFactory(team=case_officer.team, first_name="Pieter", last_name="Bakker")
    mine = CaseFactory.create_batch(3, case_officer=case_officer, source="police", track="dublin")
    CaseFactory(case_officer=colleague, source="ind", in_progress=True)
    CaseFactory(case_officer=None, team=case_officer.team, source="kmar")
    for case in mine[:2]:
        NationalityFactory(foreign_national=case.foreign_national, country="DZA", status=NationalityStatus.CLAIMED)
    DeadlineFactory(case=mine[0])
    DeadlineFactory(case=mine[1], overdue=True)
    DeadlineFactory(case=mine[2], overdue=True)
    return colleague, mine


class TestDashboard:
    def test_shows_caseload_by_officer_with_open_and_overdue_deadlines(self, client, team_lead, case_officer):
        colleague, _mine = _team_with_work(case_officer)
        client.force_login(team_lead)
        officers = tables(client.get(reverse("reports:dashboard")))["caseload_officer"]
        by_name = {row[0]: row[1:] for row, _link in officers["rows"]}
        assert by_name["Pieter Bakker"] == [1, 0, 0]
        assert by_name["Sanne de Vries"] == [3, 3, 2]
        assert officers["rows"][-1] == ([officers["rows"][-1][0][0], 1, 0, 0], "")  # the cases without an officer
        links = {row[0]: link for row, link in officers["rows"]}
        assert links["Sanne de Vries"] == f"/werkvoorraad/?weergave=team&regievoerder={case_officer.pk}"

    def test_every_figure_links_to_the_work_queue_with_that_filter(self, client, team_lead, case_officer):
        _team_with_work(case_officer)
        client.force_login(team_lead)
        shown = tables(client.get(reverse("reports:dashboard")))
        source_links = {row[0]: link for row, link in shown["caseload_source"]["rows"]}
        assert source_links["Politie (AVIM)"] == "/werkvoorraad/?weergave=team&bron=police"
        nationality = [(row, link) for row, link in shown["caseload_nationality"]["rows"]]
        assert nationality == [(["Algerije", 2], "/werkvoorraad/?weergave=team&nationaliteit=DZA")]
        tracks = {row[0]: (row[1], link) for row, link in shown["caseload_track"]["rows"]}
        assert tracks["Dublinclaimant"] == (3, "/werkvoorraad/?weergave=team&spoor=dublin")
        assert shown["overdue_kind"]["rows"][0][0][1] == 2
        assert shown["overdue_kind"]["rows"][0][1] == "/werkvoorraad/?weergave=team&kenmerk=overdue"

    def test_a_figure_followed_to_its_list_finds_the_same_cases(self, client, team_lead, case_officer):
        _team_with_work(case_officer)
        client.force_login(team_lead)
        link = {
            row[0]: link for row, link in tables(client.get(reverse("reports:dashboard")))["caseload_source"]["rows"]
        }
        assert client.get(link["Politie (AVIM)"]).context["total"] == 3

    def test_lists_the_lp_requests_waiting_longest(self, client, team_lead, case_officer):
        older = submitted_request(moroccan_case(case_officer=case_officer), on=dt.date(2026, 8, 1))
        newer = submitted_request(moroccan_case(case_officer=case_officer), on=dt.date(2026, 9, 1))
        submitted_request(moroccan_case(), on=dt.date(2026, 7, 1))  # another team
        client.force_login(team_lead)
        waiting = tables(client.get(reverse("reports:dashboard")))["lp_waiting"]["rows"]
        assert [link for _row, link in waiting] == [f"/zaken/{older.case_id}/", f"/zaken/{newer.case_id}/"]

    def test_draws_each_chart_as_svg_with_its_table(self, client, team_lead, case_officer):
        _team_with_work(case_officer)
        client.force_login(team_lead)
        html = client.get(reverse("reports:dashboard")).content.decode()
        assert html.count('<svg class="regie-chart" role="img"') >= 5
        assert '<title id="chart-caseload_source-title">' in html
        assert html.count("<table") == html.count("<caption")

    def test_costs_the_same_queries_for_a_small_and_a_large_team(
        self, client, team_lead, case_officer, django_assert_num_queries
    ):
        client.force_login(team_lead)
        client.get(reverse("reports:dashboard"))
        with django_assert_num_queries(6) as small:  # the running detentions and this week's removals too
            client.get(reverse("reports:dashboard"))
        _team_with_work(case_officer)
        for _i in range(3):
            submitted_request(
                moroccan_case(case_officer=CaseOfficerFactory(team=case_officer.team)), on=dt.date(2026, 8, 1)
            )
        with django_assert_num_queries(len(small.captured_queries)):
            client.get(reverse("reports:dashboard"))


def test_a_person_whose_earlier_case_closed_counts_by_nationality_with_the_open_case(client, team_lead, case_officer):
    # Regression: the table left out every person who also had a closed case, which the list behind it lists.
    earlier = CaseFactory(case_officer=case_officer, closed=True)
    NationalityFactory(foreign_national=earlier.foreign_national, country="DZA", status=NationalityStatus.CLAIMED)
    CaseFactory(case_officer=case_officer, foreign_national=earlier.foreign_national, previous_case=earlier)
    client.force_login(team_lead)
    nationality = tables(client.get(reverse("reports:dashboard")))["caseload_nationality"]["rows"]
    assert nationality == [(["Algerije", 1], "/werkvoorraad/?weergave=team&nationaliteit=DZA")]
    assert client.get(nationality[0][1]).context["total"] == 1


def test_reports_grants_the_statistics_to_team_leads_and_its_reference_data_to_functional_admins():
    from dtv.accounts.constants import Role
    from dtv.accounts.roles import role_permissions

    grants = role_permissions()
    assert {p for p in grants[Role.TEAM_LEAD] if p.startswith("reports.")} == {
        "reports.view_reports",
        "reports.view_annualreport",
        "reports.add_annualreport",
    }
    assert {p for p in grants[Role.FUNCTIONAL_ADMIN] if p.startswith("reports.")} == {
        "reports.view_target",
        "reports.add_target",
        "reports.change_target",
        "reports.view_complaint",
        "reports.add_complaint",
        "reports.change_complaint",
    }
    assert not any(p.startswith("reports.") for role in (Role.CASE_OFFICER, Role.CHAIN_PARTNER) for p in grants[role])
