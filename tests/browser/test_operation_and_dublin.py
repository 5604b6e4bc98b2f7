"""In the browser: a charter's manifest page (the organising team lead's whole list, the PDF for KMar) and a case's
Dublin page (a request recorded, its tacit acceptance through htmx); every page checked by axe-core."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from departures import documents, operations
from tests.browser.conftest import log_in
from tests.factories.accounts import TeamLeadFactory
from tests.factories.departures import approved_forced_plan, complete_file
from tests.factories.laissezpasser import issued_request, moroccan_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ready_case(now):
    case = moroccan_case()
    today = timezone.localdate(now)
    issued_request(case, issued_on=today - dt.timedelta(days=5), valid_until=today + dt.timedelta(days=60), now=now)
    approved_forced_plan(case, now=now)
    complete_file(case, now=now)
    return case


def test_the_manifest_page_and_its_pdf_for_kmar(page, axe, password):
    now = timezone.now().replace(second=0, microsecond=0)
    lead = TeamLeadFactory()
    charter = operations.operation_create(
        actor=lead, now=now, kind="charter", reference="CHARTER-BROWSER", carrier="Privilege Style",
        flight_number="PVG4301", departure_airport="Rotterdam The Hague Airport",
        departs_at=now + dt.timedelta(days=5), destination_country="MAR", seats=40, kmar_escorts=20,
    )  # fmt: skip
    people = []
    for seat in ("1A", "1B"):
        case = _ready_case(now)
        operations.operation_case_add(operation=charter, case=case, actor=case.case_officer, now=now, seat=seat)
        people.append(case.foreign_national)

    log_in(page, lead, password)
    page.goto("/vertrek/operaties/")
    expect(page.get_by_role("link", name="CHARTER-BROWSER")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="CHARTER-BROWSER").click()
    rows = page.get_by_test_id("manifest-row")
    expect(rows).to_have_count(2)
    for person in people:
        expect(page.get_by_test_id("manifest")).to_contain_text(person.v_number)
    expect(page.get_by_test_id("manifest-ready")).to_contain_text("0 van 2")  # nobody told of the flight yet
    axe(page)
    page.get_by_role("button", name="Pdf van het manifest voor de KMar maken").click()
    expect(page.get_by_test_id("pdf-status")).to_contain_text("wordt gemaakt")
    axe(page)
    # The worker's part, run here: the page then offers the download.
    documents.manifest_pdf_render(operation_id=charter.pk, now=timezone.now())
    page.reload()
    expect(page.get_by_test_id("pdf-link")).to_be_visible()
    axe(page)


def test_the_dublin_page_records_a_request_and_its_tacit_acceptance(page, axe, password):
    now = timezone.now()
    today = timezone.localdate(now)
    case = moroccan_case()
    log_in(page, case.case_officer, password)
    page.goto(f"/vertrek/dossier/{case.pk}/dublin/")
    expect(page.get_by_text("Geen Dublinverzoeken.")).to_be_visible()
    axe(page)
    form = page.get_by_test_id("dublin-new")
    form.locator("[name='claim-kind']").select_option("take_back")
    form.locator("[name='claim-member_state']").fill("ESP")
    form.locator("[name='claim-registered_on']").fill((today - dt.timedelta(days=30)).strftime("%d-%m-%Y"))
    form.locator("[name='claim-requested_on']").fill((today - dt.timedelta(days=20)).strftime("%d-%m-%Y"))
    form.get_by_role("button", name="Verzoek vastleggen").click()
    claim = page.get_by_test_id("dublin-claim")
    expect(claim).to_contain_text("Nog geen antwoord")
    expect(page.get_by_test_id("dublin-tacit")).to_contain_text("geldt het verzoek als aanvaard")
    axe(page)
    page.locator("summary:has-text('Stilzwijgende aanvaarding vastleggen')").click()
    claim.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_test_id("dublin-answer")).to_contain_text("stilzwijgend", ignore_case=True)
    expect(page.get_by_test_id("dublin-transfer-until")).to_contain_text("Vo. (EU) 2024/1351")
    expect(page.get_by_test_id("dublin-inform")).to_be_visible()
    axe(page)
