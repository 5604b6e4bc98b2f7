import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language
from django_otp import login as otp_login

from dtv.core.forms import add_service_errors
from dtv.core.http import client_address

from . import twofactor
from .forms import CodeForm, EnrolForm, LoginForm, lockout_message
from .lockout import login_failure_record, login_locked_until
from .services import user_language_set
from .sessions import sessions_end_all

# Between password and code: the password step is remembered this long, on this session only.
PENDING_KEY = "_regie_pending_login"
PENDING_SECONDS = 5 * 60


@login_not_required
def set_language(request):
    """Django's language switch, which also remembers a logged-in user's choice (the e-mail digest follows it)."""
    response = django_set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response



class LoginView(auth_views.LoginView):
    """Step one: the password. When a second factor is due, the session is not logged in yet."""

    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not twofactor.second_factor_asked(user):
            return super().form_valid(form)
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": int(time.time()),
            "next": self.get_success_url(),
        }
        if twofactor.totp_device(user) is None:
            return redirect("accounts:login_enrol")
        return redirect("accounts:login_code")


class LogoutView(auth_views.LogoutView):
    pass


def _pending(request):
    """The user who passed the password step on this session in the last PENDING_SECONDS, or None."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, None
    user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
    return user, pending


def _start_again(request):
    request.session.pop(PENDING_KEY, None)
    messages.info(request, _("Log in again: the previous step took too long."))
    return redirect("accounts:login")


def _complete_login(request, user, pending, device):
    request.session.pop(PENDING_KEY, None)
    auth_login(request, user, backend=pending["backend"])
    otp_login(request, device)
    target = pending.get("next") or settings.LOGIN_REDIRECT_URL
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = settings.LOGIN_REDIRECT_URL
    return target


@login_not_required
def login_code(request):
    """Step two: the code of the authenticator app or a recovery code."""
    user, pending = _pending(request)
    if user is None:
        return _start_again(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        now, address = timezone.now(), client_address(request)
        until = login_locked_until(username=user.get_username(), address=address, now=now)
        if until is not None:
            form.add_error(None, lockout_message(until, now))
        else:
            try:
                device = twofactor.second_factor_verify(user=user, code=form.cleaned_data["code"])
            except ValidationError as error:
                login_failure_record(username=user.get_username(), address=address, now=now)
                add_service_errors(form, error)
            else:
                return redirect(_complete_login(request, user, pending, device))
    return render(request, "registration/login_code.html", {"form": form})


def _enrolment(request, user, *, on_confirmed):
    device = twofactor.totp_enrolment_device(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = twofactor.totp_enrolment_confirm(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            target = on_confirmed(device)
            return render(request, "registration/recovery_codes.html", {"codes": codes, "next": target})
    context = {"form": form, "secret": twofactor.totp_secret_text(device), "required": settings.REQUIRE_2FA}
    return render(request, "registration/enrol.html", context)


@login_not_required
def login_enrol(request):
    """Step two for someone without an app yet (REQUIRE_2FA): add one, confirm a code, get recovery codes."""
    user, pending = _pending(request)
    if user is None:
        return _start_again(request)
    if twofactor.totp_device(user) is not None:
        return redirect("accounts:login_code")
    return _enrolment(request, user, on_confirmed=lambda device: _complete_login(request, user, pending, device))


def _enrolling_user(request):
    if request.user.is_authenticated:
        return request.user
    user, _pending_data = _pending(request)
    return user


@login_not_required
def enrol_qr(request):
    """The QR code of the app being added, for the person adding it (logged in or between the two steps)."""
    user = _enrolling_user(request)
    if user is None:
        return HttpResponse(status=404)
    return HttpResponse(twofactor.totp_qr_svg(twofactor.totp_enrolment_device(user)), content_type="image/svg+xml")


def security(request):
    """The user's own security: the authenticator app, recovery codes and log out everywhere."""
    user = request.user
    context = {
        "device": twofactor.totp_device(user),
        "codes_left": twofactor.recovery_codes_left(user),
        "verified": twofactor.session_is_verified(request),
        "required": settings.REQUIRE_2FA,
    }
    return render(request, "registration/security.html", context)


def security_enrol(request):
    """Add (or replace) the authenticator app while logged in; replacing needs a verified session."""
    if twofactor.totp_device(request.user) is not None and not twofactor.session_is_verified(request):
        messages.error(request, _("Log in with your current app first to replace it."))
        return redirect("accounts:security")

    def confirmed(device):
        otp_login(request, device)
        return reverse("accounts:security")

    return _enrolment(request, request.user, on_confirmed=confirmed)


@require_POST
def recovery_codes_new(request):
    """Replace the recovery codes (shown once); only in a session that passed the second factor."""
    if not twofactor.session_is_verified(request):
        messages.error(request, _("Log in with your authenticator app to make new recovery codes."))
        return redirect("accounts:security")
    codes = twofactor.recovery_codes_issue(user=request.user)
    return render(request, "registration/recovery_codes.html", {"codes": codes, "next": reverse("accounts:security")})


@require_POST
def logout_everywhere(request):
    """End every session of the user, on every computer, this one included."""
    sessions_end_all(user=request.user)
    logout(request)
    messages.success(request, _("You have been logged out everywhere. Log in again to continue."))
    return redirect("accounts:login")


@login_not_required
def admin_login(request):
    """The admin has no login of its own: it uses Regie's, with the lockout and the second factor."""
    target = request.GET.get("next", "/beheer/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/beheer/"
    return redirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")
