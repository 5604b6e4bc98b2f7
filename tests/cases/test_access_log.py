"""The access log after issue 9: the fields of the Logboek Dataverwerkingen standard on every row (actor,
subject, processing activity, channel, result, time, trace id), a catalogue of processing activities that
every read names, and the privacy officer's filters and CSV export."""

import csv
import datetime as dt
import io

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cases import processing
from cases.accesslog import access_log_record, log_read
from cases.models import AccessLogEntry
from cases.processing import CASE_WORK, SEARCH, ProcessingActivity
from tests.factories.accounts import api_token_key
from tests.factories.api import HandoverFactory
from tests.factories.cases import CaseFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


class TestTheCatalogue:
    def test_every_activity_names_its_purpose_and_legal_basis(self):
        activities = processing.processing_activities()
        assert {a.code for a in activities} >= {"case_work", "caseload", "search", "intake", "partner_status"}
        for activity in activities:
            assert str(activity.name) and str(activity.purpose) and activity.legal_basis.startswith("AVG art. 6")

    def test_a_read_must_name_its_activity(self, case_officer):
        request = RequestFactory().get("/")
        request.user = case_officer
        with pytest.raises(TypeError):
            log_read(request, case=CaseFactory())  # no activity
        with pytest.raises(ValueError, match="Unknown processing activity"):
            log_read(request, case=CaseFactory(), activity="curiosity")
        assert not AccessLogEntry.objects.exists()

    def test_an_app_registers_its_own_activity_once(self):
        own = ProcessingActivity("test_detention", "Bewaring", "Toezicht en bewaring")
        try:
            assert processing.register_processing_activity(own) is own
            assert processing.register_processing_activity(own) is own
            with pytest.raises(ValueError, match="another definition"):
                processing.register_processing_activity(ProcessingActivity("test_detention", "Iets", "Anders"))
        finally:
            processing._CATALOGUE.pop("test_detention")


class TestEveryRowCarriesTheStandardsFields:
    def test_the_case_file_read_is_case_work_that_succeeded_with_a_trace_id(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer)
        client.force_login(case_officer)
        client.get(reverse("cases:case_detail", kwargs={"pk": case.pk}))
        entry = AccessLogEntry.objects.get()
        assert (entry.user, entry.foreign_national, entry.case) == (case_officer, case.foreign_national, case)
        assert (entry.activity, entry.channel, entry.result) == ("case_work", "web", "success")
        assert len(entry.trace_id) == 32 and int(entry.trace_id, 16)

    def test_the_trace_id_of_the_callers_traceparent_is_kept(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer)
        client.force_login(case_officer)
        trace = "4bf92f3577b34da6a3ce929d0e0e4736"
        url = reverse("cases:case_detail", kwargs={"pk": case.pk})
        client.get(url, HTTP_TRACEPARENT=f"00-{trace}-00f067aa0ba902b7-01")
        client.get(url, HTTP_TRACEPARENT="00-zz-nonsense")
        first, second = AccessLogEntry.objects.order_by("id")
        assert first.trace_id == trace and len(second.trace_id) == 32 and second.trace_id != trace

    def test_the_rows_of_one_search_share_their_trace_and_name_the_search(self, client, case_officer):
        for surname in ("Haddad", "Haddadi"):
            CaseFactory(case_officer=case_officer, foreign_national__surname=surname)
        client.force_login(case_officer)
        client.get(reverse("cases:search"), {"name": "Haddad"})
        rows = list(AccessLogEntry.objects.values_list("activity", "trace_id"))
        assert len(rows) == 2 and len(set(rows)) == 1 and rows[0][0] == "search"

    def test_a_chain_partners_read_is_status_information(self, client, chain_partner):
        case = CaseFactory()
        HandoverFactory(case=case, source="ind", received_by=chain_partner)
        client.get(f"/api/v1/cases/{case.pk}/", HTTP_AUTHORIZATION=f"Token {api_token_key(chain_partner)}")
        assert list(AccessLogEntry.objects.values_list("activity", "channel")) == [("partner_status", "api")]

    def test_the_staffs_api_read_is_case_work(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer)
        client.get(f"/api/v1/cases/{case.pk}/", HTTP_AUTHORIZATION=f"Token {api_token_key(case_officer)}")
        assert list(AccessLogEntry.objects.values_list("activity", "channel")) == [("case_work", "api")]


