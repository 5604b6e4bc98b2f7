"""fetch_together: many querysets in one SQL statement, each giving what it gives alone."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F, Value
from django.test.utils import CaptureQueriesContext

from cases.models import CaseEvent, Deadline, LegalProcedure, Nationality
from cases.services import departure_term_record, note_add
from dtv.core import batch
from dtv.core.batch import Prepared, counted, fetch_together, matching, prepared, prepared_for
from tests.factories.cases import CaseFactory, ProcedureFactory

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


def _fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.fixture
def case(case_officer):
    case = CaseFactory(case_officer=case_officer, in_progress=True)
    departure_term_record(case=case, effective_on=dt.date(2026, 11, 1), actor=case_officer, now=NOW)
    for i in range(3):
        note_add(case=case, text=f"notitie {i}", actor=case_officer, now=NOW + dt.timedelta(minutes=i))
    ProcedureFactory(case=case, kind="interim_relief", outcome="granted", decided_on=dt.date(2026, 11, 2),
                     effective_until=dt.date(2026, 12, 1), may_await_in_nl=False)  # fmt: skip
    return case


class TestFetchTogether:
    def test_gives_what_each_queryset_gives_alone_in_one_statement(self, case):
        querysets = {
            "events": CaseEvent.objects.filter(case=case).select_related("actor", "case__team").order_by("-id")[:2],
            "deadlines": Deadline.objects.filter(case=case),  # JSON fields, dates, datetimes, booleans
            "procedures": LegalProcedure.objects.filter(case=case).annotate(days=Value(3), lodged=F("lodged_on")),
            "none": Nationality.objects.none(),
            "empty": Nationality.objects.filter(foreign_national_id=-1),
        }
        alone = {name: list(queryset) for name, queryset in querysets.items()}
        with CaptureQueriesContext(connection) as queries:
            together = fetch_together(querysets)
        assert len(queries) == 1
        for name in querysets:
            assert [_fields(i) for i in together[name]] == [_fields(i) for i in alone[name]], name
        with CaptureQueriesContext(connection) as queries:
            actors = [(e.actor.username, e.case.team.name) for e in together["events"]]
        assert len(queries) == 0 and actors == [(e.actor.username, e.case.team.name) for e in alone["events"]]
        (procedure,) = together["procedures"]
        assert (procedure.days, procedure.lodged) == (3, procedure.lodged_on)
        assert together["deadlines"][0].explanation == alone["deadlines"][0].explanation != []

    def test_refuses_prefetch_related(self, case):
        with pytest.raises(ValueError, match="prefetch_related"):
            fetch_together({"x": CaseEvent.objects.prefetch_related("actor")})

    def test_nothing_to_fetch_costs_nothing(self):
        with CaptureQueriesContext(connection) as queries:
            assert fetch_together({}) == {}
        assert len(queries) == 0


# --- Prepared querysets: compiled once per process, only the values put in per use ------------------------

BUILDS = []


def _notes_after(*, case_id, after):
    BUILDS.append(case_id)
    return CaseEvent.objects.filter(case_id=case_id, occurred_at__gt=after).order_by("-occurred_at", "-id")


def _branches_on_the_value(*, case_id):
    # A Python comparison of the value: the stand-ins take different branches, so this is refused.
    return Deadline.objects.filter(case_id=case_id) if case_id > 0 else Deadline.objects.none()


def _derives_a_parameter(*, on):
    return LegalProcedure.objects.filter(lodged_on__gte=on - dt.timedelta(days=28))


def _several(*, ids):
    return {"procedures": LegalProcedure.objects.filter(matching("case_id", ids)).order_by("id")}


class TestPrepared:
    def test_gives_the_rows_the_queryset_gives_and_compiles_once(self, case, case_officer):
        other = CaseFactory(case_officer=case_officer, in_progress=True)
        note_add(case=other, text="elders", actor=case_officer, now=NOW)
        batch._COMPILED.clear()
        BUILDS.clear()
        for subject in (case, other, case):
            after = NOW - dt.timedelta(days=1)
            rows = fetch_together({"events": prepared(_notes_after, case_id=subject.pk, after=after)})["events"]
            direct = list(
                CaseEvent.objects.filter(case_id=subject.pk, occurred_at__gt=after).order_by("-occurred_at", "-id")
            )
            assert [_fields(e) for e in rows] == [_fields(e) for e in direct] != []
        # Built twice (two stand-ins) at the first use, never again for other values.
        assert len(BUILDS) == 2 and case.pk not in BUILDS and other.pk not in BUILDS

    def test_the_compiled_statement_is_the_one_django_writes_for_the_values(self, case):
        after = NOW - dt.timedelta(days=1)
        compiled = prepared(_notes_after, case_id=case.pk, after=after)
        expected = compiled.queryset().query.get_compiler(using="default").as_sql()
        entry = compiled.compiled()
        assert (entry.sql, tuple(entry.params_for(compiled.values))) == (expected[0], tuple(expected[1]))

    def test_a_build_that_branches_on_a_value_in_python_is_refused(self, case):
        with pytest.raises(ValueError, match="depends in Python on the values"):
            fetch_together({"x": prepared(_branches_on_the_value, case_id=case.pk)})

    def test_a_build_that_derives_a_parameter_from_a_value_is_refused(self):
        with pytest.raises(ValueError, match="derives a parameter"):
            prepared(_derives_a_parameter, on=dt.date(2026, 11, 23))

    def test_a_closure_or_a_value_that_is_no_scalar_is_refused(self, case):
        def local(*, case_id):
            return Deadline.objects.filter(case_id=case_id)

        with pytest.raises(ValueError, match="module-level"):
            prepared(local, case_id=case.pk)
        with pytest.raises(TypeError, match="int, date, datetime or str"):
            prepared(_notes_after, case_id=[case.pk], after=NOW)
        with pytest.raises(TypeError, match="int, date, datetime or str"):
            prepared(_notes_after, case_id=None, after=NOW)

    def test_prepared_for_one_id_is_prepared_and_for_several_a_queryset_with_the_same_rows(self, case, case_officer):
        other = CaseFactory(case_officer=case_officer, in_progress=True)
        ProcedureFactory(case=other)
        one = prepared_for(_several, [case.pk])
        several = prepared_for(_several, [case.pk, other.pk])
        assert isinstance(one["procedures"], Prepared) and not isinstance(several["procedures"], Prepared)
        rows = fetch_together({"one": one["procedures"], "several": several["procedures"]})
        assert [p.case_id for p in rows["one"]] == [case.pk]
        assert sorted(p.case_id for p in rows["several"]) == sorted([case.pk, other.pk])


class TestPreparedPanels:
    """Every prepared queryset of the case file states exactly what a fresh build states, and gives its rows."""

    def _page_querysets(self, case, user, *, on, params):
        from cases.panels import panels_for
        from cases.selectors import casefile
        from cases.selectors.removability import removability_querysets

        querysets = {**casefile._header_querysets(case), **removability_querysets([case], on=on)}
        for panel in panels_for(user):
            if panel.querysets is not None:
                for name, queryset in panel.querysets(case, on=on, user=user, params=params).items():
                    querysets[f"panel:{panel.key}:{name}"] = queryset
        return querysets

    def _assert_same_as_fresh(self, case, user, *, on, params=None):
        querysets = self._page_querysets(case, user, on=on, params=params or {})
        found = {name: q for name, q in querysets.items() if isinstance(q, Prepared)}
        assert found, "nothing on the page is prepared"
        fresh = {name: q.queryset() for name, q in found.items()}
        for name, queryset in found.items():
            entry = queryset.compiled()
            if entry.empty:
                assert list(fresh[name]) == [], name
                continue
            sql, params_ = fresh[name].query.get_compiler(using="default").as_sql()
            assert (entry.sql, tuple(entry.params_for(queryset.values))) == (sql, tuple(params_)), name
        rows = fetch_together(found)
        for name in found:
            assert [_fields(i) for i in rows[name]] == [_fields(i) for i in fresh[name]], name
        return rows

    def test_a_case_with_rows_in_every_panel(self, admin_user):
        from tests.factories.departures import planned_removal
        from tests.factories.detention import issued_order
        from tests.factories.laissezpasser import issued_request, moroccan_case

        case = moroccan_case()
        issued_request(case)
        planned_removal(case)  # a flight on 26 October: the checklist's own day, not the page's
        issued_order(case)
        ProcedureFactory(case=case)
        note_add(case=case, text="notitie", actor=case.case_officer, now=NOW)
        rows = self._assert_same_as_fresh(case, admin_user, on=dt.date(2026, 11, 23))
        assert (
            rows["panel:vertrek:removals"] and rows["panel:bewaring:measures"] and rows["panel:reisdocumenten:requests"]
        )
        assert "panel:vertrek:blocking_on_day" in rows

    def test_an_empty_case_and_an_older_page_of_the_timeline(self, admin_user, case):
        events = list(CaseEvent.objects.filter(case=case).order_by("-occurred_at", "-id"))
        self._assert_same_as_fresh(CaseFactory(), admin_user, on=dt.date(2026, 11, 23))
        rows = self._assert_same_as_fresh(
            case, admin_user, on=dt.date(2026, 11, 23), params={"voor": str(events[1].pk)}
        )
        assert [e.pk for e in rows["panel:tijdlijn:events"]] == [e.pk for e in events[2:]]


def _counted_and_values(*, case_id):
    events = CaseEvent.objects.filter(case_id=case_id)
    return {
        "count": counted(events.order_by("-id")),
        "kinds": events.order_by("id").values("id", "kind", "occurred_at"),
    }


class TestCountedAndValues:
    def test_a_count_and_a_values_queryset_give_what_count_and_values_give(self, case):
        events = CaseEvent.objects.filter(case_id=case.pk)
        expected = {"count": events.count(), "kinds": list(events.order_by("id").values("id", "kind", "occurred_at"))}
        with CaptureQueriesContext(connection) as queries:
            together = fetch_together(
                {"count": counted(events), "kinds": events.order_by("id").values("id", "kind", "occurred_at")}
            )
        assert len(queries) == 1 and together == expected and expected["count"] > 0
        assert fetch_together(prepared(_counted_and_values, case_id=case.pk)) == expected
        assert fetch_together({"none": counted(CaseEvent.objects.filter(case_id__in=[]))}) == {"none": 0}


def _one_count(*, case_id):
    return counted(CaseEvent.objects.filter(case_id=case_id))


def test_a_single_counted_build_is_built_as_one_part_on_other_databases_too(case):
    # Regression: on SQLite (`make run`) prepared() returns the built querysets; a build of one counted() was not
    # wrapped like a build of one queryset, and every page's notification badge failed.
    built = batch._Group(_one_count, (), {"case_id": case.pk}, "default").built()
    assert list(built) == [None] and isinstance(built[None], batch.Counted)
    assert batch._evaluate_alone(built[None]) == CaseEvent.objects.filter(case_id=case.pk).count() > 0
