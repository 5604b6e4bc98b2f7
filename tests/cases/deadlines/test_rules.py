"""The deadline rules: worked examples checked by hand against a calendar, and the choice of rule version."""

import datetime as dt
import json
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

from cases.deadlines import rules
from cases.deadlines.rules import DeadlineKind, compute, rule_version

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = dt.date


def at(*args):
    return dt.datetime(*args, tzinfo=AMSTERDAM)


def due_date(kind, start, holidays, **params):
    return compute(kind, start=start, params=params, holidays=holidays)[1].due_date


class TestDepartureTermArt62Vw2000:
    @pytest.mark.parametrize(
        ("start", "expected"),
        [
            (D(2026, 3, 2), D(2026, 3, 30)),  # Monday 30 March: nothing to move
            (D(2026, 3, 6), D(2026, 4, 7)),  # Good Friday 3 April → past Easter Monday → Tuesday
            (D(2024, 11, 27), D(2024, 12, 30)),  # Christmas Wednesday, Boxing Day, decree Friday 27th, weekend
            (D(2025, 11, 28), D(2025, 12, 29)),  # Boxing Day Friday → Monday 29 December
        ],
    )
    def test_worked_examples_of_28_days_with_the_atw(self, holidays, start, expected):
        assert due_date(DeadlineKind.DEPARTURE_TERM, start, holidays) == expected

    def test_departure_term_ending_on_a_saturday_moves_to_monday_atw_art_1(self, holidays):
        rule, computation = compute(DeadlineKind.DEPARTURE_TERM, start=D(2026, 5, 2), holidays=holidays)
        assert (rule.version, rule.legal_basis) == ("vw2000", "art. 62 Vw 2000")
        assert computation.due_date == D(2026, 6, 1)
        assert computation.due_at == at(2026, 6, 2, 0)
        assert computation.atw_applied is True
        assert [step["type"] for step in computation.steps] == ["term", "atw_shift"]
        assert computation.steps[1]["reason"] == "saturday"

    def test_departure_term_ending_on_5_may_of_a_non_lustrum_year_moves_to_6_may_atw_art_3_lid_1(self, holidays):
        _rule, computation = compute(DeadlineKind.DEPARTURE_TERM, start=D(2026, 4, 7), holidays=holidays)
        assert computation.due_date == D(2026, 5, 6)
        assert computation.steps[1]["holiday"] == "Bevrijdingsdag"

    def test_departure_term_ending_on_good_friday_moves_past_easter_atw_art_3_lid_2(self, holidays):
        _rule, computation = compute(DeadlineKind.DEPARTURE_TERM, start=D(2026, 3, 6), holidays=holidays)
        assert (computation.steps[0]["end"], computation.due_date) == ("2026-04-03", D(2026, 4, 7))

    def test_departure_term_ending_on_christmas_day_2026_moves_past_the_weekend_to_monday_atw_art_1(self, holidays):
        _rule, computation = compute(DeadlineKind.DEPARTURE_TERM, start=D(2026, 11, 27), holidays=holidays)
        assert (computation.steps[0]["end"], computation.due_date) == ("2026-12-25", D(2026, 12, 28))

    def test_a_3_day_term_over_easter_holds_two_working_days_atw_art_2(self, holidays):
        _rule, computation = compute(
            DeadlineKind.DEPARTURE_TERM, start=D(2026, 4, 2), params={"days": 3}, holidays=holidays
        )
        assert computation.due_date == D(2026, 4, 8)
        assert [step["type"] for step in computation.steps] == ["term", "atw_shift", "atw_two_working_days"]

    def test_a_departure_term_of_0_days_means_an_immediate_obligation_to_leave_art_62_lid_2_vw_2000(self, holidays):
        # Start on a Saturday: with no term running, the Atw has nothing to move.
        _rule, computation = compute(
            DeadlineKind.DEPARTURE_TERM, start=D(2026, 3, 7), params={"days": 0}, holidays=holidays
        )
        assert computation == rules.Computation(
            due_date=D(2026, 3, 7),
            due_at=at(2026, 3, 8, 0),
            atw_applied=False,
            steps=({"type": "zero_term", "start": "2026-03-07"},),
        )

    def test_an_extended_term_over_90_days_is_not_moved_atw_art_4a(self, holidays):
        # 2 March 2026 + 110 days = Saturday 20 June 2026: stays on the Saturday.
        _rule, computation = compute(
            DeadlineKind.DEPARTURE_TERM, start=D(2026, 3, 2), params={"days": 110}, holidays=holidays
        )
        assert (computation.due_date, computation.atw_applied) == (D(2026, 6, 20), False)
        assert computation.steps[-1] == {"type": "atw_not_applied", "reason": "longer_than_90_days"}

    def test_a_negative_term_is_refused(self, holidays):
        with pytest.raises(ValueError, match="days"):
            compute(DeadlineKind.DEPARTURE_TERM, start=D(2026, 3, 2), params={"days": -1}, holidays=holidays)


