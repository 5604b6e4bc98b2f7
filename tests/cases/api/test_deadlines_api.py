"""GET /api/v1/cases/{id}/deadlines/ and /events/: the legal terms with how they were computed, and the timeline."""

import datetime as dt

import pytest

from cases import events, services
from cases.constants import AccessChannel, DeadlineStatus
from cases.events import case_event_record
from cases.models import AccessLogEntry, Deadline
from tests.factories.accounts import ChainPartnerFactory
from tests.factories.api import HandoverFactory
from tests.factories.cases import CaseFactory

from .support import NOW, api_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def deadlines_url(case):
    return f"/api/v1/cases/{case.pk}/deadlines/"


def events_url(case):
    return f"/api/v1/cases/{case.pk}/events/"


@pytest.fixture
def case(case_officer):
    return CaseFactory(case_officer=case_officer, in_progress=True)


class TestCaseDeadlines:
    def test_shows_the_departure_term_with_its_legal_basis_and_dutch_explanation(self, case, case_officer):
        services.departure_term_record(case=case, effective_on=dt.date(2026, 3, 2), actor=case_officer, now=NOW)
        deadline = Deadline.objects.get()

        response = api_client(case_officer).get(deadlines_url(case))

        assert response.status_code == 200
        assert response.json() == [
            {
                "id": deadline.pk,
                "kind": "departure_term",
                "kind_label": "Vertrektermijn",
                "legal_basis": "art. 62 Vw 2000",
                "rule_version": "vw2000",
                "trigger": deadline.trigger,
                "start": "2026-03-02",
                "due_date": "2026-03-30",
                "due_at": "2026-03-31T00:00:00+02:00",
                "atw_applies": True,
                "atw_applied": True,
                "status": "open",
                "status_label": "Open",
                "responsible": "case_officer",
                "explanation": (
                    "28 dagen na 2 maart 2026 = 30 maart 2026. "
                    "Dat is een maandag en geen feestdag: de Algemene termijnenwet verschuift niets."
                ),
                "explanation_steps": [
                    {"type": "term", "unit": "days", "amount": 28, "start": "2026-03-02", "end": "2026-03-30"},
                    {"type": "atw_no_shift", "date": "2026-03-30"},
                ],
                "revision": 0,
            }
        ]

    def test_the_explanation_is_english_for_a_user_who_chose_english(self, case, case_officer):
        services.departure_term_record(case=case, effective_on=dt.date(2026, 3, 2), actor=case_officer, now=NOW)
        client = api_client(case_officer)
        client.cookies["django_language"] = "en"
        row = client.get(deadlines_url(case)).json()[0]
        assert (row["kind_label"], row["explanation"]) == (
            "Departure term",
            "28 days after 2 March 2026 = 30 March 2026. "
            "That is a Monday and not a public holiday: the Algemene termijnenwet moves nothing.",
        )

    def test_lists_every_status_by_due_moment(self, case, case_officer):
        services.departure_term_record(case=case, effective_on=dt.date(2026, 3, 2), actor=case_officer, now=NOW)
        services.departure_term_record(
            case=case,
            effective_on=dt.date(2026, 2, 20),
            days=0,
            reason="Risico op onttrekking",
            actor=case_officer,
            now=NOW,
        )
        rows = api_client(case_officer).get(deadlines_url(case)).json()
        assert [(row["start"], row["due_date"], row["status"]) for row in rows] == [
            ("2026-02-20", "2026-02-20", DeadlineStatus.OPEN),
            ("2026-03-02", "2026-03-30", DeadlineStatus.CANCELLED),
        ]

    def test_a_read_is_access_logged_once(self, case, colleague):
        api_client(colleague).get(deadlines_url(case))
        entry = AccessLogEntry.objects.get()
        assert (entry.case, entry.user, entry.channel, entry.view_name) == (
            case,
            colleague,
            AccessChannel.API,
            "cases-api:case-deadlines",
        )

    def test_another_teams_case_is_404(self, case_officer):
        assert api_client(case_officer).get(deadlines_url(CaseFactory())).status_code == 404
        assert AccessLogEntry.objects.count() == 0


class TestCaseEvents:
    def test_shows_the_timeline_newest_first_with_who_acted(self, case, case_officer):
        opened = case_event_record(case=case, kind=events.CASE_OPENED, actor=None, now=NOW - dt.timedelta(days=3))
        noted = case_event_record(
            case=case, kind=events.NOTE_ADDED, actor=case_officer, now=NOW - dt.timedelta(days=1), data={"note": 7}
        )

        response = api_client(case_officer).get(events_url(case))

        assert response.status_code == 200
        assert response.json()["results"] == [
            {
                "id": noted.pk,
                "kind": "note.added",
                "occurred_at": "2026-03-09T09:30:00+01:00",
                "actor": "Sanne de Vries",
                "data": {"note": 7},
            },
            {
                "id": opened.pk,
                "kind": "case.opened",
                "occurred_at": "2026-03-07T09:30:00+01:00",
                "actor": None,
                "data": {},
            },
        ]
        entry = AccessLogEntry.objects.get()
        assert (entry.case, entry.view_name) == (case, "cases-api:case-events")

    def test_pages_by_cursor_and_logs_each_page_once(self, case, case_officer):
        recorded = [
            case_event_record(case=case, kind=events.NOTE_ADDED, actor=case_officer, now=NOW - dt.timedelta(hours=n))
            for n in range(3)
        ]
        client = api_client(case_officer)
        first = client.get(events_url(case), {"page_size": 2})
        second = client.get(first.json()["next"])
        assert [row["id"] for row in first.json()["results"] + second.json()["results"]] == [e.pk for e in recorded]
        assert AccessLogEntry.objects.filter(case=case).count() == 2

    def test_a_partner_gets_the_status_but_not_the_case_work_and_never_another_partners_case(self):
        own = HandoverFactory(source="ind").case
        other = HandoverFactory(source="kmar").case
        partner = api_client(ChainPartnerFactory(chain_partner="ind"))
        # Data minimisation: status back to the partner, not DT&V's interviews, deadlines or timeline.
        assert (partner.get(events_url(own)).status_code, partner.get(events_url(other)).status_code) == (403, 404)
        assert (partner.get(deadlines_url(own)).status_code, partner.get(deadlines_url(other)).status_code) == (
            403,
            404,
        )
        assert partner.get(f"/api/v1/cases/{own.pk}/interviews/").status_code == 403
        assert partner.get(f"/api/v1/cases/{own.pk}/").status_code == 200
        assert set(AccessLogEntry.objects.values_list("case", flat=True)) == {own.pk}

    def test_another_teams_case_is_404(self, case_officer):
        assert api_client(case_officer).get(events_url(CaseFactory())).status_code == 404
        assert AccessLogEntry.objects.count() == 0
