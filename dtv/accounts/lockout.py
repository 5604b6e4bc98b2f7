"""Login throttling per account and per address, on the database so that every web process shares it.

django-axes does this, but its newest release on the package index (8.3.1) declares support up to
Django 6.0, and Regie runs 6.1; the rule is small enough to keep here: N failures within the
window lock the account name (whether or not such an account exists, so the lock reveals
nothing), M failures from one address lock the address, each until the window has passed since
the failure that tipped it.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction

from .models import LoginFailure

# Failures are kept this long, then pruned: long enough to look into an attack the next morning.
KEEP_FAILURES = dt.timedelta(days=1)


def _account(username) -> str:
    return (username or "").strip().casefold()[:150]


def _window():
    return dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def _locked_until(failures, limit, window):
    """The end of the lock when `failures` (newest first) hold `limit` within the window, else None."""
    if len(failures) < limit:
        return None
    # Refused attempts are not counted, so the newest failure is the one that tipped the lock.
    return failures[0] + window


def login_locked_until(*, username, address, now) -> dt.datetime | None:
    """Until when a login for `username` from `address` is refused, or None when it may be tried."""
    window = _window()
    since = now - window
    per_account = list(
        LoginFailure.objects.filter(username=_account(username), failed_at__gt=since)
        .order_by("-failed_at")
        .values_list("failed_at", flat=True)[: settings.LOGIN_FAILURES_PER_ACCOUNT]
    )
    ends = [_locked_until(per_account, settings.LOGIN_FAILURES_PER_ACCOUNT, window)]
    if address:
        per_address = list(
            LoginFailure.objects.filter(address=address, failed_at__gt=since)
            .order_by("-failed_at")
            .values_list("failed_at", flat=True)[: settings.LOGIN_FAILURES_PER_ADDRESS]
        )
        ends.append(_locked_until(per_address, settings.LOGIN_FAILURES_PER_ADDRESS, window))
    ends = [end for end in ends if end is not None and end > now]
    return max(ends) if ends else None


@transaction.atomic
def login_failure_record(*, username, address, now) -> LoginFailure:
    """Count one failed login (wrong password, unknown account, wrong code) for the account name and the address."""
    LoginFailure.objects.filter(failed_at__lt=now - KEEP_FAILURES).delete()
    return LoginFailure.objects.create(username=_account(username), address=address, failed_at=now)


def login_success_record(*, username) -> None:
    """A correct login clears the account's failures; the address keeps its count."""
    LoginFailure.objects.filter(username=_account(username)).delete()
