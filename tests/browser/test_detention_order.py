"""An enforcement officer drafts a detention order, is told what is missing, completes and issues it, downloads the
PDF (access-logged); the case file and the legality list show the clocks — every page checked by axe-core."""

import pytest
from playwright.sync_api import expect

from cases.models import AccessLogEntry
from detention.models import DetentionOrder
from dtv.celery import app
from tests.browser.conftest import log_in
from tests.factories.accounts import EnforcementOfficerFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _pdf_rendered_in_process(settings, tmp_path):
    # The live server issues the order; the PDF task then runs in that thread, as a worker would run it.
    settings.MEDIA_ROOT = tmp_path / "media"
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def test_enforcement_officer_drafts_is_told_what_is_missing_issues_and_downloads_art_59_vw(
    page, axe, case_officer, password
):
    case = CaseFactory(
        case_officer=case_officer,
        in_progress=True,
        foreign_national=ForeignNationalFactory(surname="El Idrissi", given_names="Youssef"),
    )
    enforcer = EnforcementOfficerFactory(team=case_officer.team, first_name="Joris", last_name="Bakker")
    log_in(page, enforcer, password)
    page.goto(f"/zaken/{case.pk}/")
    page.get_by_role("link", name="Maatregel van bewaring opstellen").click()
    axe(page)
    page.get_by_role("button", name="Concept starten").click()
    expect(page.get_by_test_id("missing-parts")).to_contain_text("Leg een actuele non-refoulementtoets vast.")
    axe(page)

    page.get_by_role("button", name="Maatregel uitreiken").click()
    expect(page.get_by_test_id("missing-parts")).to_contain_text("Het besluit kan niet worden uitgereikt")
    expect(page.get_by_test_id("missing-parts")).to_contain_text("Vermeld de wettelijke grondslag")
    axe(page)

    page.get_by_label("Wettelijke grondslag").select_option(label="Art. 59 Vw 2000 (uitzetting)")
    page.get_by_label("Plaats van bewaring").select_option(label="Detentiecentrum")
    page.get_by_label("Heeft zich eerder aan het toezicht onttrokken (3b)", exact=True).check()
    page.get_by_label("Feiten en omstandigheden: Heeft zich eerder aan het toezicht onttrokken (3b)").fill(
        "Vertrok op 2 mei 2026 met onbekende bestemming uit de VBL Ter Apel."
    )
    page.get_by_label("Heeft geen vaste woon- of verblijfplaats (4c)", exact=True).check()
    page.get_by_label("Feiten en omstandigheden: Heeft geen vaste woon- of verblijfplaats (4c)").fill(
        "Sliep laatst bij wisselende kennissen."
    )
    for measure, reason in (
        ("Meldplicht", "Meldde zich drie keer niet."),
        ("Borgsom", "Geen middelen."),
        ("Vrijheidsbeperkende locatie (VBL)", "Onttrok zich eerder aan de VBL."),
        ("Gezinslocatie", "Geen gezin."),
    ):
        page.get_by_label(f"Waarom deze niet volstaat: {measure}").fill(reason)
    page.get_by_label("Zicht op uitzetting: onderbouwing").fill("Marokko bevestigde de nationaliteit.")
    page.get_by_label("Vlucht geboekt voor").fill("10-12-2026")
    page.get_by_label("Non-refoulementtoets").fill("Geen reëel risico op schending van art. 3 EVRM.")
    page.get_by_label("Gehoord op").fill("23-11-2026 09:00")
    page.get_by_label("Tolk (naam en taal)").fill("M. Haddad, Arabisch")
    page.get_by_label("Advocaat bij het gehoor").select_option(label="Er was een advocaat aanwezig")
    page.get_by_label("Beoordeling van kwetsbaarheid").fill("Geen bijzondere kwetsbaarheid.")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_test_id("order-complete")).to_be_visible()
    axe(page)

    page.get_by_role("button", name="Maatregel uitreiken").click()
    expect(page.get_by_test_id("order-state")).to_have_text("Uitgereikt")
    expect(page.get_by_test_id("pdf-link")).to_be_visible()
    axe(page)
    order = DetentionOrder.objects.get(case=case)
    logged = AccessLogEntry.objects.filter(case=case, activity="supervision_detention").count()
    with page.expect_download() as download:
        page.get_by_test_id("pdf-link").click()
    assert download.value.suggested_filename == f"bewaring-{order.pk}-v1.pdf"
    assert AccessLogEntry.objects.filter(case=case, activity="supervision_detention").count() == logged + 1

    page.goto(f"/zaken/{case.pk}/")
    panel = page.locator("#bewaring")
    expect(panel).to_contain_text("Zes maanden (art. 59 lid 5 Vw 2000)")
    expect(panel).to_contain_text("Dag 28: kennisgeving aan de rechtbank (art. 94 Vw 2000)")
    axe(page)

    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Bewaringen").click()
    expect(page.get_by_test_id("legality-row")).to_contain_text("El Idrissi")
    axe(page)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Mijn bewaringswerk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn bewaringswerk")
    axe(page)
