"""Security review 1, findings 3 and 6: bulk assignment stays inside the actor's scope and names nothing
outside it; every integer parameter is read by dtv.core.ids, so "²", Arabic-Indic digits and huge numbers
give a Dutch message or a 400, never a 500, and write nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from cases.models import AccessLogEntry, Assignment, Case, Notification
from tests.factories.accounts import CaseOfficerFactory, PrivacyOfficerFactory
from tests.factories.cases import CaseFactory
from tests.factories.deadlines import DeadlineFactory

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
ASSIGN = reverse("cases:workqueue_assign")
NOT_IDS = ["²", "١٢", "１２", "12345678901234567890", "-1", "0", "1e3", ""]

pytestmark = pytest.mark.django_db


def _notification(officer):
    deadline = DeadlineFactory(case__case_officer=officer)
    return Notification.objects.create(
        recipient=officer, case=deadline.case, deadline=deadline, stage="due", created_at=NOW
    )


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


class TestBulkAssignmentInScope:
    def test_ids_outside_the_scope_are_refused_naming_nothing_and_nothing_is_written(
        self, client, team_lead, case_officer
    ):
        # The review posted cases=1…305 and got 181 V-numbers back, 150 of other teams' cases.
        mine = CaseFactory(intake_queue=True)
        elsewhere = CaseFactory.create_batch(3, case_officer=CaseOfficerFactory())
        secret = CaseFactory(case_officer=CaseOfficerFactory(), confidential_case=True)
        outside = [c.pk for c in [*elsewhere, secret]]
        client.force_login(team_lead)
        response = client.post(
            ASSIGN,
            {"cases": [mine.pk, *outside, 99999999], "case_officer": case_officer.pk, "next": "/werkvoorraad/"},
            follow=True,
        )
        assert response.status_code == 200
        assert _messages(response) == [
            "Een of meer van de gekozen zaken kunt u niet toewijzen. Er is niets toegewezen."
        ]
        for case in [*elsewhere, secret]:
            assert case.foreign_national.v_number not in response.text
            assert case.foreign_national.surname not in response.text
        assert not Assignment.objects.exists()
        assert Case.objects.get(pk=mine.pk).case_officer_id is None
        logged = set(AccessLogEntry.objects.values_list("foreign_national_id", flat=True))
        assert logged.isdisjoint({c.foreign_national_id for c in [*elsewhere, secret]})

    def test_cases_within_the_scope_are_still_assigned(self, client, team_lead, case_officer):
        waiting = CaseFactory.create_batch(2, intake_queue=True)
        client.force_login(team_lead)
        client.post(ASSIGN, {"cases": [c.pk for c in waiting], "case_officer": case_officer.pk})
        assert set(Case.objects.values_list("case_officer", flat=True)) == {case_officer.pk}

    @pytest.mark.parametrize("value", NOT_IDS)
    def test_a_case_id_that_is_no_number_gives_a_dutch_message_and_writes_nothing(
        self, client, team_lead, case_officer, value
    ):
        waiting = CaseFactory(intake_queue=True)
        client.force_login(team_lead)
        response = client.post(
            ASSIGN, {"cases": [waiting.pk, value], "case_officer": case_officer.pk}, follow=True
        )
        assert response.status_code == 200
        assert _messages(response) == ["De keuze van zaken is niet te lezen. Er is niets toegewezen."]
        assert not Assignment.objects.exists()


class TestIdParameters:
    @pytest.mark.parametrize("value", ["²", "١٢", "12345678901234567890", "x"])
    def test_the_timeline_page_of_the_case_file(self, client, case_officer, value):
        case = CaseFactory(case_officer=case_officer)
        client.force_login(case_officer)
        response = client.get(reverse("cases:case_detail", args=[case.pk]), {"voor": value})
        assert response.status_code == 400
        assert "Deze pagina bestaat niet: de paginaparameter is geen getal." in response.text
        assert case.foreign_national.surname not in response.text

    def test_a_valid_timeline_page_still_opens(self, client, case_officer):
        case = CaseFactory(case_officer=case_officer)
        client.force_login(case_officer)
        assert client.get(reverse("cases:case_detail", args=[case.pk]), {"voor": "123"}).status_code == 200

    @pytest.mark.parametrize("value", ["²", "١٢", "12345678901234567890"])
    def test_the_access_log_page(self, client, value):
        client.force_login(PrivacyOfficerFactory())
        response = client.get(reverse("cases:access_log"), {"voor": value})
        assert response.status_code == 400
        assert "Deze pagina bestaat niet: de paginaparameter is geen getal." in response.text

    @pytest.mark.parametrize("value", ["²", "١٢", "12345678901234567890"])
    def test_marking_notifications_read(self, client, case_officer, value):
        note = _notification(case_officer)
        client.force_login(case_officer)
        response = client.post(reverse("cases:notifications_read"), {"ids": [str(note.pk), value]}, follow=True)
        assert response.status_code == 200
        assert _messages(response) == [
            "De keuze van meldingen is niet te lezen. Er is niets als gelezen gemarkeerd."
        ]
        note.refresh_from_db()
        assert note.read_at is None

    def test_marking_chosen_and_all_notifications_read_still_works(self, client, case_officer):
        one, two = _notification(case_officer), _notification(case_officer)
        client.force_login(case_officer)
        client.post(reverse("cases:notifications_read"), {"ids": [str(one.pk)]})
        assert [n.read_at is not None for n in (Notification.objects.get(pk=one.pk), two)] == [True, False]
        client.post(reverse("cases:notifications_read"))
        assert not Notification.objects.filter(read_at__isnull=True).exists()
