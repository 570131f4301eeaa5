"""One error shape for the whole API: `{"errors": [{"path", "message"}]}`, field paths included.

The calculation engine reports refused input the same way, so a client reads one format. The
errors that Django answers itself under /api/ (unknown path, CSRF refusal, server error) take
the same shape through `schadeplatform.error_views`.
"""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def error_data(message: str, path: str = "") -> dict[str, list[dict[str, str]]]:
    """The body of an error answer with one message."""
    return {"errors": [{"path": path, "message": str(message)}]}


def flatten_errors(detail: Any, path: str = "") -> list[dict[str, str]]:
    """Turn DRF's nested error detail into a flat list with dotted/indexed paths."""
    if isinstance(detail, dict):
        errors: list[dict[str, str]] = []
        for key, value in detail.items():
            if key in ("non_field_errors", "detail"):
                child = path
            elif isinstance(key, int):
                child = f"{path}[{key}]"
            else:
                child = f"{path}.{key}" if path else str(key)
            errors.extend(flatten_errors(value, child))
        return errors
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [{"path": path, "message": str(item)} for item in detail]
        errors = []
        for index, item in enumerate(detail):
            errors.extend(flatten_errors(item, f"{path}[{index}]"))
        return errors
    return [{"path": path, "message": str(detail)}]


def exception_handler(exc: Exception, context: dict) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"errors": flatten_errors(exc.detail)}
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = error_data(response.data["detail"])
    return response
