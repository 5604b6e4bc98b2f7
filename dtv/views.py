from django.shortcuts import redirect, render

from .navigation import start_page


def home(request):
    """Send each role to where its day starts (the start pages the apps declare)."""
    url_name = start_page(request.user)
    if url_name is not None:
        return redirect(url_name)
    return render(request, "home.html")
