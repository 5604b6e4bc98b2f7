"""schemathesis against the live OpenAPI schema, through the WSGI app, as the case officer and a chain partner.

Every operation of `/api/v1/schema/` gets a bounded number of generated requests (hypothesis,
derandomised so a run repeats), each sent with the case officer's token and with an IND token:
0 server errors, every status code documented, every body as the schema says (the uniform error
body included: dtv.core.schema.uniform_errors documents it for every error code).
"""

import pytest
import schemathesis
import time_machine
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from cases.constants import Source
from tests.factories.accounts import CaseOfficerFactory, ChainPartnerFactory, TeamLeadFactory, api_token_key
from tests.factories.api import HandoverFactory
from tests.factories.cases import CaseFactory, ProcedureFactory

from .support import NOW

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@pytest.fixture
def api_world(db):
    """A team with cases of every phase, a pending procedure, and ids 1… in use, handed over by IND."""
    with time_machine.travel(NOW, tick=False):
        officer = CaseOfficerFactory()
        TeamLeadFactory(team=officer.team)
        partner = ChainPartnerFactory(chain_partner="ind")
        for traits in ({"in_progress": True}, {}, {"departure_preparation": True}, {"closed": True}):
            case = CaseFactory(case_officer=officer, **traits)
            HandoverFactory(case=case, source=Source.IND, received_by=partner)
            ProcedureFactory(case=case)
        # The whole test runs at NOW: the tokens were issued then and expire after 90 days.
        yield {
            "officer": {"Authorization": f"Token {api_token_key(officer)}"},
            "partner": {"Authorization": f"Token {api_token_key(partner)}"},
        }


@pytest.fixture
def wsgi_app():
    """The project's WSGI app, without closing the test's database connection after each request.

    Django's own test client does the same: the request_finished handler would close the connection
    that holds the test's transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(api_world, wsgi_app):
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/schema/?format=json", wsgi_app, headers=dict(api_world["officer"])
    )
    schema.api_world = api_world
    return schema


# Per operation and caller; derandomised, so a run repeats. (schemathesis' pytest plugin relies on a
# pytest internal that pytest 9 no longer has, so the operations are walked here.)
EXAMPLES = settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


def test_the_api_answers_as_its_schema_says(api_schema, api_world):
    failures, tested = [], []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @EXAMPLES
        @given(case=operation.as_strategy())
        def run(case):
            for headers in (api_world["officer"], api_world["partner"]):
                case.call_and_validate(headers=dict(headers), checks=CHECKS)

        try:
            run()
        except Exception as failure:  # noqa: BLE001 - every operation is tried, the failures listed together
            failures.append(f"{operation.label}: {failure}")
        tested.append(operation.label)
    assert len(tested) >= 15
    assert failures == []
