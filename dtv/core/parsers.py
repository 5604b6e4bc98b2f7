"""JSON for the API, read defensively: bounded in size and depth, finite numbers, text PostgreSQL can store.

Each limit stops an input that otherwise reaches the database or the interpreter and ends in a 500:
deep nesting exhausts the recursion limit of the decoder, `1e400` becomes `inf` (no JSON), NaN is
no JSON either, and PostgreSQL's text and jsonb cannot hold U+0000 or a lone surrogate.
"""

import json
import re

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.parsers import JSONParser

MAX_JSON_BYTES = 64 * 1024
# Regie's deepest real payload (a handover: object → nationalities → object) is 3 levels deep.
MAX_JSON_DEPTH = 16
# Longer than any identifier or count the API takes; Python refuses beyond 4,300 digits anyway.
MAX_JSON_INTEGER_DIGITS = 30

_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")
NON_FIELD = "non_field_errors"


class _Refused:
    """Stands in for a value the decoder met but the API refuses, so the walk can name its field."""

    def __init__(self, code):
        self.code = code


_NON_FINITE = _Refused("number_out_of_range")
_TOO_LONG = _Refused("number_out_of_range")


def _parse_float(text):
    value = float(text)
    return value if value not in (float("inf"), float("-inf")) else _NON_FINITE


def _parse_int(text):
    return int(text) if len(text.lstrip("-")) <= MAX_JSON_INTEGER_DIGITS else _TOO_LONG


def _parse_constant(_text):
    return _NON_FINITE


def nesting_depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects in `raw`, brackets inside strings not counted."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub(b'""', raw)):
        if bracket in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate such as "\ud800"
        return False
    return True


def _messages():
    return {
        "null_character": _("Text may not contain the null character (U+0000) or an unpaired surrogate."),
        "number_out_of_range": _("This number is out of range (NaN, Infinity and numbers like 1e400 are refused)."),
    }


def _problems(data) -> dict:
    """{top-level field: [message]} for every refused value, walked without recursion."""
    found = {}
    stack = [(key, value) for key, value in data.items()] if isinstance(data, dict) else [(NON_FIELD, data)]
    while stack:
        field, value = stack.pop()
        code = None
        if isinstance(value, _Refused):
            code = value.code
        elif isinstance(value, str) and not _storable(value):
            code = "null_character"
        elif isinstance(value, dict):
            for key, item in value.items():
                if not _storable(key):
                    code = "null_character"
                stack.append((field, item))
        elif isinstance(value, list):
            stack.extend((field, item) for item in value)
        if code:
            field = field if isinstance(field, str) and _storable(field) else NON_FIELD
            found.setdefault(field, code)
    messages = _messages()
    return {field: [messages[code]] for field, code in found.items()}


def payload_too_large_message():
    return _("The payload is larger than %(limit)s bytes.") % {"limit": MAX_JSON_BYTES}


def _too_large():
    return exceptions.ValidationError({NON_FIELD: [payload_too_large_message()]}, code="payload_too_large")


def parse_json_payload(raw: bytes):
    """The decoded payload, or a DRF ValidationError / ParseError (both a 400) saying what is wrong."""
    if len(raw) > MAX_JSON_BYTES:
        raise _too_large()
    if nesting_depth(raw) > MAX_JSON_DEPTH:
        raise exceptions.ValidationError(
            {NON_FIELD: [_("The payload is nested more than %(limit)s levels deep.") % {"limit": MAX_JSON_DEPTH}]},
            code="payload_too_deep",
        )
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, parse_float=_parse_float, parse_int=_parse_int, parse_constant=_parse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise exceptions.ParseError(_("The request body is not valid JSON (UTF-8).")) from error
    problems = _problems(data)
    if problems:
        raise exceptions.ValidationError(problems, code="invalid")
    return data


class LimitedJSONParser(JSONParser):
    """JSON no larger than MAX_JSON_BYTES nor deeper than MAX_JSON_DEPTH: a hostile payload is a 400, never a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if declared and declared.isascii() and declared.isdigit() and int(declared) > MAX_JSON_BYTES:
            raise _too_large()
        # Read one byte past the limit: a body without a truthful length is bounded all the same.
        raw = stream.read(MAX_JSON_BYTES + 1) if stream is not None else b""
        return parse_json_payload(raw)
