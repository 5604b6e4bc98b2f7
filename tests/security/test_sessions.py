"""Review 1, §6 and finding 9: idle expiry worked but a session never ended while used; no way to end all sessions."""

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cache import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client

from .support import LOGIN, logged_in_as, post_password


class TestAbsoluteLifetime:
    def test_a_session_in_constant_use_ends_ten_hours_after_the_login(self, client, case_officer, password, clock):
        post_password(client, case_officer, password)
        for _ in range(20):
            clock.shift(29 * 60)  # inside the idle limit every time
            assert client.get("/werkvoorraad/").status_code == 200
        clock.shift(29 * 60)  # 10 h 29 min after the login
        response = client.get("/werkvoorraad/")
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
        assert logged_in_as(client) is None
        assert "Uw sessie is beëindigd. Log opnieuw in." in client.get(response["Location"]).text

    def test_the_lifetime_comes_from_the_setting(self, client, case_officer, password, settings, clock):
        settings.SESSION_ABSOLUTE_HOURS = 1
        post_password(client, case_officer, password)
        clock.shift(29 * 60)
        assert client.get("/werkvoorraad/").status_code == 200
        clock.shift(29 * 60)
        assert client.get("/werkvoorraad/").status_code == 200
        clock.shift(3 * 60)
        assert client.get("/werkvoorraad/").status_code == 302

    def test_a_session_without_a_login_moment_is_ended(self, client, case_officer):
        client.force_login(case_officer)
        session = client.session
        del session["_regie_login_at"]
        session.save()
        assert client.get("/werkvoorraad/").status_code == 302


class TestLogOutEverywhere:
    def test_ends_the_sessions_on_other_computers_and_this_one(self, case_officer, password, clock):
        desk, laptop = Client(), Client()
        post_password(desk, case_officer, password)
        post_password(laptop, case_officer, password)
        response = desk.post("/account/uitloggen-overal/")
        assert response.status_code == 302 and response["Location"] == LOGIN
        assert laptop.get("/werkvoorraad/").status_code == 302
        assert desk.get("/werkvoorraad/").status_code == 302
        case_officer.refresh_from_db()
        assert case_officer.session_epoch == 1

    def test_is_a_post(self, client, case_officer):
        client.force_login(case_officer)
        assert client.get("/account/uitloggen-overal/").status_code == 405

    def test_another_users_sessions_stay(self, team_lead, case_officer, password, clock):
        mine, theirs = Client(), Client()
        post_password(mine, case_officer, password)
        post_password(theirs, team_lead, password)
        mine.post("/account/uitloggen-overal/")
        assert theirs.get("/werkvoorraad/").status_code == 200


class TestNoChainPartnerInTheBrowser:
    def test_a_partner_session_is_ended_on_any_page(self, client, chain_partner):
        client.force_login(chain_partner)
        response = client.get("/werkvoorraad/")
        assert response.status_code == 302 and logged_in_as(client) is None

    def test_a_partner_session_does_not_open_the_api_either(self, client, chain_partner):
        client.force_login(chain_partner)
        assert client.get("/api/v1/cases/").status_code in (401, 403)


@pytest.mark.parametrize("path", ["/account/beveiliging/", "/account/uitloggen-overal/"])
def test_the_security_pages_need_a_login(client, db, path):
    assert client.get(path)["Location"].startswith(LOGIN)


class TestSessionsInRedis:
    """Sessions live in Redis (no session query on a page); the idle expiry is the key's TTL, renewed per request."""

    @staticmethod
    def _ttl(client):
        sessions = caches[settings.SESSION_CACHE_ALIAS]
        key = sessions.make_and_validate_key(SessionStore(session_key=client.session.session_key).cache_key)
        redis = sessions._cache.get_client(key, write=True)
        return redis, key, redis.ttl(key)

    def test_the_store_is_redis_and_the_database_holds_no_session(self, client, case_officer, password):
        assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cache"
        assert "redis" in settings.CACHES[settings.SESSION_CACHE_ALIAS]["BACKEND"].lower()
        post_password(client, case_officer, password)
        assert client.get("/werkvoorraad/").status_code == 200
        assert not Session.objects.exists()

    def test_every_request_renews_the_idle_limit(self, client, case_officer, password):
        post_password(client, case_officer, password)
        redis, key, ttl = self._ttl(client)
        assert settings.SESSION_COOKIE_AGE - 60 < ttl <= settings.SESSION_COOKIE_AGE
        redis.expire(key, 30)  # as if the user had been idle for all but 30 seconds
        assert client.get("/werkvoorraad/").status_code == 200
        assert self._ttl(client)[2] > settings.SESSION_COOKIE_AGE - 60

    def test_an_idle_session_that_redis_expired_is_logged_out(self, client, case_officer, password):
        post_password(client, case_officer, password)
        redis, key, _ttl = self._ttl(client)
        redis.delete(key)  # what the TTL does after SESSION_IDLE_MINUTES without a request
        response = client.get("/werkvoorraad/")
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)

    def test_logging_out_deletes_the_session(self, client, case_officer, password):
        post_password(client, case_officer, password)
        redis, key, _ttl = self._ttl(client)
        client.post("/uitloggen/")
        assert not redis.exists(key)
