"""Password login with the lockout of lockout.py, for every form that authenticates (web login, admin, shell)."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from dtv.core.http import client_address

from .lockout import login_failure_record, login_locked_until, login_success_record


def lockout_of(request):
    """Until when the login attempt on `request` was refused by the lockout, or None."""
    return getattr(request, "login_locked_until", None)


class LockoutModelBackend(ModelBackend):
    """ModelBackend that refuses locked account names and addresses and never logs a chain partner in.

    A chain partner's account exists for the API (token) only: with the right password it gets the
    same answer as with a wrong one, and the attempt counts as a failure, so the login page tells
    nobody which accounts are partner accounts.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        now = timezone.now()
        address = client_address(request) if request is not None else None
        until = login_locked_until(username=username, address=address, now=now)
        if until is not None:
            if request is not None:
                request.login_locked_until = until
            # PermissionDenied stops authenticate() here: no other backend is tried.
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None or user.is_api_only:
            login_failure_record(username=username, address=address, now=now)
            return None
        login_success_record(username=username)
        return user
