"""Planned removals, cancellations by reason and Dublin transfers per period, hand-counted from departures' events."""

import datetime as dt

import pytest

from cases.constants import DestinationType
from departures import services
from departures.constants import CancellationReason, DublinClaimKind
from laissezpasser import services as lp_services
from laissezpasser.constants import Answer, Channel
from reports import statistics
from reports.statistics import Period
from tests.factories.departures import local, notify, plan, planned_removal
from tests.factories.laissezpasser import moroccan_case, submitted_request

from .streams import counted

pytestmark = pytest.mark.django_db
Y2026 = Period.year(2026)
Y2027 = Period.year(2027)


def rows(table):
    return {row[0]: row[1:] for row in table.rows}


def booked(when, departs=None, **kwargs):
    return planned_removal(now=when, departs_at=departs or when + dt.timedelta(days=10), **kwargs)


def cancel(removal, reason, when, note=""):
    return services.removal_cancel(removal=removal, reason=reason, actor=removal.case.case_officer, now=when, note=note)


def rebook(removal, when):
    return services.removal_rebook(
        removal=removal,
        reason=CancellationReason.CARRIER_REFUSED,
        actor=removal.case.case_officer,
        now=when,
        departs_at=when + dt.timedelta(days=14),
    )


def laissez_passer(case, on):
    """A laissez-passer asked, and issued for a year, on day `on`."""
    request = submitted_request(case, on=on, now=local(on.year, on.month, on.day, 11))
    lp_services.request_record_answer(
        request=request,
        answer=Answer.ISSUED,
        on=on,
        channel=Channel.POST,
        actor=case.case_officer,
        now=local(on.year, on.month, on.day, 11),
        lp_number=f"LP-{case.pk}",
        lp_issued_on=on,
        lp_valid_until=on + dt.timedelta(days=365),
    )


def dublin_transfer(*, accepted_on, executed, state="ESP"):
    """A claim accepted on `accepted_on` and the transfer carried out (recorded) at `executed`."""
    case = moroccan_case()
    claim = services.dublin_claim_record(
        case=case,
        kind=DublinClaimKind.TAKE_BACK,
        member_state=state,
        registered_on=accepted_on - dt.timedelta(days=30),
        requested_on=accepted_on - dt.timedelta(days=5),
        actor=case.case_officer,
        now=local(accepted_on.year, accepted_on.month, accepted_on.day, 9),
    )
    services.dublin_claim_answer(
        claim=claim,
        answer="accepted",
        on=accepted_on,
        actor=case.case_officer,
        now=local(accepted_on.year, accepted_on.month, accepted_on.day, 10),
    )
    laissez_passer(case, accepted_on)
    plan(
        case,
        destination_type=DestinationType.DUBLIN_STATE,
        destination_country=state,
        now=local(accepted_on.year, accepted_on.month, accepted_on.day, 12),
    )
    departs = executed - dt.timedelta(hours=2)
    removal = planned_removal(case, now=departs - dt.timedelta(days=5), departs_at=departs, destination_country=state)
    removal = notify(removal, departs - dt.timedelta(hours=72))
    removal = services.removal_confirm(removal=removal, actor=case.case_officer, now=departs - dt.timedelta(hours=24))
    return services.removal_execute(
        removal=removal, actor=case.case_officer, now=executed, executed_at=departs, escorted_by="KMar"
    )