class TestFlightNoticeVreemdelingencirculaire:
    def test_a_notice_before_a_monday_flight_is_due_on_saturday_and_not_moved_atw_art_1_lid_2(self, holidays):
        rule, computation = compute(DeadlineKind.FLIGHT_NOTICE, start=at(2026, 3, 2, 10), holidays=holidays)
        assert computation.due_at == at(2026, 2, 28, 10)
        assert (computation.due_date, computation.atw_applied, rule.atw_applies) == (None, False, False)
        assert computation.steps == (
            {
                "type": "hours_before_departure",
                "hours": 48,
                "departure": "2026-03-02T10:00:00+01:00",
                "end": "2026-02-28T10:00:00+01:00",
            },
        )

    def test_a_36_hour_notice_is_a_parameter(self, holidays):
        _rule, computation = compute(
            DeadlineKind.FLIGHT_NOTICE, start=at(2026, 3, 2, 10), params={"hours": 36}, holidays=holidays
        )
        assert computation.due_at == at(2026, 2, 28, 22)

    def test_48_hours_before_a_flight_after_the_clocks_go_forward_is_49_wall_clock_hours(self, holidays):
        _rule, computation = compute(DeadlineKind.FLIGHT_NOTICE, start=at(2026, 3, 30, 10), holidays=holidays)
        assert computation.due_at == at(2026, 3, 28, 9)

    def test_a_naive_flight_time_is_refused(self, holidays):
        with pytest.raises(ValueError, match="aware"):
            compute(DeadlineKind.FLIGHT_NOTICE, start=dt.datetime(2026, 3, 2, 10), holidays=holidays)


class TestHoldingArt50Lid4Vw2000:
    @pytest.mark.parametrize(
        ("start", "expected"),
        [
            (at(2026, 3, 2, 22), at(2026, 3, 3, 13)),
            (at(2026, 3, 2, 3), at(2026, 3, 2, 15)),
            (at(2026, 3, 28, 22), at(2026, 3, 29, 13)),  # clocks go forward that night
        ],
    )
    def test_six_hours_with_midnight_to_nine_not_counted(self, holidays, start, expected):
        rule, computation = compute(DeadlineKind.HOLDING, start=start, holidays=holidays)
        assert (rule.version, computation.due_at, computation.due_date) == ("holding-6h", expected, None)
        assert computation.atw_applied is False

    def test_the_9_hour_version_of_the_bill_is_selectable_but_not_in_force(self, holidays):
        assert rule_version(DeadlineKind.HOLDING, on=dt.date.today()).version == "holding-6h"
        rule, computation = compute(
            DeadlineKind.HOLDING, start=at(2026, 3, 2, 22), holidays=holidays, version="holding-9h"
        )
        assert (rule.in_force_from, rule.params["hours"]) == (None, 9)
        assert computation.due_at == at(2026, 3, 3, 16)

    def test_the_extension_adds_plain_hours_up_to_48(self, holidays):
        _rule, computation = compute(DeadlineKind.HOLDING_EXTENSION, start=at(2026, 3, 3, 13), holidays=holidays)
        assert computation.due_at == at(2026, 3, 5, 13)
        _rule, computation = compute(
            DeadlineKind.HOLDING_EXTENSION, start=at(2026, 10, 24, 13), params={"hours": 24}, holidays=holidays
        )
        assert computation.due_at == at(2026, 10, 25, 12)  # 24 real hours across the autumn change

    @pytest.mark.parametrize("hours", [0, 49, -1])
    def test_an_extension_outside_1_to_48_hours_is_refused(self, holidays, hours):
        with pytest.raises(ValueError):
            compute(
                DeadlineKind.HOLDING_EXTENSION, start=at(2026, 3, 3, 13), params={"hours": hours}, holidays=holidays
            )


