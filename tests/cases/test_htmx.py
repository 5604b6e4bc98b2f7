"""htmx for real (issue 8 §3): the work queue's filters and pager, a work item done, the menu's counts.

Without JavaScript every URL answers with its whole page; an htmx request names the element it swaps
(HX-Target) and gets only that fragment.
"""

import datetime as dt

import pytest
from django.urls import reverse

from cases.deadlines.engine import deadline_open
from cases.models import WorkItem
from tests.factories.cases import CaseFactory

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
URL = reverse("cases:workqueue")
QUEUE = {"HX-Request": "true", "HX-Target": "queue-results"}

pytestmark = pytest.mark.django_db


def _queue(officer, n=3):
    cases = CaseFactory.create_batch(n, case_officer=officer, in_progress=True)
    for case in cases:
        case.foreign_national.nationalities.create(country="ERI", status="claimed")
    return cases


class TestWorkQueueFragment:
    def test_an_htmx_filter_request_gets_only_the_results_with_the_count_for_the_status_line(
        self, client, case_officer
    ):
        _queue(case_officer)
        client.force_login(case_officer)
        response = client.get(URL, {"nationaliteit": "ERI"}, headers=QUEUE)
        html = response.text
        assert response.status_code == 200
        assert [t.name for t in response.templates][0] == "cases/_workqueue_results.html"
        assert "<html" not in html and "<form method=\"get\" class=\"regie-filters\"" not in html
        assert html.count('<tr class="utrecht-table__row">') == 1 + 3  # the header row and three cases
        assert '<p id="queue-status" hx-swap-oob="innerHTML">3 openstaande zaken</p>' in html
        assert "HX-Request" in response["Vary"]

    def test_the_same_url_without_htmx_is_the_whole_page_with_filters_wired_to_the_results(
        self, client, case_officer
    ):
        _queue(case_officer)
        client.force_login(case_officer)
        html = client.get(URL, {"nationaliteit": "ERI"}).text
        assert html.startswith("<!DOCTYPE html>") and 'id="queue-results"' in html
        assert 'hx-get="/werkvoorraad/" hx-target="#queue-results" hx-push-url="true"' in html
        assert '<p id="queue-status" class="rhc-visually-hidden" role="status"></p>' in html
        assert "hx-swap-oob" not in html

    def test_a_history_restore_gets_the_whole_page(self, client, case_officer):
        # Back in the browser without htmx's snapshot: htmx asks for the page to replace the whole body.
        client.force_login(case_officer)
        response = client.get(URL, headers={**QUEUE, "HX-History-Restore-Request": "true"})
        assert response.text.startswith("<!DOCTYPE html>")

    def test_an_htmx_request_for_another_element_gets_the_whole_page(self, client, case_officer):
        client.force_login(case_officer)
        response = client.get(URL, headers={"HX-Request": "true", "HX-Target": "main"})
        assert response.text.startswith("<!DOCTYPE html>")

    def test_the_pager_fetches_the_next_page_into_the_results(self, client, team_lead, case_officer):
        CaseFactory.create_batch(51, case_officer=case_officer)
        client.force_login(team_lead)
        html = client.get(URL, {"weergave": "team"}, headers=QUEUE).text
        assert 'rel="next" href="?weergave=team&amp;pagina=' in html
        assert 'hx-target="#queue-results" hx-push-url="true">Volgende pagina</a>' in html

    def test_the_fragment_needs_no_more_queries_than_the_page_and_none_per_row(
        self, client, case_officer, django_assert_max_num_queries
    ):
        _queue(case_officer, n=2)
        client.force_login(case_officer)
        client.get(URL)
        with django_assert_max_num_queries(40) as page:
            client.get(URL)
        with django_assert_max_num_queries(40) as few:
            client.get(URL, headers=QUEUE)
        _queue(case_officer, n=20)
        with django_assert_max_num_queries(40) as many:
            client.get(URL, headers=QUEUE)
        assert len(few.captured_queries) == len(many.captured_queries) == len(page.captured_queries)


@pytest.fixture
def item(case_officer):
    """A work item of the officer's case without a live deadline (its deadline was met or never existed)."""
    case = CaseFactory(case_officer=case_officer, in_progress=True)
    return WorkItem.objects.create(case=case, assignee=case_officer, created_at=NOW, due_at=NOW)


class TestWorkItemDone:
    def _post(self, client, item, **headers):
        return client.post(reverse("cases:work_item_done", args=[item.pk]), headers=headers)

    def test_htmx_gets_the_panel_back_with_what_happened_and_the_menus_counts(self, client, case_officer, item):
        client.force_login(case_officer)
        response = self._post(client, item, **{"HX-Request": "true", "HX-Target": "taken"})
        html = response.text
        assert response.status_code == 200
        assert html.startswith('<section id="taken"') and "<html" not in html
        assert 'role="status" tabindex="-1" data-focus-after-swap><p class="utrecht-paragraph">' in html
        assert "Geen openstaande taken." in html
        assert '<span id="nav-badge-cases-notifications" hx-swap-oob="innerHTML">' in html
        item.refresh_from_db()
        assert item.done_at is not None and item.done_by == case_officer

    def test_without_htmx_it_redirects_to_the_case_file(self, client, case_officer, item):
        client.force_login(case_officer)
        response = self._post(client, item)
        assert response.status_code == 302 and response["Location"] == f"/zaken/{item.case_id}/#taken"

    def test_an_item_done_already_says_so_in_the_panel_and_changes_nothing(self, client, case_officer, item):
        WorkItem.objects.filter(pk=item.pk).update(done_at=NOW, done_by=case_officer)
        client.force_login(case_officer)
        html = self._post(client, item, **{"HX-Request": "true", "HX-Target": "taken"}).text
        assert 'role="alert"' in html and "Deze taak is al afgehandeld." in html
        item.refresh_from_db()
        assert item.done_at == NOW

    def test_an_item_whose_deadline_is_live_sends_htmx_to_the_confirmation_page(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        deadline = deadline_open(
            case=case, kind="agreed_action", start=dt.date(2026, 11, 20), actor=case_officer, now=NOW
        )
        item = WorkItem.objects.create(case=case, deadline=deadline, assignee=case_officer, created_at=NOW)
        client.force_login(case_officer)
        response = self._post(client, item, **{"HX-Request": "true", "HX-Target": "taken"})
        assert response.status_code == 204
        assert response["HX-Redirect"] == reverse("cases:deadline_met", args=[deadline.pk])
        item.refresh_from_db()
        assert item.done_at is None

    def test_the_case_file_wires_the_done_button_to_the_panel(self, client, case_officer, item):
        client.force_login(case_officer)
        html = client.get(reverse("cases:case_detail", args=[item.case_id])).text
        url = reverse("cases:work_item_done", args=[item.pk])
        assert f'hx-post="{url}" hx-target="#taken" hx-swap="outerHTML"' in html
        assert '<span id="nav-badge-cases-notifications"></span>' in html
