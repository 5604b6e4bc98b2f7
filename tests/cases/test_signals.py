"""The domain signals of cases, received through real transactions: sent after commit, never after a rollback."""

import datetime as dt
import logging

import pytest
from django.db import transaction

from cases import signals
from cases.constants import ProcedureKind, Source
from cases.intake import HandoverData, handover_receive
from cases.models import Case
from cases.removability import OPEN_ENDED
from cases.services import (
    case_assign,
    case_close,
    case_reopen,
    case_transition,
    procedure_decide,
    procedure_record,
)
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory
from tests.factories.cases import CaseFactory

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)

# Real transactions: the test database is not wrapped in one, so on_commit runs when the service commits.
pytestmark = pytest.mark.django_db(transaction=True)


class Listener:
    """A receiver that records what it got and what the database held when it ran."""

    def __init__(self, signal):
        self.signal, self.calls = signal, []

    def __call__(self, sender, **kwargs):
        case = Case.objects.filter(pk=kwargs.get("case_id")).first()
        self.calls.append({**kwargs, "phase_seen": case.phase if case else None})


@pytest.fixture
def listen():
    listeners = []

    def connect(signal):
        listener = Listener(signal)
        signal.connect(listener, weak=False)
        listeners.append(listener)
        return listener

    yield connect
    for listener in listeners:
        listener.signal.disconnect(listener)


@pytest.fixture
def officer():
    return CaseOfficerFactory()


class TestCaseClosed:
    def test_is_received_after_commit_with_ids_and_facts(self, listen, officer):
        closed, phase = listen(signals.case_closed), listen(signals.case_phase_changed)
        case = CaseFactory(case_officer=officer, in_progress=True)
        case_close(case=case, closure_reason="residence_permit", actor=officer, now=NOW)
        assert closed.calls == [
            {
                "signal": signals.case_closed,
                "case_id": case.pk,
                "closure_reason": "residence_permit",
                "departed_on": None,
                "destination_type": "",
                "destination_country": "",
                "actor_id": officer.pk,
                "at": NOW,
                "phase_seen": "closed",  # the receiver already sees the committed change
            }
        ]
        assert [(c["from_phase"], c["to_phase"]) for c in phase.calls] == [("in_progress", "closed")]

    def test_is_not_sent_when_the_transaction_rolls_back(self, listen, officer):
        closed = listen(signals.case_closed)
        case = CaseFactory(case_officer=officer, in_progress=True)
        with pytest.raises(RuntimeError), transaction.atomic():
            case_close(case=case, closure_reason="residence_permit", actor=officer, now=NOW)
            raise RuntimeError("the surrounding work failed")
        assert closed.calls == []
        assert Case.objects.get(pk=case.pk).phase == "in_progress"

    def test_is_not_sent_when_the_service_refuses(self, listen, officer):
        closed = listen(signals.case_closed)
        case = CaseFactory(case_officer=officer, in_progress=True)
        with pytest.raises(Exception):  # noqa: B017 - the refusal itself is tested in test_closure
            case_close(case=case, closure_reason="departed_forced", actor=officer, now=NOW)
        assert closed.calls == []

    def test_a_failing_receiver_is_logged_and_stops_neither_the_others_nor_the_change(self, listen, officer, caplog):
        def broken(sender, **kwargs):
            raise ValueError("receiver bug")

        signals.case_closed.connect(broken, weak=False)
        try:
            closed = listen(signals.case_closed)
            case = CaseFactory(case_officer=officer, in_progress=True)
            with caplog.at_level(logging.ERROR, logger="cases.signals"):
                case_close(case=case, closure_reason="residence_permit", actor=officer, now=NOW)
        finally:
            signals.case_closed.disconnect(broken)
        assert len(closed.calls) == 1
        assert Case.objects.get(pk=case.pk).phase == "closed"
        assert "Receiver" in caplog.text and str(case.pk) in caplog.text


class TestCaseReopened:
    def test_is_received_with_the_reason_and_the_earlier_closure(self, listen, officer):
        reopened = listen(signals.case_reopened)
        case = CaseFactory(case_officer=officer, closed=True)
        lead = TeamLeadFactory(team=officer.team)
        case_reopen(case=case, reason="Aangetroffen bij controle in Utrecht.", actor=lead, now=NOW)
        assert [(c["case_id"], c["reason"], c["previous_closure_reason"], c["actor_id"], c["phase_seen"]) for c in
                reopened.calls] == [(case.pk, "Aangetroffen bij controle in Utrecht.", "residence_permit", lead.pk,
                                     "in_progress")]  # fmt: skip


