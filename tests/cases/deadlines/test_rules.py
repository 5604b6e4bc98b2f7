"""The deadline rules: worked examples checked by hand against a calendar, and the choice of rule version."""

import datetime as dt
import json
from dataclasses import replace
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from cases.constants import Responsible
from cases.deadlines import registry
from cases.deadlines.registry import Computation, compute, rule_version
from cases.deadlines.rules import DeadlineKind, DublinCircumstance
from detention.deadlines import DetentionDeadlineKind

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
        assert computation == Computation(
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

    def test_the_hours_come_from_the_setting_flight_notice_hours_and_an_explicit_param_wins(self, holidays):
        configured = SimpleNamespace(FLIGHT_NOTICE_HOURS=36)
        rule, computation = compute(
            DeadlineKind.FLIGHT_NOTICE, start=at(2026, 3, 2, 10), holidays=holidays, settings=configured
        )
        assert rule.params_from_settings == {"hours": "FLIGHT_NOTICE_HOURS"}
        assert computation.due_at == at(2026, 2, 28, 22)
        _rule, computation = compute(
            DeadlineKind.FLIGHT_NOTICE,
            start=at(2026, 3, 2, 10),
            params={"hours": 40},
            holidays=holidays,
            settings=configured,
        )
        assert computation.due_at == at(2026, 2, 28, 18)

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
        rule, computation = compute(DetentionDeadlineKind.HOLDING, start=start, holidays=holidays)
        assert (rule.version, computation.due_at, computation.due_date) == ("holding-6h", expected, None)
        assert computation.atw_applied is False

    def test_the_9_hour_version_of_the_bill_is_selectable_but_not_in_force(self, holidays):
        assert rule_version(DetentionDeadlineKind.HOLDING, on=dt.date.today()).version == "holding-6h"
        rule, computation = compute(
            DetentionDeadlineKind.HOLDING, start=at(2026, 3, 2, 22), holidays=holidays, version="holding-9h"
        )
        assert (rule.in_force_from, rule.params["hours"]) == (None, 9)
        assert computation.due_at == at(2026, 3, 3, 16)

    def test_the_extension_adds_plain_hours_up_to_48(self, holidays):
        _rule, computation = compute(
            DetentionDeadlineKind.HOLDING_EXTENSION, start=at(2026, 3, 3, 13), holidays=holidays
        )
        assert computation.due_at == at(2026, 3, 5, 13)
        _rule, computation = compute(
            DetentionDeadlineKind.HOLDING_EXTENSION, start=at(2026, 10, 24, 13), params={"hours": 24}, holidays=holidays
        )
        assert computation.due_at == at(2026, 10, 25, 12)  # 24 real hours across the autumn change

    @pytest.mark.parametrize("hours", [0, 49, -1])
    def test_an_extension_outside_1_to_48_hours_is_refused(self, holidays, hours):
        with pytest.raises(ValueError):
            compute(
                DetentionDeadlineKind.HOLDING_EXTENSION,
                start=at(2026, 3, 3, 13),
                params={"hours": hours},
                holidays=holidays,
            )


class TestDetentionCourtNoticeArt94Vw2000:
    """The court is notified by day 28; the Atw extends that legal last day, day 28 stays the internal target."""

    @pytest.mark.parametrize(
        ("start", "target", "legal"),
        [
            (D(2026, 1, 29), D(2026, 2, 26), D(2026, 2, 26)),  # a Thursday: nothing to move
            (D(2026, 2, 2), D(2026, 3, 2), D(2026, 3, 2)),  # a Monday
            (D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 2)),  # Saturday 28 February → Monday 2 March
            (D(2026, 3, 6), D(2026, 4, 3), D(2026, 4, 7)),  # Good Friday → past Easter Monday → Tuesday
        ],
    )
    def test_the_legal_last_day_is_extended_by_the_atw_and_day_28_is_the_internal_target(
        self, holidays, start, target, legal
    ):
        rule, computation = compute(DetentionDeadlineKind.DETENTION_COURT_NOTICE, start=start, holidays=holidays)
        assert (rule.version, rule.legal_basis, rule.atw_applies) == ("vw2000-atw", "art. 94 lid 1 Vw 2000", True)
        assert (computation.due_date, computation.target_date, computation.atw_applied) == (legal, target, True)
        assert computation.due_at == at(legal.year, legal.month, legal.day, 0) + dt.timedelta(days=1)
        assert computation.target_at == at(target.year, target.month, target.day, 0) + dt.timedelta(days=1)

    def test_the_explanation_steps_name_both_days_and_the_judgment(self, holidays):
        _rule, computation = compute(
            DetentionDeadlineKind.DETENTION_COURT_NOTICE, start=D(2026, 1, 31), holidays=holidays
        )
        assert [step["type"] for step in computation.steps] == ["term", "atw_shift", "target_and_legal_day"]
        assert computation.steps[-1] == {
            "type": "target_and_legal_day",
            "target": "2026-02-28",
            "legal": "2026-03-02",
            "source": "Rb. 's-Gravenhage 5 juni 2001, ECLI:NL:RBSGR:2001:AD5467",
        }

    def test_the_rule_version_records_the_reading_and_its_source(self):
        rule = rule_version(DetentionDeadlineKind.DETENTION_COURT_NOTICE, on=D(2026, 3, 2))
        assert "ECLI:NL:RBSGR:2001:AD5467" in str(rule.reading)
        assert "art. 4 Atw" in str(rule.reading)
        assert rule.statutory is True

    def test_the_withdrawn_version_without_the_atw_is_kept_by_name_but_never_in_force(self, holidays):
        withdrawn = rule_version(DetentionDeadlineKind.DETENTION_COURT_NOTICE, on=None, version="vw2000")
        assert (withdrawn.in_force_from, withdrawn.atw_applies) == (None, False)
        _rule, computation = compute(
            DetentionDeadlineKind.DETENTION_COURT_NOTICE, start=D(2026, 1, 31), holidays=holidays, version="vw2000"
        )
        assert (computation.due_date, computation.target_date) == (D(2026, 2, 28), D(2026, 2, 28))


