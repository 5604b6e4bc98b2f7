"""Review 1, finding 5: no second factor. Now a TOTP app with recovery codes, required when REQUIRE_2FA is on."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dtv.accounts.models import LoginFailure
from tests.dtv.test_settings import SECURE_KEY, run_manage
from tests.factories.accounts import FunctionalAdminFactory

from .support import CODE, ENROL, app_code, enrolled, logged_in_as, post_password

WRONG_CODE = "De code is onjuist of verlopen."


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA = True


def test_production_settings_require_the_second_factor_and_the_demo_does_not():
    script = "from django.conf import settings as s; print(s.REQUIRE_2FA, s.API_DOCS_REQUIRE_LOGIN)"
    production = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        DJANGO_SETTINGS_MODULE="dtv.settings.production",
        SECRET_KEY=SECURE_KEY,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/regie",
        REDIS_URL="redis://127.0.0.1:6379/0",
        ALLOWED_HOSTS="regie.example",
    )
    demo = run_manage("shell", "--no-imports", "-c", script, DJANGO_SETTINGS_MODULE="dtv.settings.dev")
    assert production.stdout.split() == ["True", "True"], production.stderr
    assert demo.stdout.split() == ["False", "False"], demo.stderr


def test_switching_it_off_in_production_fails_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="dtv.settings.production",
        SECRET_KEY=SECURE_KEY,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/regie",
        REDIS_URL="redis://127.0.0.1:6379/0",
        ALLOWED_HOSTS="regie.example",
        REQUIRE_2FA="false",
    )
    assert result.returncode != 0
    assert "regie.W001" in result.stderr


@pytest.mark.usefixtures("required")
class TestEnrolmentAtFirstLogin:
    def test_the_password_alone_does_not_log_in_but_leads_to_adding_an_app(self, client, case_officer, password, clock):
        response = post_password(client, case_officer, password)
        assert response.status_code == 302 and response["Location"] == ENROL
        assert logged_in_as(client) is None
        page = client.get(ENROL)
        assert "Authenticator-app toevoegen" in page.text
        assert re.search(r'data-testid="totp-secret">([A-Z2-7]{4} ){7}[A-Z2-7]{4}<', page.text)
        qr = client.get("/inloggen/app-koppelen/qr.svg")
        assert qr["Content-Type"] == "image/svg+xml" and qr.content.startswith(b"<?xml")
        assert "no-store" in qr["Cache-Control"]

    def test_a_current_code_confirms_the_app_logs_in_and_shows_ten_recovery_codes_once(
        self, client, case_officer, password, clock
    ):
        post_password(client, case_officer, password)
        client.get(ENROL)
        device = TOTPDevice.objects.get(user=case_officer)
        response = client.post(ENROL, {"code": app_code(device)})
        assert response.status_code == 200
        codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.text)
        assert len(codes) == 10
        assert sorted(StaticToken.objects.filter(device__user=case_officer).values_list("token", flat=True)) == sorted(
            codes
        )
        device.refresh_from_db()
        assert device.confirmed is True
        assert logged_in_as(client) == str(case_officer.pk)
        assert client.get("/werkvoorraad/").status_code == 200

    def test_a_wrong_code_confirms_nothing(self, client, case_officer, password, clock):
        post_password(client, case_officer, password)
        client.get(ENROL)
        response = client.post(ENROL, {"code": "000000"})
        assert WRONG_CODE in response.text
        assert logged_in_as(client) is None
        assert TOTPDevice.objects.get(user=case_officer).confirmed is False
        assert StaticToken.objects.count() == 0

    def test_without_the_password_step_there_is_nothing_to_enrol(self, client, db):
        assert client.get(ENROL)["Location"] == "/inloggen/"
        assert client.get("/inloggen/app-koppelen/qr.svg").status_code == 404

    def test_the_password_step_expires_after_five_minutes(self, client, case_officer, password, clock):
        post_password(client, case_officer, password)
        clock.shift(5 * 60 + 1)
        assert client.get(ENROL)["Location"] == "/inloggen/"


@pytest.mark.usefixtures("required")
class TestLoginWithTheApp:
    def test_password_then_code_logs_in_and_keeps_the_next_page(self, client, case_officer, password, clock):
        device = enrolled(case_officer)
        response = client.post("/inloggen/?next=/zoeken/", {"username": case_officer.username, "password": password})
        assert response["Location"] == CODE and logged_in_as(client) is None
        response = client.post(CODE, {"code": app_code(device)})
        assert response.status_code == 302 and response["Location"] == "/zoeken/"
        assert logged_in_as(client) == str(case_officer.pk)

    def test_a_code_works_once(self, client, case_officer, password, clock):
        device = enrolled(case_officer)
        post_password(client, case_officer, password)
        code = app_code(device)
        client.post(CODE, {"code": code})
        client.logout()
        post_password(client, case_officer, password)
        assert WRONG_CODE in client.post(CODE, {"code": code}).text

    def test_a_wrong_code_is_refused_and_counts_towards_the_lockout(self, client, case_officer, password, clock):
        enrolled(case_officer)
        post_password(client, case_officer, password)
        response = client.post(CODE, {"code": "123456"})
        assert WRONG_CODE in response.text and logged_in_as(client) is None
        assert LoginFailure.objects.filter(username=case_officer.username).count() == 1

    @pytest.mark.parametrize("code", ["²²²²²²", "١٢٣٤٥٦", "12345", "1234567", "x" * 40, ""])
    def test_malformed_codes_are_refused_without_an_error(self, client, case_officer, password, clock, code):
        enrolled(case_officer)
        post_password(client, case_officer, password)
        response = client.post(CODE, {"code": code})
        assert response.status_code == 200 and logged_in_as(client) is None

    def test_a_recovery_code_logs_in_once(self, client, case_officer, password, clock):
        enrolled(case_officer)
        from dtv.accounts.twofactor import recovery_codes_issue

        codes = recovery_codes_issue(user=case_officer)
        post_password(client, case_officer, password)
        assert client.post(CODE, {"code": codes[3].upper()}).status_code == 302
        assert StaticToken.objects.filter(device__user=case_officer).count() == 9
        client.logout()
        post_password(client, case_officer, password)
        assert WRONG_CODE in client.post(CODE, {"code": codes[3]}).text


@pytest.mark.usefixtures("required")
class TestEverySessionNeedsTheSecondFactor:
    def test_a_session_with_only_a_password_is_ended_on_the_next_page(self, client, case_officer):
        client.force_login(case_officer)
        response = client.get("/werkvoorraad/")
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
        assert logged_in_as(client) is None

    def test_the_admin_is_behind_the_second_factor_too(self, client, db, password, clock):
        admin = FunctionalAdminFactory()
        client.force_login(admin)
        assert client.get("/beheer/")["Location"] == "/beheer/login/?next=/beheer/"
        device = enrolled(admin)
        client.post("/inloggen/?next=/beheer/", {"username": admin.username, "password": password})
        response = client.post(CODE, {"code": app_code(device)})
        assert response["Location"] == "/beheer/"
        assert client.get("/beheer/").status_code == 200

    def test_the_api_does_not_take_a_session_without_the_second_factor(self, client, case_officer):
        client.force_login(case_officer)
        assert client.get("/api/v1/cases/").status_code in (401, 403)


class TestOptionalInTheDemo:
    def test_without_an_app_the_password_logs_in(self, client, case_officer, password, clock):
        assert post_password(client, case_officer, password)["Location"] == "/"
        assert logged_in_as(client) == str(case_officer.pk)

    def test_who_added_an_app_is_still_asked_for_the_code(self, client, case_officer, password, clock):
        enrolled(case_officer)
        assert post_password(client, case_officer, password)["Location"] == CODE
        assert logged_in_as(client) is None

    def test_an_app_can_be_added_from_the_security_page(self, client, case_officer, clock):
        client.force_login(case_officer)
        assert "Er is geen authenticator-app ingesteld" in client.get("/account/beveiliging/").text
        client.get("/account/beveiliging/app-koppelen/")
        device = TOTPDevice.objects.get(user=case_officer)
        response = client.post("/account/beveiliging/app-koppelen/", {"code": app_code(device)})
        assert len(re.findall(r"<li><code>", response.text)) == 10
        assert "10 herstelcodes" in client.get("/account/beveiliging/").text


class TestRecoveryCodes:
    def test_new_codes_replace_the_old_ones_in_a_verified_session(self, client, case_officer, password, clock):
        device = enrolled(case_officer)
        post_password(client, case_officer, password)
        client.post(CODE, {"code": app_code(device)})
        old = set(StaticToken.objects.values_list("token", flat=True))
        response = client.post("/account/beveiliging/herstelcodes/")
        new = set(re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.text))
        assert len(new) == 10 and not (new & old)
        assert set(StaticToken.objects.values_list("token", flat=True)) == new

    def test_a_session_that_did_not_pass_the_app_makes_no_new_codes(self, client, case_officer):
        enrolled(case_officer)
        client.force_login(case_officer)
        response = client.post("/account/beveiliging/herstelcodes/")
        assert response.status_code == 302
        assert StaticToken.objects.count() == 0


class TestSecondFactorReset:
    def test_a_lost_phone_removes_app_and_codes_and_ends_the_sessions(self, client, case_officer, functional_admin):
        import io

        from django.core.management import call_command

        from dtv.accounts.twofactor import recovery_codes_issue

        enrolled(case_officer)
        recovery_codes_issue(user=case_officer)
        client.force_login(case_officer)
        out = io.StringIO()
        call_command("two_factor_reset", case_officer.username, "--by", functional_admin.username, stdout=out)
        assert TOTPDevice.objects.filter(user=case_officer).count() == 0
        assert StaticToken.objects.count() == 0
        assert client.get("/werkvoorraad/").status_code == 302
        assert "is reset" in out.getvalue()
