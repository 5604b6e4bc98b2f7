"""When a case closes, its open removals are cancelled: after the commit, once; an executed removal stays."""

import pytest

from cases.constants import ClosureReason
from cases.services import case_close
from departures.receivers import cancel_on_close
from tests.factories.departures import BOOKED, planned_removal

# Real transactions: the receiver runs when case_close commits.
pytestmark = pytest.mark.django_db(transaction=True)


def test_closing_the_case_cancels_its_open_removal_and_a_second_delivery_changes_nothing():
    removal = planned_removal()
    case = removal.case
    case_close(case=case, closure_reason=ClosureReason.RESIDENCE_PERMIT, actor=case.case_officer, now=BOOKED)
    removal.refresh_from_db()
    assert (removal.state, removal.cancellation_reason) == ("cancelled", "other")
    cancel_on_close(None, case_id=case.pk, closure_reason="residence_permit", at=BOOKED)
    assert removal.transitions.filter(to_state="cancelled").count() == 1


def test_leaving_without_supervision_cancels_as_absconded():
    removal = planned_removal()
    case = removal.case
    case_close(
        case=case,
        closure_reason=ClosureReason.DEPARTED_UNSUPERVISED,
        departed_on=BOOKED.date(),
        actor=case.case_officer,
        now=BOOKED,
    )
    removal.refresh_from_db()
    assert removal.cancellation_reason == "absconded"
