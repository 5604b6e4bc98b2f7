"""Whatever a client sends to the detention API, the answer is never a 500 (as tests/security/test_fuzz_api.py)."""

import pytest
import time_machine
from hypothesis import given

from detention.models import Measure
from tests.factories.accounts import EnforcementOfficerFactory
from tests.factories.detention import NOW, detention_case, issued_order
from tests.security.test_fuzz_api import EXAMPLES, assert_no_server_error, client_for, mutated

pytestmark = pytest.mark.django_db

DRAFT = {
    "article": "59",
    "detention_location": "detention_centre",
    "grounds": [{"code": "3b", "facts": "Onttrok zich"}],
    "lighter_measures": {"reporting_duty": "Meldde zich niet"},
    "hearing_at": "2026-11-23T09:00:00+01:00",
    "flight_booked_on": "2026-12-10",
    "lawyer_present": True,
}
IMPOSE = {"kind": "reporting_duty", "ground": "Toezicht", "frequency_days": 7, "place": "Ter Apel"}
RULING = {"on": "2026-11-23", "ruling": "lawful", "grounds": "Rechtmatig", "compensation": None}


@pytest.fixture
def world(db):
    with time_machine.travel(NOW, tick=False):
        case = detention_case()
        enforcer = EnforcementOfficerFactory(team=case.team)
        detention = Measure.objects.get(
            order=issued_order(detention_case(case_officer=case.case_officer), actor=enforcer)
        )
        yield {"client": client_for(enforcer), "case": case, "detention": detention}


@EXAMPLES
@given(body=mutated(DRAFT))
def test_drafts_never_give_a_server_error(world, body):
    with time_machine.travel(NOW, tick=False):
        assert_no_server_error(
            world["client"].post(f"/api/v1/cases/{world['case'].pk}/detention-orders/", body, format="json")
        )


@EXAMPLES
@given(body=mutated(IMPOSE))
def test_impositions_never_give_a_server_error(world, body):
    with time_machine.travel(NOW, tick=False):
        assert_no_server_error(world["client"].post(f"/api/v1/cases/{world['case'].pk}/measures/", body, format="json"))


@EXAMPLES
@given(body=mutated(RULING))
def test_rulings_never_give_a_server_error(world, body):
    with time_machine.travel(NOW, tick=False):
        url = f"/api/v1/measures/{world['detention'].pk}/ruling/"
        assert_no_server_error(world["client"].post(url, body, format="json"))
