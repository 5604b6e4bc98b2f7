from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """The login form; chain-partner accounts work through the API only."""

    error_messages = {
        "invalid_login": _("The username or password is incorrect. Check both and try again; they are case-sensitive."),
        "inactive": _("This account has been deactivated. Contact functional administration."),
        "api_only": _("This account is for the chain-partner API only and cannot log in here."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "class": "utrecht-textbox"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password", "class": "utrecht-textbox"})

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.is_api_only:
            raise forms.ValidationError(self.error_messages["api_only"], code="api_only")