class TestDetention:
    @pytest.mark.parametrize(
        ("start", "expected"),
        [
            (D(2026, 1, 31), D(2026, 7, 31)),
            (D(2025, 8, 31), D(2026, 2, 28)),
            (D(2026, 1, 3), D(2026, 7, 3)),  # a Friday, not moved
        ],
    )
    def test_six_months_of_detention_art_59_lid_5_vw_2000(self, holidays, start, expected):
        assert due_date(DetentionDeadlineKind.DETENTION_SIX_MONTHS, start, holidays) == expected

    def test_the_absolute_maximum_is_18_months_art_59_lid_6_vw_2000(self, holidays):
        assert due_date(DetentionDeadlineKind.DETENTION_MAXIMUM, D(2026, 1, 31), holidays) == D(2027, 7, 31)

    def test_the_review_interval_is_configurable_art_15_lid_3_return_directive(self, holidays):
        assert due_date(DetentionDeadlineKind.DETENTION_REVIEW, D(2026, 3, 2), holidays) == D(2026, 3, 30)
        assert due_date(DetentionDeadlineKind.DETENTION_REVIEW, D(2026, 3, 2), holidays, days=14) == D(2026, 3, 16)

    def test_vbl_placement_ends_after_12_weeks_art_56_vw_2000(self, holidays):
        assert due_date(DetentionDeadlineKind.RESTRICTED_LOCATION, D(2026, 3, 2), holidays) == D(
            2026, 5, 25
        )  # Whit Monday

    def test_detention_maxima_did_not_exist_before_the_return_directive_was_transposed(self, holidays):
        with pytest.raises(LookupError):
            compute(DetentionDeadlineKind.DETENTION_SIX_MONTHS, start=D(2010, 1, 4), holidays=holidays)


