"""The management: the national dashboard, statistics, KPIs, exports and the annual report, and no personal data.

The world holds cases of two teams with everything the dashboard counts (detentions, this week's removals,
travel-document requests awaiting an answer); the management must see them counted and never a person's name
or V-number, a case number, a case officer's name or a link to a case, a list of cases or a measure.
"""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from cases.models import Case
from dtv.accounts.constants import Role
from dtv.navigation import start_page
from reports import documents
from reports.apps import ReportsConfig
from reports.models import AnnualReport
from reports.tasks import render_annual_report
from tests.factories.accounts import CaseOfficerFactory, ManagementFactory, TeamFactory
from tests.factories.departures import local, planned_removal
from tests.factories.detention import enforcer_for, issued_order
from tests.factories.laissezpasser import moroccan_case, submitted_request

from .streams import at, counted

# Wednesday 21 October 2026, noon: this week runs from Monday 19 to Sunday 25 October.
TODAY = local(2026, 10, 21, 12)
DETAINED_SINCE = local(2026, 10, 1, 10)


def one_of_each(officer, *, since=DETAINED_SINCE):
    """A running detention, a removal this week and an LP request awaiting an answer in the officer's team."""
    detained = moroccan_case(case_officer=officer)
    issued_order(detained, actor=enforcer_for(detained), now=since, hearing_at=since - dt.timedelta(hours=1))
    leaving = moroccan_case(case_officer=officer)
    planned_removal(leaving, now=local(2026, 10, 19, 9), departs_at=local(2026, 10, 23, 10))
    waiting = submitted_request(moroccan_case(case_officer=officer), on=dt.date(2026, 9, 1)).case
    return [detained, leaving, waiting]


@pytest.fixture
def world(db):
    """Two teams' cases: a detention, a removal this week and an LP request awaiting an answer in each."""
    officers = [
        CaseOfficerFactory(team=TeamFactory(code="noord", name="Team Noord"), first_name="Anouk", last_name="Verhoef"),
        CaseOfficerFactory(team=TeamFactory(code="west", name="Team West"), first_name="Bram", last_name="Kuiper"),
    ]
    cases = [case for officer in officers for case in one_of_each(officer)]
    with time_machine.travel(TODAY, tick=False):
        yield {"officers": officers, "cases": cases}


def personal_data(world):
    """What the management must never be shown: surnames, V-numbers, case numbers, case officers' names."""
    shown = set()
    for case in Case.objects.filter(pk__in=[c.pk for c in world["cases"]]).select_related("foreign_national"):
        shown |= {case.foreign_national.surname, case.foreign_national.v_number, f"Zaak {case.pk}", f"Case {case.pk}"}
    for officer in world["officers"]:
        shown |= {officer.first_name, officer.last_name}
    return shown


def found(text, world):
    return sorted(value for value in personal_data(world) if re.search(rf"\b{re.escape(value)}\b", text))


@pytest.fixture
def management(client, world):
    client.force_login(ManagementFactory(first_name="Ilse", last_name="van Dam"))
    return client


def test_the_management_holds_the_national_figures_and_no_permission_of_a_case():
    granted = set(ReportsConfig.role_permissions[Role.MANAGEMENT])
    assert granted == {
        "reports.view_reports",
        "reports.view_national_dashboard",
        "reports.view_annualreport",
        "reports.add_annualreport",
    }


def test_the_day_starts_on_the_national_dashboard_and_the_case_pages_stay_shut(management, world):
    user = management.get(reverse("reports:national_dashboard")).wsgi_request.user
    assert start_page(user) == "reports:national_dashboard"
    case = world["cases"][0]
    for url in (
        reverse("cases:workqueue"),
        reverse("cases:search"),
        reverse("cases:case_detail", args=[case.pk]),
        reverse("reports:dashboard"),
        reverse("detention:legality_list"),
        reverse("departures:this_week"),
    ):
        assert management.get(url).status_code == 403, url


