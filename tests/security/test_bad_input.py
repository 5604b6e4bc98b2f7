"""Review 1, findings 6 and 12 (§4 Bad input): impossible-to-carry dates, non-ASCII digits, oversized extras → 400.

- An agreed action due 9999-12-31 gave an OverflowError (500) through the API and the HTML form;
  a procedure lodged on 0001-01-01 and interim relief until 9999-12-31 were accepted.
- Arabic-Indic and fullwidth digits were accepted as V-numbers (API 201, intake form 302).
- 40 KB of unknown handover fields were stored in the payload.
Each answer is a field error (API 400 with the field, the form a Dutch message) and nothing is saved.
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import AgreedAction, Case, CaseEvent, DepartureInterview, ForeignNational, Handover, LegalProcedure
from tests.factories.accounts import ChainPartnerFactory, api_token_key
from tests.factories.cases import CaseFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)

HANDOVER = {
    "reference": "R-BAD-1",
    "handover_date": "2026-12-01",
    "v_number": "9300000001",
    "surname": "A",
    "sex": "unknown",
    "nationalities": [{"country": "XXX", "status": "claimed"}],
    "track": "asylum_rejected",
}
INTERVIEW = {
    "kind": "first",
    "held_at": "2026-12-01T14:00:00+01:00",
    "interpreter_mode": "none",
    "no_interpreter_reason": "Spreekt Nederlands.",
    "stance": "undecided",
    "summary": "x",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def token(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_key(user)}")
    return client


def rows():
    models = (ForeignNational, Case, Handover, CaseEvent, DepartureInterview, AgreedAction, LegalProcedure)
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def case(case_officer):
    return CaseFactory(case_officer=case_officer, in_progress=True)


class TestDatesTheArithmeticCannotCarry:
    @pytest.mark.parametrize("due", ["9999-12-31", "0001-01-01", "2101-01-01"])
    def test_an_agreed_action_due_out_of_range_is_a_field_error_through_the_api(self, case, case_officer, due):
        before = rows()
        body = {**INTERVIEW, "actions": [{"description": "a", "party": "foreign_national", "due_date": due}]}
        response = token(case_officer).post(f"/api/v1/cases/{case.pk}/interviews/", body, format="json")
        assert response.status_code == 400
        assert response.json()["code"] == "invalid"
        assert "due_date" in str(response.json()["errors"]["actions"])
        assert rows() == before

    def test_the_same_date_in_the_html_form_is_a_dutch_field_error(self, client, case, case_officer):
        client.force_login(case_officer)
        before = rows()
        response = client.post(
            reverse("cases:interview_add", args=[case.pk]),
            {
                "kind": "first",
                "held_at": "01-12-2026 14:00",
                "interpreter_mode": "none",
                "no_interpreter_reason": "Spreekt Nederlands.",
                "stance": "undecided",
                "summary": "x",
                "actie-TOTAL_FORMS": "1",
                "actie-INITIAL_FORMS": "0",
                "actie-0-description": "Paspoort",
                "actie-0-party": "foreign_national",
                "actie-0-due_date": "31-12-9999",
            },
        )
        assert response.status_code == 200
        assert "ligt niet tussen 1900 en 2100" in response.text
        assert rows() == before

    def test_a_procedure_lodged_on_0001_01_01_is_refused(self, case, case_officer):
        before = rows()
        response = token(case_officer).post(
            f"/api/v1/cases/{case.pk}/procedures/",
            {"kind": "appeal", "lodged_on": "0001-01-01", "may_await_in_nl": True},
            format="json",
        )
        assert (response.status_code, list(response.json()["errors"])) == (400, ["lodged_on"])
        assert rows() == before

    def test_interim_relief_until_9999_12_31_is_refused(self, case, case_officer):
        procedure = ProcedureFactory(case=case, kind="interim_measure", lodged_on=dt.date(2026, 11, 1))
        response = token(case_officer).post(
            f"/api/v1/procedures/{procedure.pk}/decide/",
            {"outcome": "granted", "decided_on": "2026-11-20", "effective_until": "9999-12-31"},
            format="json",
        )
        assert (response.status_code, list(response.json()["errors"])) == (400, ["effective_until"])
        procedure.refresh_from_db()
        assert (procedure.outcome, procedure.effective_until) == ("pending", None)


class TestVNumbersInOtherDigits:
    @pytest.mark.parametrize("v_number", ["١٢٣٤٥٦٧٨٩٠", "１２３４５６７８９０", "123456789²"])
    def test_the_api_refuses_digits_that_are_not_ascii(self, v_number):
        response = token(ChainPartnerFactory()).post(
            "/api/v1/handovers/", {**HANDOVER, "v_number": v_number}, format="json"
        )
        assert (response.status_code, list(response.json()["errors"])) == (400, ["v_number"])
        assert ForeignNational.objects.count() == 0

    def test_the_intake_form_refuses_them_too(self, client, case_officer):
        client.force_login(case_officer)
        response = client.post(
            reverse("cases:intake"),
            {
                "reference": "SELF-1",
                "v_number": "١٢٣٤٥٦٧٨٩٠",
                "surname": "A",
                "sex": "unknown",
                "nationality": "XXX",
                "nationality_status": "claimed",
                "track": "self_registered",
                "handover_date": "01-12-2026",
            },
        )
        assert response.status_code == 200
        assert response.context["form"].errors["v_number"] == ["Een V-nummer bestaat uit precies 10 cijfers."]
        assert ForeignNational.objects.count() == 0

    def test_a_typed_date_in_arabic_indic_digits_is_refused(self, client, case, case_officer):
        client.force_login(case_officer)
        response = client.post(
            reverse("cases:procedure_add", args=[case.pk]),
            {"kind": "appeal", "lodged_on": "٠١-١٢-٢٠٢٦", "may_await_in_nl": "True"},
        )
        assert response.status_code == 200 and "lodged_on" in response.context["form"].errors
        assert LegalProcedure.objects.count() == 0


class TestUnknownHandoverFields:
    def test_40_kb_of_unknown_fields_are_refused_and_nothing_is_stored(self):
        extras = {f"extra_{n}": "x" * 1000 for n in range(40)}
        response = token(ChainPartnerFactory()).post("/api/v1/handovers/", {**HANDOVER, **extras}, format="json")
        assert (response.status_code, response.json()["code"]) == (400, "invalid")
        assert "non_field_errors" in response.json()["errors"]
        assert Handover.objects.count() == 0

    def test_a_few_unknown_fields_are_kept_as_received(self):
        response = token(ChainPartnerFactory()).post(
            "/api/v1/handovers/", {**HANDOVER, "dossier_ind": "IND-9"}, format="json"
        )
        assert response.status_code == 201
        assert Handover.objects.get().payload["dossier_ind"] == "IND-9"
