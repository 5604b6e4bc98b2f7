"""A fuzz test over the API's inputs (review 1, §4): whatever a client sends, the answer is never a 500.

Hypothesis builds bodies from the valid ones by replacing or adding fields with arbitrary JSON
(deep nesting, NUL, huge and non-finite-looking numbers, out-of-range dates, non-ASCII digits, long
strings) and sends them to every write endpoint, and odd query parameters to the list. The number
of examples is bounded so that the test runs in `make test`.
"""

import pytest
import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.factories.accounts import ChainPartnerFactory, TeamLeadFactory, api_token_key
from tests.factories.cases import CaseFactory, ProcedureFactory

from .test_bad_input import HANDOVER, INTERVIEW, NOW

pytestmark = pytest.mark.django_db

TRICKY_TEXT = st.sampled_from(
    ["", " ", "\u0000", "x\u0000y", "²", "١٢٣٤٥٦٧٨٩٠", "１２３４５６７８９０", "9999-12-31", "0001-01-01", "2026-02-30",
     "1e400", "NaN", "-1", "9" * 40, "<script>", "'; DROP TABLE x;--", "\u202e", "a" * 300]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    TRICKY_TEXT,
)
JSON = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def mutated(valid):
    """A body: the valid one with some fields replaced, dropped or added."""
    keys = st.sampled_from([*valid, "extra", "v_number", "due_date"])
    return st.tuples(st.dictionaries(keys, JSON, max_size=4), st.lists(st.sampled_from(list(valid)), max_size=2)).map(
        lambda change: {k: v for k, v in {**valid, **change[0]}.items() if k not in change[1]}
    )


@pytest.fixture
def world(db):
    with time_machine.travel(NOW, tick=False):
        lead = TeamLeadFactory()
        case = CaseFactory(in_progress=True, case_officer=None, team=lead.team)
        procedure = ProcedureFactory(case=case, recorded_by=lead, lodged_on=NOW.date().replace(day=1))
        yield {
            "lead": client_for(lead),
            "partner": client_for(ChainPartnerFactory()),
            "case": case,
            "procedure": procedure,
            "officer": lead,
        }


def client_for(user):
    client = APIClient(raise_request_exception=False)
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_key(user)}")
    return client


def assert_no_server_error(response):
    assert response.status_code < 500, (response.status_code, response.content[:500])


@EXAMPLES
@given(body=mutated(HANDOVER))
def test_handovers_never_give_a_server_error(world, body):
    with time_machine.travel(NOW, tick=False):
        assert_no_server_error(world["partner"].post("/api/v1/handovers/", body, format="json"))


@EXAMPLES
@given(
    body=mutated(
        {**INTERVIEW, "actions": [{"description": "a", "party": "foreign_national", "due_date": "2026-12-20"}]}
    )
)
def test_interviews_never_give_a_server_error(world, body):
    with time_machine.travel(NOW, tick=False):
        url = f"/api/v1/cases/{world['case'].pk}/interviews/"
        assert_no_server_error(world["lead"].post(url, body, format="json"))


@EXAMPLES
@given(
    body=mutated({"kind": "appeal", "lodged_on": "2026-11-20", "may_await_in_nl": True}),
    decision=mutated({"outcome": "granted", "decided_on": "2026-11-25", "effective_until": "2026-12-31"}),
)
def test_procedures_never_give_a_server_error(world, body, decision):
    with time_machine.travel(NOW, tick=False):
        lead, case = world["lead"], world["case"]
        assert_no_server_error(lead.post(f"/api/v1/cases/{case.pk}/procedures/", body, format="json"))
        url = f"/api/v1/procedures/{world['procedure'].pk}/decide/"
        assert_no_server_error(lead.post(url, decision, format="json"))


@EXAMPLES
@given(
    assign=mutated({"case_officer": 1, "reason": "", "version": 0}),
    close=mutated({"closure_reason": "departed_unsupervised", "departed_on": "2026-12-01", "version": 0}),
)
def test_assign_and_close_never_give_a_server_error(world, assign, close):
    with time_machine.travel(NOW, tick=False):
        lead, case = world["lead"], world["case"]
        assert_no_server_error(lead.post(f"/api/v1/cases/{case.pk}/assign/", assign, format="json"))
        assert_no_server_error(lead.post(f"/api/v1/cases/{case.pk}/close/", close, format="json"))


@EXAMPLES
@given(
    params=st.dictionaries(
        st.sampled_from(["sort", "page_size", "cursor", "phase", "track"]),
        st.one_of(TRICKY_TEXT, st.text(max_size=30)),
        max_size=3,
    )
)
def test_the_case_list_never_gives_a_server_error(world, params):
    with time_machine.travel(NOW, tick=False):
        assert_no_server_error(world["lead"].get("/api/v1/cases/", params))
        assert_no_server_error(world["partner"].get("/api/v1/cases/", params))