class TestNationalDashboard:
    def test_counts_every_team_and_names_no_person_case_or_officer(self, management, world):
        response = management.get(reverse("reports:national_dashboard"))
        assert response.status_code == 200
        tables = {item["table"].key: item["table"] for item in response.context["sections"]}
        assert set(tables) == {
            "caseload_phase",
            "caseload_team",
            "caseload_nationality",
            "caseload_source",
            "caseload_track",
            "overdue_kind",
            "detention_population",
            "removals_this_week",
            "lp_awaiting",
        }
        assert tables["caseload_team"].rows == [["Team Noord", 3], ["Team West", 3]]
        assert tables["caseload_nationality"].rows == [["Marokko", 6]]
        assert [row[:2] for row in tables["detention_population"].rows] == [["Team Noord", 1], ["Team West", 1]]
        assert tables["removals_this_week"].rows == [["Team Noord", 1, 1], ["Team West", 1, 1]]
        assert tables["lp_awaiting"].rows == [["Marokko", 2, 50]]
        assert found(response.text, world) == []

    def test_links_to_no_case_list_or_measure(self, management, world):
        response = management.get(reverse("reports:national_dashboard"))
        assert all(not link for item in response.context["sections"] for _row, link in item["rows"])
        hrefs = re.findall(r'href="([^"]+)"', response.text)
        for prefix in ("/zaken/", "/werkvoorraad", "/detentie/", "/vertrek/"):
            assert [href for href in hrefs if href.startswith(prefix)] == [], prefix

    def test_every_table_exports_as_csv_and_xlsx_without_personal_data(self, management, world):
        keys = [item["table"].key for item in management.get(reverse("reports:national_dashboard")).context["sections"]]
        for key in keys:
            csv = management.get(reverse("reports:national_dashboard_export", args=[key, "csv"]))
            assert csv.status_code == 200 and found(csv.content.decode("utf-8-sig"), world) == [], key
            xlsx = management.get(reverse("reports:national_dashboard_export", args=[key, "xlsx"]))
            book = load_workbook(io.BytesIO(xlsx.content))
            cells = " ".join(str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None)
            assert found(cells, world) == [], key

    def test_costs_the_same_queries_for_a_larger_caseload_of_the_same_teams(self, management, world):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def queries():
            with CaptureQueriesContext(connection) as captured:
                assert management.get(reverse("reports:national_dashboard")).status_code == 200
            return len(captured)

        before = queries()
        for officer in world["officers"]:
            for _i in range(3):
                one_of_each(officer, since=local(2026, 10, 2, 10))
        assert queries() == before

    def test_the_team_dashboards_tables_are_not_exported_to_it(self, management, world):
        assert management.get(reverse("reports:dashboard_export", args=["caseload_officer", "csv"])).status_code == 403
        unknown = reverse("reports:national_dashboard_export", args=["caseload_officer", "csv"])
        assert management.get(unknown).status_code == 404


class TestStatisticsKpisAndTheAnnualReport:
    def test_reads_the_statistics_and_kpis_and_exports_them_without_personal_data(self, management, world):
        counted(at(2026, 10, 21, 13))
        for page in ("reports:statistics", "reports:kpis"):
            response = management.get(reverse(page), {"jaar": 2026})
            assert response.status_code == 200 and found(response.text, world) == [], page
        for key in ("inflow", "caseload", "laissez_passer", "removals"):
            export = management.get(reverse("reports:statistics_export", args=[key, "csv"]), {"jaar": 2026})
            assert export.status_code == 200 and found(export.content.decode("utf-8-sig"), world) == [], key

    def test_asks_for_the_annual_report_and_its_pdf_names_no_person(self, management, world, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path / "media"
        counted(at(2026, 10, 21, 13))
        user = management.get(reverse("reports:annual_reports")).wsgi_request.user
        report = documents.annual_report_request(year=2026, actor=user, now=TODAY)
        render_annual_report(report_id=report.pk)
        response = management.get(reverse("reports:annual_report_pdf", args=[2026]))
        assert response.status_code == 200
        assert AnnualReport.objects.get(pk=report.pk).render_state == "done"
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
        assert "Stand van de uitvoering 2026" in text
        assert found(text, world) == []


def test_the_check_finds_the_personal_data_the_team_leads_dashboard_shows(client, world):
    # Otherwise "names no person" would hold for a check that finds nothing at all.
    from tests.factories.accounts import TeamLeadFactory

    client.force_login(TeamLeadFactory(team=world["officers"][0].team))
    text = client.get(reverse("reports:dashboard")).text
    assert {"Anouk", "Verhoef"} <= set(found(text, world))
    assert any(value.startswith("Zaak ") for value in found(text, world))
