from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.views.i18n import set_language as django_set_language

from .forms import LoginForm
from .services import user_language_set


@login_not_required
def set_language(request):
    """Django's language switch, which also remembers a logged-in user's choice (the e-mail digest follows it)."""
    response = django_set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        user_language_set(user=request.user, language=request.POST.get("language", ""))
    return response


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass
