"""GET/POST /api/v1/cases/{id}/interviews/: departure interviews through services.interview_record."""

import datetime as dt

import pytest

from cases import events, services
from cases.constants import AccessChannel, DeadlineStatus, InterpreterMode, InterviewKind, Stance
from cases.models import AccessLogEntry, AgreedAction, CaseEvent, Deadline, DepartureInterview
from tests.factories.accounts import ChainPartnerFactory
from tests.factories.api import HandoverFactory
from tests.factories.cases import CaseFactory

from .support import NOW, api_client, written

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

VALID = {
    "kind": "first",
    "held_at": "2026-03-09T14:00:00+01:00",
    "interpreter_mode": "in_person",
    "interpreter_language": "ar",
    "stance": "undecided",
    "summary": "Vertrekplicht besproken; meneer overweegt terugkeer met steun van IOM.",
    "location": "Ter Apel",
    "actions": [{"description": "Afspraak maken bij IOM", "party": "foreign_national", "due_date": "2026-03-24"}],
}


def url(case):
    return f"/api/v1/cases/{case.pk}/interviews/"


@pytest.fixture
def case(case_officer):
    return CaseFactory(case_officer=case_officer, in_progress=True)


class TestInterviewRecord:
    def test_records_the_interview_with_its_agreed_actions_as_deadlines(self, case, case_officer):
        response = api_client(case_officer).post(url(case), VALID, format="json")

        assert response.status_code == 201, response.json()
        interview = DepartureInterview.objects.get()
        action = AgreedAction.objects.get()
        assert response.json() == {
            "id": interview.pk,
            "kind": "first",
            "held_at": "2026-03-09T14:00:00+01:00",
            "location": "Ter Apel",
            "interpreter_mode": "in_person",
            "interpreter_language": "ar",
            "no_interpreter_reason": "",
            "stance": "undecided",
            "summary": VALID["summary"],
            "conducted_by": {"id": case_officer.pk, "name": "Sanne de Vries"},
            "recorded_at": "2026-03-10T09:30:00+01:00",
            "actions": [
                {
                    "id": action.pk,
                    "description": "Afspraak maken bij IOM",
                    "party": "foreign_national",
                    "due_date": "2026-03-24",
                    "completed_at": None,
                }
            ],
        }
        deadline = Deadline.objects.get()
        assert (deadline.case, deadline.kind, deadline.due_date, deadline.status) == (
            case,
            "agreed_action",
            dt.date(2026, 3, 24),
            DeadlineStatus.OPEN,
        )
        assert CaseEvent.objects.filter(case=case, kind=events.INTERVIEW_RECORDED.code).count() == 1
        assert AccessLogEntry.objects.filter(case=case, channel=AccessChannel.API).count() == 1


    def test_an_agreed_action_without_a_party_is_the_foreign_nationals_as_in_the_browser(self, case, case_officer):
        payload = {**VALID, "actions": [{"description": "Afspraak maken bij IOM", "due_date": "2026-03-24"}]}
        response = api_client(case_officer).post(url(case), payload, format="json")
        assert response.status_code == 201, response.json()
        assert response.json()["actions"][0]["party"] == "foreign_national"

    def test_without_an_interpreter_the_reason_is_recorded(self, case, case_officer):
        payload = {
            **VALID,
            "interpreter_mode": "none",
            "interpreter_language": "",
            "no_interpreter_reason": "Meneer spreekt vloeiend Nederlands.",
            "actions": [],
        }
        response = api_client(case_officer).post(url(case), payload, format="json")
        assert response.status_code == 201
        assert (response.json()["interpreter_mode"], response.json()["no_interpreter_reason"]) == (
            "none",
            "Meneer spreekt vloeiend Nederlands.",
        )


