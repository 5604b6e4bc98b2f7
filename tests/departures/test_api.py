"""The departures API: one endpoint per transition, the 409 of the notice rule, the KMar file and need to know."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.models import AccessLogEntry
from departures.models import Removal
from dtv.accounts.constants import Role
from tests.cases.api.support import api_client
from tests.factories.accounts import CaseOfficerFactory, ChainPartnerFactory, TeamLeadFactory, UserFactory
from tests.factories.departures import BOOKED, DEPARTS, local, notify, planned_removal, ready_forced_case

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    return reverse(f"departures:{name}", kwargs=kwargs)


def _forced(case):
    removal = planned_removal(case, kmar_escorts=2)
    return notify(removal, DEPARTS.astimezone(dt.UTC) - dt.timedelta(hours=47.5))


class TestTransitions:
    def test_confirm_with_late_notice_is_409_with_the_rule_and_the_latest_moment_and_nothing_changes(self):
        removal = _forced(ready_forced_case())
        client = api_client(removal.case.case_officer)
        with time_machine.travel(local(2026, 10, 25, 12), tick=False):
            response = client.post(_url("api-removal-confirm", pk=removal.pk), format="json")
        assert response.status_code == 409
        body = response.json()
        assert body["code"] == "flight_notice_too_late"
        assert "24 oktober 2026 11:00" in body["detail"] and body["errors"] == {}
        assert Removal.objects.get(pk=removal.pk).state == "notified"

    def test_book_notify_confirm_and_execute_through_the_api(self):
        case = ready_forced_case()
        client = api_client(case.case_officer)
        with time_machine.travel(BOOKED, tick=False):
            booked = client.post(
                _url("api-case-removals", pk=case.pk),
                {"kind": "scheduled", "carrier": "Royal Air Maroc", "flight_number": "AT851",
                 "departure_airport": "Schiphol", "departs_at": DEPARTS.isoformat(), "kmar_escorts": 2},
                format="json",
            )  # fmt: skip
        assert booked.status_code == 201, booked.json()
        pk = booked.json()["id"]
        with time_machine.travel(local(2026, 10, 23, 9), tick=False):
            for recipient in ("person", "legal_representative"):
                noticed = client.post(
                    _url("api-removal-notices", pk=pk),
                    {"recipient": recipient, "notified_at": local(2026, 10, 23, 9).isoformat(), "method": "letter"},
                    format="json",
                )
                assert noticed.status_code == 200, noticed.json()
        assert noticed.json()["state"] == "notified"
        with time_machine.travel(local(2026, 10, 25, 12), tick=False):
            confirmed = client.post(_url("api-removal-confirm", pk=pk), format="json")
        assert confirmed.status_code == 200, confirmed.json()
        assert {c["status"] for c in confirmed.json()["checks"]} == {"passed"}
        with time_machine.travel(local(2026, 10, 26, 12), tick=False):
            executed = client.post(
                _url("api-removal-execute", pk=pk),
                {"executed_at": local(2026, 10, 26, 10, 15).isoformat(), "escorted_by": "KMar, 2 escorts"},
                format="json",
            )
        assert executed.json()["state"] == "executed"

    def test_an_unknown_cancellation_code_is_400_and_nothing_changes(self):
        removal = planned_removal()
        client = api_client(removal.case.case_officer)
        response = client.post(_url("api-removal-cancel", pk=removal.pk), {"reason": "weather"}, format="json")
        assert (response.status_code, response.json()["code"]) == (400, "invalid")
        assert Removal.objects.get(pk=removal.pk).state == "planned"


class TestTheKmarFile:
    def test_kmar_reads_the_file_of_a_removal_it_escorts_with_the_medical_part_logged(self):
        removal = _forced(ready_forced_case())
        kmar = ChainPartnerFactory(chain_partner="kmar")
        response = api_client(kmar).get(_url("api-removal-file", pk=removal.pk))
        assert response.status_code == 200
        assert response.json()["score"] == 100 and response.json()["medical"]["fit_to_travel"] is True
        assert AccessLogEntry.objects.filter(user=kmar, case=removal.case, activity="departure_medical").count() == 1

    def test_kmar_gets_404_for_a_removal_it_does_not_escort(self):
        removal = planned_removal(ready_forced_case(), kmar_escorts=0)
        response = api_client(ChainPartnerFactory(chain_partner="kmar")).get(_url("api-removal-file", pk=removal.pk))
        assert response.status_code == 404

    def test_the_ind_partner_gets_nothing(self):
        removal = _forced(ready_forced_case())
        response = api_client(ChainPartnerFactory(chain_partner="ind")).get(_url("api-removal-file", pk=removal.pk))
        assert response.status_code in (403, 404)


class TestMedicalNeedToKnow:
    """Outside need to know the medical part is absent (API, page) and writing it is refused."""

    def test_the_team_lead_and_a_colleague_see_the_file_without_the_medical_part(self, client):
        removal = _forced(ready_forced_case())
        case = removal.case
        for reader in (TeamLeadFactory(team=case.team), CaseOfficerFactory(team=case.team)):
            body = api_client(reader).get(_url("api-removal-file", pk=removal.pk)).json()
            assert body["medical"] is None and body["score"] == 100
            client.force_login(reader)
            page = client.get(_url("file", pk=case.pk))
            assert page.status_code == 200
            assert (
                "Geen bijzonderheden" not in page.content.decode()
                and 'data-testid="medical"' not in page.content.decode()
            )
            refused = client.post(_url("file", pk=case.pk), {"part": "medical", "medical-particulars": "x"})
            assert refused.status_code == 403
        assert not AccessLogEntry.objects.filter(case=case, activity="departure_medical").exists()

    def test_the_case_officer_and_the_medical_staff_read_it_and_each_read_is_logged(self, client):
        removal = _forced(ready_forced_case())
        case = removal.case
        client.force_login(case.case_officer)
        page = client.get(_url("file", pk=case.pk))
        assert "Geen bijzonderheden" in page.content.decode()
        medic = UserFactory(role=Role.MEDICAL_STAFF, team=None)
        assert api_client(medic).get(_url("api-removal-file", pk=removal.pk)).json()["medical"]["fit_to_travel"]
        assert AccessLogEntry.objects.filter(case=case, activity="departure_medical").count() == 2
