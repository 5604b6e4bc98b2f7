"""The day of a case officer, in Chromium: work queue → case file → interview with an interpreter (a failed
submit first: the error summary takes the focus) → an agreed action completed after confirming → a pending
appeal is a legal obstacle → the phase changes after confirming → the team lead reassigns; an AMV case cannot
go to a non-specialist; a departure is closed demonstrably; a page the role may not open. axe-core checks
every page visited."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import AgreedAction, Case, DepartureInterview, LegalProcedure
from tests.browser.conftest import log_in
from tests.factories.accounts import CaseOfficerFactory, FunctionalAdminFactory, MinorSpecialistFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_case_officers_day_and_the_team_leads_reassignment(page, axe, case_officer, team_lead, password):
    case = CaseFactory(
        case_officer=case_officer,
        in_progress=True,
        foreign_national=ForeignNationalFactory(surname="Haddad", given_names="Omar", languages=["ar"]),
    )
    colleague = CaseOfficerFactory(team=case_officer.team, first_name="Pieter", last_name="Bos")

    # Morning: the work queue.
    log_in(page, case_officer, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")
    axe(page)

    # Open the case.
    page.get_by_role("link", name=case.foreign_national.v_number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Haddad, Omar")
    removable = page.get_by_test_id("removable")
    expect(removable).to_contain_text("Uitzetting: geen juridische belemmering")
    expect(removable).to_contain_text("Nationaliteit niet vastgesteld: onbekend.")
    axe(page)

    # A first departure interview with an Arabic interpreter in person.
    page.get_by_role("link", name="Vertrekgesprek vastleggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vertrekgesprek vastleggen")
    summary = page.get_by_label("Samenvatting")
    # Regression: the empty required textarea was pink with a red border before anything was typed (:invalid).
    assert _background(summary) == _background(page.get_by_label("Locatie")) == "rgb(255, 255, 255)"
    axe(page)
    page.get_by_label("Eerste vertrekgesprek").check()
    page.get_by_label("Tolk persoonlijk aanwezig").check()
    page.get_by_label("Taal van de tolk").select_option(label="Arabisch")
    page.get_by_label("Twijfelt").check()
    page.get_by_role("button", name="Gesprek vastleggen").click()

    # Forgot the summary: the error summary is at the top of the form and has the focus; the field is marked.
    error_summary = page.get_by_test_id("error-summary")
    expect(error_summary).to_be_focused()
    expect(error_summary).to_contain_text("Er is een probleem")
    expect(page).to_have_title(re.compile(r"^Fout: Vertrekgesprek vastleggen"))
    expect(summary).to_have_attribute("aria-invalid", "true")
    assert _background(summary) != "rgb(255, 255, 255)"
    axe(page)
    error_summary.get_by_role("link", name="Samenvatting: Dit veld is vereist.").click()
    expect(summary).to_be_focused()
    expect(page.get_by_label("Taal van de tolk")).to_have_value("ar")
    summary.fill("Betrokkene twijfelt over terugkeer naar Syrië; wil eerst met familie overleggen.")
    page.locator("#id_actie-0-description").fill("Familie in Aleppo benaderen over opvang")
    page.locator("#id_actie-0-due_date").fill((timezone.localdate() + dt.timedelta(days=14)).strftime("%d-%m-%Y"))
    page.get_by_role("button", name="Gesprek vastleggen").click()
    expect(page.get_by_role("status").filter(has_text="Vertrekgesprek vastgelegd.")).to_be_visible()
    expect(page.locator("#gesprekken")).to_contain_text("Tolk persoonlijk aanwezig (Arabisch)")
    axe(page)
    interview = DepartureInterview.objects.get(case=case)
    assert (interview.interpreter_mode, interview.interpreter_language) == ("in_person", "ar")

    # The agreed action is done: a clear button, then a confirmation page.
    page.get_by_role("link", name=re.compile(r"^Markeren als afgerond\W+Familie in Aleppo")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afspraak afronden")
    axe(page)
    assert AgreedAction.objects.get().completed_at is None
    page.get_by_label("Hoe is de actie afgerond?").fill("Familie telefonisch bereikt.")
    page.get_by_role("button", name="Ja, de afspraak is afgerond").click()
    expect(page.locator("#gesprekken")).to_contain_text("afgerond")
    assert AgreedAction.objects.get().completed_at is not None

    # A pending appeal that may be awaited in the Netherlands: the header says not removable, and why.
    page.get_by_role("link", name="Juridische procedure vastleggen").click()
    axe(page)
    page.get_by_label("Soort procedure").select_option("appeal")
    page.get_by_label("Ingediend op").fill((timezone.localdate() - dt.timedelta(days=3)).strftime("%d-%m-%Y"))
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Vastleggen").click()
    removable = page.get_by_test_id("removable")
    expect(removable).to_contain_text("Uitzetting: juridische belemmering")
    expect(removable).to_contain_text("mag in Nederland worden afgewacht")
    expect(removable).to_contain_text("art. 82 Vw 2000")
    axe(page)
    assert LegalProcedure.objects.get(case=case).outcome == "pending"

    # A phase change asks first what it means.
    page.get_by_role("link", name="Vertrek voorbereiden…").click()
    expect(page.get_by_role("main")).to_contain_text("Van ‘In behandeling’ naar ‘Vertrek in voorbereiding’.")
    axe(page)
    assert Case.objects.get(pk=case.pk).phase == "in_progress"
    page.get_by_role("button", name="Ja, wijzig de fase").click()
    expect(page.get_by_test_id("phase")).to_have_text("Vertrek in voorbereiding")

    page.get_by_role("button", name="Uitloggen").click()

    # Afternoon: the team lead reassigns the case to a colleague.
    log_in(page, team_lead, password)
    page.get_by_role("navigation", name="Overzichten").get_by_role("link", name="Team", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload van het team")
    axe(page)
    page.get_by_role("link", name=case.foreign_national.v_number).click()
    page.get_by_role("link", name="Opnieuw toewijzen").click()
    axe(page)
    page.get_by_label("Regievoerder").select_option(label="Pieter Bos")
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_test_id("case-officer")).to_contain_text("Pieter Bos")
    axe(page)
    assert Case.objects.get(pk=case.pk).case_officer == colleague


def _background(locator):
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


def test_a_page_the_role_may_not_open_says_so_in_the_applications_look(page, axe, password):
    # Regression: the functional administrator opening the work queue got a bare English "403 Forbidden".
    log_in(page, FunctionalAdminFactory(), password)
    response = page.goto("/werkvoorraad/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("U hebt geen toegang tot deze pagina")
    expect(page.get_by_role("navigation", name="Hoofdnavigatie")).to_contain_text("Systeemstatus")
    axe(page)
    page.get_by_role("link", name="Naar de startpagina").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Systeemstatus")


def test_an_unaccompanied_minor_cannot_be_assigned_to_a_non_specialist(page, axe, case_officer, team_lead, password):
    minor = CaseFactory(intake_queue=True, unaccompanied_minor=True, foreign_national__surname="Yohannes")
    MinorSpecialistFactory(team=team_lead.team, first_name="Youssef", last_name="Bakker")

    log_in(page, team_lead, password)
    page.get_by_role("navigation", name="Overzichten").get_by_role("link", name="Niet-toegewezen intake").click()
    expect(page.get_by_role("row").filter(has_text="Yohannes")).to_contain_text("Alleenstaande minderjarige")
    axe(page)
    page.get_by_role("link", name=minor.foreign_national.v_number).click()
    page.get_by_role("link", name=re.compile(r"^Toewijzen$")).click()
    page.get_by_label("Regievoerder").select_option(label=case_officer.get_full_name())
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_role("alert")).to_contain_text("kan alleen worden toegewezen aan een aangewezen AMV-specialist")
    axe(page)
    assert Case.objects.get(pk=minor.pk).case_officer is None

    page.get_by_label("Regievoerder").select_option(label="Youssef Bakker (AMV-specialist)")
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_test_id("case-officer")).to_contain_text("Youssef Bakker")
    axe(page)


def test_a_demonstrable_departure_is_closed_with_its_evidence(page, axe, case_officer, password):
    case = CaseFactory(case_officer=case_officer, departure_preparation=True, foreign_national__surname="Benali")

    log_in(page, case_officer, password)
    page.goto(f"/zaken/{case.pk}/")
    page.get_by_role("link", name="Zaak afsluiten…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zaak afsluiten")
    axe(page)
    page.get_by_label("Reden van afsluiten").select_option("departed_independently")
    page.get_by_role("button", name="Zaak afsluiten").click()
    # A failed submit: the missing departure details are named, nothing is closed.
    expect(page.get_by_role("main")).to_contain_text("Vul de datum van vertrek in")
    axe(page)
    assert Case.objects.get(pk=case.pk).phase == "departure_preparation"
    page.get_by_label("Datum van vertrek").fill((timezone.localdate() - dt.timedelta(days=1)).isoformat())
    page.get_by_label("Land van herkomst").check()
    page.get_by_label("Land van bestemming").select_option("MAR")
    page.get_by_label("Bewijs van vertrek").select_option("border_crossing")
    page.get_by_role("button", name="Zaak afsluiten").click()
    closure = page.get_by_test_id("closure")
    expect(closure).to_contain_text("Zelfstandig vertrokken (aantoonbaar)")
    expect(closure).to_contain_text("Land van herkomst: Marokko")
    expect(closure).to_contain_text("Uitreisstempel of grenscontrole")
    expect(page.get_by_test_id("removable")).to_have_count(0)
    axe(page)
