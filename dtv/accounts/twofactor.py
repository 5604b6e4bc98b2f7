"""The second factor: a TOTP app (django-otp) with single-use recovery codes, required when REQUIRE_2FA is on."""

import io
from base64 import b32encode

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dtv.core.ids import ascii_digits

from .sessions import sessions_end_all

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"


def totp_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if enrolled."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_factor_asked(user) -> bool:
    """Whether the login of `user` needs a code: always under REQUIRE_2FA, and for whoever enrolled an app."""
    return settings.REQUIRE_2FA or totp_device(user) is not None


def session_is_verified(request) -> bool:
    """Whether this session passed the second factor."""
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


def totp_enrolment_device(user) -> TOTPDevice:
    """The unconfirmed app being enrolled (made on first call), whose secret the QR code shows."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=TOTP_DEVICE_NAME).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def totp_secret_text(device) -> str:
    """The secret in base32, in groups of four, for typing it into an app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device) -> bytes:
    """The otpauth:// URL of `device` as an SVG QR code."""
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(buffer, kind="svg", scale=5, border=2, title="QR")
    return buffer.getvalue()


def _wrong_code():
    return ValidationError({"code": _("The code is incorrect or has expired. Enter the current code from your app.")})


def _is_totp_code(code) -> bool:
    return ascii_digits(code, min_length=6, max_length=6)


@transaction.atomic
def totp_enrolment_confirm(*, user, code) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app with a current code; returns the device and a fresh set of recovery codes (shown once)."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False, name=TOTP_DEVICE_NAME).first()
    if device is None or not _is_totp_code(code) or not device.verify_token(code):
        raise _wrong_code()
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device, recovery_codes_issue(user=user)


@transaction.atomic
def recovery_codes_issue(*, user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new single-use ones (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME).count()


def second_factor_verify(*, user, code):
    """The device that accepts `code` (a 6-digit app code or a recovery code, used up), or ValidationError."""
    code = (code or "").strip().replace(" ", "").lower()
    with transaction.atomic():
        if _is_totp_code(code):
            devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        elif 1 <= len(code) <= 16 and code.isascii() and code.isalnum():
            devices = StaticDevice.objects.select_for_update().filter(user=user, name=RECOVERY_DEVICE_NAME)
        else:
            devices = []
        for device in devices:
            # verify_token throttles itself: each failure doubles the wait before the next try.
            if device.verify_token(code):
                return device
    raise _wrong_code()


@transaction.atomic
def second_factor_reset(*, user) -> None:
    """Remove the user's app and recovery codes (a lost phone) and end their sessions; they enrol again at login."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    sessions_end_all(user=user)
