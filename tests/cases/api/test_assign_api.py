"""POST /api/v1/cases/{id}/assign/: the team lead gives a case to a case officer (AMV only to specialists)."""

import pytest

from cases import events
from cases.models import AccessLogEntry, Assignment, CaseEvent
from tests.factories.accounts import CaseOfficerFactory, ChainPartnerFactory, MinorSpecialistFactory, TeamLeadFactory
from tests.factories.api import HandoverFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory

from .support import api_client, written

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def url(case):
    return f"/api/v1/cases/{case.pk}/assign/"


class TestCaseAssign:
    def test_the_team_lead_gives_an_intake_case_to_a_case_officer(self, team_lead, case_officer):
        case = CaseFactory(unassigned=True)

        response = api_client(team_lead).post(url(case), {"case_officer": case_officer.pk}, format="json")

        assert response.status_code == 200, response.json()
        body = response.json()
        assert (body["id"], body["case_officer"], body["team"]) == (
            case.pk,
            {"id": case_officer.pk, "name": "Sanne de Vries"},
            case_officer.team.name,
        )
        case.refresh_from_db()
        assert (case.case_officer, case.team) == (case_officer, case_officer.team)
        assignment = Assignment.objects.get()
        assert (assignment.case, assignment.case_officer, assignment.assigned_by, assignment.reason) == (
            case,
            case_officer,
            team_lead,
            "",
        )
        event = CaseEvent.objects.get(kind=events.CASE_ASSIGNED.code)
        assert (event.actor, event.data["to_id"]) == (team_lead, case_officer.pk)
        assert AccessLogEntry.objects.filter(case=case).count() == 1

    def test_a_reassignment_records_the_reason(self, team_lead, case_officer, colleague):
        case = CaseFactory(case_officer=colleague)
        response = api_client(team_lead).post(
            url(case), {"case_officer": case_officer.pk, "reason": "Jeroen met verlof"}, format="json"
        )
        assert response.status_code == 200
        assert Assignment.objects.get().reason == "Jeroen met verlof"
        assert CaseEvent.objects.get(kind=events.CASE_ASSIGNED.code).data["reason"] == "Jeroen met verlof"

    def test_an_unaccompanied_minor_goes_to_a_specialist(self, team_lead):
        specialist = MinorSpecialistFactory(team=team_lead.team)
        case = CaseFactory(
            unassigned=True, foreign_national=ForeignNationalFactory(vulnerabilities=["unaccompanied_minor"])
        )
        response = api_client(team_lead).post(url(case), {"case_officer": specialist.pk}, format="json")
        assert response.status_code == 200
        case.refresh_from_db()
        assert case.case_officer == specialist


class TestCaseAssignRefusals:
    def test_an_unaccompanied_minor_is_not_given_to_a_non_specialist_and_nothing_changes(self, team_lead, case_officer):
        case = CaseFactory(
            unassigned=True, foreign_national=ForeignNationalFactory(vulnerabilities=["unaccompanied_minor"])
        )
        before = written()

        response = api_client(team_lead).post(url(case), {"case_officer": case_officer.pk}, format="json")

        assert response.status_code == 409
        assert response.json()["code"] == "unaccompanied_minor_specialist_required"
        assert response.json()["errors"] == {}
        case.refresh_from_db()
        assert (case.case_officer, case.team) == (None, None)
        assert Assignment.objects.count() == 0
        assert CaseEvent.objects.filter(case=case).count() == 0
        assert written() == before

    @pytest.mark.parametrize("officer", [999_999, "abc", 1.5, True, None, 2**63])
    def test_an_unknown_or_malformed_officer_is_a_400_field_error(self, team_lead, officer):
        case = CaseFactory(unassigned=True)
        before = written()
        response = api_client(team_lead).post(url(case), {"case_officer": officer}, format="json")
        assert response.status_code == 400
        assert (response.json()["code"], list(response.json()["errors"])) == ("invalid", ["case_officer"])
        assert written() == before

    def test_a_missing_officer_is_a_400_field_error(self, team_lead):
        response = api_client(team_lead).post(url(CaseFactory(unassigned=True)), {}, format="json")
        assert list(response.json()["errors"]) == ["case_officer"]

    def test_an_officer_of_another_team_is_refused(self, team_lead):
        case = CaseFactory(unassigned=True)
        outsider = CaseOfficerFactory()
        before = written()
        response = api_client(team_lead).post(url(case), {"case_officer": outsider.pk}, format="json")
        assert (response.status_code, response.json()["code"]) == (409, "other_team")
        assert written() == before

    def test_a_case_officer_may_not_assign(self, case_officer, colleague):
        case = CaseFactory(case_officer=case_officer)
        before = written()
        response = api_client(case_officer).post(url(case), {"case_officer": colleague.pk}, format="json")
        assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
        assert written() == before

    def test_a_chain_partner_may_not_assign_its_own_case(self, case_officer):
        case = HandoverFactory(source="ind").case
        before = written()
        response = api_client(ChainPartnerFactory(chain_partner="ind")).post(
            url(case), {"case_officer": case_officer.pk}, format="json"
        )
        assert response.status_code == 403
        assert written() == before

    def test_a_team_lead_gets_404_for_another_teams_case(self, team_lead, case_officer):
        other = CaseFactory(case_officer=CaseOfficerFactory())
        TeamLeadFactory(team=other.team)
        before = written()
        response = api_client(team_lead).post(url(other), {"case_officer": case_officer.pk}, format="json")
        assert response.status_code == 404
        assert written() == before