class TestDetention:
    def test_the_court_is_notified_by_day_28_art_94_lid_1_vw_2000(self, holidays):
        # 26 February 2026 is a Thursday; even on a weekend the date would not be moved later.
        assert due_date(DeadlineKind.DETENTION_COURT_NOTICE, D(2026, 1, 29), holidays) == D(2026, 2, 26)
        assert due_date(DeadlineKind.DETENTION_COURT_NOTICE, D(2026, 2, 2), holidays) == D(2026, 3, 2)
        assert due_date(DeadlineKind.DETENTION_COURT_NOTICE, D(2026, 3, 6), holidays) == D(2026, 4, 3)  # Good Friday

    @pytest.mark.parametrize(
        ("start", "expected"),
        [
            (D(2026, 1, 31), D(2026, 7, 31)),
            (D(2025, 8, 31), D(2026, 2, 28)),
            (D(2026, 1, 3), D(2026, 7, 3)),  # a Friday, not moved
        ],
    )
    def test_six_months_of_detention_art_59_lid_5_vw_2000(self, holidays, start, expected):
        assert due_date(DeadlineKind.DETENTION_SIX_MONTHS, start, holidays) == expected

    def test_the_absolute_maximum_is_18_months_art_59_lid_6_vw_2000(self, holidays):
        assert due_date(DeadlineKind.DETENTION_MAXIMUM, D(2026, 1, 31), holidays) == D(2027, 7, 31)

    def test_the_review_interval_is_configurable_art_15_lid_3_return_directive(self, holidays):
        assert due_date(DeadlineKind.DETENTION_REVIEW, D(2026, 3, 2), holidays) == D(2026, 3, 30)
        assert due_date(DeadlineKind.DETENTION_REVIEW, D(2026, 3, 2), holidays, days=14) == D(2026, 3, 16)

    def test_vbl_placement_ends_after_12_weeks_art_56_vw_2000(self, holidays):
        assert due_date(DeadlineKind.RESTRICTED_LOCATION, D(2026, 3, 2), holidays) == D(2026, 5, 25)  # Whit Monday

    def test_detention_maxima_did_not_exist_before_the_return_directive_was_transposed(self, holidays):
        with pytest.raises(LookupError):
            compute(DeadlineKind.DETENTION_SIX_MONTHS, start=D(2010, 1, 4), holidays=holidays)