class TestCaseOpenedAndAssigned:
    def test_a_handover_sends_case_opened_once(self, listen, officer):
        opened = listen(signals.case_opened)
        data = HandoverData(
            source=Source.SELF_REGISTRATION,
            reference="SELF-1",
            handover_date=dt.date(2026, 11, 20),
            v_number="5555555555",
            surname="Gebremariam",
            nationalities=[("ERI", "claimed")],
            track="self_registered",
        )
        handover, _ = handover_receive(data=data, received_by=officer, now=NOW)
        handover_receive(data=data, received_by=officer, now=NOW)  # the same handover again: no new case
        assert [(c["case_id"], c["source"], c["previous_case_id"], c["actor_id"]) for c in opened.calls] == [
            (handover.case_id, "self_registration", None, officer.pk)
        ]

    def test_an_assignment_sends_who_holds_the_case_now_and_before(self, listen, officer):
        assigned = listen(signals.case_assigned)
        lead = TeamLeadFactory(team=officer.team)
        case = CaseFactory(case_officer=CaseOfficerFactory(team=officer.team))
        previous = case.case_officer_id
        case_assign(case=case, officer=officer, actor=lead, now=NOW)
        assert [(c["team_id"], c["case_officer_id"], c["previous_case_officer_id"], c["actor_id"]) for c in
                assigned.calls] == [(officer.team_id, officer.pk, previous, lead.pk)]  # fmt: skip


class TestPhaseChanged:
    def test_each_phase_change_is_sent(self, listen, officer):
        phase = listen(signals.case_phase_changed)
        case = CaseFactory(case_officer=officer)
        case_transition(case=case, transition="start_work", actor=officer, now=NOW)
        case_transition(case=case, transition="prepare_departure", actor=officer, now=NOW)
        assert [(c["from_phase"], c["to_phase"], c["phase_seen"]) for c in phase.calls] == [
            ("intake", "in_progress", "in_progress"),
            ("in_progress", "departure_preparation", "departure_preparation"),
        ]


class TestRemovabilityChanged:
    def test_a_legal_obstacle_appearing_and_disappearing_is_sent_with_the_procedure_facts(self, listen, officer):
        changed, recorded, decided = (
            listen(signals.case_removability_changed),
            listen(signals.procedure_recorded),
            listen(signals.procedure_decided),
        )
        case = CaseFactory(case_officer=officer, in_progress=True)
        appeal = procedure_record(
            case=case,
            kind=ProcedureKind.APPEAL,
            lodged_on=dt.date(2026, 11, 20),
            may_await_in_nl=True,
            actor=officer,
            now=NOW,
        )
        # A second blocking procedure changes nothing about whether an obstacle stands: no signal.
        procedure_record(
            case=case,
            kind=ProcedureKind.ECTHR_RULE_39,
            lodged_on=dt.date(2026, 11, 21),
            may_await_in_nl=False,
            outcome="granted",
            decided_on=dt.date(2026, 11, 22),
            effective_until=dt.date(2026, 12, 31),
            actor=officer,
            now=NOW,
        )
        procedure_decide(procedure=appeal, outcome="rejected", decided_on=dt.date(2026, 11, 23), actor=officer,
                         now=NOW)  # fmt: skip
        assert [(c["has_legal_obstacle"], c["legal_obstacle_until"]) for c in changed.calls] == [(True, OPEN_ENDED)]
        assert [(c["kind"], c["outcome"], c["may_await_in_nl"]) for c in recorded.calls] == [
            ("appeal", "pending", True),
            ("ecthr_rule_39", "granted", False),
        ]
        assert [(c["procedure_id"], c["outcome"]) for c in decided.calls] == [(appeal.pk, "rejected")]
        assert Case.objects.get(pk=case.pk).legal_obstacle_until == dt.date(2026, 12, 31)

    def test_the_obstacle_disappearing_is_sent(self, listen, officer):
        changed = listen(signals.case_removability_changed)
        case = CaseFactory(case_officer=officer, in_progress=True)
        appeal = procedure_record(
            case=case,
            kind=ProcedureKind.APPEAL,
            lodged_on=dt.date(2026, 11, 20),
            may_await_in_nl=True,
            actor=officer,
            now=NOW,
        )
        procedure_decide(procedure=appeal, outcome="rejected", decided_on=dt.date(2026, 11, 23), actor=officer,
                         now=NOW)  # fmt: skip
        assert [(c["has_legal_obstacle"], c["legal_obstacle_until"], c["phase_seen"]) for c in changed.calls] == [
            (True, OPEN_ENDED, "in_progress"),
            (False, None, "in_progress"),
        ]
