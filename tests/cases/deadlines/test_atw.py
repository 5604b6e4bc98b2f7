"""The Algemene termijnenwet: the holiday calendar against the statute, and the extension of terms (art. 1-3)."""

import datetime as dt

import pytest
from dateutil.easter import easter
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cases.deadlines import atw
from cases.deadlines.counting import add_days

D = dt.date
ROWS = atw.calendar_rows(2000, 2040)
DATES = {row.date for row in ROWS}
HOLIDAYS = atw.holiday_names(ROWS)


def expected_royal_birthday(year):
    # Koninginnedag 30 April up to 2013, Koningsdag 27 April since 2014; on a Sunday the Saturday before.
    day = D(year, 4, 30) if year <= 2013 else D(year, 4, 27)
    return day - dt.timedelta(days=1) if day.weekday() == 6 else day


class TestCalendarAgainstTheStatute:
    @pytest.mark.parametrize("year", range(2000, 2041))
    def test_every_holiday_of_art_3_lid_1_and_good_friday_of_lid_2_is_in_the_calendar(self, year):
        easter_sunday = easter(year)
        expected = {
            D(year, 1, 1),  # Nieuwjaarsdag
            easter_sunday - dt.timedelta(days=2),  # Goede Vrijdag, art. 3 lid 2
            easter_sunday + dt.timedelta(days=1),  # Tweede Paasdag
            easter_sunday + dt.timedelta(days=39),  # Hemelvaartsdag
            easter_sunday + dt.timedelta(days=50),  # Tweede Pinksterdag
            expected_royal_birthday(year),
            D(year, 5, 5),  # every year, not only the lustrum years
            D(year, 12, 25),
            D(year, 12, 26),
        }
        assert expected <= DATES
        assert {holiday.date for holiday in atw.statutory_holidays(year)} == expected

    @pytest.mark.parametrize(
        ("day", "name"),
        [
            (D(2025, 4, 26), "Koningsdag"),  # 27 April 2025 is a Sunday
            (D(2014, 4, 26), "Koningsdag"),  # the first Koningsdag, 27 April 2014 a Sunday
            (D(2006, 4, 29), "Koninginnedag"),  # 30 April 2006 a Sunday
            (D(2000, 4, 29), "Koninginnedag"),
            (D(2013, 4, 30), "Koninginnedag"),
            (D(2026, 4, 27), "Koningsdag"),
        ],
    )
    def test_the_kings_or_queens_day_moves_to_saturday_when_it_falls_on_a_sunday_atw_art_3_lid_1(self, day, name):
        assert HOLIDAYS[day] == name
        assert atw.royal_birthday(day.year) == (day, name)

    @pytest.mark.parametrize("sunday", [D(2025, 4, 27), D(2014, 4, 27), D(2006, 4, 30), D(2000, 4, 30)])
    def test_the_sunday_itself_is_no_holiday(self, sunday):
        assert sunday not in DATES

    @pytest.mark.parametrize(
        ("year", "good_friday", "easter_monday", "ascension", "whit_monday"),
        [
            (2024, D(2024, 3, 29), D(2024, 4, 1), D(2024, 5, 9), D(2024, 5, 20)),
            (2025, D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 29), D(2025, 6, 9)),
            (2026, D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 14), D(2026, 5, 25)),
        ],
    )
    def test_easter_based_holidays_spot_checked_against_the_calendar(
        self, year, good_friday, easter_monday, ascension, whit_monday
    ):
        assert (HOLIDAYS[good_friday], HOLIDAYS[easter_monday], HOLIDAYS[ascension], HOLIDAYS[whit_monday]) == (
            "Goede Vrijdag",
            "Tweede Paasdag",
            "Hemelvaartsdag",
            "Tweede Pinksterdag",
        )

    def test_good_friday_comes_from_art_3_lid_2_and_the_rest_from_lid_1(self):
        sources = {holiday.name: holiday.source for holiday in atw.statutory_holidays(2026)}
        assert sources["Goede Vrijdag"] == "Atw art. 3 lid 2"
        assert sources["Bevrijdingsdag"] == sources["Nieuwjaarsdag"] == "Atw art. 3 lid 1"

    def test_ascension_day_on_5_may_is_one_holiday_with_both_names(self):
        assert HOLIDAYS[D(2016, 5, 5)] == "Bevrijdingsdag en Hemelvaartsdag"

    def test_the_calendar_holds_no_date_twice_and_is_sorted(self):
        dates = [row.date for row in ROWS]
        assert len(dates) == len(set(dates))
        assert dates == sorted(dates)
        assert {row.kind for row in ROWS} == {"statutory", "designated"}