class TestDublinTransfer:
    @pytest.mark.parametrize(
        ("start", "circumstance", "version", "expected", "basis"),
        [
            (D(2026, 6, 11), "none", "dublin-604-2013", D(2026, 12, 11), "art. 29 lid 1 Vo. (EU) 604/2013"),
            (D(2026, 6, 11), "imprisoned", "dublin-604-2013", D(2027, 6, 11), "art. 29 lid 2 Vo. (EU) 604/2013"),
            (D(2026, 6, 11), "absconded", "dublin-604-2013", D(2027, 12, 11), "art. 29 lid 2 Vo. (EU) 604/2013"),
            (D(2026, 6, 11), "detained", "dublin-604-2013", D(2026, 7, 23), "art. 28 lid 3 Vo. (EU) 604/2013"),
            (D(2026, 6, 12), "none", "ammr-2024-1351", D(2026, 12, 12), "art. 46 lid 1 Vo. (EU) 2024/1351"),
            (D(2026, 6, 12), "imprisoned", "ammr-2024-1351", D(2027, 6, 12), "art. 46 lid 2 Vo. (EU) 2024/1351"),
            (D(2026, 6, 12), "medical", "ammr-2024-1351", D(2027, 6, 12), "art. 46 lid 2 Vo. (EU) 2024/1351"),
            (D(2026, 6, 12), "absconded", "ammr-2024-1351", D(2029, 6, 12), "art. 46 lid 2 Vo. (EU) 2024/1351"),
            (D(2026, 6, 12), "detained", "ammr-2024-1351", D(2026, 7, 24), "art. 45 lid 3 Vo. (EU) 2024/1351"),
            (D(2025, 8, 31), "none", "dublin-604-2013", D(2026, 2, 28), "art. 29 lid 1 Vo. (EU) 604/2013"),
        ],
    )
    def test_the_acceptance_date_chooses_604_2013_or_the_ammr_and_the_ground_sets_the_term(
        self, holidays, start, circumstance, version, expected, basis
    ):
        rule, computation = compute(
            DeadlineKind.DUBLIN_TRANSFER, start=start, params={"circumstance": circumstance}, holidays=holidays
        )
        assert (rule.version, computation.due_date, computation.atw_applied) == (version, expected, False)
        assert computation.steps[0] == {"type": "dublin_ground", "circumstance": circumstance, "legal_basis": basis}
        assert computation.steps[-1] == {"type": "atw_not_applied", "reason": "eu_regulation"}

    def test_the_transfer_date_is_not_moved_off_a_weekend_reg_1182_71(self, holidays):
        # 6 June 2026 + 6 months = Sunday 6 December 2026: the EU term is shown as it is.
        assert due_date(DeadlineKind.DUBLIN_TRANSFER, D(2026, 6, 6), holidays) == D(2026, 12, 6)

    def test_a_medical_condition_is_no_ground_under_604_2013(self, holidays):
        with pytest.raises(ValueError, match="medical"):
            compute(
                DeadlineKind.DUBLIN_TRANSFER,
                start=D(2026, 6, 11),
                params={"circumstance": "medical"},
                holidays=holidays,
            )

    def test_no_version_applies_before_2014(self, holidays):
        with pytest.raises(LookupError):
            compute(DeadlineKind.DUBLIN_TRANSFER, start=D(2013, 12, 31), holidays=holidays)

    def test_the_reminder_comes_earlier_for_a_6_month_term_than_for_a_detained_person(self):
        rule = rule_version(DeadlineKind.DUBLIN_TRANSFER, on=D(2026, 6, 12))
        assert rule.reminder({"circumstance": "none"}) == dt.timedelta(days=28)
        assert rule.reminder({"circumstance": "detained"}) == dt.timedelta(days=7)
        assert rule.reminder() == dt.timedelta(days=28)


class TestWorkingAgreementsAndAgreedActions:
    def test_the_travel_document_reminder_uses_the_configured_weeks(self, holidays):
        assert due_date(DeadlineKind.TRAVEL_DOCUMENT_REMINDER, D(2026, 3, 2), holidays) == D(2026, 4, 13)
        assert due_date(DeadlineKind.TRAVEL_DOCUMENT_REMINDER, D(2026, 3, 2), holidays, weeks=8) == D(2026, 4, 27)

    def test_the_escalation_goes_to_the_team_lead_after_12_months(self, holidays):
        rule, computation = compute(DeadlineKind.TRAVEL_DOCUMENT_ESCALATION, start=D(2026, 3, 2), holidays=holidays)
        assert (rule.responsible, computation.due_date) == ("team_lead", D(2027, 3, 2))

    def test_an_agreed_action_is_due_on_the_agreed_date_even_on_a_sunday(self, holidays):
        _rule, computation = compute(DeadlineKind.AGREED_ACTION, start=D(2026, 3, 8), holidays=holidays)
        assert (computation.due_date, computation.due_at) == (D(2026, 3, 8), at(2026, 3, 9, 0))