def dublin(start, registered_on, circumstance="none", holidays=None):
    return compute(
        DeadlineKind.DUBLIN_TRANSFER,
        start=start,
        params={"circumstance": circumstance, "registered_on": registered_on},
        holidays=holidays or {},
    )


class TestDublinTransfer:
    """The registration date of the asylum application chooses the regulation (art. 84-85 Reg. 2024/1351);
    the term runs from the acceptance (or, for the AMMR's 3 years, from the notice to the responsible state)."""

    @pytest.mark.parametrize(
        ("registered_on", "circumstance", "version", "expected", "basis"),
        [
            (D(2026, 6, 30), "none", "dublin-604-2013", D(2027, 2, 3), "art. 29 lid 1 Vo. (EU) 604/2013"),
            (D(2026, 6, 30), "imprisoned", "dublin-604-2013", D(2027, 8, 3), "art. 29 lid 2 Vo. (EU) 604/2013"),
            (D(2026, 6, 30), "absconded", "dublin-604-2013", D(2028, 2, 3), "art. 29 lid 2 Vo. (EU) 604/2013"),
            (D(2026, 6, 30), "detained", "dublin-604-2013", D(2026, 9, 14), "art. 28 lid 3 Vo. (EU) 604/2013"),
            (D(2026, 7, 2), "none", "ammr-2024-1351-r2", D(2027, 2, 3), "art. 46 lid 1 Vo. (EU) 2024/1351"),
            (D(2026, 7, 2), "imprisoned", "ammr-2024-1351-r2", D(2027, 8, 3), "art. 46 lid 2 Vo. (EU) 2024/1351"),
            (D(2026, 7, 2), "absconded", "ammr-2024-1351-r2", D(2029, 8, 3), "art. 46 lid 2 Vo. (EU) 2024/1351"),
            (D(2026, 7, 2), "resists", "ammr-2024-1351-r2", D(2029, 8, 3), "art. 46 lid 2 Vo. (EU) 2024/1351"),
            (D(2026, 7, 2), "unfit", "ammr-2024-1351-r2", D(2029, 8, 3), "art. 46 lid 2 Vo. (EU) 2024/1351"),
            (
                D(2026, 7, 2),
                "medical_non_compliance",
                "ammr-2024-1351-r2",
                D(2029, 8, 3),
                "art. 46 lid 2 Vo. (EU) 2024/1351",
            ),
            (D(2026, 7, 2), "detained", "ammr-2024-1351-r2", D(2026, 9, 7), "art. 45 lid 3 Vo. (EU) 2024/1351"),
        ],
    )
    def test_the_registration_date_chooses_604_2013_or_the_ammr_and_the_ground_sets_the_term(
        self, holidays, registered_on, circumstance, version, expected, basis
    ):
        # Accepted on Monday 3 August 2026 in every case.
        rule, computation = dublin(D(2026, 8, 3), registered_on, circumstance, holidays)
        assert (rule.version, computation.due_date, computation.atw_applied) == (version, expected, False)
        assert computation.steps[0]["type"] == "dublin_regulation"
        assert computation.steps[1]["legal_basis"] == basis
        assert computation.steps[-1] == {"type": "atw_not_applied", "reason": "eu_regulation"}

    def test_a_detained_transfer_under_the_ammr_takes_5_weeks_not_6_art_45(self, holidays):
        _rule, computation = dublin(D(2026, 8, 3), D(2026, 7, 15), DublinCircumstance.DETAINED, holidays)
        assert computation.due_date == D(2026, 9, 7)

    def test_an_application_registered_before_1_july_2026_keeps_dublin_iii_though_accepted_after(self, holidays):
        rule, computation = dublin(D(2026, 9, 1), D(2026, 6, 12), "detained", holidays)
        assert (rule.version, computation.due_date) == ("dublin-604-2013", D(2026, 10, 13))

    def test_an_application_registered_on_1_july_2026_itself_falls_under_the_ammr_as_the_version_reads_art_84(
        self, holidays
    ):
        rule, computation = dublin(D(2026, 8, 3), D(2026, 7, 1), "none", holidays)
        assert rule.version == "ammr-2024-1351-r2"
        assert computation.steps[0] == {
            "type": "dublin_regulation",
            "registered_on": "2026-07-01",
            "regulation": "2024/1351",
            "ammr_applies_from": "2026-07-01",
        }
        assert (
            "een aanvraag die op 1 juli 2026 zelf is geregistreerd open: Regie past er Vo. (EU) 2024/1351 op toe"
            in str(rule.reading)
        )

    def test_the_ammr_has_no_12_month_medical_ground(self, holidays):
        with pytest.raises(ValueError, match="medical"):
            dublin(D(2026, 8, 3), D(2026, 7, 15), "medical", holidays)

    @pytest.mark.parametrize("ground", ["resists", "unfit", "medical_non_compliance"])
    def test_the_ammr_only_grounds_are_no_ground_under_604_2013(self, holidays, ground):
        with pytest.raises(ValueError, match=ground):
            dublin(D(2026, 8, 3), D(2026, 6, 30), ground, holidays)

    def test_the_3_years_run_from_the_notice_and_the_other_terms_from_the_acceptance(self, holidays):
        _rule, three_years = dublin(D(2026, 8, 3), D(2026, 7, 15), "absconded", holidays)
        _rule, six_months = dublin(D(2026, 8, 3), D(2026, 7, 15), "none", holidays)
        assert (three_years.steps[1]["from"], six_months.steps[1]["from"]) == ("notice", "acceptance")

    def test_the_registration_date_is_required_and_stored_as_a_date(self, holidays):
        with pytest.raises(ValueError, match="registered_on"):
            compute(DeadlineKind.DUBLIN_TRANSFER, start=D(2026, 8, 3), holidays=holidays)
        with pytest.raises(ValueError, match="registered_on"):
            dublin(D(2026, 8, 3), "15-07-2026", "none", holidays)
        _rule, params = registry.resolve(
            DeadlineKind.DUBLIN_TRANSFER, start=D(2026, 8, 3), params={"registered_on": D(2026, 7, 15)}
        )
        assert params == {"circumstance": "none", "registered_on": "2026-07-15"}

    def test_the_transfer_date_is_not_moved_off_a_weekend_reg_1182_71(self, holidays):
        # 6 June 2026 + 6 months = Sunday 6 December 2026: the EU term is shown as it is.
        assert dublin(D(2026, 6, 6), D(2026, 4, 1), holidays=holidays)[1].due_date == D(2026, 12, 6)

    def test_no_version_applies_to_an_application_registered_before_2014(self, holidays):
        with pytest.raises(LookupError):
            dublin(D(2014, 2, 3), D(2013, 12, 31), holidays=holidays)

    def test_the_withdrawn_ammr_version_of_12_june_is_kept_by_name_only(self):
        withdrawn = rule_version(DeadlineKind.DUBLIN_TRANSFER, on=None, version="ammr-2024-1351")
        assert withdrawn.in_force_from is None
        assert rule_version(DeadlineKind.DUBLIN_TRANSFER, on=D(2026, 6, 12)).version == "dublin-604-2013"

    def test_the_reminder_comes_earlier_for_a_6_month_term_than_for_a_detained_person(self):
        rule = rule_version(DeadlineKind.DUBLIN_TRANSFER, on=D(2026, 7, 1))
        assert rule.reminder({"circumstance": "none"}) == dt.timedelta(days=28)
        assert rule.reminder({"circumstance": "detained"}) == dt.timedelta(days=7)
        assert rule.reminder() == dt.timedelta(days=28)


