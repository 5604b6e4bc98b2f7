"""The pages: the case-file panel, the request page with its steps (htmx and whole page), the countries."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import AccessLogEntry
from laissezpasser import services
from laissezpasser.constants import Answer, Channel
from laissezpasser.models import TravelDocumentRequest
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.laissezpasser import NOW, draft_request, issued_request, moroccan_case, submitted_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _case_file(client, case):
    return client.get(reverse("cases:case_detail", kwargs={"pk": case.pk}))


class TestThePanel:
    def test_the_case_file_shows_the_requests_the_lp_and_the_header_loses_the_obstacle(self, client):
        case = moroccan_case()
        client.force_login(case.case_officer)
        page = _case_file(client, case).text
        assert "Reisdocumenten" in page
        assert "Geen geldig reisdocument" in page
        issued_request(case, valid_until=dt.date(2026, 12, 31))
        page = _case_file(client, case).text
        assert "Laissez-passer issued" not in page  # Dutch by default
        assert "LP-2026-0001" in page
        assert "Geen geldig reisdocument" not in page

    def test_the_case_file_costs_the_same_with_one_request_or_many(self, client, django_assert_max_num_queries):
        case = moroccan_case()
        submitted_request(case)
        client.force_login(case.case_officer)
        with django_assert_max_num_queries(12) as few:
            _case_file(client, case)
        for code in ("DZA", "TUN", "EGY"):
            from cases.constants import NationalityStatus
            from tests.factories.api import NationalityFactory

            NationalityFactory(foreign_national=case.foreign_national, country=code, status=NationalityStatus.CLAIMED)
            submitted_request(case, country=code)
        with django_assert_max_num_queries(12) as many:
            response = _case_file(client, case)
        assert response.text.count("laissezpasser/aanvragen/") >= 0
        assert len(many.captured_queries) == len(few.captured_queries)


class TestTheRequestPage:
    def test_shows_the_history_and_logs_the_read(self, client):
        request = submitted_request()
        client.force_login(request.case.case_officer)
        response = client.get(reverse("laissezpasser:request_detail", kwargs={"pk": request.pk}))
        assert response.status_code == 200
        assert "Ingediend" in response.text
        assert AccessLogEntry.objects.filter(case=request.case, activity="travel_documents").count() == 1

    def test_a_step_through_htmx_swaps_the_request_and_a_whole_page_post_redirects(self, client):
        request = submitted_request()
        client.force_login(request.case.case_officer)
        url = reverse("laissezpasser:request_step", kwargs={"pk": request.pk, "step": "escalate"})
        response = client.post(url, {"escalate-on": "20-11-2026"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="lp-request")
        assert response.status_code == 200
        assert response.text.startswith('<div id="lp-request">')
        assert TravelDocumentRequest.objects.get(pk=request.pk).state == "escalated"
        url = reverse("laissezpasser:request_step", kwargs={"pk": request.pk, "step": "withdraw"})
        response = client.post(url, {"withdraw-reason": "no_answer"})
        assert response.status_code == 302

    def test_a_step_through_htmx_says_recorded_in_the_live_region_and_queues_no_message(self, client):
        # Regression: the confirmation was queued as a message, so every step taken here showed up later
        # on the next whole page (the case file), and nothing was said where the step was taken.
        request = submitted_request()
        client.force_login(request.case.case_officer)
        page = client.get(reverse("laissezpasser:request_detail", kwargs={"pk": request.pk})).text
        assert '<div id="lp-status" role="status"></div>' in page
        url = reverse("laissezpasser:request_step", kwargs={"pk": request.pk, "step": "escalate"})
        response = client.post(url, {"escalate-on": "20-11-2026"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="lp-request")
        assert '<div id="lp-status" hx-swap-oob="innerHTML">' in response.text
        assert "Vastgelegd." in response.text
        assert "Vastgelegd." not in _case_file(client, request.case).text

    def test_a_refused_step_shows_the_rule_on_the_form_and_writes_nothing(self, client):
        request = submitted_request(on=dt.date(2026, 9, 1))
        client.force_login(request.case.case_officer)
        url = reverse("laissezpasser:request_step", kwargs={"pk": request.pk, "step": "answer"})
        response = client.post(
            url, {"answer-answer": "not_national", "answer-on": "01-08-2026", "answer-channel": "email"}
        )
        assert response.status_code == 200
        assert "kan niet liggen vóór de indiening" in response.text or "indiening" in response.text
        assert TravelDocumentRequest.objects.get(pk=request.pk).state == "submitted"

    def test_outside_the_scope_is_404(self, client):
        request = draft_request()
        client.force_login(CaseOfficerFactory())
        assert client.get(reverse("laissezpasser:request_detail", kwargs={"pk": request.pk})).status_code == 404

    def test_drafting_a_request_from_the_case_file(self, client):
        case = moroccan_case()
        client.force_login(case.case_officer)
        url = reverse("laissezpasser:request_add", kwargs={"pk": case.pk})
        page = client.get(url)
        assert page.status_code == 200
        # Regression: the button said "Concept" (the msgid "Draft" is also the state's name).
        assert "Aanvraag opstellen</button>" in page.text
        response = client.post(url, {"country": "MAR"})
        assert response.status_code == 302
        assert TravelDocumentRequest.objects.get(case=case).country.code == "MAR"


class TestTheCountryPages:
    def test_the_list_and_a_country(self, client):
        issued_request()
        client.force_login(CaseOfficerFactory())
        listing = client.get(reverse("laissezpasser:country_list"))
        assert listing.status_code == 200
        assert "Marokko (MAR)" in listing.text
        page = client.get(reverse("laissezpasser:country_detail", kwargs={"code": "MAR"}))
        assert page.status_code == 200
        assert "Oranjestraat 9" in page.text


def _more_moroccan_requests():
    """Eleven more Moroccan requests over three years: drafts, submitted, refused, issued."""
    for _draft in range(3):
        draft_request()
    for year in (2024, 2025, 2026):
        submitted_request(on=dt.date(year, 3, 1))
    for _refused in range(2):
        request = submitted_request(on=dt.date(2026, 5, 4))
        services.request_record_answer(
            request=request, answer=Answer.NOT_ESTABLISHED, on=dt.date(2026, 9, 1), channel=Channel.POST,
            actor=request.case.case_officer, now=NOW,
        )  # fmt: skip
    for _issued in range(3):
        issued_request()


class TestConstantQueries:
    """The country pages cost the same number of queries whatever the number of requests they count."""

    def test_the_country_page(self, client):
        issued_request()
        client.force_login(CaseOfficerFactory())
        url = reverse("laissezpasser:country_detail", kwargs={"code": "MAR"})
        with CaptureQueriesContext(connection) as one:
            client.get(url)
        _more_moroccan_requests()
        with CaptureQueriesContext(connection) as twelve:
            page = client.get(url)
        assert len(twelve.captured_queries) == len(one.captured_queries)
        stats = page.context["stats"]
        assert (stats.lps_issued, stats.response.count, sum(stats.open_by_state.values())) == (4, 6, 10)

    def test_the_figures_are_cached_until_the_country_has_a_new_transition(self, client):
        request = submitted_request(on=dt.date(2026, 9, 1))
        client.force_login(CaseOfficerFactory())
        url = reverse("laissezpasser:country_detail", kwargs={"code": "MAR"})
        with CaptureQueriesContext(connection) as counted:
            first = client.get(url).context["stats"]
        with CaptureQueriesContext(connection) as cached:
            again = client.get(url).context["stats"]
        # Counted: the open requests by state and the country's tallies, two indexed reads (tallies.py).
        assert len(cached.captured_queries) == len(counted.captured_queries) - 2
        assert again == first and first.response.count == 0
        services.request_record_answer(
            request=request, answer=Answer.NOT_NATIONAL, on=dt.date(2026, 10, 1), channel=Channel.POST,
            actor=request.case.case_officer, now=NOW,
        )  # fmt: skip
        after = client.get(url).context["stats"]
        assert (after.response.count, after.response.median, after.confirmation_rate) == (1, 30, 0)

    def test_the_country_list(self, client):
        client.force_login(CaseOfficerFactory())
        url = reverse("laissezpasser:country_list")
        with CaptureQueriesContext(connection) as none:
            client.get(url)
        _more_moroccan_requests()
        with CaptureQueriesContext(connection) as eleven:
            page = client.get(url)
        assert len(eleven.captured_queries) == len(none.captured_queries)
        assert {c.code: c.open_requests for c in page.context["countries"]}["MAR"] == 9
