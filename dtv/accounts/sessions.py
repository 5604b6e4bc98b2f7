"""Session rules beyond the idle expiry: an absolute lifetime, log out everywhere, no chain partner in a browser."""

import datetime as dt

from django.conf import settings
from django.db.models import F
from django_otp import DEVICE_ID_SESSION_KEY

from .models import User

SESSION_STARTED_KEY = "_regie_login_at"


def session_started_record(sender, request, user, **kwargs):
    """On login (user_logged_in): the moment the absolute session lifetime counts from."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = int(dt.datetime.now(tz=dt.UTC).timestamp())


def session_refusal(request, *, now) -> str | None:
    """Why the logged-in session of `request` must end now ("expired", "api_only", "second_factor"), or None."""
    user = request.user
    if user.is_api_only:
        # A chain partner works through the API with a token; a session would open the web pages.
        return "api_only"
    started = request.session.get(SESSION_STARTED_KEY)
    if not isinstance(started, int) or now.timestamp() - started > settings.SESSION_ABSOLUTE_HOURS * 3600:
        return "expired"
    if settings.REQUIRE_2FA and not request.session.get(DEVICE_ID_SESSION_KEY):
        return "second_factor"
    return None


def sessions_end_all(*, user) -> None:
    """End every session of `user` on every device (log out everywhere), this one included."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])
