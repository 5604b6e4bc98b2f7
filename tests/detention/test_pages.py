"""The pages: the case-file panel with the clocks, the order wizard, issuing, the PDF, the queue, the legality list."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.models import AccessLogEntry
from detention import documents
from detention.models import DetentionOrder, Measure
from tests.factories.accounts import EnforcementOfficerFactory, TeamLeadFactory
from tests.factories.detention import COMPLETE, NOW, detention_case, draft_order, issued_order

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _wizard_post(order, **fields):
    data = {
        "article": fields.get("article", ""),
        "detention_location": fields.get("detention_location", ""),
        "prospect_evidence": fields.get("prospect_evidence", ""),
        "flight_booked_on": fields.get("flight_booked_on", ""),
        "non_refoulement": fields.get("non_refoulement", ""),
        "hearing_at": fields.get("hearing_at", ""),
        "interpreter": fields.get("interpreter", ""),
        "lawyer": fields.get("lawyer", ""),
        "vulnerability": fields.get("vulnerability", ""),
        "last_resort": "",
    }
    for ground in fields.get("grounds", []):
        data[f"ground_{ground['code']}"] = "on"
        data[f"facts_{ground['code']}"] = ground["facts"]
    for rung, reason in fields.get("lighter_measures", {}).items():
        data[f"lighter_{rung}"] = reason
    return data


COMPLETE_FORM = {
    **COMPLETE,
    "flight_booked_on": "10-12-2026",
    "hearing_at": "23-11-2026 09:00",
    "lawyer": "present",
}


class TestTheCaseFilePanel:
    def test_shows_the_measures_and_the_clocks_of_a_detention(self, client, case, enforcer):
        issued_order(case, actor=enforcer)
        client.force_login(enforcer)
        page = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
        assert "Toezicht en bewaring" in page
        assert 'data-testid="six-months">23 mei 2027' in page
        assert 'data-testid="day-28">21 december 2026' in page

    def test_the_case_file_costs_the_same_with_one_measure_or_many(
        self, client, case, enforcer, django_assert_max_num_queries
    ):
        from tests.factories.detention import reporting_duty

        reporting_duty(case, enforcer)
        client.force_login(case.case_officer)
        url = reverse("cases:case_detail", kwargs={"pk": case.pk})
        with django_assert_max_num_queries(12) as few:
            client.get(url)
        issued_order(case, actor=enforcer)
        reporting_duty(case, enforcer)
        with django_assert_max_num_queries(12) as many:
            client.get(url)
        assert len(many.captured_queries) == len(few.captured_queries)


class TestTheOrderWizard:
    def test_an_enforcement_officer_is_told_in_dutch_what_is_missing_and_issues_once_complete(
        self, client, case, enforcer
    ):
        client.force_login(enforcer)
        response = client.post(reverse("detention:order_add", kwargs={"pk": case.pk}))
        order = DetentionOrder.objects.get(case=case)
        assert response["Location"] == reverse("detention:order_edit", kwargs={"pk": order.pk})
        page = client.get(response["Location"]).text
        assert "Nog nodig voordat het besluit kan worden uitgereikt" in page
        response = client.post(reverse("detention:order_issue", kwargs={"pk": order.pk}))
        assert response.status_code == 200
        assert "Het besluit kan niet worden uitgereikt" in response.text
        assert "Leg een actuele non-refoulementtoets vast." in response.text
        response = client.post(
            reverse("detention:order_edit", kwargs={"pk": order.pk}), _wizard_post(order, **COMPLETE_FORM)
        )
        assert response.status_code == 302
        page = client.get(response["Location"]).text
        assert 'data-testid="order-complete"' in page
        response = client.post(reverse("detention:order_issue", kwargs={"pk": order.pk}))
        assert response["Location"] == reverse("detention:order_detail", kwargs={"pk": order.pk})
        assert Measure.objects.get(order=order).kind == "detention"

    def test_a_case_officer_may_read_but_not_draft(self, client, case, enforcer):
        order = draft_order(case, actor=enforcer)
        client.force_login(case.case_officer)
        assert client.get(reverse("detention:order_edit", kwargs={"pk": order.pk})).status_code == 200
        assert client.post(reverse("detention:order_issue", kwargs={"pk": order.pk})).status_code == 403
        assert client.post(reverse("detention:order_add", kwargs={"pk": case.pk})).status_code == 403
        assert DetentionOrder.objects.count() == 1


class TestThePdf:
    def test_is_downloaded_through_an_access_logged_view(self, client, case, enforcer):
        order = issued_order(case, actor=enforcer)
        documents.order_pdf_render(order_id=order.pk, now=NOW)
        client.force_login(enforcer)
        page = client.get(reverse("detention:order_detail", kwargs={"pk": order.pk})).text
        assert 'data-testid="pdf-link"' in page
        before = AccessLogEntry.objects.filter(case=case).count()
        response = client.get(reverse("detention:order_pdf", kwargs={"pk": order.pk}))
        assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
        assert response.content.startswith(b"%PDF-")
        assert AccessLogEntry.objects.filter(case=case, activity="supervision_detention").count() == before + 1

    def test_shows_its_progress_while_the_task_runs(self, client, case, enforcer):
        order = issued_order(case, actor=enforcer)
        client.force_login(enforcer)
        status = client.get(reverse("detention:order_status", kwargs={"pk": order.pk})).text
        assert "hx-trigger" in status and "Het pdf-bestand wordt gemaakt" in status
        assert client.get(reverse("detention:order_pdf", kwargs={"pk": order.pk})).status_code == 404


class TestTheLegalityList:
    def test_costs_the_same_for_one_detention_or_many(self, client, django_assert_max_num_queries):
        case = detention_case()
        enforcer = EnforcementOfficerFactory(team=case.team)
        lead = TeamLeadFactory(team=case.team)
        issued_order(case, actor=enforcer)
        client.force_login(lead)
        url = reverse("detention:legality_list")
        # The list pages' budget (issue 8): the legality facts of a page are one statement.
        with django_assert_max_num_queries(8) as one:
            page = client.get(url).text
        assert page.count('data-testid="legality-row"') == 1
        for _ in range(3):
            issued_order(detention_case(case_officer=case.case_officer), actor=enforcer)
        with django_assert_max_num_queries(8) as four:
            page = client.get(url).text
        assert page.count('data-testid="legality-row"') == 4
        assert len(four.captured_queries) == len(one.captured_queries)

    def test_each_row_shows_the_clocks_and_where_the_court_stands(self, client, case, enforcer):
        from detention import court
        from detention.constants import CourtStepKind, Ruling

        lawful, appealed, waiting = (
            Measure.objects.get(order=issued_order(detention_case(case_officer=case.case_officer), actor=enforcer))
            for _ in range(3)
        )
        later = NOW + dt.timedelta(days=12)
        for measure in (lawful, appealed):
            court.court_step_record(
                measure=measure, kind=CourtStepKind.APPEAL_LODGED, on=NOW.date(), actor=enforcer, now=NOW
            )
        court.court_step_record(
            measure=lawful, kind=CourtStepKind.RULING, on=later.date(), ruling=Ruling.LAWFUL, grounds="Zicht op "
            "uitzetting", actor=enforcer, now=later,
        )  # fmt: skip
        lead = TeamLeadFactory(team=case.team)
        with time_machine.travel(later, tick=False):
            client.force_login(lead)
            page = client.get(reverse("detention:legality_list")).text
        rows = {m: next(r for r in page.split("<tr")[1:] if f"/detentie/maatregelen/{m.pk}/" in r)
                for m in (lawful, appealed, waiting)}  # fmt: skip
        assert 'data-testid="court">Rechtmatig</td>' in rows[lawful]
        assert 'data-testid="court">beroep ingesteld of rechtbank in kennis gesteld</td>' in rows[appealed]
        assert 'data-testid="court">nog niet bij de rechter</td>' in rows[waiting]
        # Started Monday 23 November 2026 (day 1): on day 13 day 28 is 21 December, six and eighteen months 23 May.
        cells = ["13 / 13", "23-5-2027", "23-5-2028", "21-12-2026 ✓"]
        assert all(f'<td class="utrecht-table__cell">{cell}</td>' in rows[appealed] for cell in cells)
        assert '<td class="utrecht-table__cell">21-12-2026</td>' in rows[waiting]

    def test_warns_after_days_without_an_act_towards_removal(self, client, case, enforcer, settings):
        settings.DETENTION_NO_REMOVAL_ACT_WARNING_DAYS = 14
        issued_order(case, actor=enforcer, flight_booked_on=None, dublin_claim=True)
        with time_machine.travel(NOW + dt.timedelta(days=15), tick=False):
            client.force_login(enforcer)
            page = client.get(reverse("detention:legality_list")).text
        assert "waarschuwing" in page

    def test_a_case_officer_has_no_list(self, client, case):
        client.force_login(case.case_officer)
        assert client.get(reverse("detention:legality_list")).status_code == 403


class TestTheQueue:
    def test_shows_my_drafts_and_holdings(self, client, case, enforcer):
        from detention import services

        draft_order(case, actor=enforcer)
        services.measure_impose(case=case, kind="holding", ground="Identiteit", actor=enforcer, now=NOW)
        client.force_login(enforcer)
        page = client.get(reverse("detention:queue")).text
        assert case.foreign_national.v_number in page
        assert "23-11-2026 16:00" in page  # 10:00 + 6 hours, Amsterdam
