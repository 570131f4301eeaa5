"""What the API fuzzing needs besides schemathesis: roles, real ids and the error-shape check.

Real ids are looked up by the path segment before the parameter (`/attempts/{id}/` takes
attempt ids). A new resource is reached by adding a row to KNOWN_RESOURCES; a model that does
not exist yet simply yields no ids.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

# Requests sent per harness in this run, reported at the end (tests/hardening/conftest.py).
REQUEST_COUNTS: dict[str, int] = {}


def count_requests(harness: str, sent: int = 1) -> None:
    REQUEST_COUNTS[harness] = REQUEST_COUNTS.get(harness, 0) + sent


# role → demo username (schadeplatform/accounts/demo.py); None is an anonymous visitor.
ROLE_USERNAMES: dict[str, str | None] = {
    "anonymous": None,
    "trainee": "cursist1",
    "assessor": "beoordelaar1",
    "editor": "redacteur1",
    "admin": "admin",
}


def _model_ids(app_label: str, model_name: str, field: str = "pk") -> Callable[[], list]:
    def ids() -> list:
        from django.apps import apps

        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            return []
        return list(model.objects.order_by(field).values_list(field, flat=True).distinct()[:50])

    return ids


def _vehicle_ids() -> list:
    from calcengine.catalogue import vehicles

    return [vehicle.id for vehicle in vehicles()][:50]


# path segment before the parameter → where its real values come from
KNOWN_RESOURCES: dict[str, Callable[[], list]] = {
    "attempts": _model_ids("cases", "Attempt"),
    "cases": _model_ids("cases", "Case"),
    "versions": _model_ids("cases", "CalculationVersion", "number"),
    "vehicles": _vehicle_ids,
    "cohorts": _model_ids("accounts", "Cohort"),
    "assessments": _model_ids("assessment", "Assessment"),
    "grades": _model_ids("assessment", "Grade"),
    "pages": _model_ids("wagtailcore", "Page"),
}

_PARAMETER = re.compile(r"([^/{}]+)/\{(\w+)\}")


def known_path_values() -> dict[str, list]:
    """Real values per resource segment, read from the database as the test set it up."""
    return {segment: source() for segment, source in KNOWN_RESOURCES.items()}


def substitute_known_values(case: Any, known: dict[str, list], pick: int) -> bool:
    """Point the case's path parameters at real objects; False when none of them is known."""
    changed = False
    for segment, name in _PARAMETER.findall(case.operation.path):
        values = known.get(segment) or []
        if values and case.path_parameters is not None and name in case.path_parameters:
            case.path_parameters[name] = values[pick % len(values)]
            changed = True
    return changed


def case_binding_prefix() -> str:
    """Where the CASE 1.1 binding is mounted (content/case_framework/urls.py)."""
    from django.urls import reverse

    return reverse("api:content_api:case-documents").removesuffix("CFDocuments")


def assert_error_body(where: str, path: str, body: Any) -> None:
    """A client error's body is the API's one shape {"errors": [{"path", "message"}, ...]}.
    The CASE 1.1 binding's own refusals (an unknown or malformed identifier) are the standard's
    imsx_StatusInfo instead (its schema forbids other keys), whose codeMinor fields name the
    offending parameter; what the platform's guards refuse before the binding runs (a NUL byte,
    a bad login, a throttle) keeps the platform's shape there too (content/README.md). Which
    status answers which shape is the schema's to say (schemathesis checks the body against it)."""
    if path.startswith(case_binding_prefix()) and isinstance(body, dict) and "errors" not in body:
        assert isinstance(body, dict) and body.get("imsx_codeMajor") == "failure", (
            f"{where}: not a CASE imsx_StatusInfo failure: {body!r}"
        )
        assert body.get("imsx_severity") == "error" and body.get("imsx_description"), (
            f"{where}: {body!r}"
        )
        fields = body.get("imsx_codeMinor", {}).get("imsx_codeMinorField")
        assert isinstance(fields, list) and fields, f"{where}: no codeMinor field in {body!r}"
        assert all(
            {"imsx_codeMinorFieldName", "imsx_codeMinorFieldValue"} <= field.keys()
            for field in fields
        ), f"{where}: {body!r}"
        return
    errors = body.get("errors") if isinstance(body, dict) else None
    assert isinstance(errors, list) and errors, f"{where}: no errors list in {body!r}"
    for error in errors:
        assert isinstance(error, dict) and {"path", "message"} <= error.keys(), (
            f"{where}: an error without path and message: {error!r}"
        )


def api_error_shape(ctx: Any, response: Any, case: Any) -> bool | None:
    """A client error is JSON in the API's one shape (assert_error_body), also for a path that
    no route matches (schadeplatform/error_views.py)."""
    if not 400 <= response.status_code < 500:
        return None
    content_type = response.headers.get("content-type", [""])
    content_type = content_type[0] if isinstance(content_type, list) else content_type
    assert "json" in content_type, (
        f"{case.operation.label} answered {response.status_code} as {content_type!r}, not JSON"
    )
    body = json.loads(response.content or b"null")
    assert_error_body(
        f"{case.operation.label} answered {response.status_code}", case.formatted_path, body
    )
    return None