@pytest.fixture
def logged(case_officer, team_lead):
    """Three rows: the officer's case work, the lead's search, and a break-the-glass read with a reason."""
    first, second = CaseFactory(foreign_national__v_number="7200000001"), CaseFactory()
    access_log_record(user=case_officer, now=NOW, view_name="cases:case_detail", activity=CASE_WORK, case=first)
    access_log_record(user=team_lead, now=NOW, view_name="cases:search", activity=SEARCH, case=second)
    access_log_record(
        user=case_officer,
        now=NOW + dt.timedelta(days=2),
        view_name="cases:case_detail",
        activity=CASE_WORK,
        case=second,
        reason="=HYPERLINK(\"https://evil.example\") spoed",
    )
    return first, second


class TestThePrivacyOfficersPage:
    def _ids(self, client, **query):
        response = client.get(reverse("cases:access_log"), query)
        assert response.status_code == 200
        return [entry.pk for entry in response.context["entries"]]

    def test_filters_by_user_v_number_activity_reason_and_dates(self, client, privacy_officer, logged, case_officer):
        client.force_login(privacy_officer)
        everything = self._ids(client)
        assert len(everything) == 3
        assert len(self._ids(client, username=case_officer.username.upper())) == 2
        assert len(self._ids(client, username="niemand")) == 0
        assert len(self._ids(client, v_number="7200000001")) == 1
        assert len(self._ids(client, case=str(logged[1].pk))) == 2
        assert len(self._ids(client, activity="search")) == 1
        assert len(self._ids(client, break_glass_only="on")) == 1
        assert len(self._ids(client, date_from="24-11-2026")) == 1
        assert len(self._ids(client, date_to="23-11-2026")) == 2
        assert len(self._ids(client, result="denied")) == 0

    @pytest.mark.parametrize("query", [{"case": "²"}, {"case": "١٢"}, {"date_from": "31-12-9999"}])
    def test_odd_filter_values_give_the_form_with_its_errors_not_a_server_error(
        self, client, privacy_officer, logged, query
    ):
        client.force_login(privacy_officer)
        assert client.get(reverse("cases:access_log"), query).status_code == 200

    def test_a_page_parameter_that_is_not_a_number_gives_400_not_a_server_error(self, client, privacy_officer, logged):
        # Regression (review §4.5): `²` in /toegangslog/?voor= gave a ValueError from int().
        client.force_login(privacy_officer)
        response = client.get(reverse("cases:access_log"), {"voor": "²"})
        assert response.status_code == 400
        assert "geen getal" in response.text or "not a number" in response.text

    def test_the_next_page_link_keeps_the_filters(self, client, privacy_officer, case_officer):
        case = CaseFactory()
        for i in range(51):
            access_log_record(user=case_officer, now=NOW, view_name=f"v{i}", activity=CASE_WORK, case=case)
        client.force_login(privacy_officer)
        page = client.get(reverse("cases:access_log"), {"activity": "case_work"})
        assert "?activity=case_work&amp;voor=" in page.text

    def test_the_csv_export_holds_the_filtered_rows_and_defuses_formulas(self, client, privacy_officer, logged):
        client.force_login(privacy_officer)
        response = client.get(reverse("cases:access_log_export"), {"break_glass_only": "on"})
        assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert len(rows) == 1
        assert rows[0]["activity"] == "case_work" and rows[0]["result"] == "success"
        assert rows[0]["reason"].startswith("'=HYPERLINK")
        assert rows[0]["case"] == str(logged[1].pk) and len(rows[0]["trace_id"]) == 0

    def test_only_the_privacy_officer_exports(self, client, case_officer, logged):
        client.force_login(case_officer)
        assert client.get(reverse("cases:access_log_export")).status_code == 403
