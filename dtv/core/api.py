"""Shared REST plumbing: error format, size-limited JSON, login handled by DRF not the middleware."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler, set_rollback

from .exceptions import DomainError
from .parsers import LimitedJSONParser

# Codes of a payload refused as a whole, before any field is looked at (see parsers.py).
PAYLOAD_CODES = ("payload_too_large", "payload_too_deep")


class ApiView(APIView):
    """Base API view: authentication is DRF's (tokens, session), so Django's login redirect stays out."""

    parser_classes = [LimitedJSONParser]

    @classmethod
    def as_view(cls, **initkwargs):
        return login_not_required(super().as_view(**initkwargs))


class ErrorSerializer(serializers.Serializer):
    """The body of every API error (for the schema)."""

    code = serializers.CharField(help_text="Machine-readable: invalid, not_found, permission_denied, or a rule's code.")
    detail = serializers.CharField(help_text="A message for people, in the user's language (Dutch by default).")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Per field the messages; errors that concern no single field under non_field_errors.",
    )


def documented_errors(descriptions, *codes) -> dict:
    """The OpenAPI responses of `codes`: each the uniform error body, described by `descriptions[code]`."""
    return {code: OpenApiResponse(ErrorSerializer, description=descriptions[code]) for code in codes}


class TransitionView(ApiView):
    """POST one transition of one object: find it in the caller's scope, validate the body, run the service.

    Each app's transitions (a removal's confirm, a measure's end, a request's answer ...) differ only in the
    object they find, the service they call and the answer they give; those three are the subclass's.
    """

    serializer_class = None  # the request body; None for a transition that takes none

    def get_target(self, request, pk):  # pragma: no cover - every app's base overrides it
        raise NotImplementedError

    def run(self, request, target, data, now):  # pragma: no cover - every transition overrides it
        raise NotImplementedError

    def respond(self, request, target, result):  # pragma: no cover - every app's base overrides it
        raise NotImplementedError

    def transit(self, request, pk):
        target = self.get_target(request, pk)
        data = {}
        if self.serializer_class is not None:
            serializer = self.serializer_class(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
        return self.respond(request, target, self.run(request, target, data, timezone.now()))

    def post(self, request, pk):
        return self.transit(request, pk)


def transition(responses, serializer=None, doc=""):
    """Class decorator of a TransitionView: its request body and its documented answers and description."""

    def decorate(cls):
        # A function of the class's own: extend_schema annotates the function it is given, so decorating an
        # inherited `post` would give every transition the last one's body and description.
        def post(self, request, pk):
            return self.transit(request, pk)

        cls.serializer_class = serializer
        cls.post = extend_schema(request=serializer, responses=responses, description=doc)(post)
        return cls

    return decorate


def _field_errors(exc: DjangoValidationError) -> dict:
    """A Django ValidationError as {field: [messages]}, with Django's __all__ renamed as DRF names it."""
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if name == NON_FIELD_ERRORS else name): messages
            for name, messages in exc.message_dict.items()
        }
    return {"non_field_errors": exc.messages}


def _error(code, detail, errors=None, *, status_code):
    set_rollback()
    return Response({"code": code, "detail": str(detail), "errors": errors or {}}, status=status_code)


def api_exception_handler(exc, context):
    """Every API error as {"code", "detail", "errors"}: 400 with field errors, 409 for broken rules."""
    if isinstance(exc, DomainError):
        # A rule may list what it found (an incomplete detention order lists its missing parts).
        return _error(exc.code, exc.message, getattr(exc, "errors", None), status_code=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        # A service refused the input: the same 400 as a serializer's, so clients handle one format.
        return _error(
            "invalid",
            _("The request contains invalid data."),
            _field_errors(exc),
            status_code=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        # Django's message names the model ("No Case matches…"); the API says no more than "not found".
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        codes = str(exc.get_codes())
        # A payload refused as a whole keeps its own code; field errors are "invalid".
        code = next((name for name in PAYLOAD_CODES if name in codes), "invalid")
        response.data = {"code": code, "detail": _("The request contains invalid data."), "errors": errors}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = {"code": getattr(exc, "default_code", "error"), "detail": str(detail), "errors": {}}
    return response
