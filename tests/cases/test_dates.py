"""Partial dates of birth read and written back the same way (the correction form shows what intake accepts)."""

import datetime as dt

import pytest

from cases.dates import format_partial_date, parse_partial_date

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize("text", ["1990-02-17", "1990-02", "1990", ""])
def test_a_partial_date_survives_the_round_trip(text):
    assert format_partial_date(*parse_partial_date(text, today=TODAY)) == text


def test_an_unknown_precision_shows_an_empty_field_not_a_word():
    # Regression: the form was filled with the display text ("onbekend"), which it then refused.
    assert format_partial_date(dt.date(1990, 1, 1), "unknown") == ""
