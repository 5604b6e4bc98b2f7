"""Legal procedures through the API: record, decide, and what they mean for removal today."""

import datetime as dt

import pytest

from cases import events, services
from cases.constants import ProcedureKind, ProcedureOutcome
from cases.models import AccessLogEntry, CaseEvent, LegalProcedure
from cases.selectors import case_removability
from tests.factories.accounts import ChainPartnerFactory
from tests.factories.api import HandoverFactory, NationalityFactory
from tests.factories.cases import CaseFactory

from .support import NOW, TODAY, api_client, written

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

APPEAL = {"kind": "appeal", "lodged_on": "2026-03-05", "may_await_in_nl": True, "reference": "AWB 26/1234"}


def url(case):
    return f"/api/v1/cases/{case.pk}/procedures/"


def decide_url(procedure):
    return f"/api/v1/procedures/{procedure.pk}/decide/"


@pytest.fixture
def case(case_officer):
    # Nationality established, so that the only obstacles are the procedures' (legal) ones.
    case = CaseFactory(case_officer=case_officer, in_progress=True)
    NationalityFactory(foreign_national=case.foreign_national, status="established")
    return case


def pending_appeal(case, officer):
    return services.procedure_record(
        case=case,
        kind=ProcedureKind.APPEAL,
        lodged_on=dt.date(2026, 3, 5),
        may_await_in_nl=True,
        actor=officer,
        now=NOW,
    )


