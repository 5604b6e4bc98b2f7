"""Deadlines in the browser: a departure term with its explanation (art. 62 Vw 2000), the sweep's notifications,
"overdue in my team", and the other pages a case officer reaches — each checked by axe-core."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.deadlines.sweep import deadlines_sweep
from cases.models import Deadline
from tests.browser.conftest import log_in
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_departure_term_explained_then_swept_into_notifications_and_the_overdue_list_art_62_vw(
    page, axe, case_officer, team_lead, password
):
    case = CaseFactory(
        case_officer=case_officer,
        in_progress=True,
        foreign_national=ForeignNationalFactory(surname="Öztürk", given_names="Ayşe"),
    )
    log_in(page, case_officer, password)
    page.goto(f"/zaken/{case.pk}/")
    page.get_by_role("link", name="Vertrektermijn van een terugkeerbesluit vastleggen").click()
    axe(page)
    # 2 March 2026 + 28 days = Monday 30 March 2026 (no Atw shift needed).
    page.get_by_label("Het besluit gaat in op").fill("02-03-2026")
    page.get_by_role("button", name="Vastleggen").click()
    deadlines = page.locator("#termijnen")
    expect(deadlines).to_contain_text("28 dagen na 2 maart 2026 = 30 maart 2026")
    expect(deadlines).to_contain_text("art. 62 Vw 2000")
    axe(page)

    # The term has long expired: the sweep tells the officer, makes a work item, and escalates.
    deadlines_sweep(now=timezone.now())
    assert Deadline.objects.get(case=case).status == "overdue"
    page.reload()
    expect(page.locator("#taken")).to_contain_text(
        "Vertrektermijn verstreken: opvang vervalt; gedwongen vertrek beoordelen"
    )
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Meldingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    expect(page.get_by_role("main")).to_contain_text("Öztürk, Ayşe")
    axe(page)

    # Search finds her without accents; the change history and intake pages are accessible too.
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Zoeken").click()
    page.get_by_label("Naam").fill("ayse ozturk")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("table")).to_contain_text(case.foreign_national.v_number)
    axe(page)
    page.goto(f"/zaken/{case.pk}/wijzigingen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wijzigingshistorie")
    axe(page)
    page.goto(f"/zaken/{case.pk}/documenten/nieuw/")
    axe(page)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Registreren").click()
    axe(page)
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, team_lead, password)
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Verstreken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verstreken termijnen in mijn team")
    expect(page.get_by_role("table")).to_contain_text("Öztürk")
    expect(page.get_by_role("table")).to_contain_text("dagen verstreken")
    axe(page)

    # Marking the statutory term met asks first, and asks what was done.
    page.get_by_role("table").get_by_role("link", name="Öztürk").click()
    page.locator("#termijnen").get_by_role("link", name="Markeren als voldaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Markeren als voldaan: Vertrektermijn")
    axe(page)
    page.get_by_role("button", name="Ja, markeren als voldaan").click()
    expect(page.get_by_role("main")).to_contain_text("vermeld wat er is gedaan")
    axe(page)
    page.get_by_label("Wat is er gedaan").fill("Aantoonbaar vertrokken (bevestiging IOM)")
    page.get_by_role("button", name="Ja, markeren als voldaan").click()
    expect(page.get_by_role("main")).to_contain_text("Termijn gemarkeerd als voldaan.")
    assert Deadline.objects.get(case=case).status == "met"


def test_break_the_glass_page_is_accessible_and_opens_the_case_read_only(page, axe, password):
    case = CaseFactory(foreign_national__surname="Andersteam")
    outsider = CaseOfficerFactory()
    log_in(page, outsider, password)
    # Issue 9: the case file of a case outside the scope is not found; the exact V-number search offers the glass.
    page.goto(f"/zaken/{case.pk}/")
    expect(page.get_by_role("main")).not_to_contain_text("Andersteam")
    page.goto(f"/zoeken/?v_number={case.foreign_national.v_number}")
    page.get_by_role("link", name=f"Noodtoegang aanvragen voor zaak {case.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze zaak valt buiten uw bevoegdheid")
    expect(page.get_by_role("main")).not_to_contain_text("Andersteam")
    axe(page)
    page.get_by_role("textbox").fill("Betrokkene meldt zich aan de balie in Ter Apel, dossier nodig voor identificatie")
    page.get_by_role("button", name="Zaak openen met noodtoegang (break the glass)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Andersteam")
    expect(page.get_by_role("status").first).to_contain_text("noodtoegang")
    axe(page)
    expect(page.get_by_role("link", name="Vertrekgesprek vastleggen")).to_have_count(0)  # read-only
