"""Manual intake of a self-registration: the same form twice gives the same case."""

import pytest
from django.urls import reverse

from cases.models import Case, ForeignNational, Handover

pytestmark = pytest.mark.django_db

FORM = {
    "reference": "SELF-0000000000000001",
    "v_number": "5555555555",
    "surname": "Gebremariam",
    "given_names": "Selam",
    "date_of_birth": "1994-03",
    "sex": "female",
    "nationality": "ERI",
    "nationality_status": "claimed",
    "languages": "ti, ar",
    "track": "self_registered",
    "handover_date": "2026-11-20",
}


class TestIntakeForm:
    def test_a_self_registration_opens_a_case_once_even_when_submitted_twice(self, client, case_officer):
        client.force_login(case_officer)
        first = client.post(reverse("cases:intake"), FORM)
        second = client.post(reverse("cases:intake"), FORM)
        case = Case.objects.get()
        # Regression: the officer landed on "Deze zaak valt buiten uw bevoegdheid" (the case waits in
        # the national intake, which only team leads see); now on the work queue, told where it went.
        assert first.url == second.url == reverse("cases:workqueue")
        assert "De zaak wacht in de landelijke intake" in client.get(first.url).text
        assert (case.source, case.track, Handover.objects.count()) == ("self_registration", "self_registered", 1)
        person = ForeignNational.objects.get()
        assert (person.date_of_birth_precision, person.languages, person.search_name) == (
            "year_month",
            ["ti", "ar"],
            "selam gebremariam",
        )

    def test_a_team_lead_who_registers_lands_on_the_new_case(self, client, team_lead):
        client.force_login(team_lead)
        response = client.post(reverse("cases:intake"), FORM)
        assert response.url == reverse("cases:case_detail", kwargs={"pk": Case.objects.get().pk})

    def test_the_form_obeys_the_intake_rules_and_shows_them_all_at_once(self, client, case_officer):
        client.force_login(case_officer)
        bad = {**FORM, "languages": "qq", "handover_date": "2099-01-01", "surname": "   "}
        response = client.post(reverse("cases:intake"), bad)
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert errors["languages"] == ["Onbekende taalcode: qq."]
        assert errors["handover_date"] == ["De overdrachtsdatum kan niet in de toekomst liggen."]
        assert set(errors) == {"languages", "handover_date", "surname"}
        assert not Case.objects.exists() and not ForeignNational.objects.exists()

    def test_bad_input_gets_dutch_messages_and_saves_nothing(self, client, case_officer):
        client.force_login(case_officer)
        bad = {**FORM, "v_number": "12ab", "date_of_birth": "1994-02-30", "languages": "zz9"}
        response = client.post(reverse("cases:intake"), bad)
        assert response.status_code == 200
        assert "Een V-nummer bestaat uit precies 10 cijfers." in response.text
        assert set(response.context["form"].errors) == {"v_number", "date_of_birth", "languages"}
        assert not Case.objects.exists() and not ForeignNational.objects.exists()
