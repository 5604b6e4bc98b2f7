"""The court's clocks in the legality view and what the reports app reads: the art. 94 notice by day 28 (legal
last day and internal target), the periodic review as a work item with its checklist, the team's population and
the lawful rate per team."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cases.deadlines.sweep import deadlines_sweep
from cases.models import Deadline, WorkItem
from departures import services as departures
from departures.constants import DublinClaimKind
from detention import court
from detention.constants import CourtStepKind, Ruling
from detention.models import Measure
from detention.selectors import (
    _facts_querysets,
    _facts_rows,
    lawful_rate,
    lawful_rate_per_year,
    legality_facts,
    team_population,
)
from dtv.core.batch import Prepared, fetch_together
from tests.factories.accounts import EnforcementOfficerFactory
from tests.factories.departures import booking, local
from tests.factories.detention import NOW, detention_case, issued_order
from tests.factories.laissezpasser import moroccan_case, submitted_request

pytestmark = pytest.mark.django_db

# Saturday 21 November 2026: day 28 is Saturday 19 December, and the Atw moves the legal last day to Monday 21.
SATURDAY = local(2026, 11, 21, 10)


def detention_of(order):
    return Measure.objects.get(order=order)


class TestTheArt94NoticeByDay28:
    def test_day_28_is_the_internal_target_and_the_atw_extends_the_legal_last_day_art_94_vw(self, case, enforcer):
        measure = detention_of(issued_order(case, actor=enforcer, starts_at=SATURDAY, now=SATURDAY))
        notice = Deadline.objects.get(case=case, kind="detention_court_notice")
        assert (notice.target_date, notice.due_date) == (dt.date(2026, 12, 19), dt.date(2026, 12, 21))
        facts = legality_facts([measure], on=dt.date(2026, 12, 1))[measure.pk]
        assert (facts.day_28, facts.notice_target, facts.notice_last_day) == (
            dt.date(2026, 12, 19),
            dt.date(2026, 12, 19),
            dt.date(2026, 12, 21),
        )

    def test_the_case_file_shows_both_days_and_the_list_warns_once_day_28_passed_without_notice(
        self, client, case, enforcer
    ):
        issued_order(case, actor=enforcer, starts_at=SATURDAY, now=SATURDAY)
        with time_machine.travel(local(2026, 12, 1, 10), tick=False):
            client.force_login(enforcer)
            panel = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
        assert 'data-testid="day-28">19 december 2026 (interne streefdatum' in panel
        assert 'data-testid="notice-last-day">21 december 2026' in panel
        with time_machine.travel(local(2026, 12, 22, 10), tick=False):
            client.force_login(enforcer)
            listed = client.get(reverse("detention:legality_list")).text
        assert "dag 28 verstreken zonder kennisgeving" in listed


class TestThePeriodicReview:
    def test_falls_due_as_a_work_item_of_the_enforcement_officer_and_its_checklist_completes_it(
        self, client, case, enforcer
    ):
        measure = detention_of(issued_order(case, actor=enforcer))
        review = Deadline.objects.get(case=case, kind="detention_review")
        for moment in (review.remind_at, review.due_at):
            deadlines_sweep(now=moment + dt.timedelta(minutes=1))
        item = WorkItem.objects.get(deadline=review, done_at__isnull=True)
        assert item.assignee == enforcer
        on = review.due_at + dt.timedelta(hours=2)
        with time_machine.travel(on, tick=False):
            client.force_login(enforcer)
            page = client.get(reverse("detention:legality_list")).text
            assert f"{reverse('detention:measure_detail', kwargs={'pk': measure.pk})}#stap-court" in page
            detail = client.get(reverse("detention:measure_detail", kwargs={"pk": measure.pk})).text
            assert 'id="stap-court"' in detail
        court.court_step_record(
            measure=measure, kind=CourtStepKind.REVIEW, on=on.date(), actor=enforcer, now=on,
            checklist={"prospect_of_removal": True, "lighter_measure_suffices": False, "removal_acts": "Vlucht"},
        )  # fmt: skip
        item.refresh_from_db()
        assert item.done_at == on and item.done_by == enforcer


def _ruled(case, enforcer, ruling, on):
    measure = detention_of(issued_order(case, actor=enforcer))
    court.court_step_record(
        measure=measure, kind=CourtStepKind.RULING, on=on, ruling=ruling, grounds="Gronden", actor=enforcer,
        now=dt.datetime.combine(on, dt.time(12), tzinfo=dt.UTC),
    )  # fmt: skip
    return measure


class TestWhatTheReportsAppReads:
    def test_the_lawful_rate_per_team_counts_only_that_teams_detentions(self, case, enforcer):
        _ruled(case, enforcer, Ruling.LAWFUL, NOW.date() + dt.timedelta(days=10))
        other = detention_case()
        _ruled(other, EnforcementOfficerFactory(team=other.team), Ruling.UNLAWFUL, NOW.date() + dt.timedelta(days=10))
        year = (dt.date(2026, 1, 1), dt.date(2027, 1, 1))
        assert (lawful_rate(*year, team_id=case.team_id).lawful, lawful_rate(*year, team_id=case.team_id).unlawful) == (
            1,
            0,
        )
        assert lawful_rate(*year).judged == 2
        assert lawful_rate_per_year(team_id=other.team_id)[2026].rate == 0.0

    def test_the_team_population_counts_the_running_detentions_and_their_warnings(self, case, enforcer, settings):
        settings.DETENTION_NO_REMOVAL_ACT_WARNING_DAYS = 14
        issued_order(case, actor=enforcer, flight_booked_on=None, dublin_claim=True)
        population = team_population(team_id=case.team_id, on=NOW.date() + dt.timedelta(days=30))
        assert population.running == 1
        assert population.without_removal_act == 1
        assert population.court_not_notified_by_day_28 == 1
        assert population.review_overdue == 1
        assert population.beyond_six_months == 0
        assert team_population(team_id=detention_case().team_id, on=NOW.date()).running == 0


class TestEachClockExplained:
    def test_the_case_file_says_the_earlier_period_of_the_removal_procedure_counts_art_59_lid_5(
        self, client, case, enforcer
    ):
        from detention import services
        from detention.constants import EndReason

        first = detention_of(issued_order(case, actor=enforcer, now=NOW, starts_at=NOW))
        services.measure_end(
            measure=first, reason=EndReason.LIGHTER_MEASURE, actor=enforcer, now=NOW + dt.timedelta(days=29)
        )
        again = NOW + dt.timedelta(days=60)
        issued_order(case, actor=enforcer, now=again, starts_at=again)
        with time_machine.travel(again + dt.timedelta(days=9), tick=False):
            client.force_login(enforcer)
            panel = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
        # 30 days in the first period: the months of the second (from 22 January 2027) run as if from 23 December.
        assert "Alle bewaringsperiodes van deze uitzettingsprocedure tellen samen" in panel
        assert "de maanden lopen vanaf 23 december 2026" in panel


def _loaded(instance):
    """The values a row loaded (its columns and annotations), without reading a deferred one."""
    return {name: value for name, value in vars(instance).items() if not name.startswith("_")}


class TestTheFactsOfAPageOfTheList:
    """A page's facts are one statement, compiled once per process for up to 16 or 50 cases (prepared)."""

    def _page(self, case, enforcer):
        # A Moroccan case (its LP request goes to Morocco) and another, both of the enforcement officer's team.
        cases = [moroccan_case(case_officer=case.case_officer), detention_case(case_officer=case.case_officer)]
        orders = [issued_order(case, actor=enforcer) for case in cases]
        court.court_step_record(
            measure=detention_of(orders[0]), kind=CourtStepKind.APPEAL_LODGED, on=NOW.date(), actor=enforcer, now=NOW
        )
        departures.removal_book(
            case=cases[1], actor=cases[1].case_officer, now=NOW, **booking(departs_at=NOW + dt.timedelta(days=20))
        )
        departures.dublin_claim_record(
            case=cases[0], kind=DublinClaimKind.TAKE_BACK, member_state="DEU", registered_on=dt.date(2026, 11, 2),
            requested_on=dt.date(2026, 11, 9), eurodac_hit=True, actor=cases[0].case_officer, now=NOW,
        )  # fmt: skip
        submitted_request(cases[0], on=dt.date(2026, 11, 10))
        return [detention_of(order) for order in orders]

    def test_gives_the_rows_the_querysets_built_for_the_page_alone_give(self, case, enforcer):
        measures = self._page(case, enforcer)
        case_ids = sorted({m.case_id for m in measures})
        found = _facts_rows(case_ids)
        assert all(isinstance(q, Prepared) for q in found.values())
        rows = fetch_together(found)
        for name, queryset in _facts_querysets(case_ids).items():
            assert [_loaded(i) for i in rows[name]] == [_loaded(i) for i in queryset], name
        assert all(rows[name] for name in ("steps", "removals", "claims", "notices", "lp_requests"))
        assert len(rows["detentions"]) == 2

    def test_a_page_of_seventeen_uses_the_larger_statement_and_more_than_fifty_are_built_as_they_are(self):
        assert {len(q.values) for q in _facts_rows(list(range(1, 17))).values()} == {16}
        assert {len(q.values) for q in _facts_rows(list(range(1, 18))).values()} == {50}
        assert not any(isinstance(q, Prepared) for q in _facts_rows(list(range(1, 52))).values())

    def test_the_facts_are_those_of_each_detention_alone_in_one_statement(
        self, case, enforcer, django_assert_num_queries
    ):
        measures = self._page(case, enforcer)
        with django_assert_num_queries(1):  # the columns read are the columns the facts use
            together = legality_facts(measures, on=NOW.date())
        assert together == {m.pk: legality_facts([m], on=NOW.date())[m.pk] for m in measures}
        first, second = (together[m.pk] for m in measures)
        assert first.court_notified and not second.court_notified
        assert second.flight_ahead and second.prospect.flight == "Royal Air Maroc AT851" and not first.flight_ahead
        assert first.prospect.dublin_member_state == "DEU" and first.lp_request.startswith("MAR: ")

    def test_no_detentions_cost_no_statement(self, django_assert_num_queries):
        with django_assert_num_queries(0):
            assert legality_facts([], on=NOW.date()) == {}