DECREE_2014_2016 = "Besluit van 17 juni 2013 (Atw art. 3 lid 3, 2014-2016)"
DECREE_2017_2019 = "Stcrt. 2016, 58653 (Atw art. 3 lid 3, 2017-2019)"
DECREE_2023_2025 = (
    "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025 "
    "met een algemeen erkende feestdag"
)
DECREE_2026_2028 = (
    "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 "
    "met een algemeen erkende feestdag"
)


def designated(year):
    return [(day.date, day.name, day.source, day.predicted) for day in atw.designated_days(year)]


class TestDesignatedDaysAtwArt3Lid3:
    def test_the_days_of_the_complete_decrees_2023_2028_are_designated_with_their_citation(self):
        expected = [
            (D(2023, 4, 28), DECREE_2023_2025),
            (D(2023, 5, 19), DECREE_2023_2025),
            (D(2024, 5, 10), DECREE_2023_2025),
            (D(2024, 12, 27), DECREE_2023_2025),
            (D(2025, 5, 30), DECREE_2023_2025),
            (D(2026, 1, 2), DECREE_2026_2028),
            (D(2026, 5, 15), DECREE_2026_2028),
            (D(2027, 5, 7), DECREE_2026_2028),
            (D(2028, 4, 28), DECREE_2026_2028),
            (D(2028, 5, 26), DECREE_2026_2028),
        ]
        days = [day for year in range(2023, 2029) for day in atw.designated_days(year)]
        assert [(day.date, day.source) for day in days] == expected
        assert not any(day.predicted for day in days)

    def test_4_may_2015_is_designated_by_the_besluit_of_17_june_2013(self):
        assert (D(2015, 5, 4), "Maandag vóór Bevrijdingsdag", DECREE_2014_2016, False) in designated(2015)
        assert HOLIDAYS[D(2015, 5, 4)] == "Maandag vóór Bevrijdingsdag"

    @pytest.mark.parametrize(
        ("day", "name"),
        [(D(2018, 12, 24), "Maandag vóór Eerste Kerstdag"), (D(2018, 12, 31), "Maandag vóór Nieuwjaarsdag")],
    )
    def test_24_and_31_december_2018_are_designated_by_stcrt_2016_58653(self, day, name):
        assert (day, name, DECREE_2017_2019, False) in designated(2018)
        assert day in DATES

    def test_a_departure_term_ending_on_monday_4_may_2015_runs_to_wednesday_6_may_atw_art_1(self):
        # 6 April 2015 + 28 = Monday 4 May (designated), Tuesday 5 May (Bevrijdingsdag) → Wednesday 6 May.
        end, steps = atw.atw_extend(D(2015, 5, 4), start=D(2015, 4, 6), holidays=HOLIDAYS, term_days=28)
        assert end == D(2015, 5, 6)
        assert steps[0]["holiday"] == "Maandag vóór Bevrijdingsdag"

    def test_a_departure_term_ending_on_christmas_eve_2018_runs_past_new_year_to_2_january_2019_atw_art_1(self):
        # 26 November 2018 + 28 = Monday 24 December (designated), Christmas, Boxing Day → Thursday 27 December.
        end, _steps = atw.atw_extend(D(2018, 12, 24), start=D(2018, 11, 26), holidays=HOLIDAYS, term_days=28)
        assert end == D(2018, 12, 27)
        # 3 December 2018 + 28 = Monday 31 December (designated), New Year's Day → Wednesday 2 January 2019.
        end, _steps = atw.atw_extend(D(2018, 12, 31), start=D(2018, 12, 3), holidays=HOLIDAYS, term_days=28)
        assert end == D(2019, 1, 2)

    def test_the_partly_known_decrees_name_their_fridays_after_ascension_day_and_leave_the_rest_predicted(self):
        assert designated(2015) == [
            (D(2015, 1, 2), "Vrijdag na Nieuwjaarsdag", "vaste praktijk", True),
            (D(2015, 5, 4), "Maandag vóór Bevrijdingsdag", DECREE_2014_2016, False),
            (D(2015, 5, 15), "Vrijdag na Hemelvaartsdag", DECREE_2014_2016, False),
        ]
        assert designated(2019) == [
            (D(2019, 5, 31), "Vrijdag na Hemelvaartsdag", DECREE_2017_2019, False),
            (D(2019, 12, 27), "Vrijdag na Tweede Kerstdag", "vaste praktijk", True),
        ]

    @pytest.mark.parametrize("day", [D(2026, 5, 4), D(2027, 4, 26)])
    def test_no_monday_before_a_holiday_on_a_tuesday_is_designated_by_the_2026_2028_decree(self, day):
        assert day not in DATES

    def test_a_year_without_a_known_decree_is_predicted_from_the_standing_practice_not_law(self):
        # 2030: Ascension Day Thursday 30 May, Boxing Day on a Thursday, the others on other weekdays.
        assert designated(2030) == [
            (D(2030, 5, 31), "Vrijdag na Hemelvaartsdag", "vaste praktijk", True),
            (D(2030, 12, 27), "Vrijdag na Tweede Kerstdag", "vaste praktijk", True),
        ]

    @pytest.mark.parametrize("year", [2000, 2013, 2020, 2021, 2022, 2029, 2040])
    def test_years_before_the_first_between_and_after_the_last_known_decree_are_all_predicted(self, year):
        assert atw.decree_for(year) is None
        assert all(day.predicted for day in atw.designated_days(year))

    def test_the_statutory_holidays_are_never_predicted_and_the_calendar_marks_the_predicted_days(self):
        assert not any(holiday.predicted for holiday in atw.statutory_holidays(2030))
        assert D(2030, 5, 31) in HOLIDAYS.predicted
        assert D(2026, 5, 15) not in HOLIDAYS.predicted
        assert D(2030, 5, 30) not in HOLIDAYS.predicted

    def test_a_bridge_friday_that_is_already_a_statutory_holiday_is_not_designated_again(self):
        # 2005: Ascension Day on Thursday 5 May, so its Friday is designated once; 2000: 5 May a Friday.
        assert [day.date for day in atw.designated_days(2005)] == [D(2005, 5, 6)]
        assert all(day.kind == "designated" for day in atw.designated_days(2000))
        assert not {day.date for day in atw.designated_days(2000)} & {h.date for h in atw.statutory_holidays(2000)}


