from django.shortcuts import redirect, render

from .navigation import start_page


def home(request):
    """Send each role to where its day starts (the start pages the apps declare)."""
    url_name = start_page(request.user)
    if url_name is not None:
        return redirect(url_name)
    return render(request, "home.html")


# Error pages in the application's look, with the navigation and in the user's language (Django's own are
# bare English). handler403 also serves permission_required(raise_exception=True).


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: most often a form left open past the session's idle time."""
    return render(request, "403_csrf.html", status=403)
