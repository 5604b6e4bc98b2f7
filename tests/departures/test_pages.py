"""The pages: the case-file panel, the removal page and its htmx steps, the KMar file, "Vertrekken deze week"."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.constants import ProcedureKind
from cases.panels import panel_context, registered_panels
from departures.constants import CheckStatus
from departures.models import Removal
from departures.selectors import removal_checklist
from laissezpasser.models import TravelDocumentRequest
from tests.factories.accounts import TeamLeadFactory
from tests.factories.cases import ProcedureFactory
from tests.factories.departures import BOOKED, DEPARTS, local, notify, planned_removal, ready_forced_case
from tests.factories.laissezpasser import moroccan_case

pytestmark = pytest.mark.django_db


def _late(removal):
    return notify(removal, DEPARTS.astimezone(dt.UTC) - dt.timedelta(hours=30))


class TestThePanel:
    def test_the_case_file_shows_the_plan_the_removal_its_notice_status_checklist_and_file_score(self, client):
        case = ready_forced_case()
        _late(planned_removal(case, kmar_escorts=2))
        client.force_login(case.case_officer)
        with time_machine.travel(local(2026, 10, 25, 12), tick=False):
            page = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).content.decode()
        assert 'id="vertrek"' in page and "AT851" in page
        assert 'data-check="travel_document" data-status="passed"' in page
        assert 'data-testid="departure-file-score">100%' in page


def _panel_and_checklist(removal):
    """The panel's checks and file score as the case file shows them, counting its queries, and the checklist's."""
    panel = next(panel for panel in registered_panels() if panel.key == "vertrek")
    case, today = removal.case, timezone.localdate()
    officer = case.case_officer
    with CaptureQueriesContext(connection) as queries:
        shown = panel_context(panel, case, on=today, user=officer, params={})
    assert len(queries) == panel.standalone_queries
    return shown, removal_checklist(Removal.objects.select_related("case").get(pk=removal.pk))


class TestThePanelWeighsTheFlightDate:
    # The panel reads the removability checks' rows (weighed on today) only where they are the checklist's rows:
    # for a flight on another day the checklist keeps its own date (DOMAIN.md 8).
    def test_a_flight_on_another_day_is_checked_on_its_date_not_today_art_63_vw_2000(self):
        case = ready_forced_case()
        TravelDocumentRequest.objects.filter(case=case).update(lp_valid_until=dt.date(2026, 10, 25))
        ProcedureFactory(
            case=case,
            kind=ProcedureKind.ECTHR_RULE_39,
            outcome="granted",
            decided_on=dt.date(2026, 10, 2),
            effective_until=dt.date(2026, 10, 24),
        )
        removal = planned_removal(case, kmar_escorts=2)
        with time_machine.travel(local(2026, 10, 22, 12), tick=False):
            shown, (checks, completeness) = _panel_and_checklist(removal)
        assert shown["checks"] == checks and shown["completeness"] == completeness
        statuses = {check.key: check.status for check in checks}
        assert (statuses["travel_document"], statuses["procedures"]) == (CheckStatus.FAILED, CheckStatus.PASSED)

    def test_a_flight_today_is_checked_on_the_rows_of_the_removability_checks_art_82_vw_2000(self):
        case = ready_forced_case()
        ProcedureFactory(case=case, kind=ProcedureKind.APPEAL, lodged_on=dt.date(2026, 10, 1))
        removal = planned_removal(case, kmar_escorts=2)
        with time_machine.travel(local(2026, 10, 26, 7), tick=False):
            shown, (checks, completeness) = _panel_and_checklist(removal)
        assert shown["checks"] == checks and shown["completeness"] == completeness
        assert [check.key for check in checks if check.failed] == ["procedures"]

    def test_without_an_open_removal_only_the_file_score_shows(self):
        case = ready_forced_case()
        panel = next(panel for panel in registered_panels() if panel.key == "vertrek")
        with time_machine.travel(local(2026, 10, 22, 12), tick=False):
            shown = panel_context(panel, case, on=timezone.localdate(), user=case.case_officer, params={})
        assert (shown["checks"], shown["completeness"].score) == (None, 100)


class TestTheRemovalPage:
    def test_confirming_with_late_notice_shows_the_rule_in_the_swapped_fragment(self, client):
        case = ready_forced_case()
        removal = _late(planned_removal(case, kmar_escorts=2))
        client.force_login(case.case_officer)
        with time_machine.travel(local(2026, 10, 25, 12), tick=False):
            response = client.post(
                reverse("departures:removal_step", kwargs={"pk": removal.pk, "step": "confirm"}),
                HTTP_HX_REQUEST="true",
                HTTP_HX_TARGET="removal",
            )
        body = response.content.decode()
        assert response.status_code == 200 and body.startswith('<div id="removal">')
        assert "zaterdag 24 oktober 2026 11:00" in body
        assert Removal.objects.get(pk=removal.pk).state == "notified"

    def test_the_execute_step_says_the_case_will_close_and_the_swapped_fragment_shows_it_closed(self, client):
        case = ready_forced_case()
        removal = notify(planned_removal(case, kmar_escorts=2), DEPARTS.astimezone(dt.UTC) - dt.timedelta(hours=50))
        client.force_login(case.case_officer)
        url = reverse("departures:removal_step", kwargs={"pk": removal.pk, "step": "confirm"})
        with time_machine.travel(local(2026, 10, 25, 12), tick=False):
            client.post(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="removal")
        with time_machine.travel(local(2026, 10, 26, 12), tick=False):
            page = client.get(reverse("departures:removal_detail", kwargs={"pk": removal.pk})).content.decode()
            assert 'data-testid="closes-as"' in page and "Land van herkomst: MAR" in page
            response = client.post(
                reverse("departures:removal_step", kwargs={"pk": removal.pk, "step": "execute"}),
                {"execute-executed_at": "26-10-2026 10:20", "execute-escorted_by": "KMar, 2 escorts"},
                HTTP_HX_REQUEST="true",
                HTTP_HX_TARGET="removal",
            )
        body = response.content.decode()
        assert 'data-testid="case-closed"' in body and "Gedwongen vertrokken (uitzetting)" in body
        assert 'data-testid="closes-as"' not in body

    def test_cancelling_without_javascript_redirects_to_the_page(self, client):
        removal = planned_removal()
        client.force_login(removal.case.case_officer)
        with time_machine.travel(BOOKED, tick=False):
            response = client.post(
                reverse("departures:removal_step", kwargs={"pk": removal.pk, "step": "cancel"}),
                {"cancel-reason": "absconded"},
            )
        assert response.status_code == 302
        assert Removal.objects.get(pk=removal.pk).cancellation_reason == "absconded"


class TestTheKmarFilePage:
    def test_it_lists_the_missing_items_until_complete(self, client):
        case = moroccan_case()
        client.force_login(case.case_officer)
        page = client.get(reverse("departures:file", kwargs={"pk": case.pk})).content.decode()
        assert 'data-testid="missing-items"' in page and "0%" in page


class TestDeparturesThisWeek:
    def _week(self, lead, n):
        for _ in range(n):
            case = moroccan_case()
            case.team = lead.team
            case.save(update_fields=["team"])
            planned_removal(case, departs_at=local(2026, 10, 22, 10))

    @pytest.mark.parametrize("rows", [1, 6])
    def test_the_team_lead_sees_the_teams_departures_in_constant_queries(self, client, django_assert_num_queries, rows):
        lead = TeamLeadFactory()
        self._week(lead, rows)
        planned_removal(departs_at=local(2026, 10, 22, 10))  # another team's: not listed
        client.force_login(lead)
        with time_machine.travel(local(2026, 10, 20, 10), tick=False):
            client.get(reverse("departures:this_week"))  # warm the session
            with django_assert_num_queries(5):  # user, removals, notices, access log, badge
                page = client.get(reverse("departures:this_week")).content.decode()
        assert page.count("AT851") == rows

    def test_each_row_says_whether_the_person_and_the_lawyer_were_told_in_time(self, client):
        lead = TeamLeadFactory()
        departs = local(2026, 10, 22, 10)
        told, late, untold = [moroccan_case() for _ in range(3)]
        for case in (told, late, untold):
            case.team = lead.team
            case.save(update_fields=["team"])
        notify(planned_removal(told, departs_at=departs), departs.astimezone(dt.UTC) - dt.timedelta(hours=50))
        notify(planned_removal(late, departs_at=departs), departs.astimezone(dt.UTC) - dt.timedelta(hours=30))
        planned_removal(untold, departs_at=departs)
        client.force_login(lead)
        with time_machine.travel(local(2026, 10, 20, 10), tick=False):
            page = client.get(reverse("departures:this_week")).content.decode()
        rows = {case: next(row for row in page.split("<tr")[1:] if case.foreign_national.v_number in row)
                for case in (told, late, untold)}  # fmt: skip
        assert "Op tijd gedaan" in rows[told]
        # 48 hours before Thursday 22 October 10:00 (CEST): Tuesday 20 October, 10:00.
        assert "Te laat (uiterlijk dinsdag 20 oktober 2026 10:00)" in rows[late]
        assert "Nog niet gedaan (uiterlijk dinsdag 20 oktober 2026 10:00)" in rows[untold]
        assert (
            "do 22-10 10:00" in rows[told]
            and reverse("departures:removal_detail", kwargs={"pk": told.removals.get().pk}) in rows[told]
        )

    def test_the_week_is_read_from_its_bookings_not_from_every_case_in_scope(self, client):
        """At 100,000 cases `case_id IN (the team's cases)` let PostgreSQL, its statistics older than the week's
        bookings, merge-join along the primary key of 43,000 cases for 40 removals (36-54 ms); driven from the
        week's bookings (`= ANY(ARRAY(…))`, their cases looked up by id) it reads 40 rows (0.5 ms)."""
        lead = TeamLeadFactory()
        self._week(lead, 2)
        client.force_login(lead)
        with time_machine.travel(local(2026, 10, 20, 10), tick=False):
            client.get(reverse("departures:this_week"))
            with CaptureQueriesContext(connection) as captured:
                client.get(reverse("departures:this_week"))
        statements = [q["sql"] for q in captured.captured_queries]
        (week,) = [sql for sql in statements if sql.startswith('SELECT "departures_removal"."id"')]
        assert week.count("= ANY(ARRAY(SELECT") == 2 and " IN (SELECT" not in week
