"""Dates as the pages show them and read them back: DD-MM-JJJJ, partial MM-JJJJ and JJJJ, DD-MM-JJJJ UU:MM.
One parser for every form (the intake form used to want JJJJ-MM-DD while search wanted DD-MM-JJJJ)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cases.dates import (
    format_date,
    format_moment,
    format_partial_date,
    parse_date,
    parse_date_text,
    parse_moment,
    parse_partial_date,
)

TODAY = dt.date(2026, 11, 23)


def _refusal(call, *args, **kwargs):
    with pytest.raises(ValidationError) as refused:
        call(*args, **kwargs)
    return refused.value.code, refused.value.messages


class TestParseDateText:
    @pytest.mark.parametrize(
        "text",
        ["17-05-1990", "17-5-1990", "17/05/1990", "17.05.1990", " 17-05-1990 ", "1990-05-17"],
    )
    def test_reads_the_dutch_order_and_still_the_iso_order(self, text):
        assert parse_date_text(text) == (dt.date(1990, 5, 17), "full")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("05-1990", (dt.date(1990, 5, 1), "year_month")),
            ("5-1990", (dt.date(1990, 5, 1), "year_month")),
            ("1990-05", (dt.date(1990, 5, 1), "year_month")),
            ("1990", (dt.date(1990, 1, 1), "year")),
        ],
    )
    def test_reads_partial_dates_where_a_date_may_be_partial(self, text, expected):
        assert parse_date_text(text, partial=True) == expected

    def test_refuses_a_partial_date_where_the_whole_date_is_needed(self):
        assert _refusal(parse_date, "05-1990") == ("date_format", ["Gebruik DD-MM-JJJJ, bijvoorbeeld 17-05-2026."])

    @pytest.mark.parametrize("text", ["31-02-2026", "2026-13-01", "00-01-2026", "13-2026"])
    def test_refuses_an_impossible_date_in_dutch(self, text):
        assert _refusal(parse_date_text, text, partial=True) == (
            "impossible_date",
            [f"{text} is geen bestaande datum."],
        )

    @pytest.mark.parametrize("text", ["31-12-9999", "9999-12-31", "01-01-1899", "2101"])
    def test_refuses_a_year_before_1900_or_after_2100(self, text):
        # Regression: 9999-12-31 reached the deadline arithmetic, and 9999-12-31 + 28 days overflows.
        assert _refusal(parse_date_text, text, partial=True) == (
            "year_out_of_range",
            [f"Het jaar van {text} ligt niet tussen 1900 en 2100."],
        )

    @pytest.mark.parametrize("text", ["17 mei 1990", "17-05-90", "1990/05/17", "gisteren"])
    def test_refuses_what_it_cannot_read_and_says_which_formats_it_reads(self, text):
        assert _refusal(parse_date_text, text, partial=True) == (
            "date_format",
            ["Gebruik DD-MM-JJJJ, MM-JJJJ of JJJJ."],
        )


class TestParseMoment:
    @pytest.mark.parametrize("text", ["02-12-2026 09:30", "2-12-2026 9:30", "2026-12-02T09:30", "2026-12-02 09:30"])
    def test_reads_a_date_and_a_time(self, text):
        assert parse_moment(text) == dt.datetime(2026, 12, 2, 9, 30)

    @pytest.mark.parametrize("text", ["02-12-2026", "09:30", "02-12-2026 930"])
    def test_refuses_a_moment_without_both_parts(self, text):
        assert _refusal(parse_moment, text) == (
            "datetime_format",
            ["Gebruik DD-MM-JJJJ UU:MM, bijvoorbeeld 17-05-2026 14:30."],
        )

    def test_refuses_an_impossible_time(self):
        assert _refusal(parse_moment, "02-12-2026 24:10") == ("impossible_time", ["24:10 is geen bestaand tijdstip."])

    def test_refuses_a_year_the_deadlines_cannot_carry(self):
        assert _refusal(parse_moment, "31-12-9999 23:00")[0] == "year_out_of_range"


class TestPartialDateOfBirth:
    @pytest.mark.parametrize("text", ["17-02-1990", "02-1990", "1990", ""])
    def test_a_partial_date_survives_the_round_trip(self, text):
        assert format_partial_date(*parse_partial_date(text, today=TODAY)) == text

    def test_an_iso_date_comes_back_in_the_order_the_page_shows(self):
        assert format_partial_date(*parse_partial_date("1990-02-17", today=TODAY)) == "17-02-1990"
        assert format_partial_date(*parse_partial_date("1990-02", today=TODAY)) == "02-1990"

    def test_an_unknown_precision_shows_an_empty_field_not_a_word(self):
        # Regression: the form was filled with the display text ("onbekend"), which it then refused.
        assert format_partial_date(dt.date(1990, 1, 1), "unknown") == ""

    def test_a_date_of_birth_in_the_future_is_refused(self):
        assert _refusal(parse_partial_date, "24-11-2026", today=TODAY) == (
            "future_date",
            ["Een geboortedatum kan niet in de toekomst liggen."],
        )


def test_dates_and_moments_are_written_as_the_forms_read_them():
    assert format_date(dt.date(2026, 2, 1)) == "01-02-2026"
    assert format_moment(dt.datetime(2026, 2, 1, 9, 5)) == "01-02-2026 09:05"
    assert parse_date(format_date(dt.date(2026, 2, 1))) == dt.date(2026, 2, 1)
