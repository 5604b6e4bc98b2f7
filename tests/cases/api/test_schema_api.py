"""The OpenAPI schema documents every endpoint without warnings, and the docs work on a closed network."""

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/cases/",
    "/api/v1/cases/{id}/",
    "/api/v1/cases/{id}/assign/",
    "/api/v1/cases/{id}/start-work/",
    "/api/v1/cases/{id}/prepare-departure/",
    "/api/v1/cases/{id}/resume-work/",
    "/api/v1/cases/{id}/close/",
    "/api/v1/cases/{id}/interviews/",
    "/api/v1/cases/{id}/procedures/",
    "/api/v1/procedures/{id}/decide/",
    "/api/v1/cases/{id}/deadlines/",
    "/api/v1/cases/{id}/events/",
]


def test_the_schema_builds_without_warnings_and_names_every_endpoint(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = target.read_text()
    assert [path for path in ENDPOINTS if f"  {path}:\n" not in schema] == []


def test_swagger_ui_is_served_from_our_own_static_files(client, case_officer):
    client.force_login(case_officer)
    page = client.get("/api/v1/docs/").content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn.jsdelivr.net" not in page


def test_every_error_response_of_every_operation_has_the_uniform_error_body(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    bodies = {
        (path, method, code): response.get("content", {}).get("application/json", {}).get("schema")
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for code, response in operation["responses"].items()
        if code.startswith("4")
    }
    assert {key for key, body in bodies.items() if body != {"$ref": "#/components/schemas/Error"}} == set()
    # Every operation documents at least the codes any endpoint can give.
    operations = {(path, method) for path, method, _code in bodies}
    for path, method in operations:
        codes = {code for p, m, code in bodies if (p, m) == (path, method)}
        assert {"400", "401", "403", "406", "429"} <= codes, (path, method)
        assert "{" not in path or "404" in codes, (path, method)
