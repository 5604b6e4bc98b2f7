"""Manual intake of a self-registration: the same form twice gives the same case; dates, languages, sex and
nationality are chosen or typed the way every other page shows them."""

import pytest
from django.urls import reverse

from cases import events
from cases.models import Assignment, Case, CaseEvent, ForeignNational, Handover
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.cases import CaseFactory

pytestmark = pytest.mark.django_db

FORM = {
    "reference": "SELF-0000000000000001",
    "v_number": "5555555555",
    "surname": "Gebremariam",
    "given_names": "Selam",
    "date_of_birth": "03-1994",
    "sex": "female",
    "nationality": "ERI",
    "nationality_status": "claimed",
    "languages_0": "ti",
    "languages_1": "ar",
    "languages_2": "",
    "track": "self_registered",
    "handover_date": "20-11-2026",
}


def _intake(client, data):
    return client.post(reverse("cases:intake"), data)


class TestIntakeForm:
    def test_a_self_registration_opens_a_case_once_even_when_submitted_twice(self, client, case_officer):
        client.force_login(case_officer)
        first = _intake(client, FORM)
        second = _intake(client, FORM)
        case = Case.objects.get()
        # Regression: the officer landed on "Deze zaak valt buiten uw bevoegdheid"; the registrant now holds
        # the case and lands on it (TestTheRegistrantFollowsTheCase below).
        assert first.url == second.url == reverse("cases:case_detail", kwargs={"pk": case.pk})
        assert case.case_officer == case_officer
        assert (case.source, case.track, Handover.objects.count()) == ("self_registration", "self_registered", 1)
        person = ForeignNational.objects.get()
        assert (person.date_of_birth_precision, person.languages, person.search_name) == (
            "year_month",
            ["ti", "ar"],
            "selam gebremariam",
        )
        assert str(Handover.objects.get().handover_date) == "2026-11-20"

    def test_a_team_lead_who_registers_lands_on_the_new_case(self, client, team_lead):
        client.force_login(team_lead)
        response = client.post(reverse("cases:intake"), FORM)
        assert response.url == reverse("cases:case_detail", kwargs={"pk": Case.objects.get().pk})

    def test_the_form_obeys_the_intake_rules_and_shows_them_all_at_once(self, client, case_officer):
        client.force_login(case_officer)
        # Languages are chosen from a list here (an unknown code is the API's case: tests/cases/test_intake.py).
        bad = {**FORM, "handover_date": "01-01-2099", "surname": "   "}
        response = client.post(reverse("cases:intake"), bad)
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert errors["handover_date"] == ["De overdrachtsdatum kan niet in de toekomst liggen."]
        assert set(errors) == {"handover_date", "surname"}
        assert not Case.objects.exists() and not ForeignNational.objects.exists()

    def test_bad_input_gets_dutch_messages_and_saves_nothing(self, client, case_officer):
        client.force_login(case_officer)
        bad = {**FORM, "v_number": "12ab", "date_of_birth": "30-02-1994", "languages_0": "zz9"}
        response = _intake(client, bad)
        assert response.status_code == 200
        assert "Een V-nummer bestaat uit precies 10 cijfers." in response.text
        assert "30-02-1994 is geen bestaande datum." in response.text
        assert set(response.context["form"].errors) == {"v_number", "date_of_birth", "languages"}
        assert not Case.objects.exists() and not ForeignNational.objects.exists()

    def test_the_date_of_birth_is_asked_in_the_order_every_page_shows_it(self, client, case_officer):
        # Regression: intake wanted JJJJ-MM-DD while search and the case file use DD-MM-JJJJ.
        client.force_login(case_officer)
        page = client.get(reverse("cases:intake"))
        assert "DD-MM-JJJJ, MM-JJJJ of JJJJ" in page.text
        assert 'type="date"' not in page.text
        _intake(client, {**FORM, "date_of_birth": "17-05-1994"})
        person = ForeignNational.objects.get()
        assert (str(person.date_of_birth), person.date_of_birth_precision) == ("1994-05-17", "full")

    def test_the_registration_date_is_shown_and_read_as_dd_mm_jjjj(self, client, case_officer):
        client.force_login(case_officer)
        page = client.get(reverse("cases:intake"))
        assert page.context["form"]["handover_date"].value().strftime("%d-%m-%Y") in page.text

    def test_sex_and_nationality_are_not_chosen_in_advance_and_must_be_chosen(self, client, case_officer):
        # Regression: sex defaulted to "Man"; whoever skipped the field registered a man.
        client.force_login(case_officer)
        page = client.get(reverse("cases:intake"))
        form = page.context["form"]
        assert (form["sex"].value(), form["nationality"].value()) == (None, None)
        assert '<option value="" selected>— kies —</option>' in page.text
        response = _intake(client, {**FORM, "sex": "", "nationality": ""})
        assert response.context["form"].errors == {
            "sex": ["Kies het geslacht; kies Onbekend als dat niet bekend is."],
            "nationality": ["Kies de nationaliteit; kies Onbekend (XXX) als die niet bekend is."],
        }
        assert not ForeignNational.objects.exists()

    def test_the_nationality_status_keeps_claimed_as_its_default(self, client, case_officer):
        # Claimed is the normal case at intake: a nationality is established later, through the embassy.
        client.force_login(case_officer)
        assert client.get(reverse("cases:intake")).context["form"]["nationality_status"].value() == "claimed"

    def test_languages_are_chosen_by_name_and_stored_as_codes_once_each(self, client, case_officer):
        # Regression: languages had to be typed as ISO 639 codes; "Arabisch, Frans" was refused.
        client.force_login(case_officer)
        page = client.get(reverse("cases:intake"))
        assert '<option value="ti">Tigrinya</option>' in page.text
        assert '<option value="ckb">Koerdisch (Sorani)</option>' in page.text
        assert 'aria-label="Taal 1"' in page.text
        _intake(client, {**FORM, "languages_0": "ar", "languages_1": "", "languages_2": "ar"})
        assert ForeignNational.objects.get().languages == ["ar"]

