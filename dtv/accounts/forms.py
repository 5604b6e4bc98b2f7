import math

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .backends import lockout_of

INVALID_LOGIN = _("The username or password is incorrect. Check both and try again; they are case-sensitive.")


def lockout_message(until, now):
    """The Dutch refusal while logins for an account name or address are locked, with the minutes left."""
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    return ngettext(
        "Too many failed login attempts. Try again in %(minutes)d minute.",
        "Too many failed login attempts. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class LoginForm(AuthenticationForm):
    """The login form: one answer for a wrong password, an unknown account, a deactivated or a partner account."""

    error_messages = {
        "invalid_login": INVALID_LOGIN,
        # Never shown in practice (the backend refuses inactive accounts): the same text, so it reveals nothing.
        "inactive": INVALID_LOGIN,
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "class": "utrecht-textbox"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password", "class": "utrecht-textbox"})

    def get_invalid_login_error(self):
        until = lockout_of(self.request)
        if until is not None:
            return forms.ValidationError(lockout_message(until, timezone.now()), code="locked")
        return super().get_invalid_login_error()


class CodeForm(forms.Form):
    """A code from the authenticator app (6 digits) or one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code your authenticator app shows now, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "class": "utrecht-textbox",
                "spellcheck": "false",
            }
        ),
    )


class EnrolForm(forms.Form):
    """The first code of a newly added authenticator app, proving it was set up."""

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=6,
        help_text=_("The 6-digit code the app shows after you added Regie to it."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "utrecht-textbox"}
        ),
    )
