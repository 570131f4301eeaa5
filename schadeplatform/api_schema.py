"""drf-spectacular hooks."""

ERROR_COMPONENT = "ApiErrors"
ERROR_SCHEMA = {
    "type": "object",
    "description": 'De foutvorm van de hele API: {"errors": [{"path", "message"}]}.',
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
                "required": ["path", "message"],
            },
        }
    },
    "required": ["errors"],
}
# What a view declares for an error it answers (`extend_schema(responses={404: API_ERRORS})`):
# that one component, by reference (drf-spectacular takes a schema dict as it is).
API_ERRORS = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}


def only_own_api(endpoints, **kwargs):
    """Document only /api/: Wagtail's admin API under /cms/ is internal to the CMS."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


def _error_responses(path: str, operation: dict) -> dict[str, str]:
    """The errors any operation of this kind may answer, whatever its view declares."""
    responses = {"429": "Te veel verzoeken; probeer het later opnieuw."}
    security = operation.get("security")
    if security and {} not in security:
        responses["403"] = "Niet ingelogd, of geen toestemming voor deze handeling."
    if "{" in path:
        responses["404"] = "Bestaat niet, of niet zichtbaar voor deze gebruiker."
    if "requestBody" in operation:
        responses["400"] = "De invoer is onjuist."
        responses["415"] = "Dit soort inhoud wordt niet geaccepteerd."
    elif operation.get("parameters"):
        # A query string or header no database can take (a NUL byte) is refused before any
        # view (schadeplatform.input_guard.RefuseUnstorableInput).
        responses["400"] = "De invoer is onjuist."
    return responses


def document_error_responses(result, generator, request, public):
    """Every operation documents the errors that the platform answers for any operation of its
    kind, in the API's error shape (`schadeplatform/api_errors.py`): 403 without login or
    permission, 404 for an object that does not exist or may not be seen, 400 and 415 for a
    refused body, 429 when throttled. A response the view declares itself is kept."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    content = {"application/json": {"schema": API_ERRORS}}
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in _error_responses(path, operation).items():
                responses.setdefault(code, {"content": content, "description": description})
            for code, response in responses.items():
                if str(code).startswith("4") and "content" not in response:
                    # A view that declares an error by its description only: every 4xx of the
                    # API is in the error shape.
                    response["content"] = content
    return result
