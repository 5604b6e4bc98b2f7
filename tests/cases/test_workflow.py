"""The phases of a case: intake → in progress → departure being prepared → closed, and nothing else."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from cases import events
from cases.constants import Phase
from cases.models import CaseEvent
from cases.services import case_transition
from cases.workflow import InvalidTransition, transitions_from
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.cases import CaseFactory

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


class TestCaseTransition:
    def test_the_officer_starts_work_on_an_assigned_intake_case(self, case_officer):
        case = CaseFactory(case_officer=case_officer)
        case_transition(case=case, transition="start_work", actor=case_officer, now=NOW)
        case.refresh_from_db()
        assert case.phase == Phase.IN_PROGRESS
        event = CaseEvent.objects.get(case=case, kind=events.CASE_PHASE_CHANGED.code)
        assert event.data == {"from": "intake", "to": "in_progress", "closure_reason": ""}

    def test_work_cannot_start_before_the_case_is_assigned(self, team_lead):
        case = CaseFactory(intake_queue=True)
        with pytest.raises(InvalidTransition) as refused:
            case_transition(case=case, transition="start_work", actor=team_lead, now=NOW)
        assert refused.value.code == "no_case_officer"
        case.refresh_from_db()
        assert case.phase == Phase.INTAKE and not CaseEvent.objects.exists()

    def test_a_case_in_intake_cannot_jump_to_departure_preparation(self, case_officer):
        case = CaseFactory(case_officer=case_officer)
        with pytest.raises(InvalidTransition):
            case_transition(case=case, transition="prepare_departure", actor=case_officer, now=NOW)
        case.refresh_from_db()
        assert case.phase == Phase.INTAKE

    def test_preparation_can_fall_back_to_in_progress(self, case_officer):
        case = CaseFactory(case_officer=case_officer, departure_preparation=True)
        case_transition(case=case, transition="resume_work", actor=case_officer, now=NOW)
        case.refresh_from_db()
        assert case.phase == Phase.IN_PROGRESS

    def test_closing_and_reopening_are_not_plain_transitions(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        with pytest.raises(InvalidTransition) as refused:
            case_transition(case=case, transition="close", actor=case_officer, now=NOW)
        assert refused.value.code == "own_service"
        case.refresh_from_db()
        assert case.phase == Phase.IN_PROGRESS and not CaseEvent.objects.exists()

    def test_a_closed_case_can_only_be_reopened(self, case_officer):
        case = CaseFactory(case_officer=case_officer, closed=True)
        assert [t.name for t in transitions_from(case.phase)] == ["reopen"]
        with pytest.raises(PermissionDenied):
            case_transition(case=case, transition="resume_work", actor=case_officer, now=NOW)

    def test_a_team_colleague_may_not_move_someone_elses_case(self, case_officer):
        case = CaseFactory(case_officer=CaseOfficerFactory(team=case_officer.team))
        with pytest.raises(PermissionDenied):
            case_transition(case=case, transition="start_work", actor=case_officer, now=NOW)
        assert not CaseEvent.objects.exists()
