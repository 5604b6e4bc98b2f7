"""Review 1, finding 6: JSON nested 20,000 deep, U+0000, 1e400 and NaN gave a 500 on every JSON endpoint."""

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework import exceptions
from rest_framework.test import APIClient

from cases.models import Handover
from dtv.core.parsers import MAX_JSON_DEPTH, nesting_depth, parse_json_payload
from tests.factories.accounts import ChainPartnerFactory, api_token_key

HANDOVER = {
    "reference": "R-NUL",
    "handover_date": "2026-03-02",
    "v_number": "9300000001",
    "surname": "A",
    "sex": "unknown",
    "nationalities": [{"country": "XXX", "status": "claimed"}],
    "track": "asylum_rejected",
}


def post_raw(body: bytes):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_key(ChainPartnerFactory())}")
    return client.post("/api/v1/handovers/", body, content_type="application/json")


def handover_with(**raw_fields) -> bytes:
    """The valid handover with fields written as raw JSON text (so 1e400 and NaN stay literal)."""
    text = json.dumps(HANDOVER)[:-1]
    for name, raw in raw_fields.items():
        text += f', "{name}": {raw}'
    return (text + "}").encode()


@pytest.mark.django_db
class TestTheApiAnswers400:
    def test_to_json_nested_twenty_thousand_deep(self):
        response = post_raw(b"[" * 20_000 + b"]" * 20_000)
        assert response.status_code == 400
        assert response.json()["code"] == "payload_too_deep"
        assert Handover.objects.count() == 0

    def test_to_an_object_nested_six_thousand_deep(self):
        assert post_raw(b'{"a":' * 6_000 + b"1" + b"}" * 6_000).json()["code"] == "payload_too_deep"

    def test_to_a_null_character_in_an_unknown_field_naming_the_field(self):
        response = post_raw(handover_with(extra='"x\\u0000y"'))
        assert response.status_code == 400
        assert response.json()["errors"] == {
            "extra": ["Tekst mag het nulteken (U+0000) of een ongepaarde surrogaat niet bevatten."]
        }
        assert Handover.objects.count() == 0

    def test_to_a_lone_surrogate(self):
        response = post_raw(handover_with(extra='"\\ud800"'))
        assert response.status_code == 400 and list(response.json()["errors"]) == ["extra"]

    @pytest.mark.parametrize("literal", ["1e400", "-1e400", "NaN", "Infinity", "-Infinity", "1" * 40])
    def test_to_a_number_json_cannot_carry_naming_the_field(self, literal):
        response = post_raw(handover_with(surname=literal))
        assert response.status_code == 400
        assert response.json()["errors"] == {
            "surname": ["Dit getal valt buiten het bereik (NaN, Infinity en getallen als 1e400 worden geweigerd)."]
        }
        assert Handover.objects.count() == 0

    def test_to_invalid_utf8(self):
        assert post_raw(b'{"a": "\xff"}').status_code == 400

    def test_a_handover_nested_as_deep_as_it_really_is_still_works(self):
        assert post_raw(json.dumps(HANDOVER).encode()).status_code == 201


class TestNestingDepth:
    @pytest.mark.parametrize(
        "raw, depth",
        [(b"1", 0), (b"[]", 1), (b'{"a": [{"b": []}]}', 4), (b'["[[[[", "{{{"]', 1), (b'["\\"[["]', 1)],
    )
    def test_counts_brackets_outside_strings(self, raw, depth):
        assert nesting_depth(raw) == depth

    def test_allows_exactly_the_limit(self):
        raw = b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH
        assert parse_json_payload(raw) is not None


JSONISH = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30,
)


class TestFuzz:
    @settings(max_examples=400, deadline=None)
    @given(st.binary(max_size=400))
    def test_arbitrary_bytes_give_data_or_a_400_type_error(self, raw):
        with contextlib.suppress(exceptions.ParseError, exceptions.ValidationError):
            parse_json_payload(raw)

    @settings(max_examples=300, deadline=None)
    @given(JSONISH, st.sampled_from(["", "1e400", "NaN", '"\\u0000"', "[" * 40]))
    def test_json_with_hostile_pieces_gives_data_or_a_400_type_error(self, value, piece):
        raw = json.dumps(value)
        if piece:
            raw = raw.replace("null", piece, 1) if "null" in raw else f"[{raw}, {piece}]"
        try:
            parse_json_payload(raw.encode())
        except (exceptions.ParseError, exceptions.ValidationError) as error:
            assert error.status_code == 400

    @settings(max_examples=200, deadline=None)
    @given(JSONISH)
    def test_storable_json_comes_back_as_it_went_in(self, value):
        raw = json.dumps(value).encode()
        if b"\\u0000" in raw or nesting_depth(raw) > MAX_JSON_DEPTH or b"\\ud" in raw.lower():
            return
        assert parse_json_payload(raw) == json.loads(raw)
