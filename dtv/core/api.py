"""Shared REST plumbing: error format, size-limited JSON, login handled by DRF not the middleware."""

from django.contrib.auth.decorators import login_not_required
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from .exceptions import DomainError
from .parsers import LimitedJSONParser


class ApiView(APIView):
    """Base API view: authentication is DRF's (tokens, session), so Django's login redirect stays out."""

    parser_classes = [LimitedJSONParser]

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(super().as_view(**initkwargs))


def api_exception_handler(exc, context):
    """Every API error as {"code", "detail", "errors"}: 400 with field errors, 409 for broken rules."""
    if isinstance(exc, DomainError):
        return Response({"code": exc.code, "detail": str(exc.message), "errors": {}}, status=status.HTTP_409_CONFLICT)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        codes = exc.get_codes()
        code = "payload_too_large" if "payload_too_large" in str(codes) else "invalid"
        response.data = {"code": code, "detail": _("The request contains invalid data."), "errors": errors}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = {"code": getattr(exc, "default_code", "error"), "detail": str(detail), "errors": {}}
    return response
