"""Days since the last act towards removal: a booked flight from departures counts, as do rebooking, the notice
and the confirmation; a cancellation does not. The order draft is offered the booked flight and the Dublin claim."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from departures import services as departures
from departures.constants import CancellationReason, DublinClaimKind
from detention.selectors import legality_facts
from tests.factories.departures import booking
from tests.factories.detention import NOW, draft_order, issued_order

pytestmark = pytest.mark.django_db


def day(n, hour=10):
    """n days after the detention started (NOW, a Monday), at `hour` Amsterdam time."""
    return NOW + dt.timedelta(days=n, hours=hour - 10)


def _detention(case, enforcer):
    order = issued_order(case, actor=enforcer, flight_booked_on=None, dublin_claim=True)
    return order.measures.get()


def _book(case, *, at, departs):
    return departures.removal_book(case=case, actor=case.case_officer, now=at, **booking(departs_at=departs))


def _facts(measure, on):
    return legality_facts([measure], on=on.date())[measure.pk]


class TestAFlightBookedIsAnActTowardsRemoval:
    def test_the_booking_day_is_the_last_act(self, case, enforcer):
        measure = _detention(case, enforcer)
        _book(case, at=day(10), departs=day(40))
        facts = _facts(measure, day(12))
        assert facts.last_removal_act == day(10).date()
        assert facts.days_without_act == 2
        assert facts.prospect.flight == "Royal Air Maroc AT851"

    def test_a_rebooking_counts_on_its_own_day(self, case, enforcer):
        measure = _detention(case, enforcer)
        removal = _book(case, at=day(3), departs=day(40))
        departures.removal_rebook(
            removal=removal, reason=CancellationReason.CARRIER_REFUSED, actor=case.case_officer, now=day(10),
            **booking(departs_at=day(50), flight_number="AT853"),
        )  # fmt: skip
        facts = _facts(measure, day(12))
        assert facts.last_removal_act == day(10).date()
        assert facts.prospect.flight == "Royal Air Maroc AT853"

    def test_a_cancellation_is_no_act_but_the_booking_it_cancels_stays_one(self, case, enforcer):
        measure = _detention(case, enforcer)
        removal = _book(case, at=day(3), departs=day(40))
        departures.removal_cancel(
            removal=removal, reason=CancellationReason.MEDICAL, actor=case.case_officer, now=day(8)
        )
        facts = _facts(measure, day(12))
        assert facts.last_removal_act == day(3).date()
        assert facts.days_without_act == 9
        assert not facts.prospect.has_flight

    def test_a_booking_before_the_detention_does_not_excuse_inaction_during_it(self, case, enforcer):
        _book(case, at=day(-5), departs=day(60))
        measure = _detention(case, enforcer)
        assert _facts(measure, day(9)).days_without_act == 9


class TestTheWarningAfterDaysWithoutAnAct:
    def test_no_warning_while_the_booked_flight_lies_ahead_and_again_once_it_is_cancelled(
        self, case, enforcer, settings
    ):
        settings.DETENTION_NO_REMOVAL_ACT_WARNING_DAYS = 14
        measure = _detention(case, enforcer)
        removal = _book(case, at=day(1), departs=day(40))
        waiting = _facts(measure, day(20))
        assert waiting.days_without_act == 19 and waiting.flight_ahead and not waiting.warning
        departures.removal_cancel(
            removal=removal, reason=CancellationReason.RESISTANCE, actor=case.case_officer, now=day(25)
        )
        assert _facts(measure, day(30)).warning

    def test_the_case_file_and_the_list_count_the_same_booking(self, client, case, enforcer):
        measure = _detention(case, enforcer)
        _book(case, at=day(10), departs=day(40))
        with time_machine.travel(day(12), tick=False):
            client.force_login(enforcer)
            panel = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
            listed = client.get(reverse("detention:legality_list")).text
        assert "3 december 2026" in panel and "2 dagen geleden" in panel
        assert "Royal Air Maroc AT851" in panel and "Royal Air Maroc AT851" in listed
        assert f'href="{reverse("detention:measure_detail", kwargs={"pk": measure.pk})}"' in listed


def _claim(case, *, now):
    return departures.dublin_claim_record(
        case=case, kind=DublinClaimKind.TAKE_BACK, member_state="DEU", registered_on=dt.date(2026, 11, 2),
        requested_on=dt.date(2026, 11, 9), eurodac_hit=True, actor=case.case_officer, now=now,
    )  # fmt: skip


class TestTheDraftIsOfferedTheProspectFromDepartures:
    def test_the_booked_flight_and_the_dublin_claim_fill_an_empty_draft(self, case, enforcer):
        _book(case, at=day(-3), departs=day(17, hour=14))
        _claim(case, now=day(-2))
        order = draft_order(case, actor=enforcer, now=NOW)
        assert order.flight_booked_on == day(17).date()
        assert order.dublin_claim is True

    def test_a_flight_date_the_officer_stated_stays_theirs(self, case, enforcer):
        _book(case, at=day(-3), departs=day(17))
        order = draft_order(case, actor=enforcer, now=NOW, flight_booked_on=dt.date(2026, 12, 24))
        assert order.flight_booked_on == dt.date(2026, 12, 24)

    def test_a_refused_claim_offers_nothing(self, case, enforcer):
        claim = _claim(case, now=day(-2))
        departures.dublin_claim_answer(
            claim=claim, answer="refused", on=day(-1).date(), actor=case.case_officer, now=day(-1)
        )
        order = draft_order(case, actor=enforcer, now=NOW)
        assert order.dublin_claim is False and order.flight_booked_on is None

    def test_the_wizard_shows_what_departures_holds(self, client, case, enforcer):
        _book(case, at=day(-3), departs=day(17, hour=14))
        _claim(case, now=day(-2))
        order = draft_order(case, actor=enforcer, now=NOW)
        with time_machine.travel(NOW, tick=False):
            client.force_login(enforcer)
            page = client.get(reverse("detention:order_edit", kwargs={"pk": order.pk})).text
        assert "Royal Air Maroc AT851" in page and "10 december 2026 14:00" in page
        assert "DEU" in page


class TestTheTravelDocumentRequestAsAProspect:
    def test_the_list_and_the_case_file_name_the_open_requests_country_and_stage(self, client, enforcer):
        from tests.factories.laissezpasser import moroccan_case, submitted_request

        case = moroccan_case(team=enforcer.team)
        submitted_request(case, on=dt.date(2026, 11, 16), now=NOW)
        measure = _detention(case, enforcer)
        facts = _facts(measure, day(2))
        assert facts.lp_request.startswith("MAR: ")
        with time_machine.travel(day(2), tick=False):
            client.force_login(enforcer)
            listed = client.get(reverse("detention:legality_list")).text
            panel = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
        assert f"reisdocument {facts.lp_request}" in listed and f"reisdocument {facts.lp_request}" in panel
