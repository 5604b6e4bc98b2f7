"""Review 1, finding 2: a V-number alone never opens another's case to a chain partner.

The probe posted the V-number of a Politie-only case with an IND token: 201 `added_to_open_case`, the
real surname in the reply, and the case went from 404 to 200. Now the handover is stored, attached to
nothing, for a team lead to match; the reply names nothing of the person; the partner's scope stays.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import events
from cases.constants import HandoverOutcome, Source
from cases.intake import handover_match, handover_not_matched, handovers_awaiting_match
from cases.models import AccessLogEntry, Case, CaseEvent, ForeignNational, Handover
from tests.factories.accounts import CaseOfficerFactory, TeamLeadFactory
from tests.factories.api import HandoverFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory

from .support import NOW
from .test_handovers import URL, VALID, partner_client

pytestmark = pytest.mark.django_db

PROBE = {**VALID, "reference": "SEC-PROBE-1", "surname": "Probe", "v_number": "9834134083"}


@pytest.fixture
def police_case():
    """Case 10 of the probe: handed over by the police, held by Team Schiphol, a person named Kidane."""
    officer = CaseOfficerFactory()
    case = CaseFactory(
        in_progress=True,
        case_officer=officer,
        foreign_national=ForeignNationalFactory(v_number=PROBE["v_number"], surname="Kidane", given_names="Selam"),
    )
    HandoverFactory(case=case, source=Source.POLICE)
    return case


def test_another_partners_v_number_is_stored_awaiting_a_match_and_reveals_nothing(police_case):
    ind = partner_client("ind")
    assert ind.get(f"/api/v1/cases/{police_case.pk}/").status_code == 404
    before = (Case.objects.count(), ForeignNational.objects.count(), CaseEvent.objects.count())

    response = ind.post(URL, PROBE, format="json")

    assert response.status_code == 202, response.json()
    body = response.json()
    assert (body["outcome"], body["case"], body["reference"]) == (HandoverOutcome.AWAITING_MATCH, None, "SEC-PROBE-1")
    text = response.content.decode()
    assert set(body) == {"source", "reference", "handover_date", "received_at", "outcome", "case"}
    for secret in ("Kidane", "Selam", "in_progress", police_case.team.name, police_case.case_officer.last_name):
        assert secret not in text
    handover = Handover.objects.get(reference="SEC-PROBE-1")
    assert (handover.case, handover.v_number, handover.outcome) == (None, PROBE["v_number"], "awaiting_match")
    # Nothing of the case changed, and the partner's scope did not grow.
    assert (Case.objects.count(), ForeignNational.objects.count(), CaseEvent.objects.count()) == before
    assert ForeignNational.objects.get(pk=police_case.foreign_national_id).surname == "Kidane"
    assert ind.get(f"/api/v1/cases/{police_case.pk}/").status_code == 404
    assert police_case.pk not in [row["id"] for row in ind.get("/api/v1/cases/").json()["results"]]


def test_the_same_probe_twice_gives_the_same_answer_and_one_stored_handover(police_case):
    ind = partner_client("ind")
    first, second = ind.post(URL, PROBE, format="json"), ind.post(URL, PROBE, format="json")
    assert (first.status_code, second.status_code) == (202, 200)
    assert first.json() == second.json()
    assert Handover.objects.filter(reference="SEC-PROBE-1").count() == 1


def test_a_confidential_case_of_another_partner_stays_out_of_reach():
    case = CaseFactory(confidential=True, foreign_national=ForeignNationalFactory(v_number="1520000152"))
    HandoverFactory(case=case, source=Source.IND)
    kmar = partner_client("kmar")
    response = kmar.post(URL, {**VALID, "reference": "KMAR-152", "v_number": "1520000152"}, format="json")
    assert (response.status_code, response.json()["case"]) == (202, None)
    assert kmar.get(f"/api/v1/cases/{case.pk}/").status_code == 404


def test_a_closed_case_of_another_partner_opens_nothing_either():
    earlier = CaseFactory(closed=True, foreign_national=ForeignNationalFactory(v_number=VALID["v_number"]))
    HandoverFactory(case=earlier, source=Source.POLICE)
    response = partner_client("ind").post(URL, VALID, format="json")
    assert (response.status_code, response.json()["outcome"]) == (202, HandoverOutcome.AWAITING_MATCH)
    assert list(Case.objects.values_list("pk", flat=True)) == [earlier.pk]


def test_every_handover_reply_leaves_one_access_log_row(police_case):
    ind = partner_client("ind")
    ind.post(URL, {**VALID, "reference": "OWN-1"}, format="json")  # a new person: 201
    ind.post(URL, {**VALID, "reference": "OWN-1"}, format="json")  # the repeat: 200
    ind.post(URL, PROBE, format="json")  # another's person: 202
    rows = list(AccessLogEntry.objects.order_by("id").values_list("channel", "view_name", "foreign_national__v_number"))
    assert rows == [
        ("api", "cases-api:handover-create", VALID["v_number"]),
        ("api", "cases-api:handover-create", VALID["v_number"]),
        ("api", "cases-api:handover-create", PROBE["v_number"]),
    ]


class TestMatching:
    def test_the_team_lead_of_the_case_sees_it_and_matching_attaches_it_and_opens_the_case(self, police_case):
        ind = partner_client("ind")
        ind.post(URL, PROBE, format="json")
        lead, other_lead = TeamLeadFactory(team=police_case.team), TeamLeadFactory()
        handover = Handover.objects.get(reference="SEC-PROBE-1")
        assert handovers_awaiting_match(user=lead) == [handover]
        assert handovers_awaiting_match(user=other_lead) == []
        assert handovers_awaiting_match(user=police_case.case_officer) == []

        handover_match(handover=handover, actor=lead, now=NOW)

        handover.refresh_from_db()
        assert (handover.case, handover.outcome, handover.matched_by) == (police_case, "added_to_open_case", lead)
        assert police_case.events.filter(kind=events.HANDOVER_RECEIVED.code).count() == 1
        assert ind.get(f"/api/v1/cases/{police_case.pk}/").status_code == 200

    def test_not_matched_leaves_the_partner_outside(self, police_case):
        ind = partner_client("ind")
        ind.post(URL, PROBE, format="json")
        handover = Handover.objects.get(reference="SEC-PROBE-1")
        handover_not_matched(handover=handover, actor=TeamLeadFactory(team=police_case.team), now=NOW)
        handover.refresh_from_db()
        assert (handover.case, handover.outcome) == (None, HandoverOutcome.NOT_MATCHED)
        assert ind.get(f"/api/v1/cases/{police_case.pk}/").status_code == 404

    def test_a_lead_of_another_team_cannot_match_and_nothing_is_written(self, police_case):
        partner_client("ind").post(URL, PROBE, format="json")
        handover = Handover.objects.get(reference="SEC-PROBE-1")
        with pytest.raises(PermissionDenied):
            handover_match(handover=handover, actor=TeamLeadFactory(), now=NOW)
        handover.refresh_from_db()
        assert (handover.case, handover.outcome, handover.matched_by) == (None, "awaiting_match", None)

    def test_the_page_lists_it_for_the_lead_and_the_decision_attaches_it(self, client, police_case):
        partner_client("ind").post(URL, PROBE, format="json")
        lead = TeamLeadFactory(team=police_case.team)
        client.force_login(lead)
        page = client.get("/overdrachten/te-koppelen/")
        assert page.status_code == 200 and "SEC-PROBE-1" in page.content.decode()
        assert AccessLogEntry.objects.filter(user=lead, foreign_national=police_case.foreign_national).count() == 1
        handover = Handover.objects.get(reference="SEC-PROBE-1")
        response = client.post(f"/overdrachten/{handover.pk}/besluit/", {"besluit": "koppelen"})
        assert response.status_code == 302
        handover.refresh_from_db()
        assert handover.case == police_case

    def test_another_teams_lead_gets_404_and_nothing_is_written(self, client, police_case):
        partner_client("ind").post(URL, PROBE, format="json")
        client.force_login(TeamLeadFactory())
        handover = Handover.objects.get(reference="SEC-PROBE-1")
        assert "SEC-PROBE-1" not in client.get("/overdrachten/te-koppelen/").content.decode()
        assert client.post(f"/overdrachten/{handover.pk}/besluit/", {"besluit": "koppelen"}).status_code == 404
        handover.refresh_from_db()
        assert handover.outcome == "awaiting_match"


def test_the_page_of_handovers_to_match_costs_the_same_queries_for_one_or_many(client, police_case):
    """The list reads the waiting handovers, their people and the cases they join in one query each (no N+1)."""
    lead = TeamLeadFactory(team=police_case.team)
    client.force_login(lead)

    def page_queries():
        client.get("/overdrachten/te-koppelen/")  # warm: session and permissions cached alike
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/overdrachten/te-koppelen/").status_code == 200
        return len(captured)

    partner_client("ind").post(URL, PROBE, format="json")
    one = page_queries()
    for n in range(5):
        other = CaseFactory(in_progress=True, team=police_case.team)
        HandoverFactory(case=other, source=Source.POLICE)
        probe = {**PROBE, "reference": f"SEC-PROBE-N{n}", "v_number": other.foreign_national.v_number}
        partner_client("ind").post(URL, probe, format="json")
    assert Handover.objects.filter(outcome=HandoverOutcome.AWAITING_MATCH).count() == 6
    assert page_queries() == one
