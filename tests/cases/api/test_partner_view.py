"""Review 1, finding 11: a chain partner reads the status of the cases it handed over, field by field.

The probe's partner detail held the DT&V case officer, the team, the obstacles with procedure text and
legal basis, case-work counts, another person's V-number (possible_duplicate_of), editable and
transitions. Now partners get PartnerCaseSerializer's keys and nothing else, in the schema too.
"""

import pytest
import yaml
from django.core.management import call_command

from cases.constants import Source
from cases.models import AccessLogEntry
from tests.factories.api import HandoverFactory
from tests.factories.cases import CaseFactory, ForeignNationalFactory, ProcedureFactory

from .support import api_client

pytestmark = pytest.mark.django_db

PARTNER_KEYS = {
    "id",
    "v_number",
    "surname",
    "given_names",
    "date_of_birth",
    "date_of_birth_precision",
    "sex",
    "nationalities",
    "phase",
    "track",
    "opened_at",
    "closed_at",
    "closure_reason",
}
NEVER = {
    "case_officer",
    "team",
    "obstacles",
    "removable",
    "legal_obstacle",
    "possible_duplicate_of",
    "editable",
    "transitions",
    "interviews_count",
    "procedures_count",
    "live_deadlines_count",
    "legal_representative_name",
    "closure_remark",
}


@pytest.fixture
def handed_over(case_officer, chain_partner):
    twin = ForeignNationalFactory(v_number="5550000001", surname="Tweeling")
    case = CaseFactory(in_progress=True, case_officer=case_officer, possible_duplicate_of=twin)
    ProcedureFactory(case=case)
    HandoverFactory(case=case, source=Source.IND, received_by=chain_partner)
    return case


def test_the_partner_detail_has_exactly_the_partner_keys(handed_over, chain_partner, case_officer):
    response = api_client(chain_partner).get(f"/api/v1/cases/{handed_over.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == PARTNER_KEYS
    text = response.content.decode()
    for secret in (case_officer.last_name, case_officer.team.name, "5550000001", "Tweeling", "Awb"):
        assert secret not in text
    assert AccessLogEntry.objects.filter(user=chain_partner, case=handed_over).count() == 1


def test_the_partner_list_has_exactly_the_partner_keys(handed_over, chain_partner):
    rows = api_client(chain_partner).get("/api/v1/cases/").json()["results"]
    assert [set(row) for row in rows] == [PARTNER_KEYS]


def test_dt_v_staff_still_read_the_whole_case(handed_over, case_officer):
    body = api_client(case_officer).get(f"/api/v1/cases/{handed_over.pk}/").json()
    assert set(body) > PARTNER_KEYS and set(body) >= NEVER


def test_the_schema_describes_the_partner_case_closed_and_field_by_field(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--file", str(target))
    schemas = yaml.safe_load(target.read_text())["components"]["schemas"]
    partner = schemas["PartnerCase"]
    assert set(partner["properties"]) == PARTNER_KEYS
    assert partner["additionalProperties"] is False
    assert not NEVER & set(partner["properties"])
    detail = schemas["CaseDetailOrPartnerCase"]["oneOf"]
    assert detail == [{"$ref": "#/components/schemas/CaseDetail"}, {"$ref": "#/components/schemas/PartnerCase"}]
