"""The team lead's figures in the browser: the dashboard, a figure followed to the work queue with its filter, the
statistics of a year, the KPIs, a table downloaded as CSV and the annual report asked for; axe-core on every page."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from detention.models import Measure
from tests.browser.conftest import log_in
from tests.factories.cases import CaseFactory
from tests.factories.departures import planned_removal
from tests.factories.detention import enforcer_for, issued_order
from tests.factories.laissezpasser import moroccan_case
from tests.reports.streams import at, closed, counted, opened

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _team_with_figures(case_officer, team_lead):
    now = timezone.now()
    police = CaseFactory.create_batch(2, case_officer=case_officer, source="police")
    CaseFactory(case_officer=case_officer, source="ind")
    CaseFactory(source="police")  # another team's: not on this dashboard nor in its queue
    detained = moroccan_case(case_officer=case_officer)
    issued_order(detained, actor=enforcer_for(detained), now=now, hearing_at=now - dt.timedelta(hours=1))
    # Departing within the hour: this week's removals (whatever day the test runs on, but a Sunday's last hour).
    planned_removal(moroccan_case(case_officer=case_officer), now=now, departs_at=now + dt.timedelta(hours=1))
    # 2026's statistics: three handovers of the police, one departed forced.
    for n in range(3):
        case = opened(source="police", when=at(2026, 4, 1), by=team_lead)
        if n == 0:
            closed(case, "departed_forced", by=team_lead, when=at(2026, 6, 1))
    counted(now)
    return police


def test_the_team_lead_steers_on_the_dashboard_and_exports_the_years_figures(
    page, axe, case_officer, team_lead, password
):
    police = _team_with_figures(case_officer, team_lead)
    assert Measure.objects.filter(case__team=team_lead.team, kind="detention").exists()

    log_in(page, team_lead, password)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teamdashboard")
    expect(page.locator("#detention_population-heading")).to_be_visible()
    expect(page.locator("#removals_this_week-heading")).to_be_visible()
    axe(page)

    # A figure followed to its list: the open cases of the police are the work queue filtered on that source.
    figure = page.get_by_role("table", name="Open zaken per bron")
    figure.get_by_role("link", name="Politie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload van het team")
    assert "bron=police" in page.url
    for case in police:
        expect(page.get_by_role("link", name=case.foreign_national.v_number)).to_be_visible()
    axe(page)

    page.go_back()
    page.get_by_role("link", name="Statistieken per periode").click()
    page.get_by_label("Jaar").fill("2026")
    page.get_by_role("button", name="Toon").click()
    inflow = page.get_by_role("table", name="Instroom per bron")
    expect(inflow.get_by_role("row", name="Politie")).to_contain_text("3")
    axe(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Instroom per bron als CSV").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert any(row[:2] == ["Politie", "3"] for row in rows), rows

    page.get_by_role("link", name="KPI's tegen hun normen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("KPI's tegen hun normen")
    axe(page)

    page.go_back()
    page.get_by_role("link", name="Jaarverslag: Stand van de uitvoering").click()
    page.get_by_label("Jaar", exact=True).fill("2026")
    page.get_by_role("button", name="Jaarverslag maken").click()
    expect(page.get_by_test_id("annual-status")).to_be_visible()
    axe(page)