class TestProcedureRecord:
    def test_a_pending_appeal_that_may_be_awaited_is_a_legal_obstacle_to_removal(self, case, case_officer):
        response = api_client(case_officer).post(url(case), APPEAL, format="json")

        assert response.status_code == 201, response.json()
        procedure = LegalProcedure.objects.get()
        obstacle = case_removability(case=case, on=TODAY).obstacles[0]
        assert response.json() == {
            "procedure": {
                "id": procedure.pk,
                "kind": "appeal",
                "legal_basis": "art. 82 Vw 2000 / art. 8:1 Awb",
                "reference": "AWB 26/1234",
                "lodged_on": "2026-03-05",
                "may_await_in_nl": True,
                "outcome": "pending",
                "decided_on": None,
                "effective_until": None,
                "notes": "",
                "recorded_at": "2026-03-10T09:30:00+01:00",
                "recorded_by": {"id": case_officer.pk, "name": "Sanne de Vries"},
            },
            "removable": False,
            "legal_obstacle": True,
            "obstacles": [
                {
                    "check": "procedures",
                    "kind": "legal",
                    "procedure": procedure.pk,
                    "reason": obstacle.reason,
                    "legal_basis": "art. 82 Vw 2000 / art. 8:1 Awb",
                    "until": None,
                }
            ],
        }
        event = CaseEvent.objects.get(case=case, kind=events.PROCEDURE_RECORDED.code)
        assert (event.data["legal_obstacle_before"], event.data["legal_obstacle_after"]) == (False, True)
        assert AccessLogEntry.objects.filter(case=case).count() == 1

    def test_an_objection_that_may_not_be_awaited_leaves_the_person_removable(self, case, case_officer):
        payload = {**APPEAL, "kind": "objection", "may_await_in_nl": False}
        response = api_client(case_officer).post(url(case), payload, format="json")
        assert response.status_code == 201
        assert (response.json()["removable"], response.json()["obstacles"]) == (True, [])

    def test_a_granted_interim_measure_is_recorded_with_its_end_date(self, case, case_officer):
        payload = {
            "kind": "interim_relief",
            "lodged_on": "2026-03-02",
            "may_await_in_nl": False,
            "outcome": "granted",
            "decided_on": "2026-03-06",
            "effective_until": "2026-04-30",
        }
        response = api_client(case_officer).post(url(case), payload, format="json")
        assert response.status_code == 201, response.json()
        assert (response.json()["removable"], response.json()["procedure"]["effective_until"]) == (False, "2026-04-30")

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"outcome": "rejected", "decided_on": "2026-03-04"}, "decided_on"),  # decided before it was lodged
            ({"outcome": "rejected"}, "decided_on"),
            ({"lodged_on": "2026-03-11"}, "lodged_on"),  # tomorrow
            ({"lodged_on": "2026-13-01"}, "lodged_on"),
            ({"lodged_on": None}, "lodged_on"),
            ({"kind": "cassation"}, "kind"),
            ({"outcome": "postponed"}, "outcome"),
            ({"may_await_in_nl": "perhaps"}, "may_await_in_nl"),
            ({"effective_until": "2026-04-30"}, "effective_until"),  # only granted measures end
            ({"reference": "x" * 101}, "reference"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field_and_nothing_is_saved(self, case, case_officer, change, field):
        before = written()
        response = api_client(case_officer).post(url(case), {**APPEAL, **change}, format="json")
        assert response.status_code == 400
        assert (response.json()["code"], list(response.json()["errors"])) == ("invalid", [field])
        assert written() == before

    def test_a_missing_answer_on_awaiting_is_a_400(self, case, case_officer):
        payload = {key: value for key, value in APPEAL.items() if key != "may_await_in_nl"}
        response = api_client(case_officer).post(url(case), payload, format="json")
        assert list(response.json()["errors"]) == ["may_await_in_nl"]
        assert LegalProcedure.objects.count() == 0

    def test_a_colleague_may_not_record_a_procedure_in_the_officers_case(self, case, colleague):
        before = written()
        response = api_client(colleague).post(url(case), APPEAL, format="json")
        assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
        assert written() == before

    def test_a_closed_case_takes_no_procedures(self, case_officer):
        closed = CaseFactory(case_officer=case_officer, closed=True)
        before = written()
        assert api_client(case_officer).post(url(closed), APPEAL, format="json").status_code == 403
        assert written() == before


class TestProcedureList:
    def test_lists_the_procedures_with_todays_removability(self, case, case_officer, colleague):
        appeal = pending_appeal(case, case_officer)
        response = api_client(colleague).get(url(case))
        assert response.status_code == 200
        body = response.json()
        assert ([p["id"] for p in body["procedures"]], body["removable"]) == ([appeal.pk], False)
        assert [o["procedure"] for o in body["obstacles"]] == [appeal.pk]
        entry = AccessLogEntry.objects.get()
        assert (entry.case, entry.view_name) == (case, "cases-api:case-procedures")


class TestProcedureDecide:
    def test_a_rejected_appeal_ends_the_legal_obstacle(self, case, case_officer):
        appeal = pending_appeal(case, case_officer)
        response = api_client(case_officer).post(
            decide_url(appeal), {"outcome": "rejected", "decided_on": "2026-03-09"}, format="json"
        )
        assert response.status_code == 200, response.json()
        body = response.json()
        assert (body["procedure"]["outcome"], body["procedure"]["decided_on"]) == ("rejected", "2026-03-09")
        assert (body["removable"], body["obstacles"]) == (True, [])
        appeal.refresh_from_db()
        assert (appeal.outcome, appeal.decided_on) == (ProcedureOutcome.REJECTED, dt.date(2026, 3, 9))
        event = CaseEvent.objects.get(kind=events.PROCEDURE_DECIDED.code)
        assert (event.data["legal_obstacle_before"], event.data["legal_obstacle_after"]) == (True, False)

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"outcome": "rejected", "decided_on": "2026-03-04"}, "decided_on"),  # before it was lodged
            ({"outcome": "rejected", "decided_on": "2026-03-11"}, "decided_on"),  # tomorrow
            ({"outcome": "rejected"}, "decided_on"),
            ({"outcome": "dismissed", "decided_on": "2026-03-09"}, "outcome"),
            ({"outcome": "rejected", "decided_on": "9 maart"}, "decided_on"),
        ],
    )
    def test_a_bad_decision_is_a_400_and_the_procedure_stays_pending(self, case, case_officer, payload, field):
        appeal = pending_appeal(case, case_officer)
        before = written()
        response = api_client(case_officer).post(decide_url(appeal), payload, format="json")
        assert (response.status_code, list(response.json()["errors"])) == (400, [field])
        appeal.refresh_from_db()
        assert (appeal.outcome, appeal.decided_on) == (ProcedureOutcome.PENDING, None)
        assert written() == before

    def test_a_decided_procedure_is_not_decided_again(self, case, case_officer):
        appeal = pending_appeal(case, case_officer)
        services.procedure_decide(
            procedure=appeal, outcome=ProcedureOutcome.REJECTED, decided_on=TODAY, actor=case_officer, now=NOW
        )
        before = written()
        response = api_client(case_officer).post(
            decide_url(appeal), {"outcome": "granted", "decided_on": "2026-03-10"}, format="json"
        )
        assert (response.status_code, response.json()["code"]) == (409, "already_decided")
        assert written() == before

    def test_a_colleague_may_not_decide(self, case, case_officer, colleague):
        appeal = pending_appeal(case, case_officer)
        before = written()
        response = api_client(colleague).post(
            decide_url(appeal), {"outcome": "rejected", "decided_on": "2026-03-09"}, format="json"
        )
        assert response.status_code == 403
        assert written() == before

    def test_a_chain_partner_may_not_decide_in_its_own_case(self, team_lead):
        partner_case = HandoverFactory(source="ind").case  # in the national intake: the team lead may edit it
        appeal = pending_appeal(partner_case, team_lead)
        before = written()
        response = api_client(ChainPartnerFactory(chain_partner="ind")).post(
            decide_url(appeal), {"outcome": "rejected", "decided_on": "2026-03-09"}, format="json"
        )
        assert response.status_code == 403
        assert written() == before

    def test_a_procedure_of_another_teams_case_is_404(self, case_officer):
        other = CaseFactory(in_progress=True)
        appeal = pending_appeal(other, other.case_officer)
        before = written()
        response = api_client(case_officer).post(
            decide_url(appeal), {"outcome": "rejected", "decided_on": "2026-03-09"}, format="json"
        )
        assert response.status_code == 404
        assert written() == before
