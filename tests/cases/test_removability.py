"""Removability as the conjunction of registered checks: legal and practical obstacles, for one case or many."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.constants import NationalityStatus, ObstacleKind
from cases.models import Case
from cases.removability import (
    OPEN_ENDED,
    Obstacle,
    RemovabilityCheck,
    legal_obstacle_q,
    register_removability_check,
    registered_checks,
    unregister_removability_check,
)
from cases.selectors import case_removability, cases_removability, legal_obstacle_until
from cases.services import cases_legal_obstacle_rebuild
from dtv.core.batch import fetch_together
from tests.factories.api import NationalityFactory
from tests.factories.cases import CaseFactory, ProcedureFactory

TODAY = dt.date(2026, 11, 23)

pytestmark = pytest.mark.django_db


def _established(case, country="MAR"):
    NationalityFactory(foreign_national=case.foreign_national, country=country, status=NationalityStatus.ESTABLISHED)
    return case


class TestRegistry:
    def test_the_checks_of_cases_come_in_order(self):
        assert [(check.key, check.kind) for check in registered_checks()][:2] == [
            ("procedures", "legal"),
            ("nationality", "practical"),
        ]

    def test_a_key_can_be_registered_only_once(self):
        with pytest.raises(ValueError, match="registered twice"):
            register_removability_check(registered_checks()[0])

    def test_a_legal_check_must_say_until_when_its_obstacles_stand(self):
        with pytest.raises(ValueError, match="legal_until"):
            RemovabilityCheck(key="x", kind=ObstacleKind.LEGAL, order=1, rows=dict, evaluate=dict)

    @pytest.mark.parametrize("count", [1, 5])
    def test_every_check_runs_the_queries_it_declares_for_one_case_or_many(self, count):
        cases = [ProcedureFactory().case for _ in range(count)]
        for check in registered_checks():
            rows = fetch_together(check.rows(cases, on=TODAY))
            with CaptureQueriesContext(connection) as queries:
                check.evaluate(cases, rows, on=TODAY)
            assert (check.key, len(queries)) == (check.key, check.queries)

    @pytest.mark.parametrize("count", [1, 20])
    def test_many_cases_are_weighed_in_one_statement(self, count):
        cases = [ProcedureFactory().case for _ in range(count)]
        with CaptureQueriesContext(connection) as queries:
            result = cases_removability(cases=cases, on=TODAY)
        assert len(queries) == 1 + sum(check.queries for check in registered_checks())
        assert {case_id: r.has_legal_obstacle for case_id, r in result.items()} == {c.pk: True for c in cases}


@pytest.fixture
def untraceable_check():
    """A check as a later app would register it: a practical obstacle for people with 'Onvindbaar' as surname."""

    def rows(cases, *, on):
        return {"cases": Case.objects.filter(pk__in=[c.pk for c in cases], foreign_national__surname="Onvindbaar")}

    def evaluate(cases, rows, *, on):
        reason = "Niet traceerbaar: verblijfplaats onbekend."
        return {
            case.pk: [Obstacle(check="untraceable", kind=ObstacleKind.PRACTICAL, reason=reason)]
            for case in rows["cases"]
        }

    check = register_removability_check(
        RemovabilityCheck(key="untraceable", kind=ObstacleKind.PRACTICAL, order=60, rows=rows, evaluate=evaluate)
    )
    yield check
    unregister_removability_check(check.key)


class TestAnAppsCheck:
    def test_shows_up_in_the_selector_the_case_file_and_the_api(self, client, case_officer, untraceable_check):
        from tests.cases.api.support import api_client

        case = _established(CaseFactory(case_officer=case_officer, foreign_national__surname="Onvindbaar"))
        (obstacle,) = case_removability(case=case, on=TODAY).obstacles
        assert (obstacle.check, obstacle.kind) == ("untraceable", "practical")
        client.force_login(case_officer)
        page = client.get(reverse("cases:case_detail", kwargs={"pk": case.pk})).text
        assert "Niet traceerbaar: verblijfplaats onbekend." in page
        row = api_client(case_officer).get("/api/v1/cases/").json()["results"][0]
        assert [o["check"] for o in row["obstacles"]] == ["untraceable"]
        assert api_client(case_officer).get(f"/api/v1/cases/{case.pk}/").json()["obstacles"] == row["obstacles"]


class TestNationalityCheck:
    def test_a_claimed_nationality_only_is_a_practical_obstacle_naming_it(self):
        case = CaseFactory()
        NationalityFactory(foreign_national=case.foreign_national, country="ERI")
        (obstacle,) = case_removability(case=case, on=TODAY).obstacles
        assert (obstacle.check, obstacle.kind, obstacle.reason, obstacle.basis) == (
            "nationality",
            "practical",
            "Nationaliteit niet vastgesteld: alleen opgegeven (Eritrea).",
            "",
        )

    def test_no_nationality_at_all_reads_unknown(self):
        (obstacle,) = case_removability(case=CaseFactory(), on=TODAY).obstacles
        assert obstacle.reason == "Nationaliteit niet vastgesteld: onbekend."

    def test_unknown_xxx_counts_as_not_established_even_when_marked_established(self):
        case = _established(CaseFactory(), country="XXX")
        assert [o.check for o in case_removability(case=case, on=TODAY).obstacles] == ["nationality"]

    @pytest.mark.parametrize("country", ["MAR", "XXA"])
    def test_an_established_nationality_or_statelessness_is_no_obstacle(self, country):
        case = _established(CaseFactory(), country=country)
        result = case_removability(case=case, on=TODAY)
        assert (result.obstacles, result.removable) == ((), True)


class TestClosedCases:
    def test_a_closed_case_is_not_weighed_and_is_never_removable(self):
        case = CaseFactory(closed=True)
        ProcedureFactory(case=case)
        result = case_removability(case=case, on=TODAY)
        assert (result.closed, result.obstacles, result.removable, result.has_legal_obstacle) == (
            True,
            (),
            False,
            False,
        )


# Every kind of procedure a legal obstacle may rest on, with and without an end date.
_PROCEDURES = {
    "pending appeal": {"kind": "appeal"},
    "pending objection not awaited": {"kind": "objection", "may_await_in_nl": False},
    "rejected appeal": {"kind": "appeal", "outcome": "rejected", "decided_on": dt.date(2026, 4, 1)},
    "interim relief until 30-11": {
        "kind": "interim_relief",
        "outcome": "granted",
        "may_await_in_nl": False,
        "decided_on": dt.date(2026, 10, 1),
        "effective_until": dt.date(2026, 11, 30),
    },
    "medical postponement ended 22-11": {
        "kind": "medical_postponement",
        "outcome": "granted",
        "may_await_in_nl": False,
        "decided_on": dt.date(2026, 10, 1),
        "effective_until": dt.date(2026, 11, 22),
    },
    "rule 39 without end": {
        "kind": "ecthr_rule_39",
        "outcome": "granted",
        "may_await_in_nl": False,
        "decided_on": dt.date(2026, 10, 1),
    },
    "rejected interim relief": {
        "kind": "interim_relief",
        "outcome": "rejected",
        "may_await_in_nl": False,
        "decided_on": dt.date(2026, 10, 1),
    },
}
_DAYS = [dt.date(2026, 11, 22), TODAY, dt.date(2026, 11, 30), dt.date(2026, 12, 1), dt.date(2030, 1, 1)]


class TestTheStoredLegalObstacleAgreesWithTheChecks:
    """One rule: `legal_obstacle_until >= day` in SQL says what the procedure check says in Python, on every day."""

    @pytest.mark.parametrize(
        "combination",
        [(name,) for name in _PROCEDURES] + list(itertools.combinations(_PROCEDURES, 2)),
        ids=lambda names: " + ".join(names),
    )
    def test_on_every_day(self, combination):
        case = _established(CaseFactory(in_progress=True))
        for name in combination:
            ProcedureFactory(case=case, **_PROCEDURES[name])
        case.refresh_from_db()
        for day in _DAYS:
            in_python = case_removability(case=case, on=day).has_legal_obstacle
            in_sql = Case.objects.filter(legal_obstacle_q(day), pk=case.pk).exists()
            assert (day, in_sql) == (day, in_python)

    def test_the_stored_date_is_the_last_day_of_the_latest_obstacle(self):
        pending = ProcedureFactory().case
        measure = ProcedureFactory(**_PROCEDURES["interim relief until 30-11"]).case
        none = ProcedureFactory(**_PROCEDURES["rejected appeal"]).case
        assert legal_obstacle_until([pending.pk, measure.pk, none.pk]) == {
            pending.pk: OPEN_ENDED,
            measure.pk: dt.date(2026, 11, 30),
        }
        assert list(
            Case.objects.filter(pk__in=[pending.pk, measure.pk, none.pk])
            .order_by("pk")
            .values_list("legal_obstacle_until", flat=True)
        ) == [OPEN_ENDED, dt.date(2026, 11, 30), None]

    def test_rebuilding_repairs_a_stale_date_and_counts_what_it_changed(self):
        case = ProcedureFactory().case
        Case.objects.filter(pk=case.pk).update(legal_obstacle_until=None)
        assert cases_legal_obstacle_rebuild(case_ids=[case.pk]) == 1
        assert cases_legal_obstacle_rebuild(case_ids=[case.pk]) == 0
        assert Case.objects.get(pk=case.pk).legal_obstacle_until == OPEN_ENDED


class TestTheWorkQueueFlag:
    """The work queue flags "legal obstacle" from the stored date: a measure that has ended needs no job to end."""

    def test_a_measure_that_ended_yesterday_is_no_longer_flagged_or_filtered(self, client, case_officer):
        import time_machine

        ended = ProcedureFactory(
            case__case_officer=case_officer, **_PROCEDURES["medical postponement ended 22-11"]
        ).case
        running = ProcedureFactory(case__case_officer=case_officer, **_PROCEDURES["interim relief until 30-11"]).case
        client.force_login(case_officer)
        url = reverse("cases:workqueue")
        with time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False):
            rows = client.get(url, {"kenmerk": "legal_obstacle"}).context["cases"]
            flagged = [case.pk for case in client.get(url).context["cases"] if case.legal_obstacle]
        assert [case.pk for case in rows] == [running.pk] == flagged
        assert ended.pk not in flagged