class TestWorkingAgreementsAndAgreedActions:
    def test_an_agreed_action_is_due_on_the_agreed_date_even_on_a_sunday(self, holidays):
        _rule, computation = compute(DeadlineKind.AGREED_ACTION, start=D(2026, 3, 8), holidays=holidays)
        assert (computation.due_date, computation.due_at) == (D(2026, 3, 8), at(2026, 3, 9, 0))


class TestRuleVersions:
    def test_an_explicit_unknown_version_an_unknown_kind_or_parameter_are_refused(self, holidays):
        with pytest.raises(LookupError):
            rule_version(DetentionDeadlineKind.HOLDING, on=D(2026, 3, 2), version="holding-12h")
        with pytest.raises(LookupError):
            rule_version("curfew", on=D(2026, 3, 2))
        with pytest.raises(ValueError, match="Unknown parameters"):
            compute(DeadlineKind.DEPARTURE_TERM, start=D(2026, 3, 2), params={"weeks": 4}, holidays=holidays)

    def test_a_date_rule_refuses_a_moment_and_an_hour_rule_refuses_a_date(self, holidays):
        with pytest.raises(TypeError):
            compute(DeadlineKind.DEPARTURE_TERM, start=at(2026, 3, 2, 10), holidays=holidays)
        with pytest.raises(TypeError):
            compute(DetentionDeadlineKind.HOLDING, start=D(2026, 3, 2), holidays=holidays)

    def test_every_kind_has_exactly_one_version_in_force_on_any_day_since_2014(self):
        kinds = [value for name, value in vars(DeadlineKind).items() if name.isupper()]
        assert set(kinds) <= set(registry.registered_kinds())
        for kind in kinds:
            versions = registry.versions(kind)
            assert all(version.kind == kind for version in versions)
            day = D(2014, 1, 1)
            while day <= D(2030, 12, 31):
                assert len([v for v in versions if v.in_force_on(day)]) == 1, (kind, day)
                day += dt.timedelta(days=1)

    def test_the_ammr_version_applies_to_applications_registered_from_1_july_2026(self):
        assert rule_version(DeadlineKind.DUBLIN_TRANSFER, on=D(2026, 6, 30)).version == "dublin-604-2013"
        assert rule_version(DeadlineKind.DUBLIN_TRANSFER, on=D(2026, 7, 1)).version == "ammr-2024-1351-r2"

    def test_a_moment_chooses_the_version_by_its_local_date(self, holidays, swapped):
        # Suppose the bill takes effect on 12 June 2026: 22:30 UTC on 11 June is 00:30 on 12 June in Amsterdam.
        six, nine = registry.versions(DetentionDeadlineKind.HOLDING)
        swapped(
            DetentionDeadlineKind.HOLDING,
            replace(six, in_force_until=D(2026, 6, 11)),
            replace(nine, in_force_from=D(2026, 6, 12)),
        )
        rule, computation = compute(
            DetentionDeadlineKind.HOLDING, start=dt.datetime(2026, 6, 11, 22, 30, tzinfo=dt.UTC), holidays=holidays
        )
        assert (rule.version, computation.due_at) == ("holding-9h", at(2026, 6, 12, 18))

    @pytest.mark.parametrize("kind", [value for name, value in vars(DeadlineKind).items() if name.isupper()])
    def test_every_rule_cites_its_basis_and_produces_json_serialisable_steps(self, holidays, kind):
        rule = rule_version(kind, on=D(2026, 7, 2))
        start = at(2026, 7, 2, 10) if rule.counting.startswith("hours") else D(2026, 7, 2)
        params = {"registered_on": "2026-07-02"} if rule.chosen_by else {}
        _rule, computation = compute(kind, start=start, params=params, holidays=holidays)
        assert rule.legal_basis and str(rule.legal_text) and str(rule.task_text) and str(rule.atw_note)
        assert str(rule.label) == registry.kind_label(kind)
        assert rule.responsible in Responsible.values
        assert computation.due_at.utcoffset() is not None
        assert computation.target_at <= computation.due_at
        assert json.loads(json.dumps(computation.steps)) == list(computation.steps)
        atw_kinds = (DeadlineKind.DEPARTURE_TERM, DetentionDeadlineKind.DETENTION_COURT_NOTICE)
        assert computation.atw_applied == (rule.atw_applies and kind in atw_kinds)

    def test_only_working_agreements_and_agreed_actions_are_not_statutory(self):
        # The tests' throwaway app (tests/plugin_app) registers a working agreement of its own, and the
        # travel-document working agreements are laissezpasser's (tests/laissezpasser/test_deadlines.py).
        ours = [
            kind
            for kind in registry.registered_kinds()
            if not kind.startswith("plugin_") and not kind.startswith("travel_document")
        ]
        informal = {kind for kind in ours if not rule_version(kind, on=D(2026, 7, 2)).statutory}
        assert informal == {DeadlineKind.AGREED_ACTION}
        assert DeadlineKind.DEPARTURE_TERM in registry.statutory_kinds()


