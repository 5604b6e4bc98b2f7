from django.contrib import messages
from django.contrib.auth import logout
from django.utils import timezone
from django.utils.translation import gettext as _

from .sessions import session_refusal


class SessionSecurityMiddleware:
    """Ends a session that outlived SESSION_ABSOLUTE_HOURS, lacks the required second factor, or is a partner's.

    After AuthenticationMiddleware and MessageMiddleware. The request then continues anonymously:
    LoginRequiredMiddleware sends a page to the login form, and the API answers 401/403. The admin
    (Beheer) is covered like every other page, so it too sits behind the second factor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            reason = session_refusal(request, now=timezone.now())
            if reason is not None:
                logout(request)
                if reason == "expired":
                    messages.info(request, _("Your session has ended. Log in again."))
                elif reason == "second_factor":
                    messages.info(request, _("Log in again with the code from your authenticator app."))
        return self.get_response(request)
