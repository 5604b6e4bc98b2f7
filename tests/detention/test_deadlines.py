"""The clocks of holding (art. 50 Vw 2000) and of detention across its periods (art. 59 Vw 2000)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cases.deadlines import registry
from cases.deadlines.registry import compute
from detention.deadlines import (
    DetentionDeadlineKind,
    Period,
    cumulative_clock,
    day_28,
    holding_ends_at,
    holding_extension_ends_at,
    holding_hours_used,
    next_review_on,
)

AMS = ZoneInfo("Europe/Amsterdam")
D = dt.date


def at(*args):
    return dt.datetime(*args, tzinfo=AMS)


class TestHoldingArt50:
    def test_held_at_22_00_is_released_at_13_00_because_the_night_does_not_count(self):
        assert holding_ends_at(at(2026, 3, 2, 22, 0)) == at(2026, 3, 3, 13, 0)

    def test_held_in_the_morning_ends_six_hours_later(self):
        assert holding_ends_at(at(2026, 3, 3, 10, 30)) == at(2026, 3, 3, 16, 30)

    def test_held_during_the_night_counts_from_09_00(self):
        assert holding_ends_at(at(2026, 3, 3, 2, 0)) == at(2026, 3, 3, 15, 0)

    @pytest.mark.parametrize("day", [D(2026, 3, 28), D(2026, 10, 24)])
    def test_the_dst_weekend_moves_nothing_on_the_local_clock(self, day):
        start = dt.datetime.combine(day, dt.time(22), tzinfo=AMS)
        assert holding_ends_at(start) == dt.datetime.combine(day + dt.timedelta(days=1), dt.time(13), tzinfo=AMS)

    def test_the_live_clock_stands_still_at_night(self):
        start = at(2026, 3, 2, 22, 0)
        assert holding_hours_used(start, at(2026, 3, 3, 8, 59)) == dt.timedelta(hours=2)
        assert holding_hours_used(start, at(2026, 3, 3, 11, 0)) == dt.timedelta(hours=4)

    def test_the_extension_adds_at_most_48_real_hours_art_50_lid_4(self):
        assert holding_extension_ends_at(at(2026, 3, 3, 13), 48) == at(2026, 3, 5, 13)
        with pytest.raises(ValueError):
            holding_extension_ends_at(at(2026, 3, 3, 13), 49)

    def test_the_registered_holding_rule_is_this_apps_and_agrees(self, holidays):
        rule, computation = compute(DetentionDeadlineKind.HOLDING, start=at(2026, 3, 2, 22), holidays=holidays)
        assert rule.legal_basis == "art. 50 lid 4 Vw 2000"
        assert computation.due_at == holding_ends_at(at(2026, 3, 2, 22))

    def test_every_detention_kind_is_registered_from_the_detention_app(self):
        kinds = set(registry.registered_kinds())
        assert {
            "restricted_location",
            "holding",
            "holding_extension",
            "detention_court_notice",
            "detention_six_months",
            "detention_maximum",
            "detention_review",
        } <= kinds


class TestCumulativeClockArt59:
    def test_one_period_reaches_six_months_on_the_calendar_date(self):
        clock = cumulative_clock([], current=Period(D(2026, 1, 10)), on=D(2026, 1, 19))
        assert (clock.days_total, clock.six_months_on, clock.eighteen_months_on) == (
            10,
            D(2026, 7, 10),
            D(2027, 7, 10),
        )

    def test_earlier_periods_of_the_same_procedure_bring_the_limits_forward(self):
        first = Period(D(2026, 1, 1), D(2026, 1, 30))  # 30 days
        current = Period(D(2026, 3, 1))
        clock = cumulative_clock([first, current], current=current, on=D(2026, 3, 10))
        assert (clock.days_total, clock.days_current) == (40, 10)
        assert clock.equivalent_start == D(2026, 1, 30)
        assert clock.six_months_on == D(2026, 7, 30)

    def test_day_28_and_the_review(self):
        assert day_28(D(2026, 3, 2)) == D(2026, 3, 30)
        assert next_review_on(D(2026, 3, 2), [D(2026, 3, 20)], every_days=28) == D(2026, 4, 17)