class TestInterviewRefusals:
    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"interpreter_mode": "none", "interpreter_language": ""}, "no_interpreter_reason"),
            ({"interpreter_language": "zz"}, "interpreter_language"),
            ({"interpreter_language": ""}, "interpreter_language"),
            ({"held_at": "2026-03-10T12:00:00+01:00"}, "held_at"),  # later today: not yet held
            ({"held_at": "2026-03-09T14:00:00"}, "held_at"),  # naive: which zone?
            ({"held_at": "2026-03-09"}, "held_at"),
            ({"held_at": "2026-02-30T14:00:00+01:00"}, "held_at"),
            ({"held_at": 20260309}, "held_at"),
            ({"kind": "second"}, "kind"),
            ({"stance": "enthusiastic"}, "stance"),
            ({"interpreter_mode": "video"}, "interpreter_mode"),
            ({"summary": "   "}, "summary"),
            ({"summary": ["a", "list"]}, "summary"),
            ({"actions": "none"}, "actions"),
            ({"actions": [{"description": "IOM bellen", "party": "embassy", "due_date": "2026-03-24"}]}, "actions"),
            ({"actions": [{"description": "IOM bellen", "party": "other", "due_date": "24-03-2026"}]}, "actions"),
            (
                {"actions": [{"description": "IOM bellen", "party": "other", "due_date": "2026-03-01"}]},
                "actions[0].due_date",
            ),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field_and_nothing_is_saved(self, case, case_officer, change, field):
        before = written()
        response = api_client(case_officer).post(url(case), {**VALID, **change}, format="json")
        assert response.status_code == 400
        body = response.json()
        assert (body["code"], list(body["errors"])) == ("invalid", [field])
        assert written() == before

    def test_several_service_errors_are_reported_together(self, case, case_officer):
        payload = {**VALID, "interpreter_mode": "none", "interpreter_language": "", "held_at": "2026-03-11T09:00:00Z"}
        response = api_client(case_officer).post(url(case), payload, format="json")
        assert response.status_code == 400
        assert sorted(response.json()["errors"]) == ["held_at", "no_interpreter_reason"]
        assert all(isinstance(m, str) for ms in response.json()["errors"].values() for m in ms)

    def test_a_body_that_is_not_json_is_a_400(self, case, case_officer):
        before = written()
        response = api_client(case_officer).post(url(case), "{kind: first", content_type="application/json")
        assert (response.status_code, response.json()["code"]) == (400, "parse_error")
        assert written() == before

    def test_a_json_list_instead_of_an_object_is_a_400(self, case, case_officer):
        response = api_client(case_officer).post(url(case), [VALID], format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["non_field_errors"]
        assert DepartureInterview.objects.count() == 0

    def test_a_follow_up_before_the_first_interview_is_a_409(self, case, case_officer):
        before = written()
        response = api_client(case_officer).post(url(case), {**VALID, "kind": "follow_up"}, format="json")
        assert (response.status_code, response.json()["code"]) == (409, "no_first_interview")
        assert written() == before

    def test_a_colleague_may_not_record_an_interview_in_the_officers_case(self, case, colleague):
        before = written()
        response = api_client(colleague).post(url(case), VALID, format="json")
        assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
        assert written() == before

    def test_a_chain_partner_may_not_record_an_interview_in_its_own_case(self):
        partner_case = HandoverFactory(source="ind").case
        before = written()
        response = api_client(ChainPartnerFactory(chain_partner="ind")).post(url(partner_case), VALID, format="json")
        assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
        assert written() == before

    def test_another_teams_case_is_404(self, case_officer):
        other = CaseFactory(in_progress=True)
        before = written()
        assert api_client(case_officer).post(url(other), VALID, format="json").status_code == 404
        assert written() == before

    def test_without_credentials_is_401(self, case):
        before = written()
        assert api_client().post(url(case), VALID, format="json").status_code == 401
        assert written() == before


class TestInterviewList:
    def test_lists_the_interviews_newest_first_with_their_actions_for_the_team(self, case, case_officer, colleague):
        first = services.interview_record(
            case=case,
            kind=InterviewKind.FIRST,
            held_at=NOW - dt.timedelta(days=14),
            interpreter_mode=InterpreterMode.PHONE,
            interpreter_language="ti",
            stance=Stance.NOT_COOPERATING,
            summary="Eerste gesprek.",
            actor=case_officer,
            now=NOW - dt.timedelta(days=14),
            actions=[("Paspoort zoeken", "foreign_national", dt.date(2026, 3, 20))],
        )
        follow_up = services.interview_record(
            case=case,
            kind=InterviewKind.FOLLOW_UP,
            held_at=NOW - dt.timedelta(days=1),
            interpreter_mode=InterpreterMode.PHONE,
            interpreter_language="ti",
            stance=Stance.UNDECIDED,
            summary="Vervolggesprek.",
            actor=case_officer,
            now=NOW - dt.timedelta(days=1),
        )

        response = api_client(colleague).get(url(case))

        assert response.status_code == 200
        body = response.json()
        assert [(i["id"], i["kind"], len(i["actions"])) for i in body] == [
            (follow_up.pk, "follow_up", 0),
            (first.pk, "first", 1),
        ]
        assert body[1]["actions"][0]["description"] == "Paspoort zoeken"
        entry = AccessLogEntry.objects.get()
        assert (entry.case, entry.user, entry.view_name) == (case, colleague, "cases-api:case-interviews")

    def test_another_teams_case_is_404_and_not_logged(self, case_officer):
        assert api_client(case_officer).get(url(CaseFactory())).status_code == 404
        assert AccessLogEntry.objects.count() == 0
