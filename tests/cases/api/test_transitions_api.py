"""One endpoint per phase transition (start-work, prepare-departure, resume-work, close), and who may write."""

import datetime as dt

import pytest

from cases import services
from cases.constants import ClosureReason, DeadlineStatus, Phase
from cases.models import AccessLogEntry, CaseEvent, Deadline
from tests.factories.accounts import ChainPartnerFactory
from tests.factories.api import HandoverFactory
from tests.factories.cases import CaseFactory

from .support import NOW, api_client, written

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def url(case, action):
    return f"/api/v1/cases/{case.pk}/{action}/"


class TestPhaseTransitions:
    @pytest.mark.parametrize(
        ("action", "phase_from", "phase_to"),
        [
            ("start-work", Phase.INTAKE, Phase.IN_PROGRESS),
            ("prepare-departure", Phase.IN_PROGRESS, Phase.DEPARTURE_PREPARATION),
            ("resume-work", Phase.DEPARTURE_PREPARATION, Phase.IN_PROGRESS),
        ],
    )
    def test_moves_the_case_and_records_it_on_the_timeline(self, case_officer, action, phase_from, phase_to):
        case = CaseFactory(case_officer=case_officer, phase=phase_from)

        response = api_client(case_officer).post(url(case, action))

        assert response.status_code == 200, response.json()
        assert (response.json()["id"], response.json()["phase"]) == (case.pk, phase_to)
        case.refresh_from_db()
        assert case.phase == phase_to
        event = CaseEvent.objects.get(case=case)
        assert (event.kind, event.actor, event.data["from"], event.data["to"]) == (
            "case.phase_changed",
            case_officer,
            phase_from,
            phase_to,
        )
        assert AccessLogEntry.objects.filter(case=case).count() == 1

    def test_closing_records_the_departure_and_cancels_the_live_deadlines(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        services.departure_term_record(case=case, effective_on=dt.date(2026, 3, 2), actor=case_officer, now=NOW)
        departure = {
            "closure_reason": "departed_independently",
            "departed_on": "2026-03-09",
            "destination_type": "country_of_origin",
            "destination_country": "MAR",
            "evidence": "iom_confirmation",
            "remark": "IOM-bevestiging 26-0311",
        }

        response = api_client(case_officer).post(url(case, "close"), departure, format="json")

        assert response.status_code == 200, response.json()
        body = response.json()
        assert (body["phase"], body["closure_reason"], body["closed_at"], body["next_deadline"]) == (
            "closed",
            "departed_independently",
            "2026-03-10T09:30:00+01:00",
            None,
        )
        assert [
            body[key] for key in ("departed_on", "destination_type", "destination_country", "closure_evidence")
        ] == [
            "2026-03-09",
            "country_of_origin",
            "MAR",
            "iom_confirmation",
        ]
        assert (body["editable"], body["transitions"], body["removable"], body["obstacles"]) == (False, [], False, [])
        assert Deadline.objects.get().status == DeadlineStatus.CANCELLED

    def test_a_demonstrable_departure_without_destination_or_evidence_is_a_400(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        before = written()
        response = api_client(case_officer).post(
            url(case, "close"), {"closure_reason": "departed_forced", "departed_on": "2026-03-09"}, format="json"
        )
        assert response.status_code == 400
        assert sorted(response.json()["errors"]) == ["destination_country", "destination_type", "evidence"]
        assert written() == before

    def test_the_team_lead_reopens_a_closed_case_with_a_reason(self, case_officer, team_lead):
        case = CaseFactory(case_officer=case_officer, closed=True)
        closed_body = api_client(team_lead).get(f"/api/v1/cases/{case.pk}/").json()
        assert closed_body["transitions"] == ["reopen"]

        response = api_client(team_lead).post(
            url(case, "reopen"), {"reason": "Toch niet vertrokken: aangetroffen in Utrecht."}, format="json"
        )

        assert response.status_code == 200, response.json()
        body = response.json()
        assert (body["phase"], body["closure_reason"], body["closed_at"]) == ("in_progress", "", None)
        assert (
            CaseEvent.objects.get(kind="case.reopened").data["reason"]
            == "Toch niet vertrokken: aangetroffen in Utrecht."
        )

    def test_a_case_officer_may_not_reopen_and_nothing_changes(self, case_officer):
        case = CaseFactory(case_officer=case_officer, closed=True)
        before = written()
        response = api_client(case_officer).post(
            url(case, "reopen"), {"reason": "Toch niet vertrokken, zegt de politie."}, format="json"
        )
        assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
        case.refresh_from_db()
        assert case.phase == Phase.CLOSED
        assert written() == before

    def test_a_transition_the_workflow_does_not_allow_is_a_409(self, case_officer):
        case = CaseFactory(case_officer=case_officer)  # intake
        before = written()
        response = api_client(case_officer).post(url(case, "prepare-departure"))
        assert (response.status_code, response.json()["code"]) == (409, "invalid_transition")
        case.refresh_from_db()
        assert case.phase == Phase.INTAKE
        assert written() == before

    def test_work_does_not_start_before_the_case_has_an_officer(self, team_lead):
        case = CaseFactory(unassigned=True)
        response = api_client(team_lead).post(url(case, "start-work"))
        assert (response.status_code, response.json()["code"]) == (409, "no_case_officer")

    @pytest.mark.parametrize("payload", [{}, {"closure_reason": ""}, {"closure_reason": "emigrated"}])
    def test_closing_without_a_known_reason_is_a_400_and_the_case_stays_open(self, case_officer, payload):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        before = written()
        response = api_client(case_officer).post(url(case, "close"), payload, format="json")
        assert response.status_code == 400
        assert (response.json()["code"], list(response.json()["errors"])) == ("invalid", ["closure_reason"])
        case.refresh_from_db()
        assert (case.phase, case.closure_reason, case.closed_at) == (Phase.IN_PROGRESS, "", None)
        assert written() == before

    def test_a_colleague_may_not_move_the_officers_case(self, case_officer, colleague):
        case = CaseFactory(case_officer=case_officer)
        before = written()
        response = api_client(colleague).post(url(case, "start-work"))
        assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
        case.refresh_from_db()
        assert case.phase == Phase.INTAKE
        assert written() == before

    def test_another_teams_case_is_404(self, case_officer):
        other = CaseFactory()
        assert api_client(case_officer).post(url(other, "start-work")).status_code == 404
        assert CaseEvent.objects.count() == 0

    def test_without_credentials_is_401(self, case_officer):
        case = CaseFactory(case_officer=case_officer)
        assert api_client().post(url(case, "start-work")).status_code == 401
        case.refresh_from_db()
        assert case.phase == Phase.INTAKE


WRITES = [
    ("assign", {"case_officer": 1}),
    ("start-work", {}),
    ("prepare-departure", {}),
    ("resume-work", {}),
    ("close", {"closure_reason": ClosureReason.OTHER}),
    ("reopen", {"reason": "Heropenen op verzoek van de IND."}),
    (
        "interviews",
        {
            "kind": "first",
            "held_at": "2026-03-09T14:00:00+01:00",
            "interpreter_mode": "phone",
            "interpreter_language": "ar",
            "stance": "undecided",
            "summary": "Gesprek.",
        },
    ),
    ("procedures", {"kind": "appeal", "lodged_on": "2026-03-05", "may_await_in_nl": True}),
]


class TestChainPartnersOnlyRead:
    @pytest.mark.parametrize(("action", "payload"), WRITES, ids=[action for action, _ in WRITES])
    def test_every_write_on_its_own_case_is_403_and_nothing_changes(self, action, payload):
        case = HandoverFactory(source="ind").case
        partner = ChainPartnerFactory(chain_partner="ind")
        before = written()

        response = api_client(partner).post(url(case, action), payload, format="json")

        assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
        case.refresh_from_db()
        assert (case.phase, case.case_officer) == (Phase.INTAKE, None)
        assert written() == before
        assert AccessLogEntry.objects.count() == 0

    @pytest.mark.parametrize(("action", "payload"), WRITES, ids=[action for action, _ in WRITES])
    def test_a_write_on_another_partners_case_is_404(self, action, payload):
        case = HandoverFactory(source="kmar").case
        response = api_client(ChainPartnerFactory(chain_partner="ind")).post(url(case, action), payload, format="json")
        assert response.status_code == 404
