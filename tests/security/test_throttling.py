"""Review 1, finding 5 / §6: 200 rapid reads and a 100-id enumeration gave 0 × 429."""

import pytest
from rest_framework.test import APIClient

from tests.factories.accounts import ChainPartnerFactory, api_token_key

CASES = "/api/v1/cases/"


def client_for(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_key(user)}")
    return client


@pytest.fixture(autouse=True)
def rates(settings):
    settings.API_THROTTLE_PARTNER = "5/min"
    settings.API_THROTTLE_STAFF = "8/min"


class TestPartnerThrottle:
    def test_the_request_over_the_budget_gets_429_with_retry_after(self, chain_partner, clock):
        client = client_for(chain_partner)
        assert [client.get(CASES).status_code for _ in range(5)] == [200] * 5
        response = client.get(CASES)
        assert response.status_code == 429
        assert response["Retry-After"] == "60"
        assert response.json()["code"] == "throttled"

    def test_the_budget_is_per_partner_account(self, chain_partner, clock):
        first, second = client_for(chain_partner), client_for(ChainPartnerFactory(chain_partner="police"))
        for _ in range(5):
            first.get(CASES)
        assert first.get(CASES).status_code == 429
        assert second.get(CASES).status_code == 200

    def test_the_budget_returns_after_the_period(self, chain_partner, clock):
        client = client_for(chain_partner)
        for _ in range(6):
            client.get(CASES)
        clock.shift(61)
        assert client.get(CASES).status_code == 200


class TestStaffThrottle:
    def test_an_officer_has_the_staff_budget(self, case_officer, clock):
        client = client_for(case_officer)
        assert [client.get(CASES).status_code for _ in range(9)] == [200] * 8 + [429]

    def test_a_session_counts_too(self, client, case_officer, clock):
        client.force_login(case_officer)
        assert [client.get(CASES).status_code for _ in range(9)][-1] == 429
