"""Removals: booking, the 48-hour notice across the October DST change, confirm, execute, cancel, rebook."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.models import CaseEvent
from departures import services
from departures.constants import CancellationReason, NoticeRecipient, RemovalState
from departures.models import Removal, RemovalTransition
from dtv.core.exceptions import DomainError
from tests.factories.departures import BOOKED, DEPARTS, local, notify, planned_removal
from tests.factories.laissezpasser import issued_request, moroccan_case

pytestmark = pytest.mark.django_db


def hours_before(hours, departure=DEPARTS):
    # In UTC: an aware Amsterdam datetime minus a timedelta counts wall-clock hours, which a DST change shifts.
    return departure.astimezone(dt.UTC) - dt.timedelta(hours=hours)


def _ready_case():
    case = moroccan_case()
    issued_request(case, issued_on=dt.date(2026, 10, 1), valid_until=dt.date(2026, 12, 31), now=BOOKED)
    return case


def _confirm(removal, now=None):
    return services.removal_confirm(
        removal=removal, actor=removal.case.case_officer, now=now or local(2026, 10, 25, 12)
    )


class TestRemovalBook:
    def test_a_booking_is_planned_with_its_transition_and_event(self):
        removal = planned_removal()
        assert removal.state == RemovalState.PLANNED
        assert removal.destination_country == "MAR"
        assert list(RemovalTransition.objects.filter(removal=removal).values_list("to_state", flat=True)) == ["planned"]
        assert CaseEvent.objects.filter(case=removal.case, kind="departures.removal_booked").count() == 1

    def test_a_second_open_removal_is_refused(self):
        removal = planned_removal()
        with pytest.raises(DomainError) as error:
            planned_removal(removal.case, flight_number="AT853")
        assert error.value.code == "open_removal_exists"
        assert Removal.objects.filter(case=removal.case).count() == 1

    def test_a_departure_in_the_past_is_refused(self):
        with pytest.raises(ValidationError) as error:
            planned_removal(departs_at=BOOKED - dt.timedelta(hours=1))
        assert "departs_at" in error.value.message_dict


class TestFlightNoticeAcrossTheOctoberDstChange:
    """48 hours before Monday 26 October 2026 10:00 CET is Saturday 24 October 11:00 CEST (49 wall-clock hours)."""

    def test_notice_47_5_hours_before_is_refused_citing_the_rule_its_basis_and_the_latest_moment(self):
        removal = planned_removal(_ready_case())
        removal = notify(removal, hours_before(47.5))
        assert removal.state == RemovalState.NOTIFIED
        with translation.override("nl"), pytest.raises(DomainError) as error:
            _confirm(removal)
        assert error.value.code == "flight_notice_too_late"
        assert "kennisgeving uiterlijk zaterdag 24 oktober 2026 11:00" in error.value.message
        assert "Vreemdelingencirculaire 2000" in error.value.message
        removal.refresh_from_db()
        assert removal.state == RemovalState.NOTIFIED
        assert not CaseEvent.objects.filter(case=removal.case, kind="departures.removal_confirmed").exists()

    def test_notice_48_5_hours_before_is_accepted(self):
        removal = planned_removal(_ready_case())
        removal = notify(removal, hours_before(48.5))
        assert _confirm(removal).state == RemovalState.CONFIRMED

    def test_the_representative_must_be_told_too(self):
        removal = planned_removal(_ready_case())
        removal = notify(removal, hours_before(60), recipients=(NoticeRecipient.PERSON,))
        assert removal.state == RemovalState.PLANNED
        with pytest.raises(DomainError) as error:
            _confirm(removal)
        assert error.value.code == "invalid_transition"

    def test_the_hours_are_a_setting(self, settings):
        settings.FLIGHT_NOTICE_HOURS = 36
        removal = planned_removal(_ready_case())
        removal = notify(removal, hours_before(40))
        assert _confirm(removal).state == RemovalState.CONFIRMED


class TestRemovalRebook:
    def test_rebooking_creates_a_new_removal_linked_to_the_old_and_requires_a_new_notice(self):
        removal = planned_removal(_ready_case())
        removal = notify(removal, hours_before(72))
        later = DEPARTS + dt.timedelta(days=2)
        rebooked = services.removal_rebook(
            removal=removal,
            reason=CancellationReason.CARRIER_REFUSED,
            actor=removal.case.case_officer,
            now=local(2026, 10, 24, 9),
            departs_at=later,
        )
        removal.refresh_from_db()
        assert (removal.state, removal.cancellation_reason) == (RemovalState.CANCELLED, "carrier_refused")
        assert (rebooked.rebooked_from, rebooked.state, rebooked.departs_at) == (removal, RemovalState.PLANNED, later)
        with pytest.raises(DomainError) as error:
            _confirm(rebooked, now=local(2026, 10, 27, 9))
        assert error.value.code == "invalid_transition"  # not notified: the old notice named the old departure
        rebooked = notify(rebooked, hours_before(49, later), now=local(2026, 10, 26, 10))
        assert _confirm(rebooked, now=local(2026, 10, 27, 9)).state == RemovalState.CONFIRMED


class TestRemovalExecuteAndCancel:
    def test_a_confirmed_removal_is_executed_with_moment_escort_and_handover(self):
        removal = _confirm(notify(planned_removal(_ready_case()), hours_before(50)))
        executed = services.removal_execute(
            removal=removal,
            actor=removal.case.case_officer,
            now=DEPARTS + dt.timedelta(hours=3),
            executed_at=DEPARTS + dt.timedelta(minutes=20),
            escorted_by="Zelfstandig aan boord",
            handover="Grenspolitie Casablanca",
        )
        assert executed.state == RemovalState.EXECUTED
        assert executed.executed_at == DEPARTS + dt.timedelta(minutes=20)
        assert list(executed.transitions.values_list("to_state", flat=True)) == [
            "planned",
            "notified",
            "confirmed",
            "executed",
        ]

    @pytest.mark.parametrize("reason", CancellationReason.values)
    def test_each_cancellation_code_is_recorded(self, reason):
        removal = planned_removal()
        cancelled = services.removal_cancel(
            removal=removal, reason=reason, note="Toelichting", actor=removal.case.case_officer, now=BOOKED
        )
        assert (cancelled.state, cancelled.cancellation_reason) == (RemovalState.CANCELLED, reason)
        assert CaseEvent.objects.get(case=removal.case, kind="departures.removal_cancelled").data["reason"] == reason

    def test_other_needs_an_explanation(self):
        removal = planned_removal()
        with pytest.raises(ValidationError):
            services.removal_cancel(
                removal=removal, reason=CancellationReason.OTHER, actor=removal.case.case_officer, now=BOOKED
            )
        removal.refresh_from_db()
        assert removal.state == RemovalState.PLANNED

    def test_an_executed_removal_cannot_be_cancelled(self):
        removal = _confirm(notify(planned_removal(_ready_case()), hours_before(50)))
        removal = services.removal_execute(
            removal=removal, actor=removal.case.case_officer, now=DEPARTS, executed_at=DEPARTS
        )
        with pytest.raises(DomainError):
            services.removal_cancel(
                removal=removal, reason=CancellationReason.MEDICAL, actor=removal.case.case_officer, now=DEPARTS
            )
