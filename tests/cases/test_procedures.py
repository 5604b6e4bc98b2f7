"""Legal procedures and the legal obstacle to removal: none while a procedure that may be awaited here is pending."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases import events
from cases.models import CaseEvent, LegalProcedure
from cases.selectors import case_removability
from cases.services import procedure_decide, procedure_record
from dtv.core.exceptions import DomainError
from tests.factories.cases import CaseFactory, ProcedureFactory

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 23)

pytestmark = pytest.mark.django_db


def _legal(case, on=TODAY):
    return case_removability(case=case, on=on).legal_obstacles


class TestLegalObstacleFromProcedures:
    def test_a_case_without_procedures_has_no_legal_obstacle(self):
        assert _legal(CaseFactory()) == ()

    def test_a_pending_appeal_that_may_be_awaited_here_is_a_legal_obstacle_art_82_vw(self):
        procedure = ProcedureFactory()
        (obstacle,) = _legal(procedure.case)
        assert (obstacle.check, obstacle.kind, obstacle.basis, obstacle.source_id, obstacle.until) == (
            "procedures",
            "legal",
            "art. 82 Vw 2000 / art. 8:1 Awb",
            procedure.pk,
            None,
        )
        assert obstacle.reason == "Beroep ingediend op 02-03-2026 loopt nog en mag in Nederland worden afgewacht."

    def test_a_pending_procedure_that_may_not_be_awaited_here_is_no_obstacle(self):
        procedure = ProcedureFactory(not_suspensive=True)
        assert _legal(procedure.case) == ()

    def test_a_decided_appeal_no_longer_is_an_obstacle(self):
        procedure = ProcedureFactory(rejected=True)
        assert _legal(procedure.case) == ()

    def test_a_granted_medical_postponement_stands_until_its_end_date_art_64_vw(self):
        procedure = ProcedureFactory(
            kind="medical_postponement",
            outcome="granted",
            decided_on=dt.date(2026, 10, 1),
            effective_until=dt.date(2026, 12, 31),
            may_await_in_nl=False,
        )
        (obstacle,) = _legal(procedure.case, on=dt.date(2026, 12, 31))
        assert (obstacle.basis, obstacle.until) == ("art. 64 Vw 2000", dt.date(2026, 12, 31))
        assert _legal(procedure.case, on=dt.date(2027, 1, 1)) == ()

    def test_a_granted_rule_39_measure_stands_until_lifted(self):
        procedure = ProcedureFactory(kind="ecthr_rule_39", outcome="granted", decided_on=dt.date(2026, 3, 5))
        (obstacle,) = _legal(procedure.case, on=dt.date(2030, 1, 1))
        assert obstacle.basis == "art. 39 Procesreglement EHRM"


class TestProcedureRecord:
    def test_recording_a_pending_appeal_raises_a_legal_obstacle_and_says_so(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        procedure_record(
            case=case, kind="appeal", lodged_on=dt.date(2026, 11, 20), may_await_in_nl=True, actor=case_officer, now=NOW
        )
        event = CaseEvent.objects.get(kind=events.PROCEDURE_RECORDED.code)
        assert (event.data["legal_obstacle_before"], event.data["legal_obstacle_after"]) == (False, True)
        case.refresh_from_db()
        assert case.legal_obstacle_until == dt.date.max

    def test_a_procedure_cannot_be_lodged_in_the_future(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        with pytest.raises(ValidationError) as refused:
            procedure_record(
                case=case,
                kind="objection",
                lodged_on=dt.date(2026, 11, 24),
                may_await_in_nl=False,
                actor=case_officer,
                now=NOW,
            )
        assert "lodged_on" in refused.value.message_dict
        assert not LegalProcedure.objects.exists() and not CaseEvent.objects.exists()

    def test_an_end_date_only_for_a_granted_protective_measure(self, case_officer):
        case = CaseFactory(case_officer=case_officer, in_progress=True)
        with pytest.raises(ValidationError) as refused:
            procedure_record(
                case=case,
                kind="appeal",
                lodged_on=dt.date(2026, 11, 1),
                may_await_in_nl=True,
                effective_until=dt.date(2026, 12, 1),
                actor=case_officer,
                now=NOW,
            )
        assert "effective_until" in refused.value.message_dict
        assert not LegalProcedure.objects.exists()


class TestProcedureDecide:
    def test_the_rejection_of_the_appeal_ends_the_legal_obstacle(self, case_officer):
        procedure = ProcedureFactory(case__case_officer=case_officer)
        procedure_decide(
            procedure=procedure, outcome="rejected", decided_on=dt.date(2026, 11, 20), actor=case_officer, now=NOW
        )
        assert _legal(procedure.case) == ()
        event = CaseEvent.objects.get(kind=events.PROCEDURE_DECIDED.code)
        assert (event.data["legal_obstacle_before"], event.data["legal_obstacle_after"]) == (True, False)
        procedure.case.refresh_from_db()
        assert procedure.case.legal_obstacle_until is None

    def test_a_decision_cannot_precede_the_lodging(self, case_officer):
        procedure = ProcedureFactory(case__case_officer=case_officer)
        with pytest.raises(ValidationError) as refused:
            procedure_decide(
                procedure=procedure, outcome="rejected", decided_on=dt.date(2026, 3, 1), actor=case_officer, now=NOW
            )
        assert "decided_on" in refused.value.message_dict
        procedure.refresh_from_db()
        assert procedure.outcome == "pending"

    def test_a_decided_procedure_is_not_decided_twice(self, case_officer):
        procedure = ProcedureFactory(case__case_officer=case_officer, rejected=True)
        with pytest.raises(DomainError) as refused:
            procedure_decide(
                procedure=procedure, outcome="granted", decided_on=dt.date(2026, 11, 1), actor=case_officer, now=NOW
            )
        assert refused.value.code == "already_decided"
