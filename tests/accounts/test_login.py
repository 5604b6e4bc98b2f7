"""Logging in and out, in Dutch, and the layout each role sees."""

import pytest
from django.conf import settings
from django.urls import reverse

LOGIN = "/inloggen/"


class TestLogin:
    def test_login_page_is_dutch_even_for_an_english_browser(self, client, db):
        response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-GB,en")
        assert response.status_code == 200
        assert '<html lang="nl">' in response.text
        assert "Inloggen bij Regie" in response.text

    def test_wrong_password_shows_a_dutch_error_and_keeps_the_username(self, client, case_officer):
        response = client.post(LOGIN, {"username": case_officer.username, "password": "fout"})
        assert response.status_code == 200
        assert "De gebruikersnaam of het wachtwoord is onjuist" in response.text
        assert f'value="{case_officer.username}"' in response.text
        assert "_auth_user_id" not in client.session

    def test_chain_partner_with_the_right_password_gets_the_answer_of_a_wrong_one(
        self, client, chain_partner, password
    ):
        response = client.post(LOGIN, {"username": chain_partner.username, "password": password})
        assert "De gebruikersnaam of het wachtwoord is onjuist" in response.text
        assert "API" not in response.text
        assert "_auth_user_id" not in client.session

    def test_case_officer_lands_on_the_work_queue(self, client, case_officer, password):
        response = client.post(LOGIN, {"username": case_officer.username, "password": password}, follow=True)
        assert response.redirect_chain[-1][0] == reverse("cases:workqueue")
        assert "Mijn werkvoorraad" in response.text

    def test_logout_is_a_post_and_ends_the_session(self, client, case_officer):
        client.force_login(case_officer)
        response = client.post("/uitloggen/")
        assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
        assert "_auth_user_id" not in client.session

    def test_pages_need_login(self, client, db):
        response = client.get(reverse("cases:workqueue"))
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)

    def test_english_is_available_by_choice(self, client, case_officer):
        client.force_login(case_officer)
        client.post("/i18n/setlang/", {"language": "en", "next": "/werkvoorraad/"})
        response = client.get(reverse("cases:workqueue"))
        assert "My work queue" in response.text and '<html lang="en">' in response.text


def test_session_expires_after_idle_minutes():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60


NAV = {
    "Werkvoorraad": "/werkvoorraad/",
    "Zoeken": "/zoeken/",
    "Dashboard": "/dashboard/",
    "Toegangslog": "/toegangslog/",
    "Systeemstatus": "/systeemstatus/",
    "Beheer": "/beheer/",
}


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("case_officer", {"Werkvoorraad", "Zoeken"}),
        ("team_lead", {"Werkvoorraad", "Zoeken", "Dashboard"}),
        ("privacy_officer", {"Toegangslog"}),
        ("functional_admin", {"Systeemstatus", "Beheer"}),
    ],
)
def test_navigation_shows_what_the_role_may_open(client, request, fixture, expected):
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    response = client.get("/", follow=True)
    html = response.text
    shown = {label for label, url in NAV.items() if f'href="{url}"' in html and f">{label}</a>" in html}
    assert shown == expected
    assert user.get_full_name() in html
    for label in expected:
        assert client.get(NAV[label]).status_code == 200, label


def test_health_needs_no_login_and_checks_the_database(client, db):
    response = client.get("/gezondheid/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
