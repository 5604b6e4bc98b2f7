"""Review 1, finding 5: the bearer key was stored in plaintext (authtoken_token) and never expired."""

import datetime as dt
import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from rest_framework.test import APIClient

from dtv.accounts.models import ApiToken
from dtv.accounts.tokens import api_token_issue, api_token_revoke, api_token_rotate

from .support import NOW

CASES = "/api/v1/cases/"


def token_client(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def issued(chain_partner, functional_admin):
    return api_token_issue(user=chain_partner, actor=functional_admin, now=NOW)


@pytest.mark.usefixtures("clock")
class TestApiTokenIssue:
    def test_stores_only_the_sha256_of_the_key(self, issued):
        row = ApiToken.objects.get()
        assert row.digest == hashlib.sha256(issued.key.encode()).hexdigest()
        assert row.prefix == issued.key[:8]
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM accounts_apitoken")
            stored = " ".join(str(value) for value in cursor.fetchone())
        assert issued.key not in stored

    def test_the_key_has_256_random_bits_and_every_issue_differs(self, chain_partner):
        keys = {api_token_issue(user=chain_partner, actor=None, now=NOW).key for _ in range(5)}
        assert len(keys) == 5 and all(len(key) == 43 for key in keys)

    def test_expires_after_the_default_lifetime_of_ninety_days(self, issued, functional_admin):
        assert issued.token.expires_at == NOW + dt.timedelta(days=90)
        assert (issued.token.created_at, issued.token.created_by) == (NOW, functional_admin)

    def test_refuses_a_lifetime_over_a_year_and_writes_nothing(self, chain_partner):
        with pytest.raises(Exception, match="hoogstens 366 dagen"):
            api_token_issue(user=chain_partner, actor=None, now=NOW, lifetime=dt.timedelta(days=400))
        assert ApiToken.objects.count() == 0

    def test_the_key_authenticates_on_the_api(self, issued):
        assert token_client(issued.key).get(CASES).status_code == 200


class TestApiTokenValidity:
    def test_an_expired_token_is_refused(self, issued, clock):
        clock.move_to(NOW + dt.timedelta(days=90))
        response = token_client(issued.key).get(CASES)
        assert response.status_code == 401
        assert response.json()["detail"] == "Ongeldig, verlopen of ingetrokken token."

    def test_a_revoked_token_is_refused(self, issued, functional_admin, clock):
        api_token_revoke(token=issued.token, actor=functional_admin, now=NOW)
        assert token_client(issued.key).get(CASES).status_code == 401
        row = ApiToken.objects.get()
        assert (row.revoked_at, row.revoked_by) == (NOW, functional_admin)

    def test_a_token_of_a_deactivated_account_is_refused(self, issued, chain_partner, clock):
        chain_partner.is_active = False
        chain_partner.save()
        assert token_client(issued.key).get(CASES).status_code == 401

    @pytest.mark.parametrize("header", ["Token nope", "Token ²²²", "Token a b", "Bearer x", "Token " + "x" * 5000])
    def test_a_malformed_or_unknown_key_is_a_401_never_a_500(self, db, header):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=header)
        assert client.get(CASES).status_code == 401

    def test_a_token_is_no_login_for_the_web_pages(self, issued, clock):
        response = token_client(issued.key).get("/werkvoorraad/")
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


class TestApiTokenRotate:
    def test_issues_a_successor_and_lets_the_old_token_run_out_after_the_overlap(self, issued, functional_admin, clock):
        successor = api_token_rotate(token=issued.token, actor=functional_admin, now=NOW, overlap=dt.timedelta(days=7))
        issued.token.refresh_from_db()
        assert issued.token.expires_at == NOW + dt.timedelta(days=7)
        assert successor.token.expires_at == NOW + dt.timedelta(days=90)
        assert token_client(issued.key).get(CASES).status_code == 200
        assert token_client(successor.key).get(CASES).status_code == 200
        clock.move_to(NOW + dt.timedelta(days=7))
        assert token_client(issued.key).get(CASES).status_code == 401
        assert token_client(successor.key).get(CASES).status_code == 200

    def test_a_revoked_token_is_not_rotated(self, issued, clock):
        api_token_revoke(token=issued.token, actor=None, now=NOW)
        with pytest.raises(Exception, match="niet meer geldig"):
            api_token_rotate(token=issued.token, actor=None, now=NOW)
        assert ApiToken.objects.count() == 1


@pytest.mark.usefixtures("clock")
class TestApiTokenCommand:
    def test_issue_prints_the_key_once_and_stores_its_digest(self, chain_partner, functional_admin):
        out = io.StringIO()
        call_command("api_token", "issue", chain_partner.username, "--by", functional_admin.username, stdout=out)
        key = out.getvalue().split("Authorization: Token ")[1].strip()
        row = ApiToken.objects.get()
        assert row.digest == hashlib.sha256(key.encode()).hexdigest() and row.created_by == functional_admin
        listing = io.StringIO()
        call_command("api_token", "list", chain_partner.username, "--by", functional_admin.username, stdout=listing)
        assert key not in listing.getvalue() and f"{row.prefix}…  valid" in listing.getvalue()

    def test_revoke_by_prefix(self, issued, functional_admin):
        call_command(
            "api_token", "revoke", issued.token.prefix, "--by", functional_admin.username, stdout=io.StringIO()
        )
        assert ApiToken.objects.get().revoked_by == functional_admin

    def test_an_unknown_account_is_a_clear_error(self, functional_admin):
        with pytest.raises(CommandError, match="No account 'nobody'"):
            call_command("api_token", "issue", "nobody", "--by", functional_admin.username)
