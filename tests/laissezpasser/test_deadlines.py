"""The travel-document working agreements (moved from cases/deadlines/rules.py; kind codes unchanged)."""

import datetime as dt

from cases.deadlines.registry import compute, rule_version
from laissezpasser.deadlines import LpDeadlineKind, lp_expiry_start, reminder_weeks

D = dt.date


def due_date(kind, start, holidays, **params):
    return compute(kind, start=start, params=params or None, holidays=holidays)[1].due_date


def test_the_travel_document_reminder_uses_the_configured_weeks(holidays, settings):
    settings.TRAVEL_DOCUMENT_REMINDER_WEEKS = 6
    rule, computation = compute(
        LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER, start=D(2026, 3, 2), holidays=holidays, settings=settings
    )
    assert computation.due_date == D(2026, 4, 13)
    assert due_date(LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER, D(2026, 3, 2), holidays, weeks=8) == D(2026, 4, 27)


def test_the_escalation_goes_to_the_team_lead_after_12_months(holidays):
    rule, computation = compute(LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION, start=D(2026, 3, 2), holidays=holidays)
    assert (rule.responsible, computation.due_date) == ("team_lead", D(2027, 3, 2))


def test_the_stored_kind_codes_did_not_change():
    assert (LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER, LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION) == (
        "travel_document_reminder",
        "travel_document_escalation",
    )


def test_the_travel_document_rules_are_working_agreements_not_statutory_terms():
    for kind in (
        LpDeadlineKind.TRAVEL_DOCUMENT_REMINDER,
        LpDeadlineKind.TRAVEL_DOCUMENT_ESCALATION,
        LpDeadlineKind.LP_EXPIRY,
    ):
        assert not rule_version(kind, on=D(2026, 7, 2)).statutory


def test_the_country_response_period_in_days_becomes_whole_weeks_rounded_up():
    assert [reminder_weeks(days) for days in (1, 7, 8, 42, 60)] == [1, 1, 2, 6, 9]


def test_the_lp_expiry_warning_is_due_on_the_lps_last_valid_day(holidays):
    start = lp_expiry_start(D(2027, 3, 31), 30)
    assert due_date(LpDeadlineKind.LP_EXPIRY, start, holidays, days=30) == D(2027, 3, 31)
