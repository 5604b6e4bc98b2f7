"""The pre-removal checks: a ready forced removal passes them all, and each one failing alone stops the confirm."""

import datetime as dt

import pytest

from cases.constants import ProcedureKind
from departures import services
from departures.constants import CheckStatus, DepartureTrack, RemovalState
from departures.models import DepartureFile, MedicalParticulars
from departures.selectors import removal_checklist
from dtv.core.exceptions import DomainError
from laissezpasser.models import TravelDocumentRequest
from tests.factories.cases import ProcedureFactory
from tests.factories.departures import BOOKED, DEPARTS, local, notify, plan, planned_removal, ready_forced_case

pytestmark = pytest.mark.django_db

CONFIRM_AT = local(2026, 10, 25, 12)


def _forced_removal(case):
    removal = planned_removal(case, kmar_escorts=2)
    return notify(removal, DEPARTS.astimezone(dt.UTC) - dt.timedelta(hours=72))


def _statuses(removal):
    checks, _completeness = removal_checklist(removal)
    return {check.key: check.status for check in checks}


def _refused(removal):
    with pytest.raises(DomainError) as error:
        services.removal_confirm(removal=removal, actor=removal.case.case_officer, now=CONFIRM_AT)
    removal.refresh_from_db()
    assert removal.state == RemovalState.NOTIFIED
    return error.value


class TestAReadyForcedRemoval:
    def test_passes_every_check_and_is_confirmed(self):
        removal = _forced_removal(ready_forced_case())
        assert set(_statuses(removal).values()) == {CheckStatus.PASSED}
        confirmed = services.removal_confirm(removal=removal, actor=removal.case.case_officer, now=CONFIRM_AT)
        assert confirmed.state == RemovalState.CONFIRMED


class TestEachCheckFailingAlone:
    def test_no_travel_document_valid_on_the_flight_date_art_63_vw_2000(self):
        case = ready_forced_case()
        TravelDocumentRequest.objects.filter(case=case).update(lp_valid_until=dt.date(2026, 10, 25))
        removal = _forced_removal(case)
        assert [k for k, s in _statuses(removal).items() if s == CheckStatus.FAILED] == ["travel_document"]
        error = _refused(removal)
        assert error.code == "check_travel_document"
        assert "25-10-2026" in error.message

    def test_a_pending_appeal_that_may_be_awaited_art_82_vw_2000(self):
        case = ready_forced_case()
        ProcedureFactory(case=case, kind=ProcedureKind.APPEAL, lodged_on=dt.date(2026, 10, 1))
        removal = _forced_removal(case)
        assert [k for k, s in _statuses(removal).items() if s == CheckStatus.FAILED] == ["procedures"]
        error = _refused(removal)
        assert (error.code, "art. 82 Vw 2000" in error.message) == ("check_procedures", True)

    def test_a_granted_rule_39_measure_art_39_procesreglement_ehrm(self):
        case = ready_forced_case()
        ProcedureFactory(
            case=case, kind=ProcedureKind.ECTHR_RULE_39, outcome="granted", decided_on=dt.date(2026, 10, 2)
        )
        error = _refused(_forced_removal(case))
        assert error.code == "check_procedures"
        assert "art. 39 Procesreglement EHRM" in error.message

    def test_a_medical_postponement_art_64_vw_2000(self):
        case = ready_forced_case()
        ProcedureFactory(
            case=case, kind=ProcedureKind.MEDICAL_POSTPONEMENT, outcome="granted", decided_on=dt.date(2026, 10, 2)
        )
        removal = _forced_removal(case)
        assert [k for k, s in _statuses(removal).items() if s == CheckStatus.FAILED] == ["medical"]
        error = _refused(removal)
        assert (error.code, "art. 64 Vw 2000" in error.message) == ("check_medical", True)

    def test_the_bma_conditions_not_arranged_art_64_vw_2000(self):
        case = ready_forced_case()
        MedicalParticulars.objects.filter(departure_file__case=case).update(
            bma_escort="Verpleegkundige begeleiding", bma_conditions_met=False
        )
        error = _refused(_forced_removal(case))
        assert error.code == "check_medical"
        assert "Verpleegkundige begeleiding" in error.message

    def test_the_kmar_departure_file_incomplete(self):
        case = ready_forced_case()
        DepartureFile.objects.filter(case=case).update(money="", physical_features="")
        removal = _forced_removal(case)
        assert [k for k, s in _statuses(removal).items() if s == CheckStatus.FAILED] == ["departure_file"]
        error = _refused(removal)
        assert error.code == "check_departure_file"
        assert "Physical features" in error.message or "Signalement" in error.message

    def test_the_forced_track_not_approved(self):
        case = ready_forced_case()
        plan(case, track=DepartureTrack.FORCED, reason="Nieuwe vlucht", now=BOOKED)
        removal = _forced_removal(case)
        assert [k for k, s in _statuses(removal).items() if s == CheckStatus.FAILED] == ["forced_track"]
        assert _refused(removal).code == "check_forced_track"

    def test_a_forced_removal_without_the_forced_track(self):
        case = ready_forced_case()
        plan(case, track=DepartureTrack.INDEPENDENT, reason="Wil toch zelf", now=BOOKED)
        assert _refused(_forced_removal(case)).code == "check_forced_track"

    def test_an_independent_departure_needs_no_kmar_file_nor_approval(self):
        case = ready_forced_case()
        plan(case, track=DepartureTrack.INDEPENDENT, reason="Wil toch zelf", now=BOOKED)
        DepartureFile.objects.filter(case=case).update(money="")
        removal = notify(planned_removal(case), DEPARTS.astimezone(dt.UTC) - dt.timedelta(hours=72))
        statuses = _statuses(removal)
        assert (statuses["departure_file"], statuses["forced_track"]) == (
            CheckStatus.NOT_APPLICABLE,
            CheckStatus.NOT_APPLICABLE,
        )
