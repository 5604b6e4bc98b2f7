"""Request plumbing shared by the apps' views."""

import ipaddress

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_back(request, fallback):
    """Redirect to the `next` the form carried when it points into this site, else to `fallback`."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def client_address(request) -> str | None:
    """The client's IP address: REMOTE_ADDR, or the address the TRUSTED_PROXY_COUNT-th proxy saw.

    Behind a reverse proxy every request comes from the proxy; X-Forwarded-For is read only as far
    as the proxies we run have written it, because a client can send the header itself.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    raw = request.META.get("REMOTE_ADDR", "")
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            raw = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(raw))
    except ValueError:
        return None


def htmx_target(request) -> str | None:
    """The id of the element an htmx request will swap (HX-Target), or None for an ordinary request.

    A history restore (the user went back and htmx had no snapshot) asks for the whole page, so it
    counts as ordinary.
    """
    if request.headers.get("HX-Request") != "true" or request.headers.get("HX-History-Restore-Request") == "true":
        return None
    return request.headers.get("HX-Target") or None


def bad_request(request, message):
    """400 in the application's look, saying in the reader's language what was wrong with the request."""
    return render(request, "core/request_refused.html", {"message": message}, status=400)
