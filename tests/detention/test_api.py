"""The detention API: one endpoint per transition, errors as {code, detail, errors}; partners get nothing."""

import pytest
import time_machine
from django.urls import reverse

from detention.models import DetentionOrder, Measure
from tests.cases.api.support import api_client
from tests.factories.detention import COMPLETE, NOW, issued_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _url(name, **kwargs):
    return reverse(f"detention:{name}", kwargs=kwargs)


def _json_draft():
    return {
        **{k: v for k, v in COMPLETE.items() if k not in ("flight_booked_on", "hearing_at")},
        "flight_booked_on": COMPLETE["flight_booked_on"].isoformat(),
        "hearing_at": COMPLETE["hearing_at"].isoformat(),
    }


def test_an_incomplete_order_is_refused_with_409_listing_what_is_missing(case, enforcer):
    client = api_client(enforcer)
    created = client.post(_url("api-case-orders", pk=case.pk), {"article": "59"}, format="json")
    assert created.status_code == 201, created.json()
    refused = client.post(_url("api-order-issue", pk=created.json()["id"]), {}, format="json")
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "order_incomplete"
    assert "non_refoulement" in body["errors"]["codes"]
    assert "Leg een actuele non-refoulementtoets vast." in body["errors"]["missing"]
    assert not Measure.objects.exists()


def test_the_enforcement_officer_drafts_and_issues_and_the_court_rules(case, enforcer):
    client = api_client(enforcer)
    created = client.post(_url("api-case-orders", pk=case.pk), _json_draft(), format="json")
    assert created.status_code == 201, created.json()
    issued = client.post(_url("api-order-issue", pk=created.json()["id"]), {}, format="json")
    assert (issued.status_code, issued.json()["state"]) == (200, "issued")
    measure = Measure.objects.get(order_id=created.json()["id"])
    ruling = client.post(
        _url("api-measure-ruling", pk=measure.pk),
        {"on": NOW.date().isoformat(), "ruling": "lawful", "grounds": "Voldoende zicht op uitzetting"},
        format="json",
    )
    assert ruling.status_code == 200, ruling.json()
    assert ruling.json()["court"][0]["ruling"] == "lawful"
    again = client.post(_url("api-order-update", pk=created.json()["id"]), {"article": "59a"}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "order_immutable")


def test_a_case_officer_imposes_nothing_and_nothing_is_written(case):
    client = api_client(case.case_officer)
    refused = client.post(
        _url("api-case-measures", pk=case.pk),
        {"kind": "reporting_duty", "ground": "x", "frequency_days": 7, "place": "Ter Apel"},
        format="json",
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    assert not Measure.objects.exists()


def test_a_holding_is_imposed_and_its_extension_needs_the_authorised_officer(case, enforcer, lead):
    created = api_client(enforcer).post(
        _url("api-case-measures", pk=case.pk), {"kind": "holding", "ground": "Identiteit onbekend"}, format="json"
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    body = {"hours": 24, "reason": "Vingerafdrukken in onderzoek"}
    assert api_client(enforcer).post(_url("api-measure-extend", pk=pk), body, format="json").status_code == 403
    extended = api_client(lead).post(_url("api-measure-extend", pk=pk), body, format="json")
    assert extended.status_code == 200, extended.json()
    assert extended.json()["extended_until"] is not None


def test_an_issued_order_reads_back_with_its_pdf_state(case, enforcer):
    order = issued_order(case, actor=enforcer)
    got = api_client(enforcer).get(_url("api-order-detail", pk=order.pk))
    assert (got.status_code, got.json()["render_state"]) == (200, "queued")
    assert DetentionOrder.objects.count() == 1
