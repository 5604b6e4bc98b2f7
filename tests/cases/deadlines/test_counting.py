"""Plain term arithmetic: months that are too short, days that end at local midnight, hours outside the night."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.deadlines.counting import (
    add_days,
    add_hours,
    add_hours_outside_night,
    add_months,
    add_weeks,
    counted_windows,
    end_of_day,
    subtract_hours,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC
D = dt.date
NIGHT_END = dt.time(9)


def at(*args):
    return dt.datetime(*args, tzinfo=AMSTERDAM)


class TestCalendarArithmetic:
    def test_days_and_weeks(self):
        assert add_days(D(2026, 3, 2), 28) == D(2026, 3, 30)
        assert add_weeks(D(2026, 3, 2), 6) == D(2026, 4, 13)

    @pytest.mark.parametrize(
        ("start", "months", "expected", "clipped"),
        [
            (D(2026, 1, 31), 1, D(2026, 2, 28), True),
            (D(2028, 1, 31), 1, D(2028, 2, 29), True),  # leap year
            (D(2026, 1, 31), 6, D(2026, 7, 31), False),
            (D(2025, 8, 31), 6, D(2026, 2, 28), True),
            (D(2027, 8, 31), 6, D(2028, 2, 29), True),
            (D(2028, 2, 29), 12, D(2029, 2, 28), True),
            (D(2026, 6, 11), 6, D(2026, 12, 11), False),
        ],
    )
    def test_a_month_without_the_same_day_ends_on_its_last_day_reg_1182_71_art_3_lid_2_c(
        self, start, months, expected, clipped
    ):
        assert add_months(start, months) == (expected, clipped)

    def test_a_datetime_is_not_taken_for_a_date(self):
        with pytest.raises(TypeError):
            add_days(dt.datetime(2026, 3, 2, 12, tzinfo=AMSTERDAM), 1)


class TestEndOfDay:
    @pytest.mark.parametrize(
        ("day", "expected_utc"),
        [
            (D(2026, 3, 2), dt.datetime(2026, 3, 2, 23, tzinfo=UTC)),
            (D(2026, 3, 29), dt.datetime(2026, 3, 29, 22, tzinfo=UTC)),  # a day of 23 hours
            (D(2026, 10, 25), dt.datetime(2026, 10, 25, 23, tzinfo=UTC)),  # a day of 25 hours
        ],
    )
    def test_the_exclusive_end_is_local_midnight_of_the_next_day(self, day, expected_utc):
        end = end_of_day(day, AMSTERDAM)
        assert end == expected_utc
        assert (end.date(), end.time()) == (day + dt.timedelta(days=1), dt.time(0))


class TestHoursOutsideTheNightArt50Lid4Vw2000:
    @pytest.mark.parametrize(
        ("start", "hours", "expected"),
        [
            (at(2026, 3, 2, 22), 6, at(2026, 3, 3, 13)),  # 2 hours to midnight, 4 after 09:00
            (at(2026, 3, 2, 3), 6, at(2026, 3, 2, 15)),  # counting starts at 09:00
            (at(2026, 3, 2, 10), 6, at(2026, 3, 2, 16)),
            (at(2026, 3, 2, 18), 6, at(2026, 3, 3, 0)),  # runs out exactly at midnight: expires then
            (at(2026, 3, 2, 22), 9, at(2026, 3, 3, 16)),
            (at(2026, 3, 28, 22), 6, at(2026, 3, 29, 13)),  # the night the clocks go forward
            (at(2026, 10, 24, 22), 6, at(2026, 10, 25, 13)),  # the night the clocks go back
            (at(2026, 3, 2, 22, 30), 40, at(2026, 3, 5, 17, 30)),
        ],
    )
    def test_the_hours_from_midnight_to_nine_are_not_counted(self, start, hours, expected):
        result = add_hours_outside_night(start, hours, tz=AMSTERDAM)
        assert result == expected
        assert result.utcoffset() == expected.utcoffset()

    def test_the_counted_windows_explain_the_result(self):
        assert counted_windows(at(2026, 3, 2, 22), 6, tz=AMSTERDAM) == [
            (at(2026, 3, 2, 22), at(2026, 3, 3, 0)),
            (at(2026, 3, 3, 9), at(2026, 3, 3, 13)),
        ]

    def test_on_the_spring_forward_night_the_real_elapsed_time_is_one_hour_less_than_the_wall_clock(self):
        start = at(2026, 3, 28, 22)
        end = add_hours_outside_night(start, 6, tz=AMSTERDAM)
        assert end.astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(hours=14)

    def test_a_night_window_across_midnight_is_supported(self):
        # Not the Vw's window, but the function takes any: 22:00-06:00 leaves 06:00-22:00 counted.
        result = add_hours_outside_night(
            at(2026, 3, 2, 21), 3, tz=AMSTERDAM, night_start=dt.time(22), night_end=dt.time(6)
        )
        assert result == at(2026, 3, 3, 8)

    def test_naive_input_is_refused(self):
        with pytest.raises(ValueError, match="aware"):
            add_hours_outside_night(dt.datetime(2026, 3, 2, 22), 6, tz=AMSTERDAM)
        with pytest.raises(ValueError, match="aware"):
            add_hours(dt.datetime(2026, 3, 2, 22), 6)
        with pytest.raises(ValueError, match="aware"):
            subtract_hours(dt.datetime(2026, 3, 2, 22), 6)

    def test_zero_hours_and_an_empty_night_are_refused(self):
        with pytest.raises(ValueError):
            add_hours_outside_night(at(2026, 3, 2, 22), 0, tz=AMSTERDAM)
        with pytest.raises(ValueError):
            add_hours_outside_night(at(2026, 3, 2, 22), 6, tz=AMSTERDAM, night_start=NIGHT_END)


def last_sunday(year, month):
    day = D(year, month, 31)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


@st.composite
def dst_weekend_moments(draw):
    """Moments within a day of the Amsterdam clock changes (last Sunday of March and of October)."""
    sunday = last_sunday(draw(st.integers(2020, 2035)), draw(st.sampled_from([3, 10])))
    day = sunday + dt.timedelta(days=draw(st.integers(-2, 1)))
    moment = dt.datetime.combine(day, dt.time(draw(st.integers(0, 23)), draw(st.integers(0, 59))), tzinfo=AMSTERDAM)
    # Through UTC, so a wall time that does not exist (02:30 in spring) becomes a real moment.
    return moment.astimezone(UTC).astimezone(AMSTERDAM)


any_moments = st.datetimes(
    min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2035, 12, 31), timezones=st.just(AMSTERDAM)
).map(lambda moment: moment.replace(second=0, microsecond=0).astimezone(UTC).astimezone(AMSTERDAM))
moments = st.one_of(any_moments, dst_weekend_moments())


def counted_minutes(start, end):
    """An independent count: each real minute whose local wall time is 09:00 or later."""
    count, minute, stop = 0, start.astimezone(UTC), end.astimezone(UTC)
    while minute < stop:
        count += minute.astimezone(AMSTERDAM).time() >= NIGHT_END
        minute += dt.timedelta(minutes=1)
    return count


class TestHoursOutsideTheNightProperties:
    @settings(max_examples=300, deadline=None)
    @given(start=moments, hours=st.integers(1, 48))
    def test_exactly_the_hours_are_counted_outside_the_night_and_the_end_is_the_earliest_such_moment(
        self, start, hours
    ):
        end = add_hours_outside_night(start, hours, tz=AMSTERDAM)
        assert end.tzinfo is AMSTERDAM
        assert end.utcoffset() is not None
        assert counted_minutes(start, end) == hours * 60
        # The last minute before the end was counted: the term does not run on into a night.
        assert (end.astimezone(UTC) - dt.timedelta(minutes=1)).astimezone(AMSTERDAM).time() >= NIGHT_END
        # So the end lies outside the night, or exactly at its start (00:00) when the hours ran out then.
        local = end.time()
        assert local == dt.time(0) or local > NIGHT_END

    @settings(max_examples=300, deadline=None)
    @given(start=moments, hours=st.integers(1, 48))
    def test_add_and_subtract_hours_round_trip_in_real_time_across_dst(self, start, hours):
        later = add_hours(start, hours)
        assert later.tzinfo is start.tzinfo
        assert later.astimezone(UTC) - start.astimezone(UTC) == dt.timedelta(hours=hours)
        back = subtract_hours(later, hours)
        assert back == start
        assert back.utcoffset() == start.utcoffset()


class TestPlainHours:
    def test_an_hour_added_across_the_spring_change_skips_the_missing_hour(self):
        assert add_hours(at(2026, 3, 29, 1, 30), 1) == at(2026, 3, 29, 3, 30)
        assert add_hours(at(2026, 3, 29, 1, 30), 1).utcoffset() == dt.timedelta(hours=2)

    def test_the_result_keeps_the_input_time_zone(self):
        moment = dt.datetime(2026, 3, 2, 12, tzinfo=UTC)
        assert add_hours(moment, 48).tzinfo is UTC
        assert subtract_hours(at(2026, 3, 2, 10), 48) == at(2026, 2, 28, 10)
