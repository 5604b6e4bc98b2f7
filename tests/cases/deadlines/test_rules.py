"""The deadline rules: worked examples checked by hand against a calendar, and the choice of rule version."""

import datetime as dt
import json
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

from cases.constants import Responsible
from cases.deadlines import registry
from cases.deadlines.registry import Computation, compute, rule_version
from cases.deadlines.rules import DeadlineKind
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
        # The tests' throwaway app (tests/plugin_app) registers a working agreement of its own, the
        # travel-document working agreements are laissezpasser's (tests/laissezpasser/test_deadlines.py) and the
        # absconding signal's follow-up is detention's (tests/detention/test_absconding_signal.py).
        ours = [
            kind
            for kind in registry.registered_kinds()
            if not kind.startswith("plugin_")
            and not kind.startswith("travel_document")
            and kind != DetentionDeadlineKind.ABSCONDING_SIGNAL
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