class TestTheRegistrantFollowsTheCase:
    """Regression: a self-registration opened on "Deze zaak valt buiten uw bevoegdheid" (ux-review-1 §1)."""

    def test_the_registering_case_officer_holds_the_new_case_and_opens_it(self, client, case_officer):
        client.force_login(case_officer)
        response = client.post(reverse("cases:intake"), FORM, follow=True)
        case = Case.objects.get()
        assert response.status_code == 200
        assert response.redirect_chain == [(reverse("cases:case_detail", kwargs={"pk": case.pk}), 302)]
        assert (case.case_officer, case.team, case.phase) == (case_officer, case_officer.team, "intake")
        assert "Nieuwe zaak geopend. De zaak staat in uw werkvoorraad." in response.text
        assignment = Assignment.objects.get()
        assert (assignment.case_officer, assignment.assigned_by) == (case_officer, case_officer)
        assert CaseEvent.objects.filter(case=case, kind=events.CASE_ASSIGNED.code).count() == 1

    def test_an_unaccompanied_minor_goes_to_the_officers_team_not_to_a_non_specialist(self, client, case_officer):
        client.force_login(case_officer)
        form = {**FORM, "date_of_birth": "2011-05-01", "vulnerabilities": ["minor", "unaccompanied_minor"]}
        response = client.post(reverse("cases:intake"), form, follow=True)
        case = Case.objects.get()
        assert response.status_code == 200
        assert (case.case_officer, case.team) == (None, case_officer.team)
        assert "AMV-specialist" in response.text

    def test_an_amv_specialist_holds_the_minors_case(self, client):
        specialist = CaseOfficerFactory(is_unaccompanied_minor_specialist=True)
        client.force_login(specialist)
        form = {**FORM, "date_of_birth": "2011-05-01", "vulnerabilities": ["minor", "unaccompanied_minor"]}
        client.post(reverse("cases:intake"), form)
        assert Case.objects.get().case_officer == specialist

    def test_a_team_lead_who_registers_leaves_it_in_the_national_intake_and_still_opens_it(self, client, team_lead):
        client.force_login(team_lead)
        response = client.post(reverse("cases:intake"), FORM, follow=True)
        case = Case.objects.get()
        assert response.status_code == 200
        assert (case.case_officer, case.team) == (None, None)
        assert "landelijke intakewachtrij" in response.text

    def test_a_registration_of_another_teams_person_awaits_a_match_and_lands_on_the_work_queue(
        self, client, case_officer
    ):
        # Review 1, finding 2: the same rule as for a partner (intake.handover_receive) — a V-number
        # alone attaches nothing outside the registrant's scope; a team lead matches it.
        other = CaseFactory(foreign_national__v_number=FORM["v_number"])
        client.force_login(case_officer)
        response = client.post(reverse("cases:intake"), FORM, follow=True)
        assert response.redirect_chain == [(reverse("cases:workqueue"), 302)]
        assert response.status_code == 200
        handover = Handover.objects.get()
        assert (handover.case, handover.outcome, handover.v_number) == (None, "awaiting_match", FORM["v_number"])
        assert "teamleider" in response.text
        other.refresh_from_db()
        assert other.case_officer != case_officer
        assert other.events.count() == 0 or not other.events.filter(kind="handover.received").exists()
        assert other.foreign_national.surname not in response.text
