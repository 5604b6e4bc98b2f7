"""A case officer's first minute: log in, see the work queue, log out — accessible throughout."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_home_logout(page, axe, case_officer, password):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Regie")
    axe(page)

    page.get_by_label("Gebruikersnaam").fill(case_officer.username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")
    expect(page.get_by_test_id("current-user")).to_contain_text("Sanne de Vries")
    expect(page.get_by_test_id("current-user")).to_contain_text("Regievoerder")
    expect(page.get_by_test_id("current-user")).to_contain_text(case_officer.team.name)
    navigation = page.get_by_role("navigation", name="Hoofdnavigatie")
    expect(navigation.get_by_role("link", name="Werkvoorraad")).to_have_attribute("aria-current", "page")
    axe(page)

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Regie")
    page.goto("/werkvoorraad/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen bij Regie")


def test_wrong_password_keeps_the_username_and_says_why(page, axe, case_officer):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(case_officer.username)
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("De gebruikersnaam of het wachtwoord is onjuist")
    expect(page.get_by_label("Gebruikersnaam")).to_have_value(case_officer.username)
    axe(page)


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, case_officer, password):
    # The login form focuses the username itself, so check the skip link on a work page.
    log_in(page, case_officer, password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn werkvoorraad")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de hoofdinhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize(
    ("fixture", "start_heading"),
    [("team_lead", "Mijn werkvoorraad"), ("privacy_officer", "Toegangslog"), ("functional_admin", "Systeemstatus")],
)
def test_each_role_lands_on_its_start_page(page, axe, request, fixture, start_heading, password):
    user = request.getfixturevalue(fixture)
    log_in(page, user, password)
    expect(page.get_by_role("heading", level=1)).to_have_text(start_heading)
    axe(page)
