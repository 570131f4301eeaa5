"""Valid inputs to start a test from: the shared golden cases, loaded fresh for each test."""

from __future__ import annotations

from typing import Any

from calcengine import loads
from tests.shared import GOLDEN_DIR


def golden_input(name: str = "golf-front-low-speed") -> dict[str, Any]:
    """A fresh, mutable copy of a shared golden input (numbers as Decimal, as `loads` gives)."""
    return loads((GOLDEN_DIR / f"{name}.input.json").read_bytes())


def line(**fields: Any) -> dict[str, Any]:
    """A valid remove_refit line, with `fields` added or replacing its own."""
    return {
        "id": "x1",
        "code": "TEST-CODE",
        "description": "Testregel",
        "operation": "remove_refit",
        "labour_units": "10",
    } | fields
