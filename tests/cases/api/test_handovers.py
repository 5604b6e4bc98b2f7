"""POST /api/v1/handovers/: chain partners hand cases over; idempotent, validated hard, nothing half-saved."""

import copy

import pytest
from rest_framework.test import APIClient

from cases import events
from cases.constants import HandoverOutcome, Phase
from cases.models import AccessLogEntry, Case, CaseEvent, ForeignNational, Handover
from tests.factories.accounts import ChainPartnerFactory, api_token_key
from tests.factories.api import HandoverFactory
from tests.factories.cases import CaseFactory

URL = "/api/v1/handovers/"

VALID = {
    "reference": "IND-2026-000123",
    "handover_date": "2026-03-02",
    "v_number": "1234567890",
    "surname": "Haddad",
    "given_names": "Omar",
    "date_of_birth": "1991-07",
    "sex": "male",
    "nationalities": [{"country": "SYR", "status": "claimed"}],
    "languages": ["ar"],
    "track": "asylum_rejected",
}


def partner_client(organisation="ind"):
    partner = ChainPartnerFactory(chain_partner=organisation)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_key(partner)}")
    return client


def nothing_saved():
    return (
        ForeignNational.objects.count(),
        Case.objects.count(),
        Handover.objects.count(),
        CaseEvent.objects.count(),
    ) == (
        0,
        0,
        0,
        0,
    )


@pytest.mark.django_db
class TestHandoverReceive:
    def test_a_new_handover_opens_a_case_in_intake(self):
        response = partner_client().post(URL, VALID, format="json")
        assert response.status_code == 201, response.json()
        case = Case.objects.get()
        assert (case.phase, case.source, case.track, case.team, case.case_officer) == (
            Phase.INTAKE,
            "ind",
            "asylum_rejected",
            None,
            None,
        )
        person = case.foreign_national
        assert (person.v_number, str(person.date_of_birth), person.date_of_birth_precision) == (
            "1234567890",
            "1991-07-01",
            "year_month",
        )
        assert list(person.nationalities.values_list("country", "status")) == [("SYR", "claimed")]
        assert response.json()["outcome"] == HandoverOutcome.NEW_CASE
        assert list(case.events.order_by("id").values_list("kind", flat=True)) == ["case.opened", "handover.received"]
        assert person.history.count() == 1  # the change history records the creation

    def test_the_same_handover_twice_gives_the_same_case(self):
        client = partner_client()
        first = client.post(URL, VALID, format="json")
        second = client.post(URL, VALID, format="json")
        assert (first.status_code, second.status_code) == (201, 200)
        assert first.json()["case"]["id"] == second.json()["case"]["id"]
        assert (Case.objects.count(), Handover.objects.count(), ForeignNational.objects.count()) == (1, 1, 1)

    @pytest.mark.parametrize("other", [{"v_number": "9999999999"}, {"surname": "Anders"}])
    def test_a_reference_used_again_for_another_person_is_refused_with_409_and_nothing_stored(self, other):
        # Regression (security review 1, §12): a repeat reference with other person data answered 200
        # with the first case (its id and surname) and dropped the second person silently.
        client = partner_client()
        client.post(URL, VALID, format="json")
        before = (Case.objects.count(), Handover.objects.count(), ForeignNational.objects.count())
        response = client.post(URL, {**VALID, **other}, format="json")
        assert response.status_code == 409
        assert response.json()["code"] == "reference_conflict"
        assert VALID["surname"] not in response.text and VALID["v_number"] not in response.text
        assert (Case.objects.count(), Handover.objects.count(), ForeignNational.objects.count()) == before

    def test_a_new_handover_for_an_open_case_is_added_to_it(self):
        client = partner_client()
        client.post(URL, VALID, format="json")
        response = client.post(URL, {**VALID, "reference": "IND-2026-000999"}, format="json")
        assert response.status_code == 201
        assert response.json()["outcome"] == HandoverOutcome.ADDED_TO_OPEN_CASE
        assert (Case.objects.count(), Handover.objects.count()) == (1, 2)

    def test_after_a_closed_case_a_new_case_is_linked_to_it(self):
        earlier = CaseFactory(closed=True, foreign_national__v_number=VALID["v_number"])
        # The partner handed the earlier case over; another's earlier case awaits a match (test_handover_takeover).
        HandoverFactory(case=earlier, source="ind")
        response = partner_client().post(URL, VALID, format="json")
        assert response.json()["outcome"] == HandoverOutcome.NEW_CASE_AFTER_CLOSED
        new = Case.objects.exclude(pk=earlier.pk).get()
        assert new.previous_case == earlier and new.foreign_national == earlier.foreign_national

    def test_a_near_duplicate_is_flagged_for_review_never_merged(self):
        partner_client().post(URL, VALID, format="json")
        twin = {**VALID, "reference": "KMAR-1", "v_number": "9999999999", "surname": "HADDAD"}
        response = partner_client("kmar").post(URL, twin, format="json")
        assert response.status_code == 201
        flagged = Case.objects.get(foreign_national__v_number="9999999999")
        assert flagged.possible_duplicate_of.v_number == VALID["v_number"]
        assert ForeignNational.objects.count() == 2
        assert flagged.events.filter(kind=events.CASE_POSSIBLE_DUPLICATE.code).count() == 1


