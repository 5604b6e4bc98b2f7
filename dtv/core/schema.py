"""OpenAPI postprocessing: every error response documented with the one error body, closed partner objects."""

# What any endpoint may answer besides its own documented errors (dtv.core.api.api_exception_handler
# gives every one of them the same body): bad JSON or an oversized payload, no or a bad token, no
# right, an Accept the API cannot serve, a throttled client.
_ANY_ENDPOINT = {
    "400": "Invalid input: `errors` names each field with its messages; nothing was saved.",
    "401": "No or invalid credentials.",
    "403": "The caller may not do this.",
    "406": "The Accept header asks for a format the API does not serve (JSON only).",
    "429": "Too many requests: wait the number of seconds in Retry-After.",
}
_WITH_BODY = {"415": "The body is not JSON (Content-Type application/json)."}
_WITH_ID = {"404": "No such object within the caller's scope."}
# Objects whose every key is listed: a reply with another key breaks the contract (data minimisation).
CLOSED_COMPONENTS = ("PartnerCase",)
ERROR_REF = {"$ref": "#/components/schemas/Error"}


def uniform_errors(result, generator, request, public):
    """drf-spectacular hook: add the uniform error body to every operation's undocumented error codes."""
    schemas = result.get("components", {}).get("schemas", {})
    for name in CLOSED_COMPONENTS:
        if name in schemas:
            schemas[name]["additionalProperties"] = False
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            extra = dict(_ANY_ENDPOINT)
            if method in ("post", "put", "patch"):
                extra.update(_WITH_BODY)
            if "{" in path:
                extra.update(_WITH_ID)
            responses = operation["responses"]
            for code, description in extra.items():
                responses.setdefault(
                    code, {"content": {"application/json": {"schema": ERROR_REF}}, "description": description}
                )
    return result
