"""The forced track in the browser: approved plan, valid LP, flight booked, notice 30 hours before refused with the
rule, rebooked and told 50 hours before, the KMar file's missing items until complete, the PDF for KMar
made, confirmed and carried out, and the case closed as a forced departure; every page checked by axe-core."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from departures import kmar_pdf, services
from departures.models import Removal
from tests.browser.conftest import log_in
from tests.factories.departures import approved_forced_plan
from tests.factories.laissezpasser import issued_request, moroccan_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _typed(moment):
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


def _step(page, key, fields):
    page.locator(f"summary:has-text('{fields.pop('summary')}')").click()
    form = page.locator(f"form[action$='/{key}/']")
    for name, value in fields.items():
        element = form.locator(f"[name='{key}-{name}']")
        if element.evaluate("e => e.tagName") == "SELECT":
            element.select_option(value)
        else:
            element.fill(value)
    form.get_by_role("button").click()


def _tell_both(page, at):
    for recipient in ("person", "legal_representative"):
        _step(page, "notice", {"summary": "Aankondiging vastleggen", "recipient": recipient,
                               "notified_at": _typed(at), "method": "in_person"})  # fmt: skip
        expect(page.locator("#removal")).to_contain_text(_typed(at).split(" ")[1])


def test_a_forced_removal_from_plan_to_departure(page, axe, password):
    now = timezone.now().replace(second=0, microsecond=0)
    case = moroccan_case()
    officer = case.case_officer
    issued_request(case, issued_on=timezone.localdate(now) - dt.timedelta(days=5),
                   valid_until=timezone.localdate(now) + dt.timedelta(days=60), now=now)  # fmt: skip
    approved_forced_plan(case, now=now)
    departs = now + dt.timedelta(hours=29)
    removal = services.removal_book(
        case=case, actor=officer, now=now, kind="scheduled", carrier="Royal Air Maroc", flight_number="AT851",
        departure_airport="Schiphol", departs_at=departs, destination_country="MAR", kmar_escorts=2,
    )  # fmt: skip

    log_in(page, officer, password)
    page.goto(f"/zaken/{case.pk}/")
    expect(page.locator("#vertrek")).to_contain_text("Gedwongen vertrek")
    axe(page)
    page.goto(f"/vertrek/uitzettingen/{removal.pk}/")
    axe(page)
    _tell_both(page, now - dt.timedelta(hours=1))  # 30 hours before the flight
    _step(page, "confirm", {"summary": "Bevestigen"})
    expect(page.locator("#removal")).to_contain_text("kennisgeving uiterlijk")
    expect(page.get_by_test_id("removal-state")).to_have_text("Aangekondigd")
    axe(page)

    # A later flight needs a new notice: told 50 hours before it.
    _step(page, "rebook", {"summary": "Omboeken", "reason": "carrier_refused",
                           "departs_at": _typed(now + dt.timedelta(hours=49))})  # fmt: skip
    expect(page.get_by_test_id("removal-state")).to_have_text("Gepland")
    _tell_both(page, now - dt.timedelta(hours=1))
    _step(page, "confirm", {"summary": "Bevestigen"})
    expect(page.locator("#removal")).to_contain_text("Vertrekdossier KMar compleet: Ontbreekt")

    page.get_by_role("link", name="Vertrekdossier KMar").first.click()
    expect(page.get_by_test_id("missing-items")).to_contain_text("Signalement")
    axe(page)
    page.locator("[name='file-travel_documents']").fill("Laissez-passer Marokko")
    page.locator("[name='file-behaviour_risk']").fill("Rustig")
    page.locator("[name='file-risk_facts']").fill("Geen incidenten")
    page.locator("[name='file-physical_features']").fill("1,80 m")
    page.locator("[name='file-bags']").fill("1")
    page.locator("[name='file-money']").fill("EUR 40")
    page.locator("[name='file-belongings_location']").fill("Depot")
    page.locator("[name='file-destination_contacts']").fill("Broer in Casablanca")
    page.get_by_role("button", name="Vertrekdossier opslaan").click()
    expect(page.get_by_test_id("missing-items")).to_have_text("Medische gegevens")
    page.locator("[name='medical-particulars']").fill("Geen bijzonderheden")
    page.locator("[name='medical-fit_to_travel']").check()
    page.get_by_role("button", name="Medische gegevens opslaan").click()
    expect(page.get_by_test_id("departure-file-score")).to_have_text("100% compleet")
    axe(page)

    # The handover to KMar: the PDF is asked for, its progress shows, and the page picks it up when it is made.
    rebooked = Removal.objects.get(rebooked_from=removal)
    page.get_by_role("button", name="Maak de pdf voor de KMar").click()
    expect(page.get_by_test_id("kmar-pdf")).to_contain_text("Het pdf-bestand wordt gemaakt")
    axe(page)
    kmar_pdf.kmar_pdf_render(removal_id=rebooked.pk, now=timezone.now())  # what the worker does
    expect(page.get_by_test_id("kmar-pdf-link")).to_be_visible(timeout=10_000)
    axe(page)

    page.goto(f"/vertrek/uitzettingen/{rebooked.pk}/")
    _step(page, "confirm", {"summary": "Bevestigen"})
    expect(page.get_by_test_id("removal-state")).to_have_text("Bevestigd")
    page.locator("summary:has-text('Vertrek vastleggen')").click()
    expect(page.get_by_test_id("closes-as")).to_contain_text("gedwongen vertrek (Land van herkomst: MAR)")
    axe(page)
    page.locator("summary:has-text('Vertrek vastleggen')").click()  # closed again: _step opens it
    _step(page, "execute", {"summary": "Vertrek vastleggen", "executed_at": _typed(now), "escorted_by": "KMar (2)"})
    expect(page.get_by_test_id("removal-state")).to_have_text("Uitgevoerd")
    expect(page.get_by_test_id("case-closed")).to_contain_text("Gedwongen vertrokken (uitzetting)")
    axe(page)

    # Executed: the case is closed as a forced departure, with the removal as its evidence.
    page.goto(f"/zaken/{case.pk}/")
    expect(page.get_by_test_id("phase")).to_have_text("Afgesloten")
    expect(page.locator("main")).to_contain_text("Gedwongen vertrokken (uitzetting)")
    axe(page)
    page.goto("/vertrek/deze-week/")
    axe(page)
