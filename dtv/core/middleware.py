from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .parsers import MAX_JSON_BYTES, payload_too_large_message
from .uploads import max_size_text


class DutchByDefaultMiddleware:
    """Dutch unless the user chose otherwise: the browser's Accept-Language is not a choice.

    A government system serves its officers in Dutch; an English-language browser on a shared
    workstation must not switch the UI. The explicit choice (language cookie set through the
    language form) still wins, because LocaleMiddleware reads the cookie first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class NoStoreMiddleware:
    """Every reply that is not a static file is `Cache-Control: no-store`.

    Nearly every page and API reply shows personal data; a rule per view would be forgotten once.
    Static files never reach this middleware: WhiteNoise, before it in MIDDLEWARE, answers them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response


def _content_length(request):
    raw = request.META.get("CONTENT_LENGTH") or "0"
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 15 else None


def _is_api(request):
    return request.path_info.startswith(settings.API_PATH_PREFIX)


def _upload_limit(request):
    """The body a view may receive: the upload views named in UPLOAD_VIEWS more, every other view less."""
    try:
        view_name = resolve(request.path_info).view_name
    except Resolver404:
        return None, settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    limit = settings.UPLOAD_VIEWS.get(view_name)
    return (view_name, limit) if limit is not None else (None, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


class RequestBodyLimitMiddleware:
    """Refuse a request body by its declared length and sender before anything reads it.

    Django spools a multipart body to a temporary file while parsing it, and the CSRF middleware
    parses it (reading request.POST for the token) before any view or login check runs. This
    middleware runs before that parse (CSRF reads the body in process_view, after every
    middleware's __call__): a body for an upload view from someone not logged in, or a body longer
    than the view may take (DATA_UPLOAD_MAX_MEMORY_SIZE unless UPLOAD_VIEWS names it), is refused
    unread. What is accepted fits FILE_UPLOAD_MAX_MEMORY_SIZE, so it is parsed in memory, not on disk.
    A body without a truthful Content-Length is bounded by LimitedUploadHandler.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _content_length(request)
        if length is None:
            return self._refuse(request, 400, "invalid_content_length", _("The Content-Length header is invalid."))
        if length == 0:
            return self.get_response(request)
        if _is_api(request):
            if length > MAX_JSON_BYTES:
                # The API's own answer to an oversized payload (as LimitedJSONParser gives it): 400.
                errors = {"non_field_errors": [payload_too_large_message()]}
                detail = _("The request contains invalid data.")
                body = {"code": "payload_too_large", "detail": detail, "errors": errors}
                return self._close(JsonResponse(body, status=400))
            return self.get_response(request)
        upload_view, limit = _upload_limit(request)
        if upload_view and not request.user.is_authenticated:
            # Only an upload view takes a body this large: never from someone not logged in.
            return redirect_to_login(request.get_full_path())
        if length > limit:
            return self._too_large(request, limit)
        return self.get_response(request)

    def _too_large(self, request, limit):
        message = _("The request is larger than the %(limit)s MB this page accepts.") % {"limit": max_size_text(limit)}
        return self._refuse(request, 413, "payload_too_large", message)

    def _refuse(self, request, status, code, message):
        if _is_api(request):
            response = JsonResponse({"code": code, "detail": message, "errors": {}}, status=status)
        else:
            response = render(request, "core/request_refused.html", {"message": message}, status=status)
        return self._close(response)

    def _close(self, response):
        # The unread body stays in the socket: do not reuse the connection for another request.
        response["Connection"] = "close"
        return response
