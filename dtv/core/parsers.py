from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.parsers import JSONParser

MAX_JSON_BYTES = 64 * 1024


class LimitedJSONParser(JSONParser):
    """JSON no larger than MAX_JSON_BYTES: an oversized payload is a 400, never a memory problem."""

    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        length = int(request.META.get("CONTENT_LENGTH") or 0) if request is not None else 0
        if length > MAX_JSON_BYTES:
            raise exceptions.ValidationError(
                {"non_field_errors": [_("The payload is larger than %(limit)s bytes.") % {"limit": MAX_JSON_BYTES}]},
                code="payload_too_large",
            )
        return super().parse(stream, media_type, parser_context)