def _throwaway(version="v1", **fields):
    """A rule as an app above cases would register it from its AppConfig.ready()."""
    values = {
        "kind": "testapp_curfew",
        "version": version,
        "label": "Avondklok (test)",
        "in_force_from": D(2020, 1, 1),
        "in_force_until": None,
        "legal_basis": "art. 1 Testwet",
        "legal_text": "Binnen zijn",
        "statutory": True,
        "atw_applies": False,
        "atw_note": "geen Atw",
        "counting": "days",
        "params": {"days": 3},
        "responsible": Responsible.CASE_OFFICER,
        "remind_before": None,
        "task_text": "Controleren",
        "compute": lambda start, params, *, holidays, tz: registry.Computation(
            start, dt.datetime.combine(start, dt.time(0), tzinfo=tz), False, ()
        ),
    }
    return registry.RuleVersion(**{**values, **fields})


class TestRegistry:
    @pytest.fixture(autouse=True)
    def _clean(self):
        yield
        registry.unregister("testapp_curfew")

    def test_a_rule_registered_later_is_answered_for_its_label_version_and_computation(self, holidays):
        assert registry.kind_label("testapp_curfew") == "testapp_curfew"  # unknown: its code
        registry.register(_throwaway())
        assert "testapp_curfew" in registry.registered_kinds()
        assert registry.kind_label("testapp_curfew") == "Avondklok (test)"
        rule, computation = compute("testapp_curfew", start=D(2026, 3, 2), holidays=holidays)
        assert (rule.version, computation.due_date, computation.target_date) == ("v1", D(2026, 3, 2), D(2026, 3, 2))
        assert "testapp_curfew" in registry.statutory_kinds()

    def test_the_same_version_twice_is_refused(self):
        registry.register(_throwaway())
        with pytest.raises(ValueError, match="twice"):
            registry.register(_throwaway())

    def test_versions_in_force_on_the_same_day_are_refused(self):
        registry.register(_throwaway())
        with pytest.raises(ValueError, match="overlap"):
            registry.register(_throwaway("v2", in_force_from=D(2025, 1, 1)))
        registry.register(_throwaway("v2", in_force_from=None))

    def test_a_setting_read_into_an_unknown_param_is_refused(self):
        with pytest.raises(ValueError, match="unknown params"):
            registry.register(_throwaway(params_from_settings={"weeks": "CURFEW_WEEKS"}))

    def test_unregister_removes_one_version_or_the_kind(self):
        registry.register(_throwaway(), _throwaway("v2", in_force_from=None))
        registry.unregister("testapp_curfew", "v2")
        assert [v.version for v in registry.versions("testapp_curfew")] == ["v1"]
        registry.unregister("testapp_curfew")
        assert registry.versions("testapp_curfew") == ()
        with pytest.raises(LookupError):
            rule_version("testapp_curfew", on=D(2026, 3, 2))

    def test_a_target_after_the_legal_last_day_is_refused(self):
        with pytest.raises(ValueError, match="target"):
            Computation(
                D(2026, 3, 2), at(2026, 3, 3, 0), False, (), target_date=D(2026, 3, 3), target_at=at(2026, 3, 4, 0)
            )
