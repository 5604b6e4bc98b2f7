"""fetch_together: many querysets in one SQL statement, each giving what it gives alone."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F, Value
from django.test.utils import CaptureQueriesContext

from cases.models import CaseEvent, Deadline, LegalProcedure, Nationality
from cases.services import departure_term_record, note_add
from dtv.core.batch import fetch_together
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
