"""The form pages of the case file as an officer meets them: an error summary after a failed submit, errors at
their fields, "(niet verplicht)" only where a field may really stay empty, dates as DD-MM-JJJJ, languages by
name, and no value chosen in advance where a default would be recorded for whoever skips the field."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from cases import services
from cases.models import AgreedAction, DepartureInterview, DepartureTerm, ForeignNational, LegalProcedure
from tests.factories.cases import CaseFactory, ForeignNationalFactory, InterviewFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)  # 10:30 in Amsterdam


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def case(case_officer):
    return CaseFactory(case_officer=case_officer, in_progress=True)


@pytest.fixture
def officer_client(client, case_officer):
    client.force_login(case_officer)
    return client


def _interview_url(case):
    return reverse("cases:interview_add", kwargs={"pk": case.pk})


INTERVIEW = {
    "kind": "first",
    "held_at": "02-12-2026 10:00",
    "location": "Ter Apel",
    "interpreter_mode": "phone",
    "interpreter_language": "ti",
    "no_interpreter_reason": "",
    "stance": "undecided",
    "summary": "Betrokkene twijfelt.",
    "actie-TOTAL_FORMS": "3",
    "actie-INITIAL_FORMS": "0",
    **{f"actie-{n}-party": "foreign_national" for n in range(3)},
}


def _summary(html):
    match = re.search(r'<div class="[^"]*regie-error-summary"[^>]*>.*?</ul>', html, re.S)
    return match.group(0) if match else None


class TestErrorSummary:
    def test_a_form_before_submitting_has_no_summary_no_error_styling_and_a_plain_title(self, officer_client, case):
        html = officer_client.get(_interview_url(case)).text
        assert _summary(html) is None
        assert 'aria-invalid="true"' not in html
        assert "<title>Vertrekgesprek vastleggen" in html

    def test_after_a_failed_submit_the_summary_lists_every_error_as_a_link_to_its_field(self, officer_client, case):
        # Regression: errors were only at the fields, below the fold; focus went back to the top of the page.
        response = officer_client.post(_interview_url(case), {**INTERVIEW, "kind": "", "summary": ""})
        html = response.text
        summary = _summary(html)
        assert 'data-error-summary tabindex="-1"' in summary
        assert '<h2 class="utrecht-heading-2 regie-error-summary__title">Er is een probleem</h2>' in summary
        assert re.findall(r'<a class="utrecht-link" href="([^"]+)">([^<]+)</a>', summary) == [
            ("#id_kind_0", "Soort gesprek: Dit veld is vereist."),
            ("#id_summary", "Samenvatting: Dit veld is vereist."),
        ]
        assert "<title>Fout: Vertrekgesprek vastleggen" in html
        assert re.search(r'<textarea name="summary"[^>]*aria-invalid="true" aria-describedby="id_summary_error"', html)
        assert '<div class="utrecht-form-field-error-message" id="id_summary_error">' in html
        assert not DepartureInterview.objects.exists()

    def test_an_error_in_a_row_of_agreed_actions_links_to_that_row(self, officer_client, case):
        data = {**INTERVIEW, "actie-1-description": "Paspoort ophalen"}
        summary = _summary(officer_client.post(_interview_url(case), data).text)
        assert re.findall(r'href="([^"]+)">([^<]+)</a>', summary) == [
            ("#id_actie-1-due_date", "Uiterlijke datum (rij 2): Geef de uiterlijke datum van de afspraak.")
        ]
        assert "<title>Fout: Vertrekgesprek vastleggen" in officer_client.post(_interview_url(case), data).text

    def test_an_error_of_the_service_is_listed_without_a_link(self, officer_client, case):
        data = {**INTERVIEW, "actie-0-description": "Paspoort ophalen", "actie-0-due_date": "01-12-2026"}
        summary = _summary(officer_client.post(_interview_url(case), data).text)
        assert re.findall(r"<li>(.*?)</li>", summary) == [
            "De uiterlijke datum van een afspraak kan niet vóór het gesprek liggen."
        ]
        assert not DepartureInterview.objects.exists()

    def test_the_login_form_uses_the_same_summary(self, client, case_officer):
        html = client.post(reverse("accounts:login"), {"username": case_officer.username, "password": "fout"}).text
        summary = _summary(html)
        assert "De gebruikersnaam of het wachtwoord is onjuist" in summary
        assert "<title>Fout: Inloggen" in html


class TestOptionalMarks:
    def test_a_field_needed_only_in_some_cases_does_not_say_optional_and_says_when(self, officer_client, case):
        # Regression: the reason was labelled "(niet verplicht)" and then refused as empty for a 42-day term.
        html = officer_client.get(reverse("cases:departure_term_add", kwargs={"pk": case.pk})).text
        label = re.search(r'<label class="utrecht-form-label" for="id_reason">(.*?)</label>', html, re.S).group(1)
        assert label == "Reden voor een andere termijn dan 28 dagen"
        assert "Nodig als de termijn geen 28 dagen is" in html
        reference = re.search(r'for="id_decision_reference">(.*?)</label>', html, re.S).group(1)
        assert "(niet verplicht)" in reference

    def test_the_interpreter_fields_say_when_they_are_needed(self, officer_client, case):
        html = officer_client.get(_interview_url(case)).text
        for name in ("interpreter_language", "no_interpreter_reason"):
            label = re.search(rf'for="id_{name}">(.*?)</label>', html, re.S).group(1)
            assert "niet verplicht" not in label
        assert "Nodig als er een tolk aan het gesprek deelneemt." in html
        assert "Nodig als het gesprek zonder tolk wordt gevoerd." in html

    def test_work_queue_filters_are_not_labelled_optional(self, officer_client, case):
        # Regression: every filter of the work queue said "(niet verplicht)".
        html = officer_client.get(reverse("cases:workqueue")).text
        filters = html[html.index('class="regie-filters"') : html.index("</form>", html.index('class="regie-filters"'))]
        assert "niet verplicht" not in filters


class TestDates:
    def test_date_fields_are_text_inputs_with_the_dutch_format(self, officer_client, case):
        html = officer_client.get(_interview_url(case)).text
        assert 'type="date"' not in html and 'type="datetime-local"' not in html
        assert re.search(r'<input type="text" name="held_at" value="02-12-2026 10:30"', html)
        assert "DD-MM-JJJJ UU:MM" in html and "DD-MM-JJJJ" in html

    def test_an_interview_is_recorded_with_its_moment_typed_in_amsterdam_time(self, officer_client, case):
        response = officer_client.post(_interview_url(case), INTERVIEW)
        assert response.status_code == 302
        interview = DepartureInterview.objects.get()
        assert interview.held_at == dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)
        assert interview.interpreter_language == "ti"

    def test_a_date_the_deadlines_cannot_carry_is_refused_not_a_server_error(self, officer_client, case):
        # Regression: an agreed action due 9999-12-31 overflowed the deadline arithmetic (OverflowError, a 500).
        # In ISO order, which the form read before and still reads.
        data = {
            **INTERVIEW,
            "held_at": "2026-12-02T10:00",
            "actie-0-description": "Paspoort ophalen",
            "actie-0-due_date": "9999-12-31",
        }
        response = officer_client.post(_interview_url(case), data)
        assert response.status_code == 200
        assert response.context["actions"].errors[0] == {
            "due_date": ["Het jaar van 9999-12-31 ligt niet tussen 1900 en 2100."]
        }
        assert not DepartureInterview.objects.exists() and not AgreedAction.objects.exists()

    def test_a_date_typed_otherwise_is_shown_back_as_the_form_writes_it(self, officer_client, case):
        data = {**INTERVIEW, "summary": "", "actie-0-description": "Paspoort", "actie-0-due_date": "9-1-2027"}
        html = officer_client.post(_interview_url(case), data).text
        assert 'name="actie-0-due_date" value="09-01-2027"' in html


class TestChoicesWithoutDefault:
    def test_a_procedure_outcome_is_not_chosen_in_advance_and_must_be_chosen(self, officer_client, case):
        # Regression: the outcome defaulted to "Toegewezen"; filling in only the date recorded "granted".
        procedure = ProcedureFactory(case=case)
        url = reverse("cases:procedure_decide", kwargs={"pk": procedure.pk})
        html = officer_client.get(url).text
        assert '<option value="" selected>— kies —</option>' in html
        response = officer_client.post(url, {"outcome": "", "decided_on": "01-12-2026"})
        assert response.context["form"].errors == {"outcome": ["Kies de uitkomst."]}
        assert LegalProcedure.objects.get().outcome == "pending"


class TestPersonCorrection:
    def _url(self, case):
        return reverse("cases:person_edit", kwargs={"pk": case.pk})

    def test_the_form_shows_the_date_of_birth_and_languages_as_the_case_file_does(self, officer_client, case_officer):
        person = ForeignNationalFactory(
            date_of_birth=dt.date(1990, 5, 1), date_of_birth_precision="year_month", languages=["ara", "ti"]
        )
        case = CaseFactory(case_officer=case_officer, foreign_national=person)
        form = officer_client.get(self._url(case)).context["form"]
        assert form["date_of_birth"].value() == "05-1990"
        # "ara" typed years ago and "ar" chosen today are one language.
        assert form["languages"].value() == ["ar", "ti"]

    def test_an_unknown_sex_is_not_chosen_for_the_officer(self, officer_client, case_officer):
        case = CaseFactory(case_officer=case_officer, foreign_national__sex="unknown")
        assert officer_client.get(self._url(case)).context["form"]["sex"].value() == ""
        known = CaseFactory(case_officer=case_officer, foreign_national__sex="female")
        assert officer_client.get(self._url(known)).context["form"]["sex"].value() == "female"

    def test_a_person_with_many_languages_keeps_them_all_when_another_field_is_corrected(
        self, officer_client, case_officer
    ):
        languages = ["ar", "fr", "en", "aii"]
        case = CaseFactory(
            case_officer=case_officer, foreign_national__languages=languages, foreign_national__sex="male"
        )
        form = officer_client.get(self._url(case)).context["form"]
        data = {name: form[name].value() or "" for name in ("surname", "given_names", "date_of_birth", "sex")}
        data |= {f"languages_{n}": code for n, code in enumerate([*languages, ""])}
        response = officer_client.post(self._url(case), {**data, "surname": "Nieuw"})
        assert response.status_code == 302
        person = ForeignNational.objects.get(pk=case.foreign_national_id)
        assert (person.surname, person.languages) == ("Nieuw", languages)


def test_the_case_file_shows_languages_and_the_interpreter_language_by_name(officer_client, case_officer):
    case = CaseFactory(case_officer=case_officer, in_progress=True, foreign_national__languages=["ar", "ti"])
    InterviewFactory(case=case, interpreter_language="ara")
    html = officer_client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
    assert "<dd>Arabisch, Tigrinya</dd>" in html
    assert "Tolk persoonlijk aanwezig (Arabisch)" in html


class TestCorrectingADepartureTermThatSomeoneCorrectedMeanwhile:
    """Optimistic locking (issue 9, review §5): an edit made on an older read is refused, never a silent overwrite."""

    def test_the_second_correction_made_on_the_same_read_is_refused_and_the_first_stands(
        self, client, case, case_officer
    ):
        term = services.departure_term_record(
            case=case, effective_on=dt.date(2026, 11, 20), actor=case_officer, now=NOW
        )
        colleague = case.case_officer
        url = reverse("cases:departure_term_correct", kwargs={"pk": term.pk})
        client.force_login(colleague)
        read = client.get(url).context["form"].initial["version"]
        form = {"effective_on": "23-11-2026", "days": "28", "reason": "", "version": read}

        first = client.post(url, {**form, "correction": "Besluit later in werking getreden"})
        second = client.post(url, {**form, "effective_on": "25-11-2026", "correction": "Andere datum"})

        assert first.status_code == 302
        assert second.status_code == 200
        assert "Iemand anders heeft dit intussen gewijzigd" in second.text
        assert DepartureTerm.objects.get(pk=term.pk).effective_on == dt.date(2026, 11, 23)
        assert term.history.count() == 2  # recorded and the first correction; the stale one wrote nothing

    def test_the_form_carries_the_version_it_was_read_at_as_a_hidden_field(self, officer_client, case, case_officer):
        term = services.departure_term_record(
            case=case, effective_on=dt.date(2026, 11, 20), actor=case_officer, now=NOW
        )
        html = officer_client.get(reverse("cases:departure_term_correct", kwargs={"pk": term.pk})).text
        assert f'type="hidden" name="version" value="{services.departure_term_version(term)}"' in html
