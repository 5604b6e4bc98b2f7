"""Assignment: team leads give cases to case officers; AMV cases only to AMV specialists (DOMAIN.md, users)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from cases import events
from cases.models import Assignment, Case, CaseEvent
from cases.services import BulkAssignmentRefused, case_assign, cases_assign_bulk
from dtv.core.exceptions import DomainError
from tests.factories.accounts import CaseOfficerFactory, MinorSpecialistFactory, TeamLeadFactory
from tests.factories.cases import CaseFactory

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


def _nothing_changed(case, officer_id):
    case.refresh_from_db()
    return (
        case.case_officer_id == officer_id
        and not Assignment.objects.filter(case=case).exists()
        and not CaseEvent.objects.filter(case=case, kind=events.CASE_ASSIGNED.code).exists()
    )


class TestCaseAssign:
    def test_team_lead_assigns_an_intake_case_to_an_officer_of_the_team(self, team_lead, case_officer):
        case = CaseFactory(intake_queue=True)
        case_assign(case=case, officer=case_officer, actor=team_lead, now=NOW, reason="capaciteit")
        case.refresh_from_db()
        assert (case.case_officer, case.team) == (case_officer, case_officer.team)
        assignment = Assignment.objects.get(case=case)
        assert (assignment.case_officer, assignment.assigned_by, assignment.assigned_at, assignment.ended_at) == (
            case_officer,
            team_lead,
            NOW,
            None,
        )
        event = CaseEvent.objects.get(case=case, kind=events.CASE_ASSIGNED.code)
        assert event.data["to_id"] == case_officer.pk and event.data["reason"] == "capaciteit"
        assert case.history.first().case_officer_id == case_officer.pk  # the change history has it too

    def test_reassignment_ends_the_earlier_assignment(self, team_lead, case_officer):
        colleague = CaseOfficerFactory(team=case_officer.team)
        case = CaseFactory(intake_queue=True)
        case_assign(case=case, officer=case_officer, actor=team_lead, now=NOW)
        later = NOW + dt.timedelta(days=3)
        case_assign(case=case, officer=colleague, actor=team_lead, now=later)
        periods = list(
            Assignment.objects.filter(case=case).order_by("assigned_at").values_list("case_officer", "ended_at")
        )
        assert periods == [(case_officer.pk, later), (colleague.pk, None)]

    def test_refuses_an_unaccompanied_minor_for_a_non_specialist_and_changes_nothing(self, team_lead, case_officer):
        case = CaseFactory(intake_queue=True, unaccompanied_minor=True)
        with pytest.raises(DomainError) as refused:
            case_assign(case=case, officer=case_officer, actor=team_lead, now=NOW)
        assert refused.value.code == "unaccompanied_minor_specialist_required"
        assert "AMV-specialist" in str(refused.value.message)
        assert _nothing_changed(case, None)

    def test_an_unaccompanied_minor_goes_to_an_amv_specialist(self, team_lead):
        specialist = MinorSpecialistFactory(team=team_lead.team)
        case = CaseFactory(intake_queue=True, unaccompanied_minor=True)
        case_assign(case=case, officer=specialist, actor=team_lead, now=NOW)
        assert Case.objects.get(pk=case.pk).case_officer == specialist

    def test_a_case_officer_cannot_assign(self, case_officer):
        case = CaseFactory(intake_queue=True)
        with pytest.raises(PermissionDenied):
            case_assign(case=case, officer=case_officer, actor=case_officer, now=NOW)
        assert _nothing_changed(case, None)

    def test_refuses_an_officer_of_another_team(self, team_lead):
        case = CaseFactory(intake_queue=True)
        outsider = CaseOfficerFactory()
        with pytest.raises(DomainError) as refused:
            case_assign(case=case, officer=outsider, actor=team_lead, now=NOW)
        assert refused.value.code == "other_team"
        assert _nothing_changed(case, None)

    def test_refuses_a_team_lead_of_another_team(self, case_officer):
        case = CaseFactory(case_officer=case_officer)
        other_lead = TeamLeadFactory()
        with pytest.raises(DomainError) as refused:
            case_assign(case=case, officer=case_officer, actor=other_lead, now=NOW)
        assert refused.value.code == "not_allowed"

    def test_refuses_a_closed_case(self, team_lead, case_officer):
        case = CaseFactory(case_officer=case_officer, closed=True)
        with pytest.raises(DomainError) as refused:
            case_assign(case=case, officer=CaseOfficerFactory(team=case_officer.team), actor=team_lead, now=NOW)
        assert refused.value.code == "case_closed"


class TestCasesAssignBulk:
    def test_assigns_all_selected_cases(self, team_lead, case_officer):
        cases = CaseFactory.create_batch(3, intake_queue=True)
        changed = cases_assign_bulk(cases=cases, officer=case_officer, actor=team_lead, now=NOW)
        assert len(changed) == 3
        assert set(Case.objects.values_list("case_officer", flat=True)) == {case_officer.pk}
        assert Assignment.objects.count() == 3

    def test_one_amv_case_refuses_the_whole_batch_and_nothing_is_assigned(self, team_lead, case_officer):
        ordinary = CaseFactory.create_batch(2, intake_queue=True)
        minor = CaseFactory(intake_queue=True, unaccompanied_minor=True)
        with pytest.raises(BulkAssignmentRefused) as refused:
            cases_assign_bulk(cases=[*ordinary, minor], officer=case_officer, actor=team_lead, now=NOW)
        assert [c.pk for c in refused.value.refusals] == [minor.pk]
        assert list(refused.value.refusals.values())[0].code == "unaccompanied_minor_specialist_required"
        assert set(Case.objects.values_list("case_officer", flat=True)) == {None}
        assert Assignment.objects.count() == 0
        assert CaseEvent.objects.filter(kind=events.CASE_ASSIGNED.code).count() == 0
