"""Departure interviews (DOMAIN.md 3): with an interpreter, or a recorded reason; agreed actions become deadlines."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases import events
from cases.models import AgreedAction, CaseEvent, Deadline, DepartureInterview
from cases.services import agreed_action_complete, interview_record
from dtv.core.exceptions import DomainError
from tests.factories.cases import CaseFactory, InterviewFactory

NOW = dt.datetime(2026, 11, 23, 14, 0, tzinfo=dt.UTC)
HELD = NOW - dt.timedelta(hours=2)

pytestmark = pytest.mark.django_db


def _record(case, actor, **overrides):
    values = {
        "case": case,
        "kind": "first",
        "held_at": HELD,
        "interpreter_mode": "in_person",
        "interpreter_language": "ti",
        "stance": "undecided",
        "summary": "Eerste gesprek over terugkeer naar Eritrea.",
        "actor": actor,
        "now": NOW,
    }
    return interview_record(**{**values, **overrides})


def _nothing_written():
    return (DepartureInterview.objects.count(), AgreedAction.objects.count(), Deadline.objects.count()) == (0, 0, 0)


class TestInterviewRecord:
    def test_records_the_interview_with_interpreter_and_its_agreed_actions_as_deadlines(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        interview = _record(
            case,
            case_officer,
            actions=[("Geboorteakte opvragen bij familie", "foreign_national", dt.date(2026, 12, 7))],
        )
        assert (interview.interpreter_mode, interview.interpreter_language, interview.conducted_by) == (
            "in_person",
            "ti",
            case_officer,
        )
        action = AgreedAction.objects.get()
        deadline = Deadline.objects.get()
        assert (deadline.kind, deadline.due_date, deadline.source_id) == (
            "agreed_action",
            dt.date(2026, 12, 7),
            action.pk,
        )
        assert CaseEvent.objects.get(kind=events.INTERVIEW_RECORDED.code).data["actions"] == 1
        assert interview.history.count() == 1

    def test_an_agreed_action_without_a_party_is_the_foreign_nationals(self, case_officer):
        # One rule for the browser (whose form may leave it empty) and the API (where it is optional).
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        _record(case, case_officer, actions=[("Paspoort ophalen", "", dt.date(2026, 12, 7))])
        assert AgreedAction.objects.get().party == AgreedAction.Party.FOREIGN_NATIONAL

    def test_refuses_an_unknown_party_and_saves_nothing(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        with pytest.raises(ValidationError) as refused:
            _record(case, case_officer, actions=[("Paspoort ophalen", "embassy", dt.date(2026, 12, 7))])
        assert list(refused.value.message_dict) == ["actions[0].party"]
        assert _nothing_written()

    def test_an_interview_without_interpreter_needs_a_reason_and_nothing_is_saved(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        with pytest.raises(ValidationError) as refused:
            _record(case, case_officer, interpreter_mode="none", interpreter_language="")
        assert list(refused.value.message_dict) == ["no_interpreter_reason"]
        assert _nothing_written()

    def test_without_interpreter_with_a_reason_is_recorded(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        interview = _record(
            case, case_officer, interpreter_mode="none", no_interpreter_reason="Spreekt vloeiend Nederlands."
        )
        assert (interview.interpreter_language, interview.no_interpreter_reason) == ("", "Spreekt vloeiend Nederlands.")

    def test_refuses_an_unknown_interpreter_language(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        with pytest.raises(ValidationError) as refused:
            _record(case, case_officer, interpreter_language="xx1")
        assert "interpreter_language" in refused.value.message_dict
        assert _nothing_written()

    def test_an_interview_cannot_be_recorded_before_it_is_held(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        with pytest.raises(ValidationError) as refused:
            _record(case, case_officer, held_at=NOW + dt.timedelta(hours=1))
        assert "held_at" in refused.value.message_dict
        assert _nothing_written()

    def test_a_follow_up_needs_a_first_interview(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        with pytest.raises(DomainError) as refused:
            _record(case, case_officer, kind="follow_up")
        assert refused.value.code == "no_first_interview"
        assert _nothing_written()

    def test_there_is_one_first_interview_and_nothing_after_the_final_one(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        InterviewFactory(case=case)
        with pytest.raises(DomainError) as twice:
            _record(case, case_officer)
        assert twice.value.code == "first_interview_exists"
        _record(case, case_officer, kind="final")
        with pytest.raises(DomainError) as after:
            _record(case, case_officer, kind="follow_up")
        assert after.value.code == "after_final_interview"

    def test_completing_an_agreed_action_meets_its_deadline(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        _record(case, case_officer, actions=[("Paspoort inleveren", "foreign_national", dt.date(2026, 11, 30))])
        action = AgreedAction.objects.get()
        agreed_action_complete(action=action, actor=case_officer, now=NOW + dt.timedelta(days=1))
        action.refresh_from_db()
        deadline = Deadline.objects.get()
        assert action.completed_at == NOW + dt.timedelta(days=1)
        assert (deadline.status, deadline.sweep_at) == ("met", None)
