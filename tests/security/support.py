"""What the security tests share: a frozen clock, TOTP codes as the app computes them, login steps."""

import datetime as dt
from zoneinfo import ZoneInfo

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=AMSTERDAM)
LOGIN = "/inloggen/"
CODE = "/inloggen/code/"
ENROL = "/inloggen/app-koppelen/"
WRONG = "De gebruikersnaam of het wachtwoord is onjuist"


def app_code(device: TOTPDevice, *, steps_ahead=0) -> str:
    """The 6-digit code an authenticator app shows for `device` now (or `steps_ahead` periods of 30 s later)."""
    return f"{totp(device.bin_key, step=device.step, drift=steps_ahead):06d}"


def enrolled(user) -> TOTPDevice:
    """`user` with a confirmed authenticator app."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def post_password(client, user, password, **extra):
    return client.post(LOGIN, {"username": user.username, "password": password}, **extra)


def logged_in_as(client):
    return client.session.get("_auth_user_id")
