"""The language switch remembers a logged-in user's choice, so mail sent without a request follows it."""

import pytest
from django.urls import reverse

from dtv.accounts.models import User
from dtv.accounts.services import user_language_set

pytestmark = pytest.mark.django_db


class TestSetLanguage:
    def test_a_logged_in_user_who_switches_to_english_keeps_english_as_their_language(self, client, case_officer):
        client.force_login(case_officer)

        response = client.post(reverse("set_language"), {"language": "en", "next": "/"})

        assert response.status_code == 302
        assert response.cookies["django_language"].value == "en"
        assert User.objects.get(pk=case_officer.pk).language == "en"
        assert User.objects.get(pk=case_officer.pk).preferred_language == "en"

    def test_the_login_page_still_switches_without_anyone_logged_in(self, client):
        response = client.post(reverse("set_language"), {"language": "en", "next": "/inloggen/"})
        assert response.cookies["django_language"].value == "en"

    def test_an_unknown_language_changes_nothing(self, client, case_officer):
        client.force_login(case_officer)
        client.post(reverse("set_language"), {"language": "fr", "next": "/"})
        assert User.objects.get(pk=case_officer.pk).language == ""


class TestUserLanguageSet:
    def test_stores_a_known_language_and_ignores_the_rest(self, case_officer):
        assert user_language_set(user=case_officer, language="en") is True
        assert user_language_set(user=case_officer, language="en") is False
        assert user_language_set(user=case_officer, language="xx") is False
        assert User.objects.get(pk=case_officer.pk).language == "en"

    def test_a_user_who_never_chose_is_written_to_in_dutch(self, case_officer):
        assert case_officer.preferred_language == "nl"
