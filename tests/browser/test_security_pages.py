"""In Chromium: no page breaks the CSP; the second factor, from adding the app to logging in with it."""

import re

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories.cases import CaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def watch_csp(page):
    """Collect every CSP violation the browser reports (console and securitypolicyviolation events)."""
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return violations


def test_the_pages_of_a_case_officer_run_without_a_csp_violation(page, axe, case_officer, password):
    violations = watch_csp(page)
    case = CaseFactory(case_officer=case_officer, in_progress=True)
    log_in(page, case_officer, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")
    axe(page)
    page.goto(f"/zaken/{case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.foreign_national.surname)
    axe(page)
    page.goto(f"/zaken/{case.pk}/gesprekken/nieuw/")
    axe(page)
    page.goto("/account/beveiliging/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beveiliging van uw account")
    axe(page)
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui .title").first).to_contain_text("Regie API")
    assert violations == []


def test_adding_an_app_and_logging_in_with_it(page, axe, case_officer, password):
    violations = watch_csp(page)
    with override_settings(REQUIRE_2FA=True):
        log_in(page, case_officer, password)
        expect(page.get_by_role("heading", level=1)).to_have_text("Authenticator-app toevoegen")
        expect(page.get_by_role("img", name="QR-code om Regie aan de authenticator-app toe te voegen")).to_be_visible()
        axe(page)
        device = TOTPDevice.objects.get(user=case_officer)
        page.get_by_label("Code uit de app").fill(f"{totp(device.bin_key):06d}")
        page.get_by_role("button", name="Bevestigen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
        codes = page.get_by_test_id("recovery-codes").inner_text().split()
        assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
        axe(page)
        page.get_by_role("link", name="Ik heb ze bewaard: verder").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")

        # Log out, and in again with a recovery code.
        page.get_by_role("button", name="Uitloggen").click()
        log_in(page, case_officer, password)
        expect(page.get_by_role("heading", level=1)).to_have_text("Vul uw code in")
        axe(page)
        page.get_by_label("Code").fill(codes[0])
        page.get_by_role("main").get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")
    assert violations == []
