"""The vendored xAPI statement schema (Rustici Software's TinCanSchema, JSON Schema draft 4;
assessment/xapi/vendor/README.md) as a `jsonschema` validator.

The schema comes as one file per object; it is joined here the way its own build joins it
(`npm/prepublish.js`: each file under `properties`, keyed by its `id` without the "#"), so a
`{"$ref": "#agent"}` resolves to the part whose draft-4 `id` is "#agent". Its string formats
(IRI, UUID, ISO 8601 date, language tag, …) are regular expressions in `formats/formats.json`,
registered on a format checker as its README asks; without them a format is not checked.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

import assessment.xapi

SCHEMA_DIR = Path(assessment.xapi.__file__).parent / "vendor" / "tincan-schema" / "1.0.1"


SCHEMA_URI = "urn:tincan-schema:1.0.1"


def _joined() -> dict:
    joined: dict = {
        "id": SCHEMA_URI,
        "$schema": "http://json-schema.org/draft-04/schema#",
        "type": "object",
        "additionalProperties": False,
        "properties": {},
    }
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        part = json.loads(path.read_text())
        part.pop("$schema", None)
        joined["properties"][part["id"][1:]] = part
    return joined


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    patterns = json.loads((SCHEMA_DIR / "formats" / "formats.json").read_text())
    for name, pattern in patterns.items():
        compiled = re.compile(pattern)
        checker.checks(name)(
            lambda value, compiled=compiled: (
                not isinstance(value, str) or compiled.search(value) is not None
            )
        )
    return checker


@cache
def validator(kind: str = "statement") -> Draft4Validator:
    """A validator for one of the schema's objects (`statement` by default)."""
    registry = Registry().with_resource(SCHEMA_URI, Resource(_joined(), specification=DRAFT4))
    return Draft4Validator(
        {"$ref": f"{SCHEMA_URI}#{kind}"}, registry=registry, format_checker=_format_checker()
    )


def statement_errors(statement: dict) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator().iter_errors(statement)
    ]
