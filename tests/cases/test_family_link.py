"""Review 1, finding 4: a family link shows a relative's identity only to who may see that relative's case.

The probe linked its own case to the V-number of a confidential case of another team: the case file
then showed that person's name, the relative's read left no access-log row, a reverse link was written
on the other person, and the form said whether a V-number exists. 20 × the same link gave 500s.
"""

import pytest
from django.test import Client
from django.urls import reverse

from cases import services
from cases.models import AccessLogEntry, CaseEvent, FamilyLink, FamilyLinkRequest
from tests.factories.accounts import CaseOfficerFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory
from tests.races import race

from .api.support import NOW


@pytest.fixture
def own_case(case_officer):
    return CaseFactory(in_progress=True, case_officer=case_officer)


@pytest.fixture
def confidential_elsewhere():
    """Case 71 of the probe: Team Schiphol, confidential."""
    return CaseFactory(
        confidential=True,
        foreign_national=ForeignNationalFactory(v_number="7171717171", surname="Verborgen", given_names="Nadia"),
    )


def post_link(client, case, v_number, relation="sibling"):
    return client.post(
        reverse("cases:family_link_add", args=[case.pk]),
        {"relative_v_number": v_number, "relation": relation},
        follow=True,
    )


@pytest.mark.django_db
class TestOutsideTheScope:
    def test_a_relative_outside_the_scope_becomes_a_request_without_a_name(
        self, client, case_officer, own_case, confidential_elsewhere
    ):
        client.force_login(case_officer)
        response = post_link(client, own_case, "7171717171")
        assert response.status_code == 200
        page = response.content.decode()
        assert "Verborgen" not in page and "Nadia" not in page
        assert "aangevraagd" in page.lower()
        assert FamilyLink.objects.count() == 0  # no link, and none on the other person
        request = FamilyLinkRequest.objects.get()
        assert (request.foreign_national, request.relative_v_number, request.confirmed_at) == (
            own_case.foreign_national,
            "7171717171",
            None,
        )
        assert not AccessLogEntry.objects.filter(foreign_national=confidential_elsewhere.foreign_national).exists()
        # The case file shows the request, still without the name.
        file = client.get(reverse("cases:case_detail", args=[own_case.pk])).content.decode()
        assert "7171717171" in file and "Verborgen" not in file

    def test_an_unknown_v_number_gets_the_same_answer_as_one_outside_the_scope(
        self, client, case_officer, own_case, confidential_elsewhere
    ):
        client.force_login(case_officer)
        existing = post_link(client, own_case, "7171717171")
        unknown = post_link(client, own_case, "1212121212")
        messages = [[str(m) for m in response.context["messages"]] for response in (existing, unknown)]
        assert messages[0] == messages[1]
        assert "Geen vreemdeling" not in unknown.content.decode()
        assert FamilyLinkRequest.objects.count() == 2

    def test_the_holder_of_the_relatives_case_confirms_and_the_link_is_recorded_both_ways(
        self, client, case_officer, own_case, confidential_elsewhere
    ):
        services.family_link_add(
            case=own_case, relative_v_number="7171717171", relation="parent", actor=case_officer, now=NOW
        )
        holder = confidential_elsewhere.case_officer
        holder_client = Client()
        holder_client.force_login(holder)
        file = holder_client.get(reverse("cases:case_detail", args=[confidential_elsewhere.pk])).content.decode()
        request = FamilyLinkRequest.objects.get()
        # The holder cannot see the requesting case: the requester's person is not named to them.
        assert own_case.foreign_national.surname not in file
        response = holder_client.post(
            reverse("cases:family_link_confirm", args=[confidential_elsewhere.pk, request.pk])
        )
        assert response.status_code == 302
        links = set(FamilyLink.objects.values_list("foreign_national_id", "relative_id", "relation"))
        person, relative = own_case.foreign_national_id, confidential_elsewhere.foreign_national_id
        assert links == {(person, relative, "parent"), (relative, person, "child")}
        # The requester still does not see the relative's name: they may not see that case.
        client.force_login(case_officer)
        page = client.get(reverse("cases:case_detail", args=[own_case.pk])).content.decode()
        assert "Verborgen" not in page
        assert not AccessLogEntry.objects.filter(
            user=case_officer, foreign_national=confidential_elsewhere.foreign_national
        ).exists()

    def test_nobody_else_can_confirm_and_nothing_is_written(self, case_officer, own_case, confidential_elsewhere):
        services.family_link_add(
            case=own_case, relative_v_number="7171717171", relation="parent", actor=case_officer, now=NOW
        )
        request = FamilyLinkRequest.objects.get()
        with pytest.raises(Exception) as refused:
            services.family_link_confirm(request_id=request.pk, case=own_case, actor=case_officer, now=NOW)
        assert getattr(refused.value, "code", "") == "family_link_request_done"
        assert FamilyLink.objects.count() == 0


@pytest.mark.django_db
class TestWithinTheScope:
    def test_a_relative_in_the_scope_is_linked_and_every_read_of_the_relative_is_logged(self, client, case_officer):
        own = CaseFactory(in_progress=True, case_officer=case_officer)
        sister = CaseFactory(case_officer=CaseOfficerFactory(team=case_officer.team))
        client.force_login(case_officer)
        post_link(client, own, sister.foreign_national.v_number)
        assert FamilyLink.objects.count() == 2
        before = AccessLogEntry.objects.filter(foreign_national=sister.foreign_national).count()
        page = client.get(reverse("cases:case_detail", args=[own.pk])).content.decode()
        assert sister.foreign_national.surname in page
        rows = AccessLogEntry.objects.filter(foreign_national=sister.foreign_national).count() - before
        assert rows == 1
        event = own.events.get(kind="family.linked")
        assert sister.foreign_national.v_number not in str(event.data)


@pytest.mark.django_db(transaction=True)
class TestTheRace:
    def test_twenty_times_the_same_link_gives_one_link_and_no_error(self):
        officer = CaseOfficerFactory()
        own = CaseFactory(in_progress=True, case_officer=officer)
        sister = CaseFactory(case_officer=CaseOfficerFactory(team=officer.team))

        def link(_i):
            client = Client()
            client.force_login(officer)
            return post_link(client, own, sister.foreign_national.v_number).status_code

        assert race(link) == [200] * 20
        assert FamilyLink.objects.count() == 2
        assert CaseEvent.objects.filter(kind="family.linked").count() == 1

    def test_twenty_times_the_same_request_gives_one_request_and_no_error(self):
        officer = CaseOfficerFactory()
        own = CaseFactory(in_progress=True, case_officer=officer)

        def link(_i):
            client = Client()
            client.force_login(officer)
            return post_link(client, own, "3030303030").status_code

        assert race(link) == [200] * 20
        assert FamilyLinkRequest.objects.count() == 1
