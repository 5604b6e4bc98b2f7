"""The travel-document API: DT&V roles work requests through one endpoint per step; partners get nothing."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.constants import ProcedureKind
from laissezpasser.models import RequestTransition, TravelDocumentRequest
from tests.cases.api.support import api_client
from tests.factories.accounts import CaseOfficerFactory, ChainPartnerFactory
from tests.factories.api import HandoverFactory
from tests.factories.cases import ProcedureFactory
from tests.factories.laissezpasser import NOW, draft_request, moroccan_case, submitted_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _written():
    return (TravelDocumentRequest.objects.count(), RequestTransition.objects.count())


def _url(name, **kwargs):
    return reverse(f"laissezpasser:{name}", kwargs=kwargs)


def test_a_case_officer_drafts_submits_and_records_an_lp_through_the_api():
    case = moroccan_case()
    client = api_client(case.case_officer)

    created = client.post(_url("api-case-requests", pk=case.pk), {"country": "MAR"}, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    submitted = client.post(_url("api-request-submit", pk=pk), {"on": "2026-09-01", "channel": "email"}, format="json")
    assert (submitted.status_code, submitted.json()["state"]) == (200, "submitted")
    issued = client.post(
        _url("api-request-answer", pk=pk),
        {
            "answer": "issued",
            "on": "2026-11-02",
            "channel": "post",
            "lp_number": "LP9",
            "lp_issued_on": "2026-11-02",
            "lp_valid_until": "2026-12-31",
        },
        format="json",
    )
    body = issued.json()
    assert (issued.status_code, body["state"], body["lp_valid_until"]) == (200, "issued", "2026-12-31")
    assert [t["to_state"] for t in body["transitions"]] == ["draft", "submitted", "issued"]
    listed = client.get(_url("api-case-requests", pk=case.pk))
    assert [r["id"] for r in listed.json()] == [pk]


def test_a_broken_rule_is_409_with_its_code_and_writes_nothing():
    case = moroccan_case()
    request = submitted_request(case)
    ProcedureFactory(case=case, kind=ProcedureKind.APPEAL, may_await_in_nl=True)
    before = _written()
    response = api_client(case.case_officer).post(
        _url("api-request-schedule-presentation", pk=request.pk), {"on": "2026-12-01"}, format="json"
    )
    assert (response.status_code, response.json()["code"]) == (409, "rvs_no_presentation_during_appeal")
    assert _written() == before


def test_invalid_input_is_400_with_field_errors():
    request = draft_request()
    response = api_client(request.case.case_officer).post(
        _url("api-request-submit", pk=request.pk), {"on": "1-9-2026"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"on", "channel"}


def test_an_answer_before_submission_is_409():
    request = submitted_request(on=dt.date(2026, 9, 1))
    response = api_client(request.case.case_officer).post(
        _url("api-request-answer", pk=request.pk),
        {"answer": "not_national", "on": "2026-08-01", "channel": "email"},
        format="json",
    )
    assert (response.status_code, response.json()["code"]) == (409, "answer_before_submission")


def test_outside_the_scope_is_404_and_a_chain_partner_in_scope_403():
    request = draft_request()
    stranger = CaseOfficerFactory()
    assert api_client(stranger).get(_url("api-request-detail", pk=request.pk)).status_code == 404
    assert api_client(stranger).get(_url("api-case-requests", pk=request.case_id)).status_code == 404
    partner = ChainPartnerFactory()
    HandoverFactory(case=request.case, source="ind")
    assert api_client(partner).get(_url("api-case-requests", pk=request.case_id)).status_code == 403
    assert api_client(partner).get(_url("api-request-detail", pk=request.pk)).status_code == 403
    assert api_client(partner).get(_url("api-country-list")).status_code == 403


def test_the_countries_are_read_only_reference_data():
    client = api_client(CaseOfficerFactory())
    countries = client.get(_url("api-country-list")).json()
    assert len(countries) == 251
    morocco = client.get(_url("api-country-detail", code="MAR")).json()
    assert (morocco["response_days"], len(morocco["missions"])) == (60, 3)
    assert client.post(_url("api-country-list"), {}, format="json").status_code == 405


def test_the_schema_documents_every_endpoint():
    schema = api_client(CaseOfficerFactory()).get(reverse("api-schema"), {"format": "json"}).json()
    paths = [p for p in schema["paths"] if "travel-document" in p or "countries" in p]
    assert len(paths) == 14