class TestRestDays:
    def test_saturday_sunday_and_holidays_are_rest_days_given_a_mapping_or_a_set(self):
        good_friday, thursday = D(2026, 4, 3), D(2026, 4, 2)
        for holidays in (HOLIDAYS, set(HOLIDAYS)):
            assert atw.is_rest_day(good_friday, holidays)
            assert atw.is_rest_day(D(2026, 4, 4), holidays)
            assert atw.is_rest_day(D(2026, 4, 5), holidays)
            assert not atw.is_rest_day(thursday, holidays)


class TestAtwExtend:
    @pytest.mark.parametrize(
        ("start", "days", "expected"),
        [
            (D(2026, 5, 2), 28, D(2026, 6, 1)),  # Saturday 30 May → Monday
            (D(2026, 4, 7), 28, D(2026, 5, 6)),  # Tuesday 5 May (not a lustrum year) → Wednesday
            (D(2026, 3, 6), 28, D(2026, 4, 7)),  # Good Friday → past Easter Monday to Tuesday
            (D(2024, 11, 27), 28, D(2024, 12, 30)),  # Christmas, Boxing Day, decree Friday, weekend
            (D(2026, 11, 27), 28, D(2026, 12, 28)),  # Christmas on Friday → Monday
            (D(2026, 3, 2), 28, D(2026, 3, 30)),  # a Monday: nothing moves
        ],
    )
    def test_an_end_on_a_weekend_or_holiday_moves_to_the_next_day_that_counts_atw_art_1(self, start, days, expected):
        assert atw.atw_extend(add_days(start, days), start=start, holidays=HOLIDAYS, term_days=days)[0] == expected

    def test_a_3_day_term_over_easter_is_extended_to_two_working_days_atw_art_2(self):
        # Thursday 2 April 2026 + 3 = Sunday; art. 1 → Tuesday 7 April (Easter Monday skipped); the term then
        # holds only Tuesday as a working day (Good Friday, weekend, Easter Monday), so art. 2 → Wednesday.
        end, steps = atw.atw_extend(D(2026, 4, 5), start=D(2026, 4, 2), holidays=HOLIDAYS, term_days=3)
        assert end == D(2026, 4, 8)
        assert [step["type"] for step in steps] == ["atw_shift", "atw_two_working_days"]
        assert steps[1] == {
            "type": "atw_two_working_days",
            "article": "2",
            "from": "2026-04-07",
            "to": "2026-04-08",
            "working_days": 1,
        }

    def test_a_3_day_term_from_a_friday_ending_on_monday_still_needs_a_second_working_day_atw_art_2(self):
        end, steps = atw.atw_extend(D(2026, 3, 9), start=D(2026, 3, 6), holidays=HOLIDAYS, term_days=3)
        assert end == D(2026, 3, 10)
        assert [step["type"] for step in steps] == ["atw_two_working_days"]

    def test_art_2_does_not_apply_to_a_term_shorter_than_3_days(self):
        end, _steps = atw.atw_extend(D(2026, 3, 9), start=D(2026, 3, 7), holidays=HOLIDAYS, term_days=2)
        assert end == D(2026, 3, 9)

    def test_the_shift_step_records_every_skipped_day_with_its_reason(self):
        _end, steps = atw.atw_extend(D(2026, 4, 3), start=D(2026, 3, 6), holidays=HOLIDAYS, term_days=28)
        assert steps == [
            {
                "type": "atw_shift",
                "article": "1",
                "from": "2026-04-03",
                "to": "2026-04-07",
                "reason": "holiday",
                "holiday": "Goede Vrijdag",
                "skipped": [
                    {"date": "2026-04-03", "reason": "holiday", "holiday": "Goede Vrijdag"},
                    {"date": "2026-04-04", "reason": "saturday", "holiday": None},
                    {"date": "2026-04-05", "reason": "sunday", "holiday": None},
                    {"date": "2026-04-06", "reason": "holiday", "holiday": "Tweede Paasdag"},
                ],
            }
        ]

    def test_nothing_to_move_is_recorded_as_such(self):
        assert atw.atw_extend(D(2026, 3, 30), start=D(2026, 3, 2), holidays=HOLIDAYS, term_days=28) == (
            D(2026, 3, 30),
            [{"type": "atw_no_shift", "date": "2026-03-30"}],
        )

    def test_a_datetime_is_refused(self):
        with pytest.raises(TypeError):
            atw.atw_extend(dt.datetime(2026, 3, 30, 12), start=D(2026, 3, 2), holidays=HOLIDAYS, term_days=28)

    @settings(max_examples=500, deadline=None)
    @given(start=st.dates(min_value=D(2000, 1, 1), max_value=D(2039, 12, 31)), days=st.integers(1, 90))
    @example(start=D(2008, 4, 2), days=28)
    def test_the_adjusted_date_never_falls_on_a_rest_day_is_never_earlier_and_moves_at_most_6_days(self, start, days):
        plain = add_days(start, days)
        end, _steps = atw.atw_extend(plain, start=start, holidays=HOLIDAYS, term_days=days)
        assert not atw.is_rest_day(end, HOLIDAYS)
        # The longest run of rest days 2000-2040 is 6: 30 April 2008 (Koninginnedag, Wednesday) to 5 May 2008
        # (Ascension Day, the Friday after it, the weekend, Bevrijdingsdag) — regression: the bound was 5.
        assert plain <= end <= plain + dt.timedelta(days=6)
        if days >= 3:
            working = [start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1)]
            assert sum(not atw.is_rest_day(day, HOLIDAYS) for day in working) >= 2
