"""The timeline (CaseEvent) and the access log: append-only records every later module writes."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from cases import events
from cases.accesslog import access_log_record
from cases.constants import AccessChannel
from cases.events import case_event_record
from cases.models import AccessLogEntry, CaseEvent
from cases.processing import CASE_WORK
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory

NOW = dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)  # the night clocks go back in Amsterdam


class TestCaseEventRecord:
    def test_records_who_when_what_and_the_facts(self, case_officer):
        case = CaseFactory(case_officer=case_officer)
        event = case_event_record(case=case, kind=events.CASE_ASSIGNED, actor=case_officer, now=NOW, data={"to": 1})
        event.refresh_from_db()
        assert (event.case, event.actor, event.occurred_at, event.kind, event.data) == (
            case,
            case_officer,
            NOW,
            "case.assigned",
            {"to": 1},
        )

    def test_an_event_cannot_be_changed(self, case_officer):
        event = case_event_record(case=CaseFactory(), kind=events.CASE_OPENED, actor=None, now=NOW)
        event.kind = "case.rewritten"
        with pytest.raises(TypeError, match="append-only"):
            event.save()
        with pytest.raises(TypeError, match="append-only"):
            event.delete()

    def test_the_database_refuses_update_and_delete_too(self, case_officer):
        event = case_event_record(case=CaseFactory(), kind=events.CASE_OPENED, actor=None, now=NOW)
        for statement in (
            "UPDATE cases_caseevent SET kind = 'x' WHERE id = %s",
            "DELETE FROM cases_caseevent WHERE id = %s",
        ):
            with pytest.raises(IntegrityError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
                cur.execute(statement, [event.id])
        assert CaseEvent.objects.get(id=event.id).kind == "case.opened"

    def test_bulk_update_is_refused_by_the_database(self, case_officer):
        case_event_record(case=CaseFactory(), kind=events.CASE_OPENED, actor=None, now=NOW)
        with pytest.raises(IntegrityError), transaction.atomic():
            CaseEvent.objects.update(kind="x")
        assert list(CaseEvent.objects.values_list("kind", flat=True)) == ["case.opened"]


class TestAccessLogRecord:
    def test_records_who_read_which_person_when_and_where(self, case_officer):
        case = CaseFactory(case_officer=case_officer)
        entry = access_log_record(
            user=case_officer,
            now=NOW,
            view_name="cases:detail",
            activity=CASE_WORK,
            channel=AccessChannel.API,
            case=case,
        )
        entry.refresh_from_db()
        assert entry.foreign_national == case.foreign_national
        assert (entry.user, entry.occurred_at, entry.view_name, entry.channel) == (
            case_officer,
            NOW,
            "cases:detail",
            "api",
        )

    def test_the_access_log_is_append_only_in_the_database(self, case_officer):
        access_log_record(
            user=case_officer, now=NOW, view_name="x", activity=CASE_WORK, foreign_national=ForeignNationalFactory()
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            AccessLogEntry.objects.all().delete()
        assert AccessLogEntry.objects.count() == 1


class TestSearchIsAccessLogged:
    def test_each_person_in_the_results_is_logged_once(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer)
        client.force_login(case_officer)
        response = client.get(reverse("cases:search"), {"v_number": case.foreign_national.v_number})
        assert case.foreign_national.v_number in response.text
        entry = AccessLogEntry.objects.get()
        assert (entry.user, entry.foreign_national, entry.view_name) == (
            case_officer,
            case.foreign_national,
            "cases:search",
        )

    def test_a_malformed_v_number_gets_a_dutch_message_and_logs_nothing(self, client, case_officer):
        client.force_login(case_officer)
        response = client.get(reverse("cases:search"), {"v_number": "12ab"})
        assert "Een V-nummer bestaat uit precies 10 cijfers." in response.text
        assert AccessLogEntry.objects.count() == 0

    def test_people_outside_the_team_are_not_found(self, client, case_officer):
        other = CaseFactory()  # another officer in another team
        client.force_login(case_officer)
        response = client.get(reverse("cases:search"), {"v_number": other.foreign_national.v_number})
        assert "Geen vreemdelingen gevonden" in response.text
        assert AccessLogEntry.objects.count() == 0


class TestAccessLogPage:
    def test_only_the_privacy_officer_reads_the_access_log(self, client, case_officer, privacy_officer):
        client.force_login(case_officer)
        assert client.get(reverse("cases:access_log")).status_code == 403
        client.force_login(privacy_officer)
        assert client.get(reverse("cases:access_log")).status_code == 200


class TestWorkqueueQueries:
    def test_query_count_does_not_grow_with_the_number_of_cases(
        self, client, case_officer, django_assert_max_num_queries
    ):
        client.force_login(case_officer)
        CaseFactory.create_batch(2, case_officer=case_officer)
        with django_assert_max_num_queries(50) as few:
            client.get(reverse("cases:workqueue"))
        CaseFactory.create_batch(20, case_officer=case_officer)
        with django_assert_max_num_queries(50) as many:
            response = client.get(reverse("cases:workqueue"))
        assert response.text.count('<tr class="utrecht-table__row">') == 23  # header + 22 cases
        assert len(many.captured_queries) == len(few.captured_queries)


class TestSearchScope:
    def test_a_confidential_case_of_a_team_colleague_is_not_found(self, client, case_officer):
        colleague = CaseOfficerFactory(team=case_officer.team)
        hidden = CaseFactory(case_officer=colleague, confidential=True)
        client.force_login(case_officer)
        response = client.get(reverse("cases:search"), {"v_number": hidden.foreign_national.v_number})
        assert "Geen vreemdelingen gevonden" in response.text
        assert AccessLogEntry.objects.count() == 0