class TestRuleVersions:
    def test_an_explicit_unknown_version_an_unknown_kind_or_parameter_are_refused(self, holidays):
        with pytest.raises(LookupError):
            rule_version(DeadlineKind.HOLDING, on=D(2026, 3, 2), version="holding-12h")
        with pytest.raises(LookupError):
            rule_version("curfew", on=D(2026, 3, 2))
        with pytest.raises(ValueError, match="Unknown parameters"):
            compute(DeadlineKind.DEPARTURE_TERM, start=D(2026, 3, 2), params={"weeks": 4}, holidays=holidays)

    def test_a_date_rule_refuses_a_moment_and_an_hour_rule_refuses_a_date(self, holidays):
        with pytest.raises(TypeError):
            compute(DeadlineKind.DEPARTURE_TERM, start=at(2026, 3, 2, 10), holidays=holidays)
        with pytest.raises(TypeError):
            compute(DeadlineKind.HOLDING, start=D(2026, 3, 2), holidays=holidays)

    def test_every_kind_has_exactly_one_version_in_force_on_any_day_since_2014(self):
        assert set(rules.RULES) == set(DeadlineKind)
        for kind, versions in rules.RULES.items():
            assert all(version.kind == kind for version in versions)
            day = D(2014, 1, 1)
            while day <= D(2030, 12, 31):
                assert len([v for v in versions if v.in_force_on(day)]) == 1, (kind, day)
                day += dt.timedelta(days=1)

    def test_the_version_in_force_on_the_start_date_is_chosen_ammr_applies_from_12_june_2026(self):
        assert rule_version(DeadlineKind.DUBLIN_TRANSFER, on=D(2026, 6, 11)).version == "dublin-604-2013"
        assert rule_version(DeadlineKind.DUBLIN_TRANSFER, on=D(2026, 6, 12)).version == "ammr-2024-1351"

    def test_a_moment_chooses_the_version_by_its_local_date(self, holidays, monkeypatch):
        # Suppose the bill takes effect on 12 June 2026: 22:30 UTC on 11 June is 00:30 on 12 June in Amsterdam.
        six, nine = rules.RULES[DeadlineKind.HOLDING]
        monkeypatch.setitem(
            rules.RULES,
            DeadlineKind.HOLDING,
            (replace(six, in_force_until=D(2026, 6, 11)), replace(nine, in_force_from=D(2026, 6, 12))),
        )
        rule, computation = compute(
            DeadlineKind.HOLDING, start=dt.datetime(2026, 6, 11, 22, 30, tzinfo=dt.UTC), holidays=holidays
        )
        assert (rule.version, computation.due_at) == ("holding-9h", at(2026, 6, 12, 18))

    @pytest.mark.parametrize("kind", list(DeadlineKind))
    def test_every_rule_cites_its_basis_and_produces_json_serialisable_steps(self, holidays, kind):
        rule = rule_version(kind, on=D(2026, 3, 2))
        start = at(2026, 3, 2, 10) if rule.counting.startswith("hours") else D(2026, 3, 2)
        _rule, computation = compute(kind, start=start, holidays=holidays)
        assert rule.legal_basis and str(rule.legal_text) and str(rule.task_text) and str(rule.atw_note)
        assert rule.responsible in ("case_officer", "team_lead", "enforcement_officer")
        assert computation.due_at.utcoffset() is not None
        assert json.loads(json.dumps(computation.steps)) == list(computation.steps)
        assert computation.atw_applied == (rule.atw_applies and kind == DeadlineKind.DEPARTURE_TERM)
