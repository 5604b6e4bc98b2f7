"""Every transition endpoint documents its own request body and description (dtv.core.api.transition)."""

from collections import Counter

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


def _post_operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {path: item["post"] for path, item in schema["paths"].items() if "post" in item}


def test_no_two_transitions_share_one_description():
    # Regression: decorating the inherited `post` gave every transition the last one's body and text.
    descriptions = Counter(op.get("description", "") for op in _post_operations().values())
    assert [text for text, count in descriptions.items() if text and count > 1] == []


def test_each_removal_transition_documents_its_own_body():
    operations = _post_operations()
    confirm = operations["/api/v1/removals/{id}/confirm/"]
    cancel = operations["/api/v1/removals/{id}/cancel/"]
    assert confirm["description"].startswith("Confirm")
    assert "requestBody" not in confirm
    assert cancel["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Cancel"}


def test_a_measure_transition_and_an_lp_transition_keep_their_own_answers():
    operations = _post_operations()
    end = operations["/api/v1/measures/{id}/end/"]
    answer = operations["/api/v1/travel-document-requests/{id}/answer/"]
    assert end["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Measure")
    assert answer["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Request")
