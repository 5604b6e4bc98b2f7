"""How near a deadline is, in Amsterdam calendar days on the moment passed in (the work queue, the case header)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from cases.deadlines.counting import end_of_day
from cases.deadlines.explain import days_left, urgency_text

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = dt.UTC


def _term(last_day):
    """A term in days: its last day and its exclusive end (00:00 Amsterdam after it)."""
    return {"due_date": last_day, "due_at": end_of_day(last_day, AMSTERDAM)}


def _nl(**kwargs):
    with translation.override("nl"):
        return urgency_text(**kwargs)


@pytest.mark.parametrize(
    ("now", "last_day", "expected"),
    [
        (dt.datetime(2026, 11, 23, 9, 0, tzinfo=AMSTERDAM), dt.date(2026, 11, 25), "nog 2 dagen"),
        (dt.datetime(2026, 11, 23, 9, 0, tzinfo=AMSTERDAM), dt.date(2026, 11, 24), "nog 1 dag"),
        (dt.datetime(2026, 11, 23, 23, 59, tzinfo=AMSTERDAM), dt.date(2026, 11, 23), "vandaag de laatste dag"),
        (dt.datetime(2026, 11, 24, 0, 0, tzinfo=AMSTERDAM), dt.date(2026, 11, 23), "1 dag verstreken"),
        (dt.datetime(2026, 11, 26, 8, 0, tzinfo=AMSTERDAM), dt.date(2026, 11, 23), "3 dagen verstreken"),
    ],
)
def test_days_left_and_days_overdue_of_a_term_in_days(now, last_day, expected):
    assert _nl(now=now, **_term(last_day)) == expected


def test_a_term_in_hours_is_due_today_until_its_moment_and_passed_today_after_it():
    flight_notice = dt.datetime(2026, 12, 6, 9, 30, tzinfo=AMSTERDAM)
    assert _nl(due_date=None, due_at=flight_notice, now=flight_notice - dt.timedelta(hours=1)) == (
        "vandaag de laatste dag"
    )
    assert _nl(due_date=None, due_at=flight_notice, now=flight_notice) == "vandaag verstreken"
    assert _nl(due_date=None, due_at=flight_notice, now=dt.datetime(2026, 12, 2, 1, 48, tzinfo=AMSTERDAM)) == (
        "nog 4 dagen"
    )


def test_the_night_the_clocks_go_forward_counts_as_one_day():
    # 29 March 2026: 02:00 CET becomes 03:00 CEST. 00:30 Amsterdam is still 28 March in UTC.
    now = dt.datetime(2026, 3, 28, 23, 30, tzinfo=UTC)
    assert days_left(now=now, **_term(dt.date(2026, 3, 29))) == 0
    assert days_left(now=now, **_term(dt.date(2026, 3, 31))) == 2
    assert _nl(now=now, **_term(dt.date(2026, 3, 28))) == "1 dag verstreken"


def test_the_night_the_clocks_go_back_counts_as_one_day():
    # 25 October 2026: 03:00 CEST becomes 02:00 CET, a day of 25 hours.
    just_after_midnight = dt.datetime(2026, 10, 24, 22, 30, tzinfo=UTC)  # 00:30 CEST on the 25th
    late_that_day = dt.datetime(2026, 10, 25, 22, 30, tzinfo=UTC)  # 23:30 CET on the 25th
    for now in (just_after_midnight, late_that_day):
        assert days_left(now=now, **_term(dt.date(2026, 10, 26))) == 1
        assert _nl(now=now, **_term(dt.date(2026, 10, 25))) == "vandaag de laatste dag"


def test_amsterdam_days_whatever_time_zone_is_active():
    now = dt.datetime(2026, 11, 23, 23, 30, tzinfo=AMSTERDAM)  # 22:30 UTC
    with timezone.override("America/New_York"):
        assert days_left(now=now, **_term(dt.date(2026, 11, 24))) == 1
        assert days_left(due_date=None, due_at=dt.datetime(2026, 11, 24, 0, 30, tzinfo=AMSTERDAM), now=now) == 1


def test_english_when_chosen():
    with translation.override("en"):
        now = dt.datetime(2026, 11, 26, 8, 0, tzinfo=AMSTERDAM)
        assert urgency_text(now=now, **_term(dt.date(2026, 11, 23))) == "3 days overdue"
        assert urgency_text(now=now, **_term(dt.date(2026, 11, 28))) == "2 days left"
