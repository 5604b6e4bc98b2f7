"""The operation pages and API: the manifest in constant queries, scope per row, the PDF download, KMar's read."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import AccessLogEntry
from departures import documents
from departures.models import OperationPassenger
from tests.cases.api.support import api_client
from tests.factories.accounts import ChainPartnerFactory, TeamLeadFactory
from tests.factories.departures import BOOKED, DEPARTS, notify
from tests.factories.operations import charter, on_board

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    return reverse(f"departures:{name}", kwargs=kwargs)


def _page_queries(client, operation):
    with CaptureQueriesContext(connection) as queries, time_machine.travel(BOOKED, tick=False):
        response = client.get(_url("operation_detail", pk=operation.pk))
    assert response.status_code == 200
    return len(queries), response.content.decode()


class TestTheManifestPage:
    def test_costs_the_same_queries_for_two_people_as_for_eight(self, client):
        operation = charter()
        lead = TeamLeadFactory(team=operation.team)
        for seat in ("1A", "1B"):
            notify(on_board(operation, seat=seat).removal, DEPARTS.astimezone(dt.UTC) - dt.timedelta(hours=50))
        client.force_login(lead)
        few, _page = _page_queries(client, operation)
        for seat in ("2A", "2B", "3A", "3B", "4A", "4B"):
            on_board(operation, seat=seat)
        many, page = _page_queries(client, operation)
        assert many == few
        assert page.count('data-testid="manifest-row"') == 8

    def test_a_case_officer_sees_their_own_people_and_only_a_count_of_the_others(self, client):
        operation = charter()
        mine = on_board(operation, seat="1A")
        other = on_board(operation, seat="1B")
        client.force_login(mine.removal.case.case_officer)
        _queries, page = _page_queries(client, operation)
        assert mine.removal.case.foreign_national.v_number in page
        assert other.removal.case.foreign_national.v_number not in page
        assert other.removal.case.foreign_national.surname not in page
        assert 'data-testid="manifest-outside"' in page
        assert 'data-testid="pdf-status"' not in page  # the whole manifest is the organisers' and KMar's

    def test_adding_a_case_by_its_v_number_books_it_on_the_flight(self, client):
        operation = charter()
        first = on_board(operation)
        case = first.removal.case.__class__.objects.get(pk=first.removal.case_id)
        from tests.factories.departures import ready_forced_case

        another = ready_forced_case()
        another.case_officer = case.case_officer
        another.team = case.team
        another.save()
        client.force_login(case.case_officer)
        with time_machine.travel(BOOKED, tick=False):
            response = client.post(
                _url("operation_detail", pk=operation.pk),
                {"add-v_number": another.foreign_national.v_number, "add-seat": "9F"},
            )
        assert response.status_code == 302
        assert OperationPassenger.objects.get(removal__case=another).seat == "9F"

    def test_a_v_number_outside_the_users_cases_reads_as_unknown_and_nothing_is_written(self, client):
        operation = charter()
        mine, other = on_board(operation), on_board(operation)
        client.force_login(mine.removal.case.case_officer)
        with time_machine.travel(BOOKED, tick=False):
            response = client.post(
                _url("operation_detail", pk=operation.pk),
                {"add-v_number": other.removal.case.foreign_national.v_number},
            )
        assert response.status_code == 200
        assert "No open case with this V-number" in response.content.decode() or "Geen open zaak" in (
            response.content.decode()
        )
        assert OperationPassenger.objects.count() == 2

    def test_the_organising_lead_downloads_the_pdf_and_the_read_is_logged_per_person(self, client):
        operation = charter()
        on_board(operation, seat="1A")
        on_board(operation, seat="1B")
        documents.manifest_pdf_render(operation_id=operation.pk, now=BOOKED)
        lead = TeamLeadFactory(team=operation.team)
        client.force_login(lead)
        before = AccessLogEntry.objects.filter(user=lead).count()
        response = client.get(_url("operation_pdf", pk=operation.pk))
        assert response.status_code == 200 and response.content.startswith(b"%PDF-")
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert AccessLogEntry.objects.filter(user=lead).count() == before + 2

    def test_a_lead_of_another_team_may_not_download_it(self, client):
        operation = charter()
        on_board(operation)
        documents.manifest_pdf_render(operation_id=operation.pk, now=BOOKED)
        client.force_login(TeamLeadFactory())
        assert client.get(_url("operation_pdf", pk=operation.pk)).status_code == 403


class TestTheApi:
    def test_kmar_reads_the_whole_manifest_of_an_operation_it_escorts_without_medical_particulars(self):
        operation = charter()
        on_board(operation, seat="1A")
        on_board(operation, seat="1B")
        kmar = ChainPartnerFactory(chain_partner="kmar")
        with time_machine.travel(BOOKED, tick=False):
            listed = api_client(kmar).get(_url("api-operations"))
            response = api_client(kmar).get(_url("api-operation-manifest", pk=operation.pk))
        assert [o["reference"] for o in listed.json()] == ["CHARTER-2026-43"]
        body = response.json()
        assert response.status_code == 200 and [p["seat"] for p in body["people"]] == ["1A", "1B"]
        assert "medical" not in str(body["people"][0].keys())
        assert AccessLogEntry.objects.filter(user=kmar, channel="api").count() == 2

    def test_kmar_reads_nothing_of_an_operation_it_does_not_escort(self):
        operation = charter(kmar_escorts=0)
        on_board(operation)
        kmar = ChainPartnerFactory(chain_partner="kmar")
        with time_machine.travel(BOOKED, tick=False):
            assert api_client(kmar).get(_url("api-operation-manifest", pk=operation.pk)).status_code == 404
            assert api_client(kmar).get(_url("api-operations")).json() == []

    def test_another_chain_partner_is_refused(self):
        operation = charter()
        with time_machine.travel(BOOKED, tick=False):
            client = api_client(ChainPartnerFactory())
            assert client.get(_url("api-operation-manifest", pk=operation.pk)).status_code == 403
            assert client.get(_url("api-operations")).status_code == 403