class TestPlannedRemovalsAndCancellations:
    def test_counts_bookings_rebookings_and_cancellations_by_reason_on_their_days(self):
        first = booked(local(2026, 3, 2, 9))
        cancel(first, CancellationReason.MEDICAL, local(2026, 3, 5, 9))
        second = booked(local(2026, 4, 1, 9))
        rebook(second, local(2026, 4, 3, 9))  # a cancellation (carrier refused) and a rebooking
        third = booked(local(2026, 12, 31, 23))  # 23:00 Amsterdam: still 2026
        cancel(third, CancellationReason.ABSCONDED, local(2027, 1, 2, 9))  # counts in 2027
        booked(local(2025, 12, 31, 23))  # 2025
        counted(local(2027, 1, 5, 9))

        removals = rows(statistics.removals(Y2026))
        assert removals["Booked"] == [3]
        assert removals["Rebooked"] == [1]
        assert removals["Cancelled (any reason)"] == [2]
        assert removals["of which to be rebooked"] == [1]
        assert statistics.removals(Y2026).total == ["Planned in the period", 4]

        by_reason = statistics.cancellations(Y2026)
        reasons = rows(by_reason)
        assert reasons[str(CancellationReason.MEDICAL.label)] == [1, 50.0]
        assert reasons[str(CancellationReason.CARRIER_REFUSED.label)] == [1, 50.0]
        assert reasons[str(CancellationReason.ABSCONDED.label)] == [0, 0.0]
        assert by_reason.total[1] == 2
        assert "removal cancelled" in by_reason.definition
        assert rows(statistics.cancellations(Y2027))[str(CancellationReason.ABSCONDED.label)] == [1, 100.0]

    def test_a_closed_period_does_not_change_when_its_removal_changes_later(self):
        removal = booked(local(2026, 11, 2, 9))
        counted(local(2027, 1, 1, 9))
        before = (statistics.removals(Y2026).rows, statistics.cancellations(Y2026).rows)
        cancel(removal, CancellationReason.OTHER, local(2027, 1, 10, 9), note="De vlucht verviel.")
        counted(local(2027, 1, 11, 9))
        assert (statistics.removals(Y2026).rows, statistics.cancellations(Y2026).rows) == before
        assert rows(statistics.cancellations(Y2027))[str(CancellationReason.OTHER.label)] == [1, 100.0]

    def test_a_case_closed_with_open_removal_counts_the_cancellation_it_causes(
        self, django_capture_on_commit_callbacks
    ):
        from cases.services import case_close

        removal = booked(local(2026, 5, 1, 9))
        with django_capture_on_commit_callbacks(execute=True):
            case_close(case=removal.case, closure_reason="departed_unsupervised", actor=removal.case.case_officer,
                       now=local(2026, 5, 4, 9), departed_on=dt.date(2026, 5, 4))  # fmt: skip
        counted(local(2026, 6, 1, 9))
        assert rows(statistics.cancellations(Y2026))[str(CancellationReason.ABSCONDED.label)] == [1, 100.0]


class TestDublinTransfers:
    def test_transfers_against_claims_accepted_per_member_state(self):
        dublin_transfer(accepted_on=dt.date(2026, 2, 2), executed=local(2026, 3, 10, 12), state="ESP")
        dublin_transfer(accepted_on=dt.date(2026, 11, 2), executed=local(2027, 1, 12, 12), state="ESP")
        dublin_transfer(accepted_on=dt.date(2026, 6, 1), executed=local(2026, 7, 1, 12), state="DEU")
        # A removal to the country of origin is no Dublin transfer.
        case = moroccan_case()
        laissez_passer(case, dt.date(2026, 8, 1))
        removal = notify(planned_removal(case, now=local(2026, 8, 1, 10), departs_at=local(2026, 8, 10, 10)),
                         local(2026, 8, 5, 10))  # fmt: skip
        removal = services.removal_confirm(removal=removal, actor=case.case_officer, now=local(2026, 8, 9, 10))
        services.removal_execute(removal=removal, actor=case.case_officer, now=local(2026, 8, 10, 14),
                                 executed_at=local(2026, 8, 10, 10), escorted_by="KMar")  # fmt: skip
        counted(local(2027, 2, 1, 9))

        table = statistics.dublin_transfers(Y2026)
        assert rows(table) == {"Germany": [1, 1, 100.0], "Spain": [2, 1, 50.0]}
        assert table.total == ["Total", 3, 2, 66.7]
        assert rows(statistics.dublin_transfers(Y2027)) == {"Spain": [0, 1, None]}
        assert rows(statistics.removals(Y2026))["Carried out"] == [3]
