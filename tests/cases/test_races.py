"""Review 1, findings 7 and 8: 20 requests at once on real PostgreSQL, each thread with its own connection.

- 20 handovers of one new V-number under 20 references gave 6/20 and 14/20 × 500, and those handovers
  were lost (IntegrityError on the V-number; the retry looked only for the same reference).
- The moment of a change was read before the row lock: 201 Assignment rows ended before they started,
  and the timeline named the wrong current officer.
- An edit made on an older read overwrote the one saved meanwhile: now it is refused as stale.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cases import services
from cases.constants import HandoverOutcome
from cases.models import Assignment, Case, CaseEvent, ForeignNational, Handover
from tests.factories.accounts import CaseOfficerFactory, ChainPartnerFactory, TeamLeadFactory, api_token_key
from tests.factories.cases import CaseFactory
from tests.races import race

from .api.test_handovers import URL, VALID

pytestmark = pytest.mark.django_db(transaction=True)


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_key(user)}")
    return client


class TestHandoversOfOneNewVNumber:
    def test_twenty_references_of_one_partner_give_one_person_one_case_and_twenty_handovers(self):
        partner = ChainPartnerFactory(chain_partner="ind")
        clients = [token_client(partner) for _ in range(20)]

        statuses = race(
            lambda i: clients[i].post(URL, {**VALID, "reference": f"IND-RACE-{i}"}, format="json").status_code
        )

        assert statuses == [201] * 20
        assert (ForeignNational.objects.count(), Case.objects.count()) == (1, 1)
        case = Case.objects.get()
        assert case.handovers.count() == 20
        assert sorted(Handover.objects.values_list("outcome", flat=True)) == sorted(
            [HandoverOutcome.NEW_CASE] + [HandoverOutcome.ADDED_TO_OPEN_CASE] * 19
        )
        assert case.events.filter(kind="case.opened").count() == 1

    def test_three_partners_at_once_give_one_case_and_store_every_handover(self):
        partners = [ChainPartnerFactory(chain_partner=name) for name in ("ind", "police", "kmar")]
        clients = [token_client(partners[i % 3]) for i in range(20)]

        responses = race(lambda i: clients[i].post(URL, {**VALID, "reference": f"RACE-{i}"}, format="json"))

        assert sorted({response.status_code for response in responses}) <= [201, 202]
        assert (ForeignNational.objects.count(), Case.objects.count(), Handover.objects.count()) == (1, 1, 20)
        # The partner that created the person holds the case; the others' handovers await a match.
        attached = set(Handover.objects.filter(case__isnull=False).values_list("source", flat=True))
        assert len(attached) == 1
        waiting = Handover.objects.filter(outcome=HandoverOutcome.AWAITING_MATCH)
        assert attached.isdisjoint(waiting.values_list("source", flat=True))
        assert waiting.count() + Case.objects.get().handovers.count() == 20


class TestTheMomentAfterTheLock:
    def test_twenty_assignments_never_end_before_they_start_and_the_timeline_names_the_officer(self):
        lead = TeamLeadFactory()
        officers = [CaseOfficerFactory(team=lead.team) for _ in range(5)]
        case = CaseFactory(in_progress=True, case_officer=None, team=lead.team)
        arrived = timezone.now()

        def assign(i):
            # Each request read the clock on arrival, in another order than it gets the lock.
            try:
                services.case_assign(
                    case=case, officer=officers[i % 5], actor=lead, now=arrived - dt.timedelta(seconds=i)
                )
                return "assigned"
            except services.StaleEdit:
                return "stale"
            except Exception as refusal:  # noqa: BLE001 - an 'unchanged' refusal is a fine outcome
                return getattr(refusal, "code", repr(refusal))

        outcomes = race(assign)

        assert set(outcomes) <= {"assigned", "unchanged"}
        rows = list(Assignment.objects.filter(case=case))
        assert [row.pk for row in rows if row.ended_at is not None and row.ended_at < row.assigned_at] == []
        case.refresh_from_db()
        open_rows = [row for row in rows if row.ended_at is None]
        assert [row.case_officer_id for row in open_rows] == [case.case_officer_id]
        latest = CaseEvent.objects.filter(case=case, kind="case.assigned").order_by("-occurred_at", "-id").first()
        assert latest.data["to_id"] == case.case_officer_id
        assert CaseEvent.objects.filter(case=case, kind="case.assigned").count() == outcomes.count("assigned")


class TestOptimisticLocking:
    def test_twenty_edits_of_one_person_give_one_save_and_nineteen_conflicts(self):
        officer = CaseOfficerFactory()
        case = CaseFactory(in_progress=True, case_officer=officer)
        url = reverse("cases:person_edit", args=[case.pk])
        base = {"surname": "Haddad", "given_names": "", "date_of_birth": "", "sex": "male", "version": "0"}
        viewer = Client()
        viewer.force_login(officer)
        form = viewer.get(url).context["form"]
        assert form.initial["version"] == 0

        def edit(i):
            client = Client()
            client.force_login(officer)
            response = client.post(url, {**base, "surname": f"Haddad-{i}"})
            return "saved" if response.status_code == 302 else ("stale" if "intussen" in response.text else "other")

        outcomes = race(edit)

        assert sorted(outcomes) == ["saved"] + ["stale"] * 19
        person = ForeignNational.objects.get(pk=case.foreign_national_id)
        assert person.version == 1 and person.surname.startswith("Haddad-")
        assert CaseEvent.objects.filter(case=case, kind="person.changed").count() == 1

    def test_the_api_refuses_a_stale_assignment_with_409_stale_edit_and_writes_nothing(self):
        lead = TeamLeadFactory()
        first, second = CaseOfficerFactory(team=lead.team), CaseOfficerFactory(team=lead.team)
        case = CaseFactory(in_progress=True, case_officer=None, team=lead.team)
        client = token_client(lead)
        read = client.get(f"/api/v1/cases/{case.pk}/").json()["version"]
        assert (
            client.post(
                f"/api/v1/cases/{case.pk}/assign/", {"case_officer": first.pk, "version": read}, format="json"
            ).status_code
            == 200
        )
        stale = client.post(
            f"/api/v1/cases/{case.pk}/assign/", {"case_officer": second.pk, "version": read}, format="json"
        )
        assert (stale.status_code, stale.json()["code"]) == (409, "stale_edit")
        case.refresh_from_db()
        assert case.case_officer == first
        assert Assignment.objects.filter(case=case).count() == 1
