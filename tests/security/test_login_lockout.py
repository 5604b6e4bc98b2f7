"""Review 1, finding 5 / §6: 30 wrong passwords, then the right one logged in; a partner password was told apart."""

import pytest

from dtv.accounts.models import LoginFailure
from tests.factories.accounts import CaseOfficerFactory, FunctionalAdminFactory

from .support import LOGIN, WRONG, logged_in_as, post_password

LOCKED = "Te veel mislukte inlogpogingen. Probeer het over 15 minuten opnieuw."


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 5
    settings.LOGIN_FAILURES_PER_ADDRESS = 20
    settings.LOGIN_LOCKOUT_MINUTES = 15


class TestLockoutPerAccount:
    def test_five_wrong_passwords_lock_the_account_and_then_even_the_right_one_is_refused(
        self, client, case_officer, password, clock
    ):
        for _ in range(5):
            assert WRONG in post_password(client, case_officer, "wrong-password").text
        response = post_password(client, case_officer, password)
        assert response.status_code == 200
        assert LOCKED in response.text
        assert logged_in_as(client) is None
        assert LoginFailure.objects.filter(username=case_officer.username).count() == 5

    def test_the_lock_lifts_fifteen_minutes_after_the_last_failure(self, client, case_officer, password, clock):
        for _ in range(5):
            post_password(client, case_officer, "wrong-password")
        clock.shift(14 * 60)
        assert "over 1 minuut" in post_password(client, case_officer, password).text
        clock.shift(61)
        assert post_password(client, case_officer, password).status_code == 302
        assert logged_in_as(client) == str(case_officer.pk)

    def test_a_correct_login_clears_the_account_failures(self, client, case_officer, password, clock):
        for _ in range(4):
            post_password(client, case_officer, "wrong-password")
        post_password(client, case_officer, password)
        assert LoginFailure.objects.filter(username=case_officer.username).count() == 0

    def test_an_unknown_account_locks_the_same_way_so_the_lock_reveals_nothing(self, client, db, clock):
        for _ in range(5):
            response = client.post(LOGIN, {"username": "bestaat-niet", "password": "x"})
            assert WRONG in response.text
        assert LOCKED in client.post(LOGIN, {"username": "bestaat-niet", "password": "x"}).text

    def test_the_account_name_is_counted_regardless_of_capitals(self, client, case_officer, password, clock):
        for _ in range(5):
            client.post(LOGIN, {"username": case_officer.username.upper(), "password": "x"})
        assert LOCKED in post_password(client, case_officer, password).text

    def test_a_lock_on_one_account_leaves_another_free(self, client, case_officer, password, clock):
        other = CaseOfficerFactory()
        for _ in range(5):
            post_password(client, case_officer, "wrong-password")
        assert post_password(client, other, password).status_code == 302


class TestLockoutPerAddress:
    def test_twenty_failures_from_one_address_lock_it_for_every_account(self, client, case_officer, password, clock):
        for number in range(20):
            client.post(LOGIN, {"username": f"probe-{number}", "password": "x"}, REMOTE_ADDR="203.0.113.7")
        response = post_password(client, case_officer, password, REMOTE_ADDR="203.0.113.7")
        assert LOCKED in response.text and logged_in_as(client) is None
        assert post_password(client, case_officer, password, REMOTE_ADDR="198.51.100.2").status_code == 302

    def test_behind_one_proxy_the_address_the_proxy_saw_counts(self, client, case_officer, password, settings, clock):
        settings.TRUSTED_PROXY_COUNT = 1
        for number in range(20):
            client.post(
                LOGIN,
                {"username": f"probe-{number}", "password": "x"},
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7",
            )
        assert LoginFailure.objects.filter(address="203.0.113.7").count() == 20
        # Another client behind the same proxy is not locked out.
        headers = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
        assert post_password(client, case_officer, password, **headers).status_code == 302


class TestOneAnswerForEveryRefusal:
    def test_a_chain_partner_with_the_right_password_gets_the_wrong_password_answer(
        self, client, chain_partner, password, clock
    ):
        right = post_password(client, chain_partner, password)
        wrong = post_password(client, chain_partner, "wrong-password")
        assert right.status_code == wrong.status_code == 200
        assert WRONG in right.text and "API" not in right.text
        assert logged_in_as(client) is None
        # And it counts as a failure, so the lockout does not tell partner accounts apart either.
        assert LoginFailure.objects.filter(username=chain_partner.username).count() == 2

    def test_a_deactivated_account_gets_the_wrong_password_answer(self, client, case_officer, password, clock):
        case_officer.is_active = False
        case_officer.save()
        assert WRONG in post_password(client, case_officer, password).text


class TestAdminLogin:
    def test_the_admin_login_is_regies_login(self, client, db):
        response = client.get("/beheer/login/?next=/beheer/accounts/team/")
        assert response.status_code == 302
        assert response["Location"] == "/inloggen/?next=%2Fbeheer%2Faccounts%2Fteam%2F"

    def test_an_outside_next_is_dropped(self, client, db):
        response = client.get("/beheer/login/?next=https://evil.example/")
        assert response["Location"] == "/inloggen/?next=%2Fbeheer%2F"

    def test_the_admin_is_locked_like_the_web_login(self, client, db, password, clock):
        admin = FunctionalAdminFactory()
        for _ in range(5):
            client.post("/inloggen/?next=/beheer/", {"username": admin.username, "password": "x"})
        assert (
            LOCKED in client.post("/inloggen/?next=/beheer/", {"username": admin.username, "password": password}).text
        )
        assert client.get("/beheer/").status_code == 302
