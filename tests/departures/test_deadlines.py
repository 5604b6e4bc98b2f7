"""The rules departures registers: the flight notice and the Dublin transfer (moved from cases/deadlines/rules.py)."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from cases.deadlines import registry
from cases.deadlines.registry import compute, rule_version
from departures.constants import DublinCircumstance
from departures.deadlines import DepartureDeadlineKind as DeadlineKind

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
D = dt.date


def at(*args):
    return dt.datetime(*args, tzinfo=AMSTERDAM)


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


class TestVersions:
    def test_the_ammr_version_applies_to_applications_registered_from_1_july_2026(self):
        assert rule_version(DeadlineKind.DUBLIN_TRANSFER, on=D(2026, 6, 30)).version == "dublin-604-2013"
        assert rule_version(DeadlineKind.DUBLIN_TRANSFER, on=D(2026, 7, 1)).version == "ammr-2024-1351-r2"
