"""403, 404, the CSRF failure and 500 in the application's look and the user's language, not Django's bare
English pages."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.factories.cases import CaseFactory

pytestmark = pytest.mark.django_db


class TestPermissionDenied:
    def test_permission_required_gives_the_403_page_with_navigation_and_a_way_back(self, client, functional_admin):
        # Regression: the functional administrator opening the work queue got an unstyled English "403 Forbidden".
        client.force_login(functional_admin)
        response = client.get(reverse("cases:workqueue"))
        assert response.status_code == 403
        assert response.templates[0].name == "403.html"
        html = response.text
        assert '<html lang="nl">' in html
        assert "<title>Geen toegang – Dienst Terugkeer en Vertrek</title>" in html
        assert "U hebt geen toegang tot deze pagina" in html
        assert f'<a class="utrecht-link" href="{reverse("home")}">Naar de startpagina</a>' in html
        assert 'aria-label="Hoofdnavigatie"' in html and "Systeemstatus" in html
        assert "Forbidden" not in html

    def test_a_permission_denied_raised_in_a_view_gives_the_same_page(self, client, case_officer):
        client.force_login(case_officer)
        response = client.get(reverse("reports:dashboard"))
        assert (response.status_code, response.templates[0].name) == (403, "403.html")

    def test_the_page_is_english_when_the_user_chose_english(self, client, functional_admin):
        client.force_login(functional_admin)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get(reverse("cases:workqueue"))
        assert "You have no access to this page" in response.text
        assert '<html lang="en">' in response.text


class TestPageNotFound:
    def test_an_unknown_address_gives_the_404_page_in_dutch(self, client, case_officer):
        client.force_login(case_officer)
        response = client.get("/bestaat-niet/")
        assert (response.status_code, response.templates[0].name) == (404, "404.html")
        assert "<title>Pagina niet gevonden – Dienst Terugkeer en Vertrek</title>" in response.text
        assert "Naar de startpagina" in response.text

    def test_a_case_of_another_team_is_not_found_and_not_named(self, client, case_officer):
        case = CaseFactory(foreign_national__surname="Buitenbereik")
        client.force_login(case_officer)
        response = client.get(reverse("cases:case_changes", kwargs={"pk": case.pk}))
        assert (response.status_code, response.templates[0].name) == (404, "404.html")
        assert "Buitenbereik" not in response.text


class TestCsrfFailure:
    def test_a_form_sent_without_a_valid_token_gets_the_expired_form_page(self, case_officer):
        client = Client(enforce_csrf_checks=True)
        client.force_login(case_officer)
        response = client.post(reverse("cases:intake"), {"surname": "Haddad"})
        assert (response.status_code, response.templates[0].name) == (403, "403_csrf.html")
        assert "<title>Het formulier is verlopen – Dienst Terugkeer en Vertrek</title>" in response.text
        assert "Er is niets opgeslagen." in response.text
        assert "CSRF verification failed" not in response.text


def test_the_500_page_needs_no_context_and_is_dutch():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "<title>Er ging iets mis – Dienst Terugkeer en Vertrek</title>" in html
    assert 'href="/">Naar de startpagina</a>' in html
