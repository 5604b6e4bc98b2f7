"""A travel-document request through its whole life, and every rule that refuses a step (refusals write nothing)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from cases.constants import ProcedureKind
from cases.models import CaseEvent, Deadline
from cases.services import procedure_decide
from dtv.core.exceptions import DomainError
from laissezpasser import services
from laissezpasser.constants import Answer, Channel, ContactKind, State, WithdrawalReason
from laissezpasser.deadlines import LpDeadlineKind
from laissezpasser.models import (
    Country,
    CountryRequestCount,
    CountryTally,
    Mission,
    RequestContact,
    RequestTransition,
    TravelDocumentRequest,
)
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory
from tests.factories.cases import ProcedureFactory
from tests.factories.laissezpasser import (
    NOW,
    draft_request,
    issued_request,
    moroccan_case,
    submitted_request,
)

pytestmark = pytest.mark.django_db
D = dt.date


def _counts():
    return (
        TravelDocumentRequest.objects.count(),
        RequestTransition.objects.count(),
        RequestContact.objects.count(),
        CaseEvent.objects.count(),
        Deadline.objects.count(),
        tuple(TravelDocumentRequest.objects.order_by("id").values_list("state", flat=True)),
        # The country tallies every transition keeps (laissezpasser/tallies.py).
        tuple(CountryRequestCount.objects.order_by("id").values_list("state", "requests")),
        tuple(CountryTally.objects.order_by("id").values_list("figure", "year", "days", "transitions")),
    )


def refused(call, error=DomainError, code=None):
    """Run a service that must refuse; return its error after checking that nothing was written."""
    before = _counts()
    with pytest.raises(error) as caught:
        call()
    assert _counts() == before
    if code is not None:
        assert caught.value.code == code
    return caught.value


def _states(request):
    return list(request.transitions.values_list("from_state", "to_state", "on"))


def _live(request, kind):
    return Deadline.objects.filter(
        source_type="laissezpasser.traveldocumentrequest",
        source_id=request.pk,
        kind=kind,
        status__in=["open", "overdue"],
    )


class TestTheWholeLife:
    def test_draft_submit_present_and_lp_issued_then_used_each_a_dated_transition_and_an_event(self):
        case = moroccan_case()
        officer = case.case_officer
        mission = Mission.objects.filter(country__code="MAR", kind="embassy").first()
        request = services.request_create(case=case, country=Country.objects.get(code="MAR"), actor=officer, now=NOW)
        assert request.state == State.DRAFT

        services.request_submit(
            request=request, on=D(2026, 9, 1), channel=Channel.EMAIL, actor=officer, now=NOW, mission=mission
        )
        services.request_schedule_presentation(
            request=request, on=D(2026, 9, 15), actor=officer, now=NOW, place="Den Haag"
        )
        services.request_record_presentation(
            request=request,
            on=D(2026, 9, 15),
            actor=officer,
            now=NOW,
            accompanied_by="Twee DT&V-medewerkers",
            interpreter_language="ar",
        )
        services.request_record_answer(
            request=request,
            answer=Answer.NATIONALITY_CONFIRMED,
            on=D(2026, 10, 1),
            channel=Channel.EMAIL,
            actor=officer,
            now=NOW,
        )
        services.request_record_answer(
            request=request,
            answer=Answer.ISSUED,
            on=D(2026, 11, 2),
            channel=Channel.POST,
            actor=officer,
            now=NOW,
            lp_number="LP123",
            lp_issued_on=D(2026, 11, 2),
            lp_valid_until=D(2026, 12, 31),
            lp_journey="KL1234 AMS-CMN",
        )
        services.request_record_use(request=request, on=D(2026, 11, 20), actor=officer, now=NOW)

        request.refresh_from_db()
        assert (request.state, request.mission, request.answered_on, request.lp_journey) == (
            State.USED,
            mission,
            D(2026, 10, 1),
            "KL1234 AMS-CMN",
        )
        assert _states(request) == [
            ("", "draft", D(2026, 11, 23)),
            ("draft", "submitted", D(2026, 9, 1)),
            ("submitted", "presentation_scheduled", D(2026, 9, 15)),
            ("presentation_scheduled", "presented", D(2026, 9, 15)),
            ("presented", "nationality_confirmed", D(2026, 10, 1)),
            ("nationality_confirmed", "issued", D(2026, 11, 2)),
            ("issued", "used", D(2026, 11, 20)),
        ]
        kinds = list(
            CaseEvent.objects.filter(case=case, kind__startswith="lp.").order_by("id").values_list("kind", flat=True)
        )
        assert kinds == [
            "lp.request_created",
            "lp.request_submitted",
            "lp.presentation_scheduled",
            "lp.presented",
            "lp.answer_recorded",
            "lp.answer_recorded",
            "lp.used",
        ]

    def test_submission_opens_the_reminder_on_the_countrys_response_period_and_the_escalation_after_12_months(self):
        request = submitted_request(on=D(2026, 9, 1))  # Morocco: 60 days → 9 weeks
        (reminder,) = _live(request, LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER)
        (escalation,) = _live(request, LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION)
        assert (reminder.due_date, escalation.due_date, escalation.responsible) == (
            D(2026, 11, 3),
            D(2027, 9, 1),
            "team_lead",
        )

    def test_a_reminder_sent_meets_the_reminder_and_opens_the_next_from_its_date(self):
        request = submitted_request(on=D(2026, 9, 1))
        services.request_contact_record(
            request=request,
            kind=ContactKind.REMINDER_SENT,
            on=D(2026, 11, 4),
            channel=Channel.EMAIL,
            actor=request.case.case_officer,
            now=NOW,
        )
        (reminder,) = _live(request, LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER)
        assert reminder.due_date == D(2027, 1, 6)
        assert request.contacts.get().kind == "reminder_sent"

    def test_the_first_answer_meets_reminder_and_escalation_and_an_lp_opens_its_expiry_warning(self, settings):
        settings.LP_EXPIRY_WARNING_DAYS = 14
        request = issued_request(valid_until=D(2026, 12, 31))
        assert not _live(request, LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER).exists()
        assert not _live(request, LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION).exists()
        (warning,) = _live(request, LpDeadlineKind.LP_EXPIRY)
        assert (warning.start_date, warning.due_date) == (D(2026, 12, 17), D(2026, 12, 31))

    def test_an_lp_not_used_expires_from_the_day_after_its_last_valid_day(self):
        request = issued_request(valid_until=D(2026, 11, 22))
        services.request_record_expiry(request=request, actor=request.case.case_officer, now=NOW)
        request.refresh_from_db()
        assert (request.state, request.transitions.last().on) == (State.EXPIRED, D(2026, 11, 23))
        assert not _live(request, LpDeadlineKind.LP_EXPIRY).exists()

    def test_escalation_to_the_liaison_meets_the_escalation_deadline(self):
        request = submitted_request()
        services.request_escalate(request=request, on=D(2026, 11, 20), actor=request.case.case_officer, now=NOW)
        request.refresh_from_db()
        assert request.state == State.ESCALATED
        assert not _live(request, LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION).exists()

    @pytest.mark.parametrize("answer", [Answer.NOT_NATIONAL, Answer.NOT_ESTABLISHED, Answer.IDENTITY_CONFIRMED])
    def test_every_answer_is_a_state_of_its_own(self, answer):
        request = submitted_request()
        services.request_record_answer(
            request=request,
            answer=answer,
            on=D(2026, 10, 1),
            channel=Channel.EMAIL,
            actor=request.case.case_officer,
            now=NOW,
        )
        request.refresh_from_db()
        assert (request.state, request.transitions.last().data["first_answer"]) == (answer, True)

    def test_withdrawn_with_its_reason_cancels_the_running_deadlines(self):
        request = submitted_request()
        services.request_withdraw(
            request=request, reason=WithdrawalReason.NO_ANSWER, actor=request.case.case_officer, now=NOW
        )
        request.refresh_from_db()
        assert (request.state, request.withdrawal_reason) == (State.WITHDRAWN, "no_answer")
        assert not Deadline.objects.filter(source_id=request.pk, status__in=["open", "overdue"]).exists()

    def test_after_withdrawal_a_new_request_to_the_same_country_may_start(self):
        request = submitted_request()
        services.request_withdraw(
            request=request,
            reason=WithdrawalReason.OTHER,
            note="Nieuwe gegevens",
            actor=request.case.case_officer,
            now=NOW,
        )
        assert draft_request(request.case).state == State.DRAFT


class TestRules:
    def test_one_open_request_per_case_and_country(self):
        request = draft_request()
        error = refused(lambda: draft_request(request.case), code="open_request_exists")
        assert "Marokko" in error.message

    def test_the_country_must_be_a_nationality_of_the_person(self):
        case = moroccan_case()
        refused(lambda: draft_request(case, country="DZA"), code="country_not_a_nationality")

    def test_a_third_country_is_possible_with_the_access_recorded(self):
        request = draft_request(country="ESP", third_country_access="Verblijfsvergunning Spanje tot 2028")
        assert request.country.code == "ESP"

    def test_the_actor_must_be_allowed_to_change_the_case(self):
        case = moroccan_case()
        stranger = CaseOfficerFactory()
        refused(lambda: draft_request(case, actor=stranger), error=PermissionDenied)
        request = submitted_request(case)
        refused(
            lambda: services.request_withdraw(request=request, reason="other", note="x", actor=stranger, now=NOW),
            error=PermissionDenied,
        )

    def test_a_step_from_the_wrong_state_is_refused(self):
        request = draft_request()
        refused(
            lambda: services.request_record_presentation(
                request=request, on=D(2026, 11, 1), actor=request.case.case_officer, now=NOW
            ),
            code="invalid_transition",
        )

    def test_an_answer_cannot_predate_the_submission(self):
        request = submitted_request(on=D(2026, 9, 1))
        refused(
            lambda: services.request_record_answer(
                request=request,
                answer=Answer.NOT_NATIONAL,
                on=D(2026, 8, 31),
                channel=Channel.EMAIL,
                actor=request.case.case_officer,
                now=NOW,
            ),
            code="answer_before_submission",
        )

    def test_an_lps_validity_cannot_end_before_it_starts(self):
        request = submitted_request()
        refused(
            lambda: services.request_record_answer(
                request=request,
                answer=Answer.ISSUED,
                on=D(2026, 11, 2),
                channel=Channel.POST,
                actor=request.case.case_officer,
                now=NOW,
                lp_number="LP1",
                lp_issued_on=D(2026, 11, 2),
                lp_valid_until=D(2026, 11, 1),
            ),
            code="lp_validity_before_start",
        )

    def test_an_lp_needs_its_number_and_dates(self):
        request = submitted_request()
        error = refused(
            lambda: services.request_record_answer(
                request=request,
                answer=Answer.ISSUED,
                on=D(2026, 11, 2),
                channel=Channel.POST,
                actor=request.case.case_officer,
                now=NOW,
            ),
            error=ValidationError,
        )
        assert set(error.message_dict) == {"lp_number", "lp_issued_on", "lp_valid_until"}

    def test_an_answer_cannot_lie_in_the_future(self):
        request = submitted_request()
        refused(
            lambda: services.request_record_answer(
                request=request,
                answer=Answer.NOT_NATIONAL,
                on=D(2026, 11, 24),
                channel=Channel.EMAIL,
                actor=request.case.case_officer,
                now=NOW,
            ),
            error=ValidationError,
        )

    def test_an_lp_is_used_only_within_its_validity(self):
        request = issued_request(issued_on=D(2026, 11, 2), valid_until=D(2026, 11, 10))
        refused(
            lambda: services.request_record_use(
                request=request, on=D(2026, 11, 11), actor=request.case.case_officer, now=NOW
            ),
            code="lp_not_valid_on_date",
        )

    def test_a_valid_lp_does_not_expire(self):
        request = issued_request(valid_until=D(2026, 11, 23))
        refused(
            lambda: services.request_record_expiry(request=request, actor=request.case.case_officer, now=NOW),
            code="lp_still_valid",
        )

    def test_withdrawal_for_another_reason_says_why(self):
        request = submitted_request()
        refused(
            lambda: services.request_withdraw(
                request=request, reason=WithdrawalReason.OTHER, actor=request.case.case_officer, now=NOW
            ),
            error=ValidationError,
        )

    def test_the_database_also_refuses_a_second_open_request(self):
        from django.db import IntegrityError, transaction

        request = draft_request()
        with pytest.raises(IntegrityError), transaction.atomic():
            TravelDocumentRequest.objects.create(
                case=request.case, country=request.country, created_at=NOW, created_by=request.created_by
            )


class TestRvS19November2025:
    """No presentation in person, and a written request only with safeguards and a team lead's approval,
    while the person may await an asylum appeal in the Netherlands (ABRvS 19 November 2025)."""

    def _in_appeal(self):
        case = moroccan_case()
        ProcedureFactory(case=case, kind=ProcedureKind.APPEAL, may_await_in_nl=True)
        return case

    def test_pending_appeal_no_presentation_in_person(self):
        case = moroccan_case()
        request = submitted_request(case)
        ProcedureFactory(case=case, kind=ProcedureKind.APPEAL, may_await_in_nl=True)
        error = refused(
            lambda: services.request_schedule_presentation(
                request=request, on=D(2026, 12, 1), actor=case.case_officer, now=NOW
            ),
            code="rvs_no_presentation_during_appeal",
        )
        assert "19 november 2025" in error.message

    def test_pending_appeal_a_written_request_without_safeguards_is_refused(self):
        case = self._in_appeal()
        request = draft_request(case)
        refused(
            lambda: services.request_submit(
                request=request, on=D(2026, 11, 20), channel=Channel.EMAIL, actor=case.case_officer, now=NOW
            ),
            code="rvs_safeguards_missing",
        )

    def test_pending_appeal_a_written_request_needs_a_team_leads_approval(self):
        case = self._in_appeal()
        request = draft_request(case, safeguards_shared="Naam, geboortedatum, foto", no_asylum_data_shared=True)
        refused(
            lambda: services.request_submit(
                request=request, on=D(2026, 11, 20), channel=Channel.EMAIL, actor=case.case_officer, now=NOW
            ),
            code="rvs_approval_required",
        )

    def test_pending_appeal_with_safeguards_and_approval_the_written_request_goes_out(self):
        case = self._in_appeal()
        lead = TeamLeadFactory(team=case.team)
        request = draft_request(case, safeguards_shared="Naam, geboortedatum, foto", no_asylum_data_shared=True)
        services.request_approve(request=request, actor=lead, now=NOW)
        services.request_submit(
            request=request, on=D(2026, 11, 20), channel=Channel.EMAIL, actor=case.case_officer, now=NOW
        )
        request.refresh_from_db()
        assert (request.state, request.appeal_phase, request.approved_by) == (State.SUBMITTED, True, lead)

    def test_pending_appeal_in_person_submission_is_refused_even_with_approval(self):
        case = self._in_appeal()
        lead = TeamLeadFactory(team=case.team)
        request = draft_request(case, safeguards_shared="Naam", no_asylum_data_shared=True)
        services.request_approve(request=request, actor=lead, now=NOW)
        refused(
            lambda: services.request_submit(
                request=request, on=D(2026, 11, 20), channel=Channel.IN_PERSON, actor=case.case_officer, now=NOW
            ),
            code="rvs_no_presentation_during_appeal",
        )

    def test_four_eyes_the_drafter_cannot_approve_and_the_approver_cannot_submit(self):
        case = self._in_appeal()
        lead = TeamLeadFactory(team=case.team)
        request = draft_request(case, actor=lead, safeguards_shared="Naam", no_asylum_data_shared=True)
        refused(lambda: services.request_approve(request=request, actor=lead, now=NOW), code="self_approval")
        other_lead = TeamLeadFactory(team=case.team)
        services.request_approve(request=request, actor=other_lead, now=NOW)
        refused(
            lambda: services.request_submit(
                request=request, on=D(2026, 11, 20), channel=Channel.EMAIL, actor=other_lead, now=NOW
            ),
            code="self_approval",
        )

    def test_a_case_officer_cannot_approve(self):
        case = self._in_appeal()
        request = draft_request(
            case, actor=TeamLeadFactory(team=case.team), safeguards_shared="Naam", no_asylum_data_shared=True
        )
        refused(
            lambda: services.request_approve(request=request, actor=case.case_officer, now=NOW), error=PermissionDenied
        )

    def test_decided_appeal_presentation_allowed_again(self):
        case = moroccan_case()
        request = submitted_request(case)
        appeal = ProcedureFactory(case=case, kind=ProcedureKind.APPEAL, may_await_in_nl=True)
        procedure_decide(
            procedure=appeal, outcome="rejected", decided_on=D(2026, 11, 20), actor=case.case_officer, now=NOW
        )
        services.request_schedule_presentation(request=request, on=D(2026, 12, 1), actor=case.case_officer, now=NOW)
        request.refresh_from_db()
        assert request.state == State.PRESENTATION_SCHEDULED

    def test_no_appeal_written_request_needs_no_approval(self):
        request = submitted_request()
        assert (request.state, request.appeal_phase) == (State.SUBMITTED, False)

    def test_an_appeal_that_may_not_be_awaited_here_does_not_stop_a_presentation(self):
        case = moroccan_case()
        request = submitted_request(case)
        ProcedureFactory(case=case, kind=ProcedureKind.APPEAL, may_await_in_nl=False)
        services.request_schedule_presentation(request=request, on=D(2026, 12, 1), actor=case.case_officer, now=NOW)


def test_the_open_states_are_the_ones_the_database_constraint_names():
    from laissezpasser.constants import OPEN_STATES

    (constraint,) = [c for c in TravelDocumentRequest._meta.constraints if c.name == "lp_one_open_request_per_country"]
    assert set(constraint.condition.children[0][1]) == {str(s) for s in OPEN_STATES}
    assert connection.vendor == "postgresql"
