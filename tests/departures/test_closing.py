"""Outflow and closing (DOMAIN.md 12): a forced departure closes from the executed removal; every closure category
cancels the deadlines, and the other apps react to `case_closed` after the real commit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases import events as case_events
from cases.constants import (
    ClosureEvidence,
    ClosureReason,
    DeadlineStatus,
    DestinationType,
)
from cases.deadlines.models import Deadline
from cases.models import Case, CaseEvent
from cases.services import case_close
from departures import services
from departures.constants import RemovalState
from departures.selectors import destination_type_of
from detention.models import Measure
from laissezpasser.constants import State, WithdrawalReason
from laissezpasser.models import TravelDocumentRequest
from tests.factories.departures import BOOKED, DEPARTS, local, notify, planned_removal, ready_forced_case
from tests.factories.detention import enforcer_for, reporting_duty
from tests.factories.laissezpasser import moroccan_case, submitted_request

# Real transactions: on_commit runs when the service commits, so the receivers of the other apps really run.
pytestmark = pytest.mark.django_db(transaction=True)

LIVE = (DeadlineStatus.OPEN, DeadlineStatus.OVERDUE)


def _confirmed_forced_removal():
    case = ready_forced_case()
    removal = planned_removal(case, kmar_escorts=2)
    notify(removal, DEPARTS - dt.timedelta(hours=50))
    return services.removal_confirm(removal=removal, actor=case.case_officer, now=local(2026, 10, 25, 12))


def _execute(removal, **kwargs):
    values = {"executed_at": DEPARTS + dt.timedelta(minutes=20), "escorted_by": "KMar, 2 escorts", **kwargs}
    return services.removal_execute(
        removal=removal, actor=removal.case.case_officer, now=DEPARTS + dt.timedelta(hours=3), **values
    )


class TestAForcedDepartureClosesFromTheExecutedRemoval:
    def test_the_case_closes_as_a_forced_departure_with_destination_date_and_evidence_from_the_removal(self):
        removal = _confirmed_forced_removal()
        case = removal.case
        enforcer = enforcer_for(case)
        measure = reporting_duty(case, enforcer, now=BOOKED)
        _execute(removal)
        case = Case.objects.get(pk=case.pk)
        assert case.phase == "closed"
        assert case.closure_reason == ClosureReason.DEPARTED_FORCED
        assert case.departed_on == dt.date(2026, 10, 26)  # the local day of the actual departure
        assert (case.destination_type, case.destination_country) == (DestinationType.COUNTRY_OF_ORIGIN, "MAR")
        assert case.closure_evidence == ClosureEvidence.REMOVAL_EXECUTED
        assert case.closure_remark == "Royal Air Maroc AT851"
        closing = CaseEvent.objects.get(case=case, kind=case_events.CASE_PHASE_CHANGED, data__to="closed")
        assert closing.data["closure_reason"] == "departed_forced"
        # The laissez-passer the person travelled on is used, not withdrawn for outflow.
        assert TravelDocumentRequest.objects.get(case=case).state == State.USED
        # The running deadlines were cancelled (or met) in the closing transaction ...
        assert not Deadline.objects.filter(case=case, status__in=LIVE).exists()
        # ... and after the commit detention's receiver ended the running measure.
        measure.refresh_from_db()
        assert measure.ends_at is not None and measure.end_reason == "case_closed"
        # The executed removal stays executed: departures' own receiver cancels open removals only.
        removal.refresh_from_db()
        assert removal.state == RemovalState.EXECUTED

    def test_a_refused_execution_closes_nothing(self):
        removal = _confirmed_forced_removal()
        with pytest.raises(ValidationError) as error:
            _execute(removal, escorted_by="")  # KMar escorted: who escorted must be named
        assert "escorted_by" in error.value.message_dict
        case = Case.objects.get(pk=removal.case_id)
        assert case.phase != "closed" and case.closure_reason == ""
        removal.refresh_from_db()
        assert removal.state == RemovalState.CONFIRMED
        assert TravelDocumentRequest.objects.get(case=case).state == State.ISSUED

    def test_the_closed_case_takes_no_further_removal_step(self):
        removal = _execute(_confirmed_forced_removal())
        with pytest.raises(Exception) as error:
            services.removal_cancel(removal=removal, reason="medical", actor=removal.case.case_officer, now=DEPARTS)
        assert getattr(error.value, "code", None) == "case_closed"


class TestTheDestinationTypeOfAnExecutedRemoval:
    @pytest.mark.parametrize(
        ("country", "plan", "nationalities", "expected"),
        [
            ("MAR", (DestinationType.COUNTRY_OF_ORIGIN, "MAR"), {"MAR"}, DestinationType.COUNTRY_OF_ORIGIN),
            ("DEU", (DestinationType.DUBLIN_STATE, "DEU"), {"MAR"}, DestinationType.DUBLIN_STATE),
            ("TUN", (DestinationType.OTHER_COUNTRY, "TUN"), {"MAR"}, DestinationType.OTHER_COUNTRY),
            # The flight went elsewhere than the plan said: the country decides.
            ("BEL", (DestinationType.COUNTRY_OF_ORIGIN, "MAR"), {"MAR"}, DestinationType.DUBLIN_STATE),
            ("MAR", ("", ""), {"MAR"}, DestinationType.COUNTRY_OF_ORIGIN),
            ("TUN", ("", ""), {"MAR"}, DestinationType.OTHER_COUNTRY),
        ],
    )
    def test_the_plan_names_it_else_the_country(self, country, plan, nationalities, expected):
        assert (
            destination_type_of(country, plan_type=plan[0], plan_country=plan[1], nationalities=nationalities)
            == expected
        )


# DOMAIN.md 12: each published category with the fields it needs.
CATEGORIES = {
    ClosureReason.DEPARTED_INDEPENDENTLY: {
        "departed_on": dt.date(2026, 10, 19),
        "destination_type": DestinationType.COUNTRY_OF_ORIGIN,
        "destination_country": "MAR",
        "evidence": ClosureEvidence.IOM_CONFIRMATION,
    },
    ClosureReason.DEPARTED_FORCED: {
        "departed_on": dt.date(2026, 10, 19),
        "destination_type": DestinationType.DUBLIN_STATE,
        "destination_country": "DEU",
        "evidence": ClosureEvidence.OTHER,
        "remark": "Overdracht door de Duitse grenspolitie bevestigd",
    },
    ClosureReason.DEPARTED_UNSUPERVISED: {"departed_on": dt.date(2026, 10, 19)},
    ClosureReason.RESIDENCE_PERMIT: {},
    ClosureReason.ASYLUM_APPLICATION: {},
    ClosureReason.DECEASED: {},
    ClosureReason.OTHER: {},
}


@pytest.mark.parametrize("reason", ClosureReason.values)
def test_each_closure_category_cancels_deadlines_withdraws_lp_requests_and_ends_work_after_the_commit(reason):
    case = moroccan_case()
    request = submitted_request(case, now=BOOKED)
    assert Deadline.objects.filter(case=case, status__in=LIVE).exists()  # the mission's reminder runs
    removal = planned_removal(case)
    measure = reporting_duty(case, enforcer_for(case), now=BOOKED)
    case_close(case=case, closure_reason=reason, actor=case.case_officer, now=BOOKED, **CATEGORIES[reason])
    assert set(CATEGORIES) == set(ClosureReason.values)  # a new category needs its line here
    assert not Deadline.objects.filter(case=case, status__in=LIVE).exists()
    request.refresh_from_db()
    assert (request.state, request.withdrawal_reason) == (State.WITHDRAWN, WithdrawalReason.OUTFLOW)
    removal.refresh_from_db()
    expected = "absconded" if reason == ClosureReason.DEPARTED_UNSUPERVISED else "other"
    assert (removal.state, removal.cancellation_reason) == (RemovalState.CANCELLED, expected)
    assert Measure.objects.get(pk=measure.pk).end_reason == "case_closed"