@pytest.mark.django_db
class TestHandoverRefusals:
    @pytest.mark.parametrize(
        ("change", "field", "code"),
        [
            ({"v_number": "12345"}, "v_number", "v_number"),
            ({"v_number": "12345abcde"}, "v_number", "v_number"),
            ({"date_of_birth": "1991-02-30"}, "date_of_birth", "impossible_date"),
            ({"date_of_birth": "2999"}, "date_of_birth", "future_date"),
            ({"nationalities": [{"country": "QQQ", "status": "claimed"}]}, "nationalities", "country"),
            ({"sex": "m"}, "sex", "invalid_choice"),
            ({"handover_date": "2099-01-01"}, "handover_date", "future_date"),
            ({"languages": ["ar", "ar"]}, "languages", "duplicate"),
            ({"nationalities": [{"country": "SYR", "status": "claimed"}] * 2}, "nationalities", "duplicate"),
        ],
    )
    def test_bad_field_gives_400_with_the_field_and_saves_nothing(self, change, field, code):
        response = partner_client().post(URL, {**VALID, **change}, format="json")
        assert response.status_code == 400
        body = response.json()
        assert body["code"] == "invalid" and field in body["errors"]
        assert code in str(response.data) or body["errors"][field]
        assert nothing_saved()

    def test_an_unknown_language_code_is_a_400_with_the_field_as_in_the_form(self):
        # Regression: the API took ["qq", "zzz"] (a regex), which the browser then refused to correct.
        response = partner_client().post(URL, {**VALID, "languages": ["qq", "zzz"]}, format="json")
        assert response.status_code == 400
        assert response.json() == {
            "code": "invalid",
            "detail": "Het verzoek bevat ongeldige gegevens.",
            "errors": {"languages": ["Onbekende taalcode: qq, zzz."]},
        }
        assert nothing_saved()

    def test_a_single_unknown_language_is_refused_too(self):
        response = partner_client().post(URL, {**VALID, "languages": ["qq"]}, format="json")
        assert (response.status_code, list(response.json()["errors"])) == (400, ["languages"])
        assert nothing_saved()

    def test_a_spelling_variant_of_a_handed_over_person_is_flagged(self):
        partner_client().post(URL, VALID, format="json")
        variant = {**VALID, "reference": "KMAR-2", "v_number": "8888888888", "surname": "Hadad"}
        partner_client("kmar").post(URL, variant, format="json")
        flagged = Case.objects.get(foreign_national__v_number="8888888888")
        assert flagged.possible_duplicate_of.v_number == VALID["v_number"]

    def test_missing_fields_are_named(self):
        payload = copy.deepcopy(VALID)
        for name in ("reference", "v_number", "surname", "track"):
            del payload[name]
        response = partner_client().post(URL, payload, format="json")
        assert response.status_code == 400
        assert {"reference", "v_number", "surname", "track"} <= set(response.json()["errors"])
        assert nothing_saved()

    def test_an_oversized_payload_is_refused(self):
        response = partner_client().post(URL, {**VALID, "given_names": "x" * 70_000}, format="json")
        assert response.status_code == 400
        assert response.json()["code"] == "payload_too_large"
        assert nothing_saved()

    def test_no_token_is_401(self):
        response = APIClient().post(URL, VALID, format="json")
        assert response.status_code == 401
        assert nothing_saved()

    def test_a_case_officer_cannot_hand_over(self, case_officer):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_key(case_officer)}")
        assert client.post(URL, VALID, format="json").status_code == 403
        assert nothing_saved()


@pytest.mark.django_db
class TestCaseScope:
    def test_a_partner_never_reads_another_partners_case(self):
        ind, kmar = partner_client("ind"), partner_client("kmar")
        case_id = ind.post(URL, VALID, format="json").json()["case"]["id"]
        assert ind.get(f"/api/v1/cases/{case_id}/").status_code == 200
        assert kmar.get(f"/api/v1/cases/{case_id}/").status_code == 404

    def test_a_case_officer_gets_404_for_a_confidential_case_of_another_team(self, case_officer):
        other = CaseFactory(confidential=True)
        client = APIClient()
        client.force_authenticate(case_officer)
        assert client.get(f"/api/v1/cases/{other.pk}/").status_code == 404
        assert AccessLogEntry.objects.count() == 0

    def test_reading_a_case_through_the_api_is_access_logged(self, case_officer):
        case = CaseFactory(case_officer=case_officer)
        client = APIClient()
        client.force_authenticate(case_officer)
        assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 200
        entry = AccessLogEntry.objects.get()
        assert (entry.case, entry.channel, entry.view_name) == (case, "api", "cases-api:case-detail")


def test_openapi_schema_and_docs_are_served(client, case_officer):
    client.force_login(case_officer)
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200 and b"/api/v1/handovers/" in schema.content
    assert client.get("/api/v1/docs/").status_code == 200
