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
from tests.factories.deadlines import DeadlineFactory

from .support import NOW, api_client, written

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
                "target_date": "2026-03-30",
                "target_at": "2026-03-31T00:00:00+02:00",
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
                "label": "Notitie toegevoegd",
                "occurred_at": "2026-03-09T09:30:00+01:00",
                "actor": "Sanne de Vries",
                "description": "",
                "data": {"note": 7},
            },
            {
                "id": opened.pk,
                "kind": "case.opened",
                "label": "Zaak geopend",
                "occurred_at": "2026-03-07T09:30:00+01:00",
                "actor": None,
                "description": "Bron: –, kenmerk –",
                "data": {},
            },
        ]
        entry = AccessLogEntry.objects.get()
        assert (entry.case, entry.view_name) == (case, "cases-api:case-events")

    def test_a_deadline_event_reads_in_the_users_language_with_its_explanation_and_no_stored_text(
        self, case, case_officer
    ):
        services.departure_term_record(case=case, effective_on=dt.date(2026, 3, 2), actor=case_officer, now=NOW)
        client = api_client(case_officer)
        client.cookies["django_language"] = "en"

        rows = client.get(events_url(case)).json()["results"]

        opened = next(row for row in rows if row["kind"] == "deadline.opened")
        assert opened["label"] == "Deadline opened"
        assert opened["description"] == (
            "Departure term (art. 62 Vw 2000), due 30 March 2026. 28 days after 2 March 2026 = 30 March 2026. "
            "That is a Monday and not a public holiday: the Algemene termijnenwet moves nothing."
        )
        assert "explanation" not in opened["data"]
        assert opened["data"]["steps"][0]["type"] == "term"

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


def met_url(deadline):
    return f"/api/v1/deadlines/{deadline.pk}/met/"


class TestDeadlineMet:
    """POST /api/v1/deadlines/{id}/met/: the same service and rules as the browser."""

    @pytest.fixture
    def term(self, case, case_officer):
        services.departure_term_record(case=case, effective_on=dt.date(2026, 3, 2), actor=case_officer, now=NOW)
        return Deadline.objects.get(case=case)

    def test_meets_a_statutory_term_with_what_was_done_and_returns_it(self, term, case_officer):
        response = api_client(case_officer).post(
            met_url(term), {"reason": "Aantoonbaar vertrokken (IOM)"}, format="json"
        )

        assert response.status_code == 200
        assert (response.json()["id"], response.json()["status"]) == (term.pk, "met")
        term.refresh_from_db()
        assert (term.status, term.status_reason, term.closed_at) == ("met", "Aantoonbaar vertrokken (IOM)", NOW)
        entry = AccessLogEntry.objects.get()
        assert (entry.case, entry.channel, entry.view_name) == (term.case, AccessChannel.API, "cases-api:deadline-met")

    def test_a_statutory_term_without_a_reason_is_a_400_naming_the_field_and_nothing_changes(self, term, case_officer):
        before = written()

        response = api_client(case_officer).post(met_url(term), {}, format="json")

        assert response.status_code == 400
        assert response.json()["code"] == "invalid"
        assert list(response.json()["errors"]) == ["reason"]
        assert written() == before
        assert Deadline.objects.get(pk=term.pk).status == "open"

    def test_a_colleague_who_may_read_but_not_change_the_case_gets_a_403(self, term, colleague):
        before = written()
        assert api_client(colleague).post(met_url(term), {"reason": "x"}, format="json").status_code == 403
        assert written() == before

    def test_a_deadline_met_already_is_a_409(self, term, case_officer):
        client = api_client(case_officer)
        client.post(met_url(term), {"reason": "Vertrokken"}, format="json")

        response = client.post(met_url(term), {"reason": "Vertrokken"}, format="json")

        assert (response.status_code, response.json()["code"]) == (409, "deadline_not_live")

    def test_a_deadline_outside_the_scope_is_a_404_like_one_that_does_not_exist(self, case_officer):
        other = CaseFactory(in_progress=True)
        services.departure_term_record(case=other, effective_on=dt.date(2026, 3, 2), actor=other.case_officer, now=NOW)
        foreign = Deadline.objects.get(case=other)
        client = api_client(case_officer)
        assert client.post(met_url(foreign), {"reason": "x"}, format="json").status_code == 404
        assert client.post("/api/v1/deadlines/999999/met/", {"reason": "x"}, format="json").status_code == 404
        assert Deadline.objects.get(pk=foreign.pk).status == "open"
        assert AccessLogEntry.objects.count() == 0

    def test_a_chain_partner_gets_a_403_on_its_own_case_and_a_404_on_another(self):
        own = HandoverFactory(source="ind").case
        deadline = DeadlineFactory(case=own)
        partner = api_client(ChainPartnerFactory(chain_partner="ind"))
        assert partner.post(met_url(deadline), {"reason": "x"}, format="json").status_code == 403
        other = DeadlineFactory(case=HandoverFactory(source="kmar").case)
        assert partner.post(met_url(other), {"reason": "x"}, format="json").status_code == 404
        assert Deadline.objects.filter(status="met").count() == 0
