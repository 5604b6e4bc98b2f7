"""When a case closes, its open requests are withdrawn with reason outflow: after the commit, once."""

import pytest

from cases.constants import ClosureReason
from cases.models import CaseEvent
from cases.services import case_close
from laissezpasser.constants import State
from laissezpasser.models import RequestTransition
from laissezpasser.receivers import withdraw_on_close
from tests.factories.laissezpasser import NOW, issued_request, submitted_request

# Real transactions: the receiver runs when case_close commits.
pytestmark = pytest.mark.django_db(transaction=True)


def test_closing_the_case_withdraws_its_open_requests_with_reason_outflow():
    request = submitted_request()
    case = request.case
    case_close(case=case, closure_reason=ClosureReason.RESIDENCE_PERMIT, actor=case.case_officer, now=NOW)

    request.refresh_from_db()
    assert (request.state, request.withdrawal_reason) == (State.WITHDRAWN, "outflow")
    assert CaseEvent.objects.filter(case=case, kind="lp.withdrawn").count() == 1


def test_a_second_delivery_changes_nothing():
    request = issued_request()
    case = request.case
    case_close(case=case, closure_reason=ClosureReason.RESIDENCE_PERMIT, actor=case.case_officer, now=NOW)
    before = (RequestTransition.objects.count(), CaseEvent.objects.count())

    withdraw_on_close(None, case_id=case.pk, at=NOW, closure_reason="residence_permit")

    assert (RequestTransition.objects.count(), CaseEvent.objects.count()) == before


def test_a_rolled_back_closure_withdraws_nothing():
    from django.db import transaction

    request = submitted_request()
    case = request.case
    with pytest.raises(RuntimeError), transaction.atomic():
        case_close(case=case, closure_reason=ClosureReason.RESIDENCE_PERMIT, actor=case.case_officer, now=NOW)
        raise RuntimeError("rolled back")
    request.refresh_from_db()
    assert request.state == State.SUBMITTED
